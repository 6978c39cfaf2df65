/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_csv: CSV recordings for source.h, split by lib/csv.c's tokenizer (one record at
 * a time from a bounded buffer; rows of plain numbers take its exact fast path).
 *
 *   "muse"        muse-lsl CSV: header "timestamps,TP9,AF7,AF8,TP10,Right AUX"; times are
 *                 the file's Unix seconds (absolute, has_time = 1). Nominal rate: opts.rate,
 *                 else 256 Hz when the first rows' mean step is within 5 % of it (real Muse
 *                 files: their stored times are rounded to 1 ms) or when fewer than 2 rows
 *                 are buffered at open (a live stream is not held up), else that estimate.
 *                 Columns named Marker* (muse-lsl's marker stream) are not channels: cells
 *                 other than "", "0" become events at the row's time.
 *   "mindmonitor" a Mind Monitor CSV export, as the app writes it: "TimeStamp" (local
 *                 wall-clock text YYYY-MM-DD hh:mm:ss[.fff], read as if UTC); the channels
 *                 are "RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10" and any "AUX_*" columns (named TP9,
 *                 AF7, AF8, TP10, AUX_RIGHT, ...); other columns are found by name, so those
 *                 that vary between app versions (Mellow, Concentration, AUX_LEFT, ...) do
 *                 not matter. Data rows may leave out the trailing Elements field. Samples
 *                 arrive in Bluetooth packets of 12 stamped together, so a sample's time
 *                 comes from its index at the nominal rate (256 Hz, or opts.rate), anchored
 *                 to the stamps: with u = stamp - index / rate, the anchor follows the
 *                 smallest u of the 256 rows before and after (the latency floor; by at
 *                 most half a period per sample), and when the smallest u of the next 256
 *                 rows is more than half a packet (6 periods) above it, packets were lost:
 *                 the anchor jumps, and the samples show a gap. Samples
 *                 are returned once 256 rows after them are read (1 s behind a live
 *                 writer). Marker rows (only TimeStamp and Elements: /muse/elements/blink,
 *                 /Marker/1, ...) are events at the time of the next sample (their own
 *                 stamp is sometimes cut to whole seconds). HSI_<channel> (1 good, 2 medium,
 *                 4 bad) and HeadBandOn (0: off, bad) give s->quality. An export recorded
 *                 at an interval (rows 1 s apart: RAW_* is a snapshot per row, not a
 *                 waveform) is refused.
 *   "mindmonitor-bands"
 *                 the same export's absolute band powers (Delta_, Theta_, Alpha_, Beta_,
 *                 Gamma_ x TP9, AF7, AF8, TP10, log10 as recorded) as the channels, named
 *                 TP9_delta ... TP10_gamma (channel-major), one sample per row that has them
 *                 all; interval exports are timed by their stamps, at the rate of their
 *                 interval (1 Hz for rows 1 s apart). Only by name (--format).
 *   "openbci"     the OpenBCI GUI's recordings (v5 and later, "OpenBCI-RAW-*.txt"): comment
 *                 lines "%OpenBCI Raw EXG Data", "%Sample Rate = 250 Hz" (the rate, unless
 *                 opts.rate), then a header row "Sample Index, EXG Channel 0, ...,
 *                 Timestamp, ...". The channels are the "EXG Channel N" columns (uV), named
 *                 as in the file. "Timestamp" is Unix seconds stamped by the computer as
 *                 the board's packets arrive (in bursts, as the USB or Bluetooth link hands
 *                 them on), so samples are timed as Mind Monitor's are: by their index,
 *                 anchored to the stamps, with lost samples showing as gaps. A "Marker
 *                 Channel" cell other than 0 is an event at its sample, named by its value
 *                 ("3"). Other columns (accelerometer, analog, digital) are not read.
 *                 A file of the GUI before v5 has no header row: its first cell is Sample
 *                 Index, then the "%Number of channels = 8" EXG channels (GUI v1-3, with
 *                 "%First Column = SampleIndex" and no count: all but the last 4 columns,
 *                 3 accelerometer and the time); its samples are timed by their index
 *                 alone (no stamps: lost samples are not seen).
 *   "emotiv"      EmotivPRO's CSV export: a first line of key:value pairs ("title:...,
 *                 headset type:EPOCX, ..., sampling rate:eeg_128;mot_32;pow_8, ..."; older
 *                 exports "sampling rate:128") giving the rate unless opts.rate, then the
 *                 header. The channels are the "EEG.<sensor>" columns but EEG.Counter,
 *                 EEG.Interpolated, EEG.RawCq, EEG.Battery, EEG.BatteryPercent and
 *                 EEG.MarkerHardware, named by the sensor (AF3), in uV; a row without them
 *                 is not a sample. "Timestamp" (Unix seconds) times them as for Mind
 *                 Monitor. CQ.<sensor> (0 none ... 4 good; an empty cell keeps the last)
 *                 gives s->quality: 4 good, 3 medium, less bad; a sample EEG.Interpolated
 *                 says Cortex made up (a lost packet) is bad. A MarkerValueInt other than 0
 *                 is an event at its sample, named by the value. Motion, band power and
 *                 performance metric columns are not read.
 *   "csv"         other CSV with a header row (or none: a first line of numbers; names then
 *                 come from opts.names or are ch1..chN). A "time", "timestamp" or
 *                 "timestamps" column (any case) gives times in seconds; without one the
 *                 rate must come from opts.rate. With one, the rate is opts.rate or
 *                 estimated from the first rows (1 / mean step, gaps left out, snapped to
 *                 an integer within 1e-6). Comment lines ('#' or '%' first) before the
 *                 header are skipped; the last one is the header of a file whose first
 *                 line is numbers when it has as many cells (NumPy's savetxt). Columns
 *                 not read (not --channels, not the time) are not parsed and need not
 *                 have distinct names.
 * Cells may be quoted and have blanks around them; a line of blanks is skipped.
 */
#include <math.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "names.h"
#include "source.h"
#include "util.h"

#define MUSE_RATE	256.0	/* Muse EEG sampling rate (Muse 2016, Muse 2, Muse S) */
#define AHEAD		257	/* rows read at open, for the rate estimate */
#define MAXCOL		65536	/* columns of a header */
#define MM_AHEAD	256	/* rows a Mind Monitor sample's time looks ahead */
#define MM_RING		(MM_AHEAD + 1)
#define MM_GAP		6.0	/* periods: half a 12-sample packet */
#define MM_INTERVAL	0.1	/* s: rows further apart (median) are an interval export */

/* the dialects above; K_OBCI4: an OpenBCI file of the GUI before v5, read as plain CSV */
enum { K_MUSE, K_MM, K_MMB, K_OBCI, K_EMOTIV, K_OBCI4, K_CSV };
enum { R_NUM, R_OPT, R_DATE, R_MARK, R_ELEM, R_SKIP };

static const char *const mm_bands[5] = { "Delta", "Theta", "Alpha", "Beta", "Gamma" };

/* A Mind Monitor export's state: rows wait in a ring until their look-ahead is read. */
struct mmsrc {
	int interval;		/* an interval export: rows are timed by their stamps */
	int hbo;		/* HeadBandOn column, or -1 */
	int mcol;		/* OpenBCI's Marker Channel, Emotiv's MarkerValueInt, or -1 */
	int icol;		/* Emotiv's EEG.Interpolated, or -1 */
	int *hsi;		/* per output channel: its HSI_ column, or -1 */
	double *hsiv, hbov;	/* their last values (0, -1: none yet) */
	double *rx, *rs;	/* ring of data rows: values (MM_RING, nch), stamps (MM_RING) */
	unsigned char *rq;	/* their contact quality */
	long long head, count;	/* absolute index of the ring's oldest row; rows in it */
	long long *dq;		/* indices of the rows whose u is a running minimum (ring) */
	long long dqh, dqn;
	double *bu;		/* the same over the last MM_AHEAD rows returned since the
				 * last gap: their u, and their indices */
	long long *bi, bh, bn;
	double off;		/* a row's time is index / rate + off */
	int anchored, ended;
	char **mk;		/* markers waiting for the next sample: text, at row mkrow[i] */
	long long *mkrow;
	size_t nmk, hmk, cmk;
	double tlast;		/* the last time returned */
};
enum { ROW_SKIP, ROW_SAMPLE, ROW_NONE };	/* next_row's results besides -1 */

struct csvsrc {
	int kind;
	struct csv c;
	int ncol;		/* columns of the header */
	char **hname;		/* their names */
	unsigned char *role;	/* per column */
	int tcol;		/* time column or -1 */
	int *sel;		/* output channel -> column */
	double *vals;		/* one row, per column */
	unsigned char *empty;	/* per column: the cell was empty (R_OPT, R_DATE) */
	const char **tp, **te;	/* text cells (R_MARK, R_ELEM) */
	double tprev;
	int have_prev;
	int allnum;		/* every column is R_NUM: the fast path applies */
	long long idx;		/* samples so far */
	/* rows read ahead at open (returned first), and an error met there, returned after
	 * them */
	double *qx, *qt;
	int nq, qhead, failed;
	char qerr[sizeof ((struct source *)0)->err];
	int elem_last;		/* the last column is Elements: data rows may leave it out */
	double hrate;		/* the rate an OpenBCI or Emotiv file's first lines state, or 0 */
	int hnch;		/* the channels an OpenBCI file's comment line states, or 0 */
	int hfirst;		/* it has GUI v1-3's "%First Column = SampleIndex" line */
	int meta;		/* Emotiv: its first line (key:value pairs) was read */
	struct mmsrc mm;
};

/* Mind Monitor's, OpenBCI's, Emotiv's: samples timed by their index, anchored to the
 * stamps */
static int
mm_kind(int kind)
{
	return kind == K_MM || kind == K_MMB || kind == K_OBCI || kind == K_EMOTIV;
}

static int
ieq(const char *a, const char *b)
{
	return !strcasecmp(a, b);
}

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
has_control(const char *a, const char *b)
{
	for (; a < b; a++)
		if ((unsigned char)*a < 0x20 || *a == 0x7f)
			return 1;
	return 0;
}

/* A cell's text without the blanks around it and, if it was not split as quoted, one
 * level of quotes (a quoted cell after blanks). */
static void
cell_text(const struct csv_field *f, const char **a, const char **b)
{
	const char *p = f->p, *e = f->p + f->n;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (!f->quoted && e - p >= 2 && *p == '"' && e[-1] == '"') {
		p++;
		e--;
	}
	*a = p;
	*b = e;
}

static int
col_error(struct source *s, struct csvsrc *c, size_t nf)
{
	if (c->c.nonl && nf < (size_t)c->ncol)
		return source_fail(s, "line %ld: truncated: %zu of %d columns and no newline at "
		    "the end", c->c.line, nf, c->ncol);
	return source_fail(s, "line %ld: %zu columns, the header has %d", c->c.line, nf,
	    c->ncol);
}

static int
cell_error(struct source *s, struct csvsrc *c, int col, const char *what)
{
	char show[200];

	return source_fail(s, "line %ld: column %d (%s): %s: \"%s\"", c->c.line, col + 1,
	    c->hname[col], what, csv_show(&c->c.f[col], show, sizeof show));
}

/* The fields of the record just split into c->vals, c->empty, c->tp/te: 0, 1 for a line
 * of blanks, or -1. */
static int
split_row(struct source *s, struct csvsrc *c, size_t nf)
{
	const struct csv_field *f = c->c.f;

	if (nf == 1 && !f[0].quoted) {
		const char *a, *b;
		cell_text(&f[0], &a, &b);
		if (a == b)
			return 1;
	}
	if (nf != (size_t)c->ncol && !(c->elem_last && nf + 1 == (size_t)c->ncol))
		return col_error(s, c, nf);
	for (int col = 0; col < c->ncol; col++) {
		const char *a = "", *b = a;
		if ((size_t)col < nf)
			cell_text(&f[col], &a, &b);
		switch (c->role[col]) {
		case R_NUM:
		case R_OPT:
			if ((c->empty[col] = a == b)) {
				if (c->role[col] == R_NUM)
					return source_fail(s, "line %ld: column %d (%s): empty cell",
					    c->c.line, col + 1, c->hname[col]);
			} else if (csv_parse_number(a, b, &c->vals[col]))
				return cell_error(s, c, col, "not a number");
			break;
		case R_DATE:
			if ((c->empty[col] = a == b))
				break;
			if (csv_parse_datetime(a, b, &c->vals[col]))
				return cell_error(s, c, col,
				    "not a time (want YYYY-MM-DD hh:mm:ss.fff)");
			break;
		case R_MARK:
		case R_ELEM:
			if (has_control(a, b))
				return cell_error(s, c, col, "a control character in the text");
			c->tp[col] = a;
			c->te[col] = b;
			break;
		}
	}
	return 0;
}

/*
 * The next buffered record: ROW_SAMPLE (written to x, *t), ROW_SKIP (a row that is not a
 * sample: blank, a marker), ROW_NONE (no complete record buffered: at the end when
 * c->c.eof), or -1. split: the record is already in c->c.f (a headerless first line).
 */
static int
next_row(struct source *s, struct csvsrc *c, int split, double *x, double *t)
{
	double tm;
	int col, k, r;

	if (split || !(c->allnum && csv_numbers(&c->c, c->vals, (size_t)c->ncol))) {
		size_t nf = split ? c->c.nf : csv_next(&c->c);
		if (!nf)
			return ROW_NONE;
		if ((r = split_row(s, c, nf)))
			return r < 0 ? -1 : ROW_SKIP;
		for (col = 0; col < c->ncol; col++) {
			const char *a = c->tp[col], *b = c->te[col];
			if (c->role[col] != R_MARK && c->role[col] != R_ELEM)
				continue;
			if (c->tcol >= 0 && c->empty[c->tcol])
				break;	/* the time check below words it */
			if (a == b || (c->role[col] == R_MARK && b - a == 1 && *a == '0') ||
			    (c->role[col] == R_MARK && b - a == 3 && !memcmp(a, "0.0", 3)))
				continue;
			source_add_event(s, c->tcol >= 0 ? c->vals[c->tcol] :
			    (double)c->idx / s->rate, 0, a, (size_t)(b - a));
		}
	}
	if (c->tcol >= 0) {
		if (!c->allnum && c->empty[c->tcol])
			return source_fail(s, "line %ld: column %d (%s): empty time", c->c.line,
			    c->tcol + 1, c->hname[c->tcol]);
		tm = c->vals[c->tcol];
	} else
		tm = (double)c->idx / s->rate;
	if (!(fabs(tm) <= SOURCE_MAXTIME)) {
		char a[32];
		return source_fail(s, "line %ld: time %s is absurd (more than %g s from 0)",
		    c->c.line, num(a, sizeof a, tm), SOURCE_MAXTIME);
	}
	if (c->have_prev && tm < c->tprev) {
		char a[32], b[32];
		return source_fail(s, "line %ld: time %s is before the previous sample's %s "
		    "(timestamps must not decrease)", c->c.line, num(a, sizeof a, tm),
		    num(b, sizeof b, c->tprev));
	}
	c->tprev = tm;
	c->have_prev = 1;
	for (k = 0; k < s->nch; k++)
		x[k] = c->vals[c->sel[k]];
	if (t)
		*t = tm;
	c->idx++;
	return ROW_SAMPLE;
}

static int
fill(struct source *s, struct csvsrc *c)
{
	if (csv_fill(&c->c) >= 0)
		return 0;
	if (errno == E2BIG)
		return source_fail(s, "line %ld: longer than %d bytes", c->c.seen + 1,
		    SOURCE_MAXLINE);
	return source_fail(s, "read: %s", strerror(errno));
}

/* --- Mind Monitor --- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
mm_u(const struct source *s, const struct mmsrc *m, long long i)
{
	return m->rs[i % MM_RING] - (double)i / s->rate;
}

/* The contact of the row just split: HeadBandOn 0, or a sample Emotiv's Cortex
 * interpolated, is bad; else the worst HSI of the selected channels (an empty cell keeps
 * the last value; Emotiv's CQ 4, 3 and less count as HSI 1, 2 and 4). */
static unsigned char
mm_quality(struct source *s, struct csvsrc *c)
{
	struct mmsrc *m = &c->mm;
	double worst = 0;

	if (m->hbo >= 0 && !c->empty[m->hbo])
		m->hbov = c->vals[m->hbo];
	if (m->hbov == 0 || (m->icol >= 0 && !c->empty[m->icol] && c->vals[m->icol] > 0))
		return SOURCE_BAD;
	for (int k = 0; k < s->nch; k++) {
		double v;
		if (m->hsi[k] < 0)
			continue;
		if (!c->empty[m->hsi[k]]) {
			v = c->vals[m->hsi[k]];
			m->hsiv[k] = c->kind != K_EMOTIV ? v : v >= 4 ? 1 : v >= 3 ? 2 : 4;
		}
		worst = fmax(worst, m->hsiv[k]);
	}
	return worst <= 0 ? 0 : worst <= 1 ? SOURCE_GOOD : worst <= 2 ? SOURCE_MEDIUM :
	    SOURCE_BAD;
}

/* Append a marker: it becomes an event at the time of the row that comes next. */
static void
mm_marker(struct mmsrc *m, const char *a, const char *b)
{
	if (m->nmk == m->cmk) {
		/* slide the list down before it grows (memmove wants a list, even of 0) */
		if (m->hmk) {
			memmove(m->mk, m->mk + m->hmk, (m->nmk - m->hmk) * sizeof *m->mk);
			memmove(m->mkrow, m->mkrow + m->hmk, (m->nmk - m->hmk) * sizeof *m->mkrow);
		}
		m->nmk -= m->hmk;
		m->hmk = 0;
		if (m->nmk == m->cmk) {
			m->cmk = m->cmk ? 2 * m->cmk : 16;
			m->mk = ereallocarray(m->mk, m->cmk, sizeof *m->mk);
			m->mkrow = ereallocarray(m->mkrow, m->cmk, sizeof *m->mkrow);
		}
	}
	m->mk[m->nmk] = emalloc((size_t)(b - a) + 1);
	memcpy(m->mk[m->nmk], a, (size_t)(b - a));
	m->mk[m->nmk][b - a] = 0;
	m->mkrow[m->nmk++] = m->head + m->count;
}

/* The markers up to row i become events at time tm (all of them when i < 0). */
static void
mm_events(struct source *s, struct mmsrc *m, long long i, double tm)
{
	for (; m->hmk < m->nmk && (i < 0 || m->mkrow[m->hmk] <= i); m->hmk++) {
		source_add_event(s, tm, 0, m->mk[m->hmk], strlen(m->mk[m->hmk]));
		free(m->mk[m->hmk]);
	}
}

/* The next buffered record into the ring: ROW_SAMPLE, ROW_SKIP, ROW_NONE or -1. */
static int
mm_row(struct source *s, struct csvsrc *c)
{
	struct mmsrc *m = &c->mm;
	size_t nf = csv_next(&c->c), nch = (size_t)s->nch;
	long long j, p;
	int col, r;

	if (!nf)
		return ROW_NONE;
	if ((r = split_row(s, c, nf)))
		return r < 0 ? -1 : ROW_SKIP;
	if (c->empty[c->tcol])
		return source_fail(s, "line %ld: column %d (%s): empty time", c->c.line,
		    c->tcol + 1, c->hname[c->tcol]);
	for (col = 0; col < c->ncol; col++)
		if (c->role[col] == R_ELEM && c->tp[col] < c->te[col])
			mm_marker(m, c->tp[col], c->te[col]);
		else if (col == m->mcol && !c->empty[col] && c->vals[col] != 0) {
			char v[32];
			num(v, sizeof v, c->vals[col]);
			mm_marker(m, v, v + strlen(v));
		}
	/* a sample needs every channel */
	for (size_t k = 0; k < nch; k++)
		if (c->empty[c->sel[k]])
			return ROW_SKIP;
	if (!(fabs(c->vals[c->tcol]) <= SOURCE_MAXTIME)) {
		char a[32];
		return source_fail(s, "line %ld: time %s is absurd (more than %g s from 0)",
		    c->c.line, num(a, sizeof a, c->vals[c->tcol]), SOURCE_MAXTIME);
	}
	if (c->have_prev && c->vals[c->tcol] < c->tprev) {
		char a[32], b[32];
		return source_fail(s, "line %ld: time %s is before the previous sample's %s "
		    "(timestamps must not decrease)", c->c.line, num(a, sizeof a,
		    c->vals[c->tcol]), num(b, sizeof b, c->tprev));
	}
	c->tprev = c->vals[c->tcol];
	c->have_prev = 1;
	j = m->head + m->count++;
	p = j % MM_RING;
	for (size_t k = 0; k < nch; k++)
		m->rx[(size_t)p * nch + k] = c->vals[c->sel[k]];
	m->rs[p] = c->vals[c->tcol];
	m->rq[p] = mm_quality(s, c);
	/* the running minimum of u over the ring: drop the larger ones behind */
	while (m->dqn > 0 && mm_u(s, m, m->dq[(m->dqh + m->dqn - 1) % MM_RING]) >= mm_u(s, m, j))
		m->dqn--;
	m->dq[(m->dqh + m->dqn++) % MM_RING] = j;
	return ROW_SAMPLE;
}

/* Read buffered records into the ring while it has room; block until `want` rows are
 * there (or the input ends). 0 or -1. */
static int
mm_parse(struct source *s, struct csvsrc *c, long want)
{
	struct mmsrc *m = &c->mm;

	while (!m->ended && m->count < MM_RING) {
		int r = mm_row(s, c);
		if (r < 0)
			return -1;
		if (r != ROW_NONE)
			continue;
		if (c->c.eof)
			m->ended = 1;
		else if (m->count < want && fill(s, c) < 0)
			return -1;
		else if (m->count >= want)
			break;
	}
	return 0;
}

/* The oldest row out of the ring: its time, values and contact (q: none for OpenBCI). */
static void
mm_emit(struct source *s, struct csvsrc *c, double *x, double *t, unsigned char *q)
{
	struct mmsrc *m = &c->mm;
	long long i = m->head, p = i % MM_RING;
	double tm, per = 1 / s->rate;

	if (m->interval)
		tm = m->rs[p];
	else {
		/* the smallest u over the look-ahead, and over the rows returned since the
		 * last gap (the latency floor; a second before and after this row) */
		double ahead = mm_u(s, m, m->dq[m->dqh]), lo = ahead, u = mm_u(s, m, i);
		if (m->bn > 0)
			lo = fmin(lo, m->bu[m->bh]);
		if (!m->anchored || ahead > m->off + MM_GAP * per) {
			m->off = ahead;	/* the start, or packets lost: a gap */
			m->bn = 0;
		} else
			m->off += fmax(-0.5 * per, fmin(0.5 * per, lo - m->off));
		m->anchored = 1;
		tm = (double)i * per + m->off;
		/* this row joins the ones behind */
		while (m->bn > 0 && m->bi[m->bh] <= i - MM_AHEAD) {
			m->bh = (m->bh + 1) % MM_RING;
			m->bn--;
		}
		while (m->bn > 0 && m->bu[(m->bh + m->bn - 1) % MM_RING] >= u)
			m->bn--;
		m->bu[(m->bh + m->bn) % MM_RING] = u;
		m->bi[(m->bh + m->bn++) % MM_RING] = i;
	}
	memcpy(x, m->rx + (size_t)p * (size_t)s->nch, sizeof *x * (size_t)s->nch);
	if (t)
		*t = tm;
	if (q)
		*q = m->rq[p];
	mm_events(s, m, i, tm);
	m->tlast = tm;
	if (m->dqn > 0 && m->dq[m->dqh] == i) {
		m->dqh = (m->dqh + 1) % MM_RING;
		m->dqn--;
	}
	m->head++;
	m->count--;
}

static long
mm_read(struct source *s, double *x, double *t, long n)
{
	struct csvsrc *c = s->priv;
	struct mmsrc *m = &c->mm;
	size_t nch = (size_t)s->nch;
	long got = 0;

	if (c->failed)
		return -1;
	if (s->quality)
		s->quality = ereallocarray(s->quality, (size_t)n, 1);
	for (;;) {
		if (mm_parse(s, c, 0) < 0) {
			c->failed = 1;
			return -1;
		}
		while (got < n && m->count > 0 && (m->interval || m->ended ||
		    m->count == MM_RING)) {
			mm_emit(s, c, x + (size_t)got * nch, t ? t + got : NULL,
			    s->quality ? s->quality + got : NULL);
			got++;
		}
		if (got > 0 || got == n)
			return got;
		if (m->ended) {
			mm_events(s, m, -1, m->tlast);
			return 0;
		}
		if (fill(s, c) < 0) {
			c->failed = 1;
			return -1;
		}
	}
}

/* Mind Monitor's columns: the time, the channels (RAW_ and AUX_, or the band powers),
 * HSI_ and HeadBandOn, Elements; OpenBCI's: Timestamp, EXG Channel N, Marker Channel;
 * Emotiv's: Timestamp, EEG.<sensor>, CQ.<sensor>, EEG.Interpolated, MarkerValueInt.
 * chcol gets the channel columns, chn their names (each allocated). Returns the channel
 * count. */
static int
mm_columns(struct csvsrc *c, int *chcol, char **chn)
{
	int n = 0;

	for (int i = 0; i < c->ncol; i++) {
		const char *h = c->hname[i];
		c->role[i] = R_SKIP;
		if (c->kind == K_EMOTIV) {
			if (!strcmp(h, "Timestamp") && c->tcol < 0) {
				c->role[i] = R_OPT;
				c->tcol = i;
			} else if (!strcmp(h, "MarkerValueInt")) {
				c->role[i] = R_OPT;
				c->mm.mcol = i;
			} else if (!strcmp(h, "EEG.Interpolated")) {
				c->role[i] = R_OPT;
				c->mm.icol = i;
			} else if (!strncmp(h, "CQ.", 3))
				c->role[i] = R_OPT;
			else if (!strncmp(h, "EEG.", 4) && strcmp(h, "EEG.Counter") &&
			    strcmp(h, "EEG.RawCq") && strcmp(h, "EEG.Battery") &&
			    strcmp(h, "EEG.BatteryPercent") && strcmp(h, "EEG.MarkerHardware")) {
				c->role[i] = R_OPT;
				chn[n] = estrdup(h + 4);
				chcol[n++] = i;
			}
		} else if (c->kind == K_OBCI) {
			if (!strcmp(h, "Timestamp") && c->tcol < 0) {
				c->role[i] = R_OPT;
				c->tcol = i;
			} else if (!strcmp(h, "Marker Channel")) {
				c->role[i] = R_OPT;
				c->mm.mcol = i;
			} else if (!strncmp(h, "EXG Channel ", 12)) {
				c->role[i] = R_OPT;
				chn[n] = estrdup(h);
				chcol[n++] = i;
			}
		} else if (!strcmp(h, "TimeStamp")) {
			c->role[i] = R_DATE;
			c->tcol = i;
		} else if (!strcmp(h, "Elements")) {
			c->role[i] = R_ELEM;
			c->elem_last = i == c->ncol - 1;
		} else if (!strcmp(h, "HeadBandOn")) {
			c->role[i] = R_OPT;
			c->mm.hbo = i;
		} else if (!strncmp(h, "HSI_", 4))
			c->role[i] = R_OPT;
		else if (c->kind == K_MM && (!strncmp(h, "RAW_", 4) || !strncmp(h, "AUX_", 4))) {
			c->role[i] = R_OPT;
			chn[n] = estrdup(!strncmp(h, "RAW_", 4) ? h + 4 : h);
			chcol[n++] = i;
		}
	}
	/* band powers: channel-major, bands in order */
	for (int i = 0; i < c->ncol && c->kind == K_MMB; i++) {
		const char *h = c->hname[i], *e = strchr(h, '_');
		if (!e || e - h != 5 || strncmp(h, mm_bands[0], 5))
			continue;	/* the Delta_<electrode> columns name the electrodes */
		for (int b = 0; b < 5; b++) {
			char name[256];
			snprintf(name, sizeof name, "%s_%s", mm_bands[b], e + 1);
			for (int j = 0; j < c->ncol; j++)
				if (!strcmp(c->hname[j], name)) {
					char low[8];
					for (int q = 0; mm_bands[b][q]; q++)
						low[q] = (char)(mm_bands[b][q] | 0x20);
					low[strlen(mm_bands[b])] = 0;
					snprintf(name, sizeof name, "%s_%s", e + 1, low);
					c->role[j] = R_OPT;
					chn[n] = estrdup(name);
					chcol[n++] = j;
					break;
				}
		}
	}
	return n;
}

/* After the channels are selected: HSI columns, the ring, the rows read ahead at open,
 * and whether the export is an interval one. 0 or -1. */
static int
mm_open(struct source *s, struct csvsrc *c, const struct source_opts *o)
{
	struct mmsrc *m = &c->mm;
	double steps[MM_RING], med;
	int n = 0;

	m->hsi = ecalloc((size_t)s->nch, sizeof *m->hsi);
	m->hsiv = ecalloc((size_t)s->nch, sizeof *m->hsiv);
	m->hbov = -1;
	for (int k = 0; k < s->nch; k++) {
		/* the electrode of RAW_X or X_band is X */
		char want[300];
		const char *ch = s->chname[k], *us = strchr(ch, '_');
		int len = c->kind == K_MMB && us ? (int)(us - ch) : (int)strlen(ch);
		snprintf(want, sizeof want, c->kind == K_EMOTIV ? "CQ.%.*s" : "HSI_%.*s", len, ch);
		m->hsi[k] = -1;
		for (int i = 0; i < c->ncol; i++)
			if (!strcmp(c->hname[i], want))
				m->hsi[k] = i;
	}
	m->rx = ecalloc((size_t)MM_RING * (size_t)s->nch, sizeof *m->rx);
	m->rs = ecalloc(MM_RING, sizeof *m->rs);
	m->rq = ecalloc(MM_RING, 1);
	m->dq = ecalloc(MM_RING, sizeof *m->dq);
	m->bu = ecalloc(MM_RING, sizeof *m->bu);
	m->bi = ecalloc(MM_RING, sizeof *m->bi);
	s->rate = o && o->rate ? o->rate : c->kind == K_OBCI || c->kind == K_EMOTIV ?
	    c->hrate : MUSE_RATE;
	s->has_time = 1;
	if (c->kind == K_OBCI || c->kind == K_EMOTIV) {
		s->unix_time = 1;
		if (!s->rate)
			return source_fail(s, "header: %s: give the rate with --rate",
			    c->kind == K_OBCI ? "no \"%Sample Rate = ... Hz\" line" :
			    "no sampling rate in the first line");
		if (source_check_rate(s, s->rate, "rate"))
			return -1;
		if (c->kind == K_EMOTIV)
			s->quality = ecalloc(1, 1);
		return mm_parse(s, c, 3);
	}
	s->quality = ecalloc(1, 1);	/* it has one: grown by each read */
	/* enough rows to tell a waveform (packets of stamps ms apart) from an interval
	 * export (rows a second apart) */
	if (mm_parse(s, c, 3) < 0)
		return -1;
	for (long long i = 1; i < m->count; i++)
		steps[n++] = m->rs[(m->head + i) % MM_RING] - m->rs[(m->head + i - 1) % MM_RING];
	if (n < 1 || (o && o->rate))
		return 0;
	qsort(steps, (size_t)n, sizeof *steps, cmp_double);
	if ((med = steps[n / 2]) <= MM_INTERVAL)
		return 0;
	if (c->kind == K_MM)
		return source_fail(s, "header: a Mind Monitor export recorded every %.3g s, not "
		    "a waveform: its RAW_ values are one snapshot a row; read its band powers "
		    "instead (--format mindmonitor-bands, eeg-fft --profile mindmonitor)", med);
	m->interval = 1;
	s->rate = 1 / med;
	if (fabs(s->rate - nearbyint(s->rate)) < 0.02 * s->rate)
		s->rate = nearbyint(s->rate);
	return source_check_rate(s, s->rate, "rate");
}

static long
csv_read(struct source *s, double *x, double *t, long n)
{
	struct csvsrc *c = s->priv;
	size_t nch = (size_t)s->nch;
	long got = 0;
	int r;

	if (mm_kind(c->kind))
		return mm_read(s, x, t, n);
	for (; got < n && c->qhead < c->nq; got++, c->qhead++) {
		memcpy(x + (size_t)got * nch, c->qx + (size_t)c->qhead * nch, nch * sizeof *x);
		if (t)
			t[got] = c->qt[c->qhead];
	}
	if (c->failed && c->qhead == c->nq) {
		memcpy(s->err, c->qerr, sizeof s->err);
		return -1;
	}
	for (;;) {
		while (got < n) {
			r = next_row(s, c, 0, x + (size_t)got * nch, t ? t + got : NULL);
			if (r == ROW_NONE)
				break;
			if (r < 0) {
				c->failed = 1;
				memcpy(c->qerr, s->err, sizeof c->qerr);
				return -1;
			}
			got += r == ROW_SAMPLE;
		}
		if (got > 0 || got == n || c->c.eof)
			return got;
		if (fill(s, c) < 0) {
			c->failed = 1;
			memcpy(c->qerr, s->err, sizeof c->qerr);
			return -1;
		}
	}
}

static void
csv_close(struct source *s)
{
	struct csvsrc *c = s->priv;

	csv_free(&c->c);
	source_free_names(c->hname, c->ncol);
	free(c->role);
	free(c->sel);
	free(c->vals);
	free(c->empty);
	free(c->tp);
	free(c->te);
	free(c->qx);
	free(c->qt);
	free(c->mm.hsi);
	free(c->mm.hsiv);
	free(c->mm.rx);
	free(c->mm.rs);
	free(c->mm.rq);
	free(c->mm.dq);
	free(c->mm.bu);
	free(c->mm.bi);
	for (size_t i = c->mm.hmk; i < c->mm.nmk; i++)
		free(c->mm.mk[i]);
	free(c->mm.mk);
	free(c->mm.mkrow);
	free(s->quality);
	s->quality = NULL;
	free(c);
}

static const struct source_ops csv_ops = { csv_read, csv_close };

/*
 * Read rows ahead into the queue: those already buffered, and (blocking) until `want`
 * samples are there. An error is kept for csv_read to return after the queued rows.
 * split: the first record is already split (a headerless file's first line).
 */
static void
read_ahead(struct source *s, struct csvsrc *c, int split, int want)
{
	c->qx = ecalloc((size_t)AHEAD * (size_t)s->nch, sizeof *c->qx);
	c->qt = ecalloc(AHEAD, sizeof *c->qt);
	while (c->nq < AHEAD) {
		int r = next_row(s, c, split, c->qx + (size_t)c->nq * (size_t)s->nch,
		    c->qt + c->nq);
		split = 0;
		if (r == ROW_NONE && !c->c.eof && c->nq < want)
			r = fill(s, c);
		else if (r == ROW_NONE)
			return;
		if (r < 0) {
			c->failed = 1;
			memcpy(c->qerr, s->err, sizeof c->qerr);
			return;
		}
		c->nq += r == ROW_SAMPLE;
	}
}


/*
 * Rate of a CSV with a time column and no --rate, from the rows read ahead (up to 257):
 * m = the median step; the rate is 1 / the mean of the steps no longer than 3 m (gaps left
 * out), snapped to the nearest integer when within 1e-6 of it. Muse files (whose stored
 * times are rounded to the millisecond) get the Muse's 256 Hz when that is within 5 %, and
 * 256 Hz also when too few rows are buffered at open to tell (a live stream).
 */
static int
estimate_rate(struct source *s, struct csvsrc *c)
{
	double tv[AHEAD], dv[AHEAD], m, sum = 0, r;
	int nd = 0, used = 0;

	for (int i = 1; i < c->nq; i++)
		dv[nd++] = c->qt[i] - c->qt[i - 1];
	if (nd < 1) {
		if (c->kind == K_MUSE) {
			s->rate = MUSE_RATE;
			return 0;
		}
		if (c->failed) {
			memcpy(s->err, c->qerr, sizeof s->err);
			return -1;
		}
		return source_fail(s, "rate: cannot estimate the sample rate from fewer than 2 "
		    "rows; give --rate");
	}
	memcpy(tv, dv, sizeof *dv * (size_t)nd);
	qsort(tv, (size_t)nd, sizeof *tv, cmp_double);
	m = tv[nd / 2];
	if (!(m > 0))
		return source_fail(s, "rate: cannot estimate the sample rate (median time step "
		    "%g); give --rate", m);
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
	return source_check_rate(s, s->rate, "rate");
}

/* A comment line before a CSV's header: its first cell begins with '#' or '%'. */
static int
is_comment(const struct csv_field *f)
{
	const char *a, *b;

	cell_text(f, &a, &b);
	return !f->quoted && a < b && (*a == '#' || *a == '%');
}

/*
 * EmotivPRO's first line, just split (nf cells): key:value pairs, "title:" first. Its
 * "sampling rate:" is the EEG's rate, "128" or a list "eeg_128;mot_32;pow_8" (c->hrate;
 * 0 when it says none). 0 or -1.
 */
static int
emotiv_meta(struct source *s, struct csvsrc *c, size_t nf)
{
	const char *key = "sampling rate:";
	size_t nk = strlen(key);

	for (size_t i = 0; i < nf; i++) {
		const char *a, *b, *p, *e;
		double v;
		int list;
		cell_text(&c->c.f[i], &a, &b);
		if (i == 0 && ((size_t)(b - a) < 6 || memcmp(a, "title:", 6)))
			return source_fail(s, "line %ld: not an EmotivPRO export (its first line is "
			    "key:value pairs, title: first)", c->c.line);
		if ((size_t)(b - a) < nk || memcmp(a, key, nk))
			continue;
		list = memchr(a + nk, ';', (size_t)(b - a) - nk) != NULL;
		for (p = a + nk; p < b; p = e + 1) {	/* the list's items, or the number */
			for (e = p; e < b && *e != ';'; e++)
				;
			while (p < e && *p == ' ')
				p++;
			if (e - p > 4 && !memcmp(p, "eeg_", 4))
				p += 4;
			else if (list)
				continue;
			if (csv_parse_number(p, e, &v) || !(v > 0) || v > SOURCE_MAXRATE) {
				char show[200];
				return source_fail(s, "line %ld: not a sample rate: \"%s\"",
				    c->c.line, csv_show(&c->c.f[i], show, sizeof show));
			}
			c->hrate = v;
		}
	}
	return 0;
}

/*
 * An OpenBCI comment line, just split (nf cells): "%Sample Rate = 250 Hz" (GUI v5;
 * "250.0 Hz" before) sets c->hrate, "%Number of channels = 8" c->hnch, and GUI v1-3's
 * "%First Column = SampleIndex" c->hfirst; others say nothing. 0 or -1.
 */
static int
obci_comment(struct source *s, struct csvsrc *c, size_t nf)
{
	const char *a, *b, *rate = "%Sample Rate = ", *count = "%Number of channels = ";
	const char *first = "%First Column = SampleIndex";
	size_t nr = strlen(rate), nc = strlen(count), n;
	double v;

	cell_text(&c->c.f[0], &a, &b);
	n = (size_t)(b - a);
	if (nf != 1)
		return 0;
	if (n > nc && !memcmp(a, count, nc) && !csv_parse_number(a + nc, b, &v) && v >= 1 &&
	    v <= SOURCE_MAXCH && v == floor(v))
		c->hnch = (int)v;
	c->hfirst |= n == strlen(first) && !memcmp(a, first, n);
	if (n <= nr || memcmp(a, rate, nr))
		return 0;
	if (n < nr + 4 || memcmp(b - 3, " Hz", 3) || csv_parse_number(a + nr, b - 3, &v) ||
	    !(v > 0) || v > SOURCE_MAXRATE) {
		char show[200];
		return source_fail(s, "line %ld: not a sample rate: \"%s\"", c->c.line,
		    csv_show(&c->c.f[0], show, sizeof show));
	}
	c->hrate = v;
	return 0;
}

/*
 * The header record (the first that is not blank), or -1. For "csv", comment lines
 * before it (OpenBCI's "%Sample Rate = 250 Hz", a lab script's "# subject 3") are
 * skipped; the cells of the last one are kept in *last (*nlast of them, its '#' or '%'
 * and blanks cut) for a file whose first line is numbers: NumPy's savetxt writes its
 * header as "# time,C3,C4".
 */
static int
header_record(struct source *s, struct csvsrc *c, char ***last, int *nlast)
{
	for (;;) {
		size_t nf = csv_next(&c->c);
		const char *a, *b;
		if (!nf) {
			if (c->c.eof)
				return source_fail(s, "header: empty input");
			if (fill(s, c) < 0)
				return -1;
			continue;
		}
		if (c->c.line == 1 && c->c.f[0].n >= 3 && !memcmp(c->c.f[0].p, "\xef\xbb\xbf", 3))
			c->c.f[0].p += 3, c->c.f[0].n -= 3;
		cell_text(&c->c.f[0], &a, &b);
		if (nf > MAXCOL)
			return source_fail(s, "line %ld: %zu columns (at most %d)", c->c.line, nf,
			    MAXCOL);
		if (c->kind == K_EMOTIV && !c->meta) {
			if (emotiv_meta(s, c, nf) < 0)
				return -1;
			c->meta = 1;
			continue;
		}
		if (c->kind == K_OBCI && is_comment(&c->c.f[0])) {
			if (obci_comment(s, c, nf) < 0)
				return -1;
			continue;
		}
		if (c->kind == K_CSV && is_comment(&c->c.f[0])) {
			source_free_names(*last, *nlast);
			*last = ecalloc(nf, sizeof **last);
			*nlast = (int)nf;
			for (size_t i = 0; i < nf; i++) {
				cell_text(&c->c.f[i], &a, &b);
				if (i == 0)	/* past the '#' or '%' and blanks */
					for (a++; a < b && (*a == ' ' || *a == '\t'); a++)
						;
				(*last)[i] = emalloc((size_t)(b - a) + 1);
				memcpy((*last)[i], a, (size_t)(b - a));
				(*last)[i][b - a] = 0;
			}
			continue;
		}
		if (nf > 1 || a < b || c->c.f[0].quoted)
			return (int)nf;
	}
}

/* Two of the n channels names[k] (columns col[k]) of one name: -1 after source_fail. */
static int
dup_channels(struct source *s, struct csvsrc *c, char *const *names, const int *col, int n)
{
	size_t first;
	long k = names_repeat(names, (size_t)n, &first);

	if (k < 0)
		return 0;
	return source_fail(s, "line %ld: columns %d and %d are both channel \"%.100s\"%s",
	    c->c.line, col[first] + 1, col[k] + 1, names[k], c->kind == K_CSV ?
	    " (pick channels with --channels)" : "");
}

static int
open_kind(struct source *s, struct source_input *in, const struct source_opts *o, int kind)
{
	struct csvsrc *c = ecalloc(1, sizeof *c);
	char **chn = NULL;
	int ncol, i, nchan = 0, headerless = 0, split = 0, *chcol = NULL, r = -1, nlast = 0;
	char **last = NULL;	/* the last comment line's cells */
	long hline;
	int mm = mm_kind(kind);

	s->ops = &csv_ops;
	s->priv = c;
	c->tcol = -1;
	c->kind = kind;
	csv_stream(&c->c, in->fd, in->own, in->pre, in->npre, SOURCE_MAXLINE);
	in->fd = -1;
	ncol = header_record(s, c, &last, &nlast);
	if (ncol < 0) {
		source_free_names(last, nlast);
		return -1;
	}
	c->ncol = ncol;
	hline = c->c.line;
	c->hname = ecalloc((size_t)ncol, sizeof *c->hname);
	for (i = 0; i < ncol; i++) {
		const char *a, *b;
		cell_text(&c->c.f[i], &a, &b);
		if (has_control(a, b)) {
			char show[200];
			source_fail(s, "line %ld: column %d: a control character in the name: "
			    "\"%s\"", c->c.line, i + 1, csv_show(&c->c.f[i], show, sizeof show));
			goto out;
		}
		c->hname[i] = emalloc((size_t)(b - a) + 1);
		memcpy(c->hname[i], a, (size_t)(b - a));
		c->hname[i][b - a] = 0;
	}
	c->role = ecalloc((size_t)ncol, 1);
	c->vals = ecalloc((size_t)ncol, sizeof *c->vals);
	c->empty = ecalloc((size_t)ncol, 1);
	c->tp = ecalloc((size_t)ncol, sizeof *c->tp);
	c->te = ecalloc((size_t)ncol, sizeof *c->te);
	chcol = ecalloc((size_t)ncol, sizeof *chcol);
	chn = ecalloc((size_t)ncol, sizeof *chn);

	if (kind == K_OBCI && !csv_parse_number(c->hname[0], c->hname[0] +
	    strlen(c->hname[0]), &(double){ 0 })) {
		/* the GUI before v5: no header row, but Sample Index, the EXG channels and
		 * others (accelerometer, a time of day); no stamps to anchor to. GUI v1-3
		 * state no count: Sample Index, the channels, 3 accelerometer, the time */
		if (c->hnch < 1 && c->hfirst && ncol > 5)
			c->hnch = ncol - 5;
		if (c->hnch < 1) {
			source_fail(s, "line %ld: an OpenBCI GUI file without a header row (before "
			    "v5) needs its \"%%Number of channels = N\" line", c->c.line);
			goto out;
		}
		if (c->hnch >= ncol) {
			source_fail(s, "line %ld: %d columns, too few for Sample Index and the %d "
			    "channels of \"%%Number of channels\"", c->c.line, ncol, c->hnch);
			goto out;
		}
		for (i = 0; i < ncol; i++) {
			char name[32] = "Sample Index";
			if (i > c->hnch)
				strcpy(name, "Other");
			else if (i > 0)
				snprintf(name, sizeof name, "EXG Channel %d", i - 1);
			free(c->hname[i]);
			c->hname[i] = estrdup(name);
		}
		kind = c->kind = K_OBCI4;
		mm = 0;
		headerless = split = 1;
	}
	if (kind == K_CSV) {
		/* a first line of numbers is data, not a header */
		headerless = 1;
		for (i = 0; i < ncol && headerless; i++) {
			double v;
			headerless = !csv_parse_number(c->hname[i],
			    c->hname[i] + strlen(c->hname[i]), &v);
		}
		split = headerless;
		if (headerless && !(o && o->names) && nlast == ncol) {
			/* the last comment line names the columns */
			source_free_names(c->hname, ncol);
			c->hname = last;
			last = NULL;
			headerless = 0;
		} else if (headerless) {
			char **dn = source_default_names(s, ncol, o);
			if (!dn)
				goto out;
			source_free_names(c->hname, ncol);
			c->hname = dn;
		}
	}
	if (mm) {
		c->mm.hbo = c->mm.mcol = c->mm.icol = -1;
		nchan = mm_columns(c, chcol, chn);
	}
	for (i = 0; i < ncol && !mm; i++) {
		const char *h = c->hname[i];
		if (!*h && !headerless) {
			source_fail(s, "line %ld: column %d has no name", c->c.line, i + 1);
			goto out;
		}
		switch (kind) {
		case K_OBCI4:
			if (i >= 1 && i <= c->hnch)
				chcol[nchan++] = i;
			break;
		case K_MUSE:
			if (i == 0) {
				if (!ieq(h, "timestamps")) {
					source_fail(s, "line %ld: not a muse-lsl header (want "
					    "\"timestamps,TP9,AF7,AF8,TP10,Right AUX\")", c->c.line);
					goto out;
				}
				c->tcol = 0;
			} else if (!strncmp(h, "Marker", 6))
				c->role[i] = R_MARK;
			else
				chcol[nchan++] = i;
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
	if (kind == K_EMOTIV && (c->tcol < 0 || !nchan)) {
		source_fail(s, "line %ld: not an EmotivPRO header (want Timestamp and EEG.<sensor> "
		    "columns)", c->c.line);
		goto out;
	}
	if (kind == K_OBCI && (c->tcol < 0 || !nchan)) {
		source_fail(s, "line %ld: not an OpenBCI GUI header (want Timestamp and EXG "
		    "Channel 0 ... columns)", c->c.line);
		goto out;
	}
	if (mm && (c->tcol < 0 || !nchan)) {
		source_fail(s, "line %ld: not a Mind Monitor header (want TimeStamp and %s "
		    "columns)", c->c.line, kind == K_MM ? "RAW_TP9 ..." : "Delta_TP9 ...");
		goto out;
	}
	if (nchan < 1) {
		source_fail(s, "line %ld: no channel columns", c->c.line);
		goto out;
	}
	for (i = 0; i < nchan && !mm; i++)
		chn[i] = c->hname[chcol[i]];
	/* two channels of one name: which one would --channels, or a feature, mean? (Mind
	 * Monitor's are fixed: a repeat is a broken file; other columns need to differ only
	 * if they are read: --channels refuses a name two columns have) */
	if (mm && dup_channels(s, c, chn, chcol, nchan))
		goto out;
	c->sel = ecalloc((size_t)nchan, sizeof *c->sel);
	if (source_select(s, chn, NULL, nchan, o, c->sel))
		goto out;
	for (i = 0; i < s->nch; i++)
		c->sel[i] = chcol[c->sel[i]];
	if (!mm && dup_channels(s, c, s->chname, c->sel, s->nch))
		goto out;
	for (i = 0; i < ncol && !mm; i++)	/* the columns not read are not parsed */
		if (i != c->tcol && c->role[i] == R_NUM)
			c->role[i] = R_SKIP;
	for (i = 0; i < s->nch && !mm; i++)
		c->role[c->sel[i]] = R_NUM;
	if (kind != K_MMB && kind != K_CSV)
		for (i = 0; i < s->nch; i++)
			s->unit[i] = estrdup("uV");
	if (mm) {
		r = mm_open(s, c, o);
		goto out;
	}

	/* the fast path reads every cell as a number; a row where one not read is text
	 * (or empty) takes the slow path */
	c->allnum = 1;
	for (i = 0; i < ncol; i++)
		c->allnum &= c->role[i] == R_NUM || c->role[i] == R_SKIP;
	s->has_time = c->tcol >= 0;
	s->unix_time = s->has_time && kind == K_MUSE;
	if (o && o->rate)
		s->rate = o->rate;
	else if (kind == K_OBCI4) {
		if (!(s->rate = c->hrate)) {
			source_fail(s, "header: no \"%%Sample Rate = ... Hz\" line: give the rate "
			    "with --rate");
			goto out;
		}
	} else if (c->tcol < 0) {
		/* say what is wrong: text that is not a table of samples, or one without times */
		s->rate = 1;
		read_ahead(s, c, split, 1);
		if (c->failed)
			source_fail(s, "%.400s: not a table of samples (a feature table with "
			    "labels is eeg-csv's)", c->qerr);
		else if (c->nq == 0 && !split)
			source_fail(s, "line %ld: a header and no samples: not a table of samples",
			    hline);
		else
			source_fail(s, "rate: no time column (time, timestamp or timestamps) and no "
			    "--rate: give the sample rate with --rate");
		goto out;
	}
	/* a Muse stream is not held up at open: it uses the rows already there */
	read_ahead(s, c, split, s->rate ? 0 : kind == K_MUSE ? 0 : 2);
	r = s->rate ? 0 : estimate_rate(s, c);
out:
	source_free_names(last, last ? nlast : 0);
	for (i = 0; i < nchan && mm; i++)
		free(chn[i]);
	free(chcol);
	free(chn);
	return r;
}

/* The cells of the first line of p[0..n) (for detection): their count, names in *out. */
static int
first_cells(const unsigned char *p, size_t n, char ***out)
{
	const unsigned char *nl = memchr(p, '\n', n);
	struct csv c;
	size_t nf;
	char **v;

	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, n -= 3;
	csv_stream(&c, -1, 0, p, nl ? (size_t)(nl - p) : n, 0);
	c.eof = 1;
	nf = csv_next(&c);
	v = ecalloc(nf ? nf : 1, sizeof *v);
	for (size_t i = 0; i < nf; i++) {
		const char *a, *b;
		cell_text(&c.f[i], &a, &b);
		v[i] = emalloc((size_t)(b - a) + 1);
		memcpy(v[i], a, (size_t)(b - a));
		v[i][b - a] = 0;
	}
	csv_free(&c);
	*out = v;
	return (int)nf;
}

static int
text(const unsigned char *p, size_t n)
{
	return source_is_text(p, n < 4096 ? n : 4096);
}

static int
detect_muse(const unsigned char *p, size_t n, const char *path)
{
	char **v;
	int nc, yes;

	(void)path;
	if (!text(p, n))
		return 0;
	nc = first_cells(p, n, &v);
	yes = nc > 1 && ieq(v[0], "timestamps");
	source_free_names(v, nc);
	return yes ? 3 : 0;
}

static int
detect_mindmonitor(const unsigned char *p, size_t n, const char *path)
{
	char **v;
	int nc, ts = 0, raw = 0;

	(void)path;
	if (!text(p, n))
		return 0;
	nc = first_cells(p, n, &v);
	for (int i = 0; i < nc; i++) {
		ts |= !strcmp(v[i], "TimeStamp");
		raw |= !strcmp(v[i], "RAW_TP9") || !strcmp(v[i], "Delta_TP9");
	}
	source_free_names(v, nc);
	return ts && raw ? 3 : 0;
}

/* The OpenBCI GUI's first line: "%OpenBCI Raw EXG Data" (v5 on; "EEG" before). */
static int
detect_openbci(const unsigned char *p, size_t n, const char *path)
{
	(void)path;
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, n -= 3;
	return text(p, n) && n >= 14 && !memcmp(p, "%OpenBCI Raw E", 14) ? 3 : 0;
}

/* EmotivPRO's first line: "title:..., headset type:..., sampling rate:..." */
static int
detect_emotiv(const unsigned char *p, size_t n, const char *path)
{
	const unsigned char *nl;

	(void)path;
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, n -= 3;
	if (!text(p, n) || n < 6 || memcmp(p, "title:", 6))
		return 0;
	nl = memchr(p, '\n', n);
	n = nl ? (size_t)(nl - p) : n;
	return memmem(p, n, "sampling rate:", 14) || memmem(p, n, "headset type:", 13) ? 3 : 0;
}

static int
detect_csv(const unsigned char *p, size_t n, const char *path)
{
	(void)path;
	return text(p, n);
}

static int
open_muse(struct source *s, struct source_input *in, const struct source_opts *o)
{
	return open_kind(s, in, o, K_MUSE);
}

static int
open_mindmonitor(struct source *s, struct source_input *in, const struct source_opts *o)
{
	return open_kind(s, in, o, K_MM);
}

static int
open_mindmonitor_bands(struct source *s, struct source_input *in,
    const struct source_opts *o)
{
	return open_kind(s, in, o, K_MMB);
}

static int
open_openbci(struct source *s, struct source_input *in, const struct source_opts *o)
{
	return open_kind(s, in, o, K_OBCI);
}

static int
open_emotiv(struct source *s, struct source_input *in, const struct source_opts *o)
{
	return open_kind(s, in, o, K_EMOTIV);
}

static int
open_csv(struct source *s, struct source_input *in, const struct source_opts *o)
{
	return open_kind(s, in, o, K_CSV);
}

const struct source_format source_muse = { "muse", detect_muse, open_muse };
const struct source_format source_mindmonitor = { "mindmonitor", detect_mindmonitor,
	open_mindmonitor };
const struct source_format source_mindmonitor_bands = { "mindmonitor-bands", NULL,
	open_mindmonitor_bands };
const struct source_format source_openbci = { "openbci", detect_openbci, open_openbci };
const struct source_format source_emotiv = { "emotiv", detect_emotiv, open_emotiv };
const struct source_format source_csv = { "csv", detect_csv, open_csv };
