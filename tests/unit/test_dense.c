/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_dense: finite-difference gradient checks of dense + softmax cross-entropy (mean over
 * the batch) and of dropout with a fixed mask, in double; softmax against a closed form.
 */
#define NN_DOUBLE
#include "dense.c"
#include "gradcheck.h"

enum { B = 4, K = 7, C = 3 };

struct ctx {
	double w[K * C], b[C], x[B * K], xd[B * K], mask[B * K], y[B * C], p[B * C];
	int lab[B];
};

/* loss = mean xent(softmax(dense(dropout(x)))) with the mask fixed */
static double
loss(void *vc)
{
	struct ctx *c = vc;

	for (int i = 0; i < B * K; i++)
		c->xd[i] = c->x[i] * c->mask[i];
	dense_forward(c->y, c->xd, c->w, c->b, B, K, C);
	return softmax_xent_forward(c->p, c->y, c->lab, B, C) / B;
}

int
main(void)
{
	struct rng r;
	struct ctx c;
	double dw[K * C] = {0}, db[C] = {0}, dy[B * C], dx[B * K], m2[B * K];

	rng_seed(&r, 3);
	gc_fill(c.w, K * C, 1.0, &r);
	gc_fill(c.b, C, 1.0, &r);
	gc_fill(c.x, B * K, 1.0, &r);
	for (int i = 0; i < B; i++)
		c.lab[i] = (int)rng_below(&r, C);
	for (int i = 0; i < B * K; i++)
		c.mask[i] = 1;
	double x0[B * K];
	memcpy(x0, c.x, sizeof x0);
	dropout_forward(x0, c.mask, B * K, 0.3, &r);
	int zeros = 0;
	for (int i = 0; i < B * K; i++) {
		CHECK(c.mask[i] == 0 || fabs(c.mask[i] - 1 / 0.7) < 1e-12, "dropout mask value");
		CHECK(x0[i] == c.x[i] * c.mask[i], "dropout applies its mask");
		zeros += c.mask[i] == 0;
	}
	CHECK(zeros > 0 && zeros < B * K, "dropout drops some, not all (%d)", zeros);

	double l = loss(&c);
	/* closed form: -log(e^y_k / sum e^y_j) */
	double ref = 0;
	for (int i = 0; i < B; i++) {
		double s = 0;
		for (int j = 0; j < C; j++)
			s += exp(c.y[i * C + j]);
		ref -= log(exp(c.y[i * C + c.lab[i]]) / s);
		for (int j = 0; j < C; j++)
			CHECK_CLOSE(c.p[i * C + j], exp(c.y[i * C + j]) / s, 1e-14, "softmax");
	}
	CHECK_CLOSE(l, ref / B, 1e-14, "cross-entropy");

	softmax_xent_backward(dy, c.p, c.lab, B, C, 1.0 / B);
	dense_backward(dx, dw, db, dy, c.xd, c.w, B, K, C);
	memcpy(m2, dx, sizeof m2);
	dropout_backward(m2, c.mask, B * K);
	gradcheck("dense w", c.w, dw, K * C, loss, &c);
	gradcheck("dense b", c.b, db, C, loss, &c);
	gradcheck("dense+dropout x", c.x, m2, B * K, loss, &c);

	/* large logits stay finite */
	double big[C] = {1000, -1000, 999}, p[C];
	int lab = 1;
	double lb = softmax_xent_forward(p, big, &lab, 1, C);
	CHECK(isfinite(lb) && fabs(lb - (2000 + log(1 + exp(-1.0)))) < 1e-9, "stable softmax %g", lb);
	CHECK_DONE();
}
