/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_metrics: lib/metrics against scores worked out by hand, and its edge cases (a class
 * never predicted, a class never present, an empty table, growing the table). */
#include <string.h>

#include "check.h"
#include "metrics.h"
#include "util.h"

int
main(int argc, char *argv[])
{
	struct confusion c;
	struct scores s;
	double m, sd;

	util_init(argc, argv);
	/*
	 * 3 classes; true 0: 3 right, 1 as 1; true 1: 1 right, 1 as 0; true 2: none; class 2
	 * predicted once for a true 0. Confusion rows (true) 0: [3 1 1], 1: [1 1 0], 2: [0 0 0].
	 */
	confusion_init(&c, 3);
	const int pairs[][2] = { {0,0}, {0,0}, {0,0}, {0,1}, {0,2}, {1,1}, {1,0} };
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		confusion_add(&c, pairs[i][0], pairs[i][1]);
	metrics_scores(&c, &s);
	CHECK(c.n == 7 && s.support[0] == 5 && s.support[1] == 2 && s.support[2] == 0, "support");
	CHECK_CLOSE(s.accuracy, 4.0 / 7, 1e-15, "accuracy");
	CHECK_CLOSE(s.p[0], 3.0 / 4, 1e-15, "precision 0");
	CHECK_CLOSE(s.r[0], 3.0 / 5, 1e-15, "recall 0");
	CHECK_CLOSE(s.p[1], 1.0 / 2, 1e-15, "precision 1");
	CHECK_CLOSE(s.r[1], 1.0 / 2, 1e-15, "recall 1");
	CHECK(s.p[2] == 0 && s.r[2] == 0 && s.f1[2] == 0, "class 2: predicted, never true");
	double f0 = 2 * 0.75 * 0.6 / 1.35, f1 = 0.5;
	CHECK_CLOSE(s.f1[0], f0, 1e-15, "f1 0");
	/* macro over the union of true and predicted classes: all three */
	CHECK_CLOSE(s.macro_p, (0.75 + 0.5 + 0) / 3, 1e-15, "macro p");
	CHECK_CLOSE(s.macro_f1, (f0 + f1 + 0) / 3, 1e-15, "macro f1");
	/* balanced: mean recall over the classes with support (0 and 1) */
	CHECK_CLOSE(s.balanced, (0.6 + 0.5) / 2, 1e-15, "balanced accuracy");
	/* weighted by support 5 and 2 */
	CHECK_CLOSE(s.weighted_p, (5 * 0.75 + 2 * 0.5) / 7, 1e-15, "weighted p");
	CHECK_CLOSE(s.weighted_r, (5 * 0.6 + 2 * 0.5) / 7, 1e-15, "weighted r = accuracy");
	CHECK_CLOSE(s.weighted_r, s.accuracy, 1e-15, "weighted recall is accuracy");
	CHECK_CLOSE(s.weighted_f1, (5 * f0 + 2 * f1) / 7, 1e-15, "weighted f1");
	metrics_free(&s);

	/* a class added later keeps the counts; a class with neither support nor predictions
	 * is left out of the macro means */
	confusion_grow(&c, 4);
	CHECK(c.k == 4 && c.cm[0 * 4 + 2] == 1 && c.cm[1 * 4 + 0] == 1 && c.n == 7, "grow");
	metrics_scores(&c, &s);
	CHECK_CLOSE(s.macro_p, (0.75 + 0.5 + 0) / 3, 1e-15, "macro p after growing");
	metrics_free(&s);
	confusion_free(&c);

	/* no frames: all zero, nothing divided by zero */
	confusion_init(&c, 2);
	metrics_scores(&c, &s);
	CHECK(s.accuracy == 0 && s.balanced == 0 && s.macro_f1 == 0 && s.weighted_f1 == 0, "empty");
	metrics_free(&s);
	confusion_free(&c);

	const float x[] = { 0.2f, 0.5f, 0.5f, 0.1f };
	CHECK(metrics_argmax(x, 4) == 1, "argmax: the first of ties");

	const double v[] = { 1, 2, 3, 4 };
	metrics_mean_sd(v, 4, &m, &sd);
	CHECK_CLOSE(m, 2.5, 1e-15, "mean");
	CHECK_CLOSE(sd, sqrt(5.0 / 3), 1e-15, "sample sd (n - 1)");
	metrics_mean_sd(v, 1, &m, &sd);
	CHECK(m == 1 && isnan(sd), "one value: no sd");
	printf("ok: %d checks\n", check_count);
	return 0;
}
