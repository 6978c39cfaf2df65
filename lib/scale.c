/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale: fit, apply, save and load per-value scalers (format and formulas in scale.h). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scale.h"
#include "util.h"

const char *const scale_method_names[] = { "zscore", "minmax" };

static void
scale_zero(struct scaler *s)
{
	memset(s, 0, sizeof *s);
	names_init(&s->columns);
	names_init(&s->sets);
}

/* Grow the per-set arrays to hold set k = s->nsets. */
static size_t
add_set(struct scaler *s, const char *name)
{
	size_t k = s->nsets, n = mul_size(k + 1, s->size);

	if (n == SIZE_MAX || n > SCALE_MAXVALUES)
		die("scaler: more than %u parameters", SCALE_MAXVALUES);
	names_add(&s->sets, name);
	s->frames = ereallocarray(s->frames, k + 1, sizeof *s->frames);
	s->shift = ereallocarray(s->shift, n, sizeof *s->shift);
	s->scale = ereallocarray(s->scale, n, sizeof *s->scale);
	s->m2 = ereallocarray(s->m2, n, sizeof *s->m2);
	s->frames[k] = 0;
	memset(s->shift + k * s->size, 0, s->size * sizeof *s->shift);
	memset(s->scale + k * s->size, 0, s->size * sizeof *s->scale);
	memset(s->m2 + k * s->size, 0, s->size * sizeof *s->m2);
	s->nsets++;
	return k;
}

void
scale_init(struct scaler *s, int method, int per_group, const struct header *h)
{
	scale_zero(s);
	s->method = method;
	s->per_group = per_group;
	s->ndim = h->ndim;
	memcpy(s->dims, h->dims, sizeof s->dims);
	s->size = h->size;
	s->fit = scale_part(h);
	names_copy(&s->columns, &h->columns);
	if (!per_group)
		add_set(s, "");
}

char *
scale_part(const struct header *h)
{
	struct names parts;
	size_t n = 1;
	char *s;

	names_init(&parts);
	for (size_t i = 0; i < h->meta.n; i++)
		if (!strncmp(h->meta.v[i], "split=", 6) && h->meta.v[i][6])
			names_intern(&parts, h->meta.v[i] + 6);
	if (!parts.n)
		return estrdup("all");
	for (size_t i = 0; i < parts.n; i++)
		n += strlen(parts.v[i]) + 1;
	s = emalloc(n);
	s[0] = '\0';
	for (size_t i = 0; i < parts.n; i++) {
		if (i)
			strcat(s, "+");
		strcat(s, parts.v[i]);
	}
	for (char *p = s; *p; p++)	/* one word in "METHOD SCOPE FIT" */
		if (*p == ' ')
			*p = '_';
	names_free(&parts);
	return s;
}

void
scale_record(const struct scaler *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s %s", scale_method_names[s->method],
	    s->per_group ? "per-group" : "global", s->fit ? s->fit : "unknown");
}

size_t
scale_set(struct scaler *s, const char *g)
{
	long k = scale_find(s, g);

	return k >= 0 ? (size_t)k : add_set(s, g);
}

void
scale_add(struct scaler *s, size_t k, const float *x)
{
	double *a = s->shift + k * s->size, *b = s->m2 + k * s->size;
	uint64_t n = ++s->frames[k];

	if (s->method == SCALE_MINMAX) {
		/* a = min, b = max */
		for (size_t i = 0; i < s->size; i++) {
			double v = x[i];
			if (n == 1 || v < a[i])
				a[i] = v;
			if (n == 1 || v > b[i])
				b[i] = v;
		}
		return;
	}
	/* Welford: a = running mean, b = sum of squared deviations */
	double inv = 1.0 / (double)n;
	for (size_t i = 0; i < s->size; i++) {
		double v = x[i], d = v - a[i];
		a[i] += d * inv;
		b[i] += d * (v - a[i]);
	}
}

int
scale_fit_end(struct scaler *s, char *err, size_t n)
{
	for (size_t k = 0; k < s->nsets; k++) {
		double *a = s->shift + k * s->size, *b = s->m2 + k * s->size;
		double *sc = s->scale + k * s->size, cnt = (double)s->frames[k];

		if (!s->frames[k])
			return errf(err, n, "no frames to fit%s%s", s->per_group ? " for group " : "",
			    s->sets.v[k]);
		for (size_t i = 0; i < s->size; i++) {
			if (s->method == SCALE_MINMAX) {
				double r = b[i] - a[i];
				sc[i] = r < 10 * DBL_EPSILON ? 1.0 : r;
			} else {
				double var = b[i] / cnt, e = DBL_EPSILON;
				double bound = cnt * e * var + (cnt * a[i] * e) * (cnt * a[i] * e);
				sc[i] = var <= bound ? 1.0 : sqrt(var);
			}
		}
	}
	free(s->m2);
	s->m2 = NULL;
	return 0;
}

int
scale_fit(struct scaler *s, int method, const struct header *h, const float *X, size_t n,
    const char *const *group, char *err, size_t nerr)
{
	scale_init(s, method, group != NULL, h);
	for (size_t j = 0; j < n; j++)
		scale_add(s, group ? scale_set(s, group[j]) : 0, X + j * h->size);
	return scale_fit_end(s, err, nerr);
}

long
scale_find(const struct scaler *s, const char *g)
{
	if (!s->per_group)
		return s->nsets ? 0 : -1;
	return names_find(&s->sets, g);
}

int
scale_check(const struct scaler *s, const struct header *h, char *err, size_t n)
{
	char a[64], b[64];

	if (s->ndim != h->ndim || memcmp(s->dims, h->dims, s->ndim * sizeof *s->dims)) {
		shape_str(h->ndim, h->dims, a, sizeof a);
		shape_str(s->ndim, s->dims, b, sizeof b);
		return errf(err, n, "stream frames are %s values, the scaler was fit on %s", a, b);
	}
	if (s->columns.n != h->columns.n)
		return errf(err, n, "stream has %zu column names, the scaler was fit on %zu",
		    h->columns.n, s->columns.n);
	for (size_t i = 0; i < h->columns.n; i++)
		if (strcmp(s->columns.v[i], h->columns.v[i]))
			return errf(err, n, "stream column %zu is '%.100s', the scaler's is '%.100s'",
			    i + 1, h->columns.v[i], s->columns.v[i]);
	return 0;
}

long
scale_apply(const struct scaler *s, size_t k, float *x)
{
	const double *a = s->shift + k * s->size, *sc = s->scale + k * s->size;
	uint32_t bad = 0;

	for (size_t i = 0; i < s->size; i++) {
		float y = (float)(((double)x[i] - a[i]) / sc[i]);
		uint32_t u;
		memcpy(&u, &y, 4);
		bad |= (u & 0x7f800000u) == 0x7f800000u;
		x[i] = y;
	}
	if (!bad)
		return -1;
	for (size_t i = 0; i < s->size; i++)
		if (!isfinite(x[i]))
			return (long)i;
	return -1;
}

int
scale_save(const struct scaler *s, FILE *fp)
{
	char shape[64];

	shape_str(s->ndim, s->dims, shape, sizeof shape);
	fprintf(fp, "eegpipe-scale=2\nmethod=%s\nper-group=%d\nfit=%s\nshape=%s\n",
	    scale_method_names[s->method], s->per_group, s->fit ? s->fit : "unknown", shape);
	for (size_t i = 0; i < s->columns.n; i++)
		fprintf(fp, "column=%s\n", s->columns.v[i]);
	for (size_t k = 0; k < s->nsets; k++) {
		fprintf(fp, "set=%s\nframes=%llu\n", s->sets.v[k], (unsigned long long)s->frames[k]);
		for (size_t i = 0; i < s->size; i++)
			fprintf(fp, "%.17g %.17g\n", s->shift[k * s->size + i],
			    s->scale[k * s->size + i]);
	}
	fputs("end=eegpipe-scale\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* --- loading: one line at a time, every number checked --- */

struct lines {
	FILE *fp;
	int no;
	char buf[TENSOR_MAXNAME + 64];
	char *err;
	size_t nerr;
};

/* Next line without its newline, or NULL with err set at end of input or on a bad line. */
static char *
next_line(struct lines *l)
{
	size_t k;

	l->no++;
	if (!fgets(l->buf, sizeof l->buf, l->fp)) {
		if (ferror(l->fp))
			errf(l->err, l->nerr, "line %d: %s", l->no, strerror(errno));
		else
			errf(l->err, l->nerr, "line %d: unexpected end of file (truncated?)", l->no);
		return NULL;
	}
	k = strlen(l->buf);
	if (!k || l->buf[k - 1] != '\n') {
		errf(l->err, l->nerr, "line %d: %s", l->no, k + 1 == sizeof l->buf ?
		    "too long" : "no newline at end of file (truncated?)");
		return NULL;
	}
	l->buf[k - 1] = '\0';
	for (size_t i = 0; i + 1 < k; i++)
		if ((unsigned char)l->buf[i] < 0x20 && l->buf[i] != '\t') {
			errf(l->err, l->nerr, "line %d: control byte 0x%02x", l->no,
			    (unsigned char)l->buf[i]);
			return NULL;
		}
	return l->buf;
}

/* Value of "key=value" when the line has that key, else NULL. */
static const char *
value_of(const char *line, const char *key)
{
	size_t k = strlen(key);

	return !strncmp(line, key, k) && line[k] == '=' ? line + k + 1 : NULL;
}

static int
parse_shape(struct scaler *s, const char *v)
{
	size_t size = 1;

	s->ndim = 0;
	if (shape_parse(v, 0, &s->ndim, s->dims))
		return -1;
	for (int i = 0; i < s->ndim; i++)
		size = mul_size(size, s->dims[i]);
	if (size > TENSOR_MAXSIZE)
		return -1;
	s->size = size;
	return 0;
}

int
scale_load(struct scaler *s, FILE *fp, char *err, size_t nerr)
{
	struct lines l = { .fp = fp, .err = err, .nerr = nerr };
	const char *v;
	char *line, *end;

	scale_zero(s);
#define NEXT() do { if (!(line = next_line(&l))) goto bad; } while (0)
#define FAIL(...) do { errf(err, nerr, __VA_ARGS__); goto bad; } while (0)
	int c0 = getc(fp);
	if (c0 == 0x89) {
		/* a binary eegpipe file (a model, a stream) given for parameters: say which */
		unsigned char head[8] = { 0x89 };
		const char *kind = tensor_file_kind(head, 1 + fread(head + 1, 1, 7, fp));
		FAIL("%s, not scaler parameters (eeg-scale --fit writes them)",
		    kind ? kind : "a binary file");
	}
	if (c0 != EOF)
		ungetc(c0, fp);
	NEXT();
	if (!(v = value_of(line, "eegpipe-scale")))
		FAIL("line 1: not an eegpipe scaler file");
	int version = !strcmp(v, "1") ? 1 : !strcmp(v, "2") ? 2 : 0;
	if (!version)
		FAIL("line 1: scaler file version '%.32s' not supported (this reader knows 1 and 2)", v);
	NEXT();
	if (!(v = value_of(line, "method")))
		FAIL("line %d: expected method=", l.no);
	if (!strcmp(v, "zscore"))
		s->method = SCALE_ZSCORE;
	else if (!strcmp(v, "minmax"))
		s->method = SCALE_MINMAX;
	else
		FAIL("line %d: unknown method '%.32s'", l.no, v);
	NEXT();
	if (!(v = value_of(line, "per-group")) || (strcmp(v, "0") && strcmp(v, "1")))
		FAIL("line %d: expected per-group=0 or per-group=1", l.no);
	s->per_group = *v == '1';
	NEXT();
	if (version == 1) {
		s->fit = estrdup("unknown");
	} else {
		if (!(v = value_of(line, "fit")) || !*v || strchr(v, ' '))
			FAIL("line %d: expected fit= and one word (the part it was fit on)", l.no);
		s->fit = estrdup(v);
		NEXT();
	}
	if (!(v = value_of(line, "shape")) || parse_shape(s, v))
		FAIL("line %d: expected shape= with 1 to %d dims of at most %u values in all",
		    l.no, TENSOR_MAXDIMS, TENSOR_MAXSIZE);
	NEXT();
	while ((v = value_of(line, "column"))) {
		if (s->columns.n >= s->size)
			FAIL("line %d: more column names than values per frame", l.no);
		names_add(&s->columns, v);
		NEXT();
	}
	if (s->columns.n && s->columns.n != s->size && s->columns.n != s->dims[s->ndim - 1])
		FAIL("line %d: %zu column names for frames of %zu values", l.no, s->columns.n,
		    s->size);
	while ((v = value_of(line, "set"))) {
		char *name;
		unsigned long long fr;
		double *ab;
		size_t k, nab = 0, cap = 0;
		if (!s->per_group && s->nsets)
			FAIL("line %d: a global scaler has one set", l.no);
		if (s->per_group && names_find(&s->sets, v) >= 0)
			FAIL("line %d: group '%.100s' twice", l.no, v);
		if (mul_size(s->nsets + 1, s->size) > SCALE_MAXVALUES)
			FAIL("line %d: more than %u parameters", l.no, SCALE_MAXVALUES);
		name = estrdup(v);
		if (!(line = next_line(&l))) {
			free(name);
			goto bad;
		}
		if (!(v = value_of(line, "frames"))) {
			free(name);
			FAIL("line %d: expected frames=", l.no);
		}
		errno = 0;
		fr = strtoull(v, &end, 10);
		if (end == v || *end || errno || !fr || *v == '-') {
			free(name);
			FAIL("line %d: bad frame count '%.32s'", l.no, v);
		}
		/* read the values before allocating a set for them: a short file costs what it holds */
		ab = NULL;
		for (size_t i = 0; i < s->size; i++) {
			double a, b;
			if (!(line = next_line(&l)))
				break;
			errno = 0;
			a = strtod(line, &end);
			if (end == line || *end != ' ')
				break;
			v = end + 1;
			b = strtod(v, &end);
			if (end == v || *end || errno || !isfinite(a) || !isfinite(b) || !(b > 0)) {
				line = NULL;
				errf(err, nerr, "line %d: expected a finite shift and a positive "
				    "finite scale", l.no);
				break;
			}
			if (nab == cap) {
				cap = cap ? 2 * cap : 1024;
				ab = ereallocarray(ab, cap, 2 * sizeof *ab);
			}
			ab[2 * nab] = a;
			ab[2 * nab + 1] = b;
			nab++;
		}
		if (nab < s->size) {
			free(name);
			free(ab);
			if (line)
				FAIL("line %d: expected two numbers", l.no);
			goto bad;	/* err says why: end of file, or a bad pair */
		}
		k = add_set(s, name);
		free(name);
		s->frames[k] = fr;
		for (size_t i = 0; i < s->size; i++) {
			s->shift[k * s->size + i] = ab[2 * i];
			s->scale[k * s->size + i] = ab[2 * i + 1];
		}
		free(ab);
		NEXT();
	}
	if (!s->nsets)
		FAIL("line %d: expected set=", l.no);
	if (!(v = value_of(line, "end")) || strcmp(v, "eegpipe-scale"))
		FAIL("line %d: expected set= or end=eegpipe-scale", l.no);
#undef NEXT
#undef FAIL
	free(s->m2);
	s->m2 = NULL;
	return 0;
bad:
	scale_free(s);
	return -1;
}

void
scale_free(struct scaler *s)
{
	names_free(&s->columns);
	names_free(&s->sets);
	free(s->fit);
	free(s->frames);
	free(s->shift);
	free(s->scale);
	free(s->m2);
	scale_zero(s);
}
