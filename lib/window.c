/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window: analysis windows over a stream of samples (see window.h). */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "window.h"

#define ROOM	4096	/* samples a fixed window's buffer holds beyond one window */

static void
alloc(struct window *w, long cap)
{
	w->x = ereallocarray(w->x, (size_t)cap, sizeof(double) * (size_t)w->nch);
	w->t = ereallocarray(w->t, (size_t)cap, sizeof(double));
	w->cap = cap;
}

void
window_fixed(struct window *w, int nch, long n, long hop, double gap)
{
	memset(w, 0, sizeof *w);
	w->nch = nch;
	w->n = n;
	w->hop = hop > 0 ? hop : 1;
	w->gap = gap;
	alloc(w, n + ROOM);
}

void
window_bird(struct window *w, int nch, double len, double step, double minspan,
    long maxrows)
{
	memset(w, 0, sizeof *w);
	w->bird = 1;
	w->nch = nch;
	w->len = len;
	w->step = step;
	w->minspan = minspan;
	w->maxrows = maxrows;
	alloc(w, 2 * ROOM);
}

void
window_reset(struct window *w)
{
	w->fill = w->start = w->skip = w->k = 0;
	w->have_prev = w->done = 0;
	w->tag = 0;
}

void
window_free(struct window *w)
{
	free(w->x);
	free(w->t);
	memset(w, 0, sizeof *w);
}

/* Drop the buffered samples before the next window's first. */
static void
compact(struct window *w)
{
	size_t nch = (size_t)w->nch;

	if (w->start == 0)
		return;
	if (w->start >= w->fill) {
		w->skip += w->start - w->fill;	/* hop > n: the gap to the next window */
		w->fill = 0;
	} else {
		w->fill -= w->start;
		memmove(w->x, w->x + (size_t)w->start * nch, sizeof(double) * nch * (size_t)w->fill);
		memmove(w->t, w->t + w->start, sizeof(double) * (size_t)w->fill);
	}
	w->start = 0;
}

static long
feed_fixed(struct window *w, const double *x, const double *t, const int64_t *tag, long n)
{
	size_t nch = (size_t)w->nch;
	long i;

	compact(w);
	for (i = 0; i < n; i++) {
		int64_t g = tag ? tag[i] : 0;
		if (w->have_prev && (t[i] - w->tprev > w->gap || g != w->tag)) {
			/* the run ends: its complete windows first */
			if (w->fill - w->start >= w->n)
				return i;
			w->fill = w->start = w->skip = 0;
		}
		w->tprev = t[i];
		w->tag = g;
		w->have_prev = 1;
		if (g == WINDOW_DROP)
			continue;
		if (w->skip) {
			w->skip--;
			continue;
		}
		if (w->fill == w->cap)
			return i;	/* full of complete windows: take them first */
		memcpy(w->x + (size_t)w->fill * nch, x + (size_t)i * nch, sizeof(double) * nch);
		w->t[w->fill++] = t[i];
	}
	return n;
}

static long
feed_bird(struct window *w, const double *x, const double *t, long n)
{
	size_t nch = (size_t)w->nch;

	if (w->done)
		return n;	/* the file's windows have ended */
	compact(w);
	w->skip = 0;
	if (w->fill > w->maxrows)
		return -1;
	if (w->fill + n > w->cap) {
		long cap = w->cap;
		while (cap < w->fill + n)
			cap *= 2;
		alloc(w, cap);
	}
	if (!w->have_prev && n > 0) {
		w->t0 = t[0];
		w->have_prev = 1;
	}
	memcpy(w->x + (size_t)w->fill * nch, x, sizeof(double) * nch * (size_t)n);
	memcpy(w->t + w->fill, t, sizeof(double) * (size_t)n);
	w->fill += n;
	return n;
}

long
window_feed(struct window *w, const double *x, const double *t, const int64_t *tag, long n)
{
	return w->bird ? feed_bird(w, x, t, n) : feed_fixed(w, x, t, tag, n);
}

int
window_next(struct window *w, struct window_view *v)
{
	size_t nch = (size_t)w->nch;
	long m;

	if (!w->bird) {
		if (w->fill - w->start < w->n)
			return 0;
		v->n = w->n;
	} else {
		double lo = w->t0 + w->step * (double)w->k, hi = lo + w->len;
		if (w->done || w->fill == 0)
			return 0;
		while (w->start < w->fill && w->t[w->start] < lo)
			w->start++;
		if (w->t[w->fill - 1] < hi)
			return 0;	/* B not read yet */
		for (m = w->start; w->t[m] < hi; m++)
			;
		if (m == w->start || w->t[m] - w->t[w->start] < w->minspan) {
			w->done = 1;
			return 0;
		}
		v->n = m - w->start;
	}
	v->x = w->x + (size_t)w->start * nch;
	v->t = w->t + w->start;
	v->tag = w->tag;
	v->k = w->k++;
	if (!w->bird)
		w->start += w->hop;
	return 1;
}

int
window_done(const struct window *w)
{
	return w->done;
}
