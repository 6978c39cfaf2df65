/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-cat: concatenate tensor streams; print them as CSV text, NumPy .npy or .npz, or a summary; read NumPy files too. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "npy.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "text", no_argument, NULL, 't' },
	{ "unix-time", no_argument, NULL, 'u' },
	{ "npy", required_argument, NULL, 'n' },
	{ "npz", required_argument, NULL, 'z' },
	{ "info", no_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-cat [-t [-u] | --npy FILE | --npz FILE | --info] [file ...]",
	"-t, --text\tCSV text: label,group,time and one column per value\n"
	"-u, --unix-time\twith -t: time as Unix seconds, the header's t0 plus the frame's\n"
	"    --npy FILE\tthe values as a NumPy .npy array in FILE (- for stdout)\n"
	"    --npz FILE\tvalues, labels, groups, times and names as a NumPy .npz (- for stdout)\n"
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

/*
 * --- NumPy export ---
 * The values, labels, groups and times are spooled to temporary files as frames arrive,
 * with their CRC-32 (an .npz member's comes before its bytes), and written out when the
 * stream ends: the row count of an .npy header is known only then, and "-" may be a pipe.
 */
struct spool {
	FILE *fp;
	uLong crc;
	uint64_t bytes;
};

struct export {
	struct spool x, label, group, time;
};

static void
spool_open(struct spool *s)
{
	if (!(s->fp = tmpfile()))
		die_at("temporary file", "create", "%s", strerror(errno));
	s->crc = crc32(0, NULL, 0);
	s->bytes = 0;
}

/* n items of 4 or 8 bytes at p, little-endian whatever the host */
static void
spool_put(struct spool *s, const void *p, size_t item, size_t n)
{
	unsigned char buf[4096];
	const unsigned char *b = p;

	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof buf / item ? n - done : sizeof buf / item;
		for (size_t i = 0; i < k; i++) {
			if (item == 8) {
				uint64_t v;
				memcpy(&v, b + (done + i) * 8, 8);
				put_u64(buf + i * 8, v);
			} else {
				uint32_t w;
				memcpy(&w, b + (done + i) * 4, 4);
				put_u32(buf + i * 4, w);
			}
		}
		if (fwrite(buf, item, k, s->fp) != k)
			die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
		s->crc = crc32(s->crc, buf, (uInt)(k * item));
		s->bytes += k * item;
		done += k;
	}
}

static void
export_frame(struct export *e, const struct frame *f, size_t size)
{
	spool_put(&e->x, f->x, 4, size);
	spool_put(&e->label, &f->label, 4, 1);
	spool_put(&e->group, &f->group, 4, 1);
	spool_put(&e->time, &f->time, 8, 1);
}

/* Copy a spool's bytes to out. */
static void
spool_copy(struct spool *s, FILE *out)
{
	char buf[1 << 16];
	size_t k;

	if (fflush(s->fp))
		die_at("temporary file", "write", "%s", strerror(errno));
	if (fseek(s->fp, 0, SEEK_SET))
		die_at("temporary file", "read", "%s", strerror(errno));
	while ((k = fread(buf, 1, sizeof buf, s->fp)) > 0)
		if (fwrite(buf, 1, k, out) != k)
			break;	/* the caller's close reports it */
	if (ferror(s->fp))
		die_at("temporary file", "read", "%s", strerror(errno));
	fclose(s->fp);
}

/* A member from a spool: .npy header, then the spooled bytes. */
static void
npz_spool(struct npz *z, const char *name, const char *descr, int ndim, const uint64_t *shape,
    struct spool *s)
{
	char head[512];
	size_t hl = npy_header(head, sizeof head, descr, ndim, shape);
	uLong crc = crc32_combine(crc32(crc32(0, NULL, 0), (const Bytef *)head, (uInt)hl),
	    s->crc, (z_off_t)s->bytes);

	npz_member(z, name, hl + s->bytes, (uint32_t)crc);
	fwrite(head, 1, hl, z->fp);
	spool_copy(s, z->fp);
	npz_wrote(z, hl + s->bytes);
}

/* A member of names, as a NumPy unicode array '<U' of the longest one's length. */
static void
npz_names(struct npz *z, const char *name, const char *const *v, size_t n)
{
	size_t w = 1;
	char head[512], descr[32];

	for (size_t i = 0; i < n; i++) {
		size_t k = npy_utf32(v[i], NULL, 0);
		w = k > w ? k : w;
	}
	unsigned char *buf = emalloc(mul_size(mul_size(n, w), 4));
	for (size_t i = 0; i < n; i++)
		npy_utf32(v[i], buf + i * w * 4, w);
	snprintf(descr, sizeof descr, "<U%zu", w);
	uint64_t shape = n;
	size_t hl = npy_header(head, sizeof head, descr, 1, &shape);
	uLong crc = crc32(crc32(0, NULL, 0), (const Bytef *)head, (uInt)hl);
	crc = crc32(crc, buf, (uInt)(n * w * 4));
	npz_member(z, name, hl + n * w * 4, (uint32_t)crc);
	fwrite(head, 1, hl, z->fp);
	fwrite(buf, 1, n * w * 4, z->fp);
	npz_wrote(z, hl + n * w * 4);
	free(buf);
}

/* The header's lines but its tables and shape: rate, window, hop, provenance. */
static void
meta_lines(const struct header *h, struct names *out)
{
	size_t len;
	unsigned char *body = header_encode(h, &len), *p = body, *end = body + len;

	names_init(out);
	while (p < end) {
		unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
		*nl = '\0';
		if (strncmp((char *)p, "dtype=", 6) && strncmp((char *)p, "shape=", 6) &&
		    strncmp((char *)p, "class=", 6) && strncmp((char *)p, "group=", 6) &&
		    strncmp((char *)p, "column=", 7))
			names_add(out, (char *)p);
		p = nl + 1;
	}
	free(body);
}

/* Write the export to out: an .npy of the values, or the whole labelled .npz. */
static void
export_write(struct export *e, const struct header *h, uint64_t rows, int npz, FILE *out)
{
	uint64_t shape[1 + TENSOR_MAXDIMS];

	shape[0] = rows;
	for (int i = 0; i < h->ndim; i++)
		shape[1 + i] = h->dims[i];
	if (!npz) {
		char head[512];
		size_t hl = npy_header(head, sizeof head, "<f4", 1 + h->ndim, shape);
		fwrite(head, 1, hl, out);
		spool_copy(&e->x, out);
		fclose(e->label.fp), fclose(e->group.fp), fclose(e->time.fp);
		return;
	}
	struct npz z;
	struct names meta;
	npz_begin(&z, out);
	npz_spool(&z, "x", "<f4", 1 + h->ndim, shape, &e->x);
	npz_spool(&z, "label", "<i4", 1, shape, &e->label);
	npz_spool(&z, "group", "<i4", 1, shape, &e->group);
	npz_spool(&z, "time", "<f8", 1, shape, &e->time);
	npz_names(&z, "classes", (const char *const *)h->classes.v, h->classes.n);
	npz_names(&z, "groups", (const char *const *)h->groups.v, h->groups.n);
	/* as the header names them: one per value, or one per feature (the last axis) */
	npz_names(&z, "columns", (const char *const *)h->columns.v, h->columns.n);
	meta_lines(h, &meta);
	npz_names(&z, "meta", (const char *const *)meta.v, meta.n);
	names_free(&meta);
	npz_end(&z);
}

/*
 * --- NumPy import ---
 * An .npz with the members eeg-cat writes (x required; label, group, time, classes,
 * groups, columns, meta optional; labels and groups may be names instead of indices), or
 * a lone .npy of values, becomes a stream in a temporary file that is then read as any.
 */
struct npzin {
	const char *path;
	const unsigned char *buf;
	size_t n;
	int zip;
	unsigned char *owned[8];
	int nowned;
};

/* Member NAME as an array, or 0 when the archive has none. */
static int
member(struct npzin *in, const char *name, struct npy *a)
{
	const unsigned char *d;
	unsigned char *own;
	size_t len;
	char err[256], where[80];
	int rc;

	snprintf(where, sizeof where, "%s.npy", name);
	if (!in->zip) {
		if (strcmp(name, "x"))
			return 0;
		d = in->buf, len = in->n;
	} else {
		rc = npz_find(in->buf, in->n, name, &d, &len, &own, err, sizeof err);
		if (rc < 0)
			die_at(in->path, NULL, "%s", err);
		if (!rc)
			return 0;
		if (own)
			in->owned[in->nowned++] = own;
	}
	if (npy_parse(a, d, len, err, sizeof err))
		die_at(in->path, in->zip ? where : NULL, "%s", err);
	return 1;
}

/* The names of a string member into t (checked as header names are). */
static void
member_names(struct npzin *in, const char *name, struct names *t)
{
	struct npy a;
	char s[TENSOR_MAXNAME + 1], where[80];

	if (!member(in, name, &a))
		return;
	snprintf(where, sizeof where, "%s.npy", name);
	if ((a.kind != NPY_UNICODE && a.kind != NPY_BYTES) || a.ndim != 1)
		die_at(in->path, where, "want a 1-dimensional array of strings");
	for (uint64_t i = 0; i < a.count; i++) {
		if (npy_string(&a, i, s, sizeof s))
			die_at(in->path, where, "element %llu: not a name of at most %d bytes",
			    (unsigned long long)i, TENSOR_MAXNAME);
		names_add(t, s);
	}
}

/* Per frame: a label or group index from member NAME (indices or names), or -1. */
static int32_t *
member_index(struct npzin *in, const char *name, uint64_t rows, struct names *table)
{
	struct npy a;
	char s[TENSOR_MAXNAME + 1], where[80];
	int32_t *v;

	if (!member(in, name, &a))
		return NULL;
	snprintf(where, sizeof where, "%s.npy", name);
	if (a.ndim != 1 || a.shape[0] != rows)
		die_at(in->path, where, "want %llu values, one per frame", (unsigned long long)rows);
	v = ereallocarray(NULL, rows ? rows : 1, sizeof *v);
	if (a.kind == NPY_UNICODE || a.kind == NPY_BYTES) {
		for (uint64_t i = 0; i < rows; i++) {
			if (npy_string(&a, i, s, sizeof s))
				die_at(in->path, where, "element %llu: not a name", (unsigned long long)i);
			v[i] = *s ? (int32_t)names_intern(table, s) : TENSOR_NONE;
		}
		return v;
	}
	if (a.kind == NPY_BOOL)
		die_at(in->path, where, "booleans are not %s indices", name);
	int named = table->n > 0;
	for (uint64_t i = 0; i < rows; i++) {
		double d = npy_get(&a, i);
		if (d != floor(d) || d < -1 || d >= TENSOR_MAXNAMES || (named && d >= (double)table->n))
			die_at(in->path, where, "element %llu is %g: want -1 (none) or an index into "
			    "the %zu names", (unsigned long long)i, d, table->n);
		v[i] = (int32_t)d;
	}
	if (!named)	/* indices without names: the names are the numbers */
		for (uint64_t i = 0; i < rows; i++)
			for (char b[16]; v[i] >= (int32_t)table->n;) {
				snprintf(b, sizeof b, "%zu", table->n);
				names_add(table, b);
			}
	return v;
}

/* The .npz or .npy in FP, whose first NPRE bytes are in PRE, as a tensor stream. */
static FILE *
numpy_stream(FILE *fp, const char *path, int zip, const unsigned char *pre, size_t npre)
{
	struct npzin in = { .path = path, .zip = zip, .n = npre };
	struct npy x, t;
	struct header h;
	struct names meta;
	unsigned char *buf = ereallocarray(NULL, 1 << 16, 1);
	size_t cap = 1 << 16, k;
	char err[512], where[32] = "x.npy";

	memcpy(buf, pre, npre);
	for (;;) {	/* the whole file: a zip's directory is at its end */
		if (in.n == cap)
			buf = ereallocarray(buf, cap *= 2, 1);
		if (!(k = fread(buf + in.n, 1, cap - in.n, fp)))
			break;
		in.n += k;
	}
	if (ferror(fp))
		die_at(path, "read", "%s", strerror(errno));
	if (fp != stdin)
		fclose(fp);
	in.buf = buf;
	if (!member(&in, "x", &x))
		die_at(path, NULL, "no member x.npy (the values)");
	if (x.kind == NPY_UNICODE || x.kind == NPY_BYTES || x.ndim < 1 || x.ndim > 1 + TENSOR_MAXDIMS)
		die_at(path, zip ? where : NULL, "want numbers of 1 to %d dimensions (frames, then "
		    "each frame's shape)", 1 + TENSOR_MAXDIMS);
	/* the header: the stream's own lines, then its tables, checked as any header is */
	names_init(&meta);
	member_names(&in, "meta", &meta);
	header_init(&h);
	member_names(&in, "classes", &h.classes);
	member_names(&in, "groups", &h.groups);
	uint64_t rows = x.shape[0];
	int32_t *label = member_index(&in, "label", rows, &h.classes);
	int32_t *group = member_index(&in, "group", rows, &h.groups);
	struct names cols;
	names_init(&cols);
	member_names(&in, "columns", &cols);
	size_t blen = 64;
	for (size_t i = 0; i < meta.n; i++)
		blen += strlen(meta.v[i]) + 1;
	for (int l = 0; l < 3; l++) {
		const struct names *tb = l == 0 ? &h.classes : l == 1 ? &h.groups : &cols;
		for (size_t i = 0; i < tb->n; i++)
			blen += strlen(tb->v[i]) + 8;
	}
	char *body = emalloc(blen), *p = body;
	p += sprintf(p, "dtype=f32\nshape=");
	for (int i = 1; i < x.ndim; i++)
		p += sprintf(p, "%s%llu", i > 1 ? "x" : "", (unsigned long long)x.shape[i]);
	p += sprintf(p, "%s\n", x.ndim == 1 ? "1" : "");
	for (size_t i = 0; i < meta.n; i++)
		if (strncmp(meta.v[i], "dtype=", 6) && strncmp(meta.v[i], "shape=", 6))
			p += sprintf(p, "%s\n", meta.v[i]);
	for (int l = 0; l < 3; l++) {
		const struct names *tb = l == 0 ? &h.classes : l == 1 ? &h.groups : &cols;
		for (size_t i = 0; i < tb->n; i++)
			p += sprintf(p, "%s=%s\n", l == 0 ? "class" : l == 1 ? "group" : "column", tb->v[i]);
	}
	struct header hd;
	if (header_decode(&hd, (unsigned char *)body, (size_t)(p - body), err, sizeof err))
		die_at(path, "header", "%s", err);
	free(body);
	names_free(&meta), names_free(&cols), header_free(&h);
	double *time = NULL;
	if (member(&in, "time", &t)) {
		if (t.ndim != 1 || t.shape[0] != rows || t.kind != NPY_FLOAT)
			die_at(path, "time.npy", "want %llu floats, one per frame", (unsigned long long)rows);
		time = ereallocarray(NULL, rows ? rows : 1, sizeof *time);
		for (uint64_t i = 0; i < rows; i++)
			if (isinf(time[i] = npy_get(&t, i)))
				die_at(path, "time.npy", "element %llu is infinite", (unsigned long long)i);
	}
	/* the frames, into a stream in a temporary file */
	FILE *tmp = tmpfile();
	struct writer w;
	struct frame f;
	if (!tmp)
		die_at("temporary file", "create", "%s", strerror(errno));
	tensor_writer(&w, tmp, path, &hd);
	f.x = ereallocarray(NULL, hd.size, sizeof *f.x);
	for (uint64_t i = 0; i < rows; i++) {
		for (size_t j = 0; j < hd.size; j++)
			f.x[j] = (float)npy_get(&x, i * hd.size + j);
		f.label = label ? label[i] : TENSOR_NONE;
		f.group = group ? group[i] : TENSOR_NONE;
		f.time = time ? time[i] : NAN;
		tensor_write(&w, &f);
	}
	writer_close(&w);
	header_free(&hd);
	if (fflush(tmp) || ferror(tmp) || fseek(tmp, 0, SEEK_SET))
		die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
	free(f.x), free(label), free(group), free(time);
	for (int i = 0; i < in.nowned; i++)
		free(in.owned[i]);
	free(buf);
	return tmp;
}

/*
 * An input: a tensor stream, or a NumPy .npz / .npy file, told by its magic. A stream
 * begins with 0x89, so a file of another first byte is either NumPy's or none of these.
 */
static void
open_input(struct reader *r, const char *path)
{
	FILE *fp = efopen_in(path);
	unsigned char pre[16];
	size_t n;
	int c = getc(fp);

	if (c != EOF && c != 0x89) {
		pre[0] = (unsigned char)c;
		n = 1 + fread(pre + 1, 1, sizeof pre - 1, fp);
		if (ferror(fp))
			die_at(path_name(path), "read", "%s", strerror(errno));
		if (n >= 4 && (!memcmp(pre, "PK\3\4", 4) || !memcmp(pre, "PK\5\6", 4)))
			fp = numpy_stream(fp, path_name(path), 1, pre, n);
		else if (n >= 6 && !memcmp(pre, "\x93NUMPY", 6))
			fp = numpy_stream(fp, path_name(path), 0, pre, n);
		else
			die_at(path_name(path), NULL, "%s", tensor_not_stream(pre, n));
	} else if (c != EOF)
		ungetc(c, fp);
	if (reader_open(r, fp, path_name(path)))
		die_at(path_name(path), NULL, "%s", r->err);
}

/* Seconds to the millisecond, without trailing zeros: "0", "59.5", "956.321". */
static const char *
seconds(char *buf, size_t n, double t)
{
	size_t k = (size_t)snprintf(buf, n, "%.3f", t);

	while (k > 0 && buf[k - 1] == '0')
		buf[--k] = '\0';
	if (k > 0 && buf[k - 1] == '.')
		buf[--k] = '\0';
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	return buf;
}

static void
info(struct reader *r)
{
	const struct header *h = &r->h;
	unsigned long long *ccount, *gcount, nolabel = 0, nogroup = 0;
	double tmin = INFINITY, tmax = -INFINITY;
	struct frame f;
	char shape[64];
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
	if (tmin <= tmax) {
		char a[64], b[64];
		printf("time: %s .. %s s\n", seconds(a, sizeof a, tmin), seconds(b, sizeof b, tmax));
	}
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
	/* a summary: 1500 names would bury the rest */
	printf("columns: %zu", h->columns.n);
	for (size_t i = 0; i < h->columns.n; i++) {
		if (h->columns.n > 8 && i == 4) {
			printf(", ...");
			i = h->columns.n - 2;
		}
		printf("%s%s", i ? ", " : " (", h->columns.v[i]);
	}
	puts(h->columns.n ? ")" : "");
	free(ccount);
	free(gcount);
}

int
main(int argc, char *argv[])
{
	enum { STREAM, TEXT, NPY, NPZ, INFO } mode = STREAM;
	const char *out = NULL;
	struct export ex;
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
			usage_error("-t, --npy, --npz and --info exclude each other");
		switch (o) {
		case 't': mode = TEXT; break;
		case 'n': mode = NPY; out = optarg; break;
		case 'z': mode = NPZ; out = optarg; break;
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
		open_input(&r[i], in[i]);
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
	} else if (mode == NPY || mode == NPZ) {
		spool_open(&ex.x), spool_open(&ex.label), spool_open(&ex.group), spool_open(&ex.time);
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
			else
				export_frame(&ex, &f, m.size);
			rows++;
		}
		if (r[i].fp != stdin)
			fclose(r[i].fp);
	}
	if (mode == TEXT && !titled)
		text_header(&m);
	if (mode == NPY || mode == NPZ) {
		/* "-" is standard output: finish() reports its write errors */
		int tostdout = !strcmp(out, "-");
		if (!tostdout)
			atomic_open(&af, out);
		export_write(&ex, &m, rows, mode == NPZ, tostdout ? stdout : af.fp);
		if (!tostdout)
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
