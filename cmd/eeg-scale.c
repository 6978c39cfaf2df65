/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-scale: standardize each value of a stream (z-score or min-max), fitted or from saved parameters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scale.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "fit", required_argument, NULL, 'f' },
	{ "apply", required_argument, NULL, 'a' },
	{ "method", required_argument, NULL, 'm' },
	{ "per-group", no_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-scale [-f PARAMS | -a PARAMS] [-m zscore|minmax] [-p] [file]",
	"-f, --fit PARAMS\tfit on the input, save the statistics to PARAMS, scale\n"
	"-a, --apply PARAMS\tscale with the statistics saved in PARAMS, frame by frame\n"
	"-m, --method zscore|minmax\tthe scaling (default zscore)\n"
	"-p, --per-group\tstatistics per group (subject, recording)\n",
	"f:a:m:p", longs,
};

/* Frames held for a second pass, in a temporary file: label, group, time, values. */
struct spool {
	FILE *fp;
	size_t size;
	uint64_t n;
};

static void
spool_open(struct spool *sp, size_t size)
{
	sp->size = size;
	sp->n = 0;
	if (!(sp->fp = tmpfile()))
		die_at("temporary file", "create", "%s", strerror(errno));
}

static void
spool_put(struct spool *sp, const struct frame *f)
{
	fwrite(&f->label, sizeof f->label, 1, sp->fp);
	fwrite(&f->group, sizeof f->group, 1, sp->fp);
	fwrite(&f->time, sizeof f->time, 1, sp->fp);
	if (fwrite(f->x, sizeof *f->x, sp->size, sp->fp) != sp->size)
		die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
	sp->n++;
}

static void
spool_rewind(struct spool *sp)
{
	if (fflush(sp->fp) || ferror(sp->fp))
		die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
	rewind(sp->fp);
}

static void
spool_get(struct spool *sp, struct frame *f)
{
	if (fread(&f->label, sizeof f->label, 1, sp->fp) != 1 ||
	    fread(&f->group, sizeof f->group, 1, sp->fp) != 1 ||
	    fread(&f->time, sizeof f->time, 1, sp->fp) != 1 ||
	    fread(f->x, sizeof *f->x, sp->size, sp->fp) != sp->size)
		die_at("temporary file", "read", "%s", ferror(sp->fp) ? strerror(errno) : "short read");
}

static long
no_set(const char *name, void *s)
{
	(void)name, (void)s;
	return -1;
}

static long
saved_set(const char *name, void *s)
{
	return scale_find(s, name);
}

/* The set of a frame: its group's, looked up by name as the group table grows (m holds a
 * set index, or -1, per stream group index). */
static size_t
set_of(struct scaler *s, struct names_map *m, const struct reader *r, const struct frame *f,
    int fitting, const char *params)
{
	char where[64];

	if (!s->per_group)
		return 0;
	snprintf(where, sizeof where, "frame %llu", (unsigned long long)(r->nframes - 1));
	if (f->group == TENSOR_NONE)
		die_at(r->name, where, "no group: --per-group needs every frame in a group");
	/* the header may name groups this stream has no frames of (the other side of a
	 * split): a fit makes a set for a group at its first frame, not before */
	names_map_sync(m, &r->h.groups, fitting ? no_set : saved_set, s);
	if (m->v[f->group] < 0 && fitting)
		m->v[f->group] = (long)scale_set(s, r->h.groups.v[f->group]);
	if (m->v[f->group] < 0)
		die_at(r->name, where, "group '%s' is not in %s: calibrate a new group on its own "
		    "frames (eeg-scale -p without --apply)", r->h.groups.v[f->group], params);
	return (size_t)m->v[f->group];
}

static void
scale_frame(const struct scaler *s, size_t k, struct frame *f, const char *name, uint64_t i,
    const struct header *h)
{
	long bad = scale_apply(s, k, f->x);
	char where[64];

	if (bad >= 0) {
		snprintf(where, sizeof where, "frame %llu", (unsigned long long)i);
		die_at(name, where, "value %ld%s%s%s: scaled value is not a finite f32", bad + 1,
		    h->columns.n ? " (" : "", header_column(h, (size_t)bad), h->columns.n ? ")" : "");
	}
}

/* Say in the header what this scaling was fit on, and how (eeg-tensor(5)). */
static void
add_record(struct header *oh, const struct scaler *s)
{
	char rec[256];

	scale_record(s, rec, sizeof rec);
	header_meta_add(oh, "scale", rec);
}

int
main(int argc, char *argv[])
{
	const char *fit = NULL, *apply = NULL, *in = NULL;
	int method = -1, per_group = 0, o;
	struct scaler s;
	struct names_map map = { 0 };
	struct reader r;
	struct writer w;
	struct header oh;
	struct frame f;
	char err[512];

	util_init(argc, argv);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		switch (o) {
		case 'f': fit = optarg; break;
		case 'a': apply = optarg; break;
		case 'm':
			if (!strcmp(optarg, "zscore"))
				method = SCALE_ZSCORE;
			else if (!strcmp(optarg, "minmax"))
				method = SCALE_MINMAX;
			else
				usage_error("--method: expected zscore or minmax, got '%s'", optarg);
			break;
		case 'p': per_group = 1; break;
		}
	}
	if (fit && apply)
		usage_error("--fit and --apply exclude each other");
	if (argc - optind > 1)
		usage_error("one input file, not %d", argc - optind);
	if (optind < argc)
		in = argv[optind];

	if (apply) {
		util_stream();	/* frame in, frame out: a stop signal ends the input */
		/* the parameters file decides; options given must agree with it */
		FILE *fp = efopen_in(apply);
		if (scale_load(&s, fp, err, sizeof err))
			die_at(apply, NULL, "%s", err);
		fclose(fp);
		if (method >= 0 && method != s.method)
			die_at(apply, NULL, "holds %s parameters, not %s", scale_method_names[s.method],
			    scale_method_names[method]);
		if (per_group && !s.per_group)
			die_at(apply, NULL, "holds one global set, not per-group parameters");
	}
	tensor_open(&r, in);
	if (apply && scale_check(&s, &r.h, err, sizeof err))
		die_at(r.name, apply, "%s", err);
	header_copy(&oh, &r.h);
	header_add_history(&oh, argc, argv);

	if (apply) {
		add_record(&oh, &s);
		/* streaming: one frame in, one frame out; the header goes out with the first
		 * good frame, so a bad first frame writes nothing */
		writer_defer(&w, stdout, "stdout", &oh, &r.h);
		while (tensor_read(&r, &f)) {
			size_t k = set_of(&s, &map, &r, &f, 0, apply);
			scale_frame(&s, k, &f, r.name, r.nframes - 1, &r.h);
			tensor_write(&w, &f);
		}
		tensor_writer_end(&w);
		return finish(0);
	}

	/* fit: statistics on a first pass while the frames are spooled, then scale them */
	struct spool sp;
	scale_init(&s, method < 0 ? SCALE_ZSCORE : method, per_group, &r.h);
	spool_open(&sp, r.h.size);
	while (tensor_read(&r, &f)) {
		size_t k = set_of(&s, &map, &r, &f, 1, NULL);
		scale_add(&s, k, f.x);
		spool_put(&sp, &f);
	}
	if (r.t0_varies)
		oh.t0 = 0;	/* parts of different t0 in one output: no absolute times */
	if (scale_fit_end(&s, err, sizeof err))
		die_at(r.name, NULL, "%s", err);
	free(s.fit);	/* a concatenation's later parts have been read by now */
	s.fit = scale_part(&r.h);
	add_record(&oh, &s);
	if (fit) {
		struct atomic_file af;
		atomic_open(&af, fit);
		if (scale_save(&s, af.fp))
			die_at(fit, "write", "%s", strerror(errno ? errno : EIO));
		atomic_commit(&af);
	}
	writer_defer(&w, stdout, "stdout", &oh, &r.h);
	spool_rewind(&sp);
	f.x = ereallocarray(NULL, r.h.size, sizeof *f.x);
	for (uint64_t i = 0; i < sp.n; i++) {
		spool_get(&sp, &f);
		scale_frame(&s, s.per_group ? (size_t)map.v[f.group] : 0, &f, r.name, i, &r.h);
		tensor_write(&w, &f);
	}
	tensor_writer_end(&w);
	fclose(sp.fp);
	return finish(0);
}
