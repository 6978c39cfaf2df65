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
			c->line++;
		s++;
	}
	if (s >= end) {
		c->pos = c->len;
		return 0;
	}
	c->line++;
	for (;;) {
		char *start = s;
		if (*s == '"') {
			/* quoted: unescape "" in place */
			char *w = start;
			s++;
			while (s < end) {
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						*w++ = '"';
						s += 2;
						continue;
					}
					s++;
					break;
				}
				if (*s == '\n')
					c->line++;
				*w++ = *s++;
			}
			add_field(c, start, w - start);
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
			if (s < end)
				s++;
			break;
		}
		s++;	/* comma */
	}
	c->pos = s - c->buf;
	return c->nf;
}

void
csv_free(struct csv *c)
{
	free(c->buf);
	free(c->f);
	memset(c, 0, sizeof *c);
}

static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * Exact fast path (Clinger): a decimal whose digits fit in 2^53 and whose power of ten is
 * at most 22 in magnitude is m * 10^e or m / 10^-e with both operands exact, so one IEEE
 * operation gives the correctly rounded double, the same bits as strtod. Anything else
 * (long mantissas, large exponents, hex, inf/nan words) goes to strtod.
 */
int
csv_number(const char *p, size_t n, double *v)
{
	const char *s = p, *end = p + n;
	uint64_t m = 0;
	int neg = 0, digits = 0, e = 0, any = 0;
	char tmp[128], *q;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	for (; s < end && *s >= '0' && *s <= '9'; s++, any = 1) {
		if (m || *s != '0')
			digits++;
		m = m * 10 + (*s - '0');
		if (digits > 18)
			goto slow;
	}
	if (s < end && *s == '.') {
		for (s++; s < end && *s >= '0' && *s <= '9'; s++, any = 1) {
			if (m || *s != '0')
				digits++;
			m = m * 10 + (*s - '0');
			e--;
			if (digits > 18)
				goto slow;
		}
	}
	if (!any)
		goto slow;
	if (s < end && (*s == 'e' || *s == 'E')) {
		int en = 0, eneg = 0, ed = 0;
		s++;
		if (s < end && (*s == '-' || *s == '+'))
			eneg = *s++ == '-';
		for (; s < end && *s >= '0' && *s <= '9'; s++, ed++)
			if (en < 10000)
				en = en * 10 + (*s - '0');
		if (!ed)
			return -1;
		e += eneg ? -en : en;
	}
	if (s != end)
		return -1;
	if (m > (UINT64_C(1) << 53) || e < -22 || e > 22)
		goto slow;
	*v = e < 0 ? (double)m / pow10_exact[-e] : (double)m * pow10_exact[e];
	if (neg)
		*v = -*v;
	return 0;
slow:
	/* strtod needs a terminated copy; fields longer than any sane number are refused */
	if ((size_t)(p + n - p) >= sizeof tmp)
		return -1;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	errno = 0;
	*v = strtod(tmp, &q);
	while (*q == ' ' || *q == '\t')
		q++;
	if (q == tmp || *q || !isfinite(*v))
		return -1;
	return 0;
}
