/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_snd: libsndfile sources (WAV, FLAC, AIFF, AU, W64, RF64, ...) for source.h ("snd").
 * PCM is scaled to [-1, 1) (libsndfile's normalisation); float data is passed as stored.
 * Names from opts.names, else ch1..chN. A file whose data chunk is shorter than its header
 * says is an error (truncated). FLAC and Ogg on a pipe are first copied to a temporary file
 * (libsndfile cannot decode them from a pipe), so they are not read live.
 *
 * Files are opened by name. stdin is handed to sf_open_fd; when the format had to be
 * sniffed from a pipe, the bytes already read are replayed by a thread that copies them
 * and then the rest of stdin into a fresh pipe, so libsndfile still sees a pipe (closing
 * wakes the thread through a second pipe and joins it; no cancellation).
 * On a pipe, a read asks libsndfile only for the frames already waiting (FIONREAD), so a
 * live stream is not held back to fill a large request.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>

#include "source.h"
#include "util.h"

#define SND_CHUNK	4096	/* frames per libsndfile call */

struct feeder {
	int in, out;
	int wake[2];		/* a byte on wake[1] tells the thread to stop */
	unsigned char *pre;
	size_t npre;
};

struct snd {
	SNDFILE *sf;
	SF_INFO info;
	int fd;			/* descriptor libsndfile reads, -1 for a named file */
	int pipe;		/* fd is a pipe or socket */
	long long declared;	/* frames the header announces, or -1 */
	int bpf;		/* bytes per frame for FIONREAD, 0 if unknown (compressed) */
	int *sel, all, failed;
	double *tmp;
	long long idx;
	struct feeder *fe;
	pthread_t th;
	int has_th;
};

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void *
feed(void *arg)
{
	struct feeder *fe = arg;
	unsigned char buf[1 << 16];
	sigset_t set;
	ssize_t r;

	/* a reader that went away gives EPIPE here, never a signal */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (write_all(fe->out, fe->pre, fe->npre) == 0)
		for (;;) {
			struct pollfd pfd[2] = { { fe->in, POLLIN, 0 }, { fe->wake[0], POLLIN, 0 } };
			if (poll(pfd, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (pfd[1].revents)
				break;
			r = read(fe->in, buf, sizeof buf);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0 || write_all(fe->out, buf, (size_t)r))
				break;
		}
	close(fe->out);
	fe->out = -1;
	return NULL;
}

/* Copy pre and the rest of fd into an unlinked temporary file; its descriptor at 0. */
static int
spool(int fd, const unsigned char *pre, size_t npre)
{
	FILE *tmp = tmpfile();
	unsigned char buf[1 << 16];
	ssize_t r;
	int out;

	if (!tmp)
		return -1;
	out = dup(fileno(tmp));
	fclose(tmp);
	if (out < 0 || write_all(out, pre, npre))
		goto fail;
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (r > 0 && write_all(out, buf, (size_t)r)))
			goto fail;
		if (r == 0)
			break;
	}
	if (lseek(out, 0, SEEK_SET) < 0)
		goto fail;
	return out;
fail:
	if (out >= 0)
		close(out);
	return -1;
}

/*
 * Why libsndfile refused a WAV file it would call "SF_INFO struct incomplete": look for a
 * zero sample rate in the "fmt " chunk of the first bytes. 1 and the rate if found.
 */
static int
wav_rate(const unsigned char *p, size_t n, unsigned long *rate)
{
	size_t i = 12;

	if (n < 12 || (memcmp(p, "RIFF", 4) && memcmp(p, "RF64", 4)) || memcmp(p + 8, "WAVE", 4))
		return 0;
	while (i + 8 <= n) {
		unsigned long len = p[i + 4] | p[i + 5] << 8 | p[i + 6] << 16 |
		    (unsigned long)p[i + 7] << 24;
		if (!memcmp(p + i, "fmt ", 4)) {
			if (i + 16 > n)
				return 0;
			*rate = p[i + 12] | p[i + 13] << 8 | p[i + 14] << 16 |
			    (unsigned long)p[i + 15] << 24;
			return 1;
		}
		if (len > n)
			return 0;
		i += 8 + len + (len & 1);
	}
	return 0;
}

static int
sample_bytes(int format)
{
	switch (format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8: case SF_FORMAT_ULAW: case SF_FORMAT_ALAW:
		return 1;
	case SF_FORMAT_PCM_16:
		return 2;
	case SF_FORMAT_PCM_24:
		return 3;
	case SF_FORMAT_PCM_32: case SF_FORMAT_FLOAT:
		return 4;
	case SF_FORMAT_DOUBLE:
		return 8;
	default:
		return 0;
	}
}

/*
 * libsndfile reads a truncated file as a shorter one and only says so in its log, as
 * "data : 4000 (should be 2957)" (WAV) or " SSND : 5128 (should be 98)" (AIFF): a data
 * chunk declared longer than the file holds.
 * (A declared 0 or 0xffffffff is a writer that could not seek back: not truncation.)
 */
static int
truncated(SNDFILE *sf, long long *declared, long long *actual)
{
	char log[8192], *p;
	long long length = -1, offset = -1, size = -1;

	sf_command(sf, SFC_GET_LOG_INFO, log, sizeof log);
	for (p = log; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		long long a, b;
		/* AU logs its data as "Data Offset : N" and "Data Size : N", after the file's
		 * "Length : N": data said to lie past the end is cut too (0xffffffff: unknown) */
		sscanf(p, "Length : %lld", &length);
		sscanf(p, "  Data Offset : %lld", &offset);
		if (sscanf(p, "  Data Size : %lld", &size) == 1 && length >= 0 && offset >= 0 &&
		    size != 0xffffffffLL && offset + size > length) {
			*declared = size;
			*actual = offset < length ? length - offset : 0;
			return 1;
		}
		const char *q = p + strspn(p, " ");	/* AIFF indents its chunks: " SSND" */
		if ((!strncmp(q, "data", 4) || !strncmp(q, "SSND", 4)) &&
		    sscanf(q + 4, " : %lld (should be %lld)", &a, &b) == 2 &&
		    a > b && a != 0xffffffffLL && a != 0xffffffffLL - 8) {
			*declared = a;
			*actual = b;
			return 1;
		}
	}
	return 0;
}

static long
snd_read(struct source *s, double *x, double *t, long n)
{
	struct snd *c = s->priv;
	long got = 0;
	int nsrc = c->info.channels;

	if (c->failed)
		return -1;
	while (got < n) {
		sf_count_t m = n - got, r;
		if (m > SND_CHUNK)
			m = SND_CHUNK;
		if (c->pipe) {
			/* only the frames already waiting, but at least one */
			int avail = 0;
			long k;
			if (ioctl(c->fd, FIONREAD, &avail) < 0)
				avail = 0;
			k = c->bpf ? avail / c->bpf : avail / (2 * nsrc);
			if (got > 0 && k < 1)
				break;
			if (k < 1)
				k = 1;
			if (m > k)
				m = k;
		}
		r = sf_readf_double(c->sf, c->all ? x + (size_t)got * (size_t)nsrc : c->tmp, m);
		if (r < 0 || sf_error(c->sf)) {
			c->failed = 1;
			return source_fail(s, "read: %s", sf_strerror(c->sf));
		}
		if (!c->all)
			for (sf_count_t i = 0; i < r; i++)
				for (int k = 0; k < s->nch; k++)
					x[(size_t)(got + i) * (size_t)s->nch + (size_t)k] =
					    c->tmp[(size_t)i * (size_t)nsrc + (size_t)c->sel[k]];
		for (sf_count_t i = 0; i < r; i++) {
			const double *row = x + (size_t)(got + i) * (size_t)s->nch;
			for (int k = 0; k < s->nch; k++)
				if (!isfinite(row[k])) {
					c->failed = 1;
					return source_fail(s, "sample %lld: channel %s: not finite",
					    c->idx + i + 1, s->chname[k]);
				}
			if (t)
				t[got + i] = (double)(c->idx + i) / s->rate;
		}
		got += r;
		c->idx += r;
		if (r == 0 || c->pipe)
			break;
	}
	if (got == 0 && c->declared >= 0 && c->idx < c->declared) {
		c->failed = 1;
		return source_fail(s, "read: truncated: %lld of %lld samples", c->idx, c->declared);
	}
	return got;
}

static void
snd_close(struct source *s)
{
	struct snd *c = s->priv;

	if (c->sf)
		sf_close(c->sf);
	if (c->has_th) {
		/* the read end is closed: a blocked write fails; a blocked poll wakes */
		ssize_t w;
		do
			w = write(c->fe->wake[1], "", 1);
		while (w < 0 && errno == EINTR);
		pthread_join(c->th, NULL);
	} else if (c->fe && c->fe->out >= 0)
		close(c->fe->out);
	if (c->fe) {
		close(c->fe->wake[0]);
		close(c->fe->wake[1]);
		free(c->fe->pre);
		free(c->fe);
	}
	free(c->sel);
	free(c->tmp);
	free(c);
}

static const struct source_ops snd_ops = { snd_read, snd_close };

/* path NULL = use fd (standard input); pre/npre are bytes already read from fd. */
static int
snd_open(struct source *s, const char *path, int fd, const unsigned char *pre,
    size_t npre, const struct source_opts *o)
{
	struct snd *c = ecalloc(1, sizeof *c);
	struct stat st;
	char **names;
	int r, n;

	s->ops = &snd_ops;
	s->priv = c;
	c->fd = -1;
	if (path) {
		c->sf = sf_open(path, SFM_READ, &c->info);
	} else {
		if (npre >= 4 && (!memcmp(pre, "fLaC", 4) || !memcmp(pre, "OggS", 4))) {
			/* libsndfile cannot decode these from a pipe ("flac decoder lost
			 * sync"): spool the stream to an unlinked temporary file first */
			if ((fd = spool(fd, pre, npre)) < 0)
				return source_fail(s, "open: temporary file: %s", strerror(errno));
			npre = 0;
			c->fd = fd;
			c->sf = sf_open_fd(fd, SFM_READ, &c->info, 1);
		} else if (npre > 0) {
			int p[2];
			if (pipe(p) < 0)
				return source_fail(s, "open: pipe: %s", strerror(errno));
			c->fe = ecalloc(1, sizeof *c->fe);
			c->fe->in = fd;
			c->fe->out = p[1];
			if (pipe(c->fe->wake) < 0) {
				c->fe->wake[0] = c->fe->wake[1] = -1;
				close(p[0]);
				return source_fail(s, "open: pipe: %s", strerror(errno));
			}
			c->fe->pre = emalloc(npre);
			memcpy(c->fe->pre, pre, npre);
			c->fe->npre = npre;
			if ((errno = pthread_create(&c->th, NULL, feed, c->fe))) {
				close(p[0]);
				return source_fail(s, "open: thread: %s", strerror(errno));
			}
			c->has_th = 1;
			fd = p[0];
		}
		if (!c->sf) {
			c->fd = fd;
			c->pipe = fstat(fd, &st) == 0 &&
			    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
			c->sf = sf_open_fd(fd, SFM_READ, &c->info, npre > 0);
		}
	}
	if (!c->sf) {
		unsigned char head[512];
		size_t n = 0;
		unsigned long rate;
		if (path) {
			FILE *fp = fopen(path, "rb");
			if (fp) {
				n = fread(head, 1, sizeof head, fp);
				fclose(fp);
			}
		} else if (pre) {
			n = npre < sizeof head ? npre : sizeof head;
			memcpy(head, pre, n);
		}
		if (wav_rate(head, n, &rate) && (rate == 0 || rate > SOURCE_MAXRATE))
			return source_fail(s, "header: sample rate %lu: %s", rate,
			    rate ? "absurd" : "must be > 0");
		return source_fail(s, "open: %s", sf_strerror(NULL));
	}
	n = c->info.channels;
	if (n < 1 || n > SOURCE_MAXCH)
		return source_fail(s, "header: %d channels", n);
	c->bpf = sample_bytes(c->info.format) * n;
	if (!(names = source_default_names(s, n, o)))
		return -1;
	c->sel = ecalloc((size_t)n, sizeof *c->sel);
	r = source_select(s, names, NULL, n, o, c->sel);
	source_free_names(names, n);
	if (r)
		return -1;
	c->all = s->nch == n;
	for (int k = 0; k < s->nch && c->all; k++)
		c->all = c->sel[k] == k;
	if (!c->all)
		c->tmp = ecalloc((size_t)SND_CHUNK * (size_t)n, sizeof *c->tmp);
	if (o && o->rate)
		s->rate = o->rate;
	else {
		s->rate = c->info.samplerate;
		if (source_check_rate(s, s->rate, "header"))
			return -1;
	}
	if (!c->pipe && c->info.seekable && c->info.frames >= 0 && c->info.frames < SF_COUNT_MAX)
		s->length = c->info.frames;
	/* on a pipe a cut file shows only at its end: against what the header announced */
	c->declared = c->info.frames > 0 && c->info.frames < SF_COUNT_MAX ? c->info.frames : -1;
	{
		long long declared, actual;
		if (!c->pipe && truncated(c->sf, &declared, &actual))
			return source_fail(s, "header: truncated: the data chunk has %lld of %lld "
			    "bytes", actual, declared);
	}
	return 0;
}

static int
open_input(struct source *s, struct source_input *in, const struct source_opts *o)
{
	if (in->path)
		return snd_open(s, in->path, -1, NULL, 0, o);
	if (source_rewind(in) == 0)
		return snd_open(s, NULL, in->fd, NULL, 0, o);
	return snd_open(s, NULL, in->fd, in->pre, in->npre, o);
}

static const char *const snd_ext[] = { "wav", "wave", "flac", "aif", "aiff", "aifc", "au",
	"snd", "w64", "rf64", "ogg", "oga", "opus", "caf", "wv", "sd2", "voc", "paf", "iff",
	"svx", "nist", "sph", "mat", "mat4", "mat5", "pvf", "xi", "htk", "sds", "avr", "mpc2k",
	"mp3", NULL };

/* Magic, extension, or any binary input (libsndfile then tries, and says why not). */
static int
snd_detect(const unsigned char *p, size_t n, const char *path)
{
	static const char *const m[] = { "RIFF", "RIFX", "RF64", "FORM", "fLaC", ".snd", "dns.",
		"OggS", "riff", "caff", "wvpk", "NIST", "Crea", NULL };

	for (int i = 0; n >= 4 && m[i]; i++)
		if (!memcmp(p, m[i], 4))
			return 3;
	if (source_has_ext(path, snd_ext))
		return 2;
	return !source_is_text(p, n < 4096 ? n : 4096);
}

const struct source_format source_snd = { "snd", snd_detect, open_input };
