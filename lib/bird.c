/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bird: Bird et al.'s 2018 per-window EEG features (see bird.h). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bird.h"

/*
 * The elementwise loops vectorise (-O3); no reassociation and no contraction into fused
 * multiply-adds, so the output is the same bit for bit with every instruction set. The
 * whole computation is inlined into one function per instruction set (bird_features picks
 * one at run time): AVX-512 (at 256 bits: the loops are short) runs it 1.35x as fast as
 * baseline x86-64.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3", "fp-contract=off", "no-math-errno")
#endif
#define INLINE	static inline __attribute__((always_inline))

#define M	BIRD_M
#define NCH	BIRD_NCH
#define NC	12	/* side of the covariance matrix */

/*
 * out[j] = a ln a for a = |x[j]|, 0 for a = 0 (the entropy's sum takes 750 per window),
 * 4 at a time with gcc's vector types and no branches, so it vectorises on any x86-64. ln a to a few ulp: a = m 2^e with m in
 * [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.172, by its series
 * to s^17 (the next term is below 1e-15 of the result). a below DBL_MIN takes ln DBL_MIN:
 * a ln a is then below 1.6e-305, zero for the sum.
 */
typedef double v4d __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));

/* m ? a : b per lane, m from a comparison (a macro: no vector values cross a call) */
#define sel(m, a, b) ((v4d)(((v4u)(m) & (v4u)(a)) | (~(v4u)(m) & (v4u)(b))))

INLINE void
xlnx(const double *x, double *out, int n)
{
	const v4d one = {1, 1, 1, 1}, tiny = {DBL_MIN, DBL_MIN, DBL_MIN, DBL_MIN};
	const v4u mant = {0x000fffffffffffffULL, 0x000fffffffffffffULL, 0x000fffffffffffffULL,
	    0x000fffffffffffffULL};
	const v4u bias = {0x3ff0000000000000ULL, 0x3ff0000000000000ULL, 0x3ff0000000000000ULL,
	    0x3ff0000000000000ULL};
	const v4u magic = {0x4330000000000000ULL, 0x4330000000000000ULL, 0x4330000000000000ULL,
	    0x4330000000000000ULL};	/* 2^52: its low bits take an integer */

	for (int j = 0; j < n; j += 4) {
		v4d a = {0, 0, 0, 0}, m, e, s, z, l;
		v4u b;
		v4i big;
		int k = n - j < 4 ? n - j : 4;

		if (k == 4)
			memcpy(&a, x + j, sizeof a);
		else
			for (int i = 0; i < k; i++)
				a[i] = x[j + i];
		a = sel(a < 0, -a, a);
		b = (v4u)sel(a > tiny, a, tiny);
		e = (v4d)((b >> 52) | magic) - (4503599627370496.0 + 1023);
		m = (v4d)((b & mant) | bias);
		big = m > M_SQRT2;
		m = sel(big, m * 0.5, m);
		e += (v4d)((v4u)big & (v4u)one);
		s = (m - 1) / (m + 1);
		z = s * s;
		l = e * M_LN2 + 2 * s * (1 + z * (1.0 / 3 + z * (1.0 / 5 + z * (1.0 / 7 +
		    z * (1.0 / 9 + z * (1.0 / 11 + z * (1.0 / 13 + z * (1.0 / 15 + z * (1.0 / 17)))))))));
		l = a * l;
		if (k == 4)
			memcpy(out + j, &l, sizeof l);
		else
			for (int i = 0; i < k; i++)
				out[j + i] = l[i];
	}
}

/* family names and sizes, in window order */
static const struct {
	const char *name;
	int n;
} fam[] = {
	{"mean_", 5}, {"mean_d_", 5}, {"mean_d_", 50}, {"stddev_", 5}, {"stddev_d_", 5},
	{"moments_", 20}, {"max_", 5}, {"max_d_", 5}, {"max_q_", 50}, {"min_", 5},
	{"min_d_", 5}, {"min_q_", 50}, {"covmat_", 144}, {"eigen_", 12}, {"logm_", 78},
	{"entropy", 5}, {"correlate_", 75}, {"fft_", 750},
};

void
bird_name(int i, char *buf, size_t n)
{
	for (size_t j = 0; j < sizeof fam / sizeof fam[0]; j++) {
		if (i < fam[j].n) {
			snprintf(buf, n, "%s%d", fam[j].name, i);
			return;
		}
		i -= fam[j].n;
	}
	snprintf(buf, n, "?");
}

/* whole, d (second half - first half), q (4 quarters, then q1-q2, q1-q3, q1-q4, q2-q3,
 * q2-q4, q3-q4) of one statistic: 60 values at f, from whole[c], half[2][c], quarter[4][c] */
INLINE double *
family(const double *whole, double half[2][NCH], double q[4][NCH], double *f)
{
	for (int c = 0; c < NCH; c++) {
		f[c] = whole[c];
		f[NCH + c] = half[1][c] - half[0][c];
	}
	f += 2 * NCH;
	for (int j = 0; j < 4; j++)
		for (int c = 0; c < NCH; c++)
			*f++ = q[j][c];
	for (int a = 0; a < 3; a++)
		for (int b = a + 1; b < 4; b++)
			for (int c = 0; c < NCH; c++)
				*f++ = q[a][c] - q[b][c];
	return f;
}

/*
 * The symmetric 12 x 12 eigenproblem of covmat, for a batch of windows at once: Householder
 * reduction to a tridiagonal (tridiag), then implicit QR steps with Wilkinson shifts on it
 * (Golub and Van Loan, Matrix Computations, 8.3), rotations accumulated in the
 * eigenvectors. The QR steps are a chain of dependent square roots and divisions; taking one
 * step of each window's problem in turn (qr_step) lets the processor overlap the windows'
 * chains. Every window gets the arithmetic it would get alone, in the same order.
 * Eigenvectors are rows: vt[j*NC + i] is component i of vector j, so that the updates run
 * along contiguous rows and vectorise (the same operations per element).
 */
struct eig {
	double a[NC * NC];	/* covmat, destroyed */
	double d[NC], e[NC];	/* the tridiagonal: diagonal, e[i] = t[i+1][i] */
	double vt[NC * NC];
	double x, z, bulge;	/* the current QR sweep */
	int hi, lo, k, iter;
};

/* a = V T V^T. a stays exactly symmetric (a[i][j] and a[j][i] get the same sums of the
 * same products), so a column is read as a row. */
INLINE void
tridiag(struct eig *g)
{
	double *a = g->a, *vt = g->vt, u[NC], p[NC], s2[NC];

	for (int i = 0; i < NC * NC; i++)
		vt[i] = i % (NC + 1) == 0;
	for (int k = 0; k < NC - 2; k++) {
		double norm = 0, alpha, un = 0, kk = 0;

		for (int i = k + 1; i < NC; i++)
			norm += a[i * NC + k] * a[i * NC + k];
		if (norm == 0)
			continue;
		alpha = a[(k + 1) * NC + k] > 0 ? -sqrt(norm) : sqrt(norm);
		for (int i = 0; i < NC; i++)
			u[i] = i > k ? a[i * NC + k] : 0;
		u[k + 1] -= alpha;
		for (int i = k + 1; i < NC; i++)
			un += u[i] * u[i];
		un = sqrt(un);
		for (int i = k + 1; i < NC; i++)
			u[i] /= un;
		/* H = I - 2 u u^T; a = H a H = a - 2 u q^T - 2 q u^T, q = p - (u^T p) u,
		 * p = a u: only row and column k (now alpha e_{k+1}) and the block below k change */
		for (int i = 0; i < NC; i++)
			p[i] = 0;
		for (int j = k + 1; j < NC; j++)	/* p[i] += a[i][j] u[j], j ascending */
			for (int i = k + 1; i < NC; i++)
				p[i] += a[j * NC + i] * u[j];
		for (int i = k + 1; i < NC; i++)
			kk += u[i] * p[i];
		for (int i = k + 1; i < NC; i++)
			p[i] -= kk * u[i];
		for (int i = k + 1; i < NC; i++)
			for (int j = k + 1; j < NC; j++)
				a[i * NC + j] -= 2 * (u[i] * p[j] + p[i] * u[j]);
		for (int i = k + 1; i < NC; i++)
			a[i * NC + k] = a[k * NC + i] = i == k + 1 ? alpha : 0;
		/* v = v H: s[i] = sum_j v[i][j] u[j], v[i][j] -= 2 s[i] u[j] */
		for (int i = 0; i < NC; i++)
			s2[i] = 0;
		for (int j = k + 1; j < NC; j++)
			for (int i = 0; i < NC; i++)
				s2[i] += vt[j * NC + i] * u[j];
		for (int i = 0; i < NC; i++)
			s2[i] *= 2;
		for (int j = k + 1; j < NC; j++)
			for (int i = 0; i < NC; i++)
				vt[j * NC + i] -= s2[i] * u[j];
	}
	for (int i = 0; i < NC; i++) {
		g->d[i] = a[i * NC + i];
		g->e[i] = i + 1 < NC ? a[(i + 1) * NC + i] : 0;
	}
	g->hi = g->k = NC - 1;	/* no sweep under way */
	g->iter = 0;
}

/* One rotation of the current sweep, or the start of the next sweep (deflating what has
 * converged): 0 once the tridiagonal is diagonal (or after 30 NC sweeps). */
INLINE int
qr_step(struct eig *g)
{
	double *d = g->d, *e = g->e;

	if (g->k < g->hi) {
		int k = g->k;
		double x = g->x, z = g->z, r, c, s, dk, dk1, ek;
		double *v0 = g->vt + k * NC, *v1 = v0 + NC;

		if (k > g->lo) {
			x = e[k - 1];
			z = g->bulge;
		}
		r = sqrt(x * x + z * z);
		if (r == 0) {
			g->k = g->hi;	/* the sweep ends */
			return 1;
		}
		c = x / r;
		s = z / r;
		if (k > g->lo)
			e[k - 1] = r;
		/* t = G t G^T, G = [c s; -s c] in rows and columns k, k+1 */
		dk = d[k];
		dk1 = d[k + 1];
		ek = e[k];
		d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
		d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
		e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
		if (k + 1 < g->hi) {
			g->bulge = s * e[k + 1];
			e[k + 1] *= c;
		}
		for (int j = 0; j < NC; j++) {	/* v = v G^T: vectors k, k+1 */
			double vk = v0[j], vk1 = v1[j];

			v0[j] = c * vk + s * vk1;
			v1[j] = c * vk1 - s * vk;
		}
		g->k = k + 1;
		return 1;
	}
	while (g->hi > 0 && g->iter < 30 * NC) {
		int hi = g->hi, lo;
		double dd, mu;

		if (fabs(e[hi - 1]) <= DBL_EPSILON * (fabs(d[hi - 1]) + fabs(d[hi]))) {
			e[hi - 1] = 0;
			g->hi--;
			continue;
		}
		for (lo = hi - 1; lo > 0; lo--)
			if (fabs(e[lo - 1]) <= DBL_EPSILON * (fabs(d[lo - 1]) + fabs(d[lo])))
				break;
		g->iter++;
		dd = (d[hi - 1] - d[hi]) / 2;
		mu = d[hi] - e[hi - 1] * e[hi - 1] / (dd + (dd >= 0 ? 1 : -1) * hypot(dd, e[hi - 1]));
		g->x = d[lo] - mu;
		g->z = e[lo];
		g->bulge = 0;
		g->lo = g->k = lo;
		return 1;
	}
	return 0;
}

/* eigen (12: the eigenvalues, descending) and logm (78) at f */
INLINE void
eig_out(struct eig *g, double *f)
{
	int order[NC];
	double w[NC], l[NC * NC], lmax, floor_;

	for (int i = 0; i < NC; i++)
		order[i] = i;
	for (int i = 1; i < NC; i++)	/* insertion sort, descending */
		for (int j = i; j > 0 && g->d[order[j]] > g->d[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int j = 0; j < NC; j++)
		f[j] = w[j] = g->d[order[j]];
	f += NC;
	lmax = fmax(fabs(w[0]), fabs(w[NC - 1]));
	floor_ = lmax * DBL_EPSILON;
	if (floor_ < DBL_MIN)
		floor_ = DBL_MIN;
	for (int j = 0; j < NC; j++)
		w[j] = log(w[j] > floor_ ? w[j] : floor_);
	/* L = V diag(w) V^T: L[i][k] = sum_j (v[i][j] w[j]) v[k][j], j ascending (vector j is
	 * row order[j] of vt), a row of L at a time */
	for (int i = 0; i < NC; i++) {
		double acc[NC] = {0};

		for (int j = 0; j < NC; j++) {
			const double *vj = g->vt + order[j] * NC;
			double vw = vj[i] * w[j];

			for (int k = 0; k < NC; k++)
				acc[k] += vw * vj[k];
		}
		memcpy(l + i * NC, acc, sizeof acc);
	}
	for (int d = 0; d < NC; d++)
		for (int i = 0; i + d < NC; i++)
			*f++ = l[i * NC + i + d];
}

/* covmat (144) from the quarter statistics, into f and g->a: the rows of the 12 x 12
 * matrix filled with mean_q[0..43], max_q, min_q are the variables */
INLINE double *
covariance(const double *meanq, const double *maxq, const double *minq, double *f,
    struct eig *g)
{
	double s[NC * NC], st[NC * NC];

	memcpy(s, meanq, 44 * sizeof(double));
	memcpy(s + 44, maxq, 50 * sizeof(double));
	memcpy(s + 94, minq, 50 * sizeof(double));
	for (int i = 0; i < NC; i++) {
		double m = 0;

		for (int k = 0; k < NC; k++)
			m += s[i * NC + k];
		m /= NC;
		for (int k = 0; k < NC; k++)
			st[k * NC + i] = s[i * NC + k] -= m;
	}
	/* cov[i][j] = sum_k s[i][k] s[j][k] / 11, k ascending, a row at a time; the same
	 * products make cov[j][i], so it is exactly symmetric */
	for (int i = 0; i < NC; i++) {
		double acc[NC] = {0};

		for (int k = 0; k < NC; k++)
			for (int j = 0; j < NC; j++)
				acc[j] += s[i * NC + k] * st[k * NC + j];
		for (int j = 0; j < NC; j++)
			g->a[i * NC + j] = acc[j] / (NC - 1);
	}
	memcpy(f, g->a, sizeof g->a);
	return f + NC * NC;
}

/* All of one window's features but eigen and logm, which are left for eig_out; g gets
 * covmat. */
INLINE void
window_features(const double *x, double *f, struct eig *g)
{
	/* quarters: rows 0-36, 37-74, 75-111, 112-149; halves 0-74, 75-149 */
	static const int qb[5] = {0, M / 4, M / 2, 3 * M / 4, M};
	double qsum[4][NCH], qmax[4][NCH], qmin[4][NCH], hmean[2][NCH], hmax[2][NCH];
	double hmin[2][NCH], hstd[2][NCH], mean[NCH], mx[NCH], mn[NCH], sd[NCH];
	double m2[NCH] = {0}, m3[NCH] = {0}, m4[NCH] = {0}, m5[NCH] = {0}, m6[NCH] = {0};
	double hs[2][NCH] = {{0}}, asum[NCH] = {0}, alog[NCH] = {0};
	double *meanq, *maxq, *minq, xl[M * NCH];

	for (int j = 0; j < 4; j++) {
		const double *r = x + qb[j] * NCH;

		for (int c = 0; c < NCH; c++)
			qsum[j][c] = qmax[j][c] = qmin[j][c] = r[c];
		for (int i = qb[j] + 1; i < qb[j + 1]; i++) {
			r = x + i * NCH;
			for (int c = 0; c < NCH; c++) {
				qsum[j][c] += r[c];
				qmax[j][c] = r[c] > qmax[j][c] ? r[c] : qmax[j][c];
				qmin[j][c] = r[c] < qmin[j][c] ? r[c] : qmin[j][c];
			}
		}
	}
	for (int c = 0; c < NCH; c++) {
		mean[c] = (qsum[0][c] + qsum[1][c] + qsum[2][c] + qsum[3][c]) / M;
		for (int h = 0; h < 2; h++) {
			hmean[h][c] = (qsum[2 * h][c] + qsum[2 * h + 1][c]) / (M / 2);
			hmax[h][c] = fmax(qmax[2 * h][c], qmax[2 * h + 1][c]);
			hmin[h][c] = fmin(qmin[2 * h][c], qmin[2 * h + 1][c]);
		}
		mx[c] = fmax(hmax[0][c], hmax[1][c]);
		mn[c] = fmin(hmin[0][c], hmin[1][c]);
		for (int j = 0; j < 4; j++)
			qsum[j][c] /= qb[j + 1] - qb[j];	/* now the quarter means */
	}
	/* central moments of the window and of its halves; |x| for the entropy */
	xlnx(x, xl, M * NCH);
	for (int i = 0; i < M; i++) {
		const double *r = x + i * NCH;
		int h = i >= M / 2;

		for (int c = 0; c < NCH; c++) {
			double d = r[c] - mean[c], d2 = d * d, d3 = d2 * d, e = r[c] - hmean[h][c];
			double a = fabs(r[c]);

			m2[c] += d2;
			m3[c] += d3;
			m4[c] += d2 * d2;
			m5[c] += d3 * d2;
			m6[c] += d3 * d3;
			hs[h][c] += e * e;
			asum[c] += a;
			alog[c] += xl[i * NCH + c];
		}
	}
	for (int c = 0; c < NCH; c++) {
		sd[c] = sqrt(m2[c] / M);
		hstd[0][c] = sqrt(hs[0][c] / (M / 2));
		hstd[1][c] = sqrt(hs[1][c] / (M / 2));
	}

	meanq = f + 2 * NCH;
	f = family(mean, hmean, qsum, f);
	for (int c = 0; c < NCH; c++)
		*f++ = sd[c];
	for (int c = 0; c < NCH; c++)
		*f++ = hstd[1][c] - hstd[0][c];
	for (int c = 0; c < NCH; c++) {
		f[c] = m3[c] / M;
		f[NCH + c] = m4[c] / M;
		f[2 * NCH + c] = m5[c] / M;
		f[3 * NCH + c] = m6[c] / M;
	}
	f += 4 * NCH;
	maxq = f + 2 * NCH;
	f = family(mx, hmax, qmax, f);
	minq = f + 2 * NCH;
	f = family(mn, hmin, qmin, f);
	f = covariance(meanq, maxq, minq, f, g);
	f += NC + NC * (NC + 1) / 2;	/* eigen and logm: eig_out */
	/* entropy of p = |x| / S: -sum p ln p = ln S - sum |x| ln |x| / S */
	for (int c = 0; c < NCH; c++)
		*f++ = asum[c] > 0 ? log(asum[c]) - alog[c] / asum[c] : 0;
	for (int i = 0; i < M / 2; i++) {
		double s = 0;

		for (int c = 0; c < NCH; c++)
			s += x[i * NCH + c] * x[(M / 2 + i) * NCH + c];
		*f++ = s;
	}
	/* 5-point DFT across channels, real part: cos(2 pi k c / 5) takes the values 1, c1, c2 */
	{
		const double c1 = cos(2 * M_PI / 5), c2 = cos(4 * M_PI / 5);

		for (int i = 0; i < M; i++) {
			const double *r = x + i * NCH;
			double a = r[1] + r[4], b = r[2] + r[3];

			f[0] = r[0] + a + b;
			f[1] = f[4] = r[0] + c1 * a + c2 * b;
			f[2] = f[3] = r[0] + c2 * a + c1 * b;
			f += NCH;
		}
	}
}

/* bird_features for one instruction set */
INLINE void
features(const double *x, double *f, int n)
{
	struct eig g[BIRD_BATCH];

	for (int b = 0; b < n; b += BIRD_BATCH) {
		int m = n - b < BIRD_BATCH ? n - b : BIRD_BATCH, live;

		for (int w = 0; w < m; w++) {
			window_features(x + (size_t)(b + w) * M * NCH, f + (size_t)(b + w) * BIRD_NFEAT,
			    &g[w]);
			tridiag(&g[w]);
		}
		do {
			live = 0;
			for (int w = 0; w < m; w++)
				live |= qr_step(&g[w]);
		} while (live);
		for (int w = 0; w < m; w++)
			eig_out(&g[w], f + (size_t)(b + w) * BIRD_NFEAT + BIRD_EIGEN);
	}
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BIRD_ISA 1
__attribute__((target("arch=x86-64-v4,prefer-vector-width=256"))) static void
features_v4(const double *x, double *f, int n)
{
	features(x, f, n);
}

__attribute__((target("arch=x86-64-v3"))) static void
features_v3(const double *x, double *f, int n)
{
	features(x, f, n);
}
#endif

void
bird_features(const double *x, double *f, int n)
{
#ifdef BIRD_ISA
	static int isa = -1;

	if (isa < 0) {
		__builtin_cpu_init();
		isa = __builtin_cpu_supports("x86-64-v4") ? 4 : __builtin_cpu_supports("x86-64-v3") ?
		    3 : 0;
	}
	if (isa == 4)
		features_v4(x, f, n);
	else if (isa == 3)
		features_v3(x, f, n);
	else
#endif
		features(x, f, n);
}
