/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv: the CSV tokenizer and an exact fast number parser (see csv.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "util.h"

#define SLACK	(1u << 16)	/* a stream reads at least this much at a time */

int
csv_load(struct csv *c, FILE *fp)
{
	size_t cap = 1 << 16, n;

	memset(c, 0, sizeof *c);
	c->fd = -1;
	c->eof = 1;
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

void
csv_stream(struct csv *c, int fd, int own, const void *pre, size_t npre, size_t maxrec)
{
	memset(c, 0, sizeof *c);
	c->fd = fd;
	c->own = own;
	c->cap = maxrec + SLACK;
	if (c->cap < npre)
		c->cap = npre;
	c->buf = emalloc(c->cap + 1);
	if (npre)
		memcpy(c->buf, pre, npre);
	c->len = npre;
	c->buf[c->len] = '\0';
}

int
csv_fill(struct csv *c)
{
	ssize_t r;

	if (c->eof)
		return 0;
	if (c->pos > 0 && (c->pos == c->len || c->cap - c->len < SLACK)) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->pos = 0;
		c->buf[c->len] = '\0';
	}
	if (c->len == c->cap)
		return errno = E2BIG, -1;
	r = util_read(c->fd, c->buf + c->len, c->cap - c->len);	/* flushes live output */
	if (r < 0)
		return -1;
	if (r == 0) {
		if (util_stopped()) {
			/* a stop signal ended the input: at its last whole line */
			char *nl = memrchr(c->buf + c->pos, '\n', c->len - c->pos);
			c->len = nl ? (size_t)(nl + 1 - c->buf) : c->pos;
			c->buf[c->len] = '\0';
		}
		c->eof = 1;
		return 0;
	}
	c->len += (size_t)r;
	c->buf[c->len] = '\0';
	return 1;
}

static void
add_field(struct csv *c, char *p, size_t n, int quoted)
{
	if (c->nf == c->capf) {
		c->capf = c->capf ? 2 * c->capf : 64;
		c->f = ereallocarray(c->f, c->capf, sizeof *c->f);
	}
	c->f[c->nf].p = p;
	c->f[c->nf].n = n;
	c->f[c->nf].quoted = quoted;
	c->nf++;
}

/* "" -> " in a quoted field, in place (only once its record is complete: a stream may
 * have to split the same bytes again when they were not). */
static void
unescape(struct csv_field *f)
{
	char *r, *w, *e = f->p + f->n;

	if (!(r = memchr(f->p, '"', f->n)))
		return;
	for (w = r; r < e; r++) {
		*w++ = *r;
		if (*r == '"')
			r++;	/* the second quote of the pair */
	}
	f->n = (size_t)(w - f->p);
}

size_t
csv_next(struct csv *c)
{
	char *s = c->buf + c->pos, *end = c->buf + c->len;
	long seen;

	c->nf = 0;
	c->nonl = c->unterminated = 0;
	/* skip empty lines */
	while (s < end && (*s == '\n' || *s == '\r')) {
		if (*s == '\n')
			c->seen++;
		s++;
	}
	c->pos = (size_t)(s - c->buf);
	if (s >= end)
		return 0;
	seen = c->seen;
	for (;;) {
		char *start = s;
		if (*s == '"') {
			int closed = 0;
			s++;
			while (s < end) {
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						s += 2;
						continue;
					}
					if (s + 1 == end && !c->eof)
						goto incomplete;	/* "" or a closing quote? */
					s++;
					closed = 1;
					break;
				}
				if (*s == '\n')
					seen++;
				s++;
			}
			if (!closed && !c->eof)
				goto incomplete;
			add_field(c, start + 1, (size_t)((closed ? s - 1 : s) - (start + 1)), 1);
			if (!closed)
				c->unterminated = 1;
			char *q = s;	/* just after the closing quote */
			while (s < end && *s != ',' && *s != '\n')
				s++;
			/* text after the closing quote ("2"x): the field is kept as written, unquoted,
			 * so that it is refused as a number rather than read as its quoted part */
			size_t junk = (size_t)(s - q);
			if (junk && q[junk - 1] == '\r')
				junk--;
			if (closed && junk) {
				c->nf--;
				add_field(c, start, (size_t)(q + junk - start), 0);
			}
		} else {
			size_t n;
			while (s < end && *s != ',' && *s != '\n')
				s++;
			n = (size_t)(s - start);
			if (n && start[n - 1] == '\r')
				n--;
			add_field(c, start, n, 0);
		}
		if (s >= end) {
			if (!c->eof)
				goto incomplete;
			c->nonl = 1;
			break;
		}
		if (*s == '\n') {
			s++;
			seen++;
			break;
		}
		s++;	/* comma */
	}
	c->line = c->seen + 1;
	c->seen = seen;
	c->pos = (size_t)(s - c->buf);
	for (size_t i = 0; i < c->nf; i++)
		if (c->f[i].quoted)
			unescape(&c->f[i]);
	return c->nf;
incomplete:
	c->nf = 0;
	c->nonl = c->unterminated = 0;
	return 0;
}

int
csv_numbers(struct csv *c, double *v, size_t n)
{
	const char *p = c->buf + c->pos, *q, *end = c->buf + c->len;
	int nl = 0;

	for (size_t i = 0;; i++) {
		if (!(q = csv_scan_fast(p, &v[i])))
			return 0;
		if (i + 1 == n)
			break;
		if (*q != ',')
			return 0;
		p = q + 1;
	}
	if (*q == '\r' && q[1] == '\n')
		q++;
	if (*q == '\n')
		nl = 1, q++;
	else if (q != end || !c->eof)
		return 0;	/* more fields, junk, or not complete yet */
	c->line = c->seen + 1;
	c->seen += nl;
	c->nonl = !nl;
	c->nf = 0;
	c->unterminated = 0;
	c->pos = (size_t)(q - c->buf);
	return 1;
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
	if (c->own && c->fd >= 0)
		close(c->fd);
	free(c->buf);
	free(c->f);
	memset(c, 0, sizeof *c);
	c->fd = -1;
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

static int
digits(const char **pp, const char *end, int n, int *v)
{
	const char *p = *pp;
	int x = 0;

	for (int i = 0; i < n; i++, p++) {
		if (p >= end || (unsigned)(*p - '0') >= 10)
			return -1;
		x = x * 10 + (*p - '0');
	}
	*pp = p;
	*v = x;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

int
csv_parse_datetime(const char *p, const char *end, double *v)
{
	int y, mo, d, h, mi, sec;
	double frac = 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (digits(&p, end, 4, &y) || p >= end || *p++ != '-' ||
	    digits(&p, end, 2, &mo) || p >= end || *p++ != '-' ||
	    digits(&p, end, 2, &d) || p >= end || (*p != ' ' && *p != 'T') || !++p ||
	    digits(&p, end, 2, &h) || p >= end || *p++ != ':' ||
	    digits(&p, end, 2, &mi) || p >= end || *p++ != ':' ||
	    digits(&p, end, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (p < end && *p == '.') {
		const char *q = p + 1;
		if (q == end || (unsigned)(*q - '0') >= 10)
			return -1;
		while (q < end && (unsigned)(*q - '0') < 10)
			q++;
		if (q - p > 20 || csv_parse_number(p, q, &frac))
			return -1;
		p = q;
	}
	if (p != end)
		return -1;
	*v = (double)(days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400L +
	    h * 3600L + mi * 60L + sec) + frac;
	return 0;
}
