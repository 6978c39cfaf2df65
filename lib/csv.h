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
	long line;		/* 1-based number of the line last split */
	struct csv_field *f;	/* fields of that line */
	size_t nf, capf;
};

/* Read all of fp into memory (fp may be a pipe). 0, or -1 with errno. */
int csv_load(struct csv *c, FILE *fp);
/* Split the next non-empty line into c->f; returns the field count, 0 at end. */
size_t csv_next(struct csv *c);
void csv_free(struct csv *c);
/* Parse a whole field as a finite number: 0, or -1 if it is not one. */
int csv_number(const char *p, size_t n, double *v);

#endif
