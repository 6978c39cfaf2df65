/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model: build, run and store the recurrent classifier (see model.h). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dense.h"
#include "gru.h"
#include "lstm.h"
#include "model.h"

#define MAXPARAM ((size_t)1 << 30)

const char *
model_cell_name(int cell)
{
	return cell == CELL_LSTM ? "lstm" : cell == CELL_GRU ? "gru" : "?";
}

static size_t
layer_nparams(int cell, int F, int H)
{
	return cell == CELL_LSTM ? lstm_nparams(F, H) : gru_nparams(F, H);
}

static int
gates(const struct model *m)
{
	return m->cell == CELL_LSTM ? 4 : 3;
}

/* dense input width */
static size_t
model_k(const struct model *m)
{
	return m->seq ? (size_t)m->T * m->units : (size_t)m->units;
}

int
model_shape(struct model *m, char *err, size_t n)
{
	size_t off = 0, K;

	if (m->cell != CELL_LSTM && m->cell != CELL_GRU)
		return errf(err, n, "architecture: unknown cell type %d", m->cell);
	if (m->units < 1 || m->units > MODEL_MAXUNITS)
		return errf(err, n, "architecture: units %d out of range 1..%d", m->units, MODEL_MAXUNITS);
	if (m->layers < 1 || m->layers > MODEL_MAXLAYERS)
		return errf(err, n, "architecture: layers %d out of range 1..%d", m->layers, MODEL_MAXLAYERS);
	if (m->seq != 0 && m->seq != 1)
		return errf(err, n, "architecture: bad sequences flag %d", m->seq);
	if (m->T < 1 || m->F < 1 || (size_t)m->T * m->F > TENSOR_MAXSIZE)
		return errf(err, n, "architecture: input shape %dx%d out of range", m->T, m->F);
	if (m->C < 1 || m->C > MODEL_MAXCLASSES)
		return errf(err, n, "architecture: %d classes out of range 1..%d", m->C, MODEL_MAXCLASSES);
	if (!(m->dropout >= 0 && m->dropout < 1))
		return errf(err, n, "architecture: dropout %g out of range [0,1)", m->dropout);
	for (int l = 0; l < m->layers; l++) {
		m->off[l] = off;
		off = add_size(off, layer_nparams(m->cell, l ? m->units : m->F, m->units));
	}
	m->off[m->layers] = off;
	K = model_k(m);
	off = add_size(off, mul_size(add_size(K, 1), m->C));
	if (K > INT_MAX / 4 || off > MAXPARAM)
		return errf(err, n, "architecture: too many parameters");
	m->nparam = off;
	return 0;
}

void
model_init(struct model *m, struct rng *r)
{
	char err[256];

	if (model_shape(m, err, sizeof err) < 0)
		die("%s", err);
	m->param = emalloc(mul_size(m->nparam, sizeof *m->param));
	for (int l = 0; l < m->layers; l++) {
		int F = l ? m->units : m->F, H = m->units, k = gates(m);
		real *wx = m->param + m->off[l], *wh = wx + (size_t)F * k * H, *b = wh + (size_t)H * k * H;
		if (m->cell == CELL_LSTM)
			lstm_init(wx, wh, b, F, H, r);
		else
			gru_init(wx, wh, b, F, H, r);
	}
	real *dw = m->param + m->off[m->layers];
	dense_init(dw, dw + model_k(m) * m->C, (int)model_k(m), m->C, r);
}

void
model_free(struct model *m)
{
	free(m->param);
	free(m->history);
	names_free(&m->columns);
	names_free(&m->classes);
	names_free(&m->inputs);
	if (m->scaler) {
		scale_free(m->scaler);
		free(m->scaler);
	}
	m->param = NULL;
	m->history = NULL;
	m->scaler = NULL;
}

static real *
alloc_real(size_t a, size_t b, size_t c)
{
	size_t n = mul_size(mul_size(a, b), c);
	return emalloc(mul_size(n ? n : 1, sizeof(real)));
}

size_t
model_work_bytes(const struct model *m, int train)
{
	size_t T = m->T, H = m->units, k = gates(m), K = model_k(m), per;

	/* per layer: h, g (+ c or hn); then x, flat, mask, logits, prob (+ dflat, dh, dx) */
	per = (T + 1) * H + T * k * H + (T + 1) * H;
	per = per * m->layers + T * m->F + 2 * K + 2 * m->C + 4 * H * (nn_threads > 2 ? nn_threads : 2);
	if (train)
		per += K + 2 * T * H;
	return per * sizeof(real);
}

void
model_work_init(struct model_work *w, const struct model *m, int bmax, int train)
{
	size_t T = m->T, B = bmax, H = m->units, K = model_k(m);

	memset(w, 0, sizeof *w);
	if ((size_t)bmax * T > INT_MAX / 4 || B * K > INT_MAX)
		die("batch of %d frames of %d steps is too large", bmax, m->T);
	w->bmax = bmax, w->train = train;
	if (T > 1)
		w->x = alloc_real(T, B, m->F);
	for (int l = 0; l < m->layers; l++) {
		w->h[l] = alloc_real(T + 1, B, H);
		w->g[l] = alloc_real(T, B, gates(m) * H);
		if (m->cell == CELL_LSTM)
			w->c[l] = alloc_real(T + 1, B, H);
		else
			w->hn[l] = alloc_real(T, B, H);
	}
	size_t wl = lstm_ws_size(bmax, m->units), wg = gru_ws_size(bmax, m->units);
	w->ws = alloc_real(wl > wg ? wl : wg, 1, 1);
	w->flat = alloc_real(B, K, 1);
	w->mask = alloc_real(B, K, 1);
	w->logits = alloc_real(B, m->C, 1);
	w->prob = alloc_real(B, m->C, 1);
	if (train) {
		w->dflat = alloc_real(B, K, 1);
		w->dh = alloc_real(T, B, H);
		w->dx = alloc_real(T, B, H);
		w->grad = alloc_real(m->nparam, 1, 1);
	}
}

void
model_work_free(struct model_work *w, const struct model *m)
{
	free(w->x);
	for (int l = 0; l < m->layers; l++) {
		free(w->h[l]);
		free(w->g[l]);
		free(w->c[l]);
		free(w->hn[l]);
	}
	free(w->ws), free(w->flat), free(w->mask), free(w->logits), free(w->prob);
	free(w->dflat), free(w->dh), free(w->dx), free(w->grad);
	memset(w, 0, sizeof *w);
}

/* the parameters of recurrent layer l */
static void
layer_params(const struct model *m, real *base, int l, real **wx, real **wh, real **b)
{
	int F = l ? m->units : m->F, H = m->units, k = gates(m);

	*wx = base + m->off[l];
	*wh = *wx + (size_t)F * k * H;
	*b = *wh + (size_t)H * k * H;
}

/*
 * x (B,T*F) frames -> w->prob (B,C). Dropout on the dense input when r is set and the
 * model has some; w->mask then holds it for model_backward (w->mask[0] < 0 means none).
 */
void
model_forward(const struct model *m, struct model_work *w, const float *x, int B, struct rng *r)
{
	int T = m->T, F = m->F, H = m->units, L = m->layers, C = m->C;
	size_t BH = (size_t)B * H, K = model_k(m);
	const real *in = x;	/* (B,1,F) is already (1,B,F) */
	real *wx, *wh, *b;

	if (T > 1) {		/* (B,T,F) -> (T,B,F) */
		for (int bb = 0; bb < B; bb++)
			for (int t = 0; t < T; t++)
				memcpy(w->x + ((size_t)t * B + bb) * F, x + ((size_t)bb * T + t) * F,
				    F * sizeof *x);
		in = w->x;
	}
	w->in = in;
	for (int l = 0; l < L; l++) {
		int fin = l ? H : F;
		layer_params(m, m->param, l, &wx, &wh, &b);
		if (m->cell == CELL_LSTM)
			lstm_forward(w->h[l], w->c[l], w->g[l], w->ws, in, wx, wh, b, T, B, fin, H);
		else
			gru_forward(w->h[l], w->g[l], w->hn[l], w->ws, in, wx, wh, b, T, B, fin, H);
		in = w->h[l] + BH;
	}
	/* Flatten (B,T*H) as Keras: frame-major, step, unit; or the last state (B,H) */
	const real *hl = w->h[L - 1];
	if (m->seq) {
		for (int t = 0; t < T; t++)
			for (int bb = 0; bb < B; bb++)
				memcpy(w->flat + bb * K + (size_t)t * H, hl + (t + 1) * BH + (size_t)bb * H,
				    H * sizeof *w->flat);
	} else
		memcpy(w->flat, hl + T * BH, BH * sizeof *w->flat);
	w->mask[0] = -1;
	if (r && m->dropout > 0)
		dropout_forward(w->flat, w->mask, B * K, m->dropout, r);
	real *dw = m->param + m->off[L];
	dense_forward(w->logits, w->flat, dw, dw + K * C, B, (int)K, C);
	softmax_xent_forward(w->prob, w->logits, NULL, B, C);
}

double
model_loss(const struct model *m, struct model_work *w, const int *y, int B)
{
	double loss = 0;

	for (int i = 0; i < B; i++) {
		const real *l = w->logits + (size_t)i * m->C;
		double mx = l[0], s = 0;
		for (int j = 1; j < m->C; j++)
			mx = l[j] > mx ? l[j] : mx;
		for (int j = 0; j < m->C; j++)
			s += exp(l[j] - mx);
		loss += log(s) - (l[y[i]] - mx);
	}
	return loss;
}

/* w->grad = gradient of the mean cross-entropy of the last model_forward */
void
model_backward(const struct model *m, struct model_work *w, const int *y, int B)
{
	int T = m->T, F = m->F, H = m->units, L = m->layers, C = m->C;
	size_t BH = (size_t)B * H, K = model_k(m);
	real *wx, *wh, *b, *dwx, *dwh, *db, *dh = w->dh, *dx = w->dx, *t;

	memset(w->grad, 0, m->nparam * sizeof *w->grad);
	/* logits are not needed any more: reuse them for dlogits */
	softmax_xent_backward(w->logits, w->prob, y, B, C, (real)1 / B);
	real *dw = m->param + m->off[L], *gdw = w->grad + m->off[L];
	dense_backward(w->dflat, gdw, gdw + K * C, w->logits, w->flat, dw, B, (int)K, C);
	if (w->mask[0] >= 0)
		dropout_backward(w->dflat, w->mask, B * K);
	if (m->seq) {
		for (int t = 0; t < T; t++)
			for (int bb = 0; bb < B; bb++)
				memcpy(dh + t * BH + (size_t)bb * H, w->dflat + bb * K + (size_t)t * H,
				    H * sizeof *dh);
	} else {
		memset(dh, 0, (T - 1) * BH * sizeof *dh);
		memcpy(dh + (T - 1) * BH, w->dflat, BH * sizeof *dh);
	}
	for (int l = L - 1; l >= 0; l--) {
		int fin = l ? H : F;
		const real *in = l ? w->h[l - 1] + BH : w->in;
		layer_params(m, m->param, l, &wx, &wh, &b);
		layer_params(m, w->grad, l, &dwx, &dwh, &db);
		if (m->cell == CELL_LSTM)
			lstm_backward(l ? dx : NULL, dwx, dwh, db, dh, w->g[l], w->h[l], w->c[l], in,
			    wx, wh, w->ws, T, B, fin, H);
		else
			gru_backward(l ? dx : NULL, dwx, dwh, db, dh, w->g[l], w->hn[l], w->ws,
			    w->h[l], in, wx, wh, T, B, fin, H);
		t = dh, dh = dx, dx = t;
	}
}

/* ---- file ---- */

uint64_t
fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

struct obuf {
	unsigned char *p;
	size_t n, cap;
};

static void
ob_put(struct obuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = add_size(b->cap * 2, n);
		b->p = ereallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
ob_u64(struct obuf *b, uint64_t v)
{
	unsigned char q[8];

	put_u64(q, v);
	ob_put(b, q, 8);
}

static void
ob_u32(struct obuf *b, uint32_t v)
{
	unsigned char q[4];

	put_u32(q, v);
	ob_put(b, q, 4);
}

static void
ob_f32(struct obuf *b, float f)
{
	uint32_t v;

	memcpy(&v, &f, 4);
	ob_u32(b, v);
}

static void
ob_f64(struct obuf *b, double f)
{
	uint64_t v;

	memcpy(&v, &f, 8);
	ob_u64(b, v);
}

static void
ob_str(struct obuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	ob_u32(b, (uint32_t)n);
	ob_put(b, s, n);
}

static void
ob_names(struct obuf *b, const struct names *t)
{
	ob_u32(b, (uint32_t)t->n);
	for (size_t i = 0; i < t->n; i++)
		ob_str(b, t->v[i]);
}

void
model_save(const struct model *m, const char *path)
{
	struct obuf b = {0};
	struct atomic_file af;

	ob_put(&b, MODEL_MAGIC, 8);
	ob_u32(&b, MODEL_VERSION);
	ob_u32(&b, m->cell), ob_u32(&b, m->units), ob_u32(&b, m->layers), ob_u32(&b, m->seq);
	ob_u32(&b, m->T), ob_u32(&b, m->F), ob_u32(&b, m->C);
	ob_f64(&b, m->dropout);
	ob_u64(&b, m->seed), ob_u32(&b, m->epochs), ob_u64(&b, m->nframes), ob_u64(&b, m->digest);
	ob_names(&b, &m->columns);
	ob_names(&b, &m->classes);
	ob_f64(&b, m->window), ob_f64(&b, m->hop);
	ob_u32(&b, m->has_inputs ? 1 : 0);
	ob_names(&b, &m->inputs);
	if (m->scaler) {
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		if (!fp || scale_save(m->scaler, fp) || fclose(fp))
			die("model: cannot format its scaler");
		ob_u32(&b, (uint32_t)len);
		ob_put(&b, text, len);
		free(text);
	} else
		ob_u32(&b, 0);
	ob_str(&b, m->history);
	ob_u64(&b, m->nparam);
	for (size_t i = 0; i < m->nparam; i++)
		ob_f32(&b, (float)m->param[i]);
	ob_u64(&b, fnv1a(FNV1A_INIT, b.p, b.n));
	atomic_open(&af, path);
	if (fwrite(b.p, 1, b.n, af.fp) != b.n)
		die_at(path, "write", "%s", strerror(errno));
	atomic_commit(&af);
	free(b.p);
}

struct ibuf {
	const unsigned char *p;
	size_t n, pos;
};

static int
ib_take(struct ibuf *b, void *dst, size_t n)
{
	if (n > b->n - b->pos)
		return -1;
	if (dst)
		memcpy(dst, b->p + b->pos, n);
	b->pos += n;
	return 0;
}

static int
ib_u32(struct ibuf *b, uint32_t *v)
{
	unsigned char q[4];

	if (ib_take(b, q, 4))
		return -1;
	*v = get_u32(q);
	return 0;
}

static int
ib_u64(struct ibuf *b, uint64_t *v)
{
	uint32_t lo, hi;

	if (ib_u32(b, &lo) || ib_u32(b, &hi))
		return -1;
	*v = lo | (uint64_t)hi << 32;
	return 0;
}

static int
ib_str(struct ibuf *b, char **s, const char *what, char *err, size_t n)
{
	uint32_t len;

	if (ib_u32(b, &len))
		return errf(err, n, "%s: truncated", what);
	if (len > TENSOR_MAXNAME * 16)
		return errf(err, n, "%s: length %u out of range", what, len);
	if (len > b->n - b->pos)
		return errf(err, n, "%s: truncated", what);
	*s = emalloc((size_t)len + 1);
	ib_take(b, *s, len);
	(*s)[len] = 0;
	if (memchr(*s, 0, len)) {
		free(*s);
		*s = NULL;
		return errf(err, n, "%s: contains a NUL byte", what);
	}
	return 0;
}

static int
ib_names(struct ibuf *b, struct names *t, uint32_t max, const char *what, char *err, size_t n)
{
	uint32_t cnt;
	char *s;

	if (ib_u32(b, &cnt))
		return errf(err, n, "%s: truncated", what);
	if (cnt > max)
		return errf(err, n, "%s: count %u out of range", what, cnt);
	if (cnt > (b->n - b->pos) / 4)
		return errf(err, n, "%s: truncated", what);
	for (uint32_t i = 0; i < cnt; i++) {
		if (ib_str(b, &s, what, err, n))
			return -1;
		names_add(t, s);
		free(s);
	}
	return 0;
}

static int
ib_f64(struct ibuf *b, double *v)
{
	uint64_t u;

	if (ib_u64(b, &u))
		return -1;
	memcpy(v, &u, 8);
	return 0;
}

/* The embedded scaler: eeg-scale's text, global, for frames of T*F values. */
static int
ib_scaler(struct model *m, struct ibuf *b, char *err, size_t n)
{
	uint32_t len;
	char why[256];
	FILE *fp;

	if (ib_u32(b, &len))
		return errf(err, n, "scaler: truncated");
	if (!len)
		return 0;
	if (len > b->n - b->pos)
		return errf(err, n, "scaler: truncated");
	m->scaler = ecalloc(1, sizeof *m->scaler);
	if (!(fp = fmemopen((void *)(b->p + b->pos), len, "r")))
		return errf(err, n, "scaler: %s", strerror(errno));
	int rc = scale_load(m->scaler, fp, why, sizeof why);
	fclose(fp);
	b->pos += len;
	if (rc) {
		free(m->scaler);
		m->scaler = NULL;
		return errf(err, n, "scaler: %s", why);
	}
	if (m->scaler->per_group)
		return errf(err, n, "scaler: per-group parameters (a model embeds a global scaler)");
	if (m->scaler->size != (size_t)m->T * m->F)
		return errf(err, n, "scaler: %zu values for input %dx%d", m->scaler->size, m->T, m->F);
	return 0;
}

static int
is_finite_or_zero(double v)
{
	return isfinite(v) && v >= 0 && v <= 1e12;
}

static int
parse(struct model *m, struct ibuf *b, char *err, size_t n)
{
	uint32_t ver, a[7];
	uint64_t v = 0, sum = 0;

	if (b->n < 8 || memcmp(b->p, MODEL_MAGIC, 8)) {
		const char *kind = tensor_file_kind(b->p, b->n < 16 ? b->n : 16);
		if (kind && strcmp(kind, "an eegpipe model (eeg-train -o)"))
			return errf(err, n, "header: %s, not a model (eeg-train -o writes one)", kind);
		return errf(err, n, "header: not an eegpipe model (bad magic)");
	}
	b->pos = 8;
	if (ib_u32(b, &ver))
		return errf(err, n, "header: truncated");
	if (ver != 1 && ver != MODEL_VERSION)
		return errf(err, n, "header: unsupported version %u (this reader knows 1 and %d)",
		    ver, MODEL_VERSION);
	for (int i = 0; i < 7; i++)
		if (ib_u32(b, &a[i]))
			return errf(err, n, "header: truncated");
	if (b->n - b->pos < 8 + 8 + 4 + 8 + 8)
		return errf(err, n, "header: truncated");
	for (int i = 0; i < 7; i++)
		if (a[i] > INT_MAX)
			return errf(err, n, "architecture: field %d out of range (%u)", i, a[i]);
	m->cell = a[0], m->units = a[1], m->layers = a[2], m->seq = a[3];
	m->T = a[4], m->F = a[5], m->C = a[6];
	ib_u64(b, &v);
	memcpy(&m->dropout, &v, 8);
	if (model_shape(m, err, n) < 0)
		return -1;
	ib_u64(b, &m->seed);
	ib_u32(b, &m->epochs);
	ib_u64(b, &m->nframes);
	ib_u64(b, &m->digest);
	if (ib_names(b, &m->columns, (uint32_t)((size_t)m->T * m->F), "columns", err, n))
		return -1;
	if (ib_names(b, &m->classes, (uint32_t)m->C, "classes", err, n))
		return -1;
	if (m->classes.n != (size_t)m->C)
		return errf(err, n, "classes: %zu names for %d classes", m->classes.n, m->C);
	if (ver == 1) {
		/* the f32 scaler slot of version 1: no tool ever filled it */
		uint32_t ns;
		if (ib_u32(b, &ns))
			return errf(err, n, "scaler: truncated");
		if (ns)
			return errf(err, n, "scaler: a version 1 scaler slot (%u values) is not "
			    "supported: train the model again", ns);
	} else {
		uint32_t flags;
		if (ib_f64(b, &m->window) || ib_f64(b, &m->hop) || ib_u32(b, &flags))
			return errf(err, n, "inputs: truncated");
		if (!is_finite_or_zero(m->window) || !is_finite_or_zero(m->hop))
			return errf(err, n, "inputs: window %g s, hop %g s out of range", m->window,
			    m->hop);
		if (flags > 1)
			return errf(err, n, "inputs: unknown flags 0x%x", flags);
		m->has_inputs = flags & 1;
		if (ib_names(b, &m->inputs, 1024, "inputs", err, n))
			return -1;
		for (size_t i = 0; i < m->inputs.n; i++)
			if (!model_input_key(m->inputs.v[i]))
				return errf(err, n, "inputs: line %zu is not an input key", i + 1);
		if (ib_scaler(m, b, err, n))
			return -1;
	}
	if (ib_str(b, &m->history, "history", err, n))
		return -1;
	if (ib_u64(b, &v))
		return errf(err, n, "weights: truncated");
	if (v != m->nparam)
		return errf(err, n, "weights: %llu parameters, architecture needs %zu",
		    (unsigned long long)v, m->nparam);
	if (m->nparam > (b->n - b->pos) / 4)
		return errf(err, n, "weights: truncated");
	m->param = emalloc(mul_size(m->nparam, sizeof *m->param));
	for (size_t i = 0; i < m->nparam; i++) {
		uint32_t u = 0;
		float f;
		ib_u32(b, &u);
		memcpy(&f, &u, 4);
		if (!isfinite(f))
			return errf(err, n, "weights: parameter %zu is not finite", i);
		m->param[i] = f;
	}
	size_t end = b->pos;
	if (ib_u64(b, &sum))
		return errf(err, n, "checksum: truncated");
	if (b->pos != b->n)
		return errf(err, n, "checksum: %zu bytes of trailing garbage", b->n - b->pos);
	if (sum != fnv1a(FNV1A_INIT, b->p, end))
		return errf(err, n, "checksum: mismatch (corrupt file)");
	return 0;
}

int
model_load(struct model *m, const char *path, char *err, size_t n)
{
	FILE *fp;
	struct stat st;
	unsigned char *p;
	struct ibuf b;
	int rc;

	memset(m, 0, sizeof *m);
	names_init(&m->columns);
	names_init(&m->classes);
	names_init(&m->inputs);
	if (!(fp = fopen(path, "rb")))
		return errf(err, n, "open: %s", strerror(errno));
	if (fstat(fileno(fp), &st) || !S_ISREG(st.st_mode)) {
		fclose(fp);
		return errf(err, n, "open: not a regular file");
	}
	if ((uint64_t)st.st_size > MODEL_MAXBYTES) {
		fclose(fp);
		return errf(err, n, "open: file too large (%lld bytes)", (long long)st.st_size);
	}
	p = emalloc((size_t)st.st_size + 1);
	size_t got = fread(p, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		fclose(fp);
		free(p);
		return errf(err, n, "read: %s", strerror(errno));
	}
	fclose(fp);
	b.p = p, b.n = got, b.pos = 0;
	rc = parse(m, &b, err, n);
	free(p);
	if (rc < 0)
		model_free(m);
	return rc;
}

void
model_info(const struct model *m, FILE *fp)
{
	fprintf(fp, "format: eegpipe model version %d\n", MODEL_VERSION);
	fprintf(fp, "cell: %s\n", model_cell_name(m->cell));
	fprintf(fp, "units: %d\n", m->units);
	fprintf(fp, "layers: %d\n", m->layers);
	fprintf(fp, "output: %s\n", m->seq ? "sequences (flattened)" : "last state");
	fprintf(fp, "dropout: %g\n", m->dropout);
	fprintf(fp, "input: %dx%d\n", m->T, m->F);
	fprintf(fp, "columns: %zu", m->columns.n);
	if (m->columns.n)
		fprintf(fp, " (%s .. %s)", m->columns.v[0], m->columns.v[m->columns.n - 1]);
	fprintf(fp, "\nclasses: %d", m->C);
	for (size_t i = 0; i < m->classes.n; i++)
		fprintf(fp, "%s%s", i ? "," : " ", m->classes.v[i]);
	fprintf(fp, "\nparameters: %zu\n", m->nparam);
	fprintf(fp, "flops per frame: %.0f\n", model_flops(m));
	if (m->window > 0)
		fprintf(fp, "input window: %g s, hop %g s\n", m->window, m->hop);
	else
		fprintf(fp, "input window: not recorded\n");
	if (!m->has_inputs)
		fprintf(fp, "input keys: not recorded\n");
	for (size_t i = 0; i < m->inputs.n; i++)
		fprintf(fp, "input key: %s\n", m->inputs.v[i]);
	if (m->scaler) {
		char rec[256];
		scale_record(m->scaler, rec, sizeof rec);
		fprintf(fp, "scaler: %s (%zu values, applied to every frame first)\n", rec,
		    m->scaler->size);
	} else
		fprintf(fp, "scaler: none\n");
	fprintf(fp, "seed: %llu\n", (unsigned long long)m->seed);
	fprintf(fp, "epochs: %u\n", m->epochs);
	fprintf(fp, "frames: %llu\n", (unsigned long long)m->nframes);
	fprintf(fp, "data digest: fnv1a64:%016llx\n", (unsigned long long)m->digest);
	fprintf(fp, "history: %s\n", m->history ? m->history : "");
}

double
model_flops(const struct model *m)
{
	/*
	 * Per step of a layer of F inputs and H units: the products x W and h U count 2 per
	 * multiply-add; adding them, the biases and the gate arithmetic 1 per operation, a
	 * sigmoid or tanh 1. LSTM: 8H(F+H) + 8H (sums, biases) + 4H (activations) + 3H
	 * (c = f c + i g) + 2H (h = o tanh c). GRU (reset after the product): 6H(F+H) + 6H
	 * (biases) + 2H (z) + 2H (r) + 3H (n) + 4H (h = z h + (1 - z) n). Then the dense layer
	 * 2KC + C, and the softmax 4C (max, exp, sum, divide).
	 */
	double H = m->units, T = m->T, C = m->C, K = (double)model_k(m), f = 0;
	int k = gates(m);

	for (int l = 0; l < m->layers; l++) {
		double F = l ? H : m->F;
		f += T * (2 * k * H * (F + H) + 17 * H);
	}
	return f + 2 * K * C + C + 4 * C;
}

/* the input keys a model records and checks (model.h) */
static const char *const input_keys[] = { "features", "profile", "layout", "scale", NULL };

int
model_input_key(const char *line)
{
	for (int i = 0; input_keys[i]; i++) {
		size_t k = strlen(input_keys[i]);
		if (!strncmp(line, input_keys[i], k) && line[k] == '=')
			return 1;
	}
	return 0;
}

void
model_record_inputs(struct model *m, const struct header *h, int drop_last_scale)
{
	long last = -1;

	names_free(&m->inputs);
	m->window = h->window, m->hop = h->hop;
	m->has_inputs = 0;
	for (size_t i = 0; i < h->meta.n; i++) {
		m->has_inputs |= !strncmp(h->meta.v[i], "history=", 8);
		if (!strncmp(h->meta.v[i], "scale=", 6))
			last = (long)i;
	}
	if (!m->has_inputs)
		return;	/* not made by eegpipe tools: nothing is known of it */
	for (size_t i = 0; i < h->meta.n; i++)
		if (model_input_key(h->meta.v[i]) && !(drop_last_scale && (long)i == last))
			names_add(&m->inputs, h->meta.v[i]);
}

/* "zscore global then zscore per-group": the kinds of the scale lines of t (none: "") */
static void
scalings(const struct names *t, char *buf, size_t n)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->n && off < n; i++) {
		const char *v = t->v[i] + 6, *sp;
		if (strncmp(t->v[i], "scale=", 6))
			continue;
		sp = strchr(v, ' ');
		sp = sp ? strchr(sp + 1, ' ') : NULL;
		off += snprintf(buf + off, n - off, "%s%.*s", off ? " then " : "",
		    (int)(sp ? (size_t)(sp - v) : strlen(v)), v);
	}
}

int
model_check(const struct model *m, const struct header *h, char *err, size_t n)
{
	char want[256], got[256];
	int warn = 0;

	if (m->window > 0 && h->window > 0 && fabs(m->window - h->window) > 1e-9 * m->window)
		return errf(err, n, "windows of %g s, the model was trained on windows of %g s",
		    h->window, m->window);
	if (!m->has_inputs)
		return 0;
	for (size_t i = 0; i < m->inputs.n; i++) {
		const char *line = m->inputs.v[i], *eq = strchr(line, '=');
		char key[32];
		if (!strncmp(line, "scale=", 6) || (size_t)(eq - line) >= sizeof key)
			continue;
		memcpy(key, line, eq - line);
		key[eq - line] = '\0';
		const char *v = header_meta_get(h, key);
		if (v && strcmp(v, eq + 1))
			return errf(err, n, "%s '%.100s', the model was trained on '%.100s'", key, v,
			    eq + 1);
		if (!v && !warn++)
			errf(err, n, "the stream does not say its %s; the model was trained on '%.100s'",
			    key, eq + 1);
	}
	scalings(&m->inputs, want, sizeof want);
	scalings(&h->meta, got, sizeof got);
	if (strcmp(want, got)) {
		if (!*got && strstr(want, "per-group"))
			return errf(err, n, "the frames are not scaled, the model was trained on %s "
			    "frames (calibrate each group on its own frames: eeg-scale -p)", want);
		if (!*got)
			return errf(err, n, "the frames are not scaled, the model was trained on %s "
			    "frames (scale them as its training frames were, or embed the scaler: "
			    "eeg-train --scaler)", want);
		if (!*want && m->scaler)
			return errf(err, n, "the frames are scaled (%s), but the model scales its input "
			    "itself: give it the unscaled features", got);
		if (!*want)
			return errf(err, n, "the frames are scaled (%s), the model was trained on "
			    "unscaled frames", got);
		return errf(err, n, "the frames are scaled %s, the model was trained on %s frames",
		    got, want);
	}
	if (warn)
		return 1;
	if (m->window > 0 && h->window <= 0) {
		errf(err, n, "the stream does not say its window; the model was trained on windows "
		    "of %g s", m->window);
		return 1;
	}
	if (m->hop > 0 && h->hop > 0 && fabs(m->hop - h->hop) > 1e-9 * m->hop) {
		errf(err, n, "a hop of %g s, the model was trained on a hop of %g s (the same "
		    "features at another rate)", h->hop, m->hop);
		return 1;
	}
	return 0;
}
