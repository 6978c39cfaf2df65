/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fft: spectra of windows of samples with FFTW, band powers, Fourier resampling.
 *
 * Normalisation (spec_psd): the one-sided power spectral density of a window x of n
 * samples at rate fs with window coefficients w, in (units of x)^2 / Hz (uV^2/Hz for EEG):
 *
 *	P[k] = c[k] * |sum_i w[i] x[i] e^(-2 pi i k i / n)|^2 / (fs * sum_i w[i]^2),
 *	k = 0 .. n/2, bin frequency k * fs / n, c[k] = 1 for DC and (n even) Nyquist, else 2.
 *
 * so Parseval holds as sum_k P[k] * df = sum_i (w[i] x[i])^2 / sum_i w[i]^2 with
 * df = fs / n: the mean square of the signal for the rectangular window, and the
 * window-weighted mean square for the others. Welch averaging takes segments of seg
 * samples every seg/2 samples across the window and averages their P (SciPy's welch with
 * scaling="density", detrend=False, the same periodic windows). No detrending.
 *
 * Windows are periodic ("DFT-even", SciPy get_window's default): hann
 * w[i] = 0.5 - 0.5 cos(2 pi i / n), hamming 0.54 - 0.46 cos(2 pi i / n), rect 1.
 *
 * FFTW plans are made once per size (spec_init, and once per input length for the
 * resampler) and reused; nothing is allocated per window.
 */
#ifndef EEG_FFT_H
#define EEG_FFT_H

#include <stddef.h>
#include <fftw3.h>

/*
 * Planner flags of every plan. ESTIMATE: measured for the sizes of 1 s of Muse EEG
 * (n = 250..270, 5 channels), MEASURE spent 3-660 ms planning each size (1.9 s in all)
 * against 0.2-2 ms, and its plans ran no faster; a short process never earns that back.
 */
#define FFT_PLAN_FLAGS	FFTW_ESTIMATE

enum fft_window { FFT_HANN, FFT_HAMMING, FFT_RECT };

/* "hann", "hamming", "rect" (also "rectangular", "boxcar"); -1 if unknown. */
int fft_window_parse(const char *s);
const char *fft_window_name(int w);
double fft_window_coef(int w, int i, int n);

struct spec {
	int n;			/* samples per window */
	int seg;		/* samples per Welch segment (n without Welch) */
	int nseg;		/* segments per window, one every seg/2 samples */
	int nbin;		/* seg/2 + 1 */
	double rate, df;	/* samples per second, bin spacing rate/seg */
	double *win;		/* (seg) window coefficients */
	double norm;		/* 1 / (rate * sum win^2) */
	double *in;		/* (seg) FFT input */
	fftw_complex *out;	/* (nbin) FFT output */
	fftw_plan plan;
};

/* Prepare spectra of n-sample windows, Welch segments of seg samples (seg == n: none).
 * 0, or -1 if the sizes are out of range (n < 2, seg < 2, seg > n). */
int spec_init(struct spec *s, int n, int seg, double rate, int window);
void spec_free(struct spec *s);
/* One-sided PSD of x[0], x[stride], ..., x[(n-1)*stride] into psd (nbin). */
void spec_psd(struct spec *s, const double *x, size_t stride, double *psd);

/* Frequency bands: name and [lo, hi) in Hz. */
struct band {
	char name[32];
	double lo, hi;
};
#define FFT_MAXBANDS	64
/* The default table: delta 1-4, theta 4-8, alpha 8-13, beta 13-30, gamma 30-45. */
int bands_default(struct band *b);
/* "name:lo-hi,name:lo-hi,..." into b (at most FFT_MAXBANDS); count, or -1 with a
 * message in err. */
int bands_parse(const char *s, struct band *b, char *err, size_t errlen);
/* Power in [lo, hi): sum of psd[k] * df over the bins with lo <= k*df < hi. */
double band_power(const double *psd, int nbin, double df, double lo, double hi);

/*
 * Fourier resampling as scipy.signal.resample does it: per channel, real FFT of the n
 * input samples, keep bins 0 .. N/2 with N = min(n, m), for even N double bin N/2 when
 * n > m (downsampling) or halve it when n < m, zero the rest, inverse real FFT of length
 * m, times m/n. x is (n, nch) row-major, y is (m, nch) row-major.
 * One r2c plan per input length is made on first use and kept.
 */
struct resampler {
	int m, nch, maxn;
	double *in;		/* (nch, n) channel-major copy of the input */
	fftw_complex *spec;	/* (nch, n/2+1) its spectra */
	fftw_complex *half;	/* (nch, m/2+1) the kept bins, c2r input */
	double *out;		/* (nch, m) */
	fftw_plan *r2c;		/* [maxn+1], by input length */
	fftw_plan c2r;
};
void resampler_init(struct resampler *r, int m, int nch);
void resampler_free(struct resampler *r);
/* n >= 1; grows the buffers when n exceeds every earlier length. */
void resample(struct resampler *r, const double *x, int n, double *y);

#endif
