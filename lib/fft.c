/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fft: spectra, band powers and Fourier resampling with FFTW (see fft.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fft.h"
#include "util.h"

static void *
fmalloc(size_t n)
{
	void *p = fftw_malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* --- windows --- */

int
fft_window_parse(const char *s)
{
	if (!strcmp(s, "hann") || !strcmp(s, "hanning"))
		return FFT_HANN;
	if (!strcmp(s, "hamming"))
		return FFT_HAMMING;
	if (!strcmp(s, "rect") || !strcmp(s, "rectangular") || !strcmp(s, "boxcar"))
		return FFT_RECT;
	return -1;
}

const char *
fft_window_name(int w)
{
	return w == FFT_HANN ? "hann" : w == FFT_HAMMING ? "hamming" : "rect";
}

double
fft_window_coef(int w, int i, int n)
{
	double c = cos(2 * M_PI * i / n);

	switch (w) {
	case FFT_HANN:
		return 0.5 - 0.5 * c;
	case FFT_HAMMING:
		return 0.54 - 0.46 * c;
	default:
		return 1;
	}
}

/* --- spectra --- */

int
spec_init(struct spec *s, int n, int seg, double rate, int window)
{
	double ss = 0;

	memset(s, 0, sizeof *s);
	if (n < 2 || seg < 2 || seg > n || !(rate > 0))
		return -1;
	s->n = n;
	s->seg = seg;
	s->nseg = 1 + (n - seg) / (seg / 2);
	s->nbin = seg / 2 + 1;
	s->rate = rate;
	s->df = rate / seg;
	s->win = emalloc(sizeof(double) * seg);
	for (int i = 0; i < seg; i++) {
		s->win[i] = fft_window_coef(window, i, seg);
		ss += s->win[i] * s->win[i];
	}
	s->norm = 1 / (rate * ss);
	s->in = fmalloc(sizeof(double) * seg);
	s->out = fmalloc(sizeof(fftw_complex) * s->nbin);
	s->plan = fftw_plan_dft_r2c_1d(seg, s->in, s->out, FFT_PLAN_FLAGS);
	if (!s->plan)
		die("fftw: cannot plan a transform of %d points", seg);
	return 0;
}

void
spec_free(struct spec *s)
{
	if (s->plan)
		fftw_destroy_plan(s->plan);
	fftw_free(s->in);
	fftw_free(s->out);
	free(s->win);
	memset(s, 0, sizeof *s);
}

void
spec_psd(struct spec *s, const double *x, size_t stride, double *psd)
{
	int seg = s->seg, nbin = s->nbin, hop = seg / 2;
	double scale = s->norm / s->nseg;
	const fftw_complex *out = s->out;

	for (int j = 0; j < s->nseg; j++) {
		const double *p = x + (size_t)j * hop * stride;

		for (int i = 0; i < seg; i++)
			s->in[i] = p[(size_t)i * stride] * s->win[i];
		fftw_execute(s->plan);
		if (j == 0)
			for (int k = 0; k < nbin; k++)
				psd[k] = out[k][0] * out[k][0] + out[k][1] * out[k][1];
		else
			for (int k = 0; k < nbin; k++)
				psd[k] += out[k][0] * out[k][0] + out[k][1] * out[k][1];
	}
	/* one-sided: every bin twice but DC and (even seg) Nyquist */
	for (int k = 0; k < nbin; k++)
		psd[k] *= 2 * scale;
	psd[0] *= 0.5;
	if (seg % 2 == 0)
		psd[nbin - 1] *= 0.5;
}

/* --- bands --- */

static const struct band default_bands[] = {
	{"delta", 1, 4}, {"theta", 4, 8}, {"alpha", 8, 13}, {"beta", 13, 30}, {"gamma", 30, 45},
};

int
bands_default(struct band *b)
{
	int n = sizeof default_bands / sizeof default_bands[0];

	memcpy(b, default_bands, sizeof default_bands);
	return n;
}

int
bands_parse(const char *s, struct band *b, char *err, size_t errlen)
{
	int nb = 0;
	const char *p = s;

	for (;;) {
		const char *colon, *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[128], *q;
		double lo, hi;

		if (len == 0 || len >= sizeof item) {
			snprintf(err, errlen, "band %d: empty or too long", nb + 1);
			return -1;
		}
		memcpy(item, p, len);
		item[len] = 0;
		if (!(colon = strchr(item, ':')) || colon == item ||
		    (size_t)(colon - item) >= sizeof b->name) {
			snprintf(err, errlen, "band '%s': want name:lo-hi", item);
			return -1;
		}
		lo = strtod(colon + 1, &q);
		if (q == colon + 1 || *q != '-') {
			snprintf(err, errlen, "band '%s': want name:lo-hi", item);
			return -1;
		}
		hi = strtod(q + 1, &q);
		if (*q || !isfinite(lo) || !isfinite(hi) || lo < 0 || hi <= lo) {
			snprintf(err, errlen, "band '%s': want 0 <= lo < hi", item);
			return -1;
		}
		if (nb == FFT_MAXBANDS) {
			snprintf(err, errlen, "more than %d bands", FFT_MAXBANDS);
			return -1;
		}
		memcpy(b[nb].name, item, colon - item);
		b[nb].name[colon - item] = 0;
		b[nb].lo = lo;
		b[nb].hi = hi;
		for (int i = 0; i < nb; i++)
			if (!strcmp(b[i].name, b[nb].name)) {
				snprintf(err, errlen, "band '%s' given twice", b[nb].name);
				return -1;
			}
		nb++;
		if (!end)
			return nb;
		p = end + 1;
	}
}

double
band_power(const double *psd, int nbin, double df, double lo, double hi)
{
	double sum = 0, k0 = fmax(ceil(lo / df - 1e-9), 0);
	double k1 = fmin(ceil(hi / df - 1e-9), nbin);	/* the first bin with k df >= hi */

	if (!(k0 < k1))
		return 0;
	for (int k = (int)k0; k < (int)k1; k++)
		sum += psd[k];
	return sum * df;
}

/* --- resampling --- */

void
resampler_init(struct resampler *r, int m, int nch)
{
	memset(r, 0, sizeof *r);
	r->m = m;
	r->nch = nch;
	r->out = fmalloc(sizeof(double) * m * nch);
	r->half = fmalloc(sizeof(fftw_complex) * (m / 2 + 1) * nch);
	/* channel-major (contiguous transforms are faster than strided ones):
	 * out[c*m + i] = c2r of half[c*(m/2+1) + k] */
	r->c2r = fftw_plan_many_dft_c2r(1, &m, nch, r->half, NULL, 1, m / 2 + 1,
	    r->out, NULL, 1, m, FFT_PLAN_FLAGS);
	if (!r->c2r)
		die("fftw: cannot plan a transform of %d points", m);
}

static void
resampler_grow(struct resampler *r, int n)
{
	int maxn = r->maxn ? r->maxn : 256;

	while (maxn < n)
		maxn *= 2;
	for (int i = 0; i <= r->maxn; i++)
		if (r->r2c && r->r2c[i])
			fftw_destroy_plan(r->r2c[i]);
	free(r->r2c);
	fftw_free(r->in);
	fftw_free(r->spec);
	r->maxn = maxn;
	r->in = fmalloc(sizeof(double) * maxn * r->nch);
	r->spec = fmalloc(sizeof(fftw_complex) * (maxn / 2 + 1) * r->nch);
	r->r2c = ecalloc(maxn + 1, sizeof *r->r2c);
}

void
resampler_free(struct resampler *r)
{
	for (int i = 0; i <= r->maxn; i++)
		if (r->r2c && r->r2c[i])
			fftw_destroy_plan(r->r2c[i]);
	free(r->r2c);
	if (r->c2r)
		fftw_destroy_plan(r->c2r);
	fftw_free(r->in);
	fftw_free(r->spec);
	fftw_free(r->out);
	fftw_free(r->half);
	memset(r, 0, sizeof *r);
}

void
resample(struct resampler *r, const double *x, int n, double *y)
{
	int m = r->m, nch = r->nch, nn = n < m ? n : m, keep = nn / 2 + 1, mh = m / 2 + 1;
	int nh = n / 2 + 1;
	double scale = 1.0 / n;	/* irfft's 1/m times scipy's m/n */

	if (n > r->maxn)
		resampler_grow(r, n);
	if (!r->r2c[n]) {
		/* plan before filling: a measuring planner would overwrite the buffers;
		 * in[c*n + i] -> spec[c*(n/2+1) + k] */
		r->r2c[n] = fftw_plan_many_dft_r2c(1, &n, nch, r->in, NULL, 1, n,
		    r->spec, NULL, 1, nh, FFT_PLAN_FLAGS);
		if (!r->r2c[n])
			die("fftw: cannot plan a transform of %d points", n);
	}
	for (int c = 0; c < nch; c++) {	/* a channel at a time: one stride, no index products */
		const double *xc = x + c;
		double *in = r->in + (size_t)c * n;

		for (int i = 0; i < n; i++, xc += nch)
			in[i] = *xc;
	}
	fftw_execute(r->r2c[n]);
	for (int c = 0; c < nch; c++) {
		fftw_complex *h = r->half + (size_t)c * mh;

		memcpy(h, r->spec + (size_t)c * nh, sizeof(fftw_complex) * keep);
		memset(h + keep, 0, sizeof(fftw_complex) * (mh - keep));
		if (nn % 2 == 0 && n != m) {
			double f = n > m ? 2 : 0.5;

			h[nn / 2][0] *= f;
			h[nn / 2][1] *= f;
		}
		/* the imaginary parts of DC and of an even length's Nyquist bin do not exist */
		h[0][1] = 0;
		if (m % 2 == 0)
			h[mh - 1][1] = 0;
	}
	fftw_execute(r->c2r);
	for (int c = 0; c < nch; c++) {
		const double *out = r->out + (size_t)c * m;
		double *yc = y + c;

		for (int i = 0; i < m; i++, yc += nch)
			*yc = out[i] * scale;
	}
}
