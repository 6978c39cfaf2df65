/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv: a fast, exact reader for numeric CSV tables (RFC 4180 quoting, CRLF or LF). */
#ifndef EEG_CSV_H
#define EEG_CSV_H

#include <stddef.h>
#include <stdio.h>

/* A field of the current line: [p, p+n), unquoted (quotes removed, "" unescaped in place). */
struct csv_field {
	char *p;
	size_t n;
};

struct csv {
	char *buf;		/* the whole input, NUL-terminated */
	size_t len, pos;
	long line;		/* 1-based number of the line where the last row split starts */
	long seen;		/* newlines consumed so far */
	struct csv_field *f;	/* fields of that line */
	size_t nf, capf;
	int unterminated;	/* the last field split opened a quote it never closed */
};

/* Read all of fp into memory (fp may be a pipe). 0, or -1 with errno. */
int csv_load(struct csv *c, FILE *fp);
/* Split the next non-empty line into c->f; returns the field count, 0 at end. A quote
 * left open runs to the end of the input and sets c->unterminated. */
size_t csv_next(struct csv *c);
void csv_free(struct csv *c);
/* Field text safe for a one-line message: at most 40 bytes, control bytes as \xNN. */
const char *csv_show(const struct csv_field *f, char *buf, size_t n);
/*
 * Numbers: [+-]digits[.digits][(e|E)[+-]digits], finite, no nan/inf/hex. The result equals
 * strtod's bit for bit (an exact fast path for short decimals, strtod for the rest).
 */
/* A whole field as a number, blanks around it allowed: 0, or -1 if it is not one. */
int csv_number(const char *p, size_t n, double *v);
/* Exactly [p, end) as a number: 0 / -1. */
int csv_parse_number(const char *p, const char *end, double *v);
/* The number at p: returns where it stops, or NULL if there is none. */
const char *csv_scan_number(const char *p, const char *end, double *v);
/* The same, for text followed in memory by a character that cannot continue a number
 * (a newline or NUL): no bounds checks. */
const char *csv_scan_fast(const char *p, double *v);

#endif
