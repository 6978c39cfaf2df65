/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics: confusion matrices and the scores derived from them. */
#ifndef EEG_METRICS_H
#define EEG_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* A K x K confusion matrix: cm[true * K + predicted]. */
struct confusion {
	size_t k;
	uint64_t *cm;
	uint64_t n;
};

struct scores {
	double accuracy;
	double balanced;			/* mean recall over classes with support */
	double macro_p, macro_r, macro_f1;	/* unweighted means over classes */
	double weighted_p, weighted_r, weighted_f1;	/* means weighted by support */
	double *p, *r, *f1;			/* per class (K), owned */
	uint64_t *support;			/* true frames per class (K), owned */
};

void confusion_init(struct confusion *c, size_t k);
void confusion_grow(struct confusion *c, size_t k);	/* keep counts, add classes */
void confusion_add(struct confusion *c, size_t truth, size_t predicted);
void confusion_free(struct confusion *c);
/*
 * Scores as scikit-learn computes them with zero_division=0: a class never predicted has
 * precision 0, a class never present recall 0; macro means include every class of the table
 * that has support or predictions (sklearn's labels = union of y_true and y_pred); weighted
 * means weight each class by its support; balanced accuracy is the mean recall over the
 * classes that have support (balanced_accuracy_score).
 */
void metrics_scores(const struct confusion *c, struct scores *s);
void metrics_free(struct scores *s);
/* Index of the largest of x[0..k-1]; the first on ties. */
size_t metrics_argmax(const float *x, size_t k);
/* Mean and sample standard deviation (n - 1) of v[0..n); sd is NaN when n < 2. */
void metrics_mean_sd(const double *v, size_t n, double *mean, double *sd);

#endif
