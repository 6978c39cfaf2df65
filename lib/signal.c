/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * signal: multichannel raw EEG sources (see signal.h): format detection, the CSV readers
 * (muse-lsl, Mind Monitor, generic) with an exact fast number parser, and the tensor
 * stream. libsndfile and EDFlib sources are in signal_snd.c and signal_edf.c.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "csv.h"
#include "signal.h"
#include "tensor.h"
#include "util.h"

#define MUSE_RATE	256.0	/* Muse EEG sampling rate (Muse 2016, Muse 2, Muse S) */
#define LB_CAP		((size_t)SIGNAL_MAXLINE + (1u << 16))
#define SNIFF		4096	/* bytes looked at to detect a format */

/* --- shared helpers --- */

int
signal_fail(struct signal *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return -1;
}

int
signal_check_rate(struct signal *s, double rate, const char *what)
{
	if (!(rate > 0) || !isfinite(rate))
		return signal_fail(s, "%s: sample rate %g: must be > 0", what, rate);
	if (rate > SIGNAL_MAXRATE)
		return signal_fail(s, "%s: sample rate %g: absurd (more than %g Hz)", what, rate,
		    SIGNAL_MAXRATE);
	return 0;
}

void
signal_free_names(char **v, int n)
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
signal_default_names(struct signal *s, int n, const struct signal_opts *o)
{
	char **v;
	int m;

	if (o && o->names) {
		m = split_list(o->names, &v);
		if (m != n) {
			signal_free_names(v, m);
			signal_fail(s, "--names: %d names for %d channels", m, n);
			return NULL;
		}
		for (int i = 0; i < m; i++)
			if (!*v[i]) {
				signal_free_names(v, m);
				signal_fail(s, "--names: name %d is empty", i + 1);
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

int
signal_select(struct signal *s, char *const *names, char *const *units, int n,
    const struct signal_opts *o, int *sel)
{
	char **want = NULL;
	int m, k;

	if (n < 1)
		return signal_fail(s, "header: no channels");
	if (n > SIGNAL_MAXCH)
		return signal_fail(s, "header: %d channels (at most %d)", n, SIGNAL_MAXCH);
	if (!o || !o->channels) {
		for (k = 0; k < n; k++)
			sel[k] = k;
		m = n;
	} else {
		m = split_list(o->channels, &want);
		if (m > n) {
			signal_free_names(want, m);
			return signal_fail(s, "--channels: %d names for %d channels", m, n);
		}
		for (k = 0; k < m; k++) {
			int i, j;
			for (i = 0; i < n && strcmp(names[i], want[k]); i++)
				;
			if (i == n) {
				char have[256];
				size_t len = 0;
				have[0] = 0;
				for (j = 0; j < n && len < sizeof have - 1; j++)
					len += (size_t)snprintf(have + len, sizeof have - len, "%s%s",
					    j ? "," : "", names[j]);
				signal_fail(s, "--channels: no channel \"%s\" (have %s)", want[k], have);
				signal_free_names(want, m);
				return -1;
			}
			for (j = 0; j < k; j++)
				if (sel[j] == i) {
					signal_fail(s, "--channels: \"%s\" given twice", want[k]);
					signal_free_names(want, m);
					return -1;
				}
			sel[k] = i;
		}
		signal_free_names(want, m);
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

static void
add_annot(struct signal *s, double onset, double duration, const char *text, size_t len)
{
	struct annot *a;

	s->annots = ereallocarray(s->annots, s->nannot + 1, sizeof *s->annots);
	a = &s->annots[s->nannot++];
	a->onset = onset;
	a->duration = duration;
	a->text = emalloc(len + 1);
	memcpy(a->text, text, len);
	a->text[len] = 0;
}

static int
digits(const char **pp, const char *end, int n, int *v)
{
	const char *p = *pp;
	int x = 0;

	for (int i = 0; i < n; i++, p++) {
		if (p >= end || (unsigned)(*p - '0') >= 10)
			return -1;
		x = x * 10 + (*p - '0');
	}
	*pp = p;
	*v = x;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

int
signal_parse_datetime(const char *p, const char *end, double *v)
{
	int y, mo, d, h, mi, sec;
	double frac = 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (digits(&p, end, 4, &y) || p >= end || *p++ != '-' ||
	    digits(&p, end, 2, &mo) || p >= end || *p++ != '-' ||
	    digits(&p, end, 2, &d) || p >= end || (*p != ' ' && *p != 'T') || !++p ||
	    digits(&p, end, 2, &h) || p >= end || *p++ != ':' ||
	    digits(&p, end, 2, &mi) || p >= end || *p++ != ':' ||
	    digits(&p, end, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (p < end && *p == '.') {
		const char *q = p + 1;
		if (q == end || (unsigned)(*q - '0') >= 10)
			return -1;
		while (q < end && (unsigned)(*q - '0') < 10)
			q++;
		if (q - p > 20 || csv_parse_number(p, q, &frac))
			return -1;
		p = q;
	}
	if (p != end)
		return -1;
	*v = (double)(days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400L +
	    h * 3600L + mi * 60L + sec) + frac;
	return 0;
}

/* --- line buffer over a file descriptor --- */

struct lbuf {
	int fd, own;		/* own: close fd at the end */
	char *buf;
	size_t cap, pos, end;	/* unparsed bytes are [pos, end) */
	int eof;
	long long line;		/* lines consumed */
};

static void
lb_init(struct lbuf *b, int fd, int own)
{
	memset(b, 0, sizeof *b);
	b->fd = fd;
	b->own = own;
	b->cap = LB_CAP;
	b->buf = emalloc(b->cap + 1);
	b->buf[0] = 0;		/* a NUL always follows the data: csv_scan_fast stops there */
}

static void
lb_free(struct lbuf *b)
{
	if (b->own && b->fd >= 0)
		close(b->fd);
	b->fd = -1;
	free(b->buf);
	b->buf = NULL;
}

/* Read more input (blocks until some arrives): 1 = more, 0 = end of input, -1 = error. */
static int
lb_fill(struct signal *s, struct lbuf *b)
{
	ssize_t r;

	if (b->pos > 0 && (b->pos == b->end || b->cap - b->end < (1u << 16))) {
		memmove(b->buf, b->buf + b->pos, b->end - b->pos);
		b->end -= b->pos;
		b->pos = 0;
		b->buf[b->end] = 0;
	}
	if (b->end == b->cap)
		return signal_fail(s, "line %lld: longer than %d bytes", b->line + 1,
		    SIGNAL_MAXLINE);
	do
		r = read(b->fd, b->buf + b->end, b->cap - b->end);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return signal_fail(s, "read: %s", strerror(errno));
	if (r == 0) {
		b->eof = 1;
		return 0;
	}
	b->end += (size_t)r;
	b->buf[b->end] = 0;
	return 1;
}

/* Next line [*lp, *le) without its "\n" or "\r\n"; 1, or 0 if no complete line is
 * buffered (at end of input, a last line without a newline counts; *nonl then = 1). */
static int
lb_line(struct lbuf *b, char **lp, char **le, int *nonl)
{
	char *p = b->buf + b->pos, *e = b->buf + b->end, *nl;

	nl = memchr(p, '\n', (size_t)(e - p));
	*nonl = 0;
	if (!nl) {
		if (!b->eof || p == e)
			return 0;
		nl = e;
		*nonl = 1;
		b->pos = b->end;
	} else
		b->pos = (size_t)(nl + 1 - b->buf);
	if (nl > p && nl[-1] == '\r')
		nl--;
	b->line++;
	*lp = p;
	*le = nl;
	return 1;
}

/* --- CSV sources --- */

enum { K_MUSE, K_MM, K_CSV };
enum { R_NUM, R_OPT, R_DATE, R_MARK, R_ELEM, R_SKIP };

struct csvsrc {
	const struct signal_ops *ops;
	int kind;
	struct lbuf b;
	int ncol;		/* columns of the header */
	char **hname;		/* their names */
	unsigned char *role;	/* per column */
	int tcol;		/* time column or -1 */
	int *sel;		/* output channel -> column */
	double *vals;		/* one row, per column */
	unsigned char *empty;	/* per column: cell was empty (R_OPT) */
	const char **tp, **te;	/* text cells (R_MARK, R_ELEM) */
	double tprev;
	int have_prev, failed;
	int allnum;		/* every column is R_NUM: the fast path applies */
	long long idx;		/* samples so far */
};

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

static int
is_blank(const char *p, const char *e)
{
	for (; p < e; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/* End of the cell starting at p (a '"' quoted cell may contain commas). */
static const char *
cell_end(const char *p, const char *e)
{
	const char *q;

	if (p < e && *p == '"') {
		for (q = p + 1; q < e; q++)
			if (*q == '"') {
				if (q + 1 < e && q[1] == '"')
					q++;
				else
					return memchr(q, ',', (size_t)(e - q)) ? memchr(q, ',', (size_t)(e - q)) : e;
			}
		return e;
	}
	q = memchr(p, ',', (size_t)(e - p));
	return q ? q : e;
}

/* Trim blanks and one level of quotes from [*p, *e). */
static void
trim_cell(const char **p, const char **e)
{
	while (*p < *e && (**p == ' ' || **p == '\t'))
		(*p)++;
	while (*e > *p && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
	if (*e - *p >= 2 && **p == '"' && (*e)[-1] == '"') {
		(*p)++;
		(*e)--;
	}
}

/* Split a header line into trimmed, unquoted cells. */
static int
split_cells(const char *p, const char *e, char ***out)
{
	char **v = NULL;
	int n = 0;

	for (;;) {
		const char *q = cell_end(p, e), *a = p, *b = q;
		trim_cell(&a, &b);
		v = ereallocarray(v, (size_t)n + 1, sizeof *v);
		v[n] = emalloc((size_t)(b - a) + 1);
		memcpy(v[n], a, (size_t)(b - a));
		v[n][b - a] = 0;
		n++;
		if (q >= e)
			break;
		p = q + 1;
	}
	*out = v;
	return n;
}

static int
count_cells(const char *p, const char *e)
{
	int n = 1;

	for (;;) {
		const char *q = cell_end(p, e);
		if (q >= e)
			return n;
		n++;
		p = q + 1;
	}
}

static int
col_error(struct signal *s, struct csvsrc *c, const char *line, const char *e, int nonl)
{
	int n = count_cells(line, e);

	if (nonl && n < c->ncol)
		return signal_fail(s, "line %lld: truncated: %d of %d columns and no newline at "
		    "the end", c->b.line, n, c->ncol);
	return signal_fail(s, "line %lld: %d columns, the header has %d", c->b.line, n, c->ncol);
}

static int
cell_error(struct signal *s, struct csvsrc *c, int col, const char *p, const char *e,
    const char *what)
{
	const char *q = cell_end(p, e);
	int len = (int)(q - p);

	if (len > 40)
		len = 40;
	return signal_fail(s, "line %lld: column %d (%s): %s: \"%.*s\"", c->b.line, col + 1,
	    c->hname[col], what, len, p);
}

/*
 * Parse one line into c->vals etc. Returns 1 for a sample (written to x, *t), 0 for a row
 * that is not a sample (blank, marker), -1 on error.
 */
static int
csv_row(struct signal *s, struct csvsrc *c, const char *line, const char *e, int nonl,
    double *x, double *t)
{
	const char *p = line, *q;
	double tm;
	int col, k, last = c->ncol - 1;

	if (c->allnum) {
		/* fast path for rows of plain numbers; anything else takes the general path,
		 * which also words the error */
		for (col = 0;; col++) {
			q = csv_scan_fast(p, &c->vals[col]);
			if (!q)
				break;
			if (col == last) {
				if (q == e)
					goto parsed;
				break;
			}
			if (q >= e || *q != ',')
				break;
			p = q + 1;
		}
		p = line;
	}
	if (p == e || is_blank(p, e))
		return 0;
	for (col = 0; col <= last; col++) {
		switch (c->role[col]) {
		case R_NUM:
		case R_OPT:
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			if (p < e && *p == '"') {
				/* a quoted number */
				const char *a = p, *b;
				q = cell_end(p, e);
				b = q;
				trim_cell(&a, &b);
				if (csv_parse_number(a, b, &c->vals[col]))
					return cell_error(s, c, col, p, e, "not a number");
				c->empty[col] = 0;
			} else if (p < e && *p != ',') {
				q = csv_scan_number(p, e, &c->vals[col]);
				if (!q)
					return cell_error(s, c, col, p, e, "not a number");
				while (q < e && (*q == ' ' || *q == '\t'))
					q++;
				if (q < e && *q != ',')
					return cell_error(s, c, col, p, e, "not a number");
				c->empty[col] = 0;
			} else {
				if (c->role[col] == R_NUM) {
					if (p >= e && col < last)
						return col_error(s, c, line, e, nonl);
					return signal_fail(s, "line %lld: column %d (%s): empty cell",
					    c->b.line, col + 1, c->hname[col]);
				}
				c->empty[col] = 1;
				q = p;
			}
			break;
		case R_DATE: {
			const char *a = p, *b;
			q = cell_end(p, e);
			b = q;
			trim_cell(&a, &b);
			if (a == b) {
				c->empty[col] = 1;
				break;
			}
			c->empty[col] = 0;
			if (signal_parse_datetime(a, b, &c->vals[col]))
				return cell_error(s, c, col, p, e,
				    "not a time (want YYYY-MM-DD hh:mm:ss.fff)");
			break;
		}
		default:
			q = cell_end(p, e);
			if (c->role[col] != R_SKIP) {
				const char *a = p, *b = q;
				trim_cell(&a, &b);
				c->tp[col] = a;
				c->te[col] = b;
			}
			break;
		}
		if (col < last) {
			if (q >= e)
				return col_error(s, c, line, e, nonl);
			p = q + 1;
		} else if (q < e)
			return col_error(s, c, line, e, nonl);
	}

parsed:
	/* time */
	if (c->tcol >= 0) {
		if (c->empty[c->tcol])
			return signal_fail(s, "line %lld: column %d (%s): empty time", c->b.line,
			    c->tcol + 1, c->hname[c->tcol]);
		tm = c->vals[c->tcol];
	} else
		tm = (double)c->idx / s->rate;
	/* markers and annotations */
	for (col = 0; col <= last && !c->allnum; col++) {
		const char *a, *b;
		if (c->role[col] != R_MARK && c->role[col] != R_ELEM)
			continue;
		a = c->tp[col];
		b = c->te[col];
		if (a == b || (c->role[col] == R_MARK && b - a == 1 && *a == '0') ||
		    (c->role[col] == R_MARK && b - a == 3 && !memcmp(a, "0.0", 3)))
			continue;
		add_annot(s, tm, 0, a, (size_t)(b - a));
	}
	/* a sample needs every channel */
	for (k = 0; k < s->nch && c->kind == K_MM; k++)
		if (c->role[c->sel[k]] == R_OPT && c->empty[c->sel[k]])
			return 0;
	if (c->have_prev && tm < c->tprev) {
		char a[32], b[32];
		return signal_fail(s, "line %lld: time %s is before the previous sample's %s "
		    "(timestamps must not decrease)", c->b.line, num(a, sizeof a, tm),
		    num(b, sizeof b, c->tprev));
	}
	c->tprev = tm;
	c->have_prev = 1;
	for (k = 0; k < s->nch; k++)
		x[k] = c->vals[c->sel[k]];
	if (t)
		*t = tm;
	c->idx++;
	return 1;
}

static long
csv_read(struct signal *s, double *x, double *t, long n)
{
	struct csvsrc *c = s->priv;
	long got = 0;
	char *lp, *le;
	int nonl, r;

	if (c->failed)
		return -1;
	for (;;) {
		while (got < n && lb_line(&c->b, &lp, &le, &nonl)) {
			r = csv_row(s, c, lp, le, nonl, x + (size_t)got * (size_t)s->nch,
			    t ? t + got : NULL);
			if (r < 0) {
				c->failed = 1;
				return -1;
			}
			got += r;
		}
		if (got > 0 || got == n)
			return got;
		if (c->b.eof && c->b.pos == c->b.end)
			return 0;
		if (lb_fill(s, &c->b) < 0) {
			c->failed = 1;
			return -1;
		}
	}
}

static void
csv_close(struct signal *s)
{
	struct csvsrc *c = s->priv;

	lb_free(&c->b);
	signal_free_names(c->hname, c->ncol);
	free(c->role);
	free(c->sel);
	free(c->vals);
	free(c->empty);
	free(c->tp);
	free(c->te);
	free(c);
}

static const struct signal_ops csv_ops = { csv_read, csv_close };

/* Ensure at least `lines` complete lines are buffered (or end of input). */
static int
lb_want_lines(struct signal *s, struct lbuf *b, int lines)
{
	for (;;) {
		const char *p = b->buf + b->pos, *e = b->buf + b->end;
		int n = 0;
		while (n < lines && (p = memchr(p, '\n', (size_t)(e - p))))
			p++, n++;
		if (n >= lines || b->eof)
			return 0;
		if (lb_fill(s, b) < 0)
			return -1;
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Rate of a CSV with a time column and no --rate, from the first rows (up to 257) buffered:
 * m = the median step; the rate is 1 / the mean of the steps no longer than 3 m (gaps left
 * out), snapped to the nearest integer when within 1e-6 of it. Muse files (whose stored
 * times are rounded to the millisecond) get the Muse's 256 Hz when that is within 5 %, and
 * 256 Hz also when too few rows are buffered at open to tell (a live stream).
 */
static int
estimate_rate(struct signal *s, struct csvsrc *c)
{
	double tv[257], dv[256], m, sum = 0, r;
	int n = 0, nd = 0, used = 0;
	const char *p, *e;

	/* a Muse stream is not held up at open: it uses the rows already there */
	if (c->kind != K_MUSE && lb_want_lines(s, &c->b, 3) < 0)
		return -1;
	p = c->b.buf + c->b.pos;
	e = c->b.buf + c->b.end;
	while (n < 257 && p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *le = nl ? nl : e;
		const char *a = p, *b;
		int col;
		for (col = 0; col < c->tcol && a < le; col++) {
			a = cell_end(a, le);
			if (a < le)
				a++;
		}
		b = cell_end(a, le);
		trim_cell(&a, &b);
		if (col == c->tcol && !csv_parse_number(a, b, &tv[n]))
			n++;
		if (!nl)
			break;
		p = nl + 1;
	}
	for (int i = 1; i < n; i++)
		dv[nd++] = tv[i] - tv[i - 1];
	if (nd < 1) {
		if (c->kind == K_MUSE) {
			s->rate = MUSE_RATE;
			return 0;
		}
		return signal_fail(s, "rate: cannot estimate the sample rate from fewer than 2 "
		    "rows; give --rate");
	}
	for (int i = 0; i < nd; i++)
		tv[i] = dv[i];
	qsort(tv, (size_t)nd, sizeof *tv, cmp_double);
	m = tv[nd / 2];
	if (!(m > 0))
		return signal_fail(s, "rate: cannot estimate the sample rate (median time step "
		    "%g); give --rate", m);
	/* steps backwards are left to the reader, which names their line */
	for (int i = 0; i < nd; i++)
		if (dv[i] > 0 && dv[i] <= 3 * m) {
			sum += dv[i];
			used++;
		}
	r = used / sum;
	if (c->kind == K_MUSE && fabs(r / MUSE_RATE - 1) < 0.05)
		r = MUSE_RATE;
	else if (fabs(r - nearbyint(r)) <= 1e-6 * r)
		r = nearbyint(r);
	s->rate = r;
	return signal_check_rate(s, s->rate, "rate");
}

static int
ieq(const char *a, const char *b)
{
	return !strcasecmp(a, b);
}

static int
csv_open(struct signal *s, struct lbuf *b, const char *fmt, const struct signal_opts *o)
{
	struct csvsrc *c = ecalloc(1, sizeof *c);
	char *lp, *le, **chn = NULL;
	int nonl, ncol, i, nchan = 0, headerless = 0, *chcol;

	c->ops = &csv_ops;
	c->b = *b;
	c->tcol = -1;
	s->priv = c;
	c->kind = !strcmp(fmt, "muse") ? K_MUSE : !strcmp(fmt, "mindmonitor") ? K_MM : K_CSV;
	s->format = c->kind == K_MUSE ? "muse" : c->kind == K_MM ? "mindmonitor" : "csv";
	for (;;) {
		if (lb_want_lines(s, &c->b, 1) < 0)
			return -1;
		if (!lb_line(&c->b, &lp, &le, &nonl))
			return signal_fail(s, "header: empty input");
		if (c->b.line == 1 && le - lp >= 3 && !memcmp(lp, "\xef\xbb\xbf", 3))
			lp += 3;
		if (!is_blank(lp, le))
			break;
	}
	ncol = c->ncol = split_cells(lp, le, &c->hname);
	if (ncol > 65536)
		return signal_fail(s, "line %lld: %d columns (at most 65536)", c->b.line, ncol);
	c->role = ecalloc((size_t)ncol, 1);
	c->vals = ecalloc((size_t)ncol, sizeof *c->vals);
	c->empty = ecalloc((size_t)ncol, 1);
	c->tp = ecalloc((size_t)ncol, sizeof *c->tp);
	c->te = ecalloc((size_t)ncol, sizeof *c->te);
	chcol = ecalloc((size_t)ncol, sizeof *chcol);
	chn = ecalloc((size_t)ncol, sizeof *chn);

	if (c->kind == K_CSV) {
		/* a first line of numbers is data, not a header */
		headerless = 1;
		for (i = 0; i < ncol && headerless; i++) {
			double v;
			headerless = !csv_parse_number(c->hname[i],
			    c->hname[i] + strlen(c->hname[i]), &v);
		}
		if (headerless) {
			char **dn = signal_default_names(s, ncol, o);
			if (!dn)
				goto fail;
			signal_free_names(c->hname, ncol);
			c->hname = dn;
			c->b.pos = (size_t)(lp - c->b.buf);	/* read it again as data */
			c->b.line--;
		}
	}
	for (i = 0; i < ncol; i++) {
		const char *h = c->hname[i];
		if (!*h && !headerless && c->kind != K_MM) {
			signal_fail(s, "line %lld: column %d has no name", c->b.line, i + 1);
			goto fail;
		}
		switch (c->kind) {
		case K_MUSE:
			if (i == 0) {
				if (!ieq(h, "timestamps")) {
					signal_fail(s, "line %lld: not a muse-lsl header (want "
					    "\"timestamps,TP9,AF7,AF8,TP10,Right AUX\")", c->b.line);
					goto fail;
				}
				c->tcol = 0;
			} else if (!strncmp(h, "Marker", 6))
				c->role[i] = R_MARK;
			else
				chcol[nchan++] = i;
			break;
		case K_MM:
			if (!strcmp(h, "TimeStamp")) {
				c->role[i] = R_DATE;
				c->tcol = i;
			} else if (!strncmp(h, "RAW_", 4) || !strncmp(h, "AUX_", 4)) {
				c->role[i] = R_OPT;
				chcol[nchan++] = i;
			} else if (!strcmp(h, "Elements"))
				c->role[i] = R_ELEM;
			else
				c->role[i] = R_SKIP;
			break;
		default:
			if (!headerless && c->tcol < 0 && (ieq(h, "time") || ieq(h, "timestamp") ||
			    ieq(h, "timestamps")))
				c->tcol = i;
			else
				chcol[nchan++] = i;
			break;
		}
	}
	if (c->kind == K_MM && (c->tcol < 0 || !nchan)) {
		signal_fail(s, "line %lld: not a Mind Monitor header (want TimeStamp and RAW_TP9 "
		    "... columns)", c->b.line);
		goto fail;
	}
	if (nchan < 1) {
		signal_fail(s, "line %lld: no channel columns", c->b.line);
		goto fail;
	}
	for (i = 0; i < nchan; i++) {
		const char *h = c->hname[chcol[i]];
		chn[i] = (char *)(c->kind == K_MM && !strncmp(h, "RAW_", 4) ? h + 4 : h);
	}
	c->sel = ecalloc((size_t)nchan, sizeof *c->sel);
	if (signal_select(s, chn, NULL, nchan, o, c->sel))
		goto fail;
	for (i = 0; i < s->nch; i++)
		c->sel[i] = chcol[c->sel[i]];
	if (c->kind == K_MUSE || c->kind == K_MM)
		for (i = 0; i < s->nch; i++)
			s->unit[i] = estrdup("uV");
	free(chcol);
	free(chn);
	chcol = NULL;
	chn = NULL;

	c->allnum = 1;
	for (i = 0; i < ncol; i++)
		c->allnum &= c->role[i] == R_NUM;
	s->has_time = c->tcol >= 0;
	if (o && o->rate)
		s->rate = o->rate;
	else if (c->kind == K_MM)
		s->rate = MUSE_RATE;
	else if (c->tcol >= 0) {
		if (estimate_rate(s, c))
			return -1;
	} else
		return signal_fail(s, "rate: the file has no time column; give --rate");
	return 0;
fail:
	free(chcol);
	free(chn);
	return -1;
}

/* --- tensor stream --- */

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
	do
		r = read(p->fd, buf, n);
	while (r < 0 && errno == EINTR);
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
	const struct signal_ops *ops;
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
tensor_src_read(struct signal *s, double *x, double *t, long n)
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
				return signal_fail(s, "%s", c->r.err);
			}
			if (r == 0)
				break;
			v = f.x;
			tm = f.time;
			s->label[got] = f.label;
			s->group[got] = f.group;
		}
		if (s->has_time) {
			if (isnan(tm))
				goto notime;
			if (c->idx > 0 && tm < c->tprev) {
				c->failed = 1;
				char a[32], b[32];
				return signal_fail(s, "frame %lld: time %s is before the previous "
				    "frame's %s (times must not decrease)", c->idx,
				    num(a, sizeof a, tm), num(b, sizeof b, c->tprev));
			}
		} else
			tm = (double)c->idx / s->rate;
		for (int k = 0; k < s->nch; k++) {
			double y = v[c->sel[k]];
			if (!isfinite(y)) {
				c->failed = 1;
				return signal_fail(s, "frame %lld: value %d (%s) is not finite",
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
	return signal_fail(s, "frame %lld: no time, but the first frame had one", c->idx);
}

static void
tensor_src_close(struct signal *s)
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

static const struct signal_ops tensor_ops = { tensor_src_read, tensor_src_close };

/* Tensor stream from fd, the first npre bytes of which were already read into pre. */
static int
tensor_src_open(struct signal *s, int fd, int own, const char *pre, size_t npre,
    const struct signal_opts *o)
{
	struct tsrc *c = ecalloc(1, sizeof *c);
	struct prefixed *pf = ecalloc(1, sizeof *pf);
	cookie_io_functions_t io = { pf_read, NULL, NULL, pf_close };
	struct frame f;
	char **names = NULL;
	int r, n;

	c->ops = &tensor_ops;
	s->priv = c;
	s->format = "tensor";
	s->classes = &c->r.h.classes;
	s->groups = &c->r.h.groups;
	pf->fd = fd;
	pf->own = own;
	pf->pre = emalloc(npre ? npre : 1);
	memcpy(pf->pre, pre, npre);
	pf->npre = npre;
	c->fd = fd;
	if (!(c->fp = fopencookie(pf, "r", io))) {
		pf_close(pf);
		return signal_fail(s, "open: %s", strerror(errno));
	}
	if (reader_open(&c->r, c->fp, s->name) < 0)
		return signal_fail(s, "%s", c->r.err);
	c->ropen = 1;
	if (c->r.h.ndim != 1) {
		char shape[64];
		header_shape_str(&c->r.h, shape, sizeof shape);
		return signal_fail(s, "header: frame shape %s: a raw signal has shape [channels]",
		    shape);
	}
	n = (int)c->r.h.dims[0];
	if (n > SIGNAL_MAXCH)
		return signal_fail(s, "header: %d channels (at most %d)", n, SIGNAL_MAXCH);
	if (c->r.h.columns.n == (size_t)n) {
		names = ecalloc((size_t)n, sizeof *names);
		for (int i = 0; i < n; i++)
			names[i] = estrdup(c->r.h.columns.v[i]);
	} else if (!(names = signal_default_names(s, n, o)))
		return -1;
	c->sel = ecalloc((size_t)n, sizeof *c->sel);
	r = signal_select(s, names, NULL, n, o, c->sel);
	signal_free_names(names, n);
	if (r)
		return -1;
	if (o && o->rate)
		s->rate = o->rate;
	else if (c->r.h.rate > 0)
		s->rate = c->r.h.rate;
	else
		return signal_fail(s, "header: no sample rate (rate=); give --rate");
	if (signal_check_rate(s, s->rate, "header"))
		return -1;
	/* the first frame tells whether frames carry times */
	r = reader_next(&c->r, &f);
	if (r < 0)
		return signal_fail(s, "%s", c->r.err);
	if (r > 0) {
		c->first = emalloc(c->r.h.size * sizeof *c->first);
		memcpy(c->first, f.x, c->r.h.size * sizeof *c->first);
		c->tfirst = f.time;
		c->lfirst = f.label;
		c->gfirst = f.group;
		s->has_time = !isnan(f.time);
	}
	return 0;
}

/* --- detection and the public API --- */

static int
has_ext(const char *path, const char *const *exts)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return 0;
	for (; *exts; exts++)
		if (ieq(dot + 1, *exts))
			return 1;
	return 0;
}

static const char *const edf_ext[] = { "edf", "bdf", "rec", NULL };
static const char *const snd_ext[] = { "wav", "wave", "flac", "aif", "aiff", "aifc", "au",
	"snd", "w64", "rf64", "ogg", "oga", "opus", "caf", "wv", "sd2", "voc", "paf", "iff",
	"svx", "nist", "sph", "mat", "mat4", "mat5", "pvf", "xi", "htk", "sds", "avr", "mpc2k",
	"mp3", NULL };

static int
snd_magic(const unsigned char *p, size_t n)
{
	static const char *const m[] = { "RIFF", "RIFX", "RF64", "FORM", "fLaC", ".snd", "dns.",
		"OggS", "riff", "caff", "wvpk", "NIST", "Crea", NULL };

	if (n < 4)
		return 0;
	for (int i = 0; m[i]; i++)
		if (!memcmp(p, m[i], 4))
			return 1;
	return 0;
}

static int
edf_magic(const unsigned char *p, size_t n)
{
	return n >= 8 && (!memcmp(p, "0       ", 8) || !memcmp(p, "\xff" "BIOSEMI", 8));
}

static int
is_text(const unsigned char *p, size_t n)
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

/* Which CSV from the first line. */
static const char *
csv_kind(const unsigned char *p, size_t n)
{
	const unsigned char *nl = memchr(p, '\n', n);
	size_t len = nl ? (size_t)(nl - p) : n;
	char *line;
	const char *k = "csv";
	char **cells;
	int nc, ts = 0, raw = 0;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, len -= 3;
	line = emalloc(len + 1);
	memcpy(line, p, len);
	line[len] = 0;
	if (len && line[len - 1] == '\r')
		line[--len] = 0;
	nc = split_cells(line, line + len, &cells);
	for (int i = 0; i < nc; i++) {
		ts |= !strcmp(cells[i], "TimeStamp");
		raw |= !strcmp(cells[i], "RAW_TP9");
	}
	if (nc > 1 && ieq(cells[0], "timestamps"))
		k = "muse";
	else if (ts && raw)
		k = "mindmonitor";
	signal_free_names(cells, nc);
	free(line);
	return k;
}

static int
known_format(const char *f)
{
	static const char *const v[] = { "muse", "mindmonitor", "csv", "snd", "edf", "tensor",
		NULL };

	for (int i = 0; v[i]; i++)
		if (!strcmp(f, v[i]))
			return 1;
	return 0;
}

static int
is_text_format(const char *f)
{
	return !strcmp(f, "muse") || !strcmp(f, "mindmonitor") || !strcmp(f, "csv");
}

static int
open_inner(struct signal *s, const char *path, const struct signal_opts *o)
{
	int use_stdin = !path || !strcmp(path, "-");
	int fd, seekable;
	off_t off0;
	const char *fmt = o ? o->format : NULL;
	struct lbuf b;
	const unsigned char *u;
	size_t n;

	if (fmt && !known_format(fmt))
		return signal_fail(s, "--format: unknown format \"%s\" (muse, mindmonitor, csv, "
		    "snd, edf, tensor)", fmt);
	if (o && o->rate && signal_check_rate(s, o->rate, "--rate"))
		return -1;
	/* binary formats named explicitly open directly, without sniffing */
	if (fmt && !strcmp(fmt, "snd") && !use_stdin)
		return signal_open_snd(s, path, -1, NULL, 0, o);
	if (fmt && !strcmp(fmt, "edf") && !use_stdin)
		return signal_open_edf(s, path, o);

	if (use_stdin)
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return signal_fail(s, "open: %s", strerror(errno));
	off0 = lseek(fd, 0, SEEK_CUR);
	seekable = off0 >= 0;
	lb_init(&b, fd, !use_stdin);
	/* sniff: enough bytes to tell, without waiting on a live stream for more than a line */
	for (;;) {
		u = (const unsigned char *)b.buf;
		n = b.end;
		if (b.eof || n >= SNIFF || (n >= 8 && (!memcmp(u, TENSOR_MAGIC, 8) ||
		    snd_magic(u, n) || edf_magic(u, n))) || (n > 0 && memchr(u, '\n', n)))
			break;
		if (lb_fill(s, &b) < 0) {
			lb_free(&b);
			return -1;
		}
	}
	if (!fmt) {
		if (n == 0) {
			lb_free(&b);
			return signal_fail(s, "read: empty input");
		}
		if (n >= 8 && !memcmp(u, TENSOR_MAGIC, 8))
			fmt = "tensor";
		else if (edf_magic(u, n) || (!use_stdin && has_ext(path, edf_ext)))
			fmt = "edf";
		else if (snd_magic(u, n) || (!use_stdin && has_ext(path, snd_ext)))
			fmt = "snd";
		else if (is_text(u, n < SNIFF ? n : SNIFF))
			fmt = csv_kind(u, n);
		else
			fmt = "snd";	/* let libsndfile try (and say why not) */
	}
	if (is_text_format(fmt))
		return csv_open(s, &b, fmt, o);
	if (!strcmp(fmt, "tensor")) {
		int r = tensor_src_open(s, fd, !use_stdin, b.buf, b.end, o);
		b.own = 0;
		lb_free(&b);
		return r;
	}
	if (!strcmp(fmt, "edf")) {
		lb_free(&b);
		if (!use_stdin)
			return signal_open_edf(s, path, o);
		if (!seekable || lseek(0, off0, SEEK_SET) < 0)
			return signal_fail(s, "open: EDF/BDF needs a seekable file, not a pipe");
		return signal_open_edf(s, "/dev/stdin", o);
	}
	/* snd */
	if (!use_stdin) {
		lb_free(&b);
		return signal_open_snd(s, path, -1, NULL, 0, o);
	}
	if (seekable && lseek(0, off0, SEEK_SET) >= 0) {
		lb_free(&b);
		return signal_open_snd(s, NULL, 0, NULL, 0, o);
	}
	{
		int r = signal_open_snd(s, NULL, 0, (unsigned char *)b.buf, b.end, o);
		lb_free(&b);
		return r;
	}
}

int
signal_open(struct signal *s, const char *path, const struct signal_opts *o)
{
	memset(s, 0, sizeof *s);
	s->name = path_name(path);
	s->length = -1;
	if (open_inner(s, path, o) < 0)
		return -1;
	if (s->nch < 1 || !(s->rate > 0))
		return signal_fail(s, "open: no channels or no rate");
	if (signal_check_rate(s, s->rate, "rate"))
		return -1;
	s->gap = 3 / s->rate;
	return 0;
}

long
signal_read(struct signal *s, double *x, double *t, long n)
{
	const struct signal_ops *ops;
	long r;

	if (!s->priv)
		return signal_fail(s, "read: not open");
	if (n <= 0)
		return 0;
	ops = *(const struct signal_ops *const *)s->priv;
	r = ops->read(s, x, t, n);
	if (r > 0)
		s->nread += r;
	return r;
}

void
signal_close(struct signal *s)
{
	if (s->priv) {
		const struct signal_ops *ops = *(const struct signal_ops *const *)s->priv;
		ops->close(s);
		s->priv = NULL;
	}
	signal_free_names(s->chname, s->nch);
	signal_free_names(s->unit, s->nch);
	s->chname = s->unit = NULL;
	for (size_t i = 0; i < s->nannot; i++)
		free(s->annots[i].text);
	free(s->annots);
	s->annots = NULL;
	s->nannot = 0;
}

int
signal_gap(const struct signal *s, double dt)
{
	return dt > s->gap;
}

void
signal_open_or_die(struct signal *s, const char *path, const struct signal_opts *o)
{
	if (signal_open(s, path, o) < 0)
		die("%s: %s", s->name, s->err);
}

long
signal_read_or_die(struct signal *s, double *x, double *t, long n)
{
	long r = signal_read(s, x, t, n);

	if (r < 0)
		die("%s: %s", s->name, s->err);
	return r;
}
