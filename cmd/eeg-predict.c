/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-predict: class probabilities of each frame of a tensor stream, from an eeg-train model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "threads", required_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "smooth", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-predict [--threads T] [--smooth K] [-v] MODEL [file]",
	"    --threads T\tthreads (default: the online CPUs)\n"
	"    --smooth K\teach frame's probabilities averaged with the K - 1 before it\n"
	"-v, --verbose\tat the end, the time per frame and the peak memory on standard error\n",
	"v", longs,
};

#define MAXSMOOTH	100000

static int verbose;
static int smooth_k = 1;	/* --smooth */
static double forward_seconds;	/* in model_forward, for -v */

#define MAXBATCH	256
#define BATCHBYTES	((size_t)256 << 20)	/* workspace budget when batching */

/*
 * Refuse a stream the model was not trained on: frame size, column names, and its input
 * record (window, features, scaling: model_check); warn where it may be intended.
 */
static void
check_input(const struct model *m, const struct reader *r)
{
	char shape[64], err[512];

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
	int rc = model_check(m, &r->h, err, sizeof err);
	if (rc < 0)
		die_at(r->name, "header", "%s", err);
	if (rc > 0)
		warnx("warning: %s: %s", r->name, err);
	if (m->scaler && scale_check(m->scaler, &r->h, err, sizeof err))
		die_at(r->name, "header", "the model's scaler: %s", err);
}

/* The model's own scaler, as eeg-scale --apply would scale the frame. */
static void
scale_frame(const struct model *m, float *x, const struct reader *r)
{
	long bad = scale_apply(m->scaler, 0, x);

	if (bad >= 0) {
		char where[64];
		snprintf(where, sizeof where, "frame %llu", (unsigned long long)r->nframes - 1);
		die_at(r->name, where, "value %ld: scaled by the model's scaler it is not a finite "
		    "f32", bad + 1);
	}
}

/* One stderr line for -v: the forward pass time per frame and the peak memory. */
static void
report(uint64_t frames, double total)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "%s: %llu frames, %.1f us per frame (model forward), %.3f s in all, "
	    "peak memory %.1f MiB\n", argv0, (unsigned long long)frames,
	    frames ? forward_seconds / (double)frames * 1e6 : 0.0, total,
	    ru.ru_maxrss / 1024.0);
}

/*
 * --smooth K: the mean of the class probabilities of the last K windows (fewer at the
 * start), restarted where windows do not continue each other: a change of group or of
 * t0 (the next part of a concatenation), a time that does not increase.
 */
struct smooth {
	int k, n, pos;		/* windows averaged at most, held, next slot */
	int C;
	float *p;		/* (k, C): the last k windows' probabilities, a ring */
	int32_t group;
	double t0, time;	/* of the last window */
};

/* p (C) in: this window's probabilities; out: the mean over the held windows. */
static void
smooth_frame(struct smooth *s, float *p, const struct frame *f, double t0)
{
	if (s->k <= 1)
		return;
	if (s->n && (f->group != s->group || t0 != s->t0 || f->time <= s->time))
		s->n = 0;
	s->group = f->group, s->t0 = t0, s->time = f->time;
	memcpy(s->p + (size_t)s->pos * s->C, p, s->C * sizeof *p);
	s->pos = (s->pos + 1) % s->k;
	if (s->n < s->k)
		s->n++;
	for (int j = 0; j < s->C; j++) {
		double sum = 0;
		for (int i = 0; i < s->n; i++)
			sum += s->p[(size_t)((s->pos - 1 - i + s->k) % s->k) * s->C + j];
		p[j] = (float)(sum / s->n);
	}
}

struct batch {
	int n, max;		/* frames held, capacity */
	double t0;		/* the t0 of the part its frames come from */
	struct smooth sm;
	float *x;
	struct frame *f;	/* label, group, time of each frame */
	float *out;		/* (max, C) */
};

static void
flush_batch(const struct model *m, struct model_work *w, struct batch *b, struct writer *wr,
    struct header *fol, const struct reader *r)
{
	if (!b->n)
		return;
	double t0 = util_clock(CLOCK_MONOTONIC);
	model_forward(m, w, b->x, b->n, NULL);
	forward_seconds += util_clock(CLOCK_MONOTONIC) - t0;
	for (size_t i = fol->groups.n; i < r->h.groups.n; i++)
		names_add(&fol->groups, r->h.groups.v[i]);
	fol->t0 = b->t0;	/* the writer restates the header when it changes */
	for (int i = 0; i < b->n; i++) {
		struct frame f = b->f[i];
		for (int j = 0; j < m->C; j++)
			b->out[j] = (float)w->prob[(size_t)i * m->C + j];
		smooth_frame(&b->sm, b->out, &f, b->t0);
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

	double t0 = util_clock(CLOCK_MONOTONIC);
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
	oh.window = r.h.window, oh.hop = r.h.hop, oh.t0 = r.h.t0;
	names_copy(&oh.meta, &r.h.meta);
	header_add_history(&oh, argc, argv);
	if (m.scaler) {	/* the frames the network saw were scaled so */
		char rec[256];
		scale_record(m.scaler, rec, sizeof rec);
		header_meta_add(&oh, "scale", rec);
	}
	header_init(&fol);
	names_copy(&fol.classes, &m.classes);
	names_copy(&fol.groups, &r.h.groups);
	fol.t0 = b.t0 = r.h.t0;
	b.sm = (struct smooth){ .k = smooth_k, .C = m.C };
	b.sm.p = emalloc(mul_size(mul_size(smooth_k, m.C), sizeof *b.sm.p));
	/* the header goes out with the first frames: an error before them leaves stdout empty */
	writer_defer(&wr, stdout, "stdout", &oh, &fol);

	while (tensor_read(&r, &f)) {
		if (b.n && r.h.t0 != b.t0)	/* the next part: a batch shares one t0 */
			flush_batch(&m, &w, &b, &wr, &fol, &r);
		b.t0 = r.h.t0;
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
		if (m.scaler)
			scale_frame(&m, x, &r);
		if (++b.n == b.max)
			flush_batch(&m, &w, &b, &wr, &fol, &r);
	}
	flush_batch(&m, &w, &b, &wr, &fol, &r);
	tensor_writer_end(&wr);
	if (verbose)
		report(r.nframes, util_clock(CLOCK_MONOTONIC) - t0);
	writer_close(&wr);
	reader_close(&r);
	header_free(&oh);
	header_free(&fol);
	model_work_free(&w, &m);
	model_free(&m);
	free(b.x), free(b.f), free(b.out), free(b.sm.p);
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
		else if (c == 'v')
			verbose = 1;
		else if (c == 's')
			smooth_k = (int)estrtol(optarg, "--smooth", 1, MAXSMOOTH);
	if (optind >= argc)
		usage_error("no MODEL given");
	if (optind + 2 < argc)
		usage_error("a MODEL and one input file, not %d operands", argc - optind);
	util_stream();
	predict(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL, argc, argv);
	return finish(0);
}
