/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util: error reporting, checked allocation, number parsing, safe output. */
#ifndef EEG_UTIL_H
#define EEG_UTIL_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#define EEG_VERSION	"0.1"	/* the project's version, printed by every tool's --version */

extern const char *argv0;	/* program name for messages, set by util_init */

void util_init(int argc, char *argv[]);

/*
 * A tool's command line, one table per tool. cli_next is getopt_long over it, and handles
 * what every tool shares: -h and --help print the synopsis and the option summary on
 * stdout and exit 0; --version prints "eeg-xxx (eegpipe) VERSION" and exits 0; an unknown
 * option or a missing argument is a usage error.
 */
struct cli {
	const char *synopsis;		/* "usage: eeg-xxx [-a] [file ...]", lines joined by \n */
	const char *options;		/* -h's summary: one "  -a, --all   what" line per option */
	const char *shorts;		/* getopt's option letters, without h */
	const struct option *longs;	/* long options, ended by a zero entry; no help, version */
};
/* The next option (getopt_long's value; optarg as usual), or -1 at the first operand. */
int cli_next(const struct cli *c, int argc, char *argv[]);

/* "prog: what" and exit 1. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* A usage error: one line "prog: what (see prog -h)" on stderr, exit 2. */
void usage_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
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

/* Parse an option argument, or a usage error naming the option. */
long estrtol(const char *s, const char *opt, long min, long max);
double estrtod(const char *s, const char *opt, double min, double max);
/* The time of a clock (CLOCK_MONOTONIC for intervals, CLOCK_REALTIME for Unix seconds). */
double util_clock(clockid_t clock);

/* Open a file for reading; NULL or "-" is stdin. Dies with exit 1. */
FILE *efopen_in(const char *path);
/* Display name of a path: "-" and NULL become "stdin". */
const char *path_name(const char *path);

/* Flush and close; on any earlier or present write error die naming the file. */
void eclose(FILE *fp, const char *name);
/* Finish stdout: flush, check errors (ENOSPC, ...), exit with status; a tool stopped by
 * a signal (util_stream) ends here by that signal instead. */
int finish(int status) __attribute__((noreturn));
/* A write error (errno value e) on file: "prog: file: write: what" and exit 1; but EPIPE,
 * a closed downstream pipe, ends the tool quietly, killed by SIGPIPE as cat would be. */
void die_write(const char *file, int e) __attribute__((noreturn));

/*
 * Live streams (eeg-tensor(5), LIVE STREAMS AND SIGNALS).
 *
 * When stdout is a pipe, socket or terminal, nothing complete waits in its buffer while the
 * tool waits for input: readers call util_wait (or util_read) before a read that may
 * block, and it flushes stdout first. While input keeps coming without a wait, complete
 * records are gathered into one write for at most UTIL_HOLD_MS (util_record, called after
 * each complete record on stdout). A regular file is written in 64 KB blocks.
 *
 * Signals: SIGINT, SIGTERM and SIGHUP remove unfinished atomic files and end the tool by
 * that signal. A tool that maps frames to frames calls util_stream() once: then the first
 * such signal ends its input instead (util_wait and util_read return as at the end of
 * input; a frame being read is dropped), the tool writes what is complete, and finish()
 * ends it by the signal (a second signal ends it at once).
 */
#define UTIL_HOLD_MS 1
void util_stream(void);
int util_stopped(void);			/* the signal that stopped the input, or 0 */
int util_wait(int fd);			/* 0 when fd has input (or end), -1 when stopped */
ssize_t util_read(int fd, void *buf, size_t n);	/* read(2): 0 at end or stop, -1 error */
void util_record(void);

/* Atomic output: write to "path.tmp.XXXXXX" in the same directory, then rename (a target
 * that exists and is not a regular file, a FIFO or /dev/stdout, is written in place). */
struct atomic_file {
	FILE *fp;
	char *path, *tmp;
};
void atomic_open(struct atomic_file *a, const char *path);
void atomic_flush(struct atomic_file *a);	/* flush, fsync: die on a write error */
void atomic_commit(struct atomic_file *a);	/* atomic_flush, close, rename */
void atomic_abort(struct atomic_file *a);	/* remove the temp file */
/* Up to 16 atomic files may be open at once; all are removed if the tool dies. */

/* Little-endian bytes, whatever the host (the stream, model and .npy formats). */
void put_u16(unsigned char *p, uint16_t v);
void put_u32(unsigned char *p, uint32_t v);
void put_u64(unsigned char *p, uint64_t v);
uint32_t get_u32(const unsigned char *p);
uint64_t get_u64(const unsigned char *p);

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
