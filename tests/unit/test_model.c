/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_model: the whole network against PyTorch (fixtures from
 * tests/ref/make_torch_fixtures.py: probabilities, loss, every parameter gradient and the
 * parameters after one Adam step, within 1e-5), then the model file: save/load round
 * trip (the input record and the embedded scaler too), a version 1 file still loads, and
 * one-line errors for truncated, corrupt and foreign files; FLOPs per frame by hand.
 */
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "model.h"
#include "optim.h"

#define TOL 1e-5

struct fixture {
	char cell[8];
	int T, B, F, H, L, seq, C;
	double lr;
	float *x;
	int *y;
	double *param, *prob, *loss, *grad, *param1;
	size_t nparam;
};

static double *
read_array(FILE *fp, const char *want, size_t *n)
{
	char name[32];
	size_t cnt;
	double *v;

	CHECK(fscanf(fp, "%31s %zu", name, &cnt) == 2 && !strcmp(name, want), "fixture: want %s", want);
	v = emalloc((cnt + 1) * sizeof *v);
	for (size_t i = 0; i < cnt; i++)
		CHECK(fscanf(fp, "%lf", &v[i]) == 1, "fixture: %s[%zu]", want, i);
	if (n)
		*n = cnt;
	return v;
}

static void
load_fixture(struct fixture *f, const char *name)
{
	char path[512], line[256];
	const char *top = getenv("EEG_TOP");
	FILE *fp;
	size_t n;
	double *v;

	snprintf(path, sizeof path, "%s/tests/data/torch/%s.txt", top ? top : ".", name);
	fp = fopen(path, "r");
	CHECK(fp != NULL, "open %s", path);
	CHECK(fgets(line, sizeof line, fp) && line[0] == '#', "fixture comment");
	CHECK(fscanf(fp, " config %7s %d %d %d %d %d %d %d", f->cell, &f->T, &f->B, &f->F,
	    &f->H, &f->L, &f->seq, &f->C) == 8, "fixture config");
	CHECK(fscanf(fp, " lr %lf", &f->lr) == 1, "fixture lr");
	v = read_array(fp, "x", &n);
	CHECK(n == (size_t)f->B * f->T * f->F, "x size");
	f->x = emalloc(n * sizeof *f->x);
	for (size_t i = 0; i < n; i++)
		f->x[i] = (float)v[i];
	free(v);
	v = read_array(fp, "y", &n);
	f->y = emalloc(n * sizeof *f->y);
	for (size_t i = 0; i < n; i++)
		f->y[i] = (int)v[i];
	free(v);
	f->param = read_array(fp, "param", &f->nparam);
	f->prob = read_array(fp, "prob", NULL);
	f->loss = read_array(fp, "loss", NULL);
	f->grad = read_array(fp, "grad", NULL);
	f->param1 = read_array(fp, "param1", NULL);
	fclose(fp);
}

static void
maxerr(const char *fx, const char *what, const real *a, const double *b, size_t n)
{
	double e = 0;

	for (size_t i = 0; i < n; i++) {
		double d = fabs(a[i] - b[i]);
		CHECK(d <= TOL, "%s %s[%zu]: %.9g vs torch %.9g", fx, what, i, a[i], b[i]);
		e = d > e ? d : e;
	}
	printf("parity %-10s %-7s %5zu values, max abs error %.3g\n", fx, what, n, e);
}

static void
parity(const char *name)
{
	struct fixture f;
	struct model m;
	struct model_work w;
	struct adam a;
	char err[256];

	load_fixture(&f, name);
	memset(&m, 0, sizeof m);
	m.cell = !strcmp(f.cell, "lstm") ? CELL_LSTM : CELL_GRU;
	m.units = f.H, m.layers = f.L, m.seq = f.seq, m.T = f.T, m.F = f.F, m.C = f.C;
	CHECK(model_shape(&m, err, sizeof err) == 0, "%s", err);
	CHECK(m.nparam == f.nparam, "%s: %zu parameters, fixture has %zu", name, m.nparam, f.nparam);
	m.param = emalloc(m.nparam * sizeof *m.param);
	for (size_t i = 0; i < m.nparam; i++)
		m.param[i] = (real)f.param[i];
	model_work_init(&w, &m, f.B, 1);
	model_forward(&m, &w, f.x, f.B, NULL);
	maxerr(name, "prob", w.prob, f.prob, (size_t)f.B * f.C);
	double loss = model_loss(&m, &w, f.y, f.B) / f.B;
	CHECK(fabs(loss - f.loss[0]) <= TOL, "%s loss %.9g vs %.9g", name, loss, f.loss[0]);
	model_backward(&m, &w, f.y, f.B);
	maxerr(name, "grad", w.grad, f.grad, m.nparam);
	adam_init(&a, m.nparam);
	adam_step(&a, m.param, w.grad, f.lr);
	maxerr(name, "adam", m.param, f.param1, m.nparam);
	adam_free(&a);
	model_work_free(&w, &m);
	model_free(&m);
	free(f.x), free(f.y), free(f.param), free(f.prob), free(f.loss), free(f.grad), free(f.param1);
}

static void
file_roundtrip(void)
{
	struct model m, m2;
	struct rng r;
	char err[256], path[] = "/tmp/test_model.XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0, "mkstemp");
	close(fd);
	memset(&m, 0, sizeof m);
	m.cell = CELL_GRU, m.units = 4, m.layers = 2, m.seq = 1, m.T = 3, m.F = 2, m.C = 2;
	m.dropout = 0.25;
	rng_seed(&r, 7);
	model_init(&m, &r);
	names_add(&m.classes, "a");
	names_add(&m.classes, "b");
	names_add(&m.columns, "c1");
	names_add(&m.columns, "c2");
	/* a global scaler for frames of 3x2 values, and the input record */
	struct header h;
	uint32_t dims[2] = { 3, 2 };
	const float X[] = { 1, 2, 3, 4, 5, 6, 2, 2, 2, 2, 2, 9 };
	header_init(&h);
	header_set_shape(&h, 2, dims);
	header_meta_add(&h, "split", "train");
	m.scaler = ecalloc(1, sizeof *m.scaler);
	CHECK(scale_fit(m.scaler, SCALE_ZSCORE, &h, X, 2, NULL, err, sizeof err) == 0, "%s", err);
	h.window = 1.5, h.hop = 0.5;
	header_meta_add(&h, "history", "eeg-fft x.csv");
	header_meta_add(&h, "features", "band power");
	header_meta_add(&h, "scale", "zscore per-group train");
	header_meta_add(&h, "scale", "zscore global train");
	header_meta_add(&h, "group-note", "not an input key");
	names_init(&m.inputs);
	model_record_inputs(&m, &h, 1);
	CHECK(m.has_inputs && m.window == 1.5 && m.hop == 0.5, "record");
	CHECK(m.inputs.n == 2 && !strcmp(m.inputs.v[0], "features=band power") &&
	    !strcmp(m.inputs.v[1], "scale=zscore per-group train"), "the last scale line dropped");
	m.seed = 42, m.epochs = 3, m.nframes = 99, m.digest = 0x1234567890abcdefull;
	m.history = estrdup("eeg-train -o x");
	model_save(&m, path);
	CHECK(model_load(&m2, path, err, sizeof err) == 0, "load: %s", err);
	CHECK(m2.cell == m.cell && m2.units == 4 && m2.layers == 2 && m2.seq == 1 && m2.T == 3
	    && m2.F == 2 && m2.C == 2 && m2.dropout == 0.25, "architecture round trip");
	CHECK(m2.nparam == m.nparam && !memcmp(m2.param, m.param, m.nparam * sizeof *m.param),
	    "weights round trip");
	CHECK(m2.classes.n == 2 && !strcmp(m2.classes.v[1], "b") && m2.columns.n == 2
	    && !strcmp(m2.columns.v[0], "c1"), "names round trip");
	CHECK(m2.scaler && m2.scaler->size == 6 && !strcmp(m2.scaler->fit, "train") &&
	    !memcmp(m2.scaler->shift, m.scaler->shift, 6 * sizeof(double)) &&
	    !memcmp(m2.scaler->scale, m.scaler->scale, 6 * sizeof(double)), "scaler round trip");
	CHECK(m2.window == 1.5 && m2.hop == 0.5 && m2.has_inputs && m2.inputs.n == 2 &&
	    !strcmp(m2.inputs.v[1], "scale=zscore per-group train"), "input record round trip");

	/* model_check: what the stream must be */
	struct header q;
	header_init(&q);
	header_set_shape(&q, 2, dims);
	q.window = 1.5, q.hop = 0.5;
	header_meta_add(&q, "features", "band power");
	header_meta_add(&q, "scale", "zscore per-group test");
	CHECK(model_check(&m2, &q, err, sizeof err) == 0, "matching stream: %s", err);
	q.hop = 0.25;
	CHECK(model_check(&m2, &q, err, sizeof err) == 1 && strstr(err, "a hop of 0.25 s"), "hop: %s", err);
	q.window = 2;
	CHECK(model_check(&m2, &q, err, sizeof err) == -1 && strstr(err, "windows of 2 s"), "window: %s", err);
	q.window = 1.5;
	header_meta_add(&q, "scale", "zscore global train");
	CHECK(model_check(&m2, &q, err, sizeof err) == -1 &&
	    strstr(err, "scaled zscore per-group then zscore global, the model was trained on zscore per-group"),
	    "scaled twice: %s", err);
	header_free(&q);
	header_init(&q);
	header_set_shape(&q, 2, dims);
	header_meta_add(&q, "features", "spectra");
	CHECK(model_check(&m2, &q, err, sizeof err) == -1 && strstr(err, "features 'spectra'"), "%s", err);
	header_free(&q);
	header_init(&q);
	header_set_shape(&q, 2, dims);
	header_meta_add(&q, "scale", "zscore per-group test");
	CHECK(model_check(&m2, &q, err, sizeof err) == 1 && strstr(err, "does not say its features"),
	    "%s", err);
	header_free(&q);
	header_free(&h);
	CHECK(m2.seed == 42 && m2.epochs == 3 && m2.nframes == 99
	    && m2.digest == 0x1234567890abcdefull && !strcmp(m2.history, "eeg-train -o x"),
	    "provenance round trip");
	model_free(&m2);

	/* read the file, then damage copies of it */
	FILE *fp = fopen(path, "rb");
	unsigned char buf[8192];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	struct { const char *what; size_t len; int flip; const char *expect; } cases[] = {
		{"empty", 0, -1, "bad magic"},
		{"magic only", 8, -1, "header: truncated"},
		{"cut in names", 90, -1, "truncated"},
		{"cut in weights", n - 20, -1, "weights: truncated"},
		{"no checksum", n - 4, -1, "checksum: truncated"},
		{"flipped weight", n, (int)n - 16, "checksum: mismatch"},
		{"foreign", n, 0, "bad magic"},
		{"bad version", n, 8, "unsupported version"},
		{"huge units", n, 18, "units"},
		{"many units", n, 17, "too many parameters"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unsigned char b2[8192];
		memcpy(b2, buf, n);
		if (cases[i].flip >= 0)
			b2[cases[i].flip] ^= 0x40;
		fp = fopen(path, "wb");
		fwrite(b2, 1, cases[i].len, fp);
		fclose(fp);
		CHECK(model_load(&m2, path, err, sizeof err) < 0, "%s: loaded", cases[i].what);
		CHECK(strstr(err, cases[i].expect) && !strchr(err, '\n'), "%s: message '%s'",
		    cases[i].what, err);
		printf("bad model (%s): %s\n", cases[i].what, err);
	}
	unlink(path);
	model_free(&m);
}

/* A version 1 file (tests/data/v1.model, written before version 2) loads, without records. */
static void
version1(void)
{
	struct model m;
	char err[256], path[4096];
	const char *top = getenv("EEG_TOP");

	snprintf(path, sizeof path, "%s/tests/data/v1.model", top ? top : ".");
	CHECK(model_load(&m, path, err, sizeof err) == 0, "version 1: %s", err);
	CHECK(m.cell == CELL_GRU && m.units == 4 && m.T == 20 && m.F == 2 && m.C == 3 &&
	    !m.has_inputs && !m.inputs.n && !m.scaler && m.window == 0, "version 1 fields");
	model_free(&m);
}

/* FLOPs per frame, counted by hand for one LSTM and one two-layer GRU. */
static void
flops(void)
{
	struct model m;
	char err[256];

	memset(&m, 0, sizeof m);
	m.cell = CELL_LSTM, m.units = 50, m.layers = 1, m.T = 1, m.F = 1500, m.C = 3;
	CHECK(model_shape(&m, err, sizeof err) == 0, "%s", err);
	/* 1500 -> 4x50 gates: 2*1500*200 + 2*50*200 + 17*50; dense 2*50*3 + 3; softmax 12 */
	CHECK(model_flops(&m) == 2.0 * 1500 * 200 + 2.0 * 50 * 200 + 17 * 50 + 300 + 3 + 12,
	    "lstm flops %.0f", model_flops(&m));
	CHECK(m.nparam == 4 * 50 * (1500 + 50 + 1) + 50 * 3 + 3, "lstm parameters %zu", m.nparam);
	m.cell = CELL_GRU, m.units = 8, m.layers = 2, m.seq = 1, m.T = 10, m.F = 2, m.C = 4;
	CHECK(model_shape(&m, err, sizeof err) == 0, "%s", err);
	double layer1 = 10 * (2.0 * 2 * 24 + 2.0 * 8 * 24 + 17 * 8);
	double layer2 = 10 * (2.0 * 8 * 24 + 2.0 * 8 * 24 + 17 * 8);
	CHECK(model_flops(&m) == layer1 + layer2 + 2.0 * 80 * 4 + 4 + 16, "gru flops %.0f",
	    model_flops(&m));
	CHECK(m.nparam == 3 * 8 * (2 + 8 + 2) + 3 * 8 * (8 + 8 + 2) + 80 * 4 + 4, "gru parameters");
}

int
main(void)
{
	parity("lstm_last");
	parity("lstm_seq");
	parity("gru_last");
	parity("gru_seq");
	file_roundtrip();
	version1();
	flops();
	CHECK_DONE();
}
