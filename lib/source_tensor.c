/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_tensor: an eegpipe tensor stream of samples for source.h ("tensor"). Frames
 * have shape [nch] and the header a rate (or opts.rate); the columns are the channel names
 * (else opts.names, or ch1..chN); t is the frame time when present (has_time = 1 when the
 * first frame has one: open reads it), else index / rate. Each sample's label and group
 * are in s->label and s->group after a read. Values must be finite and times must not
 * decrease. On a pipe, a read returns the frames already there once it has one.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "tensor.h"
#include "util.h"

/* v as the shortest %g that reads back as v (for messages). */
static const char *
num(char *buf, size_t n, double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* A FILE that first returns bytes already read from fd, then reads fd. */
struct prefixed {
	int fd, own;
	unsigned char *pre;
	size_t npre, off;
};

static ssize_t
pf_read(void *cookie, char *buf, size_t n)
{
	struct prefixed *p = cookie;
	ssize_t r;

	if (p->off < p->npre) {
		size_t m = p->npre - p->off < n ? p->npre - p->off : n;
		memcpy(buf, p->pre + p->off, m);
		p->off += m;
		return (ssize_t)m;
	}
	r = util_read(p->fd, buf, n);	/* flushes live output before it waits */
	return r;
}

static int
pf_close(void *cookie)
{
	struct prefixed *p = cookie;

	if (p->own)
		close(p->fd);
	free(p->pre);
	free(p);
	return 0;
}

/* 1 if reading `need` bytes from fp will not block: they are in stdio's buffer (glibc),
 * or the descriptor has data (a regular file always has). */
static int
frame_ready(FILE *fp, int fd, size_t need)
{
	struct pollfd pfd;

#ifdef __GLIBC__
	if ((size_t)(fp->_IO_read_end - fp->_IO_read_ptr) >= need)
		return 1;
#endif
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return pfd.fd < 0 || poll(&pfd, 1, 0) > 0;
}

/* Frames are counted from 0 in messages, as lib/tensor.c does. */
struct tsrc {
	FILE *fp;
	int fd;			/* under fp, for poll */
	struct reader r;
	int ropen, *sel, failed;
	float *first;		/* the frame read at open, not yet returned */
	int32_t lfirst, gfirst;
	double tfirst, tprev;
	long cap;		/* room in s->label and s->group */
	long long idx;
};

static long
tensor_src_read(struct source *s, double *x, double *t, long n)
{
	struct tsrc *c = s->priv;
	struct frame f;
	long got = 0;
	int r;

	if (c->failed)
		return -1;
	if (n > c->cap) {
		s->label = ereallocarray(s->label, n, sizeof *s->label);
		s->group = ereallocarray(s->group, n, sizeof *s->group);
		c->cap = n;
	}
	while (got < n) {
		const float *v;
		double tm;
		if (c->first) {
			v = c->first;
			tm = c->tfirst;
			s->label[got] = c->lfirst;
			s->group[got] = c->gfirst;
		} else {
			/* after the first frame, only read what is already there */
			if (got > 0 && !frame_ready(c->fp, c->fd, c->r.framebytes))
				break;
			r = reader_next(&c->r, &f);
			if (r < 0) {
				c->failed = 1;
				return source_fail(s, "%s", c->r.err);
			}
			if (r == 0)
				break;
			v = f.x;
			tm = c->r.h.t0 + f.time;	/* Unix seconds when the part has a t0 */
			s->label[got] = f.label;
			s->group[got] = f.group;
		}
		if (s->has_time) {
			if (isnan(tm))
				goto notime;
			if (!(fabs(tm) <= SOURCE_MAXTIME)) {
				char a[32];
				c->failed = 1;
				return source_fail(s, "frame %lld: time %s is absurd (more than %g s "
				    "from 0)", c->idx, num(a, sizeof a, tm), SOURCE_MAXTIME);
			}
			if (c->idx > 0 && tm < c->tprev) {
				c->failed = 1;
				char a[32], b[32];
				return source_fail(s, "frame %lld: time %s is before the previous "
				    "frame's %s (times must not decrease)", c->idx,
				    num(a, sizeof a, tm), num(b, sizeof b, c->tprev));
			}
		} else
			tm = (double)c->idx / s->rate;
		for (int k = 0; k < s->nch; k++) {
			double y = v[c->sel[k]];
			if (!isfinite(y)) {
				c->failed = 1;
				return source_fail(s, "frame %lld: value %d (%s) is not finite",
				    c->idx, c->sel[k] + 1, s->chname[k]);
			}
			x[(size_t)got * (size_t)s->nch + (size_t)k] = y;
		}
		if (t)
			t[got] = tm;
		c->tprev = tm;
		c->idx++;
		got++;
		if (c->first) {
			free(c->first);
			c->first = NULL;
		}
	}
	return got;
notime:
	c->failed = 1;
	return source_fail(s, "frame %lld: no time, but the first frame had one", c->idx);
}

static void
tensor_src_close(struct source *s)
{
	struct tsrc *c = s->priv;

	if (c->ropen)
		reader_close(&c->r);
	if (c->fp)
		fclose(c->fp);
	free(c->sel);
	free(c->first);
	free(c);
	free(s->label);
	free(s->group);
	s->label = s->group = NULL;
}

static const struct source_ops tensor_ops = { tensor_src_read, tensor_src_close };

static int
tensor_src_open(struct source *s, struct source_input *in, const struct source_opts *o)
{
	struct tsrc *c = ecalloc(1, sizeof *c);
	struct prefixed *pf = ecalloc(1, sizeof *pf);
	cookie_io_functions_t io = { pf_read, NULL, NULL, pf_close };
	struct frame f;
	char **names = NULL;
	int r, n;

	s->ops = &tensor_ops;
	s->priv = c;
	s->classes = &c->r.h.classes;
	s->groups = &c->r.h.groups;
	/* the FILE reads the detected bytes, then the rest of fd */
	pf->fd = c->fd = in->fd;
	pf->own = in->own;
	pf->pre = in->pre;
	pf->npre = in->npre;
	in->fd = -1;
	in->pre = NULL;
	if (!(c->fp = fopencookie(pf, "r", io))) {
		pf_close(pf);
		return source_fail(s, "open: %s", strerror(errno));
	}
	if (reader_open(&c->r, c->fp, s->name) < 0)
		return source_fail(s, "%s", c->r.err);
	c->ropen = 1;
	if (c->r.h.ndim != 1) {
		char shape[64];
		header_shape_str(&c->r.h, shape, sizeof shape);
		return source_fail(s, "header: frame shape %s: a raw signal has shape [channels]",
		    shape);
	}
	n = (int)c->r.h.dims[0];
	if (n > SOURCE_MAXCH)
		return source_fail(s, "header: %d channels (at most %d)", n, SOURCE_MAXCH);
	if (c->r.h.columns.n == (size_t)n) {
		names = ecalloc((size_t)n, sizeof *names);
		for (int i = 0; i < n; i++)
			names[i] = estrdup(c->r.h.columns.v[i]);
	} else if (!(names = source_default_names(s, n, o)))
		return -1;
	c->sel = ecalloc((size_t)n, sizeof *c->sel);
	r = source_select(s, names, NULL, n, o, c->sel);
	source_free_names(names, n);
	if (r)
		return -1;
	if (o && o->rate)
		s->rate = o->rate;
	else if (c->r.h.rate > 0)
		s->rate = c->r.h.rate;
	else
		return source_fail(s, "header: no sample rate (rate=); give --rate");
	if (source_check_rate(s, s->rate, "header"))
		return -1;
	/* the first frame tells whether frames carry times */
	r = reader_next(&c->r, &f);
	if (r < 0)
		return source_fail(s, "%s", c->r.err);
	if (r > 0) {
		c->first = emalloc(c->r.h.size * sizeof *c->first);
		memcpy(c->first, f.x, c->r.h.size * sizeof *c->first);
		c->tfirst = c->r.h.t0 + f.time;
		c->lfirst = f.label;
		c->gfirst = f.group;
		s->has_time = !isnan(f.time);
		s->unix_time = s->has_time && c->r.h.t0 != 0;
	}
	return 0;
}

static int
tensor_detect(const unsigned char *p, size_t n, const char *path)
{
	(void)path;
	return n >= 8 && !memcmp(p, TENSOR_MAGIC, 8) ? 3 : 0;
}

const struct source_format source_tensor = { "tensor", tensor_detect, tensor_src_open };
