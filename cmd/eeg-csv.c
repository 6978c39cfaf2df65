/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-csv: a CSV feature table (header row of names) -> an eegpipe tensor stream. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "label-column", required_argument, NULL, 'L' },
	{ "group-column", required_argument, NULL, 'G' },
	{ "time-column", required_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-csv [--label-column NAME] [--group-column NAME] [--time-column NAME]\n"
	"               [-w SECONDS -s SECONDS] [file]",
	"    --label-column NAME\tclasses from column NAME (default: label, if present)\n"
	"    --group-column NAME\tgroups from column NAME (default: group, if present)\n"
	"    --time-column NAME\ttimes in seconds from column NAME (default: time, if present)\n"
	"-w SECONDS\teach row is a window of SECONDS ...\n"
	"-s SECONDS\t... one every SECONDS (give both or neither)\n",
	"w:s:", longs,
};

static int
cmp_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	double u, v;

	/* numeric labels sort as numbers (2 before 10), others as strings */
	if (!csv_number(x, strlen(x), &u) && !csv_number(y, strlen(y), &v) && u != v)
		return u < v ? -1 : 1;
	return strcmp(x, y);
}

/* Column index of name, -1 if absent; die if it was asked for explicitly and is absent. */
static long
find_column(const struct csv *c, const char *name, int asked, const char *file)
{
	for (size_t i = 0; i < c->nf; i++)
		if (c->f[i].n == strlen(name) && !memcmp(c->f[i].p, name, c->f[i].n))
			return (long)i;
	if (asked)
		die_at(file, "line 1", "no column named '%s'", name);
	return -1;
}

/* Bird et al.'s emotions.csv layout: 1 s windows every 0.5 s, rows hold two windows. */
static int
is_bird_layout(const struct header *h)
{
	return names_find(&h->columns, "mean_0_a") == 0 &&
	    names_find(&h->columns, "fft_0_a") >= 0 && names_find(&h->columns, "fft_749_b") >= 0;
}

int
main(int argc, char *argv[])
{
	const char *lname = "label", *gname = "group", *tname = "time", *path, *file;
	int asked_l = 0, asked_g = 0, asked_t = 0, o;
	double window = 0, hop = 0;
	long lcol, gcol, tcol;
	size_t ncol, nrows = 0, caprows = 0, nfeat, *col;
	struct csv c;
	struct header h;
	struct writer w;
	struct frame fr;
	float *vals = NULL;
	char **lab = NULL, **grp = NULL, **sorted;
	double *times = NULL;

	util_init(argc, argv);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		switch (o) {
		case 'L': lname = optarg; asked_l = 1; break;
		case 'G': gname = optarg; asked_g = 1; break;
		case 'T': tname = optarg; asked_t = 1; break;
		case 'w': window = estrtod(optarg, "-w", 1e-6, 1e9); break;
		case 's': hop = estrtod(optarg, "-s", 1e-6, 1e9); break;
		}
	}
	if (argc - optind > 1)
		usage_error("one input file, not %d", argc - optind);
	if ((window > 0) != (hop > 0))
		usage_error("-w and -s go together");
	path = optind < argc ? argv[optind] : NULL;
	file = path_name(path);

	FILE *fp = efopen_in(path);
	if (csv_load(&c, fp))
		die_at(file, "read", "%s", strerror(errno));
	if (fp != stdin)
		fclose(fp);
	const char *kind = tensor_file_kind(c.buf, c.len < 16 ? c.len : 16);
	if (kind && strcmp(kind, "text"))
		die_at(file, "line 1", "%s, not a CSV table%s", kind,
		    !strcmp(kind, "an eegpipe tensor stream") ? " (eeg-cat -t prints it as one)" : "");
	if (!(ncol = csv_next(&c)))
		die_at(file, "line 1", "no header row");
	if (c.unterminated)
		die_at(file, "line 1", "a quoted field is never closed");

	/* the header row: names, minus a leading "# " (NumPy savetxt's comment prefix) */
	if (c.f[0].n >= 2 && c.f[0].p[0] == '#' && c.f[0].p[1] == ' ')
		c.f[0].p += 2, c.f[0].n -= 2;
	lcol = find_column(&c, lname, asked_l, file);
	gcol = find_column(&c, gname, asked_g, file);
	tcol = find_column(&c, tname, asked_t, file);
	header_init(&h);
	col = emalloc(ncol * sizeof *col);
	nfeat = 0;
	for (size_t i = 0; i < ncol; i++) {
		char name[TENSOR_MAXNAME];
		if ((long)i == lcol || (long)i == gcol || (long)i == tcol)
			continue;
		if (c.f[i].n >= sizeof name || c.f[i].n == 0)
			die_at(file, "line 1", "column %zu: name is empty or too long", i + 1);
		memcpy(name, c.f[i].p, c.f[i].n);
		name[c.f[i].n] = '\0';
		for (size_t k = 0; k < c.f[i].n; k++)
			if ((unsigned char)name[k] < 0x20)
				die_at(file, "line 1", "column %zu: control character in name", i + 1);
		/* a repeated name is kept: emotions.csv names its mean_q features mean_d_* */
		names_add(&h.columns, name);
		col[nfeat++] = i;
	}
	if (nfeat == 0)
		die_at(file, "line 1", "no feature columns");
	uint32_t dim = nfeat;
	if (header_set_shape(&h, 1, &dim))
		die_at(file, "line 1", "%zu columns exceed the limit of %u", nfeat, TENSOR_MAXSIZE);

	/* the rows: numbers, plus label/group/time cells kept as text until all are seen */
	while (csv_next(&c)) {
		char where[64];
		snprintf(where, sizeof where, "line %ld", c.line);
		if (c.unterminated)
			die_at(file, where, "a quoted field is never closed");
		if (c.nf != ncol)
			die_at(file, where, "%zu fields, expected %zu", c.nf, ncol);
		if (nrows == caprows) {
			caprows = caprows ? 2 * caprows : 1024;
			vals = ereallocarray(vals, mul_size(caprows, nfeat), sizeof *vals);
			lab = ereallocarray(lab, caprows, sizeof *lab);
			grp = ereallocarray(grp, caprows, sizeof *grp);
			times = ereallocarray(times, caprows, sizeof *times);
		}
		float *row = vals + nrows * nfeat;
		for (size_t j = 0; j < nfeat; j++) {
			struct csv_field *f = &c.f[col[j]];
			double v;
			if (csv_number(f->p, f->n, &v) || fabs(v) > 3.4028234663852886e38) {
				char show[200];
				snprintf(where, sizeof where, "line %ld", c.line);
				die_at(file, where, "column %zu (%s): '%s' is not a finite number",
				    col[j] + 1, h.columns.v[j], csv_show(f, show, sizeof show));
			}
			row[j] = (float)v;
		}
		lab[nrows] = lcol >= 0 && c.f[lcol].n ? (c.f[lcol].p[c.f[lcol].n] = '\0', c.f[lcol].p) : NULL;
		grp[nrows] = gcol >= 0 && c.f[gcol].n ? (c.f[gcol].p[c.f[gcol].n] = '\0', c.f[gcol].p) : NULL;
		times[nrows] = NAN;
		if (tcol >= 0 && c.f[tcol].n && csv_number(c.f[tcol].p, c.f[tcol].n, &times[nrows])) {
			char show[200];
			snprintf(where, sizeof where, "line %ld", c.line);
			die_at(file, where, "column %ld (%s): '%s' is not a time in seconds",
			    tcol + 1, tname, csv_show(&c.f[tcol], show, sizeof show));
		}
		nrows++;
	}
	/* a header row alone is not a table: a text file given by mistake, or a cut one */
	if (nrows == 0)
		die_at(file, "line 2", "no data rows after the header row ('%s', %zu column%s)",
		    h.columns.v[0], ncol, ncol == 1 ? "" : "s");
	/*
	 * Field terminators were overwritten in place above only after each row was fully
	 * split, so label and group strings stay valid in c.buf.
	 */

	/* classes in sorted order, as pandas get_dummies; groups likewise */
	sorted = emalloc((nrows ? nrows : 1) * sizeof *sorted);
	for (int pass = 0; pass < 2; pass++) {
		char **cells = pass ? grp : lab;
		struct names *t = pass ? &h.groups : &h.classes;
		size_t n = 0;
		for (size_t i = 0; i < nrows; i++)
			if (cells[i])
				sorted[n++] = cells[i];
		qsort(sorted, n, sizeof *sorted, cmp_names);
		for (size_t i = 0; i < n; i++)
			if (!i || strcmp(sorted[i], sorted[i - 1]))
				names_add(t, sorted[i]);
	}
	free(sorted);

	if (window > 0) {
		h.window = window;
		h.hop = hop;
	} else if (is_bird_layout(&h)) {
		/* emotions.csv: every row pairs two overlapping 1 s windows, 0.5 s apart */
		h.window = 1;
		h.hop = 0.5;
		header_meta_add(&h, "layout", "bird2018");
	}
	header_add_history(&h, argc, argv);
	tensor_writer(&w, stdout, "stdout", &h);
	for (size_t i = 0; i < nrows; i++) {
		fr.label = lab[i] ? (int32_t)names_find(&h.classes, lab[i]) : TENSOR_NONE;
		fr.group = grp[i] ? (int32_t)names_find(&h.groups, grp[i]) : TENSOR_NONE;
		fr.time = times[i];
		fr.x = vals + i * nfeat;
		tensor_write(&w, &fr);
	}
	free(col);
	free(vals);
	free(lab);
	free(grp);
	free(times);
	return finish(0);
}
