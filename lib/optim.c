/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optim: Adam (Keras formulation) and learning-rate schedules (see optim.h). */
#include "optim.h"

NN_VECTORIZE

void
adam_init(struct adam *a, size_t n)
{
	a->b1 = 0.9, a->b2 = 0.999, a->eps = 1e-7;
	a->t = 0;
	a->n = n;
	a->m = ecalloc(n ? n : 1, sizeof *a->m);
	a->v = ecalloc(n ? n : 1, sizeof *a->v);
}

void
adam_free(struct adam *a)
{
	free(a->m);
	free(a->v);
	a->m = a->v = NULL;
}

static NN_CLONES void
adam_update(size_t n, real *restrict p, real *restrict m, real *restrict v,
    const real *restrict g, real b1, real b2, real c1, real c2, real eps, real l)
{
	for (size_t i = 0; i < n; i++) {
		m[i] = b1 * m[i] + c1 * g[i];
		v[i] = b2 * v[i] + c2 * g[i] * g[i];
		p[i] -= l * m[i] / (nn_sqrt(v[i]) + eps);
	}
}

struct adam_job {
	struct adam *a;
	real *p;
	const real *g;
	real b1, b2, c1, c2, eps, l;
};

static void
adam_part(void *arg, int k, int P)
{
	struct adam_job *j = arg;
	size_t n = j->a->n, i0 = n * k / P, i1 = n * (k + 1) / P;

	adam_update(i1 - i0, j->p + i0, j->a->m + i0, j->a->v + i0, j->g + i0, j->b1, j->b2,
	    j->c1, j->c2, j->eps, j->l);
}

/* p (n) -= lr_t m / (sqrt(v) + eps) after updating the moments with g (n) */
void
adam_step(struct adam *a, real *p, const real *g, double lr)
{
	a->t++;
	double lrt = lr * sqrt(1 - pow(a->b2, (double)a->t)) / (1 - pow(a->b1, (double)a->t));
	real b1 = (real)a->b1, b2 = (real)a->b2, c1 = (real)(1 - a->b1), c2 = (real)(1 - a->b2);
	real eps = (real)a->eps, l = (real)lrt;
	struct adam_job j = {a, p, g, b1, b2, c1, c2, eps, l};
	int P = nn_threads;

	/* the update is memory-bound: split large ones among the threads */
	if (P > 1 && a->n >= ((size_t)1 << 16))
		nn_parallel(adam_part, &j, P);
	else
		adam_part(&j, 0, 1);
}

double
lr_schedule(double lr0, double decay, int epoch)
{
	return decay > 0 ? lr0 * exp(-epoch / decay) : lr0;
}
