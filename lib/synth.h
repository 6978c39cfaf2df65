/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * synth: EEG-like test signals for eeg-synth(1), the demo data source.
 *
 * One recording is one subject in one mental state for one session, in the Muse layout
 * (TP9, AF7, AF8, TP10, Right AUX), in microvolts. Each channel is the sum of
 *   - a 1/f^b background (b per subject, 1.0..1.6), partly common to all channels;
 *   - rhythms: posterior alpha at the subject's peak frequency (8.5..11.5 Hz), strongest on
 *     TP9/TP10; beta around the subject's beta frequency (17..23 Hz), strongest frontally;
 *     frontal theta (5..7 Hz). Their amplitudes depend on the state: relaxed has more alpha
 *     (by the subject's own reactivity, x2.2..3.5) and less beta; concentrating has less
 *     alpha (x0.45..0.7), more beta (x1.6..2.4) and theta. Amplitudes wax and wane (slow
 *     log-normal modulation, seconds to tens of seconds);
 *   - artefacts: blinks (sin^2 pulses of 80..200 uV, 0.2..0.4 s, on AF7/AF8), horizontal
 *     eye movements (opposite steps on AF7 and AF8 that decay), muscle bursts (differenced
 *     white noise on TP9/TP10, 0.3..1.5 s), each at a state-dependent rate (Poisson);
 *   - line noise at 50 or 60 Hz (or none), strongest on TP9 as in the Bird recordings;
 *   - amplifier noise, a DC offset per channel; the AUX channel is noise and line only.
 * Subjects differ in every parameter above and in per-channel gains. A session is one
 * sitting: its recordings (one per state) share gains and offsets, drawn around the
 * subject's. Each recording has its own background and rhythm levels, artefact rates and
 * noise.
 *
 * Everything is drawn from xoshiro streams seeded by (seed, subject[, session[, state]]), so
 * a recording does not depend on which other recordings are generated, and the output is
 * the same for the same seed on every run.
 */
#ifndef EEG_SYNTH_H
#define EEG_SYNTH_H

#include <stdint.h>

#include "util.h"

#define SYNTH_NCH	5
#define SYNTH_NBG	12	/* pole-zero pairs of the 1/f filter */

enum { SYNTH_RELAXED, SYNTH_NEUTRAL, SYNTH_CONCENTRATING, SYNTH_NSTATES };

extern const char *const synth_state_name[SYNTH_NSTATES];
extern const char *const synth_channel_name[SYNTH_NCH];

/* Parameters of one subject (amplitudes in uV, uV^2/Hz for densities). */
struct synth_subject {
	double alpha_hz, alpha_uv, alpha_relaxed, alpha_conc;
	double beta_hz, beta_uv, beta_conc;
	double theta_hz, theta_uv;
	double bg_psd10, bg_exp;	/* background density at 10 Hz on TP9, slope */
	double gain[SYNTH_NCH], offset[SYNTH_NCH], line_uv[SYNTH_NCH];
	double blink_uv, eye_uv, muscle_uv, aux_uv;
	uint64_t key;		/* seeds the recordings of this subject */
};

/* Second-order resonator with unit output variance, and a first-order pole-zero pair. */
struct synth_reso { double a1, a2, b, y1, y2; };

struct synth_bg {
	int n;
	double g, p[SYNTH_NBG], q[SYNTH_NBG], x1[SYNTH_NBG], y1[SYNTH_NBG];
};

struct synth {
	struct rng rng;
	double spare;		/* the second normal of a polar-method pair */
	int have_spare;
	double rate, line_hz, line_phase;
	long long i;		/* samples generated, warm-up included */
	struct synth_subject p;	/* with session changes applied */
	double alpha_amp, beta_amp, theta_amp;	/* state-scaled rms */
	double blink_rate, eye_rate, muscle_rate;	/* events per second */
	struct synth_bg bg_common, bg[SYNTH_NCH];
	struct synth_reso alpha_common, alpha[SYNTH_NCH], beta_common, beta[SYNTH_NCH], theta;
	double mod_fast, mod_slow, mod_beta, mod_line, a_fast, a_slow, a_beta, a_line;
	/* artefacts */
	long long blink_next, blink_start, blink_len;
	double blink_amp;
	long long eye_next;
	double eye_target, eye_level, eye_decay, eye_smooth;
	long long muscle_next, muscle_start, muscle_len;
	double muscle_amp, muscle_side[2], muscle_prev[SYNTH_NCH];
};

/* Draw the parameters of subject number `subject` (0, 1, ...) for this seed. */
void synth_subject(struct synth_subject *p, uint64_t seed, int subject);
/*
 * Start a recording: state SYNTH_RELAXED.., session 1, 2, ..., rate in Hz (>= 100), line_hz
 * 0 (none) or below rate / 2. Runs a few seconds of warm-up so the filters are settled.
 */
void synth_init(struct synth *g, const struct synth_subject *p, int state, int session,
    double rate, double line_hz);
/* The next n samples: x is (n, SYNTH_NCH), microvolts. */
void synth_run(struct synth *g, double *x, long n);

/* Bird-style recording name: "subjecta", ..., "subjectz", "subjectaa", ... (26 + 26^2). */
void synth_subject_name(char *buf, size_t n, int subject);

#endif
