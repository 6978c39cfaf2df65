/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * optim: Adam as Keras (TF2) applies it, and learning-rate schedules.
 *   t += 1; lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p -= lr_t m / (sqrt(v) + eps)
 * (eps outside the bias correction, as Keras; PyTorch's Adam equals this at step t when
 * its eps is eps / sqrt(1 - b2^t).)
 */
#ifndef EEG_OPTIM_H
#define EEG_OPTIM_H

#include "nn.h"

struct adam {
	double b1, b2, eps;	/* 0.9, 0.999, 1e-7 */
	long t;			/* steps taken */
	size_t n;
	real *m, *v;		/* (n) moments */
};

void adam_init(struct adam *a, size_t n);
void adam_free(struct adam *a);
void adam_step(struct adam *a, real *p, const real *g, double lr);
/* lr for an epoch (0-based): constant when decay <= 0, else lr0 * exp(-epoch / decay). */
double lr_schedule(double lr0, double decay, int epoch);

#endif
