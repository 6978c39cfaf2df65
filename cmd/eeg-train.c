/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-train: fit an LSTM or GRU classifier to a labelled tensor stream. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "optim.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "model", required_argument, NULL, 'm' },
	{ "units", required_argument, NULL, 'u' },
	{ "layers", required_argument, NULL, 'L' },
	{ "sequences", no_argument, NULL, 's' },
	{ "dropout", required_argument, NULL, 'd' },
	{ "reshape", required_argument, NULL, 'r' },
	{ "epochs", required_argument, NULL, 'e' },
	{ "batch", required_argument, NULL, 'b' },
	{ "lr", required_argument, NULL, 'l' },
	{ "lr-decay", required_argument, NULL, 'k' },
	{ "val", required_argument, NULL, 'v' },
	{ "checkpoint", required_argument, NULL, 'c' },
	{ "early-stop", required_argument, NULL, 'p' },
	{ "seed", required_argument, NULL, 'S' },
	{ "threads", required_argument, NULL, 't' },
	{ "history", required_argument, NULL, 'H' },
	{ "scaler", required_argument, NULL, 'z' },
	{ "info", required_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-train --model lstm|gru --units N [--layers L] [--sequences] [--dropout P]\n"
	"                 [--reshape TxF] [--epochs E] [--batch B] [--lr X] [--lr-decay K]\n"
	"                 [--val FILE] [--checkpoint best-val-acc] [--early-stop PATIENCE]\n"
	"                 [--seed S] [--threads T] [--history FILE] [--scaler PARAMS]\n"
	"                 -o MODEL [train-file]\n"
	"       eeg-train --info MODEL",
	"    --model lstm|gru\tthe recurrent cell\n"
	"    --units N\tunits of each recurrent layer\n"
	"    --layers L\tstacked recurrent layers (default 1)\n"
	"    --sequences\tthe dense layer sees every step, not the last state only\n"
	"    --dropout P\tdropout before the dense layer (default 0)\n"
	"    --reshape TxF\tread each frame as T steps of F features\n"
	"    --epochs E\tpasses over the training set (default 10)\n"
	"    --batch B\tmini-batch size (default 32)\n"
	"    --lr X\tAdam's learning rate (default 0.001)\n"
	"    --lr-decay K\tthe rate of epoch e is X*exp(-e/K)\n"
	"    --val FILE\ta validation stream, scored after each epoch\n"
	"    --checkpoint best-val-acc\tkeep the epoch of the best validation accuracy\n"
	"    --early-stop PATIENCE\tstop after PATIENCE epochs without a better one\n"
	"    --seed S\tseed of the weights, shuffling and dropout (default 1)\n"
	"    --threads T\tthreads (default: the online CPUs)\n"
	"    --history FILE\twrite the learning curve to FILE (tab-separated)\n"
	"    --scaler PARAMS\tthe model carries eeg-scale's global parameters and applies them\n"
	"-o MODEL\tthe model file to write\n"
	"    --info MODEL\tprint a model's header and exit\n",
	"o:", longs,
};

/* A labelled data set held in memory: n frames of size values. */
struct data {
	const char *name;
	size_t n, cap, size;
	float *x;
	int *y;
	struct header h;
};

/*
 * Read a whole stream. Labels are indices into `classes` (the training set's table):
 * for the training set the table is the stream's own; a validation set's names are
 * looked up in it.
 */
static void
read_data(struct data *d, const char *path, const struct names *classes, uint64_t *digest)
{
	struct reader r;
	struct frame f;

	memset(d, 0, sizeof *d);
	tensor_open(&r, path);
	d->name = r.name;
	d->size = r.h.size;
	while (tensor_read(&r, &f)) {
		char where[64];
		snprintf(where, sizeof where, "frame %llu", (unsigned long long)r.nframes - 1);
		if (f.label == TENSOR_NONE)
			die_at(r.name, where, "no label (eeg-train needs labelled frames)");
		int y = f.label;
		if (classes) {
			long k = names_find(classes, r.h.classes.v[f.label]);
			if (k < 0)
				die_at(r.name, where, "class '%s' is not in the training set",
				    r.h.classes.v[f.label]);
			y = (int)k;
		}
		for (size_t i = 0; i < d->size; i++)
			if (!isfinite(f.x[i]))
				die_at(r.name, where, "value %zu is not finite", i);
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 256;
			d->x = ereallocarray(d->x, mul_size(d->cap, d->size), sizeof *d->x);
			d->y = ereallocarray(d->y, d->cap, sizeof *d->y);
		}
		memcpy(d->x + d->n * d->size, f.x, d->size * sizeof *f.x);
		d->y[d->n++] = y;
		if (digest) {
			*digest = fnv1a(*digest, f.x, d->size * sizeof *f.x);
			*digest = fnv1a(*digest, r.h.classes.v[f.label], strlen(r.h.classes.v[f.label]) + 1);
		}
	}
	if (d->n == 0)
		die_at(r.name, NULL, "no frames");
	header_copy(&d->h, &r.h);
	reader_close(&r);
	if (r.fp != stdin)
		fclose(r.fp);
}

static void
data_free(struct data *d)
{
	free(d->x);
	free(d->y);
	header_free(&d->h);
}

struct opts {
	int cell, units, layers, seq, T, F, epochs, batch, threads, patience, checkpoint;
	double dropout, lr, decay;
	unsigned long long seed;
	const char *out, *val, *history, *train, *reshape_arg, *scaler;
};

/* Mean loss and accuracy of the model on a data set (no dropout). */
static void
evaluate(const struct model *m, struct model_work *w, const struct data *d, int bmax,
    double *loss, double *acc)
{
	double l = 0;
	size_t right = 0;

	for (size_t i = 0; i < d->n; i += bmax) {
		int B = d->n - i < (size_t)bmax ? (int)(d->n - i) : bmax;
		model_forward(m, w, d->x + i * d->size, B, NULL);
		l += model_loss(m, w, d->y + i, B);
		for (int b = 0; b < B; b++) {
			const real *p = w->prob + (size_t)b * m->C;
			int k = 0;
			for (int j = 1; j < m->C; j++)
				if (p[j] > p[k])
					k = j;
			right += k == d->y[i + b];
		}
	}
	*loss = l / d->n;
	*acc = (double)right / d->n;
}

static void
progress(int epoch, int epochs, size_t done, size_t total, double loss, double acc)
{
	int width = 30, k = (int)(width * done / total);

	fprintf(stderr, "\repoch %d/%d [", epoch, epochs);
	for (int i = 0; i < width; i++)
		fputc(i < k ? '=' : i == k ? '>' : ' ', stderr);
	fprintf(stderr, "] %zu/%zu loss %.4f acc %.4f ", done, total, loss, acc);
	fflush(stderr);
}

/* Peak memory of the process so far (maximum resident set), MiB. */
static double
peak_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

/*
 * The scaler the model carries (--scaler): global parameters fitted by eeg-scale, for the
 * training stream's layout. A stream whose last scale line is this scaler's was scaled
 * with it already and is used as it is; another is scaled now, as eeg-scale --apply would.
 */
static struct scaler *
load_scaler(const char *path, const struct data *d)
{
	struct scaler *s = ecalloc(1, sizeof *s);
	char err[512];
	FILE *fp = efopen_in(path);

	if (scale_load(s, fp, err, sizeof err))
		die_at(path, NULL, "%s", err);
	fclose(fp);
	if (s->per_group)
		die_at(path, NULL, "per-group parameters hold the training groups only: a model "
		    "carries a global scaler (calibrate each subject with eeg-scale -p instead)");
	if (scale_check(s, &d->h, err, sizeof err))
		die_at(d->name, path, "%s", err);
	return s;
}

/* 1 when d's frames were scaled with s already (its last scale line is s's). */
static int
scaled_with(const struct data *d, const struct scaler *s)
{
	char rec[256];
	const char *last = header_meta_get(&d->h, "scale");

	scale_record(s, rec, sizeof rec);
	return last && !strcmp(last, rec);
}

static void
scale_data(struct data *d, const struct scaler *s)
{
	for (size_t j = 0; j < d->n; j++) {
		long bad = scale_apply(s, 0, d->x + j * d->size);
		if (bad >= 0) {
			char where[64];
			snprintf(where, sizeof where, "frame %zu", j);
			die_at(d->name, where, "value %ld: scaled it is not a finite f32", bad + 1);
		}
	}
}

static void
diverged(int ep, const char *what, const char *out)
{
	if (ep)
		die("epoch %d: %s is not finite (%s holds the last good model)", ep + 1, what, out);
	die("epoch 1: %s is not finite (no model written)", what);
}

static void
shape_from(struct opts *o, const struct data *d, const char *reshape)
{
	if (reshape) {
		uint32_t dims[TENSOR_MAXDIMS];
		int nd;
		if (shape_parse(reshape, 0, &nd, dims) || nd != 2)
			usage_error("--reshape: want TxF, got '%s'", reshape);
		long t = dims[0], f = dims[1];
		if ((size_t)t * f != d->size)
			die_at(d->name, "header", "--reshape %ldx%ld needs %ld values per frame, frames have %zu",
			    t, f, t * f, d->size);
		o->T = (int)t, o->F = (int)f;
	} else if (d->h.ndim == 2) {
		o->T = d->h.dims[0], o->F = d->h.dims[1];
	} else if (d->h.ndim == 1) {
		o->T = 1, o->F = d->h.dims[0];
	} else
		die_at(d->name, "header", "frames of %d dimensions: use --reshape TxF", d->h.ndim);
}

static void
train(struct opts *o, int argc, char *argv[])
{
	struct data tr, va;
	struct model m;
	struct model_work w;
	struct adam adam;
	struct rng rinit, rshuf, rdrop;
	uint64_t digest = FNV1A_INIT;
	FILE *hist = NULL;
	double best = -1, t_start = util_clock(CLOCK_MONOTONIC), t_epochs = 0;
	int since = 0, tty = isatty(2), best_epoch = 0, ran = 0;
	char err[512];
	struct scaler *own = NULL;
	int prescaled = 0;

	/* fail now, not after the first epoch, when the model cannot be written */
	struct atomic_file af;
	atomic_open(&af, o->out);
	atomic_abort(&af);
	read_data(&tr, o->train, NULL, &digest);
	if (tr.h.classes.n < 2)
		die_at(tr.name, NULL, "%zu class%s: need at least 2", tr.h.classes.n,
		    tr.h.classes.n == 1 ? "" : "es");
	if (o->val) {
		read_data(&va, o->val, &tr.h.classes, NULL);
		if (va.size != tr.size)
			die_at(va.name, "header", "%zu values per frame, the training set has %zu",
			    va.size, tr.size);
	}
	if (o->scaler) {
		own = load_scaler(o->scaler, &tr);
		if (!(prescaled = scaled_with(&tr, own)))
			scale_data(&tr, own);
		if (o->val && !scaled_with(&va, own))
			scale_data(&va, own);
	}
	memset(&m, 0, sizeof m);
	m.cell = o->cell, m.units = o->units, m.layers = o->layers, m.seq = o->seq;
	shape_from(o, &tr, o->reshape_arg);
	m.T = o->T, m.F = o->F, m.C = (int)tr.h.classes.n, m.dropout = o->dropout;
	if (model_shape(&m, err, sizeof err) < 0)
		die("%s", err);
	rng_seed(&rinit, o->seed);
	rng_seed(&rshuf, o->seed ^ 0x53687566666c65ull);
	rng_seed(&rdrop, o->seed ^ 0x44726f706f7574ull);
	model_init(&m, &rinit);
	names_copy(&m.columns, &tr.h.columns);
	names_copy(&m.classes, &tr.h.classes);
	names_init(&m.inputs);
	model_record_inputs(&m, &tr.h, prescaled);
	m.scaler = own;
	if (o->val && !own) {	/* a validation set scaled otherwise would mislead every epoch */
		int rc = model_check(&m, &va.h, err, sizeof err);
		if (rc < 0)
			die_at(va.name, "header", "%s", err);
		if (rc > 0)
			warnx("warning: %s: %s", va.name, err);
	}
	m.seed = o->seed, m.digest = digest, m.nframes = tr.n;
	m.history = util_cmdline(argc, argv);

	nn_threads = o->threads;
	openblas_set_num_threads(1);	/* nn splits the work itself (see nn.h) */
	model_work_init(&w, &m, o->batch, 1);
	adam_init(&adam, m.nparam);
	size_t *order = emalloc(tr.n * sizeof *order);
	for (size_t i = 0; i < tr.n; i++)
		order[i] = i;
	float *xb = emalloc(mul_size(mul_size(o->batch, tr.size), sizeof *xb));
	int *yb = emalloc(o->batch * sizeof *yb);
	if (o->history) {
		if (!(hist = fopen(o->history, "w")))
			die_at(o->history, "create", "%s", strerror(errno));
		fprintf(hist, "epoch\tloss\taccuracy\tval_loss\tval_accuracy\tlr\tseconds\tpeak_mib\n");
	}

	for (int ep = 0; ep < o->epochs; ep++) {
		double t0 = util_clock(CLOCK_MONOTONIC), lr = lr_schedule(o->lr, o->decay, ep), loss = 0;
		size_t right = 0, done = 0;

		rng_shuffle(&rshuf, order, tr.n);
		for (size_t i = 0; i < tr.n; i += o->batch) {
			int B = tr.n - i < (size_t)o->batch ? (int)(tr.n - i) : o->batch;
			for (int b = 0; b < B; b++) {
				memcpy(xb + (size_t)b * tr.size, tr.x + order[i + b] * tr.size,
				    tr.size * sizeof *xb);
				yb[b] = tr.y[order[i + b]];
			}
			model_forward(&m, &w, xb, B, &rdrop);
			double l = model_loss(&m, &w, yb, B);
			if (!isfinite(l))
				diverged(ep, "the loss", o->out);
			loss += l;
			for (int b = 0; b < B; b++) {
				const real *p = w.prob + (size_t)b * m.C;
				int k = 0;
				for (int j = 1; j < m.C; j++)
					if (p[j] > p[k])
						k = j;
				right += k == yb[b];
			}
			model_backward(&m, &w, yb, B);
			adam_step(&adam, m.param, w.grad, lr);
			done += B;
			if (tty)
				progress(ep + 1, o->epochs, done, tr.n, loss / done, (double)right / done);
		}
		for (size_t i = 0; i < m.nparam; i++)
			if (!isfinite(m.param[i]))
				diverged(ep, "a weight", o->out);
		double vl = NAN, vacc = NAN, secs;
		if (o->val)
			evaluate(&m, &w, &va, o->batch, &vl, &vacc);
		secs = util_clock(CLOCK_MONOTONIC) - t0;
		t_epochs += secs, ran++;
		if (tty)
			fputs("\r\033[K", stderr);
		/* one line per epoch; without a validation set there is nothing to say of one */
		fprintf(stderr, "epoch %d/%d loss %.4f acc %.4f", ep + 1, o->epochs, loss / tr.n,
		    (double)right / tr.n);
		if (o->val)
			fprintf(stderr, " val_loss %.4f val_acc %.4f", vl, vacc);
		fprintf(stderr, " lr %.3g %.1fs\n", lr, secs);
		if (hist) {
			char vls[32] = "", vas[32] = "";
			if (o->val) {
				snprintf(vls, sizeof vls, "%.6f", vl);
				snprintf(vas, sizeof vas, "%.6f", vacc);
			}
			fprintf(hist, "%d\t%.6f\t%.6f\t%s\t%s\t%.9g\t%.3f\t%.1f\n", ep + 1, loss / tr.n,
			    (double)right / tr.n, vls, vas, lr, secs, peak_mib());
			if (fflush(hist) || ferror(hist))	/* now, while errno says why */
				die_at(o->history, "write", "%s", strerror(errno ? errno : EIO));
		}
		m.epochs = ep + 1;
		if (o->checkpoint || o->patience) {
			if (vacc > best) {
				best = vacc, since = 0, best_epoch = ep + 1;
				if (o->checkpoint)
					model_save(&m, o->out);
			} else if (o->patience && ++since >= o->patience) {
				fprintf(stderr, "%s: early stop: val_acc has not improved for %d epochs\n",
				    argv0, since);
				break;
			}
		}
		if (!o->checkpoint)
			model_save(&m, o->out);
	}
	/* the summary the study's table reads: epoch time and peak memory */
	fprintf(stderr, "%s: %d epoch%s in %.2f s (%.3f s per epoch), peak memory %.1f MiB",
	    argv0, ran, ran == 1 ? "" : "s", util_clock(CLOCK_MONOTONIC) - t_start, t_epochs / ran, peak_mib());
	if (o->checkpoint)
		fprintf(stderr, ", kept epoch %d (val_acc %.4f)", best_epoch, best);
	fputc('\n', stderr);
	if (hist)
		eclose(hist, o->history);
	free(order), free(xb), free(yb);
	data_free(&tr);
	if (o->val)
		data_free(&va);
	adam_free(&adam);
	model_work_free(&w, &m);
	model_free(&m);
}

/* online CPUs, at most NN_MAXTHREADS */
static int
default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > NN_MAXTHREADS ? NN_MAXTHREADS : (int)n;
}

static int
info(const char *path)
{
	struct model m;
	char err[512];

	if (model_load(&m, path, err, sizeof err) < 0)
		die("%s: %s", path, err);
	model_info(&m, stdout);
	model_free(&m);
	return finish(0);
}

int
main(int argc, char *argv[])
{
	struct opts o = {.layers = 1, .epochs = 10, .batch = 32, .lr = 1e-3, .seed = 1,
	    .threads = default_threads()};
	const char *infop = NULL;
	int c;

	util_init(argc, argv);
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'm':
			if (!strcmp(optarg, "lstm"))
				o.cell = CELL_LSTM;
			else if (!strcmp(optarg, "gru"))
				o.cell = CELL_GRU;
			else
				usage_error("--model: want lstm or gru, got '%s'", optarg);
			break;
		case 'u': o.units = (int)estrtol(optarg, "--units", 1, MODEL_MAXUNITS); break;
		case 'L': o.layers = (int)estrtol(optarg, "--layers", 1, MODEL_MAXLAYERS); break;
		case 's': o.seq = 1; break;
		case 'd': o.dropout = estrtod(optarg, "--dropout", 0, 0.99); break;
		case 'r': o.reshape_arg = optarg; break;
		case 'e': o.epochs = (int)estrtol(optarg, "--epochs", 1, 1000000); break;
		case 'b': o.batch = (int)estrtol(optarg, "--batch", 1, 1 << 20); break;
		case 'l': o.lr = estrtod(optarg, "--lr", 1e-12, 1e3); break;
		case 'k': o.decay = estrtod(optarg, "--lr-decay", 0, 1e12); break;
		case 'v': o.val = optarg; break;
		case 'c':
			if (strcmp(optarg, "best-val-acc"))
				usage_error("--checkpoint: only best-val-acc is known, got '%s'", optarg);
			o.checkpoint = 1;
			break;
		case 'p': o.patience = (int)estrtol(optarg, "--early-stop", 1, 1000000); break;
		case 'S': o.seed = (unsigned long long)estrtol(optarg, "--seed", 0, LONG_MAX); break;
		case 't': o.threads = (int)estrtol(optarg, "--threads", 1, NN_MAXTHREADS); break;
		case 'H': o.history = optarg; break;
		case 'z': o.scaler = optarg; break;
		case 'i': infop = optarg; break;
		case 'o': o.out = optarg; break;
		}
	}
	if (infop) {
		if (optind != argc)
			usage_error("--info takes no operand, got '%s'", argv[optind]);
		return info(infop);
	}
	if (!o.cell)
		usage_error("--model lstm|gru is needed");
	if (!o.units)
		usage_error("--units N is needed");
	if (!o.out)
		usage_error("-o MODEL is needed: the file to write the model to");
	if (optind + 1 < argc)
		usage_error("one training file, not %d", argc - optind);
	if ((o.checkpoint || o.patience) && !o.val)
		usage_error("--checkpoint and --early-stop need --val");
	o.train = optind < argc ? argv[optind] : NULL;
	train(&o, argc, argv);
	return finish(0);
}
