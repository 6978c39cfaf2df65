/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv: the one CSV tokenizer (RFC 4180 quoting, CRLF or LF) and an exact fast number
 * parser, for feature tables (eeg-csv: the whole input in memory) and for raw recordings
 * (lib/source_csv.c: a stream over a descriptor in a bounded buffer, records returned as
 * soon as they are complete, so a live writer is read as it writes).
 */
#ifndef EEG_CSV_H
#define EEG_CSV_H

#include <stddef.h>
#include <stdio.h>

/* A field of the current record: [p, p+n), unquoted (quotes removed, "" unescaped in
 * place); quoted = it was written in quotes. */
struct csv_field {
	char *p;
	size_t n;
	int quoted;
};

struct csv {
	char *buf;		/* the input (csv_load) or a window of it (csv_stream); a NUL
				 * always follows the data */
	size_t len, pos;	/* data is [0, len); the next record starts at pos */
	size_t cap;		/* a stream's buffer size (0: csv_load, unbounded) */
	int fd, own;		/* a stream's descriptor (own: close it in csv_free), else -1 */
	int eof;		/* no more input will come (always 1 after csv_load) */
	long line;		/* 1-based number of the line where the last record starts */
	long seen;		/* newlines consumed so far */
	struct csv_field *f;	/* fields of that record */
	size_t nf, capf;
	int unterminated;	/* the last record opened a quote it never closed */
	int nonl;		/* the last record ended at the end of input, without a newline */
};

/* Read all of fp into memory (fp may be a pipe). 0, or -1 with errno. */
int csv_load(struct csv *c, FILE *fp);
/*
 * A stream over fd: records are split from a buffer of `maxrec` bytes plus slack (a
 * record longer than that is an error of csv_fill); pre/npre are bytes already read from
 * fd (format detection), taken first. own: csv_free closes fd.
 */
void csv_stream(struct csv *c, int fd, int own, const void *pre, size_t npre, size_t maxrec);
/*
 * Read more of a stream (blocks until some arrives). 1 = more data, 0 = end of input,
 * -1 = error with errno (E2BIG: a record does not fit the buffer). Fields returned before
 * are invalid afterwards (the buffer moves).
 */
int csv_fill(struct csv *c);
/*
 * Split the next record (empty lines are skipped) into c->f; returns the field count.
 * 0 when there is none: at the end of the input (c->eof), or for a stream when no complete
 * record is buffered yet (csv_fill, then again). A quote left open runs to the end of the
 * input and sets c->unterminated.
 */
size_t csv_next(struct csv *c);
/*
 * The fast path for rows of plain numbers: when the next record is exactly n numbers in
 * csv_scan_fast's form (no blanks, quotes or exponents) and it is complete, parse them
 * into v, consume the record and return 1; else return 0 and consume nothing (csv_next
 * then splits it, and a caller words what is wrong with it).
 */
int csv_numbers(struct csv *c, double *v, size_t n);
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
/* Exactly [p, end) as "YYYY-MM-DD hh:mm:ss[.fff...]" (or a 'T' separator), read as UTC
 * Unix seconds: 0 / -1. */
int csv_parse_datetime(const char *p, const char *end, double *v);

#endif
