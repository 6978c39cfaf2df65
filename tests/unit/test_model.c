/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_model: the whole network against PyTorch (fixtures from
 * tests/ref/make_torch_fixtures.py: probabilities, loss, every parameter gradient and the
 * parameters after one Adam step, within 1e-5), then the model file: save/load round
 * trip, and one-line errors for truncated, corrupt and foreign files.
 */
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
	m.nscaler = 2;
	m.mean = emalloc(8), m.scale = emalloc(8);
	m.mean[0] = 1, m.mean[1] = 2, m.scale[0] = 3, m.scale[1] = 4;
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
	CHECK(m2.nscaler == 2 && m2.mean[1] == 2 && m2.scale[0] == 3, "scaler round trip");
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

int
main(void)
{
	parity("lstm_last");
	parity("lstm_seq");
	parity("gru_last");
	parity("gru_seq");
	file_roundtrip();
	CHECK_DONE();
}
