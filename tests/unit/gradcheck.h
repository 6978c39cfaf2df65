/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gradcheck.h: finite-difference gradient checks for the layer tests, which compile the
 * layer sources in double (NN_DOUBLE). Central differences with step GC_EPS; the error of
 * an element is |analytic - numeric| / max(|analytic|, |numeric|, GC_FLOOR).
 */
#ifndef EEG_GRADCHECK_H
#define EEG_GRADCHECK_H

#include "check.h"

#define GC_EPS		1e-5
#define GC_FLOOR	1e-3
#define GC_TOL		1e-6

/* Check every gc_stride-th value only (1 = all): for the larger threaded shapes. */
static size_t gc_stride = 1;

/* Loss of the current parameters; the test's forward pass. */
typedef double (*gc_loss_fn)(void *ctx);

/* Check grad (n) of the values v (n) against central differences of loss; returns max error. */
static double
gradcheck(const char *what, double *v, const double *grad, size_t n, gc_loss_fn loss, void *ctx)
{
	double worst = 0;

	for (size_t i = 0; i < n; i += gc_stride) {
		double keep = v[i], lp, lm, num, e;

		v[i] = keep + GC_EPS;
		lp = loss(ctx);
		v[i] = keep - GC_EPS;
		lm = loss(ctx);
		v[i] = keep;
		num = (lp - lm) / (2 * GC_EPS);
		e = fabs(grad[i] - num) / fmax(fmax(fabs(grad[i]), fabs(num)), GC_FLOOR);
		if (e > worst)
			worst = e;
		CHECK(e < GC_TOL, "%s[%zu]: analytic %.12g numeric %.12g error %.3g",
		    what, i, grad[i], num, e);
	}
	printf("gradcheck %-24s %4zu values, max relative error %.3g\n", what,
	    (n + gc_stride - 1) / gc_stride, worst);
	return worst;
}

static void
gc_fill(double *v, size_t n, double scale, struct rng *r)
{
	for (size_t i = 0; i < n; i++)
		v[i] = scale * (2 * rng_uniform(r) - 1);
}

#endif
