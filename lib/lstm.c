/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lstm: forward/backward of one LSTM layer (see lstm.h). */
#include "lstm.h"

NN_VECTORIZE

size_t
lstm_nparams(int F, int H)
{
	return mul_size(4 * (size_t)H, add_size(add_size(F, H), 1));
}

size_t
lstm_ws_size(int B, int H)
{
	return mul_size(mul_size(nn_threads > 1 ? nn_threads : 1, B), 4 * (size_t)H);
}

void
lstm_init(real *wx, real *wh, real *b, int F, int H, struct rng *r)
{
	nn_glorot(wx, F, 4 * H, r);
	nn_orthogonal(wh, H, 4 * H, r);
	for (int j = 0; j < 4 * H; j++)
		b[j] = j >= H && j < 2 * H;	/* unit_forget_bias */
}

/*
 * Forward gates of units [0,n) of one step, for B rows: g the input projections plus
 * bias (rows of 4H, blocks i, f, c, o H apart), replaced by the activated gates; a the
 * recurrent parts h[t] wh (rows of 4n, blocks n apart), or NULL at step 0; cp, ct, ht
 * the previous and new cell state and the output (rows of H).
 */
static NN_CLONES void
lstm_fwd_gates(int B, int n, int H, real *restrict g, const real *restrict a,
    const real *restrict cp, real *restrict ct, real *restrict ht)
{
	size_t G = 4 * (size_t)H, A = 4 * (size_t)n;

	for (int bb = 0; bb < B; bb++) {
		real *restrict gi = g + bb * G, *restrict gf = gi + H, *restrict gc = gf + H;
		real *restrict go = gc + H;
		const real *restrict cpb = cp + (size_t)bb * H;
		real *restrict ctb = ct + (size_t)bb * H, *restrict htb = ht + (size_t)bb * H;

		if (a) {
			const real *restrict ai = a + bb * A, *restrict af = ai + n;
			const real *restrict ac = af + n, *restrict ao = ac + n;
			for (int j = 0; j < n; j++) {
				gi[j] += ai[j], gf[j] += af[j];
				gc[j] += ac[j], go[j] += ao[j];
			}
		}
		for (int j = 0; j < n; j++) {
			real i = nn_sigmoid(gi[j]), f = nn_sigmoid(gf[j]);
			real cc = nn_tanh(gc[j]), o = nn_sigmoid(go[j]);
			real cn = f * cpb[j] + i * cc;

			gi[j] = i, gf[j] = f, gc[j] = cc, go[j] = o;
			ctb[j] = cn;
			htb[j] = o * nn_tanh(cn);
		}
	}
}

/*
 * Backward gates of units [0,n) of one step: dh the gradient on this step's output; dc
 * the one on its cell state from the next step, replaced by the one on the previous cell
 * state; g the activated gates (rows of 4H), replaced by the pre-activation deltas; cp,
 * ct the previous and this cell state. Rows of dh, dc, cp, ct: H.
 */
static NN_CLONES void
lstm_bwd_gates(int B, int n, int H, real *restrict g, real *restrict dc,
    const real *restrict dh, const real *restrict cp, const real *restrict ct)
{
	size_t G = 4 * (size_t)H;

	for (int bb = 0; bb < B; bb++) {
		real *restrict gi = g + bb * G, *restrict gf = gi + H, *restrict gc = gf + H;
		real *restrict go = gc + H, *restrict dcb = dc + (size_t)bb * H;
		const real *restrict cpb = cp + (size_t)bb * H, *restrict ctb = ct + (size_t)bb * H;
		const real *restrict dhb = dh + (size_t)bb * H;

		for (int j = 0; j < n; j++) {
			real i = gi[j], f = gf[j], cc = gc[j], o = go[j];
			real tc = nn_tanh(ctb[j]), d = dhb[j];
			real dcv = dcb[j] + d * o * (1 - tc * tc);

			go[j] = d * tc * o * (1 - o);
			gi[j] = dcv * cc * i * (1 - i);
			gf[j] = dcv * cpb[j] * f * (1 - f);
			gc[j] = dcv * i * (1 - cc * cc);
			dcb[j] = dcv * f;
		}
	}
}

/* The time loop of one layer, shared by nn_threads threads: thread k owns units [u0,u1). */
struct lstm_loop {
	int T, B, H;
	real *h, *c, *g, *dh, *ws;	/* ws: (P,B,4H) */
	const real *wh;
	struct nn_barrier bar;
};

static void
lstm_fwd_loop(void *arg, int k, int P)
{
	struct lstm_loop *L = arg;
	int T = L->T, B = L->B, H = L->H, u0 = H * k / P, u1 = H * (k + 1) / P, n = u1 - u0;
	size_t BH = (size_t)B * H, G = 4 * (size_t)H, W = 4 * (size_t)n;
	/* this thread's columns of wh (H,4n) and its recurrent parts a (B,4n) */
	real *wk = emalloc(mul_size(mul_size(H, W), sizeof *wk));
	real *a = L->ws + (size_t)k * B * G;

	real *bp = NULL;

	for (int i = 0; i < H; i++)
		for (int q = 0; q < 4; q++)
			memcpy(wk + i * W + q * n, L->wh + i * G + q * H + u0, n * sizeof *wk);
#ifndef NN_DOUBLE
	if (nn_packed_ok() && T > 1) {
		bp = emalloc(mul_size(nn_pack_size(H, (int)W), sizeof *bp));
		nn_pack(bp, wk, H, (int)W, (int)W, 0);
	}
#endif
	for (int t = 0; t < T; t++) {
		const real *hp = L->h + t * BH;

		if (t > 0 && bp)
			nn_gemm_packed(B, (int)W, H, hp, H, bp, a, (int)W, 0);
		else if (t > 0)
			nn_gemm(0, 0, B, (int)W, H, 1, hp, H, wk, (int)W, 0, a, (int)W);
		lstm_fwd_gates(B, n, H, L->g + t * B * G + u0, t > 0 ? a : NULL,
		    L->c + t * BH + u0, L->c + (t + 1) * BH + u0, L->h + (t + 1) * BH + u0);
		nn_barrier_wait(&L->bar, P);	/* h[t+1] complete */
	}
	free(wk);
	free(bp);
}

static void
lstm_bwd_loop(void *arg, int k, int P)
{
	struct lstm_loop *L = arg;
	int T = L->T, B = L->B, H = L->H, u0 = H * k / P, u1 = H * (k + 1) / P, n = u1 - u0;
	size_t BH = (size_t)B * H, G = 4 * (size_t)H;
	real *dc = L->ws;	/* (B,H), each thread its own columns */
	real *bp = NULL;	/* wh[u0:u1, :]^T (4H,n) packed */

#ifndef NN_DOUBLE
	if (nn_packed_ok() && T > 1) {
		bp = emalloc(mul_size(nn_pack_size((int)G, n), sizeof *bp));
		nn_pack(bp, L->wh + u0 * G, (int)G, n, (int)G, 1);
	}
#endif

	for (size_t bb = 0; bb < (size_t)B; bb++)
		memset(dc + bb * H + u0, 0, n * sizeof *dc);
	for (int t = T - 1; t >= 0; t--) {
		real *gt = L->g + t * B * G;

		lstm_bwd_gates(B, n, H, gt + u0, dc + u0, L->dh + t * BH + u0, L->c + t * BH + u0,
		    L->c + (t + 1) * BH + u0);
		/* all of dz[t] is ready before anyone multiplies; nobody writes it again */
		nn_barrier_wait(&L->bar, P);
		if (t > 0 && bp)
			nn_gemm_packed(B, n, (int)G, gt, (int)G, bp, L->dh + (t - 1) * BH + u0, H, 1);
		else if (t > 0)
			nn_gemm(0, 1, B, n, (int)G, 1, gt, (int)G, L->wh + u0 * G, (int)G, 1,
			    L->dh + (t - 1) * BH + u0, H);
	}
	free(bp);
}

/*
 * lstm_forward
 *   x (T,B,F) input; wx (F,4H), wh (H,4H), b (4H) parameters
 *   h (T+1,B,H) out: h[0] = 0, h[t+1] the output at step t
 *   c (T+1,B,H) out: cell states, c[0] = 0
 *   g (T,B,4H) out: activated gates i,f,c,o, kept for lstm_backward
 *   ws (lstm_ws_size) workspace
 * The input projection of all steps is one gemm (T*B,F)x(F,4H); each step then adds
 * h[t] (B,H) x wh (H,4H), its columns split among the threads.
 */
void
lstm_forward(real *h, real *c, real *g, real *ws, const real *x, const real *wx,
    const real *wh, const real *b, int T, int B, int F, int H)
{
	size_t BH = (size_t)B * H, G = 4 * (size_t)H, TB = (size_t)T * B;
	struct lstm_loop L = {T, B, H, h, c, g, NULL, ws, wh, {0}};
	int P = nn_loop_threads(T, H);

	memset(h, 0, BH * sizeof *h);
	memset(c, 0, BH * sizeof *c);
	if (T == 1) {
		/* one step: the forget gate multiplies c[0] = 0, so skip its quarter of the
		 * projection; gf keeps the bias, a finite value that lstm_backward's zero
		 * factor cp = 0 cancels */
		for (size_t i = 0; i < TB; i++)
			memcpy(g + i * G, b, G * sizeof *g);
		nn_gemm_mt(0, 0, B, H, F, 1, x, F, wx, (int)G, 1, g, (int)G);
		nn_gemm_mt(0, 0, B, 2 * H, F, 1, x, F, wx + 2 * H, (int)G, 1, g + 2 * H, (int)G);
	} else
		nn_affine(g, x, wx, b, TB, F, (int)G);
	nn_barrier_init(&L.bar);
	nn_parallel(lstm_fwd_loop, &L, P);
}

/*
 * lstm_backward
 *   dh (T,B,H) in: dLoss/dh[t+1] from above (zero where the output is unused);
 *      overwritten with the total gradient on each state as the loop runs back
 *   g (T,B,4H) in: gates from lstm_forward; overwritten with the pre-activation deltas
 *   h, c (T+1,B,H), x (T,B,F), wx, wh: as in lstm_forward
 *   dwx (F,4H), dwh (H,4H), db (4H): accumulated (+=)
 *   dx (T,B,F) out, or NULL when not needed
 *   ws (lstm_ws_size) workspace
 * The weight gradients of all steps are one gemm each: h[0..T-1]^T (H,T*B) x dz (T*B,4H).
 */
void
lstm_backward(real *dx, real *dwx, real *dwh, real *db, real *dh, real *g,
    const real *h, const real *c, const real *x, const real *wx, const real *wh,
    real *ws, int T, int B, int F, int H)
{
	size_t G = 4 * (size_t)H, TB = (size_t)T * B;
	struct lstm_loop L = {T, B, H, (real *)h, (real *)c, g, dh, ws, wh, {0}};
	int P = nn_loop_threads(T, H);

	nn_barrier_init(&L.bar);
	nn_parallel(lstm_bwd_loop, &L, P);
	/* step 0 saw h[0] = 0, so h[0..T-1] pairs each step with its previous state */
	nn_gemm_mt(1, 0, H, (int)G, (int)TB, 1, h, H, g, (int)G, 1, dwh, (int)G);
	nn_gemm_mt(1, 0, F, (int)G, (int)TB, 1, x, F, g, (int)G, 1, dwx, (int)G);
	for (size_t i = 0; i < TB; i++)
		for (size_t j = 0; j < G; j++)
			db[j] += g[i * G + j];
	if (dx)
		nn_gemm_mt(0, 1, (int)TB, F, (int)G, 1, g, (int)G, wx, (int)G, 0, dx, F);
}
