/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_gru: finite-difference gradient checks of gru_forward/gru_backward, in double. */
#define NN_DOUBLE
#include "gru.c"
#include "gradcheck.h"

enum { T = 5, B = 3, F = 4 };
static int H = 6;

struct ctx {
	double *p, *x, *w;	/* params (3H(F+H+2)), input (T,B,F), loss weights (T,B,H) */
	double *h, *g, *hn, *ws, *dh, *dp, *dx;
	int last;		/* loss on the last state only */
};

/* loss = sum over used outputs of w * h */
static double
loss(void *vc)
{
	struct ctx *c = vc;
	double *wx = c->p, *wh = wx + F * 3 * H, *b = wh + H * 3 * H, s = 0;

	gru_forward(c->h, c->g, c->hn, c->ws, c->x, wx, wh, b, T, B, F, H);
	for (int t = c->last ? T - 1 : 0; t < T; t++)
		for (int i = 0; i < B * H; i++)
			s += c->w[t * B * H + i] * c->h[(t + 1) * B * H + i];
	return s;
}

static void
run(int last, struct rng *r)
{
	struct ctx c;
	size_t np = gru_nparams(F, H);

	c.last = last;
	c.p = emalloc(np * sizeof(double));
	c.dp = ecalloc(np, sizeof(double));
	c.x = emalloc(T * B * F * sizeof(double));
	c.dx = emalloc(T * B * F * sizeof(double));
	c.w = emalloc(T * B * H * sizeof(double));
	c.dh = emalloc(T * B * H * sizeof(double));
	c.h = emalloc((T + 1) * B * H * sizeof(double));
	c.g = emalloc(T * B * 3 * H * sizeof(double));
	c.hn = emalloc(T * B * H * sizeof(double));
	c.ws = emalloc(gru_ws_size(B, H) * sizeof(double));
	gc_fill(c.p, np, 0.6, r);
	gc_fill(c.x, T * B * F, 1.0, r);
	gc_fill(c.w, T * B * H, 1.0, r);

	double *wx = c.p, *wh = wx + F * 3 * H, *b = wh + H * 3 * H;
	double *dwx = c.dp, *dwh = dwx + F * 3 * H, *db = dwh + H * 3 * H;
	loss(&c);
	for (int i = 0; i < T * B * H; i++)
		c.dh[i] = last && i < (T - 1) * B * H ? 0 : c.w[i];
	gru_backward(c.dx, dwx, dwh, db, c.dh, c.g, c.hn, c.ws, c.h, c.x, wx, wh, T, B, F, H);

	const char *sfx = last ? " (last)" : " (seq)";
	char name[64];
	snprintf(name, sizeof name, "gru wx%s", sfx);
	gradcheck(name, wx, dwx, F * 3 * H, loss, &c);
	snprintf(name, sizeof name, "gru wh%s", sfx);
	gradcheck(name, wh, dwh, H * 3 * H, loss, &c);
	snprintf(name, sizeof name, "gru b%s", sfx);
	gradcheck(name, b, db, 6 * H, loss, &c);
	snprintf(name, sizeof name, "gru x%s", sfx);
	gradcheck(name, c.x, c.dx, T * B * F, loss, &c);
	free(c.p), free(c.dp), free(c.x), free(c.dx), free(c.w), free(c.dh);
	free(c.h), free(c.g), free(c.hn), free(c.ws);
}

static void
test_init(struct rng *r)
{
	enum { HH = 8, FF = 3 };
	double wx[FF * 3 * HH], wh[HH * 3 * HH], b[6 * HH], lim = sqrt(6.0 / (FF + 3 * HH));

	gru_init(wx, wh, b, FF, HH, r);
	for (int i = 0; i < FF * 3 * HH; i++)
		CHECK(fabs(wx[i]) <= lim, "glorot limit");
	for (int i = 0; i < HH; i++)
		for (int j = 0; j < HH; j++) {
			double s = 0;
			for (int k = 0; k < 3 * HH; k++)
				s += wh[i * 3 * HH + k] * wh[j * 3 * HH + k];
			CHECK_CLOSE(s, i == j, 1e-12, "wh wh^T");
		}
	for (int j = 0; j < 6 * HH; j++)
		CHECK(b[j] == 0, "zero biases");
	printf("gru init: glorot range, orthogonal rows, zero biases ok\n");
}

int
main(void)
{
	struct rng r;

	rng_seed(&r, 2);
	run(0, &r);
	run(1, &r);
	nn_threads = 2;	/* the units split among threads: 16 + 17 */
	H = 33;
	gc_stride = 13;
	printf("with %d threads, %d units:\n", nn_loop_threads(T, H), H);
	run(0, &r);
	run(1, &r);
	nn_threads = 1;
	test_init(&r);
	CHECK_DONE();
}
