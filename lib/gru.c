/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gru: forward/backward of one GRU layer, reset gate after the matmul (see gru.h). */
#include "gru.h"

NN_VECTORIZE

size_t
gru_nparams(int F, int H)
{
	return mul_size(3 * (size_t)H, add_size(add_size(F, H), 2));
}

size_t
gru_ws_size(int B, int H)
{
	return mul_size(mul_size(nn_threads > 2 ? nn_threads : 2, B), 3 * (size_t)H);
}

void
gru_init(real *wx, real *wh, real *b, int F, int H, struct rng *r)
{
	nn_glorot(wx, F, 3 * H, r);
	nn_orthogonal(wh, H, 3 * H, r);
	memset(b, 0, 6 * (size_t)H * sizeof *b);
}

/*
 * Forward gates of units [0,n) of one step, for B rows. g: input projections (rows of
 * ldg, the z, r, n blocks H apart), replaced by the activated gates; a: recurrent parts
 * h[t] wh + bh (rows of lda, blocks n apart); hp, ht, hn: previous state, new state and
 * the recurrent part of the candidate (rows of H).
 */
static NN_CLONES void
gru_fwd_gates(int B, int n, int H, real *restrict g, size_t ldg, const real *restrict a,
    size_t lda, const real *restrict hp, real *restrict ht, real *restrict hn)
{
	for (int bb = 0; bb < B; bb++) {
		real *restrict gz = g + bb * ldg, *restrict gr = gz + H, *restrict gn = gr + H;
		const real *restrict az = a + bb * lda, *restrict ar = az + n, *restrict an = ar + n;
		const real *restrict hpb = hp + (size_t)bb * H;
		real *restrict htb = ht + (size_t)bb * H, *restrict hnb = hn + (size_t)bb * H;

		for (int j = 0; j < n; j++) {
			real z = nn_sigmoid(gz[j] + az[j]), r = nn_sigmoid(gr[j] + ar[j]);
			real c = nn_tanh(gn[j] + r * an[j]);

			gz[j] = z, gr[j] = r, gn[j] = c;
			hnb[j] = an[j];
			htb[j] = z * hpb[j] + (1 - z) * c;
		}
	}
}

/*
 * Backward gates of units [0,n) of one step: dh the gradient on this step's output; g
 * the activated gates (rows of ldg = 3H), replaced by the pre-activation deltas; hn
 * replaced by the delta of h Un + bhn; ws (rows of 3H) gets the recurrent-side deltas
 * [dz dr dn*r]; dhp += the direct part of the gradient on the previous state (dh * z),
 * unless NULL. Rows of hp, dh, dhp, hn: H.
 */
static NN_CLONES void
gru_bwd_gates(int B, int n, int H, real *restrict g, real *restrict hn,
    const real *restrict hp, const real *restrict dh, real *restrict dhp, real *restrict ws)
{
	size_t G = 3 * (size_t)H;

	for (int bb = 0; bb < B; bb++) {
		real *restrict gz = g + bb * G, *restrict gr = gz + H, *restrict gn = gr + H;
		real *restrict wz = ws + bb * G, *restrict wr = wz + H, *restrict wn = wr + H;
		real *restrict hnb = hn + (size_t)bb * H;
		const real *restrict hpb = hp + (size_t)bb * H, *restrict dhb = dh + (size_t)bb * H;

		if (dhp) {
			real *restrict dpb = dhp + (size_t)bb * H;
			for (int j = 0; j < n; j++)
				dpb[j] += dhb[j] * gz[j];
		}
		for (int j = 0; j < n; j++) {
			real z = gz[j], r = gr[j], c = gn[j], d = dhb[j];
			real dn = d * (1 - z) * (1 - c * c);
			real dz = d * (hpb[j] - c) * z * (1 - z);
			real dr = dn * hnb[j] * r * (1 - r);

			gz[j] = wz[j] = dz;
			gr[j] = wr[j] = dr;
			gn[j] = dn;
			hnb[j] = wn[j] = dn * r;
		}
	}
}

/* The time loop of one layer, shared by nn_threads threads: thread k owns units [u0,u1). */
struct gru_loop {
	int T, B, H;
	real *h, *g, *hn, *dh, *ws;	/* ws: forward (B,3H) per thread; backward 2 x (B,3H) */
	const real *wh, *bh;
	struct nn_barrier bar;
};

static void
gru_fwd_loop(void *arg, int k, int P)
{
	struct gru_loop *L = arg;
	int T = L->T, B = L->B, H = L->H, u0 = H * k / P, u1 = H * (k + 1) / P, n = u1 - u0;
	size_t BH = (size_t)B * H, G = 3 * (size_t)H, W = 3 * (size_t)n;
	/* this thread's columns of wh (H,3n) and its recurrent parts a (B,3n) */
	real *wk = emalloc(mul_size(mul_size(H, W), sizeof *wk));
	real *a = L->ws + (size_t)k * B * G;

	real *bp = NULL;

	for (int i = 0; i < H; i++)
		for (int q = 0; q < 3; q++)
			memcpy(wk + i * W + q * n, L->wh + i * G + q * H + u0, n * sizeof *wk);
#ifndef NN_DOUBLE
	if (nn_packed_ok()) {
		bp = emalloc(mul_size(nn_pack_size(H, (int)W), sizeof *bp));
		nn_pack(bp, wk, H, (int)W, (int)W, 0);
	}
#endif
	for (int t = 0; t < T; t++) {
		const real *hp = L->h + t * BH;

		for (int bb = 0; bb < B; bb++)
			for (int q = 0; q < 3; q++)
				memcpy(a + bb * W + q * n, L->bh + q * H + u0, n * sizeof *a);
		if (t > 0 && bp)
			nn_gemm_packed(B, (int)W, H, hp, H, bp, a, (int)W, 1);
		else if (t > 0)
			nn_gemm(0, 0, B, (int)W, H, 1, hp, H, wk, (int)W, 1, a, (int)W);
		gru_fwd_gates(B, n, H, L->g + t * B * G + u0, G, a, W, hp + u0,
		    L->h + (t + 1) * BH + u0, L->hn + t * BH + u0);
		nn_barrier_wait(&L->bar, P);	/* h[t+1] complete */
	}
	free(wk);
	free(bp);
}

static void
gru_bwd_loop(void *arg, int k, int P)
{
	struct gru_loop *L = arg;
	int T = L->T, B = L->B, H = L->H, u0 = H * k / P, u1 = H * (k + 1) / P, n = u1 - u0;
	size_t BH = (size_t)B * H, G = 3 * (size_t)H;
	real *bp = NULL;	/* wh[u0:u1, :]^T (3H,n) packed */

#ifndef NN_DOUBLE
	if (nn_packed_ok()) {
		bp = emalloc(mul_size(nn_pack_size((int)G, n), sizeof *bp));
		nn_pack(bp, L->wh + u0 * G, (int)G, n, (int)G, 1);
	}
#endif
	for (int t = T - 1; t >= 0; t--) {
		real *dhp = t > 0 ? L->dh + (t - 1) * BH : NULL;	/* h[0] = 0 needs none */
		real *ws = L->ws + (t & 1) * B * G;	/* double-buffered: see below */

		gru_bwd_gates(B, n, H, L->g + t * B * G + u0, L->hn + t * BH + u0,
		    L->h + t * BH + u0, L->dh + t * BH + u0, dhp ? dhp + u0 : NULL, ws + u0);
		/* every thread's deltas are in ws before anyone multiplies; a thread that runs
		 * ahead writes the other buffer, which nobody reads until the next barrier */
		nn_barrier_wait(&L->bar, P);
		if (dhp && bp)
			nn_gemm_packed(B, n, (int)G, ws, (int)G, bp, dhp + u0, H, 1);
		else if (dhp)
			nn_gemm(0, 1, B, n, (int)G, 1, ws, (int)G, L->wh + u0 * G, (int)G, 1, dhp + u0, H);
	}
	free(bp);
}

/*
 * gru_forward
 *   x (T,B,F) input; wx (F,3H), wh (H,3H), b (2,3H) parameters (b[0] input, b[1] recurrent)
 *   h (T+1,B,H) out: h[0] = 0, h[t+1] the output at step t
 *   g (T,B,3H) out: activated gates z,r,n, kept for gru_backward
 *   hn (T,B,H) out: the recurrent part of the candidate, h[t] Un + bhn, for gru_backward
 *   ws (gru_ws_size) workspace
 * The input projection of all steps is one gemm (T*B,F)x(F,3H); each step then computes
 * h[t] (B,H) x wh (H,3H), its columns split among the threads.
 */
void
gru_forward(real *h, real *g, real *hn, real *ws, const real *x, const real *wx,
    const real *wh, const real *b, int T, int B, int F, int H)
{
	size_t BH = (size_t)B * H, G = 3 * (size_t)H, TB = (size_t)T * B;
	struct gru_loop L = {T, B, H, h, g, hn, NULL, ws, wh, b + G, {0}};
	int P = nn_loop_threads(T, H);

	memset(h, 0, BH * sizeof *h);
	nn_affine(g, x, wx, b, TB, F, (int)G);
	nn_barrier_init(&L.bar);
	nn_parallel(gru_fwd_loop, &L, P);
}

/*
 * gru_backward
 *   dh (T,B,H) in: dLoss/dh[t+1] from above (zero where the output is unused);
 *      overwritten with the total gradient on each state as the loop runs back
 *   g (T,B,3H) in: gates from gru_forward; overwritten with the deltas of the input-side
 *      pre-activations (x Wz + bxz ...), which are also those of the recurrent side for z, r
 *   hn (T,B,H) in: from gru_forward; overwritten with the delta of h Un + bhn
 *   h (T+1,B,H), x (T,B,F), wx, wh: as in gru_forward
 *   dwx (F,3H), dwh (H,3H), db (2,3H): accumulated (+=)
 *   dx (T,B,F) out, or NULL when not needed
 *   ws (gru_ws_size) workspace
 * The weight gradients of all steps are computed after the loop as large gemms
 * over T*B rows: dwh[:, z r] += h[0..T-1]^T dg[:, z r], dwh[:, n] += h[0..T-1]^T dhn.
 */
void
gru_backward(real *dx, real *dwx, real *dwh, real *db, real *dh, real *g, real *hn,
    real *ws, const real *h, const real *x, const real *wx, const real *wh,
    int T, int B, int F, int H)
{
	size_t G = 3 * (size_t)H, TB = (size_t)T * B;
	struct gru_loop L = {T, B, H, (real *)h, g, hn, dh, ws, wh, NULL, {0}};
	int P = nn_loop_threads(T, H);

	nn_barrier_init(&L.bar);
	nn_parallel(gru_bwd_loop, &L, P);
	/* step 0 saw h[0] = 0, so h[0..T-1] pairs each step with its previous state */
	nn_gemm_mt(1, 0, H, 2 * H, (int)TB, 1, h, H, g, (int)G, 1, dwh, (int)G);
	nn_gemm_mt(1, 0, H, H, (int)TB, 1, h, H, hn, H, 1, dwh + 2 * H, (int)G);
	nn_gemm_mt(1, 0, F, (int)G, (int)TB, 1, x, F, g, (int)G, 1, dwx, (int)G);
	for (size_t i = 0; i < TB; i++) {
		const real *gi = g + i * G, *hi = hn + i * H;
		for (size_t j = 0; j < G; j++)
			db[j] += gi[j];
		for (size_t j = 0; j < 2 * (size_t)H; j++)
			db[G + j] += gi[j];
		for (size_t j = 0; j < (size_t)H; j++)
			db[G + 2 * H + j] += hi[j];
	}
	if (dx)
		nn_gemm_mt(0, 1, (int)TB, F, (int)G, 1, g, (int)G, wx, (int)G, 0, dx, F);
}
