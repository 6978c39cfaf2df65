/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window: analysis windows over a stream of samples (see window.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
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
		if (w->bird)	/* (cap, nch) */
			memmove(w->x, w->x + (size_t)w->start * nch,
			    sizeof(double) * nch * (size_t)w->fill);
		else		/* (nch, cap) */
			for (size_t c = 0; c < nch; c++)
				memmove(w->x + c * (size_t)w->cap, w->x + c * (size_t)w->cap + w->start,
				    sizeof(double) * (size_t)w->fill);
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
		for (size_t c = 0; c < nch; c++)	/* (n, nch) into (nch, cap) */
			w->x[c * (size_t)w->cap + (size_t)w->fill] = x[(size_t)i * nch + c];
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
	if (w->bird) {
		v->x = w->x + (size_t)w->start * nch;
		v->rs = nch;
		v->cs = 1;
	} else {
		v->x = w->x + w->start;
		v->rs = 1;
		v->cs = (size_t)w->cap;
	}
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

/* --- event names --- */

int
window_names_parse(struct window_names *m, const char *list, char *err, size_t n)
{
	const char *p = list;

	memset(m, 0, sizeof *m);
	for (;;) {
		const char *e = strchr(p, ','), *eq;
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *item = emalloc(len + 1), *a, *b;
		memcpy(item, p, len);
		item[len] = 0;
		eq = strchr(item, '=');
		a = item;
		b = eq ? (char *)eq + 1 : item;
		if (eq)
			*(char *)eq = 0;
		if (!*a || !*b) {
			errf(err, n, "an empty name in \"%s\"", list);
			free(item);
			window_names_free(m);
			return -1;
		}
		m->from = ereallocarray(m->from, (size_t)m->n + 1, sizeof *m->from);
		m->to = ereallocarray(m->to, (size_t)m->n + 1, sizeof *m->to);
		m->from[m->n] = estrdup(a);
		m->to[m->n++] = estrdup(b);
		free(item);
		if (!e)
			return 0;
		p = e + 1;
	}
}

const char *
window_names_find(const struct window_names *m, const char *text)
{
	size_t lt = strlen(text);

	if (!m || m->n == 0)
		return strncmp(text, "/muse/", 6) ? text : NULL;
	for (int i = 0; i < m->n; i++) {
		size_t lf = strlen(m->from[i]);
		if (!strcmp(text, m->from[i]) || (lt > lf && text[lt - lf - 1] == '/' &&
		    !strcmp(text + lt - lf, m->from[i])))
			return m->to[i];
	}
	return NULL;
}

void
window_names_free(struct window_names *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	memset(m, 0, sizeof *m);
}

/* --- marks --- */

void
window_marks_reset(struct window_marks *m)
{
	m->dnext = m->tnext = 0;
	m->drop_until = -INFINITY;
	m->left = 0;
	m->ntrial = 0;
}

void
window_marks(struct window_marks *m, const struct source_event *ev, size_t nev,
    const double *t, const unsigned char *quality, const int64_t *base, int64_t *tag, long n)
{
	double eps = 1e-6 / m->rate;	/* rounding of times computed from indices */

	for (long i = 0; i < n; i++) {
		int drop = m->contact && quality && quality[i] > m->contact;
		tag[i] = base ? base[i] : 0;
		/* drop events up to this sample */
		for (; m->drop && m->drop->n && m->dnext < nev && ev[m->dnext].onset <= t[i];
		    m->dnext++) {
			const struct source_event *e = &ev[m->dnext];
			if (!window_names_find(m->drop, e->text))
				continue;
			if (e->duration > 0)
				m->drop_until = fmax(m->drop_until, e->onset + e->duration);
			else
				drop = 1;	/* the first sample at or after it */
		}
		drop |= t[i] < m->drop_until;
		if (m->trials) {
			/* trials that begin at this sample */
			for (; m->tnext < nev && ev[m->tnext].onset + m->tmin <= t[i] + eps;
			    m->tnext++) {
				const char *name = window_names_find(m->select, ev[m->tnext].text);
				if (!name || t[i] > ev[m->tnext].onset + m->tmin + 1 / m->rate - eps)
					continue;	/* not selected, or its start was not recorded */
				if (m->ntrial == m->cap) {
					m->cap = m->cap ? 2 * m->cap : 64;
					m->names = ereallocarray(m->names, (size_t)m->cap,
					    sizeof *m->names);
				}
				m->names[m->ntrial++] = name;
				m->left = m->tlen;
			}
			if (m->left > 0) {
				m->left--;
				tag[i] = m->ntrial - 1;
			} else
				drop = 1;
		}
		if (drop)
			tag[i] = WINDOW_DROP;
	}
}

const char *
window_marks_trial(const struct window_marks *m, long k)
{
	return k >= 0 && k < m->ntrial ? m->names[k] : NULL;
}

void
window_marks_free(struct window_marks *m)
{
	free(m->names);
	m->names = NULL;
	m->cap = 0;
}
