/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-predict: class probabilities of each frame of a tensor stream, from an eeg-train model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "threads", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-predict [--threads T] MODEL [file]",
	"    --threads T\tthreads (default: the online CPUs)\n",
	"", longs,
};

#define MAXBATCH	256
#define BATCHBYTES	((size_t)256 << 20)	/* workspace budget when batching */

/* Refuse a stream the model was not trained on: frame size and column names. */
static void
check_input(const struct model *m, const struct reader *r)
{
	char shape[64];

	header_shape_str(&r->h, shape, sizeof shape);
	if (r->h.size != (size_t)m->T * m->F)
		die_at(r->name, "header", "frames are %s (%zu values), the model expects %dx%d",
		    shape, r->h.size, m->T, m->F);
	if (m->columns.n && r->h.columns.n) {
		if (m->columns.n != r->h.columns.n)
			die_at(r->name, "header", "%zu column names, the model expects %zu",
			    r->h.columns.n, m->columns.n);
		for (size_t i = 0; i < m->columns.n; i++)
			if (strcmp(m->columns.v[i], r->h.columns.v[i]))
				die_at(r->name, "header", "column %zu is '%s', the model expects '%s'",
				    i + 1, r->h.columns.v[i], m->columns.v[i]);
	}
}

/* (x - mean) / scale with the model's scaler: per value, or per feature of every step */
static void
scale_frame(const struct model *m, float *x)
{
	size_t n = (size_t)m->T * m->F;

	for (size_t i = 0; i < n; i++) {
		size_t k = m->nscaler == n ? i : i % m->F;
		x[i] = (x[i] - m->mean[k]) / m->scale[k];
	}
}

struct batch {
	int n, max, open;	/* frames held, capacity, output header written */
	const struct header *oh;
	float *x;
	struct frame *f;	/* label, group, time of each frame */
	float *out;		/* (max, C) */
};

static void
flush_batch(const struct model *m, struct model_work *w, struct batch *b, struct writer *wr,
    struct header *fol, const struct reader *r)
{
	/* the header goes out with the first frames: an error before them leaves stdout empty */
	if (!b->open) {
		tensor_writer(wr, stdout, "stdout", b->oh);
		wr->follow = fol;
		b->open = 1;
	}
	if (!b->n)
		return;
	model_forward(m, w, b->x, b->n, NULL);
	for (size_t i = fol->groups.n; i < r->h.groups.n; i++)
		names_add(&fol->groups, r->h.groups.v[i]);
	for (int i = 0; i < b->n; i++) {
		struct frame f = b->f[i];
		for (int j = 0; j < m->C; j++)
			b->out[j] = (float)w->prob[(size_t)i * m->C + j];
		f.x = b->out;
		tensor_write(wr, &f);
	}
	b->n = 0;
}

static void
predict(const char *mpath, const char *path, int argc, char *argv[])
{
	struct model m;
	struct model_work w;
	struct reader r;
	struct writer wr;
	struct header oh, fol;
	struct frame f;
	struct batch b;
	char err[512];
	int stream;

	if (model_load(&m, mpath, err, sizeof err) < 0)
		die("%s: %s", mpath, err);
	tensor_open(&r, path);
	check_input(&m, &r);
	stream = reader_live(&r);
	b.max = 1;
	if (!stream) {
		size_t per = model_work_bytes(&m, 0);
		b.max = per * MAXBATCH <= BATCHBYTES ? MAXBATCH : (int)(BATCHBYTES / per);
		b.max = b.max < 1 ? 1 : b.max;
	}
	b.n = 0;
	b.x = emalloc(mul_size(mul_size(b.max, r.h.size), sizeof *b.x));
	b.f = emalloc(b.max * sizeof *b.f);
	b.out = emalloc(m.C * sizeof *b.out);
	model_work_init(&w, &m, b.max, 0);

	header_init(&oh);
	uint32_t dim = m.C;
	header_set_shape(&oh, 1, &dim);
	for (int j = 0; j < m.C; j++) {
		char *s = emalloc(strlen(m.classes.v[j]) + 3);
		strcpy(s, "p_");
		strcat(s, m.classes.v[j]);
		names_add(&oh.columns, s);
		free(s);
	}
	names_copy(&oh.classes, &m.classes);
	names_copy(&oh.groups, &r.h.groups);
	oh.window = r.h.window, oh.hop = r.h.hop;
	names_copy(&oh.meta, &r.h.meta);
	header_add_history(&oh, argc, argv);
	header_init(&fol);
	names_copy(&fol.classes, &m.classes);
	names_copy(&fol.groups, &r.h.groups);
	b.oh = &oh;
	b.open = 0;

	while (tensor_read(&r, &f)) {
		struct frame *o = &b.f[b.n];
		o->label = TENSOR_NONE;
		if (f.label != TENSOR_NONE) {
			long k = names_find(&m.classes, r.h.classes.v[f.label]);
			if (k < 0) {
				char where[64];
				snprintf(where, sizeof where, "frame %llu", (unsigned long long)r.nframes - 1);
				die_at(r.name, where, "class '%s' is not one of the model's classes",
				    r.h.classes.v[f.label]);
			}
			o->label = (int32_t)k;
		}
		o->group = f.group;
		o->time = f.time;
		float *x = b.x + (size_t)b.n * r.h.size;
		memcpy(x, f.x, r.h.size * sizeof *x);
		if (m.nscaler)
			scale_frame(&m, x);
		if (++b.n == b.max) {
			flush_batch(&m, &w, &b, &wr, &fol, &r);
			if (stream && fflush(stdout))
				break;	/* finish() reports the error */
		}
	}
	flush_batch(&m, &w, &b, &wr, &fol, &r);
	writer_close(&wr);
	reader_close(&r);
	header_free(&oh);
	header_free(&fol);
	model_work_free(&w, &m);
	model_free(&m);
	free(b.x), free(b.f), free(b.out);
}

int
main(int argc, char *argv[])
{
	int c;

	util_init(argc, argv);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	nn_threads = ncpu < 1 ? 1 : ncpu > NN_MAXTHREADS ? NN_MAXTHREADS : (int)ncpu;
	openblas_set_num_threads(1);	/* nn splits the work itself (see nn.h) */
	while ((c = cli_next(&cli, argc, argv)) != -1)
		if (c == 't')
			nn_threads = (int)estrtol(optarg, "--threads", 1, NN_MAXTHREADS);
	if (optind >= argc)
		usage_error("no MODEL given");
	if (optind + 2 < argc)
		usage_error("a MODEL and one input file, not %d operands", argc - optind);
	predict(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL, argc, argv);
	return finish(0);
}
