/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util: error reporting, checked allocation, number parsing, safe output. */
#ifndef EEG_UTIL_H
#define EEG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern const char *argv0;	/* program name for messages, set by util_init */

void util_init(int argc, char *argv[]);

/* "prog: what" and exit 1 / exit 2. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void die_usage(const char *usage) __attribute__((noreturn));
/* "prog: file: where: what" and exit 1: the one-line error of the house style. */
void die_at(const char *file, const char *where, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Format a message into err[0..n) and return -1: for library functions that report. */
int errf(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void *emalloc(size_t n);
void *ecalloc(size_t n, size_t size);
void *ereallocarray(void *p, size_t n, size_t size);
char *estrdup(const char *s);
/* a*b and a+b, or SIZE_MAX on overflow. */
size_t mul_size(size_t a, size_t b);
size_t add_size(size_t a, size_t b);

/* Parse an option argument or die with exit 2 naming the option. */
long estrtol(const char *s, const char *opt, long min, long max);
double estrtod(const char *s, const char *opt, double min, double max);

/* Open a file for reading; NULL or "-" is stdin. Dies with exit 1. */
FILE *efopen_in(const char *path);
/* Display name of a path: "-" and NULL become "stdin". */
const char *path_name(const char *path);

/* Flush and close; on any earlier or present write error die naming the file. */
void eclose(FILE *fp, const char *name);
/* Finish stdout: flush, check errors (EPIPE, ENOSPC), exit with status. */
int finish(int status) __attribute__((noreturn));

/* Atomic output: write to "path.XXXXXX" in the same directory, then rename. */
struct atomic_file {
	FILE *fp;
	char *path, *tmp;
};
void atomic_open(struct atomic_file *a, const char *path);
void atomic_commit(struct atomic_file *a);	/* fsync-free flush, close, rename */
void atomic_abort(struct atomic_file *a);	/* remove the temp file */
/* Up to 16 atomic files may be open at once; all are removed if the tool dies. */

/* Seeded generator (xoshiro256**, seeded by splitmix64): same seed, same numbers. */
struct rng {
	uint64_t s[4];
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
double rng_uniform(struct rng *r);		/* [0,1) */
uint64_t rng_below(struct rng *r, uint64_t n);	/* [0,n), unbiased */
double rng_normal(struct rng *r);		/* N(0,1) */
void rng_shuffle(struct rng *r, size_t *v, size_t n);	/* Fisher-Yates */

/* The whole command line as one string, for provenance: as typed, when util_init saw it. */
char *util_cmdline(int argc, char *argv[]);

#endif
