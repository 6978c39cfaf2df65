/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source: multichannel raw EEG recordings, one interface over every reader. Samples come
 * in blocks of rows of nch doubles, each with a time; the source says its channels (names,
 * units), nominal rate and events.
 *
 *	struct source s;
 *	source_open_or_die(&s, path, &opts);	(path "-" or NULL: standard input)
 *	while ((n = source_read_or_die(&s, x, t, cap)) > 0)	x is (n, s.nch), t is (n)
 *		...
 *	source_close(&s);
 *
 * Formats (opts.format names one; else source.c detects it, see "Detection"), one file each:
 *   source_csv.c     "muse" (muse-lsl), "mindmonitor" (Mind Monitor export), "csv" (other);
 *                    "mindmonitor-bands" (its band-power columns, named explicitly only)
 *   source_tensor.c  "tensor": an eeg-tensor(5) stream of samples, with labels and groups
 *   source_snd.c     "snd": anything libsndfile reads (WAV, FLAC, AIFF, AU, W64, RF64, ...)
 *   source_raw.c     "raw": headerless interleaved float32, channels and rate from options
 *   source_biosig.c  "edf" (EDF, EDF+, BDF, BDF+), "gdf", "brainvision", "bci2000",
 *                    "egi": through libbiosig; "cnt" recognised and refused
 * Each file's opening comment says what its reader takes from the format.
 *
 * Times: t is in seconds. Sources with timestamps give them as stored (Muse: absolute
 * Unix time; the consumer subtracts its own t0); has_time = 1. Sources without give
 * t = index / rate, from 0 at the first sample. Times never decrease (a decreasing time is
 * an error naming its place); equal times are accepted.
 *
 * Gaps: a reader does not fail on a gap in time. Two consecutive samples are separated by a
 * gap when t[i] - t[i-1] > s->gap (default 3 nominal sample periods, 3 / rate; a consumer may
 * change it after open); source_gap() tells. Windows must never span a gap (lib/window.c).
 *
 * Streams: standard input and pipes are read as they arrive: source_read returns as soon as
 * at least one sample is available (a live writer is processed while it writes), never
 * waits to fill its request. Memory does not grow with the input (except events).
 *
 * Errors: every function returning -1 leaves a one-line "where: what" in s->err (for
 * example "line 12: column 3 (AF7): not a number: \"1.2x\""); tools use
 * source_open_or_die / source_read_or_die, which print "prog: name: where: what", exit 1.
 *
 * Adding a format (a new lib/source_xxx.c; the Makefile builds every .c file in lib):
 *   1. Define `const struct source_format source_xxx = { "xxx", detect, open };` there.
 *      detect (may be NULL: only --format xxx opens it) looks at the first bytes and the
 *      name (struct source_format below). open fills the channels (source_select applies
 *      --channels and sets nch, chname, unit), rate, has_time, length, events, sets s->ops
 *      (read and close) and s->priv, and returns 0, or -1 after source_fail(s, "where:
 *      what"). It reads the input through struct source_input: the bytes detection already
 *      read (in->pre) come first, then in->fd; a reader that keeps fd takes it (sets
 *      in->fd = -1; in->own says whether to close it). A reader that opens the file by
 *      name itself uses source_file(), which also handles a seekable standard input.
 *   2. Declare it below (extern const struct source_format source_xxx;) and list it in
 *      formats[] in source.c; the order there breaks ties between equal detect scores.
 *   3. read(s, x, t, n) returns up to n samples (x (n, nch) row-major, t may be NULL),
 *      0 at the end, -1 after source_fail; it checks what it reads (finite values, times
 *      that do not decrease) and fails once for good. close frees s->priv (source_close
 *      frees chname, unit, events). Test it in tests/unit/test_source*.c and list the
 *      new name in eeg-fft(1).
 */
#ifndef EEG_SOURCE_H
#define EEG_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct names;
struct source;

#define SOURCE_MAXCH	4096	/* channels */
#define SOURCE_BLOCK	32768	/* values a reader decodes, or a tool reads, at a time: 256 KB
				 * of doubles stay in L2 cache for the copy that follows */
#define SOURCE_MAXRATE	1e6	/* samples per second */
#define SOURCE_MAXLINE	(1 << 20)	/* bytes of one CSV line */
#define SOURCE_MAXTIME	1e10	/* seconds: a time further from 0 is absurd (Unix time in the
				 * year 2286; doubles there step by 2 us) */

enum { SOURCE_GOOD = 1, SOURCE_MEDIUM = 2, SOURCE_BAD = 4 };	/* contact, as Muse's HSI */

/* An event: an EDF+ annotation, a marker; onset in the source's time (seconds). */
struct source_event { double onset, duration; char *text; };

struct source_opts {
	const char *format;     /* NULL = detect; else a format's name ("muse", "edf", ...) */
	const char *channels;   /* comma list of channel names to keep, NULL = all but AUX */
	const char *names;      /* comma list naming channels when the file has none */
	double rate;            /* override / supply the sample rate; 0 = from the file */
	int aux;                /* with channels NULL, keep the AUX channels too */
};

struct source_ops {
	long (*read)(struct source *s, double *x, double *t, long n);
	void (*close)(struct source *s);
};

struct source {
	int nch;
	char **chname;          /* nch names */
	char **unit;            /* nch physical units, or NULL entries ("uV") */
	double rate;            /* nominal samples per second (> 0) */
	int has_time;           /* 1 if times come from the source (CSV time columns) */
	int unix_time;          /* 1 if those times are Unix seconds: muse-lsl, Mind Monitor
				 * (its local time read as UTC), a tensor stream with a t0 */
	/* Events, in time order: complete after open for files whose events are in a table
	 * (EDF+); CSV markers are appended as their rows are read, so re-read the pointer
	 * after source_read. */
	struct source_event *events;
	size_t nevent;
	const char *name;       /* file name for messages */
	char err[512];          /* "where: what" of the last failure */
	const char *format;     /* the format in use: "muse", "mindmonitor", ... */
	double gap;             /* seconds; a larger step between samples is a gap (3 / rate) */
	long long nread;        /* samples returned so far */
	long long length;       /* samples in the source when known (snd, libbiosig files), else -1 */
	/* Sources whose samples carry labels and groups (a tensor stream): after each
	 * source_read, label[i] and group[i] of the samples read are indices into *classes and
	 * *groups (TENSOR_NONE = none). NULL for other sources. The tables may grow while
	 * reading (a concatenated stream). */
	int32_t *label, *group;
	const struct names *classes, *groups;
	/* Sources that say how good the electrodes' contact is (Mind Monitor's HSI_* and
	 * HeadBandOn): after each source_read, quality[i] is the worst of the selected
	 * channels' at sample i, SOURCE_GOOD, SOURCE_MEDIUM or SOURCE_BAD (headband off), or 0
	 * when unknown. NULL for other sources. */
	unsigned char *quality;
	/* the reader's */
	const struct source_ops *ops;
	void *priv;
};

/* 0, or -1 with s->err set (s->name is set either way; source_close is still required). */
int source_open(struct source *s, const char *path, const struct source_opts *o);
/* Read up to n samples: x is (n, nch) row-major, t is (n) seconds (t may be NULL).
 * Returns samples read, 0 at end of input, -1 on error (s->err set). Blocks on a pipe only
 * until at least one sample is available (live streams), never waits to fill n. */
long source_read(struct source *s, double *x, double *t, long n);
void source_close(struct source *s);

/* 1 if name is a format source_open knows (for a tool to refuse --format NAME as a usage
 * error before it opens anything). */
int source_known(const char *name);
/* 1 if a step of dt seconds between consecutive samples is a gap (dt > s->gap). */
int source_gap(const struct source *s, double dt);
/* Dying wrappers for tools: "prog: name: where: what", exit 1. */
void source_open_or_die(struct source *s, const char *path, const struct source_opts *o);
long source_read_or_die(struct source *s, double *x, double *t, long n);

/* --- for readers (lib/source_*.c) --- */

/* What a reader opens: the input, with the bytes detection read from it. */
struct source_input {
	const char *path;       /* the file as named; NULL for standard input */
	int fd;                 /* open read-only, positioned after pre; -1 once taken */
	int own;                /* fd was opened here (close it), not standard input */
	unsigned char *pre;     /* the first bytes read from fd (NUL-terminated) */
	size_t npre;
	off_t off0;             /* fd's offset before pre, -1 when it cannot seek (a pipe) */
};

struct source_format {
	const char *name;
	/* How surely the first n bytes p (n > 0; a live stream may give only its first line)
	 * and the file name (NULL for standard input) are this format: 0 not, 1 could be (a
	 * fallback: text for CSV, binary for libsndfile), 2 the name's extension, 3 its magic
	 * or header line. The highest score wins. */
	int (*detect)(const unsigned char *p, size_t n, const char *path);
	int (*open)(struct source *s, struct source_input *in, const struct source_opts *o);
};

extern const struct source_format source_muse, source_mindmonitor,
    source_mindmonitor_bands, source_openbci, source_emotiv, source_csv, source_tensor,
    source_snd, source_edf, source_gdf, source_brainvision, source_bci2000, source_cnt, source_egi, source_raw;

/* Set s->err ("where: what") and return -1. */
int source_fail(struct source *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * From the source's n channel names (and units, may be NULL), apply o->channels: set nch,
 * chname, unit, and sel[k] = source index of output channel k (sel has room for n). A
 * wanted name matches the one channel of that name, or else the one channel whose name equals it
 * ignoring case and trailing dots and blanks (O1 finds PhysioNet's "O1..", FC5 its "Fc5.").
 * Without o->channels every channel is kept but the auxiliary ones, whose names begin or
 * end in AUX (muse-lsl's Right AUX, Mind Monitor's AUX_RIGHT, AUX1; not EEG), unless o->aux
 * (or the source has nothing else).
 */
int source_select(struct source *s, char *const *names, char *const *units, int n,
    const struct source_opts *o, int *sel);
/*
 * Real recordings name channels alike ("EEG" for several, or nothing at all): before
 * source_select, a blank names[k] becomes "ch<num[k]>" (its signal number in the file),
 * and a name given more than once is numbered as MNE-Python does ("EEG-0", "EEG-1",
 * skipping names already taken). One warning line on stderr says what was renamed.
 */
void source_unique_names(struct source *s, char **names, const int *num, int n);
/* Names for a source without any: o->names (must give n), else ch1..chN. Caller frees. */
char **source_default_names(struct source *s, int n, const struct source_opts *o);
void source_free_names(char **v, int n);
/* Rate check: 0 < rate <= SOURCE_MAXRATE, finite. */
int source_check_rate(struct source *s, double rate, const char *what);
/* An event's text: a copy of [text, text+len) with each control byte a blank (an EDF+
 * annotation's tab or line end: event texts become class names in a stream header, which
 * holds none). Caller frees. */
char *source_event_text(const char *text, size_t len);
/* Append an event (text is [text, text+len), copied by source_event_text). */
void source_add_event(struct source *s, double onset, double duration, const char *text,
    size_t len);
/* 1 if p[0..n) looks like text (no NUL or control bytes but tab, CR, LF; a UTF-8 BOM). */
int source_is_text(const unsigned char *p, size_t n);
/* 1 if path ends in "." and one of exts (NULL-terminated, any case). */
int source_has_ext(const char *path, const char *const *exts);
/* Go back to the start of a seekable input (pre is then dropped): 0, or -1 for a pipe. */
int source_rewind(struct source_input *in);
/* The name to open for a reader that opens files by name: in->path, or a seekable
 * standard input as /dev/stdin (rewound); NULL after source_fail for a pipe ("open: <what>
 * needs a seekable file, not a pipe"). */
const char *source_file(struct source *s, struct source_input *in, const char *what);

#endif
