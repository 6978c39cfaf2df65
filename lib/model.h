/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * model: the network eeg-train fits and eeg-predict applies, and its file.
 *
 *   input (T,F) -> L recurrent layers (lstm | gru, H units; all but the last return the
 *   whole sequence) -> last state (B,H), or the whole sequence flattened (B,T*H) as
 *   Keras' Flatten -> Dropout -> Dense (C) -> softmax
 *
 * Parameters are one array: for each recurrent layer wx (F_l,kH), wh (H,kH), bias (kH for
 * lstm, 2x3H for gru), then the dense w (K,C) and b (C); F_0 = F, F_l = H, k = 4 (lstm)
 * or 3 (gru), K = T*H with sequences else H.
 *
 * File (little-endian): magic "\x89EGM\r\n\x1a\n", u32 version (2), u32 cell, units, layers,
 * sequences, T, F, C, f64 dropout, u64 seed, u32 epochs, u64 frames, u64 data digest,
 * column names and class names (u32 count, then u32 length + bytes each), f64 window,
 * f64 hop, u32 flags (bit 0: input keys recorded), the input keys (names as above),
 * u32 length + the embedded scaler in eeg-scale's text format (0: none), u32 length +
 * history text, u64 parameter count + f32 parameters, u64 FNV-1a of all the bytes before.
 * Version 1 files (no window, hop, flags or keys; an f32 scaler slot that no tool filled,
 * u32 0) are read as models without input records.
 *
 * The input record says what a stream must be to be scored by the model: the window and
 * hop of its frames, and the header lines (keys features, profile, layout, scale) that the
 * training stream had before any scaling the model does itself (model_check).
 */
#ifndef EEG_MODEL_H
#define EEG_MODEL_H

#include <stdint.h>

#include "nn.h"
#include "scale.h"
#include "tensor.h"

#define MODEL_VERSION	2
#define MODEL_MAXLAYERS	16
#define MODEL_MAXUNITS	65536
#define MODEL_MAXCLASSES 65536
#define MODEL_MAXBYTES	((size_t)1 << 32)

enum { CELL_LSTM = 1, CELL_GRU = 2 };

struct model {
	int cell, units, layers, seq;	/* architecture */
	int T, F, C;			/* input (T,F), classes */
	double dropout;
	size_t nparam;
	real *param;
	size_t off[MODEL_MAXLAYERS + 1];	/* start of each layer; off[layers] = dense */
	struct names columns, classes;	/* expected input columns (may be empty), classes */
	double window, hop;		/* of the training frames, seconds; 0 = not known */
	int has_inputs;			/* the input keys below were recorded */
	struct names inputs;		/* "key=value" lines a stream to score must carry */
	struct scaler *scaler;		/* applied to every frame first (global); NULL = none */
	uint64_t seed, nframes, digest;	/* training provenance */
	uint32_t epochs;
	char *history;
};

/* Per-batch buffers for up to bmax frames; train adds what backward needs. */
struct model_work {
	int bmax, train;
	real *x;		/* (T,B,F) time-major input, when T > 1 */
	const real *in;		/* the last model_forward's input as (T,B,F): x, or its frames */
	real *h[MODEL_MAXLAYERS];	/* (T+1,B,H) states of each layer, h[0] = 0 */
	real *c[MODEL_MAXLAYERS];	/* lstm: (T+1,B,H) cell states */
	real *g[MODEL_MAXLAYERS];	/* (T,B,kH) gates */
	real *hn[MODEL_MAXLAYERS];	/* gru: (T,B,H) */
	real *ws;		/* lstm_ws_size / gru_ws_size */
	real *flat, *mask;	/* (B,K) dense input, dropout mask */
	real *logits, *prob;	/* (B,C) */
	real *dflat, *dh, *dx;	/* (B,K), (T,B,H), (T,B,H) */
	real *grad;		/* (nparam) */
};

const char *model_cell_name(int cell);
/* Architecture checks and parameter count; 0, or -1 with a message in err. */
int model_shape(struct model *m, char *err, size_t n);
/* Set up m (architecture fields set by the caller) with Keras initial weights. */
void model_init(struct model *m, struct rng *r);
void model_free(struct model *m);

void model_work_init(struct model_work *w, const struct model *m, int bmax, int train);
void model_work_free(struct model_work *w, const struct model *m);
/* Bytes model_work_init allocates per frame of batch (to choose a batch size). */
size_t model_work_bytes(const struct model *m, int train);

/*
 * Forward B frames x (B,T*F) (frame-major, as read from a stream) to w->prob (B,C).
 * With r non-NULL, dropout is applied (training). When T = 1, x itself is the layer's
 * input: it must stay unchanged until model_backward.
 */
void model_forward(const struct model *m, struct model_work *w, const float *x, int B,
    struct rng *r);
/* Summed cross-entropy of w->prob for labels y (B); then w->grad = gradient of the mean. */
double model_loss(const struct model *m, struct model_work *w, const int *y, int B);
void model_backward(const struct model *m, struct model_work *w, const int *y, int B);

/* Atomic write; dies on error. */
void model_save(const struct model *m, const char *path);
/* 0, or -1 with "where: what" in err. */
int model_load(struct model *m, const char *path, char *err, size_t n);
/* The header in human-readable form. */
void model_info(const struct model *m, FILE *fp);
/* Floating-point operations of one frame's forward pass (a multiply-add counts 2). */
double model_flops(const struct model *m);

/*
 * Record what a stream must be to be scored, from the training stream's header h: its
 * window and hop, and its input keys; drop_last_scale leaves out its last scale line (the
 * stream was scaled by the model's own scaler, which eeg-predict applies).
 */
void model_record_inputs(struct model *m, const struct header *h, int drop_last_scale);
/* Whether the model's input keys include this header line's key. */
int model_input_key(const char *line);
/*
 * Check a stream's header h against the model's input record: 0 when it matches; -1 with
 * the one-line reason in err when scoring it would be wrong (another window, other
 * features, other scaling); 1 with a warning in err when it may be intended (another hop,
 * keys the stream does not carry).
 */
int model_check(const struct model *m, const struct header *h, char *err, size_t n);

uint64_t fnv1a(uint64_t h, const void *p, size_t n);
#define FNV1A_INIT 0xcbf29ce484222325ull

#endif
