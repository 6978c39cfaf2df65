/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lstm: finite-difference gradient checks of lstm_forward/lstm_backward, in double. */
#define NN_DOUBLE
#include "lstm.c"
#include "gradcheck.h"

enum { B = 3 };
static int T = 5, F = 4, H = 6;

struct ctx {
	double *p, *x, *w;	/* params (4H(F+H+1)), input (T,B,F), loss weights (T,B,H) */
	double *h, *c, *g, *dh, *ws, *dp, *dx;
	int last;		/* loss on the last state only */
};

/* loss = sum over used outputs of w * h */
static double
loss(void *vc)
{
	struct ctx *c = vc;
	double *wx = c->p, *wh = wx + F * 4 * H, *b = wh + H * 4 * H, s = 0;

	lstm_forward(c->h, c->c, c->g, c->ws, c->x, wx, wh, b, T, B, F, H);
	for (int t = c->last ? T - 1 : 0; t < T; t++)
		for (int i = 0; i < B * H; i++)
			s += c->w[t * B * H + i] * c->h[(t + 1) * B * H + i];
	return s;
}

static void
run(int last, struct rng *r)
{
	struct ctx c;
	size_t np = lstm_nparams(F, H);

	c.last = last;
	c.p = emalloc(np * sizeof(double));
	c.dp = ecalloc(np, sizeof(double));
	c.x = emalloc(T * B * F * sizeof(double));
	c.dx = emalloc(T * B * F * sizeof(double));
	c.w = emalloc(T * B * H * sizeof(double));
	c.dh = emalloc(T * B * H * sizeof(double));
	c.h = emalloc((T + 1) * B * H * sizeof(double));
	c.c = emalloc((T + 1) * B * H * sizeof(double));
	c.g = emalloc(T * B * 4 * H * sizeof(double));
	c.ws = emalloc(lstm_ws_size(B, H) * sizeof(double));
	gc_fill(c.p, np, 0.6, r);
	gc_fill(c.x, T * B * F, 1.0, r);
	gc_fill(c.w, T * B * H, 1.0, r);

	double *wx = c.p, *wh = wx + F * 4 * H, *b = wh + H * 4 * H;
	double *dwx = c.dp, *dwh = dwx + F * 4 * H, *db = dwh + H * 4 * H;
	loss(&c);
	for (int i = 0; i < T * B * H; i++)
		c.dh[i] = last && i < (T - 1) * B * H ? 0 : c.w[i];
	lstm_backward(c.dx, dwx, dwh, db, c.dh, c.g, c.h, c.c, c.x, wx, wh, c.ws, T, B, F, H);

	const char *sfx = last ? " (last)" : " (seq)";
	char name[64];
	snprintf(name, sizeof name, "lstm wx%s", sfx);
	gradcheck(name, wx, dwx, F * 4 * H, loss, &c);
	snprintf(name, sizeof name, "lstm wh%s", sfx);
	gradcheck(name, wh, dwh, H * 4 * H, loss, &c);
	snprintf(name, sizeof name, "lstm b%s", sfx);
	gradcheck(name, b, db, 4 * H, loss, &c);
	snprintf(name, sizeof name, "lstm x%s", sfx);
	gradcheck(name, c.x, c.dx, T * B * F, loss, &c);
	free(c.p), free(c.dp), free(c.x), free(c.dx), free(c.w), free(c.dh);
	free(c.h), free(c.c), free(c.g), free(c.ws);
}

/*
 * One step with F > 4 takes lstm_forward's path that skips the forget gate's projection
 * (it multiplies c[0] = 0): h must still be o tanh(i c~) of the full formula.
 */
static void
test_one_step(struct rng *r)
{
	struct ctx c;
	size_t np = lstm_nparams(F, H);
	double err = 0;

	c.p = emalloc(np * sizeof(double));
	c.x = emalloc(B * F * sizeof(double));
	c.h = emalloc(2 * B * H * sizeof(double));
	c.c = emalloc(2 * B * H * sizeof(double));
	c.g = emalloc(B * 4 * H * sizeof(double));
	c.ws = emalloc(lstm_ws_size(B, H) * sizeof(double));
	gc_fill(c.p, np, 0.6, r);
	gc_fill(c.x, B * F, 1.0, r);
	double *wx = c.p, *b = wx + (F + H) * 4 * H;
	lstm_forward(c.h, c.c, c.g, c.ws, c.x, wx, wx + F * 4 * H, b, 1, B, F, H);
	for (int i = 0; i < B; i++)
		for (int j = 0; j < H; j++) {
			double z[4];
			for (int q = 0; q < 4; q++) {
				z[q] = b[q * H + j];
				for (int f = 0; f < F; f++)
					z[q] += c.x[i * F + f] * wx[f * 4 * H + q * H + j];
			}
			double in = 1 / (1 + exp(-z[0])), o = 1 / (1 + exp(-z[3]));
			double want = o * tanh(in * tanh(z[2]));
			err = fmax(err, fabs(c.h[B * H + i * H + j] - want));
		}
	CHECK(err < 1e-12, "one-step h: max error %g", err);
	printf("lstm one step, F = %d: h within %.1e of o tanh(i c~)\n", F, err);
	free(c.p), free(c.x), free(c.h), free(c.c), free(c.g), free(c.ws);
}

static void
test_init(struct rng *r)
{
	enum { HH = 8, FF = 3 };
	double wx[FF * 4 * HH], wh[HH * 4 * HH], b[4 * HH], lim = sqrt(6.0 / (FF + 4 * HH));

	lstm_init(wx, wh, b, FF, HH, r);
	for (int i = 0; i < FF * 4 * HH; i++)
		CHECK(fabs(wx[i]) <= lim, "glorot limit");
	/* orthogonal: wh wh^T = I (H,H) */
	for (int i = 0; i < HH; i++)
		for (int j = 0; j < HH; j++) {
			double s = 0;
			for (int k = 0; k < 4 * HH; k++)
				s += wh[i * 4 * HH + k] * wh[j * 4 * HH + k];
			CHECK_CLOSE(s, i == j, 1e-12, "wh wh^T");
		}
	for (int j = 0; j < 4 * HH; j++)
		CHECK(b[j] == (j >= HH && j < 2 * HH), "forget bias 1, others 0");
	printf("lstm init: glorot range, orthogonal rows, forget bias ok\n");
}

int
main(void)
{
	struct rng r;

	rng_seed(&r, 1);
	run(0, &r);
	run(1, &r);
	nn_threads = 2;	/* the units split among threads: 16 + 17 */
	H = 33;
	gc_stride = 13;
	printf("with %d threads, %d units:\n", nn_loop_threads(T, H), H);
	run(0, &r);
	run(1, &r);
	nn_threads = 1;
	T = 1, F = 7, H = 6;	/* one step: the forget gate is skipped */
	gc_stride = 1;
	test_one_step(&r);
	run(0, &r);
	test_init(&r);
	CHECK_DONE();
}
