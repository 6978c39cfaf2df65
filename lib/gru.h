/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gru: one GRU layer over a batch of sequences, forward and backward, with the reset gate
 * applied after the recurrent matmul (Keras 2 reset_after=True, PyTorch):
 *   z = s(x Wz + bxz + h Uz + bhz)        r = s(x Wr + bxr + h Ur + bhr)
 *   n = tanh(x Wn + bxn + r * (h Un + bhn))   h' = z * h + (1 - z) * n
 * Keras layout and gate order z,r,n (PyTorch orders r,z,n: see
 * tests/ref/make_torch_fixtures.py). Zero initial state. Time-major: x (T,B,F),
 * h (T+1,B,H) with h[0] = 0. Parameters: wx (F,3H), wh (H,3H), b (2,3H) = input bias
 * then recurrent bias: 3H(F+H+2) values in that order.
 */
#ifndef EEG_GRU_H
#define EEG_GRU_H

#include "nn.h"

size_t gru_nparams(int F, int H);
/* Values of the workspace gru_forward and gru_backward need (depends on nn_threads). */
size_t gru_ws_size(int B, int H);
/* Keras defaults: glorot_uniform wx, orthogonal wh, zero biases. */
void gru_init(real *wx, real *wh, real *b, int F, int H, struct rng *r);
void gru_forward(real *h, real *g, real *hn, real *ws, const real *x, const real *wx,
    const real *wh, const real *b, int T, int B, int F, int H);
void gru_backward(real *dx, real *dwx, real *dwh, real *db, real *dh, real *g, real *hn,
    real *ws, const real *h, const real *x, const real *wx, const real *wh,
    int T, int B, int F, int H);

#endif
