/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_csv: csv_load / csv_next over arbitrary bytes, and the number parsers (csv_number,
 * csv_parse_number, csv_scan_number, csv_scan_fast) on the whole input and every field.
 * Oracles: no crash, leak or UB; fields lie inside the buffer; line numbers never go
 * down; every number accepted is one strtod reads entirely (csv_number: blanks around it
 * aside), with the same bits (the exactness promise of csv.h); every decimal strtod reads
 * entirely csv_parse_number accepts; csv_scan_fast agrees with csv_scan_number.
 */
#include <errno.h>
#include <math.h>

#include "csv.h"
#include "fuzz.h"

/* strtod over exactly [p, p+n), with csv_number's blank rules: 0 and *v, or -1. */
static int
ref_number(const char *p, size_t n, int blanks, double *v)
{
	char *tmp = malloc(n + 1), *q;
	int rc = -1;

	memcpy(tmp, p, n);
	tmp[n] = '\0';
	if (memchr(tmp, '\0', n) || n == 0)
		goto out;	/* strtod would stop at the NUL */
	if (!blanks && (tmp[0] == ' ' || tmp[0] == '\t' || tmp[0] == '\n' || tmp[0] == '\r' ||
	    tmp[0] == '\v' || tmp[0] == '\f'))
		goto out;
	errno = 0;
	*v = strtod(tmp, &q);
	if (q == tmp)
		goto out;
	if (blanks)
		while (*q == ' ' || *q == '\t')
			q++;
	if (*q || !isfinite(*v))
		goto out;
	rc = 0;
out:
	free(tmp);
	return rc;
}

/*
 * EEG_FUZZ_SKIP_KNOWN=1: do not stop again on the reported bugs of csv_number (a field
 * holding a NUL; a field of blanks only, read as 0), so that a run can look for others.
 */
static int skip_known = -1;

static int
known_bug(const char *p, size_t n)
{
	size_t i = 0;

	if (memchr(p, '\0', n))
		return 1;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return n > 0 && i == n;
}

/* Only the characters of a decimal number (strtod reads no hex, inf or nan from these). */
static int
decimal_chars(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789+-.eE", p[i]) || !p[i])
			return 0;
	return n > 0;
}

static void
check_field(const char *p, size_t n)
{
	double v, r, v2;
	const char *q, *q2;
	char *z;

	if (skip_known < 0)
		skip_known = getenv("EEG_FUZZ_SKIP_KNOWN") != NULL;
	if (skip_known && known_bug(p, n))
		return;
	/* csv_number: blanks around allowed */
	if (!csv_number(p, n, &v)) {
		FUZZ_CHECK(!ref_number(p, n, 1, &r),
		    "csv_number accepts '%.*s' (%zu bytes), strtod does not read it all",
		    (int)(n < 200 ? n : 200), p, n);
		FUZZ_CHECK(!memcmp(&v, &r, sizeof v),
		    "csv_number('%.*s') = %.17g, strtod = %.17g", (int)n, p, v, r);
	}
	/* csv_parse_number: exactly the bytes; and every decimal strtod reads, it reads */
	if (!csv_parse_number(p, p + n, &v)) {
		FUZZ_CHECK(!ref_number(p, n, 0, &r),
		    "csv_parse_number accepts '%.*s' (%zu bytes), strtod does not read it all",
		    (int)(n < 200 ? n : 200), p, n);
		FUZZ_CHECK(!memcmp(&v, &r, sizeof v),
		    "csv_parse_number('%.*s') = %.17g, strtod = %.17g", (int)n, p, v, r);
	} else if (decimal_chars(p, n) && !ref_number(p, n, 0, &r)) {
		FUZZ_CHECK(0, "csv_parse_number refuses '%.*s', strtod reads %.17g", (int)n, p, r);
	}
	/* csv_scan_number: a prefix that is a number, read exactly */
	q = csv_scan_number(p, p + n, &v);
	if (q) {
		FUZZ_CHECK(q > p && q <= p + n, "csv_scan_number stops outside the field");
		FUZZ_CHECK(!ref_number(p, (size_t)(q - p), 0, &r) && !memcmp(&v, &r, sizeof v),
		    "csv_scan_number('%.*s') stops after %zu bytes with %.17g",
		    (int)n, p, (size_t)(q - p), v);
	}
	/* csv_scan_fast on a NUL-terminated copy: what csv_scan_number says, or NULL for an
	 * exponent (the general path decides those) */
	z = malloc(n + 1);
	memcpy(z, p, n);
	z[n] = '\0';
	q2 = csv_scan_fast(z, &v2);
	q = csv_scan_number(z, z + n, &v);
	if (q2) {
		FUZZ_CHECK(q && q2 == q && !memcmp(&v, &v2, sizeof v),
		    "csv_scan_fast('%.*s') differs from csv_scan_number", (int)n, p);
	} else if (q) {
		FUZZ_CHECK(memchr(z, 'e', (size_t)(q - z)) || memchr(z, 'E', (size_t)(q - z)),
		    "csv_scan_fast('%.*s') finds no number, csv_scan_number does", (int)n, p);
	}
	free(z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_file(data, size);
	struct csv c;
	size_t nf;
	long line = 0;

	/* the whole input as one field first: the parsers alone, on every byte string */
	check_field((const char *)data, size);
	if (csv_load(&c, fp)) {
		csv_free(&c);
		fclose(fp);
		return 0;
	}
	FUZZ_CHECK(c.len == size && !memcmp(c.buf, data, size), "csv_load lost bytes");
	while ((nf = csv_next(&c)) > 0) {
		FUZZ_CHECK(c.line > line, "line number %ld after %ld", c.line, line);
		line = c.line;
		FUZZ_CHECK(c.pos <= c.len, "position %zu beyond %zu", c.pos, c.len);
		for (size_t i = 0; i < nf; i++) {
			FUZZ_CHECK(c.f[i].p >= c.buf && c.f[i].p + c.f[i].n <= c.buf + c.len,
			    "field %zu outside the buffer", i);
			check_field(c.f[i].p, c.f[i].n);
		}
	}
	FUZZ_CHECK(c.pos == c.len, "csv_next ended at %zu of %zu", c.pos, c.len);
	csv_free(&c);
	fclose(fp);
	return 0;
}
