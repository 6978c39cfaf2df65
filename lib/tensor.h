/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tensor: the eegpipe stream (see eeg-tensor(5)).
 *
 * A stream is a header, then fixed-size frames until end of input. A header may appear
 * again at any frame boundary (that is what `cat a.eeg b.eeg` produces); the reader checks
 * that it is compatible with the first one and merges its class and group names, so
 * callers always see labels and groups as indices into one growing table.
 *
 * Header: 16 bytes "\x89EEG\r\n\x1a\n", u16 version, u16 flags (0), u32 body length,
 * then the body: UTF-8 lines "key=value\n". Frame: i32 label, i32 group, f64 time,
 * then size f32 values, all little-endian.
 */
#ifndef EEG_TENSOR_H
#define EEG_TENSOR_H

#include <stdint.h>
#include <stdio.h>

#include "names.h"

#define TENSOR_MAGIC	"\x89" "EEG\r\n\x1a\n"
#define MODEL_MAGIC	"\x89" "EGM\r\n\x1a\n"	/* eeg-train's model file (model.h) */
#define TENSOR_VERSION	1
#define TENSOR_MAXDIMS	3
#define TENSOR_MAXBODY	(64u << 20)	/* header body bytes */
#define TENSOR_MAXDIM	(1u << 24)	/* one dimension */
#define TENSOR_MAXSIZE	(1u << 24)	/* values per frame (64 MiB of f32) */
#define TENSOR_MAXNAMES	(1u << 24)	/* entries of a class or group table */
#define TENSOR_MAXNAME	4096		/* bytes of one name or value */
#define TENSOR_NONE	(-1)		/* label or group absent */
#define TENSOR_MAXT0	1e11		/* |t0|, Unix seconds (the year 5138) */

struct header {
	int ndim;
	uint32_t dims[TENSOR_MAXDIMS];
	size_t size;		/* values per frame: product of dims */
	struct names columns;	/* none, one per value, or one per last-dim feature */
	struct names classes;	/* label index -> name */
	struct names groups;	/* group index -> name */
	double rate;		/* samples per second of a raw stream; 0 = absent */
	double window, hop;	/* seconds, for windowed features; 0 = absent */
	/* Unix seconds at frame time 0, so a frame's absolute time is t0 + time; 0 = absent.
	 * Per part: a reader's h.t0 is that of the part it is reading. */
	double t0;
	struct names meta;	/* other "key=value" lines, in order (history, ...) */
};

struct frame {
	int32_t label;		/* index into classes, or TENSOR_NONE */
	int32_t group;		/* index into groups, or TENSOR_NONE */
	double time;		/* seconds, NaN = absent */
	float *x;		/* size values, owned by whoever made the frame */
};

struct reader {
	FILE *fp;
	const char *name;	/* for messages */
	struct header h;	/* first header, with merged class and group tables */
	uint64_t nframes;	/* frames read so far (from this file, after tensor_open_all) */
	int nparts;		/* headers seen */
	int t0_varies;		/* a later part had another t0 than the one before it */
	char *const *more;	/* files still to read after this one (tensor_open_all) */
	int nmore;
	struct names_map cmap, gmap;	/* this part's label/group index -> merged index */
	unsigned char *buf;	/* one frame */
	size_t framebytes;
	int wait;		/* a stream: read what has arrived (see read_full) */
	char err[512];		/* message of the last failure: "where: what" */
};

struct writer {
	FILE *fp;
	const char *name;
	struct header h;	/* own copy */
	const struct header *follow;	/* restate the header when its tables grow or
					 * its t0 changes */
	int deferred;		/* the header waits for the first frame (writer_defer) */
	unsigned char *buf;
	size_t framebytes;
	uint64_t nframes;
};

/* header */
void header_init(struct header *h);
void header_free(struct header *h);
void header_copy(struct header *dst, const struct header *src);
/* Set the frame shape; returns 0, or -1 if a dimension or the size is out of range. */
int header_set_shape(struct header *h, int ndim, const uint32_t *dims);
/* Append a "key=value" meta line (value may contain anything but newlines). */
void header_meta_add(struct header *h, const char *key, const char *value);
/* Value of the last meta line with this key, or NULL. */
const char *header_meta_get(const struct header *h, const char *key);
/* Record the command line that made this stream ("history=..."). */
void header_add_history(struct header *h, int argc, char *argv[]);
/* Windows overlap when the header says hop < window. */
int header_overlaps(const struct header *h);
/* Name of value i of a frame ("" when the stream has no column names). */
const char *header_column(const struct header *h, size_t i);
/* Check two headers can share a stream; 0, or -1 with a message in err. */
int header_compatible(const struct header *a, const struct header *b, char *err, size_t n);
/* Shape as text: "1500", "1500x1", "150x5". */
void header_shape_str(const struct header *h, char *buf, size_t n);
void shape_str(int ndim, const uint32_t *dims, char *buf, size_t n);
/*
 * Parse a shape as shape_str writes it: 1 to TENSOR_MAXDIMS dimensions of 1 to
 * TENSOR_MAXDIM, in decimal digits, joined by 'x'. With `infer`, one dimension may be -1,
 * stored as 0 for the caller to compute. 0, or -1 if s is not such a shape (the size, the
 * product, is the caller's to check: header_set_shape does).
 */
int shape_parse(const char *s, int infer, int *ndim, uint32_t *dims);
/* Serialise / parse. The parse checks every number before allocating. */
unsigned char *header_encode(const struct header *h, size_t *len);
int header_decode(struct header *h, const unsigned char *body, size_t len, char *err, size_t n);

/*
 * What a file is, from its first n bytes, for a message when it is not what was asked for:
 * "an eegpipe tensor stream", "an eegpipe model (eeg-train -o)", "eeg-scale parameters
 * (eeg-scale --fit)", "text" (printable bytes only), or NULL.
 */
const char *tensor_file_kind(const void *head, size_t n);
/* Why HEAD (its first N bytes, up to 16) is not a tensor stream: "header: ..." */
const char *tensor_not_stream(const void *head, size_t n);

/* reader: 0 on success, -1 with r->err set. */
int reader_open(struct reader *r, FILE *fp, const char *name);
/* 1 = a frame (values in r's buffer, f->x points there), 0 = end, -1 = error. */
int reader_next(struct reader *r, struct frame *f);
void reader_close(struct reader *r);	/* frees; does not fclose */
/* 1 when the input is live (a pipe, socket or terminal, not a regular file): a tool then
 * writes each result as soon as its frame has arrived. */
int reader_live(const struct reader *r);

/* writer: writes the header at once; restates it when `follow` gains names. */
int writer_open(struct writer *w, FILE *fp, const char *name, const struct header *h);
/* As writer_open with w->follow = follow, but the header waits for the first frame (and
 * takes the names follow has gained by then), or for writer_end when no frame comes: an
 * error found before the first frame leaves the output empty. */
void writer_defer(struct writer *w, FILE *fp, const char *name, const struct header *h,
    const struct header *follow);
/* The header of a deferred writer that had no frame; 0, or -1 on a write error. */
int writer_end(struct writer *w);
int writer_put(struct writer *w, const struct frame *f);
void writer_close(struct writer *w);	/* frees; does not fclose */

/* Dying wrappers for tools: "prog: name: where: what", exit 1. */
void tensor_open(struct reader *r, const char *path);	/* NULL or "-" = stdin */
/* n files read one after another as one concatenated stream, as `cat` would give it
 * (none: stdin); r->name is the file being read. */
void tensor_open_all(struct reader *r, int n, char *const *paths);
int tensor_read(struct reader *r, struct frame *f);	/* 1 or 0 */
void tensor_writer(struct writer *w, FILE *fp, const char *name, const struct header *h);
void tensor_write(struct writer *w, const struct frame *f);
void tensor_writer_end(struct writer *w);

#endif
