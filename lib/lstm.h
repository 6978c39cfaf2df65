/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lstm: one LSTM layer over a batch of sequences, forward and backward.
 * Keras layout and gate order i,f,c,o (PyTorch's i,f,g,o is the same order: see
 * tests/ref/make_torch_fixtures.py for the mapping). Sigmoid recurrent activation,
 * tanh activation, zero initial state. Time-major: x (T,B,F), h (T+1,B,H) with h[0] = 0.
 * Parameters: wx (F,4H), wh (H,4H), b (4H): 4H(F+H+1) values in that order.
 */
#ifndef EEG_LSTM_H
#define EEG_LSTM_H

#include "nn.h"

size_t lstm_nparams(int F, int H);
/* Values of the workspace lstm_forward and lstm_backward need (depends on nn_threads). */
size_t lstm_ws_size(int B, int H);
/* Keras defaults: glorot_uniform wx, orthogonal wh, zero b except forget gate 1. */
void lstm_init(real *wx, real *wh, real *b, int F, int H, struct rng *r);
void lstm_forward(real *h, real *c, real *g, real *ws, const real *x, const real *wx,
    const real *wh, const real *b, int T, int B, int F, int H);
void lstm_backward(real *dx, real *dwx, real *dwh, real *db, real *dh, real *g,
    const real *h, const real *c, const real *x, const real *wx, const real *wh,
    real *ws, int T, int B, int F, int H);

#endif
