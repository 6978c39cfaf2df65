/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_raw: headerless interleaved samples for source.h ("raw", only by --format raw):
 * each sample is one little-endian IEEE 754 float32 per channel, channel after channel,
 * samples back to back. Nothing in the bytes says how many channels or how fast, so both
 * come from the options: opts.names names the channels (their count is the channel
 * count) and opts.rate is required. t = index / rate. So `nc -l 9000 | eeg-fft --format raw
 * --rate 256 --names TP9,AF7,AF8,TP10` takes any bridge that can write floats.
 *
 * Read from standard input or a file as it arrives (util_read); a read returns the whole
 * samples that have come. A part sample at the end of input is an error (it is never
 * passed on); one cut by a stop signal is dropped.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "tensor.h"
#include "util.h"

#define RAW_BUF	(1 << 16)	/* bytes read at once, at least two samples */

struct raw {
	int fd, own, eof, failed;
	int nin;		/* channels in the input */
	int *sel;		/* s->nch channels kept: their input indices */
	unsigned char *buf;	/* len bytes read, not yet returned */
	size_t len, cap;
	float *tmp;		/* (nin): one sample */
};

static long
raw_read(struct source *s, double *x, double *t, long n)
{
	struct raw *r = s->priv;
	size_t ss = (size_t)r->nin * 4;	/* bytes per sample */
	long m;

	if (r->failed)
		return -1;
	while (r->len < ss) {
		ssize_t k;
		if (r->eof) {
			if (r->len && !util_stopped()) {
				r->failed = 1;
				return source_fail(s, "sample %lld: truncated: %zu of %zu bytes at the "
				    "end", s->nread + 1, r->len, ss);
			}
			return 0;
		}
		if ((k = util_read(r->fd, r->buf + r->len, r->cap - r->len)) < 0) {
			r->failed = 1;
			return source_fail(s, "read: %s", strerror(errno));
		}
		if (k == 0)
			r->eof = 1;
		r->len += (size_t)k;
	}
	m = (long)(r->len / ss) < n ? (long)(r->len / ss) : n;
	for (long i = 0; i < m; i++) {
		const unsigned char *p = r->buf + (size_t)i * ss;
		for (int c = 0; c < r->nin; c++) {
			uint32_t u = get_u32(p + 4 * (size_t)c);
			memcpy(&r->tmp[c], &u, 4);
		}
		for (int c = 0; c < s->nch; c++) {
			float v = r->tmp[r->sel[c]];
			if (!isfinite(v)) {
				r->failed = 1;
				return source_fail(s, "sample %lld: channel %s: not a finite number",
				    s->nread + i + 1, s->chname[c]);
			}
			x[(size_t)i * s->nch + c] = v;
		}
		if (t)
			t[i] = (double)(s->nread + i) / s->rate;
	}
	r->len -= (size_t)m * ss;
	memmove(r->buf, r->buf + (size_t)m * ss, r->len);
	return m;
}

static void
raw_close(struct source *s)
{
	struct raw *r = s->priv;

	if (!r)
		return;
	if (r->own)
		close(r->fd);
	free(r->sel);
	free(r->buf);
	free(r->tmp);
	free(r);
	s->priv = NULL;
}

static const struct source_ops raw_ops = { raw_read, raw_close };

static int
raw_open(struct source *s, struct source_input *in, const struct source_opts *o)
{
	struct raw *r;
	char **names;
	int n = 1;

	if (!o || !o->names)
		return source_fail(s, "open: raw samples need --names (one per channel) and --rate");
	if (!o->rate)
		return source_fail(s, "open: raw samples need --rate");
	for (const char *p = o->names; *p; p++)
		n += *p == ',';
	if (n > SOURCE_MAXCH)
		return source_fail(s, "--names: %d channels (at most %d)", n, SOURCE_MAXCH);
	if (!(names = source_default_names(s, n, o)))
		return -1;
	r = ecalloc(1, sizeof *r);
	s->ops = &raw_ops;
	s->priv = r;
	r->nin = n;
	r->sel = ecalloc((size_t)n, sizeof *r->sel);
	if (source_select(s, names, NULL, n, o, r->sel) < 0) {
		source_free_names(names, n);
		return -1;
	}
	source_free_names(names, n);
	s->rate = o->rate;
	r->cap = RAW_BUF > 2 * (size_t)n * 4 ? RAW_BUF : 2 * (size_t)n * 4;
	if (r->cap < in->npre + (size_t)n * 4)
		r->cap = in->npre + (size_t)n * 4;
	r->buf = emalloc(r->cap);
	r->tmp = ecalloc((size_t)n, sizeof *r->tmp);
	/* the bytes detection read come first */
	memcpy(r->buf, in->pre, in->npre);
	r->len = in->npre;
	r->fd = in->fd;
	r->own = in->own;
	in->fd = -1;
	return 0;
}

const struct source_format source_raw = { "raw", NULL, raw_open };
