/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fft: spectra, Parseval, Welch, bands, Fourier resampling, bird2018 features. */
#include <math.h>
#include <string.h>

#include "bird.h"
#include "check.h"
#include "fft.h"
#include "util.h"

static double
energy_w(const struct spec *s, const double *x, int off)
{
	double e = 0, ww = 0;

	for (int i = 0; i < s->seg; i++) {
		e += (s->win[i] * x[off + i]) * (s->win[i] * x[off + i]);
		ww += s->win[i] * s->win[i];
	}
	return e / ww;
}

/* A sine centred on bin 10 lands in bin 10 with power A^2/2; nothing elsewhere (rect). */
static void
test_sine(void)
{
	struct spec s;
	double x[256], psd[129], a = 3;

	for (int i = 0; i < 256; i++)
		x[i] = a * sin(2 * M_PI * 10 * i / 256.0 + 0.3);
	CHECK(spec_init(&s, 256, 256, 256, FFT_RECT) == 0, "init");
	spec_psd(&s, x, 1, psd);
	CHECK_CLOSE(s.df, 1, 1e-15, "df");
	CHECK_CLOSE(psd[10] * s.df, a * a / 2, 1e-12, "rect: sine power in bin 10");
	for (int k = 0; k < 129; k++)
		if (k != 10)
			CHECK(psd[k] < 1e-20, "rect: leak into bin %d: %g", k, psd[k]);
	spec_free(&s);

	/* Hann: the peak spreads over bins 9..11 (1/4, 1, 1/4 of the amplitude), power kept */
	CHECK(spec_init(&s, 256, 256, 256, FFT_HANN) == 0, "init hann");
	spec_psd(&s, x, 1, psd);
	CHECK_CLOSE((psd[9] + psd[10] + psd[11]) * s.df, a * a / 2, 1e-12, "hann: sine power");
	CHECK_CLOSE(psd[9] / psd[10], 0.25, 1e-12, "hann: side bin power 1/4 of the centre");
	for (int k = 0; k < 129; k++)
		if (k < 9 || k > 11)
			CHECK(psd[k] < 1e-20, "hann: leak into bin %d: %g", k, psd[k]);
	spec_free(&s);

	/* DC and Nyquist are not doubled */
	for (int i = 0; i < 256; i++)
		x[i] = 2 + (i % 2 ? -1 : 1);
	CHECK(spec_init(&s, 256, 256, 256, FFT_RECT) == 0, "init");
	spec_psd(&s, x, 1, psd);
	CHECK_CLOSE(psd[0] * s.df, 4, 1e-12, "DC power");
	CHECK_CLOSE(psd[128] * s.df, 1, 1e-12, "Nyquist power");
	spec_free(&s);
}

/* Parseval: sum P df = windowed mean square, every window, odd and even lengths, strided. */
static void
test_parseval(void)
{
	static const int ns[] = {256, 255, 100, 7};
	struct rng r;
	double x[2 * 256], psd[129];

	rng_seed(&r, 42);
	for (int i = 0; i < 2 * 256; i++)
		x[i] = 10 * rng_normal(&r) + 3;
	for (int w = FFT_HANN; w <= FFT_RECT; w++)
		for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
			struct spec s;
			double sum = 0, e, xs[256];

			CHECK(spec_init(&s, ns[j], ns[j], 128, w) == 0, "init");
			spec_psd(&s, x, 2, psd);	/* every second value: channel 0 of 2 */
			for (int k = 0; k < s.nbin; k++)
				sum += psd[k] * s.df;
			for (int i = 0; i < ns[j]; i++)
				xs[i] = x[2 * i];
			e = energy_w(&s, xs, 0);
			CHECK_CLOSE(sum, e, 1e-12, "Parseval");
			spec_free(&s);
		}
}

/* Welch: the average of the segments' spectra, segments every seg/2 samples. */
static void
test_welch(void)
{
	struct spec s, t;
	struct rng r;
	double x[512], psd[65], one[65], avg[65] = {0};

	rng_seed(&r, 7);
	for (int i = 0; i < 512; i++)
		x[i] = rng_normal(&r);
	CHECK(spec_init(&s, 512, 128, 256, FFT_HANN) == 0, "init");
	CHECK(s.nseg == 7, "7 segments of 128 in 512 with hop 64, got %d", s.nseg);
	CHECK(s.nbin == 65, "bins");
	spec_psd(&s, x, 1, psd);
	CHECK(spec_init(&t, 128, 128, 256, FFT_HANN) == 0, "init");
	for (int j = 0; j < 7; j++) {
		spec_psd(&t, x + 64 * j, 1, one);
		for (int k = 0; k < 65; k++)
			avg[k] += one[k] / 7;
	}
	for (int k = 0; k < 65; k++)
		CHECK_CLOSE(psd[k], avg[k], 1e-12, "Welch average");
	spec_free(&s);
	spec_free(&t);
	CHECK(spec_init(&s, 100, 101, 256, FFT_HANN) == -1, "segment longer than window");
	CHECK(spec_init(&s, 1, 1, 256, FFT_HANN) == -1, "1-sample window");
}

static void
test_bands(void)
{
	struct band b[FFT_MAXBANDS];
	double psd[129];
	char err[256];
	int n;

	CHECK(bands_default(b) == 5, "5 default bands");
	CHECK(!strcmp(b[2].name, "alpha") && b[2].lo == 8 && b[2].hi == 13, "alpha 8-13");
	for (int k = 0; k < 129; k++)
		psd[k] = 1;
	/* bins 8, 9, 10, 11, 12 at df = 1: [8, 13) */
	CHECK_CLOSE(band_power(psd, 129, 1, 8, 13), 5, 1e-12, "alpha at df 1");
	/* df = 0.5: bins at 8.0 .. 12.5 = 10 bins of 0.5 Hz */
	CHECK_CLOSE(band_power(psd, 129, 0.5, 8, 13), 5, 1e-12, "alpha at df 0.5");
	CHECK_CLOSE(band_power(psd, 129, 1, 100, 200), 29, 1e-12, "band cut at the last bin");
	n = bands_parse("slow:0.5-2,mu:8-12.5", b, err, sizeof err);
	CHECK(n == 2 && !strcmp(b[1].name, "mu") && b[1].hi == 12.5 && b[0].lo == 0.5,
	    "parse: %s", err);
	CHECK(bands_parse("a:4-2", b, err, sizeof err) == -1, "lo > hi");
	CHECK(bands_parse("a:1-2,a:2-3", b, err, sizeof err) == -1, "duplicate");
	CHECK(bands_parse("a1-2", b, err, sizeof err) == -1, "no colon");
	CHECK(bands_parse("a:1-2,", b, err, sizeof err) == -1, "empty item");
	CHECK(bands_parse(":1-2", b, err, sizeof err) == -1, "no name");
	CHECK(bands_parse("a:x-2", b, err, sizeof err) == -1, "not a number");
}

/* Band-limited signals resample exactly: the closed form at the new sample points. */
static void
test_resample(void)
{
	static const int ns[] = {256, 257, 300, 150, 100, 151};
	struct resampler r;
	double x[300 * 2], y[150 * 2];

	resampler_init(&r, 150, 2);
	for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
		int n = ns[j];
		double err = 0;

		for (int i = 0; i < n; i++) {
			x[2 * i] = cos(2 * M_PI * 3 * i / n) + 0.5 * sin(2 * M_PI * 7 * i / n) + 2;
			x[2 * i + 1] = sin(2 * M_PI * 40 * i / n);
		}
		resample(&r, x, n, y);
		for (int i = 0; i < 150; i++) {
			double a = cos(2 * M_PI * 3 * i / 150) + 0.5 * sin(2 * M_PI * 7 * i / 150) + 2;
			double b = n > 80 ? sin(2 * M_PI * 40 * i / 150) : 0;

			err = fmax(err, fabs(y[2 * i] - a));
			if (n > 80)
				err = fmax(err, fabs(y[2 * i + 1] - b));
		}
		CHECK(err < 1e-12, "resample n=%d: error %g", n, err);
	}
	/* the new Nyquist bin: cos(pi i * 150/n) over n > 150 samples becomes (-1)^i */
	for (int i = 0; i < 256; i++)
		x[2 * i] = x[2 * i + 1] = cos(2 * M_PI * 75 * i / 256);
	resample(&r, x, 256, y);
	for (int i = 0; i < 150; i++)
		CHECK_CLOSE(y[2 * i], i % 2 ? -1 : 1, 1e-12, "Nyquist bin doubled");
	/* a shorter even input: its Nyquist bin is halved (scipy's upsampling rule), which
	 * gives the closed form */
	for (int i = 0; i < 100; i++)
		x[2 * i] = x[2 * i + 1] = i % 2 ? -1 : 1;
	resample(&r, x, 100, y);
	for (int i = 0; i < 150; i++)
		CHECK_CLOSE(y[2 * i], cos(2 * M_PI * 50 * i / 150), 1e-12, "Nyquist halved");
	resampler_free(&r);
}

static void
test_bird(void)
{
	static double x[BIRD_M * BIRD_NCH], f[BIRD_NFEAT];
	char name[64];

	bird_name(0, name, sizeof name);
	CHECK(!strcmp(name, "mean_0"), "%s", name);
	bird_name(10, name, sizeof name);
	CHECK(!strcmp(name, "mean_d_0"), "%s (the quarter means collide with mean_d)", name);
	bird_name(BIRD_FFT, name, sizeof name);
	CHECK(!strcmp(name, "fft_0"), "%s", name);
	bird_name(BIRD_NFEAT - 1, name, sizeof name);
	CHECK(!strcmp(name, "fft_749"), "%s", name);
	bird_name(448, name, sizeof name);
	CHECK(!strcmp(name, "entropy4"), "%s", name);

	/* x[i][c] = c + 1 + i/150: known means, maxima, DFT across channels */
	for (int i = 0; i < BIRD_M; i++)
		for (int c = 0; c < BIRD_NCH; c++)
			x[i * BIRD_NCH + c] = c + 1 + i / 150.0;
	bird_features(x, f, 1);
	CHECK_CLOSE(f[0], 1 + 149 / 300.0, 1e-12, "mean_0");
	CHECK_CLOSE(f[5], 0.5, 1e-12, "mean_d_0: second half minus first half");
	CHECK_CLOSE(f[10], 1 + 18 / 150.0, 1e-12, "quarter 1 mean (rows 0-36)");
	CHECK_CLOSE(f[30], (18 - 55.5) / 150.0, 1e-12, "q1 - q2");
	CHECK_CLOSE(f[90], 1 + 149 / 150.0, 1e-12, "max_0");
	CHECK_CLOSE(f[150], 1, 1e-12, "min_0");
	for (int i = 0; i < BIRD_M; i++) {
		double s = 0;

		for (int c = 0; c < BIRD_NCH; c++)
			s += x[i * BIRD_NCH + c];
		CHECK_CLOSE(f[BIRD_FFT + 5 * i], s, 1e-12, "fft_5n: channel sum");
		CHECK_CLOSE(f[BIRD_FFT + 5 * i + 1], f[BIRD_FFT + 5 * i + 4], 1e-12, "k=1 == k=4");
		CHECK_CLOSE(f[BIRD_FFT + 5 * i + 2], f[BIRD_FFT + 5 * i + 3], 1e-12, "k=2 == k=3");
		/* sum_c (c + a) cos(2 pi k c / 5) = sum_c c cos(...) for k != 0: -2.5 */
		CHECK_CLOSE(f[BIRD_FFT + 5 * i + 1], -2.5, 1e-12, "fft k=1");
	}
	/* stddev of a ramp of step 1/150 over 150 rows: sqrt((150^2 - 1) / 12) / 150 */
	CHECK_CLOSE(f[60], sqrt((150.0 * 150 - 1) / 12) / 150, 1e-12, "stddev (population)");
	/* odd central moments of a symmetric ramp vanish */
	CHECK(fabs(f[70]) < 1e-12, "moment 3: %g", f[70]);
	/* correlate_i = sum_c x[i][c] x[75+i][c] */
	{
		double s = 0;

		for (int c = 0; c < BIRD_NCH; c++)
			s += (c + 1.0) * (c + 1 + 75 / 150.0);
		CHECK_CLOSE(f[449], s, 1e-12, "correlate_0");
	}
	/* entropy of p = |x| / sum |x| per channel, here with libm's log */
	for (int c = 0; c < BIRD_NCH; c++) {
		double s = 0, h = 0;

		for (int i = 0; i < BIRD_M; i++)
			s += x[i * BIRD_NCH + c];
		for (int i = 0; i < BIRD_M; i++)
			h -= x[i * BIRD_NCH + c] / s * log(x[i * BIRD_NCH + c] / s);
		CHECK_CLOSE(f[444 + c], h, 1e-13, "entropy");
	}
	for (int i = 0; i < BIRD_NFEAT; i++)
		CHECK(isfinite(f[i]), "feature %d finite", i);
	/* eigenvalues: descending, their sum is the trace of covmat */
	{
		double tr = 0, se = 0;

		for (int i = 0; i < 12; i++) {
			tr += f[210 + 12 * i + i];	/* covmat_0 is value 210 */
			se += f[354 + i];		/* eigen_0 is value 354 */
			if (i)
				CHECK(f[354 + i] <= f[354 + i - 1], "eigen descending");
		}
		CHECK_CLOSE(se, tr, 1e-9, "sum of eigenvalues = trace");
	}
}

int
main(void)
{
	test_sine();
	test_parseval();
	test_welch();
	test_bands();
	test_resample();
	test_bird();
	CHECK_DONE();
}
