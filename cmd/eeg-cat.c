/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-cat: concatenate tensor streams; print them as CSV text, a .npy array, or a summary. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "text", no_argument, NULL, 't' },
	{ "unix-time", no_argument, NULL, 'u' },
	{ "npy", required_argument, NULL, 'n' },
	{ "info", no_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-cat [-t [-u] | --npy FILE | --info] [file ...]",
	"-t, --text\tCSV text: label,group,time and one column per value\n"
	"-u, --unix-time\twith -t: time as Unix seconds, the header's t0 plus the frame's\n"
	"    --npy FILE\tthe values as a NumPy .npy array in FILE\n"
	"    --info\tthe header of one stream in readable form\n",
	"tu", longs,
};

/* CSV cell: quoted when it holds a comma, quote or space at either end. */
static void
put_cell(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
text_header(const struct header *h)
{
	fputs("label,group,time", stdout);
	for (size_t i = 0; i < h->size; i++) {
		const char *c = header_column(h, i);
		fputc(',', stdout);
		if (*c && h->columns.n == h->size)
			put_cell(stdout, c);
		else if (*c)	/* names per feature of a (T,F) frame: t<step>_<name> */
			printf("t%zu_%s", i / h->columns.n, c);
		else
			printf("x%zu", i);
	}
	fputc('\n', stdout);
}

/* One frame as a CSV line; %.9g round-trips every float exactly. The time is the
 * frame's, or with -u t0 + the frame's in Unix seconds, to the microsecond. */
static void
text_frame(const struct header *h, const struct frame *f, int unix_time, double t0)
{
	char num[32];

	if (f->label != TENSOR_NONE)
		put_cell(stdout, h->classes.v[f->label]);
	fputc(',', stdout);
	if (f->group != TENSOR_NONE)
		put_cell(stdout, h->groups.v[f->group]);
	fputc(',', stdout);
	if (!isnan(f->time) && unix_time)
		printf("%.6f", t0 + f->time);
	else if (!isnan(f->time))
		printf("%.17g", f->time);
	for (size_t i = 0; i < h->size; i++) {
		int n = snprintf(num, sizeof num, ",%.9g", f->x[i]);
		fwrite(num, 1, n, stdout);
	}
	fputc('\n', stdout);
}

/* --- .npy output: the row count is patched in when the stream ends --- */

#define NPY_HEAD 192	/* magic, version, length, dict padded to 192 bytes in all */

static void
npy_header(FILE *fp, const struct header *h, unsigned long long rows)
{
	char dict[NPY_HEAD], shape[64];
	size_t off;

	off = snprintf(shape, sizeof shape, "(%llu,", rows);
	for (int i = 0; i < h->ndim; i++)
		off += snprintf(shape + off, sizeof shape - off, " %u,", h->dims[i]);
	if (h->ndim >= 1)
		shape[off - 1] = '\0';	/* "(n, a, b)" without a trailing comma */
	snprintf(dict, sizeof dict, "{'descr': '<f4', 'fortran_order': False, 'shape': %s), }",
	    shape);
	off = strlen(dict);
	memset(dict + off, ' ', NPY_HEAD - 10 - off);
	dict[NPY_HEAD - 10 - 1] = '\n';
	unsigned char len[2];
	put_u16(len, NPY_HEAD - 10);	/* the header length, u16 little-endian */
	fwrite("\x93NUMPY\x01\x00", 1, 8, fp);
	fwrite(len, 1, 2, fp);
	fwrite(dict, 1, NPY_HEAD - 10, fp);
}

static void
info(struct reader *r)
{
	const struct header *h = &r->h;
	unsigned long long *ccount, *gcount, nolabel = 0, nogroup = 0;
	double tmin = INFINITY, tmax = -INFINITY;
	struct frame f;
	char shape[64];
	size_t col;

	size_t nc = 0, ng = 0;

	ccount = NULL;
	gcount = NULL;
	for (;;) {
		int more = tensor_read(r, &f);
		/* the tables grow when a concatenated part brings new names */
		ccount = ereallocarray(ccount, h->classes.n + 1, sizeof *ccount);
		gcount = ereallocarray(gcount, h->groups.n + 1, sizeof *gcount);
		for (; nc < h->classes.n; nc++)
			ccount[nc] = 0;
		for (; ng < h->groups.n; ng++)
			gcount[ng] = 0;
		if (!more)
			break;
		if (f.label == TENSOR_NONE)
			nolabel++;
		else
			ccount[f.label]++;
		if (f.group == TENSOR_NONE)
			nogroup++;
		else
			gcount[f.group]++;
		if (!isnan(f.time)) {
			tmin = fmin(tmin, f.time);
			tmax = fmax(tmax, f.time);
		}
	}
	header_shape_str(h, shape, sizeof shape);
	printf("frames: %llu\n", (unsigned long long)r->nframes);
	printf("parts: %d\n", r->nparts);
	printf("shape: %s (f32)\n", shape);
	if (h->rate > 0)
		printf("rate: %g Hz\n", h->rate);
	if (h->window > 0)
		printf("window: %g s, hop %g s%s\n", h->window, h->hop,
		    header_overlaps(h) ? " (windows overlap)" : "");
	if (tmin <= tmax)
		printf("time: %.17g .. %.17g s\n", tmin, tmax);
	printf("classes: %zu\n", h->classes.n);
	for (size_t i = 0; i < h->classes.n; i++)
		printf("  %zu %s: %llu frames\n", i, h->classes.v[i], ccount[i]);
	if (nolabel)
		printf("  (no label): %llu frames\n", nolabel);
	printf("groups: %zu\n", h->groups.n);
	for (size_t i = 0; i < h->groups.n; i++)
		printf("  %zu %s: %llu frames\n", i, h->groups.v[i], gcount[i]);
	if (nogroup && h->groups.n)
		printf("  (no group): %llu frames\n", nogroup);
	for (size_t i = 0; i < h->meta.n; i++)
		printf("%s\n", h->meta.v[i]);
	printf("columns: %zu\n", h->columns.n);
	/* one line per column would bury the rest: wrap them */
	col = 0;
	for (size_t i = 0; i < h->columns.n; i++) {
		size_t k = strlen(h->columns.v[i]);
		if (col && col + 1 + k > 78) {
			fputc('\n', stdout);
			col = 0;
		}
		printf("%s%s", col ? " " : "  ", h->columns.v[i]);
		col += k + (col ? 1 : 2);
	}
	if (col)
		fputc('\n', stdout);
	free(ccount);
	free(gcount);
}

int
main(int argc, char *argv[])
{
	enum { STREAM, TEXT, NPY, INFO } mode = STREAM;
	const char *npy = NULL;
	struct reader *r;
	struct header m;
	struct writer w;
	struct atomic_file af;
	struct frame f;
	int nin, o, unix_time = 0;
	struct names_map *cmap, *gmap;	/* per input: its table index -> merged index */

	util_init(argc, argv);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		if (o == 'u') {
			unix_time = 1;
			continue;
		}
		if (mode)
			usage_error("-t, --npy and --info exclude each other");
		switch (o) {
		case 't': mode = TEXT; break;
		case 'n': mode = NPY; npy = optarg; break;
		case 'i': mode = INFO; break;
		}
	}
	if (unix_time && mode != TEXT)
		usage_error("-u, --unix-time goes with -t");
	if (mode == STREAM || mode == TEXT)
		util_stream();
	nin = argc - optind;
	char *stdin_only[] = { "-" };
	char **in = nin ? argv + optind : stdin_only;
	if (!nin)
		nin = 1;

	/* open every input first: their headers are merged into one before any frame */
	r = ecalloc(nin, sizeof *r);
	for (int i = 0; i < nin; i++)
		tensor_open(&r[i], in[i]);
	header_copy(&m, &r[0].h);
	for (int i = 1; i < nin; i++) {
		char why[300];
		if (header_compatible(&m, &r[i].h, why, sizeof why))
			die_at(r[i].name, "header", "%s of %s", why, r[0].name);
		/* one merged table up front, so files need no restated header */
		for (size_t k = 0; k < r[i].h.classes.n; k++)
			names_intern(&m.classes, r[i].h.classes.v[k]);
		for (size_t k = 0; k < r[i].h.groups.n; k++)
			names_intern(&m.groups, r[i].h.groups.v[k]);
		/* provenance of every input, as a reader merges a concatenated stream's */
		for (size_t k = 0; k < r[i].h.meta.n; k++)
			if (names_find(&m.meta, r[i].h.meta.v[k]) < 0)
				names_add(&m.meta, r[i].h.meta.v[k]);
	}
	if (mode == INFO) {
		if (nin > 1)
			usage_error("--info reads one stream, not %d", nin);
		info(&r[0]);
		return finish(0);
	}
	cmap = ecalloc(nin, sizeof *cmap);
	gmap = ecalloc(nin, sizeof *gmap);
	header_add_history(&m, argc, argv);
	if (mode == STREAM) {
		tensor_writer(&w, stdout, "stdout", &m);
		w.follow = &m;
	} else if (mode == NPY) {
		atomic_open(&af, npy);
		npy_header(af.fp, &m, 0);
	}
	/* the CSV title row waits for the first whole frame: a stream that is cut short
	 * does not print a title as long as its announced frame first */
	int titled = 0;

	unsigned long long rows = 0;
	for (int i = 0; i < nin; i++) {
		while (tensor_read(&r[i], &f)) {
			/* map this input's table indices into the merged tables */
			if (f.label != TENSOR_NONE)
				f.label = (int32_t)names_map_sync(&cmap[i], &r[i].h.classes,
				    names_map_intern, &m.classes)[f.label];
			if (f.group != TENSOR_NONE)
				f.group = (int32_t)names_map_sync(&gmap[i], &r[i].h.groups,
				    names_map_intern, &m.groups)[f.group];
			m.t0 = r[i].h.t0;	/* this part's: the writer restates it */
			if (mode == STREAM)
				tensor_write(&w, &f);
			else if (mode == TEXT) {
				if (unix_time && r[i].h.t0 == 0 && !isnan(f.time)) {
					char where[64];
					snprintf(where, sizeof where, "frame %llu",
					    (unsigned long long)r[i].nframes - 1);
					die_at(r[i].name, where, "no t0 in its header: the times are "
					    "not Unix times (-u)");
				}
				if (!titled++)
					text_header(&m);
				text_frame(&m, &f, unix_time, r[i].h.t0);
				util_record();
			}
			else if (fwrite(f.x, sizeof *f.x, m.size, af.fp) != m.size)
				die_write(npy, errno);
			rows++;
		}
		if (r[i].fp != stdin)
			fclose(r[i].fp);
	}
	if (mode == TEXT && !titled)
		text_header(&m);
	if (mode == NPY) {
		if (fseek(af.fp, 0, SEEK_SET))
			die_at(npy, "seek", "%s", strerror(errno));
		npy_header(af.fp, &m, rows);
		atomic_commit(&af);
	}
	for (int i = 0; i < nin; i++) {
		names_map_free(&cmap[i]);
		names_map_free(&gmap[i]);
	}
	free(cmap);
	free(gmap);
	return finish(0);
}
