/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bird: the per-window features of Bird et al.'s 2018 EEG feature generator (the
 * emotions.csv layout), computed from windows already resampled to BIRD_M x BIRD_NCH.
 *
 * Layout of one window's BIRD_NFEAT values (x is 150 x 5, rows = time, columns =
 * channels TP9, AF7, AF8, TP10, AUX; h1 = rows 0-74, h2 = rows 75-149; quarters
 * q1 = 0-36, q2 = 37-74, q3 = 75-111, q4 = 112-149):
 *
 *	mean_0..4		column means
 *	mean_d_0..4		mean(h2) - mean(h1)
 *	mean_d_0..49		quarter means q1..q4 (5 each), then q1-q2, q1-q3, q1-q4,
 *				q2-q3, q2-q4, q3-q4 (index block*5 + channel)
 *	stddev_0..4		population standard deviation
 *	stddev_d_0..4		stddev(h2) - stddev(h1)
 *	moments_0..19		central moments of order 3..6: (order-3)*5 + channel
 *	max_0..4, max_d_0..4, max_q_0..49	as mean, with the maximum
 *	min_0..4, min_d_0..4, min_q_0..49	as mean, with the minimum
 *	covmat_0..143		S = the 144 values mean_q[0..43], max_q[0..49], min_q[0..49]
 *				as a 12 x 12 matrix (row-major); covmat = the covariance of its
 *				rows (each row a variable, 12 observations, divisor 11), row-major
 *	eigen_0..11		eigenvalues of covmat, descending (Bird's numpy.linalg.eigvals
 *				returns LAPACK dgeev's order, which is nearly but not always
 *				descending)
 *	logm_0..77		a matrix logarithm L of covmat, listed by diagonals: the main
 *				diagonal, then L[i][i+1], then L[i][i+2], ... (12+11+...+1);
 *				L = V diag(log max(lambda, eps * lambda_max)) V^T from the symmetric
 *				eigendecomposition (covmat has rank <= 11, so its logarithm is
 *				regularised: eps = DBL_EPSILON)
 *	entropy0..4		Shannon entropy -sum p ln p of p = |x| / sum |x| per channel
 *	correlate_0..74		sum over channels of x[i][c] * x[75+i][c], i = 0..74
 *	fft_0..749		fft_{5n+k} = sum_c x[n][c] cos(2 pi k c / 5), n = 0..149, k = 0..4
 */
#ifndef EEG_BIRD_H
#define EEG_BIRD_H

#include <stddef.h>

#define BIRD_M		150	/* samples per resampled window */
#define BIRD_NCH	5	/* channels */
#define BIRD_NFEAT	1274	/* values per window */
#define BIRD_FFT	524	/* offset of fft_0 in a window's values */

/* Name of feature i (0 .. BIRD_NFEAT-1) of one window, without the _a/_b suffix. */
void bird_name(int i, char *buf, size_t n);
#define BIRD_EIGEN	354	/* offset of eigen_0 */
#define BIRD_BATCH	4	/* windows whose eigenproblems are solved together */

/* The features of n resampled windows x (n, BIRD_M, BIRD_NCH) row-major into f
 * (n, BIRD_NFEAT). A window's features do not depend on the others': n > 1 is faster. */
void bird_features(const double *x, double *f, int n);

#endif
