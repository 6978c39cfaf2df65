/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source: the interface over the raw-recording readers (see source.h): format detection,
 * opening, and the helpers the readers share. The readers are lib/source_*.c.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "names.h"
#include "source.h"
#include "util.h"

#define SNIFF		4096		/* bytes looked at to detect a format */
#define SNIFF_BUF	(1u << 16)	/* bytes read at most before a reader takes over */

/*
 * The formats, in the order that breaks ties between equal detect scores. A new format
 * is one line here and one in source.h (see there).
 */
static const struct source_format *const formats[] = {
	&source_tensor, &source_edf, &source_gdf, &source_brainvision, &source_bci2000, &source_cnt,
	&source_egi, &source_snd, &source_muse, &source_mindmonitor, &source_mindmonitor_bands,
	&source_openbci, &source_emotiv, &source_csv, &source_raw, NULL,
};

/* --- helpers for readers --- */

int
source_fail(struct source *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	for (char *p = s->err; *p; p++)	/* a file's bytes quoted: still one line */
		if ((unsigned char)*p < 32 || *p == 127)
			*p = '?';
	return -1;
}

int
source_check_rate(struct source *s, double rate, const char *what)
{
	if (!(rate > 0) || !isfinite(rate))
		return source_fail(s, "%s: sample rate %g: must be > 0", what, rate);
	if (rate > SOURCE_MAXRATE)
		return source_fail(s, "%s: sample rate %g: absurd (more than %g Hz)", what, rate,
		    SOURCE_MAXRATE);
	return 0;
}

void
source_free_names(char **v, int n)
{
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Split a comma list into trimmed names; returns the count (names in *out). */
static int
split_list(const char *list, char ***out)
{
	char **v = NULL;
	int n = 0;
	const char *p = list;

	for (;;) {
		const char *q = strchr(p, ',');
		const char *e = q ? q : p + strlen(p);
		const char *a = p;
		while (a < e && isspace((unsigned char)*a))
			a++;
		while (e > a && isspace((unsigned char)e[-1]))
			e--;
		v = ereallocarray(v, (size_t)n + 1, sizeof *v);
		v[n] = emalloc((size_t)(e - a) + 1);
		memcpy(v[n], a, (size_t)(e - a));
		v[n][e - a] = 0;
		n++;
		if (!q)
			break;
		p = q + 1;
	}
	*out = v;
	return n;
}

char **
source_default_names(struct source *s, int n, const struct source_opts *o)
{
	char **v;
	int m;

	if (o && o->names) {
		m = split_list(o->names, &v);
		if (m != n) {
			source_free_names(v, m);
			source_fail(s, "--names: %d names for %d channels", m, n);
			return NULL;
		}
		for (int i = 0; i < m; i++)
			if (!*v[i]) {
				source_free_names(v, m);
				source_fail(s, "--names: name %d is empty", i + 1);
				return NULL;
			}
		return v;
	}
	v = ecalloc((size_t)n, sizeof *v);
	for (int i = 0; i < n; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "ch%d", i + 1);
		v[i] = estrdup(buf);
	}
	return v;
}

/* a and b equal but for case and trailing dots and blanks */
static int
same_label(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 0 && (a[la - 1] == '.' || a[la - 1] == ' '))
		la--;
	while (lb > 0 && (b[lb - 1] == '.' || b[lb - 1] == ' '))
		lb--;
	return la == lb && la > 0 && !strncasecmp(a, b, la);
}

/* The channel named want: exactly, or else the one equal but for case and padding; -1
 * after source_fail when there is none or more than one. */
static int
find_channel(struct source *s, char *const *names, int n, const char *want)
{
	int i, found = -1;
	char have[256];
	size_t len = 0;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], want)) {
			if (found >= 0)	/* a CSV's columns need not differ unless read */
				return source_fail(s, "--channels: two channels are named \"%s\"",
				    want);
			found = i;
		}
	if (found >= 0)
		return found;
	for (i = 0; i < n; i++)
		if (same_label(names[i], want)) {
			if (found >= 0)
				return source_fail(s, "--channels: \"%s\" could be \"%s\" or \"%s\"",
				    want, names[found], names[i]);
			found = i;
		}
	if (found >= 0)
		return found;
	have[0] = 0;
	for (i = 0; i < n && len < sizeof have - 1; i++)
		len += (size_t)snprintf(have + len, sizeof have - len, "%s%s", i ? "," : "",
		    names[i]);
	return source_fail(s, "--channels: no channel \"%s\" (have %s)", want, have);
}

void
source_unique_names(struct source *s, char **names, const int *num, int n)
{
	struct names seen;	/* the names as they come, each once */
	size_t *id = ecalloc((size_t)(n > 0 ? n : 1), sizeof *id);
	int *count = ecalloc((size_t)(n > 0 ? n : 1), sizeof *count);
	int *next = ecalloc((size_t)(n > 0 ? n : 1), sizeof *next);
	char **v = ecalloc((size_t)(n > 0 ? n : 1), sizeof *v), said[200] = "";
	size_t len = 0;

	names_init(&seen);
	for (int k = 0; k < n; k++) {
		if (!*names[k]) {
			v[k] = emalloc(16);
			snprintf(v[k], 16, "ch%d", num[k]);
			free(names[k]);
			names[k] = v[k];
		}
		id[k] = names_intern(&seen, names[k]);
		count[id[k]]++;
	}
	/* the channels of a name given more than once are numbered in file order */
	for (int k = 0; k < n; k++) {
		size_t m = strlen(names[k]) + 16;
		char *w;
		if (count[id[k]] < 2)
			continue;
		w = emalloc(m);
		do	/* "EEG-1" may be a channel's own name already */
			snprintf(w, m, "%s-%d", names[k], next[id[k]]++);
		while (names_find(&seen, w) >= 0);
		v[k] = w;
	}
	for (int k = 0; k < n; k++)
		if (v[k] && v[k] != names[k]) {
			free(names[k]);
			names[k] = v[k];
		}
	for (int k = 0; k < n; k++)
		if (v[k] && len < sizeof said)
			len += (size_t)snprintf(said + len, sizeof said - len, "%s%s", len ? ", " : "",
			    names[k]);
	if (len)
		warnx("%s: header: channels named alike or not at all are read as %s%s", s->name,
		    said, len >= sizeof said ? "..." : "");
	names_free(&seen);
	free(id);
	free(count);
	free(next);
	free(v);
}

/* An auxiliary channel's name begins or ends in AUX (any case). */
static int
is_aux(const char *name)
{
	size_t n = strlen(name);

	return n >= 3 && (!strncasecmp(name, "aux", 3) || !strcasecmp(name + n - 3, "aux"));
}

int
source_select(struct source *s, char *const *names, char *const *units, int n,
    const struct source_opts *o, int *sel)
{
	char **want = NULL;
	int m = 0, k;

	if (n < 1)
		return source_fail(s, "header: no channels");
	if (n > SOURCE_MAXCH)
		return source_fail(s, "header: %d channels (at most %d)", n, SOURCE_MAXCH);
	if (!o || !o->channels) {
		for (k = 0; k < n; k++)
			if ((o && o->aux) || !is_aux(names[k]))
				sel[m++] = k;
		if (m == 0)	/* nothing but auxiliary channels: those, then */
			for (k = 0; k < n; k++)
				sel[m++] = k;
	} else {
		m = split_list(o->channels, &want);
		if (m > n) {
			source_free_names(want, m);
			return source_fail(s, "--channels: %d names for %d channels", m, n);
		}
		for (k = 0; k < m; k++) {
			int i = find_channel(s, names, n, want[k]), j;
			if (i < 0) {
				source_free_names(want, m);
				return -1;
			}
			for (j = 0; j < k; j++)
				if (sel[j] == i) {
					source_fail(s, "--channels: \"%s\" given twice", want[k]);
					source_free_names(want, m);
					return -1;
				}
			sel[k] = i;
		}
		source_free_names(want, m);
	}
	s->nch = m;
	s->chname = ecalloc((size_t)m, sizeof *s->chname);
	s->unit = ecalloc((size_t)m, sizeof *s->unit);
	for (k = 0; k < m; k++) {
		s->chname[k] = estrdup(names[sel[k]]);
		s->unit[k] = units && units[sel[k]] && *units[sel[k]] ? estrdup(units[sel[k]]) : NULL;
	}
	return 0;
}

char *
source_event_text(const char *text, size_t len)
{
	char *t = emalloc(len + 1);

	for (size_t i = 0; i < len; i++)
		t[i] = (unsigned char)text[i] < 0x20 || text[i] == 0x7f ? ' ' : text[i];
	t[len] = 0;
	return t;
}

void
source_add_event(struct source *s, double onset, double duration, const char *text,
    size_t len)
{
	struct source_event *e;

	s->events = ereallocarray(s->events, s->nevent + 1, sizeof *s->events);
	e = &s->events[s->nevent++];
	e->onset = onset;
	e->duration = duration;
	e->text = source_event_text(text, len);
}

int
source_is_text(const unsigned char *p, size_t n)
{
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, n -= 3;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] == 0 || (p[i] < 32 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t'))
			return 0;
	return 1;
}

int
source_has_ext(const char *path, const char *const *exts)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return 0;
	for (; *exts; exts++)
		if (!strcasecmp(dot + 1, *exts))
			return 1;
	return 0;
}

int
source_rewind(struct source_input *in)
{
	if (in->off0 < 0 || lseek(in->fd, in->off0, SEEK_SET) < 0)
		return -1;
	in->npre = 0;
	return 0;
}

const char *
source_file(struct source *s, struct source_input *in, const char *what)
{
	if (in->path)
		return in->path;
	if (source_rewind(in) == 0)
		return "/dev/stdin";
	source_fail(s, "open: %s needs a seekable file, not a pipe", what);
	return NULL;
}

/* --- detection and the public API --- */

static const struct source_format *
find_format(const char *name)
{
	for (int i = 0; formats[i]; i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

int
source_known(const char *name)
{
	return find_format(name) != NULL;
}

static int
unknown_format(struct source *s, const char *name)
{
	char list[256];
	size_t len = 0;

	list[0] = 0;
	for (int i = 0; formats[i] && len < sizeof list - 1; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
		    formats[i]->name);
	return source_fail(s, "--format: unknown format \"%s\" (%s)", name, list);
}

/* Enough of the input to tell its format, without waiting on a live stream for more
 * than its first line: 0, or -1 (s->err set). */
static int
sniff(struct source *s, struct source_input *in)
{
	size_t cap = SNIFF_BUF;

	in->pre = emalloc(cap + 1);
	in->npre = 0;
	for (;;) {
		ssize_t r = util_read(in->fd, in->pre + in->npre, cap - in->npre);
		if (r < 0)
			return source_fail(s, "read: %s", strerror(errno));
		if (r == 0)
			break;
		in->npre += (size_t)r;
		if (in->npre >= SNIFF || memchr(in->pre, '\n', in->npre))
			break;
		/* a binary magic is never more than 8 bytes into the stream */
		if (in->npre >= 8 && !source_is_text(in->pre, in->npre))
			break;
	}
	in->pre[in->npre] = 0;
	return 0;
}

static int
open_inner(struct source *s, struct source_input *in, const struct source_opts *o)
{
	const char *fmt = o ? o->format : NULL;
	const struct source_format *f = NULL;

	if (fmt && !(f = find_format(fmt)))
		return unknown_format(s, fmt);
	if (o && o->rate && source_check_rate(s, o->rate, "--rate"))
		return -1;
	if (!in->path)
		in->fd = 0;
	else if ((in->fd = open(in->path, O_RDONLY | O_CLOEXEC)) < 0)
		return source_fail(s, "open: %s", strerror(errno));
	else
		in->own = 1;
	in->off0 = lseek(in->fd, 0, SEEK_CUR);
	if (sniff(s, in) < 0)
		return -1;
	if (!f) {
		int best = 0;
		if (in->npre == 0)
			return source_fail(s, "read: empty input");
		for (int i = 0; formats[i]; i++) {
			int score = formats[i]->detect ?
			    formats[i]->detect(in->pre, in->npre, in->path) : 0;
			if (score > best) {
				best = score;
				f = formats[i];
			}
		}
		if (!f)
			return source_fail(s, "open: not a recording in any known format");
	}
	s->format = f->name;
	return f->open(s, in, o);
}

int
source_open(struct source *s, const char *path, const struct source_opts *o)
{
	struct source_input in = { .fd = -1, .off0 = -1 };
	int r;

	memset(s, 0, sizeof *s);
	s->name = path_name(path);
	s->length = -1;
	in.path = path && strcmp(path, "-") ? path : NULL;
	r = open_inner(s, &in, o);
	if (in.own && in.fd >= 0)
		close(in.fd);
	free(in.pre);
	if (r < 0)
		return -1;
	if (!s->ops || s->nch < 1 || !(s->rate > 0))
		return source_fail(s, "open: no channels or no rate");
	if (source_check_rate(s, s->rate, "rate"))
		return -1;
	s->gap = 3 / s->rate;
	return 0;
}

long
source_read(struct source *s, double *x, double *t, long n)
{
	long r;

	if (!s->ops)
		return source_fail(s, "read: not open");
	if (n <= 0)
		return 0;
	r = s->ops->read(s, x, t, n);
	if (r > 0)
		s->nread += r;
	return r;
}

void
source_close(struct source *s)
{
	if (s->ops && s->priv)
		s->ops->close(s);
	s->ops = NULL;
	s->priv = NULL;
	source_free_names(s->chname, s->nch);
	source_free_names(s->unit, s->nch);
	s->chname = s->unit = NULL;
	for (size_t i = 0; i < s->nevent; i++)
		free(s->events[i].text);
	free(s->events);
	s->events = NULL;
	s->nevent = 0;
}

int
source_gap(const struct source *s, double dt)
{
	return dt > s->gap;
}

void
source_open_or_die(struct source *s, const char *path, const struct source_opts *o)
{
	if (source_open(s, path, o) < 0) {
		if (util_stopped())
			finish(0);	/* a stop signal before the first samples: nothing to write */
		die("%s: %s", s->name, s->err);
	}
}

long
source_read_or_die(struct source *s, double *x, double *t, long n)
{
	long r = source_read(s, x, t, n);

	if (r < 0)
		die("%s: %s", s->name, s->err);
	return r;
}
