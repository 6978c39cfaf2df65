/* SPDX-License-Identifier: GPL-3.0-or-later */
/* synth: EEG-like test signals (model in synth.h and eeg-synth(1)). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "synth.h"

const char *const synth_state_name[SYNTH_NSTATES] = { "relaxed", "neutral", "concentrating" };
const char *const synth_channel_name[SYNTH_NCH] = { "TP9", "AF7", "AF8", "TP10", "Right AUX" };

enum { TP9, AF7, AF8, TP10, AUX };

/* Spatial weights of each source on TP9, AF7, AF8, TP10 (AUX carries no brain signal). */
static const double w_alpha[4] = { 1.0, 0.35, 0.35, 1.0 };
static const double w_beta[4] = { 0.8, 1.0, 1.0, 0.8 };
static const double w_theta[4] = { 0.4, 1.0, 1.0, 0.4 };
static const double w_bg[4] = { 1.0, 0.6, 0.6, 1.0 };	/* density */
/* cos and sin of each channel's line phase, 0.3 c radians */
static const double line_cos[SYNTH_NCH] = { 1, 0.955336489125606, 0.825335614909678,
    0.621609968270664, 0.362357754476674 };
static const double line_sin[SYNTH_NCH] = { 0, 0.295520206661340, 0.564642473395035,
    0.783326909627483, 0.932039085967226 };

/* Events per minute: blinks, eye movements, muscle bursts. */
static const double rate_blink[SYNTH_NSTATES] = { 2, 14, 10 };
static const double rate_eye[SYNTH_NSTATES] = { 1, 10, 30 };
static const double rate_muscle[SYNTH_NSTATES] = { 1, 3, 5 };

/* A stream key from a seed and a few small numbers (splitmix64 finaliser). */
static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

static double
uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_uniform(r);
}

/*
 * N(0,1) by Marsaglia's polar method, two at a time: no cos, one log per pair (the
 * generator's hot spot; util's rng_normal is Box-Muller).
 */
static double
gauss(struct synth *g)
{
	double u, v, s, f;

	if (g->have_spare) {
		g->have_spare = 0;
		return g->spare;
	}
	do {
		u = 2 * rng_uniform(&g->rng) - 1;
		v = 2 * rng_uniform(&g->rng) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	f = sqrt(-2 * log(s) / s);
	g->spare = v * f;
	g->have_spare = 1;
	return u * f;
}

/* Log-normal factor with median 1. */
static double
lognormal(struct rng *r, double sigma)
{
	return exp(sigma * rng_normal(r));
}

void
synth_subject_name(char *buf, size_t n, int subject)
{
	if (subject < 26)
		snprintf(buf, n, "subject%c", 'a' + subject);
	else
		snprintf(buf, n, "subject%c%c", 'a' + (subject - 26) / 26 % 26, 'a' + subject % 26);
}

void
synth_subject(struct synth_subject *p, uint64_t seed, int subject)
{
	struct rng r;

	p->key = mix(mix(seed, 0x5b), (uint64_t)subject);
	rng_seed(&r, p->key);
	p->key = mix(p->key, 0x7e);
	p->alpha_hz = uniform(&r, 8.5, 11.5);
	p->alpha_uv = 5.5 * lognormal(&r, 0.5);
	p->alpha_relaxed = uniform(&r, 2.2, 3.5);
	p->alpha_conc = uniform(&r, 0.45, 0.7);
	p->beta_hz = uniform(&r, 17, 23);
	p->beta_uv = 2.6 * lognormal(&r, 0.4);
	p->beta_conc = uniform(&r, 1.6, 2.4);
	p->theta_hz = uniform(&r, 5, 7);
	p->theta_uv = 1.0 * lognormal(&r, 0.3);
	p->bg_psd10 = 1.2 * lognormal(&r, 0.5);
	p->bg_exp = uniform(&r, 1.0, 1.6);
	for (int c = 0; c < SYNTH_NCH; c++) {
		p->gain[c] = lognormal(&r, 0.35);
		p->offset[c] = 24 + 6 * rng_normal(&r);
		p->line_uv[c] = (c == TP9 ? 8.0 : c == AUX ? 5.0 : 1.0) * lognormal(&r, 0.5);
	}
	p->blink_uv = uniform(&r, 80, 200);
	p->eye_uv = uniform(&r, 15, 50);
	p->muscle_uv = 25 * lognormal(&r, 0.3);
	p->aux_uv = 35 * lognormal(&r, 0.05);
}

/* Resonator at f Hz with bandwidth bw Hz: AR(2) scaled to unit stationary variance. */
static void
reso_init(struct synth_reso *o, double f, double bw, double rate)
{
	double r = exp(-M_PI * bw / rate), w = 2 * M_PI * f / rate;
	double a1 = 2 * r * cos(w), a2 = -r * r;
	double var = (1 - a2) / ((1 + a2) * ((1 - a2) * (1 - a2) - a1 * a1));

	o->a1 = a1;
	o->a2 = a2;
	o->b = 1 / sqrt(var);
	o->y1 = o->y2 = 0;
}

static double
reso_step(struct synth_reso *o, double w)
{
	double y = o->a1 * o->y1 + o->a2 * o->y2 + o->b * w;

	o->y2 = o->y1;
	o->y1 = y;
	return y;
}

/*
 * 1/f^b noise: white noise through pole-zero pairs one octave apart from 0.5 Hz, the zero
 * b/2 octave above its pole, so the power falls by 6 dB/octave over a fraction b/2 of each
 * octave: on average f^-b. Scaled so the one-sided density at 10 Hz is psd10 (per unit^2
 * of input variance).
 */
static void
bg_init(struct synth_bg *o, double b, double psd10, double rate)
{
	double w10 = 2 * M_PI * 10 / rate, h2 = 1;

	o->n = 0;
	for (double f = 0.5; o->n < SYNTH_NBG && f * pow(2, b / 2) < 0.4 * rate; f *= 2) {
		double p = exp(-2 * M_PI * f / rate), q = exp(-2 * M_PI * f * pow(2, b / 2) / rate);
		o->p[o->n] = p;
		o->q[o->n] = q;
		o->x1[o->n] = o->y1[o->n] = 0;
		h2 *= (1 - 2 * q * cos(w10) + q * q) / (1 - 2 * p * cos(w10) + p * p);
		o->n++;
	}
	o->g = sqrt(psd10 / (2 / rate * h2));
}

static double
bg_step(struct synth_bg *o, double w)
{
	double x = o->g * w;

	for (int k = 0; k < o->n; k++) {
		double y = x - o->q[k] * o->x1[k] + o->p[k] * o->y1[k];
		o->x1[k] = x;
		o->y1[k] = y;
		x = y;
	}
	return x;
}

/* Samples until the next event of a Poisson process with `per_s` events per second. */
static long long
next_event(struct rng *r, double per_s, double rate)
{
	if (per_s <= 0)
		return -1;
	return 1 + (long long)(-log(1 - rng_uniform(r)) / per_s * rate);
}

void
synth_init(struct synth *g, const struct synth_subject *p, int state, int session,
    double rate, double line_hz)
{
	struct rng *r = &g->rng;
	double cs = state == SYNTH_RELAXED ? 1 : 0, cc = state == SYNTH_CONCENTRATING ? 1 : 0;
	double warm[SYNTH_NCH * 64];

	memset(g, 0, sizeof *g);
	g->p = *p;
	/* the session (one sitting, all states): the electrodes sit a little differently */
	rng_seed(r, mix(p->key, (uint64_t)session));
	for (int c = 0; c < SYNTH_NCH; c++) {
		g->p.gain[c] *= lognormal(r, 0.25);
		g->p.offset[c] += 3 * rng_normal(r);
		g->p.line_uv[c] *= lognormal(r, 0.3);
	}
	/* the recording */
	rng_seed(r, mix(mix(p->key, (uint64_t)state + 1000), (uint64_t)session));
	g->rate = rate;
	g->line_hz = line_hz;
	g->line_phase = uniform(r, 0, 2 * M_PI);
	/* each recording its own level of background and rhythms (arousal, drowsiness) */
	g->p.bg_psd10 *= lognormal(r, 0.3);
	g->alpha_amp = p->alpha_uv * (cs ? p->alpha_relaxed : cc ? p->alpha_conc : 1) *
	    lognormal(r, 0.15);
	g->beta_amp = p->beta_uv * (cs ? 0.85 : cc ? p->beta_conc : 1) * lognormal(r, 0.15);
	g->theta_amp = p->theta_uv * (cc ? 1.4 : cs ? 0.9 : 1);
	g->blink_rate = rate_blink[state] / 60 * lognormal(r, 0.4);
	g->eye_rate = rate_eye[state] / 60 * lognormal(r, 0.4);
	g->muscle_rate = rate_muscle[state] / 60 * lognormal(r, 0.4);

	bg_init(&g->bg_common, p->bg_exp, 0.3 * g->p.bg_psd10, rate);
	for (int c = 0; c < 4; c++)
		bg_init(&g->bg[c], p->bg_exp, 0.7 * g->p.bg_psd10 * w_bg[c], rate);
	reso_init(&g->alpha_common, p->alpha_hz, 1.2, rate);
	reso_init(&g->beta_common, p->beta_hz, 8, rate);
	for (int c = 0; c < 4; c++) {
		reso_init(&g->alpha[c], p->alpha_hz, 1.2, rate);
		reso_init(&g->beta[c], p->beta_hz, 8, rate);
	}
	reso_init(&g->theta, p->theta_hz, 2, rate);
	/* slow modulators: unit-variance AR(1), started from their stationary law */
	g->a_fast = exp(-1 / (2.0 * rate));
	g->a_slow = exp(-1 / (15.0 * rate));
	g->a_beta = exp(-1 / (3.0 * rate));
	g->a_line = exp(-1 / (20.0 * rate));
	g->mod_fast = rng_normal(r);
	g->mod_slow = rng_normal(r);
	g->mod_beta = rng_normal(r);
	g->mod_line = rng_normal(r);
	g->blink_next = next_event(r, g->blink_rate, rate);
	g->eye_next = next_event(r, g->eye_rate, rate);
	g->muscle_next = next_event(r, g->muscle_rate, rate);
	g->blink_start = g->muscle_start = -1;
	g->eye_decay = exp(-1 / (1.5 * rate));
	g->eye_smooth = exp(-2 * M_PI * 15 / rate);
	/* warm-up: 4 s (event times count from its start, so g->i keeps counting) */
	for (long n = (long)(4 * rate); n > 0; n -= 64)
		synth_run(g, warm, n < 64 ? n : 64);
}

static double
ar1(struct synth *g, double *m, double a)
{
	*m = a * *m + sqrt(1 - a * a) * gauss(g);
	return *m;
}

void
synth_run(struct synth *g, double *x, long n)
{
	struct rng *r = &g->rng;
	const struct synth_subject *p = &g->p;

	for (long s = 0; s < n; s++, x += SYNTH_NCH, g->i++) {
		double am, bm, bgc, ac, bc, th, lm, blink = 0, eye, musc[2] = { 0, 0 };
		double t = g->i / g->rate;

		/* alpha: fast waxing and waning, slow drift of vigilance (rms kept near 1) */
		am = exp(0.3 * ar1(g, &g->mod_fast, g->a_fast) + 0.2 * ar1(g, &g->mod_slow, g->a_slow)
		    - 0.3 * 0.3 - 0.2 * 0.2);
		bm = exp(0.3 * ar1(g, &g->mod_beta, g->a_beta) - 0.3 * 0.3);
		lm = 1 + 0.1 * ar1(g, &g->mod_line, g->a_line);
		bgc = bg_step(&g->bg_common, gauss(g));
		ac = reso_step(&g->alpha_common, gauss(g));
		bc = reso_step(&g->beta_common, gauss(g));
		th = reso_step(&g->theta, gauss(g)) * g->theta_amp;

		/* blinks: sin^2 pulse */
		if (g->blink_start < 0 && g->blink_next >= 0 && g->i >= g->blink_next) {
			g->blink_start = g->i;
			g->blink_len = (long long)(uniform(r, 0.2, 0.4) * g->rate) + 1;
			g->blink_amp = p->blink_uv * lognormal(r, 0.2);
		}
		if (g->blink_start >= 0) {
			double u = sin(M_PI * (g->i - g->blink_start) / g->blink_len);
			blink = g->blink_amp * u * u;
			if (g->i - g->blink_start + 1 >= g->blink_len) {
				g->blink_start = -1;
				g->blink_next = g->i + next_event(r, g->blink_rate, g->rate);
			}
		}
		/* horizontal eye movements: a step that the amplifier's high-pass lets decay */
		if (g->eye_next >= 0 && g->i >= g->eye_next) {
			g->eye_target += (rng_uniform(r) < 0.5 ? -1 : 1) * p->eye_uv * lognormal(r, 0.3);
			g->eye_next = g->i + next_event(r, g->eye_rate, g->rate);
		}
		g->eye_target *= g->eye_decay;
		g->eye_level = g->eye_smooth * g->eye_level + (1 - g->eye_smooth) * g->eye_target;
		eye = g->eye_level;
		/* muscle bursts: high-passed noise under a sin^2 envelope, left and right */
		if (g->muscle_start < 0 && g->muscle_next >= 0 && g->i >= g->muscle_next) {
			g->muscle_start = g->i;
			g->muscle_len = (long long)(uniform(r, 0.3, 1.5) * g->rate) + 1;
			g->muscle_amp = p->muscle_uv * lognormal(r, 0.3);
			g->muscle_side[0] = uniform(r, 0.3, 1);
			g->muscle_side[1] = uniform(r, 0.3, 1);
		}
		if (g->muscle_start >= 0) {
			double u = sin(M_PI * (g->i - g->muscle_start) / g->muscle_len);
			musc[0] = g->muscle_amp * u * u * g->muscle_side[0];
			musc[1] = g->muscle_amp * u * u * g->muscle_side[1];
			if (g->i - g->muscle_start + 1 >= g->muscle_len) {
				g->muscle_start = -1;
				g->muscle_next = g->i + next_event(r, g->muscle_rate, g->rate);
			}
		}

		for (int c = 0; c < 4; c++) {
			double v, w, m;
			v = sqrt(0.3) * bgc + bg_step(&g->bg[c], gauss(g));
			v += w_alpha[c] * g->alpha_amp * am *
			    (sqrt(0.7) * ac + sqrt(0.3) * reso_step(&g->alpha[c], gauss(g)));
			v += w_beta[c] * g->beta_amp * bm *
			    (sqrt(0.6) * bc + sqrt(0.4) * reso_step(&g->beta[c], gauss(g)));
			v += w_theta[c] * th;
			/* muscle: first difference of white noise, power rising as sin^2(w/2): little
			 * below 20 Hz, most of it above 50 */
			w = gauss(g);
			m = (c == TP9 || c == AF7) ? musc[0] : musc[1];
			v += m * (c == TP9 || c == TP10 ? 1 : 0.3) * (w - g->muscle_prev[c]) * M_SQRT1_2;
			g->muscle_prev[c] = w;
			/* blinks and eye movements: frontal, a little on the mastoids */
			v += blink * (c == AF7 || c == AF8 ? 1 : -0.05);
			v += eye * (c == AF7 ? 1 : c == AF8 ? -1 : c == TP9 ? -0.1 : 0.1);
			x[c] = p->gain[c] * v;
		}
		x[AUX] = p->aux_uv * gauss(g);
		if (g->line_hz > 0) {	/* channel c lags by 0.3 c radians */
			double ph = 2 * M_PI * g->line_hz * t + g->line_phase;
			double s0 = sin(ph), c0 = cos(ph);
			for (int c = 0; c < SYNTH_NCH; c++)
				x[c] += p->line_uv[c] * lm * M_SQRT2 *
				    (s0 * line_cos[c] + c0 * line_sin[c]);
		}
		for (int c = 0; c < SYNTH_NCH; c++)
			x[c] += 0.8 * gauss(g) + p->offset[c];
	}
}
