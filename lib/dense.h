/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dense: fully connected layer, softmax with categorical cross-entropy, inverted dropout.
 * Parameters of a dense layer: w (K,C) then b (C), as Keras' kernel and bias.
 */
#ifndef EEG_DENSE_H
#define EEG_DENSE_H

#include "nn.h"

void dense_init(real *w, real *b, int K, int C, struct rng *r);
void dense_forward(real *y, const real *x, const real *w, const real *b, int B, int K, int C);
void dense_backward(real *dx, real *dw, real *db, const real *dy, const real *x,
    const real *w, int B, int K, int C);
/* Softmax of logits (B,C) into p (B,C); returns the summed cross-entropy for labels y. */
double softmax_xent_forward(real *p, const real *logits, const int *y, int B, int C);
/* dlogits (B,C) = scale * (p - onehot(y)); scale = 1/B for a mean loss. */
void softmax_xent_backward(real *dlogits, const real *p, const int *y, int B, int C, real scale);
/* Inverted dropout on x (n): mask = 0 with probability p, else 1/(1-p); x *= mask. */
void dropout_forward(real *x, real *mask, size_t n, double p, struct rng *r);
void dropout_backward(real *dx, const real *mask, size_t n);

#endif
