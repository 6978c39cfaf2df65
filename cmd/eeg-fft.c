/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-fft: window raw multichannel EEG and compute spectral features (see eeg-fft(1)). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bird.h"
#include "fft.h"
#include "source.h"
#include "tensor.h"
#include "util.h"
#include "window.h"

#define CHUNK	4096		/* samples per source_read, at most (and SOURCE_BLOCK values) */
#define LOGFLOOR 1e-30		/* powers below are clipped before 10 log10 */
#define BIRD_MAXROWS (1L << 22)	/* samples in one bird2018 window */

static const char usage_text[] =
    "usage: eeg-fft [-w sec] [-s sec] [-l label] [-g group] [--channels list] [--names list]\n"
    "               [--window hann|hamming|rect] [--power | --log | --magnitude]\n"
    "               [--freq lo-hi] [--bands default|name:lo-hi,...] [--relative]\n"
    "               [--welch sec] [--steps n] [--profile bird2018|mindmonitor]\n"
    "               [--events list] [--trials tmin:tmax] [--drop list]\n"
    "               [--contact good|medium] [--format fmt] [--rate hz] [file ...]";
static const char options_text[] =
    "-w sec\twindow length in seconds (default 1)\n"
    "-s sec\thop between window starts (default half the window)\n"
    "-l label\tthe class of every frame (default: from a name like subject-state-N.csv)\n"
    "-g group\tthe group of every frame (default: likewise)\n"
    "    --channels list\tkeep these channels, in this order\n"
    "    --names list\tname the channels of a file that has no names\n"
    "    --window hann|hamming|rect\tthe taper (default hann)\n"
    "    --power\tpower spectral density (the default)\n"
    "    --log\t10 log10 of the power, in dB\n"
    "    --magnitude\tsquare root of the power\n"
    "    --freq lo-hi\tkeep the bins from lo to hi Hz\n"
    "    --bands default|name:lo-hi,...\tpower per band instead of bins\n"
    "    --relative\tband powers as shares of the total\n"
    "    --welch sec\taverage segments of sec seconds (Welch)\n"
    "    --steps n\tcut each window into n steps: frames of n x features\n"
    "    --profile bird2018\tthe features of Bird et al. (2018)\n"
    "    --profile mindmonitor\tthe band powers a Mind Monitor export recorded\n"
    "    --events list\tthe events that label windows, and their labels (T1=left,...)\n"
    "    --trials tmin:tmax\tone frame per event, from onset+tmin to onset+tmax s\n"
    "    --drop list\tleave out the windows that hold these events (blink,...)\n"
    "    --contact good|medium\tleave out the windows with worse electrode contact\n"
    "    --format fmt\tinput format: muse, mindmonitor, openbci, emotiv, csv, edf, ...\n"
    "    --rate hz\tthe sample rate, for files without one\n";

enum { SC_POWER, SC_LOG, SC_MAG };

static struct {
	double win, hop, welch, flo, fhi, rate, tmin, tmax;
	const char *label, *group, *channels, *names, *format, *bands_arg, *profile;
	int window, scale, relative, steps, bird, mm, fixed;	/* fixed: a spectral option */
	int win_set, trials, contact;
	struct band bands[FFT_MAXBANDS];
	int nbands;
	struct window_names select, drop;	/* --events, --drop */
} opt = {.win = 1, .fhi = -1, .window = FFT_HANN, .scale = SC_POWER, .steps = 1};

/* One input file and what its frames carry. */
struct input {
	const char *path;
	int32_t label, group;
};

/* The state of a run: the output and its header. */
static struct header hdr;
static struct writer wr;
static int wr_open;
static int nch_first = -1;
static int ninputs, nleft;	/* recordings given, those left out (no window fits) */
static char **chname_first;

/* Bird's file names: <subject>-<state>-<n>.<ext>, subject and state without '-'. */
static int
name_pattern(const char *path, char *subject, char *state, size_t n)
{
	const char *b = strrchr(path, '/'), *d1, *d2, *dot;

	b = b ? b + 1 : path;
	if (!(d1 = strchr(b, '-')) || !(d2 = strchr(d1 + 1, '-')))
		return -1;
	dot = strchr(d2 + 1, '.');
	if (!dot)
		dot = d2 + strlen(d2);
	if (d1 == b || d2 == d1 + 1 || dot == d2 + 1 || (size_t)(d1 - b) >= n ||
	    (size_t)(d2 - d1 - 1) >= n)
		return -1;
	for (const char *p = d2 + 1; p < dot; p++)
		if (*p < '0' || *p > '9')
			return -1;
	memcpy(subject, b, d1 - b);
	subject[d1 - b] = 0;
	memcpy(state, d1 + 1, d2 - d1 - 1);
	state[d2 - d1 - 1] = 0;
	return 0;
}

static void
parse_range(const char *s, double *lo, double *hi)
{
	char *e;

	*lo = strtod(s, &e);
	if (e == s || *e != '-')
		usage_error("--freq: want lo-hi, as in 1-45");
	s = e + 1;
	*hi = strtod(s, &e);
	if (e == s || *e || !isfinite(*lo) || !isfinite(*hi) || *lo < 0 || *hi < *lo)
		usage_error("--freq: want 0 <= lo <= hi, as in 1-45");
}

/* Seconds as a sample count at the source's rate, within what a window can hold. */
static int
samples(double sec, const struct source *s, const char *what)
{
	double n = sec * s->rate;

	if (!(n <= 1 << 24))
		die_at(s->name, "header", "a %s of %g s at %g Hz is %.0f samples: more than %d",
		    what, sec, s->rate, n, 1 << 24);
	return (int)lround(n);
}

/* The header of one input's frames: t0 is the time of its first sample (frame times
 * count from it), a Unix time when the source's are. */
static void
put_header(const struct input *in, const struct source *s, double t0, int has_t0)
{
	size_t nm = hdr.meta.n;

	header_meta_add(&hdr, "source", path_name(in->path));
	hdr.t0 = has_t0 && s->unix_time ? t0 : 0;
	if (wr_open)
		writer_close(&wr);
	tensor_writer(&wr, stdout, "stdout", &hdr);
	wr.follow = &hdr;	/* labels of a tensor input may add names as they come */
	wr_open = 1;
	names_truncate(&hdr.meta, nm);
}

/* Column names and shape for the channels of the first file. */
static void
make_header(const struct source *s, int nfeat, double df, int k0, int argc, char *argv[])
{
	char name[TENSOR_MAXNAME], buf[256];
	uint32_t dims[2];
	size_t chl = 0;
	int dec = 1;

	if (opt.bird) {
		dims[0] = 2 * BIRD_NFEAT;
		if (header_set_shape(&hdr, 1, dims))
			die("frame shape out of range");
		for (int ab = 0; ab < 2; ab++)
			for (int i = 0; i < BIRD_NFEAT; i++) {
				bird_name(i, name, sizeof name - 2);
				strcat(name, ab ? "_b" : "_a");
				names_add(&hdr.columns, name);
			}
	} else if (opt.mm) {
		dims[0] = (uint32_t)s->nch;
		if (header_set_shape(&hdr, 1, dims))
			die_at(s->name, "header", "%d channels is too many", s->nch);
		for (int c = 0; c < s->nch; c++)
			names_add(&hdr.columns, s->chname[c]);
	} else {
		dims[0] = opt.steps;
		dims[1] = (uint32_t)s->nch * nfeat;
		if (opt.steps > 1 ? header_set_shape(&hdr, 2, dims) :
		    header_set_shape(&hdr, 1, dims + 1))
			die_at(s->name, "header", "%d channels x %d features is too large",
			    s->nch, nfeat);
		/* enough decimals that bin names differ */
		while (dec < 4 && fabs(round(df * pow(10, dec)) - df * pow(10, dec)) > 1e-6)
			dec++;
		for (int c = 0; c < s->nch; c++)
			for (int j = 0; j < nfeat; j++) {
				if (opt.nbands)
					snprintf(name, sizeof name, "%.200s_%s", s->chname[c],
					    opt.bands[j].name);
				else
					snprintf(name, sizeof name, "%.200s_%.*fHz", s->chname[c], dec,
					    (k0 + j) * df);
				names_add(&hdr.columns, name);
			}
	}
	hdr.rate = s->rate;
	for (int c = 0; c < s->nch; c++)
		chl += strlen(s->chname[c]) + 1;
	{
		char *cl = emalloc(chl + 1), *p = cl;

		for (int c = 0; c < s->nch; c++)
			p += sprintf(p, "%s%s", c ? "," : "", s->chname[c]);
		header_meta_add(&hdr, "channels", cl);
		free(cl);
	}
	if (opt.mm) {
		/* Mind Monitor's band powers are of 256-sample (1 s) windows, one per row */
		hdr.window = 1;
		hdr.hop = 1 / s->rate;
		header_meta_add(&hdr, "profile", "mindmonitor");
		header_meta_add(&hdr, "features", "Mind Monitor absolute band power (log10), as "
		    "recorded, one frame per row");
	} else if (opt.bird) {
		hdr.window = 1.5;
		hdr.hop = 0.5;
		header_meta_add(&hdr, "profile", "bird2018");
		header_meta_add(&hdr, "features", "Bird et al. 2018 (emotions.csv): 1 s windows "
		    "every 0.5 s resampled to 150, window r (_a) and r+1 (_b)");
	} else {
		int n = (samples(opt.win, s, "window"), samples(opt.win / opt.steps, s, "window")) *
		    opt.steps;

		hdr.window = n / s->rate;
		hdr.hop = fmax(1, samples(opt.hop, s, "hop")) / s->rate;
		snprintf(buf, sizeof buf, "%s%s%s, %s window%s",
		    opt.relative ? "relative band power" : opt.nbands ? "band power" :
		    "power spectral density",
		    opt.scale == SC_LOG ? " in dB (10 log10)" : opt.scale == SC_MAG ?
		    " square root (amplitude)" : "", opt.relative ? "" :
		    opt.scale == SC_POWER ? (opt.nbands ? " (units^2)" : " (units^2/Hz)") : "",
		    fft_window_name(opt.window), opt.welch > 0 ? ", Welch average" : "");
		header_meta_add(&hdr, "features", buf);
		if (opt.steps > 1) {
			snprintf(buf, sizeof buf, "%d", opt.steps);
			header_meta_add(&hdr, "steps", buf);
		}
	}
	header_add_history(&hdr, argc, argv);
	nch_first = s->nch;
	chname_first = ecalloc(s->nch, sizeof(char *));
	for (int c = 0; c < s->nch; c++)
		chname_first[c] = estrdup(s->chname[c]);
}

static void
bird_check(const struct source *s)
{
	if (s->nch != BIRD_NCH)
		die_at(s->name, "header", "--profile bird2018 needs %d channels (TP9, AF7, AF8, "
		    "TP10, AUX), not %d", BIRD_NCH, s->nch);
}

/* Later files must have the first file's channels and rate. */
static void
check_same(const struct source *s)
{
	if (opt.bird)
		bird_check(s);
	if (s->nch != nch_first)
		die_at(s->name, "header", "%d channels, the first file has %d", s->nch, nch_first);
	for (int c = 0; c < s->nch; c++)
		if (strcmp(s->chname[c], chname_first[c]))
			die_at(s->name, "header", "channel %d is '%s', the first file has '%s'",
			    c + 1, s->chname[c], chname_first[c]);
	if (fabs(s->rate - hdr.rate) > 1e-9 * hdr.rate)
		die_at(s->name, "header", "sample rate %g, the first file has %g", s->rate,
		    hdr.rate);
}

/* --- spectra --- */

struct specrun {
	struct spec sp;
	struct window w;
	int n, sub, hop, nbin, k0, k1, nfeat;
	double *psd;
	float *out;
};

static void
spectra_setup(struct specrun *r, const struct source *s)
{
	int seg;

	samples(opt.win, s, "window");	/* the whole window first: sub * steps fits */
	r->sub = samples(opt.win / opt.steps, s, "window");
	r->n = r->sub * opt.steps;
	r->hop = samples(opt.hop, s, "hop");
	if (r->hop < 1)
		r->hop = 1;
	seg = opt.welch > 0 ? samples(opt.welch, s, "Welch segment") : r->sub;
	if (r->sub < 2)
		die_at(s->name, "header", "a window of %g s at %g Hz has fewer than 2 samples%s",
		    opt.win, s->rate, opt.steps > 1 ? " per step" : "");
	if (r->n > (1 << 24))
		die_at(s->name, "header", "a window of %g s at %g Hz is too long", opt.win,
		    s->rate);
	if (seg < 2 || seg > r->sub)
		die_at(s->name, "header", "Welch segment of %d samples does not fit a window "
		    "of %d", seg, r->sub);
	if (spec_init(&r->sp, r->sub, seg, s->rate, opt.window))
		die_at(s->name, "header", "cannot make spectra of %d samples", r->sub);
	r->nbin = r->sp.nbin;
	r->k0 = 0;
	r->k1 = r->nbin - 1;
	if (opt.fhi >= 0) {
		r->k0 = (int)ceil(opt.flo / r->sp.df - 1e-9);
		r->k1 = (int)floor(opt.fhi / r->sp.df + 1e-9);
		if (r->k1 > r->nbin - 1)
			r->k1 = r->nbin - 1;
		if (r->k0 > r->k1)
			die_at(s->name, "header", "no frequency bin in %g-%g Hz (bins every %g Hz "
			    "up to %g Hz)", opt.flo, opt.fhi, r->sp.df, (r->nbin - 1) * r->sp.df);
	}
	for (int j = 0; j < opt.nbands; j++)
		if (opt.bands[j].lo >= r->nbin * r->sp.df)
			die_at(s->name, "header", "band %s starts above the Nyquist frequency %g Hz",
			    opt.bands[j].name, s->rate / 2);
	r->nfeat = opt.nbands ? opt.nbands : r->k1 - r->k0 + 1;
	window_fixed(&r->w, s->nch, r->n, r->hop, s->gap);
	r->psd = ecalloc(r->nbin, sizeof(double));
	r->out = ecalloc((size_t)opt.steps * s->nch * r->nfeat, sizeof(float));
}

/* p[0..n-1] as --power, --log or --magnitude into o */
static void
scale_out(const double *p, int n, float *o)
{
	switch (opt.scale) {
	case SC_LOG:
		for (int i = 0; i < n; i++)
			o[i] = (float)(10 * log10(p[i] > LOGFLOOR ? p[i] : LOGFLOOR));
		break;
	case SC_MAG:
		for (int i = 0; i < n; i++)
			o[i] = (float)sqrt(p[i]);
		break;
	default:
		for (int i = 0; i < n; i++)
			o[i] = (float)p[i];
	}
}

static void
spectra_window(struct specrun *r, const struct source *s, const struct window_view *v,
    int32_t label, int32_t group, double t0)
{
	struct frame f;
	float *o = r->out;
	double lo = INFINITY, hi = 0;

	if (opt.relative)
		for (int j = 0; j < opt.nbands; j++) {
			lo = fmin(lo, opt.bands[j].lo);
			hi = fmax(hi, opt.bands[j].hi);
		}
	for (int c = 0; c < s->nch && opt.mm; c++)
		o[c] = (float)v->x[c * v->cs];
	for (int st = 0; st < opt.steps && !opt.mm; st++)
		for (int c = 0; c < s->nch; c++) {
			spec_psd(&r->sp, v->x + (size_t)st * r->sub * v->rs + c * v->cs, v->rs,
			    r->psd);
			if (!opt.nbands) {
				scale_out(r->psd + r->k0, r->nfeat, o);
				o += r->nfeat;
				continue;
			}
			double tot = opt.relative ? band_power(r->psd, r->nbin, r->sp.df, lo, hi) : 1;
			double bp[FFT_MAXBANDS];

			for (int j = 0; j < opt.nbands; j++) {
				bp[j] = band_power(r->psd, r->nbin, r->sp.df, opt.bands[j].lo,
				    opt.bands[j].hi);
				if (opt.relative)
					bp[j] = tot > 0 ? bp[j] / tot : 0;
			}
			scale_out(bp, opt.nbands, o);
			o += opt.nbands;
		}
	f.label = label;
	f.group = group;
	f.time = v->t[0] - t0;
	f.x = r->out;
	tensor_write(&wr, &f);
}

static struct specrun spr;
static struct window_marks marks;
static struct {
	long n, longest;	/* samples in the current stretch a window could use; the most */
	double tprev;
	int64_t tag;
} runs;

/* The events before the current window: the next one not passed, the last selected one
 * passed (-1: none). */
struct evcur {
	size_t next;
	long last;
};

/*
 * The event active at time tc (a window's centre), for labels from EDF+ annotations or
 * recorded markers: of the events --events selects, the last one with onset <= tc, while
 * tc < onset + duration; one without a duration holds until the next one's onset. Events
 * come in time order; the cursor only moves forward, as windows do. Returns the class
 * index, or fallback when none is active.
 */
static int32_t
event_label(const struct source *s, double tc, struct evcur *c, int32_t fallback)
{
	const struct source_event *a;

	for (; c->next < s->nevent && s->events[c->next].onset <= tc; c->next++)
		if (window_names_find(&opt.select, s->events[c->next].text))
			c->last = (long)c->next;
	if (c->last < 0)
		return fallback;
	a = &s->events[c->last];
	if (a->duration > 0 && tc >= a->onset + a->duration)
		return fallback;
	return (int32_t)names_intern(&hdr.classes, window_names_find(&opt.select, a->text));
}

/*
 * The label and group of sample i: -l/-g or the file name, else the sample's own (a
 * labelled tensor stream), mapped into the output header's tables.
 */
static void
sample_tags(const struct input *in, const struct source *s, long i, int32_t *label,
    int32_t *group)
{
	*label = in->label;
	*group = in->group;
	if (!s->label)
		return;
	if (!opt.label && s->label[i] != TENSOR_NONE)
		*label = (int32_t)names_intern(&hdr.classes, s->classes->v[s->label[i]]);
	if (!opt.group && s->group[i] != TENSOR_NONE)
		*group = (int32_t)names_intern(&hdr.groups, s->groups->v[s->group[i]]);
}

/* A sample's label and group as one window tag: a window never spans a change of it. */
static int64_t
tag_of(int32_t label, int32_t group)
{
	return (int64_t)((uint64_t)(uint32_t)label << 32 | (uint32_t)group);
}

/*
 * Samples wait here until the events that mark them are known: events arrive with the
 * samples at their onset, and a trial starting tmin < 0 s before its event needs them
 * |tmin| s early. x is (cap, nch); base holds the samples' label and group tags.
 */
struct lag {
	double *x, *t;
	unsigned char *q;
	int64_t *base, *tag;
	long cap, n;
};

/* Window, mark, and write the first m samples of the lag buffer. */
static void
spectra_take(const struct input *in, struct source *s, struct lag *L, long m, double t0,
    struct evcur *cur)
{
	struct specrun *r = &spr;
	struct window_view v;
	size_t nch = (size_t)s->nch;
	long used;

	window_marks(&marks, s->events, s->nevent, L->t, s->quality ? L->q : NULL, L->base,
	    L->tag, m);
	for (long i = 0; i < m; i++) {
		/* the longest stretch a window could use, for the message when none fits */
		if (L->tag[i] == WINDOW_DROP || (runs.n > 0 && (L->t[i] - runs.tprev > s->gap ||
		    L->tag[i] != runs.tag)))
			runs.n = 0;
		runs.n += L->tag[i] != WINDOW_DROP;
		runs.longest = runs.n > runs.longest ? runs.n : runs.longest;
		runs.tprev = L->t[i];
		runs.tag = L->tag[i];
	}
	for (long off = 0; off < m; off += used) {
		used = window_feed(&r->w, L->x + (size_t)off * nch, L->t + off, L->tag + off,
		    m - off);
		while (window_next(&r->w, &v)) {
			int32_t wl = (int32_t)(uint32_t)((uint64_t)v.tag >> 32);
			int32_t wg = (int32_t)(uint32_t)v.tag;
			if (opt.trials) {
				wl = opt.label ? in->label : (int32_t)names_intern(&hdr.classes,
				    window_marks_trial(&marks, (long)v.tag));
				wg = in->group;
			} else if (!opt.label)
				wl = event_label(s, (v.t[0] + v.t[v.n - 1]) / 2, cur, wl);
			spectra_window(r, s, &v, wl, wg, t0);
		}
	}
	L->n -= m;
	memmove(L->x, L->x + (size_t)m * nch, sizeof *L->x * nch * (size_t)L->n);
	memmove(L->t, L->t + m, sizeof *L->t * (size_t)L->n);
	memmove(L->q, L->q + m, (size_t)L->n);
	memmove(L->base, L->base + m, sizeof *L->base * (size_t)L->n);
}

static struct lag lag;	/* every file's: they have the same channels and rate */

static void
spectra_file(const struct input *in, struct source *s)
{
	struct specrun *r = &spr;
	struct lag *L = &lag;
	size_t nch = (size_t)s->nch;
	double t0 = 0, ahead = opt.trials && opt.tmin < 0 ? -opt.tmin : 0;
	long got, chunk = SOURCE_BLOCK / s->nch < CHUNK ? SOURCE_BLOCK / s->nch : CHUNK;
	int32_t l = in->label, g = in->group, rawl = -2, rawg = -2;
	struct evcur cur = { 0, -1 };

	if (opt.contact && !s->quality)
		die_at(s->name, "header", "--contact: this %s source says nothing of the "
		    "electrodes' contact (Mind Monitor and EmotivPRO exports do)", s->format);
	if (!L->cap) {	/* room for the look-ahead and a block */
		L->cap = (long)ceil(ahead * s->rate) + 2 + chunk;
		L->x = ecalloc((size_t)L->cap * nch, sizeof *L->x);
		L->t = ecalloc((size_t)L->cap, sizeof *L->t);
		L->q = ecalloc((size_t)L->cap, 1);
		L->base = ecalloc((size_t)L->cap, sizeof *L->base);
		L->tag = ecalloc((size_t)L->cap, sizeof *L->tag);
	}
	L->n = 0;
	window_reset(&r->w);
	window_marks_reset(&marks);
	marks.rate = s->rate;
	memset(&runs, 0, sizeof runs);
	r->w.gap = s->gap;	/* source_gap() */
	for (;;) {
		long m = L->n;

		if (L->cap - L->n < chunk)	/* never: the look-ahead is shorter */
			die_at(s->name, "sample", "%lld: the trial look-ahead overflows", s->nread);
		/* every reader refuses values that are not finite (source.h) */
		got = source_read_or_die(s, L->x + (size_t)L->n * nch, L->t + L->n, chunk);
		if (got > 0 && s->nread == got) {
			t0 = L->t[0];
			put_header(in, s, t0, 1);
		}
		for (long i = L->n; i < L->n + got; i++) {
			long k = i - L->n;
			if (s->label && (s->label[k] != rawl || s->group[k] != rawg)) {
				rawl = s->label[k];
				rawg = s->group[k];
				sample_tags(in, s, k, &l, &g);
			}
			L->base[i] = tag_of(l, g);
			L->q[i] = s->quality ? s->quality[k] : 0;
		}
		L->n += got;
		/* the samples whose events are known: all of them at the end */
		m = L->n;
		while (got > 0 && m > 0 && L->t[m - 1] > L->t[L->n - 1] - ahead)
			m--;
		spectra_take(in, s, L, m, t0, &cur);
		if (got == 0)
			break;
	}
	if (s->nread == 0)
		put_header(in, s, 0, 0);
	else if (r->w.k == 0) {
		/* say so rather than give nothing (a 1-s BDF, a 2-s window); one recording of
		 * several is left out with that line (a gap-ridden one among 24), a sole one
		 * is an error */
		char why[200];
		snprintf(why, sizeof why, "no %g-s window fits: its longest stretch without a "
		    "gap or a change of label%s is %g s", r->w.n / s->rate, opt.trials ||
		    opt.drop.n || opt.contact ? ", inside a trial or kept" : "",
		    (double)runs.longest / s->rate);
		if (ninputs == 1)
			die_at(s->name, "recording", "%s", why);
		warnx("%s: recording: %s; left out", s->name, why);
		nleft++;
	}
}

/* --- bird2018 --- */

static struct resampler rs;
static struct window bw;

/*
 * Bird's windows (lib/window.c), resampled to 150 rows, features, rows of two windows;
 * once the file's windows have ended the rest is not read. The windows that one block of
 * input completes have their features computed together (bird_features is faster so);
 * none waits for the next block.
 */
static struct {
	double y[BIRD_BATCH][BIRD_M * BIRD_NCH];	/* resampled windows k0 .. k0+n-1 */
	double f[BIRD_BATCH][BIRD_NFEAT];
	float x[BIRD_BATCH + 1][BIRD_NFEAT];	/* x[0]: window k0-1's features; x[1..n]
						 * (contiguous: a row is x[j], x[j+1]) */
	long k0;
	int n;
} bb;

/* The features of the windows waiting in bb, and the rows they complete. */
static void
bird_flush(const struct input *in)
{
	struct frame fr;

	bird_features(bb.y[0], bb.f[0], bb.n);
	fr.label = in->label;
	fr.group = in->group;
	for (int j = 0; j < bb.n; j++) {
		for (int i = 0; i < BIRD_NFEAT; i++)
			bb.x[j + 1][i] = (float)bb.f[j][i];
		if (bb.k0 + j == 0)
			continue;
		/* row r pairs window r (_a) with window r+1 (_b): x[j], x[j+1] side by side */
		fr.x = bb.x[j];
		fr.time = 0.5 * (double)(bb.k0 + j - 1);
		tensor_write(&wr, &fr);
	}
	memcpy(bb.x[0], bb.x[bb.n], sizeof bb.x[0]);
	bb.k0 += bb.n;
	bb.n = 0;
}

static void
bird_file(const struct input *in, struct source *s)
{
	static double x[CHUNK * BIRD_NCH], t[CHUNK];
	struct window_view v;
	long got, used;

	window_reset(&bw);
	bb.k0 = bb.n = 0;
	while (!window_done(&bw) && (got = source_read_or_die(s, x, t, CHUNK)) > 0) {
		if (s->nread == got)
			put_header(in, s, t[0], 1);
		for (long off = 0; off < got; off += used) {
			if ((used = window_feed(&bw, x + off * BIRD_NCH, t + off, NULL,
			    got - off)) < 0)
				die_at(s->name, "sample", "%lld: more than %ld samples in one second",
				    s->nread, BIRD_MAXROWS);
			while (window_next(&bw, &v)) {
				resample(&rs, v.x, (int)v.n, bb.y[bb.n++]);
				if (bb.n == BIRD_BATCH)
					bird_flush(in);
			}
			if (bb.n)
				bird_flush(in);
		}
	}
	if (s->nread == 0)
		put_header(in, s, 0, 0);
	else if (bw.k < 2)	/* say so rather than give nothing */
		die_at(s->name, "recording", "too short for --profile bird2018: %ld 1-s window%s "
		    "before its windows end (at the end, or a gap), and a row needs 2", bw.k,
		    bw.k == 1 ? "" : "s");
}

/* --- main --- */

static void
parse_options(int argc, char *argv[])
{
	enum { O_CHANNELS = 256, O_NAMES, O_WINDOW, O_POWER, O_LOG, O_MAG, O_FREQ, O_BANDS,
		O_RELATIVE, O_WELCH, O_STEPS, O_PROFILE, O_FORMAT, O_RATE, O_EVENTS, O_TRIALS,
		O_DROP, O_CONTACT };
	static const struct option lo[] = {
		{"channels", required_argument, NULL, O_CHANNELS},
		{"names", required_argument, NULL, O_NAMES},
		{"window", required_argument, NULL, O_WINDOW},
		{"power", no_argument, NULL, O_POWER},
		{"log", no_argument, NULL, O_LOG},
		{"magnitude", no_argument, NULL, O_MAG},
		{"freq", required_argument, NULL, O_FREQ},
		{"bands", required_argument, NULL, O_BANDS},
		{"relative", no_argument, NULL, O_RELATIVE},
		{"welch", required_argument, NULL, O_WELCH},
		{"steps", required_argument, NULL, O_STEPS},
		{"profile", required_argument, NULL, O_PROFILE},
		{"format", required_argument, NULL, O_FORMAT},
		{"rate", required_argument, NULL, O_RATE},
		{"events", required_argument, NULL, O_EVENTS},
		{"trials", required_argument, NULL, O_TRIALS},
		{"drop", required_argument, NULL, O_DROP},
		{"contact", required_argument, NULL, O_CONTACT},
		{NULL, 0, NULL, 0},
	};
	static const struct cli cli = { usage_text, options_text, "w:s:l:g:", lo };
	int c, nscale = 0, hop_set = 0;
	char err[256];

	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'w':
			opt.win = estrtod(optarg, "-w", 1e-6, 1e6);
			opt.fixed = opt.win_set = 1;
			break;
		case 's':
			opt.hop = estrtod(optarg, "-s", 1e-6, 1e6);
			hop_set = opt.fixed = 1;
			break;
		case 'l':
			opt.label = optarg;
			break;
		case 'g':
			opt.group = optarg;
			break;
		case O_CHANNELS:
			opt.channels = optarg;
			break;
		case O_NAMES:
			opt.names = optarg;
			break;
		case O_WINDOW:
			if ((opt.window = fft_window_parse(optarg)) < 0)
				usage_error("--window: want hann, hamming or rect");
			opt.fixed = 1;
			break;
		case O_POWER:
		case O_LOG:
		case O_MAG:
			opt.scale = c == O_POWER ? SC_POWER : c == O_LOG ? SC_LOG : SC_MAG;
			nscale++;
			opt.fixed = 1;
			break;
		case O_FREQ:
			parse_range(optarg, &opt.flo, &opt.fhi);
			opt.fixed = 1;
			break;
		case O_BANDS:
			opt.bands_arg = optarg;
			opt.fixed = 1;
			break;
		case O_RELATIVE:
			opt.relative = opt.fixed = 1;
			break;
		case O_WELCH:
			opt.welch = estrtod(optarg, "--welch", 1e-6, 1e6);
			opt.fixed = 1;
			break;
		case O_STEPS:
			opt.steps = (int)estrtol(optarg, "--steps", 1, 65536);
			opt.fixed = 1;
			break;
		case O_PROFILE:
			if (strcmp(optarg, "bird2018") && strcmp(optarg, "mindmonitor"))
				usage_error("--profile: want bird2018 or mindmonitor");
			opt.profile = optarg;
			opt.bird = !strcmp(optarg, "bird2018");
			opt.mm = !opt.bird;
			break;
		case O_EVENTS:
		case O_DROP:
			window_names_free(c == O_EVENTS ? &opt.select : &opt.drop);
			if (window_names_parse(c == O_EVENTS ? &opt.select : &opt.drop, optarg, err,
			    sizeof err))
				usage_error("%s: %s", c == O_EVENTS ? "--events" : "--drop", err);
			break;
		case O_TRIALS: {
			char *e;
			opt.tmin = strtod(optarg, &e);
			if (e == optarg || *e != ':')
				usage_error("--trials: want tmin:tmax in seconds, as in 0:4 or -0.5:1");
			opt.tmax = strtod(e + 1, &e);
			if (*e || !isfinite(opt.tmin) || !isfinite(opt.tmax) ||
			    !(opt.tmax > opt.tmin) || fabs(opt.tmin) > 1e6 || fabs(opt.tmax) > 1e6)
				usage_error("--trials: want tmin < tmax, as in 0:4 or -0.5:1");
			opt.trials = 1;
			break;
		}
		case O_CONTACT:
			if (!strcmp(optarg, "good"))
				opt.contact = SOURCE_GOOD;
			else if (!strcmp(optarg, "medium"))
				opt.contact = SOURCE_MEDIUM;
			else
				usage_error("--contact: want good or medium");
			break;
		case O_FORMAT:
			if (!source_known(optarg))
				usage_error("--format: unknown format '%s'", optarg);
			opt.format = optarg;
			break;
		case O_RATE:
			opt.rate = estrtod(optarg, "--rate", 1e-3, SOURCE_MAXRATE);
			break;
		}
	}
	if (nscale > 1)
		usage_error("--power, --log and --magnitude exclude each other");
	if (opt.format && !strcmp(opt.format, "raw") && (!opt.rate || !opt.names))
		usage_error("--format raw: headerless samples need --names (one per channel) and "
		    "--rate");
	if (opt.profile && (opt.fixed || opt.trials))
		usage_error("--profile %s fixes the windows and features: no -w, -s, --window, "
		    "--power/--log/--magnitude, --freq, --bands, --relative, --welch, --steps, "
		    "--trials", opt.profile);
	if (opt.bird && (opt.select.n || opt.drop.n || opt.contact))
		usage_error("--profile bird2018 takes every window: no --events, --drop, "
		    "--contact");
	if (opt.trials && !opt.win_set) {
		/* one frame per trial */
		opt.win = opt.tmax - opt.tmin;
		opt.hop = hop_set ? opt.hop : opt.win;
		hop_set = 1;
	}
	if (!hop_set)
		opt.hop = opt.win / 2;
	if (opt.bands_arg && strcmp(opt.bands_arg, "default")) {
		if ((opt.nbands = bands_parse(opt.bands_arg, opt.bands, err, sizeof err)) < 0)
			usage_error("--bands: %s", err);
	} else if (opt.bands_arg || opt.relative)
		opt.nbands = bands_default(opt.bands);
	if (opt.nbands && opt.fhi >= 0)
		usage_error("--freq selects bins, --bands sums them: give one");
}

/*
 * Open the first input and make the output header from it; check that every other file
 * (not standard input) has the same channels and rate before anything is written. Files
 * are opened again one at a time when their turn comes, so memory and descriptors do not
 * grow with their number.
 */
static struct source first;

static void
open_inputs(const struct input *in, int nin, const struct source_opts *so, int argc,
    char *argv[])
{
	source_open_or_die(&first, in[0].path, so);
	if (opt.bird) {
		bird_check(&first);
		make_header(&first, 0, 0, 0, argc, argv);
		resampler_init(&rs, BIRD_M, BIRD_NCH);
		window_bird(&bw, BIRD_NCH, 1.0, 0.5, 0.9, BIRD_MAXROWS);
	} else if (opt.mm) {
		window_fixed(&spr.w, first.nch, 1, 1, first.gap);	/* a frame per row */
		spr.out = ecalloc((size_t)first.nch, sizeof *spr.out);
		make_header(&first, 0, 0, 0, argc, argv);
	} else {
		spectra_setup(&spr, &first);
		make_header(&first, spr.nfeat, spr.sp.df, spr.k0, argc, argv);
	}
	marks.select = &opt.select;
	marks.drop = &opt.drop;
	marks.contact = opt.contact;
	marks.trials = opt.trials;
	marks.tmin = opt.tmin;
	marks.rate = first.rate;
	if (opt.trials)
		marks.tlen = samples(opt.tmax - opt.tmin, &first, "trial");
	for (int i = 1; i < nin; i++) {
		struct source s;

		if (!strcmp(in[i].path, "-"))
			continue;
		source_open_or_die(&s, in[i].path, so);
		check_same(&s);
		source_close(&s);
	}
}

/* The inputs, with labels and groups from -l/-g or from Bird's file name pattern. */
static struct input *
make_inputs(int argc, char *argv[], int *nin)
{
	struct input *in;
	char subject[256], state[256];

	*nin = argc - optind ? argc - optind : 1;
	in = ecalloc(*nin, sizeof *in);
	for (int i = 0; i < *nin; i++) {
		int named;

		in[i].path = optind < argc ? argv[optind + i] : "-";
		named = name_pattern(in[i].path, subject, state, sizeof subject) == 0;
		in[i].label = opt.label ? (int32_t)names_intern(&hdr.classes, opt.label) :
		    named ? (int32_t)names_intern(&hdr.classes, state) : TENSOR_NONE;
		in[i].group = opt.group ? (int32_t)names_intern(&hdr.groups, opt.group) :
		    named ? (int32_t)names_intern(&hdr.groups, subject) : TENSOR_NONE;
	}
	return in;
}

int
main(int argc, char *argv[])
{
	struct source_opts so = {0};
	struct source next, *s;
	struct input *in;
	int nin;

	util_init(argc, argv);
	parse_options(argc, argv);
	util_stream();
	header_init(&hdr);
	in = make_inputs(argc, argv, &nin);
	so.format = opt.mm && !opt.format ? "mindmonitor-bands" : opt.format;
	so.channels = opt.channels;
	so.names = opt.names;
	so.rate = opt.rate;
	so.aux = opt.bird;	/* its layout has the AUX channel; spectra leave it out */
	open_inputs(in, nin, &so, argc, argv);
	ninputs = nin;
	for (int i = 0; i < nin; i++) {
		s = i ? &next : &first;
		if (i) {
			source_open_or_die(s, in[i].path, &so);
			check_same(s);
		}
		(opt.bird ? bird_file : spectra_file)(&in[i], s);
		source_close(s);
	}
	if (nleft == nin)
		die("no window fits in any of the %d recordings", nin);
	if (wr_open)
		writer_close(&wr);
	free(in);
	return finish(0);
}
