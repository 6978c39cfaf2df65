/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv: a fast, exact reader for numeric CSV tables. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

int
csv_load(struct csv *c, FILE *fp)
{
	size_t cap = 1 << 16, n;

	memset(c, 0, sizeof *c);
	c->buf = emalloc(cap);
	for (;;) {
		if (c->len + 1 == cap) {
			if (cap > SIZE_MAX / 4)
				return errno = EFBIG, -1;
			cap *= 2;
			c->buf = ereallocarray(c->buf, cap, 1);
		}
		n = fread(c->buf + c->len, 1, cap - 1 - c->len, fp);
		c->len += n;
		if (n == 0)
			break;
	}
	c->buf[c->len] = '\0';
	return ferror(fp) ? -1 : 0;
}

static void
add_field(struct csv *c, char *p, size_t n)
{
	if (c->nf == c->capf) {
		c->capf = c->capf ? 2 * c->capf : 64;
		c->f = ereallocarray(c->f, c->capf, sizeof *c->f);
	}
	c->f[c->nf].p = p;
	c->f[c->nf].n = n;
	c->nf++;
}

size_t
csv_next(struct csv *c)
{
	char *s = c->buf + c->pos, *end = c->buf + c->len;

	c->nf = 0;
	/* skip empty lines */
	while (s < end && (*s == '\n' || *s == '\r')) {
		if (*s == '\n')
			c->seen++;
		s++;
	}
	if (s >= end) {
		c->pos = c->len;
		return 0;
	}
	c->line = c->seen + 1;
	for (;;) {
		char *start = s;
		if (*s == '"') {
			/* quoted: unescape "" in place */
			char *w = start;
			int closed = 0;
			s++;
			while (s < end) {
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						*w++ = '"';
						s += 2;
						continue;
					}
					s++;
					closed = 1;
					break;
				}
				if (*s == '\n')
					c->seen++;
				*w++ = *s++;
			}
			add_field(c, start, w - start);
			if (!closed)
				c->unterminated = 1;
			while (s < end && *s != ',' && *s != '\n')
				s++;	/* junk after the closing quote is ignored */
		} else {
			while (s < end && *s != ',' && *s != '\n')
				s++;
			size_t n = s - start;
			if (n && start[n - 1] == '\r')
				n--;
			add_field(c, start, n);
		}
		if (s >= end || *s == '\n') {
			if (s < end) {
				s++;
				c->seen++;
			}
			break;
		}
		s++;	/* comma */
	}
	c->pos = s - c->buf;
	return c->nf;
}

const char *
csv_show(const struct csv_field *f, char *buf, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < f->n && i < 40 && o + 5 < n; i++) {
		unsigned char ch = (unsigned char)f->p[i];
		if (ch < 0x20 || ch == 0x7f || ch == '\\')
			o += snprintf(buf + o, n - o, "\\x%02x", ch);
		else
			buf[o++] = (char)ch;
	}
	if (f->n > 40 && o + 4 < n)
		o += snprintf(buf + o, n - o, "...");
	buf[o] = '\0';
	return buf;
}

void
csv_free(struct csv *c)
{
	free(c->buf);
	free(c->f);
	memset(c, 0, sizeof *c);
}


static const double p10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * Parse a decimal number at p, stopping at the first character that cannot continue it.
 * Returns the stop pointer, or NULL when there is no finite number at p.
 * Fast path (Clinger): at most 19 significant digits, mantissa w <= 2^53 and a decimal
 * exponent |e| <= 22: w and 10^|e| are exact doubles, so one IEEE multiply or divide gives
 * the correctly rounded result, equal to strtod's. Anything else goes to strtod.
 */
/* The slow path: strtod on a NUL-terminated copy of the number [s, p). */
static __attribute__((noinline)) const char *
scan_slow(const char *s, const char *p, double *v)
{
	char small[128], *buf = small;
	size_t len = (size_t)(p - s);
	double r;

	if (len >= sizeof small)
		buf = emalloc(len + 1);
	memcpy(buf, s, len);
	buf[len] = 0;
	r = strtod(buf, NULL);
	if (buf != small)
		free(buf);
	if (!isfinite(r))
		return NULL;
	*v = r;
	return p;
}

const char *
csv_scan_number(const char *p, const char *end, double *v)
{
	const char *s = p, *q, *a0;
	uint64_t w = 0;
	int e = 0, nd, neg = 0, dot = 0;
	unsigned d;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	a0 = p;
	while (p < end && *p == '0')	/* leading zeros are not significant */
		p++;
	q = p;
	while (p < end && (d = (unsigned)(*p - '0')) < 10) {
		w = w * 10 + d;		/* may wrap past 19 digits: then nd > 19 below */
		p++;
	}
	nd = (int)(p - q);
	if (p < end && *p == '.') {
		const char *f = ++p;
		dot = 1;
		if (w == 0) {		/* 0.000ddd: zeros after the point only scale */
			while (p < end && *p == '0')
				p++;
			e = -(int)(p - f);
			f = p;
		}
		while (p < end && (d = (unsigned)(*p - '0')) < 10) {
			w = w * 10 + d;
			p++;
		}
		nd += (int)(p - f);
		e -= (int)(p - f);
	}
	if (p - a0 - dot < 1)	/* no digit at all */
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, ex = 0, anye = 0;
		q = p + 1;
		if (q < end && (*q == '-' || *q == '+'))
			eneg = *q++ == '-';
		while (q < end && (d = (unsigned)(*q - '0')) < 10) {
			if (ex < 100000)
				ex = ex * 10 + (int)d;
			anye = 1;
			q++;
		}
		if (!anye)
			return NULL;
		e += eneg ? -ex : ex;
		p = q;
	}
	if (nd <= 19 && w <= (UINT64_C(1) << 53)) {
		double r = (double)w;
		if (w == 0) {
			*v = neg ? -0.0 : 0.0;
			return p;
		}
		if (e >= -22 && e <= 22) {
			r = e < 0 ? r / p10[-e] : r * p10[e];
			*v = neg ? -r : r;
			return p;
		}
	}
	return scan_slow(s, p, v);
}

/*
 * csv_scan_number for text that is followed in memory by a character that cannot continue a
 * number (a line's '\n' or '\r', or the NUL the line buffer keeps after its data): the
 * same result without bounds checks, for the CSV fast path.
 */
const char *
csv_scan_fast(const char *p, double *v)
{
	const char *s = p, *q, *a0;
	uint64_t w = 0;
	int e = 0, nd, neg = 0, dot = 0;
	unsigned d;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	a0 = p;
	while (*p == '0')
		p++;
	q = p;
	while ((d = (unsigned)(*p - '0')) < 10) {
		w = w * 10 + d;
		p++;
	}
	nd = (int)(p - q);
	if (*p == '.') {
		const char *f = ++p;
		dot = 1;
		if (w == 0) {
			while (*p == '0')
				p++;
			e = -(int)(p - f);
			f = p;
		}
		while ((d = (unsigned)(*p - '0')) < 10) {
			w = w * 10 + d;
			p++;
		}
		nd += (int)(p - f);
		e -= (int)(p - f);
	}
	if (p - a0 - dot < 1 || *p == 'e' || *p == 'E')
		return NULL;	/* not a number, or an exponent: the general path decides */
	if (nd <= 19 && w <= (UINT64_C(1) << 53)) {
		double r = (double)w;
		if (w == 0) {
			*v = neg ? -0.0 : 0.0;
			return p;
		}
		if (e >= -22) {
			r = e < 0 ? r / p10[-e] : r;
			*v = neg ? -r : r;
			return p;
		}
	}
	return scan_slow(s, p, v);
}

int
csv_parse_number(const char *p, const char *end, double *v)
{
	const char *q = csv_scan_number(p, end, v);

	return q && q == end ? 0 : -1;
}

/* A whole field as a finite number, blanks around it allowed. */
int
csv_number(const char *p, size_t n, double *v)
{
	const char *e = p + n;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return csv_parse_number(p, e, v);
}
