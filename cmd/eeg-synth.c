/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-synth: EEG-like demo recordings (Muse layout) as a tensor stream, Muse CSV or sound. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "synth.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "subjects", required_argument, NULL, 'S' },
	{ "sessions", required_argument, NULL, 'E' },
	{ "states", required_argument, NULL, 'T' },
	{ "seed", required_argument, NULL, 'x' },
	{ "line", required_argument, NULL, 'L' },
	{ "format", required_argument, NULL, 'f' },
	{ "realtime", no_argument, NULL, 'R' },
	{ "params", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 }
};
static const struct cli cli = {
	"usage: eeg-synth [-n seconds] [-r rate] [--subjects n] [--sessions n]\n"
	"                 [--states relaxed,neutral,concentrating] [--seed s] [--line 50|60|0]\n"
	"                 [--format tensor|muse|wav|flac|w64|aiff|au|caf] [--realtime]\n"
	"                 [-o file|dir]\n"
	"       eeg-synth --params [--subjects n] [--seed s]",
	"-n seconds\tlength of each recording (default 60)\n"
	"-r rate\tsamples per second, 100 to 100000 (default 256)\n"
	"    --subjects n\tsubjects, 1 to 702 (default 4)\n"
	"    --sessions n\trecordings per subject and state (default 2)\n"
	"    --states list\tthe states, in class order (default all three)\n"
	"    --seed s\tseed, a non-negative integer (default 1)\n"
	"    --line hz\tline noise at 50 Hz (default), 60 Hz or 0 for none\n"
	"    --format fmt\tthe output format (default: from -o's name, else tensor)\n"
	"    --realtime\tpace the output to the wall clock, as a live stream\n"
	"-o file|dir\twhere to write (default standard output)\n"
	"    --params\tprint the subjects' parameters and exit\n",
	"n:o:r:", longs,
};

enum kind { TENSOR, MUSE, SOUND };

static const struct format {
	const char *name, *ext;
	enum kind kind;
	int sf;
} formats[] = {
	{ "tensor", "eeg", TENSOR, 0 },
	{ "muse", "csv", MUSE, 0 },
	{ "csv", "csv", MUSE, 0 },
	{ "wav", "wav", SOUND, SF_FORMAT_WAV | SF_FORMAT_FLOAT },
	{ "flac", "flac", SOUND, SF_FORMAT_FLAC | SF_FORMAT_PCM_24 },
	{ "w64", "w64", SOUND, SF_FORMAT_W64 | SF_FORMAT_FLOAT },
	{ "aiff", "aiff", SOUND, SF_FORMAT_AIFF | SF_FORMAT_FLOAT },
	{ "au", "au", SOUND, SF_FORMAT_AU | SF_FORMAT_FLOAT },
	{ "caf", "caf", SOUND, SF_FORMAT_CAF | SF_FORMAT_FLOAT },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

#define SOUND_SCALE	1000.0	/* uV per unit of a sound sample: full scale is +-1 mV */
#define START_MS	1533000000000LL	/* first recording: 2018-07-31, like Bird's */
#define GAP_MS		60000LL	/* between recordings */

struct opts {
	double seconds, rate, line;
	long subjects, sessions;
	int states[SYNTH_NSTATES], nstates;
	uint64_t seed;
	const struct format *fmt;
	const char *out;	/* NULL = stdout */
	int to_dir, realtime, params;
};

/* One recording's place in the output. */
struct rec {
	int subject, state, label, session;	/* label: index of the state in --states */
	long long t0_ms, n;
};

/* --- pacing for --realtime: sleep until sample n is due on the monotonic clock --- */

static struct timespec pace_t0;

static void
pace(const struct opts *o, long long n, FILE *fp)
{
	struct timespec t;
	double s = n / o->rate;

	if (fflush(fp) == EOF)
		die_write(fp == stdout ? "stdout" : "output", errno);
	t.tv_sec = pace_t0.tv_sec + (time_t)s;
	t.tv_nsec = pace_t0.tv_nsec + (long)((s - floor(s)) * 1e9);
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR &&
	    !util_stopped())
		;
}

/* --- Muse CSV: "timestamps,TP9,AF7,AF8,TP10,Right AUX", ms times, 3-decimal uV --- */

/* Append "[-]int.fff" for v thousandths. */
static char *
put_milli(char *p, long long v)
{
	char tmp[24];
	int n = 0;
	unsigned long long a = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

	if (v < 0)
		*p++ = '-';
	for (int k = 0; k < 3; k++, a /= 10)
		tmp[n++] = '0' + a % 10;
	tmp[n++] = '.';
	do
		tmp[n++] = '0' + a % 10;
	while (a /= 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/*
 * The Muse ADC step is 1000/2048 uV: quantise to it, then round to thousandths half to
 * even, exactly as printf("%.3f") would print the quantised value.
 */
static long long
muse_milli(double uv)
{
	long long q = llround(uv * 2.048), num = q * 15625, a = num < 0 ? -num : num;
	long long t = a / 32, rem = a % 32;

	if (rem > 16 || (rem == 16 && (t & 1)))
		t++;
	return num < 0 ? -t : t;
}

static void
muse_header(FILE *fp)
{
	fputs("timestamps", fp);
	for (int c = 0; c < SYNTH_NCH; c++)
		fprintf(fp, ",%s", synth_channel_name[c]);
	fputc('\n', fp);
}

static void
muse_rows(FILE *fp, const struct opts *o, const struct rec *r, long long i0, const double *x,
    long n)
{
	char line[256], *p;

	for (long s = 0; s < n; s++, x += SYNTH_NCH) {
		long long ms = r->t0_ms + (long long)floor((i0 + s) * 1000.0 / o->rate + 0.5);
		p = put_milli(line, ms);
		for (int c = 0; c < SYNTH_NCH; c++) {
			*p++ = ',';
			p = put_milli(p, muse_milli(x[c]));
		}
		*p++ = '\n';
		fwrite(line, 1, p - line, fp);
	}
}

/* --- output files --- */

struct out {
	const char *name;	/* for messages */
	char *path;		/* own, when a file */
	FILE *fp;
	struct atomic_file af;
	int atomic;
	SNDFILE *snd;
};

/* Open path for writing: atomically when it is (or will be) a regular file. */
static void
out_open(struct out *u, const char *path)
{
	struct stat st;

	memset(u, 0, sizeof *u);
	if (!path) {
		u->name = "stdout";
		u->fp = stdout;
		return;
	}
	u->path = estrdup(path);
	u->name = u->path;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (!(u->fp = fopen(path, "wb")))
			die_at(path, "open", "%s", strerror(errno));
		return;
	}
	atomic_open(&u->af, path);
	u->fp = u->af.fp;
	u->atomic = 1;
}

static void
out_close(struct out *u)
{
	if (u->fp == stdout) {
		if (fflush(stdout) == EOF || ferror(stdout))
			die_write("stdout", errno);
	} else if (u->atomic) {
		atomic_commit(&u->af);
	} else {
		eclose(u->fp, u->name);
	}
	free(u->path);
}

static void
sound_open(struct out *u, const struct opts *o, const struct rec *r)
{
	SF_INFO info = { 0 };
	char comment[256], subj[32];

	info.samplerate = (int)o->rate;
	info.channels = SYNTH_NCH;
	info.format = o->fmt->sf;
	if (!sf_format_check(&info))
		die_at(u->name, "open", "libsndfile cannot write %s at %d Hz", o->fmt->name,
		    info.samplerate);
	if (!(u->snd = sf_open_fd(fileno(u->fp), SFM_WRITE, &info, 0)))
		die_at(u->name, "open", "%s", sf_strerror(NULL));
	sf_command(u->snd, SFC_SET_CLIPPING, NULL, SF_TRUE);
	/* the PEAK chunk holds the time of writing: leave it out, same seed same bytes */
	sf_command(u->snd, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	synth_subject_name(subj, sizeof subj, r->subject);
	snprintf(comment, sizeof comment, "eeg-synth %s %s %d; channels TP9,AF7,AF8,TP10,Right AUX;"
	    " unit mV (1.0 = 1000 uV)", subj, synth_state_name[r->state], r->session);
	sf_set_string(u->snd, SF_STR_COMMENT, comment);
	sf_set_string(u->snd, SF_STR_SOFTWARE, "eeg-synth");
}

static void
sound_write(struct out *u, double *x, long n)
{
	for (long i = 0; i < n * SYNTH_NCH; i++)
		x[i] /= SOUND_SCALE;
	if (sf_writef_double(u->snd, x, n) != n) {
		if (errno == EPIPE)
			die_write(u->name, errno);
		die_at(u->name, "write", "%s", sf_strerror(u->snd));
	}
}

static void
sound_close(struct out *u)
{
	if (sf_close(u->snd))
		die_at(u->name, "close", "%s", sf_strerror(NULL));
	u->snd = NULL;
}

/* --- the run --- */

static void
make_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			die_at(dir, NULL, "not a directory");
		return;
	}
	if (mkdir(dir, 0777))
		die_at(dir, "mkdir", "%s", strerror(errno));
}

/* "subjecta alpha_hz=9.912 ...": the parameters a test or a reader may check. */
static void
params_line(char *buf, size_t n, int subject, uint64_t seed)
{
	struct synth_subject p;
	char name[32];

	synth_subject(&p, seed, subject);
	synth_subject_name(name, sizeof name, subject);
	snprintf(buf, n, "%s alpha_hz=%.3f alpha_uv=%.3f alpha_relaxed=%.3f alpha_conc=%.3f "
	    "beta_hz=%.3f beta_uv=%.3f beta_conc=%.3f theta_hz=%.3f theta_uv=%.3f bg_psd10=%.3f "
	    "bg_exp=%.3f blink_uv=%.3f eye_uv=%.3f muscle_uv=%.3f", name, p.alpha_hz, p.alpha_uv,
	    p.alpha_relaxed, p.alpha_conc, p.beta_hz, p.beta_uv, p.beta_conc, p.theta_hz,
	    p.theta_uv, p.bg_psd10, p.bg_exp, p.blink_uv, p.eye_uv, p.muscle_uv);
}

static void
tensor_header(struct header *h, const struct opts *o, int argc, char *argv[])
{
	uint32_t dim = SYNTH_NCH;
	char name[32];

	header_init(h);
	header_set_shape(h, 1, &dim);
	for (int c = 0; c < SYNTH_NCH; c++)
		names_add(&h->columns, synth_channel_name[c]);
	for (int k = 0; k < o->nstates; k++)
		names_add(&h->classes, synth_state_name[o->states[k]]);
	for (long s = 0; s < o->subjects; s++) {
		synth_subject_name(name, sizeof name, (int)s);
		names_add(&h->groups, name);
	}
	h->rate = o->rate;
	h->t0 = START_MS / 1000.0;	/* frame times count from the first recording's start */
	header_meta_add(h, "unit", "uV");
	for (long s = 0; s < o->subjects; s++) {
		char line[512];
		params_line(line, sizeof line, (int)s, o->seed);
		header_meta_add(h, "synth", line);
	}
	header_add_history(h, argc, argv);
}

/* Open the file of one recording (CSV or sound) and write its header. */
static void
rec_open(struct out *u, const struct opts *o, const struct rec *r)
{
	char name[32], *path = NULL;

	if (o->to_dir) {
		size_t len = strlen(o->out) + 80;
		synth_subject_name(name, sizeof name, r->subject);
		path = emalloc(len);
		snprintf(path, len, "%s/%s-%s-%d.%s", o->out, name, synth_state_name[r->state],
		    r->session, o->fmt->ext);
	}
	out_open(u, path ? path : o->out);
	free(path);
	if (o->fmt->kind == MUSE)
		muse_header(u->fp);
	else
		sound_open(u, o, r);
}

/* Generate one recording into u (its own file) or w (the shared tensor stream). */
static void
rec_write(struct out *u, struct writer *w, const struct opts *o, const struct rec *r,
    const struct synth_subject *p, double *x, long chunk, long long *done)
{
	struct synth g;
	float xf[SYNTH_NCH];

	synth_init(&g, p, r->state, r->session, o->rate, o->line);
	for (long long i = 0; i < r->n; i += chunk) {
		long m = r->n - i < chunk ? (long)(r->n - i) : chunk;
		synth_run(&g, x, m);
		if (o->fmt->kind == TENSOR) {
			for (long t = 0; t < m; t++) {
				struct frame f = { r->label, r->subject,
				    (r->t0_ms - START_MS) / 1000.0 + (i + t) / o->rate, xf };
				for (int c = 0; c < SYNTH_NCH; c++)
					xf[c] = (float)x[t * SYNTH_NCH + c];
				tensor_write(w, &f);
			}
		} else if (o->fmt->kind == MUSE) {
			muse_rows(u->fp, o, r, i, x, m);
			if (ferror(u->fp))
				die_write(u->name, errno);
		} else {
			sound_write(u, x, m);
		}
		*done += m;
		if (o->realtime)
			pace(o, *done, u->fp);
		if (util_stopped())
			return;	/* a stop signal: end the recording here */
	}
}

static void
run(const struct opts *o, int argc, char *argv[])
{
	long long n = llround(o->seconds * o->rate), done = 0, k = 0;
	long chunk = (long)ceil(o->rate / 16);
	double *x = emalloc(mul_size(chunk, SYNTH_NCH * sizeof *x));
	struct out u = { 0 };
	struct writer w;
	struct header h;

	if (n < 1)
		n = 1;
	if (o->to_dir)
		make_dir(o->out);
	if (o->fmt->kind == TENSOR) {
		out_open(&u, o->out);
		tensor_header(&h, o, argc, argv);
		tensor_writer(&w, u.fp, u.name, &h);
	}
	clock_gettime(CLOCK_MONOTONIC, &pace_t0);
	for (int s = 0; s < o->subjects && !util_stopped(); s++) {
		struct synth_subject p;

		synth_subject(&p, o->seed, s);
		for (int j = 0; j < o->nstates && !util_stopped(); j++)
			for (int e = 1; e <= o->sessions && !util_stopped(); e++, k++) {
				struct rec r = { s, o->states[j], j, e, START_MS +
				    k * ((long long)ceil(n * 1000.0 / o->rate) + GAP_MS), n };
				if (o->fmt->kind == TENSOR) {
					rec_write(&u, &w, o, &r, &p, x, chunk, &done);
					continue;
				}
				rec_open(&u, o, &r);
				rec_write(&u, NULL, o, &r, &p, x, chunk, &done);
				if (o->fmt->kind == SOUND)
					sound_close(&u);
				out_close(&u);
			}
	}
	if (o->fmt->kind == TENSOR) {
		writer_close(&w);
		header_free(&h);
		out_close(&u);
	}
	free(x);
}

static const struct format *
find_format(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

static const struct format *
format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return NULL;
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcmp(formats[i].ext, dot + 1))
			return &formats[i];
	return NULL;
}

static void
parse_states(struct opts *o, const char *arg)
{
	struct names t;

	names_init(&t);
	names_split(&t, arg, "--states");
	o->nstates = 0;
	for (size_t i = 0; i < t.n; i++) {
		int k;
		for (k = 0; k < SYNTH_NSTATES && strcmp(t.v[i], synth_state_name[k]); k++)
			;
		if (k == SYNTH_NSTATES)
			usage_error("--states: unknown state '%s' (relaxed, neutral, concentrating)",
			    t.v[i]);
		for (int j = 0; j < o->nstates; j++)
			if (o->states[j] == k)
				usage_error("--states: '%s' given twice", t.v[i]);
		o->states[o->nstates++] = k;
	}
	names_free(&t);
}

static void
parse_args(struct opts *o, int argc, char *argv[])
{
	const struct format *byext;
	long nrec;
	int ch;

	*o = (struct opts){ .seconds = 60, .rate = 256, .line = 50, .subjects = 4,
	    .sessions = 2, .states = { 0, 1, 2 }, .nstates = 3, .seed = 1 };
	while ((ch = cli_next(&cli, argc, argv)) != -1) {
		switch (ch) {
		case 'n': o->seconds = estrtod(optarg, "-n", 1e-3, 1e7); break;
		case 'r': o->rate = estrtod(optarg, "-r", 100, 100000); break;
		case 'o': o->out = strcmp(optarg, "-") ? optarg : NULL; break;
		case 'S': o->subjects = estrtol(optarg, "--subjects", 1, 26 * 27); break;
		case 'E': o->sessions = estrtol(optarg, "--sessions", 1, 1000); break;
		case 'T': parse_states(o, optarg); break;
		case 'x': o->seed = (uint64_t)estrtol(optarg, "--seed", 0, LONG_MAX); break;
		case 'L': o->line = estrtol(optarg, "--line", 0, 60);
			if (o->line != 0 && o->line != 50 && o->line != 60)
				usage_error("--line: %g Hz: want 50, 60 or 0", o->line);
			break;
		case 'f':
			if (!(o->fmt = find_format(optarg)))
				usage_error("--format: unknown format '%s'", optarg);
			break;
		case 'R': o->realtime = 1; break;
		case 'P': o->params = 1; break;
		}
	}
	if (optind != argc)
		usage_error("takes no operand, got '%s' (the output is -o FILE)", argv[optind]);
	if (o->line >= o->rate / 2)
		usage_error("--line %g Hz needs a rate above %g Hz", o->line, 2 * o->line);
	if (o->seconds * o->rate > 1e12)
		usage_error("-n %g s at %g Hz: too many samples", o->seconds, o->rate);
	nrec = o->subjects * o->sessions * o->nstates;
	byext = o->out ? format_of_path(o->out) : NULL;
	if (!o->fmt)
		o->fmt = byext ? byext : &formats[0];
	if (o->fmt->kind != TENSOR) {
		/* one file per recording in a directory, unless -o names one file (or stdout) */
		o->to_dir = o->out && !(byext && byext->kind == o->fmt->kind &&
		    !strcmp(byext->ext, o->fmt->ext));
		if (!o->to_dir && nrec > 1)
			usage_error("%ld recordings need -o DIR for --format %s (one file each)", nrec,
			    o->fmt->name);
		if (o->fmt->kind == SOUND && o->rate != floor(o->rate))
			usage_error("-r %g: sound files need a whole number of samples per second",
			    o->rate);
	}
}

int
main(int argc, char *argv[])
{
	struct opts o;

	util_init(argc, argv);
	parse_args(&o, argc, argv);
	if (o.realtime)
		util_stream();	/* a stop signal ends the recording where it is */
	if (o.params) {
		char line[512];
		for (long s = 0; s < o.subjects; s++) {
			params_line(line, sizeof line, (int)s, o.seed);
			puts(line);
		}
	} else {
		run(&o, argc, argv);
	}
	return finish(0);
}
