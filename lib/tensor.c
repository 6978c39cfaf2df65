/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tensor: read and write the eegpipe stream (format in tensor.h and eeg-tensor(5)). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tensor.h"
#include "util.h"

#define PREFIX 16	/* magic 8, version 2, flags 2, body length 4 */
#define FRAMEHEAD 16	/* label 4, group 4, time 8 */

/* The format is little-endian on every host (put_u32 and friends in util). */
static int
host_is_le(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *)&one == 1;
}

/* --- header --- */

void
header_init(struct header *h)
{
	memset(h, 0, sizeof *h);
	names_init(&h->columns);
	names_init(&h->classes);
	names_init(&h->groups);
	names_init(&h->meta);
}

void
header_free(struct header *h)
{
	names_free(&h->columns);
	names_free(&h->classes);
	names_free(&h->groups);
	names_free(&h->meta);
	header_init(h);
}

void
header_copy(struct header *dst, const struct header *src)
{
	*dst = *src;
	names_copy(&dst->columns, &src->columns);
	names_copy(&dst->classes, &src->classes);
	names_copy(&dst->groups, &src->groups);
	names_copy(&dst->meta, &src->meta);
}

int
header_set_shape(struct header *h, int ndim, const uint32_t *dims)
{
	size_t size = 1;

	if (ndim < 1 || ndim > TENSOR_MAXDIMS)
		return -1;
	for (int i = 0; i < ndim; i++) {
		if (dims[i] < 1 || dims[i] > TENSOR_MAXDIM)
			return -1;
		size = mul_size(size, dims[i]);
		if (size > TENSOR_MAXSIZE)
			return -1;
	}
	h->ndim = ndim;
	memset(h->dims, 0, sizeof h->dims);
	memcpy(h->dims, dims, ndim * sizeof *dims);
	h->size = size;
	return 0;
}

void
header_meta_add(struct header *h, const char *key, const char *value)
{
	size_t k = strlen(key), v = strlen(value);
	char *s = emalloc(k + v + 2);

	memcpy(s, key, k);
	s[k] = '=';
	for (size_t i = 0; i < v; i++)	/* one line per entry */
		s[k + 1 + i] = (value[i] == '\n' || value[i] == '\r') ? ' ' : value[i];
	s[k + v + 1] = '\0';
	names_add(&h->meta, s);
	free(s);
}

const char *
header_meta_get(const struct header *h, const char *key)
{
	size_t k = strlen(key);

	for (size_t i = h->meta.n; i-- > 0;)
		if (!strncmp(h->meta.v[i], key, k) && h->meta.v[i][k] == '=')
			return h->meta.v[i] + k + 1;
	return NULL;
}

void
header_add_history(struct header *h, int argc, char *argv[])
{
	char *s = util_cmdline(argc, argv);

	header_meta_add(h, "history", s);
	free(s);
}

int
header_overlaps(const struct header *h)
{
	return h->window > 0 && h->hop > 0 && h->hop < h->window;
}

const char *
header_column(const struct header *h, size_t i)
{
	if (h->columns.n == h->size)
		return h->columns.v[i];
	if (h->columns.n && h->columns.n == h->dims[h->ndim - 1])
		return h->columns.v[i % h->columns.n];
	return "";
}

void
shape_str(int ndim, const uint32_t *dims, char *buf, size_t n)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < ndim && off < n; i++)
		off += snprintf(buf + off, n - off, "%s%u", i ? "x" : "", dims[i]);
}

void
header_shape_str(const struct header *h, char *buf, size_t n)
{
	shape_str(h->ndim, h->dims, buf, n);
}

int
shape_parse(const char *s, int infer, int *ndim, uint32_t *dims)
{
	int nd = 0, inferred = 0;

	for (;;) {
		unsigned long v = 0;
		int digits = 0;

		if (nd == TENSOR_MAXDIMS)
			return -1;
		if (infer && !inferred && s[0] == '-' && s[1] == '1' && (!s[2] || s[2] == 'x')) {
			s += 2;
			inferred = 1;
		} else {
			while (*s >= '0' && *s <= '9') {
				v = v * 10 + (unsigned long)(*s++ - '0');
				if (v > TENSOR_MAXDIM)
					return -1;
				digits++;
			}
			if (!digits || !v)
				return -1;
		}
		dims[nd++] = (uint32_t)v;
		if (!*s)
			break;
		if (*s++ != 'x')
			return -1;
	}
	*ndim = nd;
	return 0;
}

int
header_compatible(const struct header *a, const struct header *b, char *err, size_t n)
{
	char sa[64], sb[64];

	header_shape_str(a, sa, sizeof sa);
	header_shape_str(b, sb, sizeof sb);
	if (a->ndim != b->ndim || memcmp(a->dims, b->dims, sizeof a->dims)) {
		snprintf(err, n, "frame shape %s does not match %s", sb, sa);
		return -1;
	}
	if (a->columns.n != b->columns.n) {
		snprintf(err, n, "%zu column names do not match %zu", b->columns.n, a->columns.n);
		return -1;
	}
	for (size_t i = 0; i < a->columns.n; i++)
		if (strcmp(a->columns.v[i], b->columns.v[i])) {
			snprintf(err, n, "column %zu is '%.100s', not '%.100s'", i + 1,
			    b->columns.v[i], a->columns.v[i]);
			return -1;
		}
	if (a->rate != b->rate) {
		snprintf(err, n, "sample rate %g does not match %g", b->rate, a->rate);
		return -1;
	}
	if (a->window != b->window || a->hop != b->hop) {
		snprintf(err, n, "window %g s hop %g s does not match window %g s hop %g s",
		    b->window, b->hop, a->window, a->hop);
		return -1;
	}
	return 0;
}

/* --- header body: "key=value\n" lines --- */

struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		while (b->n + n > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = ereallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void
buf_line(struct buf *b, const char *key, const char *value)
{
	buf_add(b, key, strlen(key));
	buf_add(b, "=", 1);
	buf_add(b, value, strlen(value));
	buf_add(b, "\n", 1);
}

unsigned char *
header_encode(const struct header *h, size_t *len)
{
	struct buf b = { 0 };
	char shape[64];

	buf_add(&b, "dtype=f32\n", 10);
	header_shape_str(h, shape, sizeof shape);
	buf_line(&b, "shape", shape);
	if (h->rate > 0)
		buf_printf(&b, "rate=%.17g\n", h->rate);
	if (h->window > 0)
		buf_printf(&b, "window=%.17g\n", h->window);
	if (h->hop > 0)
		buf_printf(&b, "hop=%.17g\n", h->hop);
	if (h->t0 != 0)
		buf_printf(&b, "t0=%.6f\n", h->t0);	/* to the microsecond */
	for (size_t i = 0; i < h->classes.n; i++)
		buf_line(&b, "class", h->classes.v[i]);
	for (size_t i = 0; i < h->groups.n; i++)
		buf_line(&b, "group", h->groups.v[i]);
	for (size_t i = 0; i < h->meta.n; i++) {
		buf_add(&b, h->meta.v[i], strlen(h->meta.v[i]));
		buf_add(&b, "\n", 1);
	}
	/* columns last: the long list does not hide the rest from `head` */
	for (size_t i = 0; i < h->columns.n; i++)
		buf_line(&b, "column", h->columns.v[i]);
	*len = b.n;
	return b.p;
}

/* A positive finite number, as the whole string. */
static int
parse_pos(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return end != s && !*end && !errno && isfinite(*v) && *v > 0 ? 0 : -1;
}

static int
parse_shape(struct header *h, const char *s)
{
	uint32_t dims[TENSOR_MAXDIMS];
	int nd;

	return shape_parse(s, 0, &nd, dims) ? -1 : header_set_shape(h, nd, dims);
}

/*
 * Parse a header body. Every name is checked for length and control bytes, and every table
 * against its cap, as it is read: nothing is allocated beyond what the body itself holds.
 */
int
header_decode(struct header *h, const unsigned char *body, size_t len, char *err, size_t n)
{
	const unsigned char *p = body, *end = body + len;
	char line[TENSOR_MAXNAME + 64];
	int have_dtype = 0, lineno = 0;

	header_init(h);
	while (p < end) {
		const unsigned char *nl = memchr(p, '\n', end - p);
		size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *eq, *val;

		lineno++;
		if (!nl)
			return errf(err, n, "line %d: no newline at end of header", lineno);
		if (k >= sizeof line)
			return errf(err, n, "line %d: longer than %d bytes", lineno,
			    TENSOR_MAXNAME);
		memcpy(line, p, k);
		line[k] = '\0';
		p = nl + 1;
		for (size_t i = 0; i < k; i++)
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
				return errf(err, n, "line %d: control byte 0x%02x",
				    lineno, (unsigned char)line[i]);
		if (!(eq = strchr(line, '=')) || eq == line)
			return errf(err, n, "line %d: not key=value", lineno);
		*eq = '\0';
		val = eq + 1;
		if (!strcmp(line, "dtype")) {
			if (strcmp(val, "f32"))
				return errf(err, n, "line %d: dtype '%.32s' not supported (f32 only)",
				    lineno, val);
			have_dtype = 1;
		} else if (!strcmp(line, "shape")) {
			if (h->ndim || parse_shape(h, val))
				return errf(err, n, "line %d: bad shape '%.64s' (1 to %d dims, each "
				    "1..%u, at most %u values)", lineno, val, TENSOR_MAXDIMS,
				    TENSOR_MAXDIM, TENSOR_MAXSIZE);
		} else if (!strcmp(line, "t0")) {
			char *e;
			errno = 0;
			h->t0 = strtod(val, &e);
			if (e == val || *e || errno || !(fabs(h->t0) <= TENSOR_MAXT0) || h->t0 == 0)
				return errf(err, n, "line %d: bad t0 '%.64s' (Unix seconds, not 0)",
				    lineno, val);
		} else if (!strcmp(line, "rate") || !strcmp(line, "window") || !strcmp(line, "hop")) {
			double v, *dst = line[0] == 'r' ? &h->rate : line[0] == 'w' ? &h->window : &h->hop;
			if (parse_pos(val, &v) || v > 1e12)
				return errf(err, n, "line %d: bad %s '%.64s'", lineno, line, val);
			*dst = v;
		} else if (!strcmp(line, "column") || !strcmp(line, "class") || !strcmp(line, "group")) {
			struct names *t = line[1] == 'o' ? &h->columns : line[1] == 'l' ? &h->classes : &h->groups;
			if (t->n >= TENSOR_MAXNAMES)
				return errf(err, n, "line %d: more than %u %s names", lineno,
				    TENSOR_MAXNAMES, line);
			/* a label or group index must name one class or group */
			if (t != &h->columns && names_find(t, val) >= 0)
				return errf(err, n, "line %d: %s '%.64s' twice", lineno, line, val);
			names_add(t, val);
		} else {
			*eq = '=';
			names_add(&h->meta, line);	/* unknown keys are kept, in order */
		}
	}
	if (!have_dtype)
		return errf(err, n, "header has no dtype");
	if (!h->ndim)
		return errf(err, n, "header has no shape");
	if (h->columns.n && h->columns.n != h->size && h->columns.n != h->dims[h->ndim - 1])
		return errf(err, n, "%zu column names for frames of %zu values", h->columns.n, h->size);
	return 0;
}

/* --- reader --- */

static int
rerr(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* Bytes stdio already holds for fp (glibc's buffer pointers; elsewhere 0: ask the fd). */
static size_t
buffered(FILE *fp)
{
#ifdef __GLIBC__
	return (size_t)(fp->_IO_read_end - fp->_IO_read_ptr);
#else
	(void)fp;
	return 0;
#endif
}

/*
 * Read exactly n bytes; returns n, or fewer at end of input, on error, or when a stop
 * signal ended the input (util_stopped). A stream is read from what stdio holds, and when
 * that is used up, through util_wait (live output flushed before waiting) and one read(2)
 * of what has arrived: a frame that comes in pieces never keeps finished results waiting.
 */
static size_t
read_full(struct reader *r, void *p, size_t n)
{
	size_t got = 0;

	if (!r->wait)	/* a regular file: a stop signal still ends it */
		return util_stopped() ? 0 : fread(p, 1, n, r->fp);
	while (got < n) {
		size_t k = buffered(r->fp), m;

		if (k == 0) {
			if (util_wait(fileno(r->fp)))
				break;
#ifndef __GLIBC__
			k = n - got;
#else
			k = 1;	/* one read(2) refills the buffer with what has come */
#endif
		}
		m = fread((unsigned char *)p + got, 1, k < n - got ? k : n - got, r->fp);
		got += m;
		if (m == 0)
			break;
	}
	return got;
}

const char *
tensor_file_kind(const void *head, size_t n)
{
	const unsigned char *p = head;
	size_t i;

	if (n >= 8 && !memcmp(p, TENSOR_MAGIC, 8))
		return "an eegpipe tensor stream";
	if (n >= 8 && !memcmp(p, MODEL_MAGIC, 8))
		return "an eegpipe model (eeg-train -o)";
	if (n >= 14 && !memcmp(p, "eegpipe-scale=", 14))
		return "eeg-scale parameters (eeg-scale --fit)";
	for (i = 0; i < n && ((p[i] >= 0x20 && p[i] < 0x7f) || (p[i] >= '\t' && p[i] <= '\r'));
	    i++)
		;
	return n && i == n ? "text" : NULL;
}

const char *
tensor_not_stream(const void *head, size_t n)
{
	static char msg[96];
	const char *kind = tensor_file_kind(head, n);

	if (!kind || !strcmp(kind, "an eegpipe tensor stream"))
		return "header: not an eegpipe tensor stream (bad magic)";
	if (!strcmp(kind, "text"))
		return "header: text, not an eegpipe tensor stream (eeg-csv makes one of a CSV "
		    "table)";
	snprintf(msg, sizeof msg, "header: %s, not a tensor stream", kind);
	return msg;
}

/* Read a header whose first 4 bytes (already read) are in pre. Fills *h. */
static int
read_header(struct reader *r, const unsigned char *pre, size_t npre, struct header *h)
{
	unsigned char fixed[PREFIX], *body;
	uint32_t len;
	size_t got;
	int rc;

	memcpy(fixed, pre, npre);
	got = read_full(r, fixed + npre, PREFIX - npre);
	if (ferror(r->fp))
		return rerr(r, "header: %s", strerror(errno));
	if (npre + got < 8 || memcmp(fixed, TENSOR_MAGIC, 8))
		return rerr(r, "%s", tensor_not_stream(fixed, npre + got));
	if (npre + got < PREFIX)
		return rerr(r, "header: truncated after %zu of %d bytes", npre + got, PREFIX);
	if ((fixed[8] | fixed[9] << 8) != TENSOR_VERSION)
		return rerr(r, "header: version %u not supported (this reader knows %d)",
		    fixed[8] | fixed[9] << 8, TENSOR_VERSION);
	if (fixed[10] | fixed[11])
		return rerr(r, "header: flags 0x%04x not supported", fixed[10] | fixed[11] << 8);
	len = get_u32(fixed + 12);
	if (len > TENSOR_MAXBODY)
		return rerr(r, "header: body of %u bytes exceeds the %u byte limit", len, TENSOR_MAXBODY);
	body = emalloc(len);
	got = read_full(r, body, len);
	if (got < len) {
		free(body);
		if (ferror(r->fp))
			return rerr(r, "header: %s", strerror(errno));
		return rerr(r, "header: truncated body (%zu of %u bytes)", got, len);
	}
	rc = header_decode(h, body, len, r->err, sizeof r->err);
	free(body);
	if (rc) {
		char tmp[sizeof r->err];
		memcpy(tmp, r->err, sizeof tmp);
		header_free(h);
		return rerr(r, "header: %s", tmp);
	}
	return 0;
}

/* Map a new part's table onto the merged one: map[i] = merged index of part name i. */
static void
merge_names(struct names *merged, const struct names *part, struct names_map *map)
{
	map->n = 0;
	names_map_sync(map, part, names_map_intern, merged);
}

static void
merge_meta(struct names *merged, const struct names *part)
{
	for (size_t i = 0; i < part->n; i++)
		if (names_find(merged, part->v[i]) < 0)
			names_add(merged, part->v[i]);
}

int
reader_open(struct reader *r, FILE *fp, const char *name)
{
	unsigned char pre[4];
	size_t got;

	memset(r, 0, sizeof *r);
	header_init(&r->h);
	r->fp = fp;
	r->name = name;
	r->wait = reader_live(r);
	got = read_full(r, pre, 4);
	if (util_stopped())
		return rerr(r, "header: stopped");
	if (got == 0 && !ferror(fp))
		return rerr(r, "header: empty input");
	if (got < 4 && ferror(fp))
		return rerr(r, "header: %s", strerror(errno));
	if (read_header(r, pre, got, &r->h))
		return -1;
	r->nparts = 1;
	merge_names(&r->h.classes, &r->h.classes, &r->cmap);
	merge_names(&r->h.groups, &r->h.groups, &r->gmap);
	r->framebytes = FRAMEHEAD + r->h.size * 4;
	r->buf = emalloc(r->framebytes);
	return 0;
}

/* Convert n little-endian f32 in place (a no-op on little-endian hosts). */
static void
le_floats(unsigned char *p, size_t n)
{
	if (host_is_le())
		return;
	for (size_t i = 0; i < n; i++, p += 4) {
		unsigned char t = p[0];
		p[0] = p[3], p[3] = t, t = p[1], p[1] = p[2], p[2] = t;
	}
}

/*
 * No NaN or Inf among n floats: a value is not finite when its exponent bits are all ones,
 * and only then does adding 1 to the exponent carry into the sign bit. An OR over blocks
 * of 8 is branch-free, and the compiler turns it into vector instructions.
 */
static int
all_finite(const float *x, size_t n)
{
	const uint32_t *u = (const uint32_t *)x;
	uint32_t acc[8] = { 0 };
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		for (int k = 0; k < 8; k++)
			acc[k] |= (u[i + k] & 0x7f800000u) + 0x00800000u;
	for (; i < n; i++)
		acc[0] |= (u[i] & 0x7f800000u) + 0x00800000u;
	for (int k = 1; k < 8; k++)
		acc[0] |= acc[k];
	return !(acc[0] & 0x80000000u);
}

static int
map_index(struct reader *r, int32_t v, const struct names_map *map, const char *what,
    int32_t *out)
{
	if (v == TENSOR_NONE) {
		*out = TENSOR_NONE;
		return 0;
	}
	if (v < 0 || (size_t)v >= map->n)
		return rerr(r, "frame %llu: %s %d outside its table of %zu names",
		    (unsigned long long)r->nframes, what, v, map->n);
	*out = (int32_t)map->v[v];
	return 0;
}

/* On to the next file of tensor_open_all's list. */
static int
next_file(struct reader *r)
{
	const char *path = r->more[0];

	if (r->fp != stdin)
		fclose(r->fp);
	r->more++;
	r->nmore--;
	r->name = path_name(path);
	r->nframes = 0;
	if (!strcmp(path, "-"))
		r->fp = stdin;
	else if (!(r->fp = fopen(path, "rb")))
		return rerr(r, "open: %s", strerror(errno));
	r->wait = reader_live(r);
	return 0;
}

int
reader_next(struct reader *r, struct frame *f)
{
	unsigned char *b = r->buf;
	size_t got;
	uint64_t tbits;

	for (;;) {
		int file_start = 0;
		got = read_full(r, b, 4);
		if (got < 4 && util_stopped())
			return 0;	/* a stop signal ended the input: drop a part frame */
		if (got == 0 && !ferror(r->fp)) {
			if (!r->nmore)
				return 0;
			if (next_file(r))
				return -1;
			file_start = 1;
			got = read_full(r, b, 4);
			if (got < 4 && util_stopped())
				return 0;
			if (got == 0 && !ferror(r->fp))
				return rerr(r, "header: empty input");
		}
		if (file_start || (got == 4 && !memcmp(b, TENSOR_MAGIC, 4))) {
			/* another header: a concatenated stream, or the next file of one */
			struct header h2;
			char why[256];
			if (read_header(r, b, got, &h2))
				return util_stopped() ? 0 : -1;
			if (header_compatible(&r->h, &h2, why, sizeof why)) {
				header_free(&h2);
				return rerr(r, "header %d: %s of the first header", r->nparts + 1, why);
			}
			merge_names(&r->h.classes, &h2.classes, &r->cmap);
			merge_names(&r->h.groups, &h2.groups, &r->gmap);
			merge_meta(&r->h.meta, &h2.meta);
			if (h2.t0 != r->h.t0)
				r->t0_varies = 1;
			r->h.t0 = h2.t0;	/* the frames that follow count from it */
			header_free(&h2);
			r->nparts++;
			continue;
		}
		break;
	}
	got += read_full(r, b + got, r->framebytes - got);
	if (got < r->framebytes) {
		if (util_stopped())
			return 0;
		if (ferror(r->fp))
			return rerr(r, "frame %llu: %s", (unsigned long long)r->nframes, strerror(errno));
		return rerr(r, "frame %llu: truncated (%zu of %zu bytes)",
		    (unsigned long long)r->nframes, got, r->framebytes);
	}
	if (map_index(r, (int32_t)get_u32(b), &r->cmap, "label", &f->label) ||
	    map_index(r, (int32_t)get_u32(b + 4), &r->gmap, "group", &f->group))
		return -1;
	tbits = get_u64(b + 8);
	memcpy(&f->time, &tbits, 8);
	if (isinf(f->time))
		return rerr(r, "frame %llu: time is infinite", (unsigned long long)r->nframes);
	le_floats(b + FRAMEHEAD, r->h.size);
	f->x = (float *)(b + FRAMEHEAD);
	if (!all_finite(f->x, r->h.size)) {
		size_t i = 0;
		while (isfinite(f->x[i]))
			i++;
		return rerr(r, "frame %llu: value %zu%s%s%s is %s", (unsigned long long)r->nframes,
		    i + 1, r->h.columns.n ? " (" : "", header_column(&r->h, i),
		    r->h.columns.n ? ")" : "", isnan(f->x[i]) ? "NaN" : "infinite");
	}
	r->nframes++;
	return 1;
}

int
reader_live(const struct reader *r)
{
	struct stat st;

	return fstat(fileno(r->fp), &st) != 0 || !S_ISREG(st.st_mode);
}

void
reader_close(struct reader *r)
{
	header_free(&r->h);
	names_map_free(&r->cmap);
	names_map_free(&r->gmap);
	free(r->buf);
	r->buf = NULL;
}

/* --- writer --- */

static int
write_header(struct writer *w)
{
	unsigned char fixed[PREFIX];
	unsigned char *body;
	size_t len;

	body = header_encode(&w->h, &len);
	if (len > TENSOR_MAXBODY) {
		free(body);
		errno = EFBIG;
		return -1;
	}
	memcpy(fixed, TENSOR_MAGIC, 8);
	fixed[8] = TENSOR_VERSION;
	fixed[9] = fixed[10] = fixed[11] = 0;
	put_u32(fixed + 12, (uint32_t)len);
	fwrite(fixed, 1, PREFIX, w->fp);
	fwrite(body, 1, len, w->fp);
	free(body);
	return ferror(w->fp) ? -1 : 0;
}

int
writer_open(struct writer *w, FILE *fp, const char *name, const struct header *h)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->name = name;
	header_copy(&w->h, h);
	w->framebytes = FRAMEHEAD + h->size * 4;
	w->buf = emalloc(w->framebytes);
	return write_header(w);
}

void
writer_defer(struct writer *w, FILE *fp, const char *name, const struct header *h,
    const struct header *follow)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->name = name;
	header_copy(&w->h, h);
	w->follow = follow;
	w->deferred = 1;
	w->framebytes = FRAMEHEAD + h->size * 4;
	w->buf = emalloc(w->framebytes);
}

/* Take the names the followed header gained, and its t0; 1 if anything changed. */
static int
follow_names(struct writer *w)
{
	if (!w->follow || (w->follow->classes.n <= w->h.classes.n &&
	    w->follow->groups.n <= w->h.groups.n && w->follow->t0 == w->h.t0))
		return 0;
	w->h.t0 = w->follow->t0;
	for (size_t i = w->h.classes.n; i < w->follow->classes.n; i++)
		names_add(&w->h.classes, w->follow->classes.v[i]);
	for (size_t i = w->h.groups.n; i < w->follow->groups.n; i++)
		names_add(&w->h.groups, w->follow->groups.v[i]);
	return 1;
}

int
writer_end(struct writer *w)
{
	if (!w->deferred)
		return 0;
	follow_names(w);
	w->deferred = 0;
	return write_header(w);
}

int
writer_put(struct writer *w, const struct frame *f)
{
	unsigned char *b = w->buf;
	uint64_t tbits;

	/* the first frame of a deferred writer takes its header out; later, the input's
	 * tables may grow or its t0 change (a concatenated input): then the header is
	 * restated */
	int grew = follow_names(w);
	if (grew || w->deferred) {
		w->deferred = 0;
		if (write_header(w))
			return -1;
	}
	put_u32(b, (uint32_t)f->label);
	put_u32(b + 4, (uint32_t)f->group);
	memcpy(&tbits, &f->time, 8);
	put_u64(b + 8, tbits);
	memcpy(b + FRAMEHEAD, f->x, w->h.size * 4);
	le_floats(b + FRAMEHEAD, w->h.size);
	if (fwrite(b, 1, w->framebytes, w->fp) != w->framebytes)
		return -1;
	w->nframes++;
	if (w->fp == stdout)
		util_record();
	return 0;
}

void
writer_close(struct writer *w)
{
	header_free(&w->h);
	free(w->buf);
	w->buf = NULL;
}

/* --- dying wrappers for tools --- */

void
tensor_open(struct reader *r, const char *path)
{
	FILE *fp = efopen_in(path);

	if (reader_open(r, fp, path_name(path))) {
		if (util_stopped())
			finish(0);	/* stopped before the header: nothing to write */
		die_at(path_name(path), NULL, "%s", r->err);
	}
}

void
tensor_open_all(struct reader *r, int n, char *const *paths)
{
	tensor_open(r, n ? paths[0] : NULL);
	r->more = n ? paths + 1 : NULL;
	r->nmore = n ? n - 1 : 0;
}

int
tensor_read(struct reader *r, struct frame *f)
{
	int rc = reader_next(r, f);

	if (rc < 0)
		die_at(r->name, NULL, "%s", r->err);
	return rc;
}

void
tensor_writer(struct writer *w, FILE *fp, const char *name, const struct header *h)
{
	if (writer_open(w, fp, name, h))
		die_write(name, errno);
}

void
tensor_writer_end(struct writer *w)
{
	if (writer_end(w))
		die_at(w->name, "write", "%s", strerror(errno ? errno : EIO));
}

void
tensor_write(struct writer *w, const struct frame *f)
{
	if (!all_finite(f->x, w->h.size)) {
		size_t i = 0;
		char where[64];
		while (isfinite(f->x[i]))
			i++;
		snprintf(where, sizeof where, "frame %llu", (unsigned long long)w->nframes);
		die_at(w->name, where, "value %zu%s%s%s is %s: refusing to write it", i + 1,
		    w->h.columns.n ? " (" : "", header_column(&w->h, i), w->h.columns.n ? ")" : "",
		    isnan(f->x[i]) ? "NaN" : "infinite");
	}
	if (writer_put(w, f))
		die_write(w->name, errno);
}
