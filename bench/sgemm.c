/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sgemm: GFLOP/s of OpenBLAS sgemm on a large square product and on the GRU step shapes. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cblas.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
rate(int ta, int tb, int m, int n, int k, double secs)
{
	float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n);
	float *c = calloc((size_t)m * n, sizeof(float));
	long reps = 0;
	double t0;

	for (long i = 0; i < (long)m * k; i++)
		a[i] = (float)(i % 7) * 0.1f;
	for (long i = 0; i < (long)k * n; i++)
		b[i] = (float)(i % 5) * 0.1f;
	cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
	    m, n, k, 1, a, ta ? m : k, b, tb ? k : n, 0, c, n);
	t0 = now();
	do {
		cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
		    tb ? CblasTrans : CblasNoTrans, m, n, k, 1, a, ta ? m : k, b, tb ? k : n, 1, c, n);
		reps++;
	} while (now() - t0 < secs);
	double r = 2.0 * m * n * k * reps / (now() - t0) / 1e9;
	free(a), free(b), free(c);
	return r;
}

int
main(int argc, char *argv[])
{
	double secs = argc > 1 ? atof(argv[1]) : 1.0;

	printf("sgemm_large %.1f\n", rate(0, 0, 2048, 2048, 2048, secs));
	printf("sgemm_step_fwd %.1f\n", rate(0, 0, 32, 768, 256, secs));
	printf("sgemm_step_bwd %.1f\n", rate(0, 1, 32, 256, 768, secs));
	printf("sgemm_weight_grad %.1f\n", rate(1, 0, 256, 768, 48000, secs));
	return 0;
}
