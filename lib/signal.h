/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * signal: multichannel raw EEG sources. Samples come as rows of nch doubles with a time.
 *
 * Sources (opts.format, or detected when NULL: the tensor magic; EDF/BDF by magic or a
 * .edf/.bdf/.rec name; libsndfile formats by magic or name; otherwise text is CSV and its
 * first line decides: first cell "timestamps" = muse, cells TimeStamp and RAW_TP9 =
 * mindmonitor, else csv; other binary input goes to libsndfile):
 *   "muse"        muse-lsl CSV: header "timestamps,TP9,AF7,AF8,TP10,Right AUX"; times are
 *                 the file's Unix seconds (absolute, has_time = 1). Nominal rate: opts.rate,
 *                 else 256 Hz when the first rows' mean step is within 5 % of it (real Muse
 *                 files: their stored times are rounded to 1 ms) or when fewer than 2 rows
 *                 are buffered at open (a live stream is not held up), else that estimate.
 *                 Columns named Marker* (muse-lsl's marker stream) are not channels: cells
 *                 other than "", "0" become annotations at the row's time.
 *   "mindmonitor" Mind Monitor CSV export: "TimeStamp" (YYYY-MM-DD hh:mm:ss[.fff], the phone's
 *                 local time, read as if UTC), "RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10" and any "AUX_*" columns become the
 *                 channels (named TP9, AF7, AF8, TP10, AUX_RIGHT, ...); band-power and other
 *                 columns are ignored. Marker rows (Elements set, raw cells empty) are not
 *                 samples: they become annotations (onset = their time in Unix seconds,
 *                 duration 0, text = Elements). Other rows with empty raw cells are skipped.
 *                 Nominal rate 256 Hz unless opts.rate.
 *   "csv"         other CSV with a header row (or none: a first line of numbers; names then
 *                 come from opts.names or are ch1..chN). A "time", "timestamp" or
 *                 "timestamps" column (any case) gives times in seconds; without one the
 *                 rate must come from opts.rate. With one, the rate is opts.rate or
 *                 estimated from the first rows (1 / mean step, gaps left out, snapped to
 *                 an integer within 1e-6).
 *   "snd"         anything libsndfile reads (WAV, FLAC, AIFF, AU, W64, RF64, ...), from a file
 *                 or stdin. PCM is scaled to [-1, 1) (libsndfile's normalisation); float data
 *                 is passed as stored. Names from opts.names, else ch1..chN. A file whose
 *                 data chunk is shorter than its header says is an error (truncated).
 *                 FLAC and Ogg on a pipe are first copied to a temporary file (libsndfile
 *                 cannot decode them from a pipe), so they are not read live.
 *   "edf"         EDF, EDF+, BDF, BDF+ through EDFlib (needs a seekable file): labels, physical
 *                 dimensions and physical values; all selected channels must share one rate.
 *                 EDF+ annotations are in annots (onset from the file start) after open.
 *   "tensor"      an eegpipe tensor stream whose frames have shape [nch] and whose header has
 *                 a rate (or opts.rate); columns are the channel names; t is the frame time
 *                 when present (has_time = 1 when the first frame has one: open reads it),
 *                 else index/rate. Each sample's label and group are in s->label and
 *                 s->group after a read.
 *
 * Times: t is in seconds. Sources with timestamps give them as stored (Muse: absolute Unix
 * time; the consumer subtracts its own t0). Sources without give t = index / rate, counting
 * from 0 at the first sample of the file. Times never decrease (a decreasing time is an
 * error naming the line); equal times are accepted.
 *
 * Gaps: a reader does not fail on a gap in time. Two consecutive samples are separated by a
 * gap when t[i] - t[i-1] > s->gap (default 3 nominal sample periods, 3 / rate; a consumer may
 * change it after open). signal_gap() tells. A window of samples must never span a gap: a
 * consumer that windows by time ends the current run of windows at a gap and restarts after
 * it (Bird's rule "stop at a window spanning less than 0.9 s" is one such consumer rule).
 *
 * Streams: stdin ("-" or NULL path) and pipes are read with read(2) into a bounded buffer;
 * signal_read returns as soon as at least one sample is available, so a live source (a CSV
 * writer, eeg-synth --realtime) is processed as it arrives. Memory does not grow with the
 * input length (except annotations).
 *
 * Errors: every function returning -1 leaves a one-line "where: what" in s->err (for
 * example "line 12: column 3 (AF7): not a number: \"1.2x\""); tools use
 * signal_open_or_die / signal_read_or_die, which print "prog: name: where: what", exit 1.
 */
/*
 * This file's name shadows the C library's <signal.h> for everything compiled with -Ilib
 * (util.c uses SIGPIPE): include the system header first, so that both `#include
 * <signal.h>` and `#include "signal.h"` give both, in any order (GCC and Clang).
 */
#ifdef __clang__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunknown-warning-option"
#pragma clang diagnostic ignored "-Winclude-next-absolute-path"
#endif
#include_next <signal.h>
#ifdef __clang__
#pragma clang diagnostic pop
#endif

#ifndef EEG_SIGNAL_H
#define EEG_SIGNAL_H

#include <stddef.h>
#include <stdint.h>

struct names;

#define SIGNAL_MAXCH	4096	/* channels */
#define SIGNAL_MAXRATE	1e6	/* samples per second */
#define SIGNAL_MAXLINE	(1 << 20)	/* bytes of one CSV line */

struct annot { double onset, duration; char *text; };   /* EDF+ annotations, seconds */

struct signal_opts {
	const char *format;     /* NULL = detect: "muse", "mindmonitor", "csv", "snd", "edf", "tensor" */
	const char *channels;   /* comma list of channel names to keep, NULL = all (AUX included) */
	const char *names;      /* comma list naming channels when the file has none (snd) */
	double rate;            /* override / supply sample rate; 0 = from file */
};

struct signal {
	int nch;
	char **chname;          /* nch names */
	char **unit;            /* nch physical units or NULL entries ("uV") */
	double rate;            /* nominal samples per second (> 0) */
	int has_time;           /* 1 if timestamps come from the source (Muse CSV) */
	struct annot *annots; size_t nannot;   /* EDF+ only; complete after open for files */
	/* (also Mind Monitor markers and muse-lsl Marker columns: those are appended while
	 * reading, so annots may move; re-read the pointer after signal_read) */
	const char *name;       /* file name for messages */
	char err[512];          /* "where: what" of the last failure */
	void *priv;
	/* additions */
	const char *format;     /* the format in use: "muse", "mindmonitor", ... */
	double gap;             /* seconds; a larger step between samples is a gap (3 / rate) */
	long long nread;        /* samples returned so far */
	long long length;       /* samples in the source when known (snd, edf files), else -1 */
	/* Sources whose samples carry labels and groups (a tensor stream): after each
	 * signal_read, label[i] and group[i] of the samples read are indices into *classes and
	 * *groups (TENSOR_NONE = none). NULL for other sources. The tables may grow while
	 * reading (a concatenated stream). */
	int32_t *label, *group;
	const struct names *classes, *groups;
};

/* 0, or -1 with s->err set (s->name is set either way; signal_close is still required). */
int signal_open(struct signal *s, const char *path, const struct signal_opts *o); /* 0 / -1 */
/* Read up to n samples: x is (n, nch) row-major, t is (n) seconds (t may be NULL).
 * Returns samples read, 0 at end of input, -1 on error (s->err set). Blocks on a pipe only
 * until at least one sample is available (live streams), never waits to fill n. */
long signal_read(struct signal *s, double *x, double *t, long n);
void signal_close(struct signal *s);

/* 1 if a step of dt seconds between consecutive samples is a gap (dt > s->gap). */
int signal_gap(const struct signal *s, double dt);
/* Dying wrappers for tools: "prog: name: where: what", exit 1. */
void signal_open_or_die(struct signal *s, const char *path, const struct signal_opts *o);
long signal_read_or_die(struct signal *s, double *x, double *t, long n);

/* "YYYY-MM-DD hh:mm:ss[.fff...]" (or 'T' separator) as UTC Unix seconds; 0 / -1. */
int signal_parse_datetime(const char *p, const char *end, double *v);

/* Internal: shared by lib/signal*.c only. s->priv points to a struct whose first member
 * is a const struct signal_ops *. */
struct signal_ops {
	long (*read)(struct signal *s, double *x, double *t, long n);
	void (*close)(struct signal *s);
};
/* Set s->err ("where: what") and return -1. */
int signal_fail(struct signal *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* From the source's n channel names (and units, may be NULL), apply o->channels: set nch,
 * chname, unit, and sel[k] = source index of output channel k (sel has room for n). */
int signal_select(struct signal *s, char *const *names, char *const *units, int n,
    const struct signal_opts *o, int *sel);
/* Names for a source without any: o->names (must give n), else ch1..chN. Caller frees. */
char **signal_default_names(struct signal *s, int n, const struct signal_opts *o);
void signal_free_names(char **v, int n);
/* Rate check: 0 < rate <= SIGNAL_MAXRATE, finite. */
int signal_check_rate(struct signal *s, double rate, const char *what);
/* Backends. path NULL = use fd; pre/npre are bytes already read from fd (stdin sniffing). */
int signal_open_snd(struct signal *s, const char *path, int fd, const unsigned char *pre,
    size_t npre, const struct signal_opts *o);
int signal_open_edf(struct signal *s, const char *path, const struct signal_opts *o);

#endif
