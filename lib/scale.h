/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scale: per-value standardisation of tensor frames, fitted and applied as scikit-learn's
 * StandardScaler and MinMaxScaler do (see eeg-scale(1)).
 *
 * A scaler holds nsets parameter sets of `size` values each: one set for a global scaler, or
 * one set per group (sets.v[k] names the group of set k) for a per-group scaler. Value i of a
 * frame scaled with set k becomes
 *
 *	y = (x - shift[k*size + i]) / scale[k*size + i]
 *
 * computed in double and rounded to f32:
 *	SCALE_ZSCORE  shift = mean, scale = population standard deviation, or 1 where the value
 *	              is constant (sklearn's test: var <= n eps var + (n |mean| eps)^2)
 *	SCALE_MINMAX  shift = min, scale = max - min, or 1 where that is below 10 eps, giving
 *	              values in 0..1 on the fitted data and 0 for a constant value
 *
 * Fitting: scale_init, then scale_set (once per group name) and scale_add per frame, then
 * scale_fit_end. scale_fit does all of it for frames held in memory. Statistics are
 * accumulated in double (Welford's update for the mean and variance).
 *
 * File format (text, written by scale_save, read by scale_load; self-delimited by its last
 * line, so it can be embedded in a larger file):
 *	eegpipe-scale=2     (version 1 files, without fit=, are read with fit "unknown")
 *	method=zscore | minmax
 *	per-group=0 | 1
 *	fit=PART            the part of a split the statistics came from (scale_part)
 *	shape=2548          frame shape of the fitted stream, as in the tensor header
 *	column=NAME         0, size or last-dim many lines: the fitted stream's column names
 *	set=NAME            per set: group name (empty for the global set)
 *	frames=N            frames the set was fitted on
 *	SHIFT SCALE         size lines of two %.17g numbers (exact double round-trip)
 *	end=eegpipe-scale
 */
#ifndef EEG_SCALE_H
#define EEG_SCALE_H

#include <stdint.h>
#include <stdio.h>

#include "tensor.h"

enum { SCALE_ZSCORE, SCALE_MINMAX };

#define SCALE_MAXVALUES	(1u << 28)	/* nsets * size cap of a loaded file */

struct scaler {
	int method;		/* SCALE_ZSCORE or SCALE_MINMAX */
	int per_group;		/* 1: one set per group name */
	char *fit;		/* what it was fit on: scale_part of the fitted stream */
	int ndim;
	uint32_t dims[TENSOR_MAXDIMS];
	size_t size;		/* values per frame */
	struct names columns;	/* column names of the fitted stream (may be empty) */
	struct names sets;	/* group name of each set ("" for the global set) */
	size_t nsets;
	uint64_t *frames;	/* (nsets) frames fitted */
	double *shift, *scale;	/* (nsets, size) */
	double *m2;		/* fitting only: (nsets, size) sum of squares or max */
};

/* Start fitting a scaler for streams with header h (its scale_part is recorded). A global
 * scaler gets its one set now. */
void scale_init(struct scaler *s, int method, int per_group, const struct header *h);
/* Index of the set for group name g, added when new (fitting; per-group scalers). */
size_t scale_set(struct scaler *s, const char *g);
/* Add one frame x (size values) to the statistics of set k. */
void scale_add(struct scaler *s, size_t k, const float *x);
/* Turn the statistics into shift and scale; -1 with a message when a set has no frames. */
int scale_fit_end(struct scaler *s, char *err, size_t n);
/*
 * Fit on n frames X (n, size); group[j] names frame j's set (NULL for a global scaler).
 * Returns 0, or -1 with a message.
 */
int scale_fit(struct scaler *s, int method, const struct header *h, const float *X, size_t n,
    const char *const *group, char *err, size_t nerr);

/* Set index of group name g, or -1 (a global scaler: always 0). */
long scale_find(const struct scaler *s, const char *g);
/* 0 when frames of header h can be scaled by s, else -1 with the first difference in err. */
int scale_check(const struct scaler *s, const struct header *h, char *err, size_t n);
/* Scale x (size values) in place with set k. Returns -1, or the index of the first value
 * whose result is not a finite f32 (x is then partly scaled). */
long scale_apply(const struct scaler *s, size_t k, float *x);

/*
 * The part of a split a stream holds, from its split= keys: "train", "test", ...; several
 * joined by '+' (a concatenation of parts); "all" when it has none (it was not split).
 * Returns an allocated string without spaces.
 */
char *scale_part(const struct header *h);
/* The header line that records a scaling, "METHOD SCOPE FIT": "zscore global train". */
void scale_record(const struct scaler *s, char *buf, size_t n);

/* Write s to fp; 0, or -1 on a write error (errno set). */
int scale_save(const struct scaler *s, FILE *fp);
/* Read a scaler from fp (checked: caps before allocation, finite numbers, scale > 0);
 * 0, or -1 with "line N: what" in err. */
int scale_load(struct scaler *s, FILE *fp, char *err, size_t n);
void scale_free(struct scaler *s);

extern const char *const scale_method_names[];	/* "zscore", "minmax" */

#endif
