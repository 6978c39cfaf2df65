/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * window: cut a stream of samples into analysis windows (eeg-fft's spectra, trials, and
 * Bird et al.'s 2018 layout). Memory is bounded: the buffer holds about one window.
 *
 * Fixed windows (window_fixed): n consecutive samples, one window every hop samples from
 * the first sample of a run (hop > n skips the samples between windows). A run ends at a
 * gap in time (a step between consecutive samples larger than gap seconds), at a change
 * of the samples' tag (a label and group, a trial), and at a sample tagged WINDOW_DROP,
 * which belongs to no window: a window never spans any of these, and the samples of a run
 * too short for one more window are dropped. The next run starts at the first sample after.
 *
 * Bird windows (window_bird): the rule of Bird et al.'s generator, by time. With t0 the
 * first sample's time, window k is [s, e) with s = t0 + hop k, e = s + len. Let A be the
 * first sample with t >= s and B the first with t >= e. The file's windows end (no window
 * k, nothing later: window_done) when A = B (an empty window) or t[B] - t[A] < minspan;
 * otherwise window k is the samples A .. B-1, however few: the span is measured to the
 * first sample at or after the window's end, so a window that runs into a gap counts with
 * the samples before it, and the first window that starts inside a long gap ends the file.
 * A window is complete only once B has been read: at the end of the input the window
 * without a B is not one. Tags and gaps do not apply.
 *
 * Use (x is (n, nch) row-major, t is (n) seconds, tag (n) or NULL):
 *	for (long off = 0; off < got; off += used) {
 *		if ((used = window_feed(&w, x + off * nch, t + off, tag, got - off)) < 0)
 *			... more than w.maxrows samples in one window
 *		while (window_next(&w, &v))
 *			... sample i of channel c at v.x[i * v.rs + c * v.cs]; v.t (v.n),
 *			    v.tag, v.k (the window's index)
 *	}
 * window_feed takes samples until a window is complete (or, for fixed windows, the end
 * of a run leaves windows to be taken); the views are valid until the next feed.
 *
 * Layout: a fixed window's buffer is channel-major, (nch, cap), so that each channel of a
 * view is contiguous for its FFT (v.rs 1, v.cs cap; feeding transposes the samples, a copy
 * made anyway); a Bird window's is row-major like its input (v.rs nch, v.cs 1), for the
 * resampler, which takes (n, nch).
 */
#ifndef EEG_WINDOW_H
#define EEG_WINDOW_H

#include <stddef.h>
#include <stdint.h>

struct source_event;

#define WINDOW_DROP	INT64_MIN	/* a sample's tag: in no window */

struct window_view {
	const double *x, *t;	/* sample i of channel c at x[i * rs + c * cs]; t (n) */
	size_t rs, cs;		/* the strides of a sample and of a channel, in doubles */
	long n;
	int64_t tag;		/* the tag of its samples (fixed windows) */
	long k;			/* windows before it since window_reset */
};

struct window {
	int bird, nch;
	long n, hop;		/* fixed: samples */
	double gap;		/* fixed: seconds */
	double len, step, minspan;	/* bird: seconds */
	long maxrows;		/* bird: samples one window may hold */
	double *x, *t;		/* buffered samples: fixed (nch, cap), bird (cap, nch); t (cap) */
	long cap, fill;
	long start;		/* the next window's first buffered sample */
	long skip;		/* fixed: samples to skip before the next window */
	int64_t tag;		/* fixed: the current run's tag */
	double tprev, t0;
	int have_prev, done;
	long k;			/* windows so far */
};

/* Fixed windows of n samples every hop (>= 1) samples, nch channels. */
void window_fixed(struct window *w, int nch, long n, long hop, double gap);
/* Bird windows: len seconds every step seconds, minspan as above; at most maxrows
 * samples in one window. */
void window_bird(struct window *w, int nch, double len, double step, double minspan,
    long maxrows);
/* Start again (a new file): the windows are counted and timed afresh. */
void window_reset(struct window *w);
/* Take samples; returns how many (> 0 when n > 0), or -1 when a bird window would hold
 * more than maxrows samples. tag may be NULL (all samples tagged 0). */
long window_feed(struct window *w, const double *x, const double *t, const int64_t *tag,
    long n);
/* The next complete window: 1 and *v, or 0. */
int window_next(struct window *w, struct window_view *v);
/* 1 once a bird file's windows have ended (the rest of the input cannot add any). */
int window_done(const struct window *w);
void window_free(struct window *w);

/*
 * Event names: a list "name[=label],..." says which events count and what they are
 * called. A name matches an event whose text is the name, or whose text ends in "/name"
 * (blink matches Mind Monitor's /muse/elements/blink); "T1=left" labels PhysioNet's T1
 * events "left". An empty list (n = 0) matches every event, by its text, except a Mind
 * Monitor export's own detections and device events (/muse/elements/blink,
 * /muse/event/connected ...), which count only when named.
 */
struct window_names {
	int n;
	char **from, **to;
};
/* Parse list into m: 0, or -1 with a message in err. */
int window_names_parse(struct window_names *m, const char *list, char *err, size_t n);
/* The label of an event with this text: its "=label", the text itself, or NULL when the
 * list does not name it. */
const char *window_names_find(const struct window_names *m, const char *text);
void window_names_free(struct window_names *m);

/*
 * Marks: the tags of a block of samples from a source's events and contact quality, for
 * window_feed. A sample is dropped (WINDOW_DROP: in no window) when its contact is worse
 * than `contact` (1 good, 2 medium; 0 keeps all), when it lies in [onset, onset + duration)
 * of a `drop` event, or is the first sample at or after the onset of one without a
 * duration. With `trials`, the samples of each `select` event's trial are tagged with the
 * trial's number: tlen samples from the first at or after onset + tmin (the next trial
 * takes over when they overlap; a trial whose start was not recorded, before the first
 * sample or in a gap, is none); all others are dropped. Events must come in time order,
 * and be known (for tmin < 0, |tmin| s ahead of the samples) when their samples are marked.
 */
struct window_marks {
	const struct window_names *select, *drop;
	int trials;
	double tmin, rate;
	long tlen;
	int contact;
	/* state: window_marks_reset */
	size_t dnext, tnext;	/* the first events not yet passed by drops and trials */
	double drop_until;
	long left;		/* samples left in the current trial */
	long ntrial;		/* trials begun */
	const char **names;	/* the label of each trial begun */
	long cap;
};
void window_marks_reset(struct window_marks *m);
/* tag[i] of the n samples at times t (quality may be NULL): DROP, the trial number, or
 * base[i] as given (base may be NULL: 0). */
void window_marks(struct window_marks *m, const struct source_event *ev, size_t nev,
    const double *t, const unsigned char *quality, const int64_t *base, int64_t *tag, long n);
/* The label of trial k. */
const char *window_marks_trial(const struct window_marks *m, long k);
void window_marks_free(struct window_marks *m);

#endif
