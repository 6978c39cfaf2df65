/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics: confusion matrices and the scores derived from them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "util.h"

void
confusion_init(struct confusion *c, size_t k)
{
	c->k = k;
	c->n = 0;
	c->cm = ecalloc(mul_size(k, k), sizeof *c->cm);
}

void
confusion_grow(struct confusion *c, size_t k)
{
	uint64_t *cm;

	if (k <= c->k)
		return;
	cm = ecalloc(mul_size(k, k), sizeof *cm);
	for (size_t i = 0; i < c->k; i++)
		memcpy(cm + i * k, c->cm + i * c->k, c->k * sizeof *cm);
	free(c->cm);
	c->cm = cm;
	c->k = k;
}

void
confusion_add(struct confusion *c, size_t truth, size_t predicted)
{
	c->cm[truth * c->k + predicted]++;
	c->n++;
}

void
confusion_free(struct confusion *c)
{
	free(c->cm);
	c->cm = NULL;
}

void
metrics_scores(const struct confusion *c, struct scores *s)
{
	size_t k = c->k, used = 0, present = 0;
	uint64_t correct = 0, total = 0;

	memset(s, 0, sizeof *s);
	s->p = ecalloc(k, sizeof *s->p);
	s->r = ecalloc(k, sizeof *s->r);
	s->f1 = ecalloc(k, sizeof *s->f1);
	s->support = ecalloc(k, sizeof *s->support);
	for (size_t i = 0; i < k; i++) {
		uint64_t tp = c->cm[i * k + i], row = 0, col = 0;
		for (size_t j = 0; j < k; j++) {
			row += c->cm[i * k + j];
			col += c->cm[j * k + i];
		}
		correct += tp;
		s->support[i] = row;
		s->p[i] = col ? (double)tp / col : 0;
		s->r[i] = row ? (double)tp / row : 0;
		s->f1[i] = s->p[i] + s->r[i] > 0 ? 2 * s->p[i] * s->r[i] / (s->p[i] + s->r[i]) : 0;
		if (row || col) {
			s->macro_p += s->p[i];
			s->macro_r += s->r[i];
			s->macro_f1 += s->f1[i];
			used++;
		}
		if (row) {
			s->balanced += s->r[i];
			s->weighted_p += s->p[i] * (double)row;
			s->weighted_r += s->r[i] * (double)row;
			s->weighted_f1 += s->f1[i] * (double)row;
			total += row;
			present++;
		}
	}
	if (used) {
		s->macro_p /= used;
		s->macro_r /= used;
		s->macro_f1 /= used;
	}
	if (present) {
		s->balanced /= present;
		s->weighted_p /= (double)total;
		s->weighted_r /= (double)total;
		s->weighted_f1 /= (double)total;
	}
	s->accuracy = c->n ? (double)correct / c->n : 0;
}

void
metrics_free(struct scores *s)
{
	free(s->p);
	free(s->r);
	free(s->f1);
	free(s->support);
	memset(s, 0, sizeof *s);
}

size_t
metrics_argmax(const float *x, size_t k)
{
	size_t best = 0;

	for (size_t i = 1; i < k; i++)
		if (x[i] > x[best])
			best = i;
	return best;
}

void
metrics_mean_sd(const double *v, size_t n, double *mean, double *sd)
{
	double m = 0, ss = 0;

	for (size_t i = 0; i < n; i++)
		m += v[i];
	m = n ? m / (double)n : NAN;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	*mean = m;
	*sd = n >= 2 ? sqrt(ss / (double)(n - 1)) : NAN;
}
