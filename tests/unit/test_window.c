/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_window: lib/window.c against the definitions of window.h, written out here the
 * plain way (runs split first, windows counted from each run's start; Bird's A and B by
 * search), on random streams with gaps, tag changes and dropped samples, fed in blocks of
 * every size from 1 sample to all at once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "source.h"
#include "util.h"
#include "window.h"

#define N	3000
#define NCH	2

static double x[N * NCH], t[N];
static int64_t tag[N];

/* A window as (first sample index, count, tag). */
struct win { long a, n; int64_t tag; };

static long
collect(struct window *w, long block, struct win *out, long max)
{
	struct window_view v;
	long got = 0;

	for (long off = 0; off < N; ) {
		long m = N - off < block ? N - off : block, used;
		for (long done = 0; done < m; done += used) {
			used = window_feed(w, x + (off + done) * NCH, t + off + done,
			    w->bird ? NULL : tag + off + done, m - done);
			CHECK(used > 0, "feed took %ld of %ld", used, m - done);
			while (window_next(w, &v)) {
				long a;
				/* views point into the window's buffer: find the sample by time
				 * and value (times are unique here) */
				for (a = 0; a < N && !(t[a] == v.t[0] && x[a * NCH] == v.x[0]); a++)
					;
				CHECK(a < N, "window %ld: no such first sample", v.k);
				for (long i = 0; i < v.n; i++)
					CHECK(v.t[i] == t[a + i] && v.x[i * v.rs] == x[(a + i) * NCH] &&
					    v.x[i * v.rs + v.cs] == x[(a + i) * NCH + 1],
					    "window %ld sample %ld", v.k, i);
				CHECK(v.k == got, "index %ld, want %ld", v.k, got);
				CHECK(got < max, "too many windows");
				out[got].a = a;
				out[got].n = v.n;
				out[got].tag = v.tag;
				got++;
			}
		}
		off += m;
		if (window_done(w))
			break;
	}
	return got;
}

/* Fixed windows the plain way: split into runs, then windows from each run's start. */
static long
fixed_ref(long n, long hop, double gap, struct win *out)
{
	long got = 0, i = 0;

	while (i < N) {
		long a = i, e;
		if (tag[i] == WINDOW_DROP) {
			i++;
			continue;
		}
		for (e = a + 1; e < N && tag[e] == tag[a] && t[e] - t[e - 1] <= gap; e++)
			;
		for (long s = a; s + n <= e; s += hop) {
			out[got].a = s;
			out[got].n = n;
			out[got].tag = tag[a];
			got++;
		}
		i = e;
	}
	return got;
}

static long
bird_ref(double len, double step, double minspan, struct win *out)
{
	long got = 0;

	for (long k = 0;; k++) {
		double s = t[0] + step * (double)k, e = s + len;
		long a = 0, b = 0;
		while (a < N && t[a] < s)
			a++;
		while (b < N && t[b] < e)
			b++;
		if (b == N || a == b || t[b] - t[a] < minspan)
			return got;
		out[got].a = a;
		out[got].n = b - a;
		out[got].tag = 0;
		got++;
	}
}

static void
make_stream(struct rng *r, int drops)
{
	double tm = 1000;

	for (long i = 0; i < N; i++) {
		uint64_t u = rng_below(r, 1000);
		tm += u < 4 ? 0.5 + rng_uniform(r) * 3 : 0.004;	/* gaps of 0.5-3.5 s */
		t[i] = tm;
		x[i * NCH] = (double)i;
		x[i * NCH + 1] = rng_uniform(r);
		tag[i] = i ? tag[i - 1] : 0;
		if (u >= 4 && u < 7)
			tag[i] = (int64_t)rng_below(r, 3);		/* a label change */
		else if (drops && u >= 7 && u < 9)
			tag[i] = tag[i] == WINDOW_DROP ? 0 : WINDOW_DROP;	/* a dropped stretch */
	}
}

static void
test_fixed(void)
{
	static struct win want[N * 4], got[N * 4];
	static const long shapes[][2] = { { 64, 32 }, { 64, 64 }, { 50, 75 }, { 1, 1 },
		{ 256, 1 }, { 300, 700 } };
	static const long blocks[] = { 1, 7, 64, 1000, N };
	struct rng r;
	struct window w;

	rng_seed(&r, 5);
	for (int rep = 0; rep < 4; rep++) {
		make_stream(&r, rep & 1);
		for (size_t sh = 0; sh < sizeof shapes / sizeof *shapes; sh++) {
			long n = shapes[sh][0], hop = shapes[sh][1];
			long nw = fixed_ref(n, hop, 0.012, want);
			window_fixed(&w, NCH, n, hop, 0.012);
			for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
				window_reset(&w);
				long ng = collect(&w, blocks[b], got, N * 4);
				CHECK(ng == nw, "n %ld hop %ld block %ld: %ld windows, want %ld", n, hop,
				    blocks[b], ng, nw);
				for (long i = 0; i < nw; i++)
					CHECK(got[i].a == want[i].a && got[i].n == n &&
					    got[i].tag == want[i].tag, "n %ld hop %ld block %ld window %ld: "
					    "at %ld tag %lld, want %ld tag %lld", n, hop, blocks[b], i,
					    got[i].a, (long long)got[i].tag, want[i].a,
					    (long long)want[i].tag);
			}
			window_free(&w);
		}
	}
	printf("ok fixed: runs end at gaps, tag changes and dropped samples; any block size\n");
}

static void
test_bird(void)
{
	static struct win want[N], got[N];
	static const long blocks[] = { 1, 5, 256, 1000, N };
	struct rng r;
	struct window w;
	int ends_early = 0;

	rng_seed(&r, 11);
	for (int rep = 0; rep < 20; rep++) {
		long nw;
		make_stream(&r, 0);
		nw = bird_ref(1.0, 0.5, 0.9, want);
		ends_early += want[nw - 1].a + want[nw - 1].n < N - 300;
		window_bird(&w, NCH, 1.0, 0.5, 0.9, 1 << 20);
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
			window_reset(&w);
			long ng = collect(&w, blocks[b], got, N);
			CHECK(ng == nw, "rep %d block %ld: %ld windows, want %ld", rep, blocks[b], ng,
			    nw);
			for (long i = 0; i < nw; i++)
				CHECK(got[i].a == want[i].a && got[i].n == want[i].n,
				    "rep %d block %ld window %ld: rows %ld+%ld, want %ld+%ld", rep,
				    blocks[b], i, got[i].a, got[i].n, want[i].a, want[i].n);
		}
		window_free(&w);
	}
	CHECK(ends_early > 5, "only %d streams ended at a gap", ends_early);

	/* the README's example, in miniature: rows every 4 ms from 0 to 4.356 s, a gap of
	 * 8.7 s, more rows: windows 0-6 full, 7 and 8 cut by the gap, 9 starts inside it */
	{
		long n = 0, nw;
		for (double tm = 0; tm < 4.3565 && n < N; tm += 0.004)
			t[n] = tm, x[n * NCH] = (double)n, n++;
		for (double tm = 4.356 + 8.7; n < N; tm += 0.004)
			t[n] = tm, x[n * NCH] = (double)n, n++;
		window_bird(&w, NCH, 1.0, 0.5, 0.9, 1 << 20);
		nw = collect(&w, 333, got, N);
		CHECK(nw == 9 && got[7].n == 215 && got[8].n == 90, "%ld windows, 7 has %ld rows, "
		    "8 has %ld", nw, got[7].n, got[8].n);
		CHECK(window_done(&w), "not done at the gap");
		window_free(&w);
		/* a window holding more rows than allowed */
		window_bird(&w, NCH, 1.0, 0.5, 0.9, 100);
		CHECK(window_feed(&w, x, t, NULL, 200) == 200 && window_feed(&w, x, t, NULL, 1) < 0,
		    "maxrows");
		window_free(&w);
	}
	printf("ok bird: A and B by the rule, windows into a gap, any block size\n");
}

static void
test_marks(void)
{
	struct window_names sel, drop;
	struct window_marks m = { 0 };
	struct source_event ev[] = {
		{ 1.0, 0, "T0" }, { 2.0, 0.5, "T1" }, { 3.0, 0, "/muse/elements/blink" },
		{ 4.05, 0, "T2" }, { 4.5, 0, "/muse/event/connected Muse" }, { 6.0, 0, "T1" },
	};
	double tt[100];
	unsigned char q[100];
	int64_t tag[100], base[100];
	char err[128];

	CHECK(window_names_parse(&sel, "T1=left,T2=right,blink", err, sizeof err) == 0, "%s", err);
	CHECK(!strcmp(window_names_find(&sel, "T1"), "left") &&
	    !strcmp(window_names_find(&sel, "/muse/elements/blink"), "blink") &&
	    !window_names_find(&sel, "T0") && !window_names_find(&sel, "xT1") &&
	    !window_names_find(&sel, "elements/blinks"), "names");
	CHECK(window_names_parse(&drop, "a,,b", err, sizeof err) < 0 && strstr(err, "empty"),
	    "empty name: %s", err);
	CHECK(!strcmp(window_names_find(NULL, "T0"), "T0") && !window_names_find(NULL,
	    "/muse/elements/blink"), "no list: every event but Mind Monitor's own");
	CHECK(window_names_parse(&drop, "T1,blink", err, sizeof err) == 0, "%s", err);
	/* 10 Hz samples from 0 to 9.9 s */
	for (int i = 0; i < 100; i++) {
		tt[i] = i / 10.0;
		q[i] = i >= 80 && i < 83 ? SOURCE_BAD : i == 90 ? SOURCE_MEDIUM : SOURCE_GOOD;
		base[i] = 7;
	}
	m.select = &sel;
	m.drop = &drop;
	m.rate = 10;
	m.contact = SOURCE_GOOD;
	window_marks_reset(&m);
	/* in blocks of 13 */
	for (int i = 0; i < 100; i += 13)
		window_marks(&m, ev, 6, tt + i, q + i, base + i, tag + i, i + 13 > 100 ? 100 - i : 13);
	for (int i = 0; i < 100; i++) {
		int dropped = (i >= 20 && i < 25) || i == 30 || i == 60 || (i >= 80 && i < 83) ||
		    i == 90;
		CHECK(tag[i] == (dropped ? WINDOW_DROP : 7), "drop: sample %d tag %lld", i,
		    (long long)tag[i]);
	}
	/* trials of 1.5 s from 0.25 s before T1, T2 and blink onsets; contact ignored */
	m.drop = NULL;
	m.contact = 0;
	m.trials = 1;
	m.tmin = -0.25;
	m.tlen = 15;
	window_marks_reset(&m);
	window_marks(&m, ev, 6, tt, q, base, tag, 100);
	for (int i = 0; i < 100; i++) {
		/* 17.5 -> 18 .. 32, 27.5 -> 28 .. (the blink's trial takes over at 28) 42,
		 * 38 -> 38 .. 52 (T2 at 4.05: 3.8 s), 57.5 -> 58 .. 72 */
		int64_t want = i >= 18 && i < 28 ? 0 : i >= 28 && i < 38 ? 1 :
		    i >= 38 && i < 53 ? 2 : i >= 58 && i < 73 ? 3 : WINDOW_DROP;
		CHECK(tag[i] == want, "trial: sample %d tag %lld want %lld", i, (long long)tag[i],
		    (long long)want);
	}
	CHECK(m.ntrial == 4 && !strcmp(window_marks_trial(&m, 0), "left") &&
	    !strcmp(window_marks_trial(&m, 1), "blink") &&
	    !strcmp(window_marks_trial(&m, 2), "right") && !window_marks_trial(&m, 4),
	    "trial names");
	window_marks_free(&m);
	window_names_free(&sel);
	window_names_free(&drop);
	printf("ok marks: event names, drops by duration and onset, contact, trials\n");
}

int
main(int argc, char *argv[])
{
	util_init(argc, argv);
	test_fixed();
	test_bird();
	test_marks();
	CHECK_DONE();
}
