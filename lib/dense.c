/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dense: fully connected layer, softmax cross-entropy, dropout (see dense.h). */
#include "dense.h"

void
dense_init(real *w, real *b, int K, int C, struct rng *r)
{
	nn_glorot(w, K, C, r);
	memset(b, 0, (size_t)C * sizeof *b);
}

/* y (B,C) = x (B,K) w (K,C) + b (C) */
void
dense_forward(real *y, const real *x, const real *w, const real *b, int B, int K, int C)
{
	for (int i = 0; i < B; i++)
		memcpy(y + (size_t)i * C, b, (size_t)C * sizeof *y);
	nn_gemm_mt(0, 0, B, C, K, 1, x, K, w, C, 1, y, C);
}

/*
 * dy (B,C) in; x (B,K), w (K,C) as in dense_forward.
 * dw (K,C) += x^T dy; db (C) += sum of dy rows; dx (B,K) = dy w^T unless dx is NULL.
 */
void
dense_backward(real *dx, real *dw, real *db, const real *dy, const real *x,
    const real *w, int B, int K, int C)
{
	nn_gemm_mt(1, 0, K, C, B, 1, x, K, dy, C, 1, dw, C);
	for (int i = 0; i < B; i++)
		for (int j = 0; j < C; j++)
			db[j] += dy[(size_t)i * C + j];
	if (dx)
		nn_gemm_mt(0, 1, B, K, C, 1, dy, C, w, C, 0, dx, K);
}

/* p (B,C) = softmax(logits (B,C)) by rows; returns sum over rows of -log p[y]. */
double
softmax_xent_forward(real *p, const real *logits, const int *y, int B, int C)
{
	double loss = 0;

	for (int i = 0; i < B; i++) {
		const real *l = logits + (size_t)i * C;
		real *pi = p + (size_t)i * C;
		double m = l[0], s = 0;

		for (int j = 1; j < C; j++)
			if (l[j] > m)
				m = l[j];
		for (int j = 0; j < C; j++)
			s += exp(l[j] - m);
		for (int j = 0; j < C; j++)
			pi[j] = (real)(exp(l[j] - m) / s);
		if (y)
			loss += log(s) - (l[y[i]] - m);
	}
	return loss;
}

/* dlogits (B,C) = scale * (p - onehot(y)) */
void
softmax_xent_backward(real *dlogits, const real *p, const int *y, int B, int C, real scale)
{
	for (int i = 0; i < B; i++)
		for (int j = 0; j < C; j++)
			dlogits[(size_t)i * C + j] = scale * (p[(size_t)i * C + j] - (j == y[i]));
}

/* x (n) *= mask (n), mask = 0 with probability p else 1/(1-p) */
void
dropout_forward(real *x, real *mask, size_t n, double p, struct rng *r)
{
	real keep = (real)(1 / (1 - p));

	for (size_t i = 0; i < n; i++) {
		mask[i] = rng_uniform(r) < p ? 0 : keep;
		x[i] *= mask[i];
	}
}

void
dropout_backward(real *dx, const real *mask, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dx[i] *= mask[i];
}
