/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nn: the numeric type and the few primitives the layers share (lstm, gru, dense, optim).
 *
 * Layers compute in `real`, float by default. A test may compile the layer sources in
 * double for finite-difference checks: define NN_DOUBLE, then #include the .c files
 * (tests/unit/test_lstm.c does). Everything here is static inline so both builds coexist.
 * Matrices are row-major; shapes are written (rows,cols) in comments.
 */
#ifndef EEG_NN_H
#define EEG_NN_H

#include <math.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <cblas.h>

#include "util.h"

#ifdef NN_DOUBLE
typedef double real;
#else
typedef float real;
#endif

/*
 * The gate loops are compiled vectorised (the build's -O2 does not vectorise loops of
 * unknown length) and, on x86-64, also for AVX2 with the best chosen at load time.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define NN_VECTORIZE _Pragma("GCC optimize(\"tree-vectorize\", \"vect-cost-model=dynamic\", \"no-trapping-math\")")
#else
#define NN_VECTORIZE
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(NN_DOUBLE)
#define NN_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NN_CLONES
#endif

/*
 * Threads. The recurrent loops split the units of a layer among nn_threads threads (each
 * runs the whole time loop on its units, one barrier per step); the large gemms outside
 * the loops are split by nn_gemm_mt. OpenBLAS itself runs single-threaded.
 */
#define NN_MAXTHREADS 64
extern int nn_threads;	/* default 1; eeg-train sets it from --threads */
struct nn_barrier {
	atomic_int count, phase;
};
void nn_barrier_init(struct nn_barrier *b);
void nn_barrier_wait(struct nn_barrier *b, int n);
/* fn(arg, k, n) on n threads, k = 0..n-1 (the caller is k = 0). */
void nn_parallel(void (*fn)(void *, int, int), void *arg, int n);
void openblas_set_num_threads(int);
/* Threads for a time loop of T steps of H units: one when there is little to share. */
static inline int
nn_loop_threads(int T, int H)
{
	int p = H / 16;

	if (T < 2 || p < 2)
		return 1;
	return nn_threads < p ? nn_threads : p;
}

/*
 * Small float gemms against a matrix packed once (the recurrent weights of a batch):
 * OpenBLAS repacks both operands on every call, which for (B,H)x(H,kH) costs about as
 * much as the product. nn_pack lays b (K,N) out in panels of 16 columns (trans: b given
 * as (N,K)); nn_sgemm_packed computes c (M,N) = a (M,K) bp, plus c when acc. Only where
 * nn_packed_ok() (AVX-512); callers fall back to nn_gemm.
 */
size_t nn_pack_size(int K, int N);
void nn_pack(float *bp, const float *b, int K, int N, int ldb, int trans);
int nn_packed_ok(void);
void nn_sgemm_packed(int M, int N, int K, const float *a, int lda, const float *bp, float *c,
    int ldc, int acc);

/* c (m,n) = alpha * op(a) (m,k) * op(b) (k,n) + beta * c; ta/tb: 1 = transposed. */
static inline void
nn_gemm(int ta, int tb, int m, int n, int k, real alpha, const real *a, int lda,
    const real *b, int ldb, real beta, real *c, int ldc)
{
	if (m == 0 || n == 0)
		return;
#ifdef NN_DOUBLE
	cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
	    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
#else
	cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
	    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
#endif
}

/*
 * nn_gemm on nn_threads threads: the larger of m and n is split into blocks (multiples of
 * 16), one single-threaded gemm each; or, when k dwarfs both (the weight gradients over all
 * T*B rows), k is split and each thread sums its slice into its own (m,n) part, added up
 * in thread order afterwards: no thread packs an operand another one packs too.
 * OpenBLAS' own threads stay off (eeg-train sets one):
 * its idle workers spin, which costs more than it gives on small products and a busy
 * machine. The split depends on nn_threads only, so results repeat bit for bit.
 */
struct nn_gemm_job {
	int ta, tb, m, n, k, lda, ldb, ldc;
	real alpha, beta;
	const real *a, *b;
	real *c;
	real *part;	/* k split: (P-1) x (m,n) parts of threads 1..P-1, else NULL */
};

static inline void
nn_gemm_part(void *arg, int t, int P)
{
	struct nn_gemm_job *j = arg;

	if (j->part) {
		int blk = (j->k + P - 1) / P, k0 = t * blk, k1 = k0 + blk > j->k ? j->k : k0 + blk;
		const real *a = j->ta ? j->a + (size_t)k0 * j->lda : j->a + k0;
		const real *b = j->tb ? j->b + k0 : j->b + (size_t)k0 * j->ldb;
		real *c = t ? j->part + (size_t)(t - 1) * j->m * j->n : j->c;
		int ldc = t ? j->n : j->ldc;
		/* every thread has a slice: P <= k/128 and P <= 64 give k0 < k */
		nn_gemm(j->ta, j->tb, j->m, j->n, k1 - k0, j->alpha, a, j->lda, b, j->ldb,
		    t ? 0 : j->beta, c, ldc);
		return;
	}
	if (j->n >= j->m) {
		int blk = (j->n / 16 + P - 1) / P * 16, n0 = t * blk, n1 = n0 + blk;
		n1 = n1 > j->n || t == P - 1 ? j->n : n1;
		if (n0 < n1)
			nn_gemm(j->ta, j->tb, j->m, n1 - n0, j->k, j->alpha, j->a, j->lda,
			    j->tb ? j->b + (size_t)n0 * j->ldb : j->b + n0, j->ldb, j->beta,
			    j->c + n0, j->ldc);
	} else {
		int blk = (j->m / 16 + P - 1) / P * 16, m0 = t * blk, m1 = m0 + blk;
		m1 = m1 > j->m || t == P - 1 ? j->m : m1;
		if (m0 < m1)
			nn_gemm(j->ta, j->tb, m1 - m0, j->n, j->k, j->alpha,
			    j->ta ? j->a + m0 : j->a + (size_t)m0 * j->lda, j->lda, j->b, j->ldb,
			    j->beta, j->c + (size_t)m0 * j->ldc, j->ldc);
	}
}

static inline void
nn_gemm_mt(int ta, int tb, int m, int n, int k, real alpha, const real *a, int lda,
    const real *b, int ldb, real beta, real *c, int ldc)
{
	struct nn_gemm_job j = {ta, tb, m, n, k, lda, ldb, ldc, alpha, beta, a, b, c, NULL};
	int big = m > n ? m : n, P = nn_threads;

	if (P < 2 || (double)m * n * k < 4e6 || (big < 32 && k < 256)) {	/* 8 MFLOP */
		nn_gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
		return;
	}
	if (k < 8 * big) {
		nn_parallel(nn_gemm_part, &j, P < big / 16 ? P : big / 16);
		return;
	}
	P = P < k / 128 ? P : k / 128;	/* k >= 256 here, so P >= 2 */
	j.part = emalloc(mul_size(mul_size((size_t)(P - 1) * m, n), sizeof *j.part));
	nn_parallel(nn_gemm_part, &j, P);
	for (int t = 1; t < P; t++) {
		const real *p = j.part + (size_t)(t - 1) * m * n;
		for (int i = 0; i < m; i++)
			for (int q = 0; q < n; q++)
				c[(size_t)i * ldc + q] += p[(size_t)i * n + q];
	}
	free(j.part);
}

/* nn_sgemm_packed for `real`: the packed path exists in float only. */
static inline void
nn_gemm_packed(int m, int n, int k, const real *a, int lda, const real *bp, real *c, int ldc,
    int acc)
{
#ifdef NN_DOUBLE
	(void)m, (void)n, (void)k, (void)a, (void)lda, (void)bp, (void)c, (void)ldc, (void)acc;
	die("nn_gemm_packed: float only");
#else
	nn_sgemm_packed(m, n, k, a, lda, bp, c, ldc, acc);
#endif
}

/*
 * y (n,m) = x (n,k) w (k,m) + b (m), the input projection of all steps. For a few input
 * features one pass over y beats filling y with b and a gemm over it (y can be 150 MB).
 */
static inline void
nn_affine(real *restrict y, const real *restrict x, const real *restrict w,
    const real *restrict b, size_t n, int k, int m)
{
	if (k <= 4) {
		/* j innermost: contiguous rows of y and w, so the callers' NN_VECTORIZE applies */
		for (size_t i = 0; i < n; i++) {
			real *restrict yi = y + i * m;
			const real *xi = x + i * k;
			for (int j = 0; j < m; j++)
				yi[j] = b[j];
			for (int f = 0; f < k; f++) {
				const real xf = xi[f], *restrict wf = w + (size_t)f * m;
				for (int j = 0; j < m; j++)
					yi[j] += xf * wf[j];
			}
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		memcpy(y + i * m, b, (size_t)m * sizeof *y);
	nn_gemm_mt(0, 0, (int)n, m, k, 1, x, k, w, m, 1, y, m);
}

/*
 * Activations. In float a branch-free exp (Cody-Waite reduction, degree-6 polynomial,
 * about 1 ulp) lets gcc vectorise the gate loops; in double we use libm.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#endif
NN_VECTORIZE	/* the same options as the callers' or gcc will not inline these */
#ifdef NN_DOUBLE
#define nn_sqrt sqrt
static inline real nn_sigmoid(real x) { return 1 / (1 + exp(-x)); }
static inline real nn_tanh(real x) { return tanh(x); }
#else
#define nn_sqrt __builtin_sqrtf
static inline float
nn_expf(float x)
{
	float n, r, p, s;
	int k;

	x = x < -87.0f ? -87.0f : x;
	x = x > 88.0f ? 88.0f : x;
	/* round to nearest by the 1.5*2^23 trick: no libm call, so the loop vectorises */
	n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
	r = x - n * 0.693359375f;
	r = r + n * 2.12194440e-4f;
	p = 1.9875691500e-4f;
	p = p * r + 1.3981999507e-3f;
	p = p * r + 8.3334519073e-3f;
	p = p * r + 4.1665795894e-2f;
	p = p * r + 1.6666665459e-1f;
	p = p * r + 5.0000001201e-1f;
	p = p * r * r + r + 1.0f;
	k = ((int)n + 127) << 23;
	memcpy(&s, &k, sizeof s);	/* 2^n */
	return p * s;
}
static inline float nn_sigmoid(float x) { return 1.0f / (1.0f + nn_expf(-x)); }
/* (e^2x - 1) / (e^2x + 1): absolute error about 1e-7, branch-free */
static inline float
nn_tanh(float x)
{
	float e = nn_expf(2.0f * x);

	return (e - 1.0f) / (e + 1.0f);
}
#endif
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

/* Keras glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out)), for w (fan_in,fan_out). */
static inline void
nn_glorot(real *w, int fan_in, int fan_out, struct rng *r)
{
	double l = sqrt(6.0 / (fan_in + fan_out));

	for (size_t i = 0; i < (size_t)fan_in * fan_out; i++)
		w[i] = (real)((2 * rng_uniform(r) - 1) * l);
}

/*
 * Keras Orthogonal (gain 1) for w (rows,cols), rows <= cols: a (cols,rows) matrix of
 * N(0,1) draws, orthonormalised column by column (modified Gram-Schmidt, twice for
 * stability; this is the Q of a QR with positive diagonal, as Keras' q * sign(diag r)),
 * then transposed so w has orthonormal rows. rows > cols is handled symmetrically.
 */
static inline void
nn_orthogonal(real *w, int rows, int cols, struct rng *r)
{
	int n = rows < cols ? cols : rows, k = rows < cols ? rows : cols;
	/* the k columns of length n, each stored contiguously: q[j] is column j */
	double *q = emalloc(mul_size(mul_size(n, k), sizeof *q));

	for (int i = 0; i < n; i++)	/* drawn row by row, as a (n,k) matrix */
		for (int j = 0; j < k; j++)
			q[(size_t)j * n + i] = rng_normal(r);
	for (int j = 0; j < k; j++) {
		double *restrict qj = q + (size_t)j * n;
		for (int pass = 0; pass < 2; pass++)
			for (int p = 0; p < j; p++) {
				const double *restrict qp = q + (size_t)p * n;
				double d = 0;
				for (int i = 0; i < n; i++)
					d += qp[i] * qj[i];
				for (int i = 0; i < n; i++)
					qj[i] -= d * qp[i];
			}
		double s = 0;
		for (int i = 0; i < n; i++)
			s += qj[i] * qj[i];
		s = s > 0 ? 1 / sqrt(s) : 0;
		for (int i = 0; i < n; i++)
			qj[i] *= s;
	}
	/* rows < cols: w = q as stored (k=rows rows of n=cols); else w (n,k) = its transpose */
	for (int j = 0; j < k; j++)
		for (int i = 0; i < n; i++)
			w[rows < cols ? (size_t)j * n + i : (size_t)i * k + j] = (real)q[(size_t)j * n + i];
	free(q);
}

#endif
