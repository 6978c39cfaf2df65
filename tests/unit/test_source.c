/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_source: the raw-recording readers (lib/source*.c). Every input is generated here (CSV text, WAV and
 * FLAC through libsndfile, tensor streams through lib/tensor), read back and compared
 * exactly with what was written; each bad input must give -1 and its own message. The
 * real Muse recordings are read by test_source_muse; libbiosig's formats (EDF, BDF, GDF,
 * BrainVision, ...) by test_source_biosig and test_source_biosig_real.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"
#include "source.h"
#include "tensor.h"
#include "util.h"

static char dir[256];
static pid_t owner;	/* only this process removes dir (children exit through _exit) */

static char *
tpath(const char *name)
{
	static char buf[8][300];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static const char *
put(const char *name, const char *text)
{
	const char *p = tpath(name);
	FILE *fp = fopen(p, "wb");

	CHECK(fp, "create %s", p);
	fputs(text, fp);
	fclose(fp);
	return p;
}

static int
same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static double
sd(const char *s)
{
	return strtod(s, NULL);
}

/* Read the whole source in requests of `chunk` samples; returns rows or -1. */
static long
slurp(struct source *s, double *x, double *t, long max, long chunk)
{
	long got = 0, r;

	while (got < max) {
		long want = max - got < chunk ? max - got : chunk;
		r = source_read(s, x + (size_t)got * (size_t)s->nch, t ? t + got : NULL, want);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		CHECK(r <= want, "read %ld > %ld", r, want);
		got += r;
	}
	return got;
}

/* Open and read everything; expect failure whose message contains `want`. */
static void
expect_err(const char *path, const struct source_opts *o, const char *want)
{
	struct source s;
	double x[4096], t[256];
	int r = source_open(&s, path, o);
	long n = 0;

	if (r == 0)
		n = slurp(&s, x, t, 256, 7);
	CHECK(r < 0 || n < 0, "%s: no error (want \"%s\")", path, want);
	CHECK(strstr(s.err, want), "%s: error \"%s\" lacks \"%s\"", path, s.err, want);
	CHECK(!strchr(s.err, '\n'), "multi-line error");
	printf("ok error %s: %s\n", strrchr(path, '/') ? strrchr(path, '/') + 1 : path, s.err);
	source_close(&s);
}

/* --- numbers --- */

static void
check_number(const char *txt)
{
	double a, b = strtod(txt, NULL);

	CHECK(csv_parse_number(txt, txt + strlen(txt), &a) == 0, "\"%s\" rejected", txt);
	CHECK(same(a, b), "\"%s\": %.17g (%a) vs strtod %.17g (%a)", txt, a, a, b, b);
}

/* A random number as text in one of the forms a CSV may hold. */
static void
random_number(struct rng *r, char *buf, size_t n)
{
	int kind = (int)rng_below(r, 5), prec = (int)rng_below(r, 8);
	double m = (rng_uniform(r) - 0.5) * pow(10, (double)rng_below(r, 24) - 8);

	if (kind == 0)
		snprintf(buf, n, "%.*f", prec, m);	/* Muse-like decimals */
	else if (kind == 1)
		snprintf(buf, n, "%.17g", m);
	else if (kind == 2)
		snprintf(buf, n, "%.*e", (int)rng_below(r, 20), m);
	else if (kind == 3)
		snprintf(buf, n, "%.3f", 1.5e9 + rng_uniform(r) * 1e8);
	else {
		/* random digit strings with a random exponent, up to 25 digits */
		int nd = 1 + (int)rng_below(r, 25), dot = (int)rng_below(r, (uint64_t)nd + 1), k = 0;
		for (int j = 0; j < nd; j++) {
			if (j == dot)
				buf[k++] = '.';
			buf[k++] = (char)('0' + rng_below(r, 10));
		}
		if (dot == nd)
			buf[k++] = '0';
		if (rng_below(r, 2))
			snprintf(buf + k, n - (size_t)k, "e%d", (int)rng_below(r, 61) - 30);
		else
			buf[k] = 0;
	}
}

/* The same through the CSV reader (its own fast path): a file of random numbers. */
static void
test_csv_numbers(void)
{
	enum { ROWS = 20000, COLS = 6 };
	static char text[ROWS][COLS][48];
	struct source_opts o = { 0 };
	struct source s;
	static double x[ROWS * COLS];
	struct rng r;
	FILE *fp = fopen(tpath("num.csv"), "w");

	CHECK(fp, "create");
	fputs("a,b,c,d,e,f\n", fp);
	rng_seed(&r, 99);
	for (int i = 0; i < ROWS; i++)
		for (int k = 0; k < COLS; k++) {
			random_number(&r, text[i][k], sizeof text[i][k]);
			fprintf(fp, "%s%s", text[i][k], k < COLS - 1 ? "," : "\n");
		}
	fclose(fp);
	o.rate = 1;
	CHECK(source_open(&s, tpath("num.csv"), &o) == 0, "%s", s.err);
	CHECK(slurp(&s, x, NULL, ROWS, 1000) == ROWS, "rows: %s", s.err);
	for (int i = 0; i < ROWS; i++)
		for (int k = 0; k < COLS; k++)
			CHECK(same(x[i * COLS + k], strtod(text[i][k], NULL)), "csv \"%s\" read as %.17g",
			    text[i][k], x[i * COLS + k]);
	source_close(&s);
	printf("ok numbers: %d random numbers read from CSV equal strtod bit for bit\n",
	    ROWS * COLS);
}

static void
test_numbers(void)
{
	static const char *good[] = { "0", "-0", "-0.000", "+1", "1.", ".5", "30.762",
		"1533059192.499", "1533059192.503", "9007199254740992", "9007199254740993",
		"9007199254740993.5", "18446744073709551615", "123456789012345678901234567890",
		"1e22", "1e23", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308",
		"1e-400", "0.1", "0.30000000000000004", "1E5", "1e+05", "1e-05", "000123.4500",
		"0.000000000000000000000000001", "-39.551", "8.98846567431158e307", NULL };
	static const char *bad[] = { "", "-", "+", ".", "1e", "1e+", "1.2.3", "nan", "NaN",
		"inf", "-inf", "0x10", "1,5", " 1", "1 ", "1e400", "-1e999", "1d5", "--1", "e5",
		NULL };
	struct rng r;
	char buf[128];
	double v;
	int i;

	for (i = 0; good[i]; i++)
		check_number(good[i]);
	for (i = 0; bad[i]; i++)
		CHECK(csv_parse_number(bad[i], bad[i] + strlen(bad[i]), &v) < 0,
		    "\"%s\" accepted as %g", bad[i], v);
	rng_seed(&r, 20240404);
	for (i = 0; i < 300000; i++) {
		random_number(&r, buf, sizeof buf);
		check_number(buf);
	}
	printf("ok numbers: 300000 random numbers equal strtod bit for bit\n");
}

static void
test_datetime(void)
{
	static const char *bad[] = { "2019-13-01 00:00:00", "2019-01-32 00:00:00", "2019-01-01",
		"2019-01-01 12:00", "2019-01-01 25:00:00", "2019-01-01 12:00:00.", "x019-01-01 12:00:00",
		"2019-01-01 12:00:00.1x", NULL };
	struct rng r;
	double v;
	const char *s = "2019-01-01 12:00:00.123";

	CHECK(csv_parse_datetime(s, s + strlen(s), &v) == 0, "parse %s", s);
	CHECK(same(v, 1546344000.0 + 0.123), "%s -> %.17g", s, v);
	s = "1970-01-01 00:00:00";
	CHECK(csv_parse_datetime(s, s + strlen(s), &v) == 0 && v == 0, "epoch");
	rng_seed(&r, 7);
	for (int i = 0; i < 20000; i++) {
		time_t tt = (time_t)rng_below(&r, 4102444800u);	/* 1970 .. 2100 */
		struct tm tm;
		char buf[64];
		gmtime_r(&tt, &tm);
		strftime(buf, sizeof buf, i % 2 ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%dT%H:%M:%S", &tm);
		CHECK(csv_parse_datetime(buf, buf + strlen(buf), &v) == 0 && v == (double)tt,
		    "%s -> %.17g, want %lld", buf, v, (long long)tt);
	}
	for (int i = 0; bad[i]; i++)
		CHECK(csv_parse_datetime(bad[i], bad[i] + strlen(bad[i]), &v) < 0, "\"%s\" accepted",
		    bad[i]);
	printf("ok datetime: 20000 dates equal timegm\n");
}

/* --- the CSV tokenizer as a stream --- */

/* Every record of text, split as a stream whose first k bytes were already read (as
 * detection leaves them) and whose rest arrives from a file: for every k, the same fields,
 * line numbers and numbers as the whole text split at once. */
static void
test_csv_stream(void)
{
	static const char text[] = "a,\"b \"\"q\"\"\",c\r\n\n1.5,2,3\n\"x\ny\",,-4e2\r\n"
	    "7,8,9\n\n10,11,12";
	size_t len = sizeof text - 1;
	struct csv whole, c;
	char want[4096], got[4096];
	FILE *fp = fmemopen((void *)text, len, "r");

	CHECK(fp && csv_load(&whole, fp) == 0, "csv_load");
	fclose(fp);
	{
		size_t o = 0, nf;
		while ((nf = csv_next(&whole)) > 0) {
			o += (size_t)snprintf(want + o, sizeof want - o, "%ld:", whole.line);
			for (size_t i = 0; i < nf; i++)
				o += (size_t)snprintf(want + o, sizeof want - o, "[%.*s]",
				    (int)whole.f[i].n, whole.f[i].p);
		}
	}
	csv_free(&whole);
	CHECK(!strcmp(want, "1:[a][b \"q\"][c]3:[1.5][2][3]4:[x\ny][][-4e2]6:[7][8][9]"
	    "8:[10][11][12]"), "whole: %s", want);
	for (size_t k = 0; k <= len; k++) {
		FILE *rest = fopen(tpath("rest.csv"), "wb");
		size_t o = 0, nf;
		int fd, r = 1;
		double v[3];

		CHECK(rest && fwrite(text + k, 1, len - k, rest) == len - k, "write");
		fclose(rest);
		fd = open(tpath("rest.csv"), O_RDONLY);
		CHECK(fd >= 0, "open");
		csv_stream(&c, fd, 1, text, k, 64);
		for (;;) {
			/* the fast path takes the plain rows, the tokenizer the rest */
			if (csv_numbers(&c, v, 3)) {
				o += (size_t)snprintf(got + o, sizeof got - o, "%ld:[%g][%g][%g]",
				    c.line, v[0], v[1], v[2]);
				continue;
			}
			if ((nf = csv_next(&c)) > 0) {
				o += (size_t)snprintf(got + o, sizeof got - o, "%ld:", c.line);
				for (size_t i = 0; i < nf; i++)
					o += (size_t)snprintf(got + o, sizeof got - o, "[%.*s]",
					    (int)c.f[i].n, c.f[i].p);
				continue;
			}
			if (c.eof)
				break;
			CHECK((r = csv_fill(&c)) >= 0, "csv_fill: %s", strerror(errno));
		}
		csv_free(&c);
		CHECK(!strcmp(got, "1:[a][b \"q\"][c]3:[1.5][2][3]4:[x\ny][][-4e2]6:[7][8][9]"
		    "8:[10][11][12]"), "split after %zu bytes: %s", k, got);
	}
	/* a record longer than the buffer */
	{
		int fd = open(put("long.csv", "1,2\n123456789\n"), O_RDONLY);
		csv_stream(&c, fd, 1, "", 0, 4);
		c.cap = 4;	/* no slack, to test the limit */
		long records = 0;
		int r = 0;
		errno = 0;
		while (!c.eof && (records += csv_next(&c) > 0, (r = csv_fill(&c)) >= 0))
			;
		CHECK(records == 1 && r < 0 && errno == E2BIG, "long record: %ld records, %s",
		    records, strerror(errno));
		csv_free(&c);
	}
	printf("ok csv stream: the same records whatever was read before, at every split\n");
}

/* --- Muse (muse-lsl) CSV --- */

static const char *muse_rows[][6] = {
	{ "1533059192.499", "30.762", "15.625", "29.785", "0.977", "0.977" },
	{ "1533059192.503", "26.367", "13.672", "28.320", "0.000", "39.551" },
	{ "1533059192.507", "-21.484", "14.160", "28.320", "2.930", "-39.551" },
	/* a 2 s gap */
	{ "1533059194.507", "1e1", "-0.5", "3", "4.25", "5.125" },
	{ "1533059194.511", "1.5", "2.5", "3.5", "4.5", "5.5" },
};
#define NMUSE ((int)(sizeof muse_rows / sizeof muse_rows[0]))

static char *
muse_text(const char *eol, int last_eol)
{
	static char buf[4096];
	size_t k = (size_t)snprintf(buf, sizeof buf, "timestamps,TP9,AF7,AF8,TP10,Right AUX%s", eol);

	for (int i = 0; i < NMUSE; i++) {
		for (int j = 0; j < 6; j++)
			k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", j ? "," : "", muse_rows[i][j]);
		if (i < NMUSE - 1 || last_eol)
			k += (size_t)snprintf(buf + k, sizeof buf - k, "%s", eol);
	}
	return buf;
}

static void
check_muse(const char *path, const struct source_opts *o, long chunk, const int *cols, int ncols)
{
	struct source s;
	double x[100 * 5], t[100];
	long n;
	int gaps = 0, gapat = -1;

	CHECK(source_open(&s, path, o) == 0, "open %s: %s", path, s.err);
	CHECK(!strcmp(s.format, "muse"), "format %s", s.format);
	CHECK(s.nch == ncols && s.has_time == 1 && s.rate == 256, "nch %d has_time %d rate %g",
	    s.nch, s.has_time, s.rate);
	CHECK(!strcmp(s.unit[0], "uV"), "unit");
	n = slurp(&s, x, t, 100, chunk);
	CHECK(n == NMUSE, "rows %ld: %s", n, s.err);
	for (int i = 0; i < NMUSE; i++) {
		CHECK(same(t[i], sd(muse_rows[i][0])), "t[%d] %.17g", i, t[i]);
		for (int k = 0; k < ncols; k++)
			CHECK(same(x[i * ncols + k], sd(muse_rows[i][cols[k]])), "x[%d][%d] = %.17g", i, k,
			    x[i * ncols + k]);
		if (i && source_gap(&s, t[i] - t[i - 1]))
			gaps++, gapat = i;
	}
	CHECK(gaps == 1 && gapat == 3, "gaps %d at %d", gaps, gapat);
	CHECK(source_read(&s, x, t, 10) == 0, "not at end");
	CHECK(s.nread == NMUSE, "nread %lld", s.nread);
	source_close(&s);
}

static void
test_muse(void)
{
	static const int all[] = { 1, 2, 3, 4, 5 }, two[] = { 3, 1 }, aux[] = { 5, 2 };
	struct source_opts o = { .aux = 1 };
	struct source s;
	const char *p;

	p = put("rec.csv", muse_text("\n", 1));
	check_muse(p, &o, 1, all, 5);
	check_muse(p, &o, 1000, all, 5);
	o.aux = 0;	/* Right AUX is not EEG: left out unless asked for */
	check_muse(p, &o, 7, all, 4);
	o.channels = "AF8,TP9";
	check_muse(p, &o, 2, two, 2);
	o.channels = "Right AUX,AF7";
	check_muse(p, &o, 2, aux, 2);
	o.channels = "right aux,af7";	/* case and padding dots aside, as PhysioNet's O1.. */
	check_muse(p, &o, 2, aux, 2);
	o.channels = NULL;
	o.aux = 1;
	o.format = "muse";
	check_muse(put("rec.txt", muse_text("\r\n", 0)), &o, 3, all, 5);	/* CRLF, no final EOL */
	o.format = NULL;
	check_muse(put("noext", muse_text("\n", 1)), &o, 4, all, 5);	/* detected by content */
	o.aux = 0;
	printf("ok muse: values, times, gap, channel selection, AUX left out, CRLF\n");

	/* padding dots and case: a unique match or a clear error */
	o.channels = "o1,OZ";
	CHECK(source_open(&s, put("dots.csv", "time,O1..,Oz..,Fc5.\n0,1,2,3\n0.5,4,5,6\n"),
	    &o) == 0 && s.nch == 2 && !strcmp(s.chname[0], "O1..") && !strcmp(s.chname[1], "Oz.."),
	    "dots: %s", s.err);
	source_close(&s);
	o.channels = "O1";
	expect_err(put("dots2.csv", "time,O1.,o1..\n0,1,2\n0.5,4,5\n"), &o,
	    "--channels: \"O1\" could be \"O1.\" or \"o1..\"");
	o.channels = NULL;

	o.channels = "TP9,Fz";
	expect_err(p, &o, "no channel \"Fz\"");
	o.channels = "TP9,TP9";
	expect_err(p, &o, "given twice");
	o.channels = NULL;
	o.rate = -1;
	expect_err(p, &o, "must be > 0");
	o.rate = 2e6;
	expect_err(p, &o, "absurd");
	o.rate = NAN;
	expect_err(p, &o, "must be > 0");
	o.rate = 0;
	o.format = "wav";
	expect_err(p, &o, "unknown format");
	o.format = NULL;

	expect_err(put("bad1.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
	    "1.0,1,2,3,4,5\n1.1,1,2,x3,4,5\n"), &o, "line 3: column 4 (AF8): not a number: \"x3\"");
	expect_err(put("bad2.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
	    "1.0,1,2,3,4,5\n1.1,1,2,3,4\n"), &o, "line 3: 5 columns, the header has 6");
	expect_err(put("bad3.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
	    "1.0,1,2,3,4,5\n1.1,1,2,3,4,5,6\n"), &o, "line 3: 7 columns, the header has 6");
	expect_err(put("bad4.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
	    "1.0,1,2,3,4,5\n1.1,1,2,3,4,5\n1.05,1,2,3,4,5\n"), &o,
	    "line 4: time 1.05 is before the previous sample's 1.1 ");
	expect_err(put("bad5.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
	    "1.0,1,2,3,4,5\n1.1,1,2,3,4,5\n1.2,1,2,3"), &o,
	    "line 4: truncated: 4 of 6 columns and no newline");
	expect_err(put("bad6.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n1.0,1,,3,4,5\n"), &o,
	    "line 2: column 3 (AF7): empty cell");
	expect_err(put("bad7.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n1.0,1,2,nan,4,5\n"), &o,
	    "line 2: column 4 (AF8): not a number: \"nan\"");
	expect_err(put("bad8.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n1.0,1,2,3,1e999,5\n"), &o,
	    "not a number: \"1e999\"");
	expect_err(put("empty.csv", ""), &o, "empty input");
	o.format = "muse";
	expect_err(put("notmuse.csv", "time,a,b\n1,2,3\n"), &o, "not a muse-lsl header");
	o.format = NULL;

	/* a muse-lsl layout at another rate (eeg-synth): the rate comes from the times */
	CHECK(source_open(&s, put("r128.csv", "timestamps,TP9\n5.0,1\n5.0078125,2\n5.015625,3\n"
	    "9.0,4\n9.0078125,5\n"), &o) == 0 && s.rate == 128, "muse at 128 Hz: %g %s", s.rate,
	    s.err);
	source_close(&s);

	/* a header and no rows: opens, then end of input */
	CHECK(source_open(&s, put("hdr.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"), &o) == 0,
	    "%s", s.err);
	{
		double x[5], t[1];
		CHECK(source_read(&s, x, t, 1) == 0, "rows from an empty file");
	}
	source_close(&s);

	/* muse-lsl's optional Marker0 column: not a channel; non-zero values are annotations */
	CHECK(source_open(&s, put("mark.csv", "timestamps,TP9,AF7,AF8,TP10,Right AUX,Marker0\n"
	    "10.0,1,2,3,4,5,0\n10.004,1,2,3,4,5,blink\n10.008,1,2,3,4,5,0\n"), &o) == 0, "%s", s.err);
	{
		double x[50], t[10];
		CHECK(s.nch == 4 && slurp(&s, x, t, 10, 10) == 3, "marker file");
		CHECK(s.nevent == 1 && same(s.events[0].onset, 10.004) &&
		    !strcmp(s.events[0].text, "blink"), "marker annotation");
	}
	source_close(&s);
	printf("ok muse: errors, markers\n");
}

/* --- Mind Monitor CSV --- */

/*
 * A Mind Monitor export written to the facts of real ones: the header of an app version
 * (v2: no Mellow/Concentration, an AUX_LEFT column), data rows without the trailing
 * Elements field, local wall-clock stamps, samples in Bluetooth packets of 12 that arrive
 * 30-45 ms after their last sample (now and then 100 ms, with the next packets bunched
 * behind) and are stamped 1 ms apart, some packets lost, marker
 * rows with only TimeStamp and Elements (some stamped in whole seconds), HSI and
 * HeadBandOn. The true sample times go to tau (the Muse's clock, 256 Hz); the rows that
 * follow a lost packet are flagged in lost[]; marker k is written before sample mkat[k].
 */
enum { MM_N = 3000, MM_NMK = 4 };
static double mm_tau[MM_N], mm_val[MM_N][6];
static int mm_lost[MM_N], mm_hsi[MM_N], mm_mkat[MM_NMK];

static void
stamp_text(char *buf, size_t n, double t, int whole)
{
	long long ms = llround(t * 1000);
	time_t sec = (time_t)(ms / 1000);
	struct tm tm;
	char d[32];

	gmtime_r(&sec, &tm);
	strftime(d, sizeof d, "%Y-%m-%d %H:%M:%S", &tm);
	if (whole)
		snprintf(buf, n, "%s", d);
	else
		snprintf(buf, n, "%s.%03d", d, (int)(ms % 1000));
}

static int
cmp_abs(const void *a, const void *b)
{
	double x = fabs(*(const double *)a), y = fabs(*(const double *)b);

	return (x > y) - (x < y);
}

/* Writes path; returns the number of samples written. */
static long
write_mm(const char *path, int v2)
{
	static const char *bands[5] = { "Delta", "Theta", "Alpha", "Beta", "Gamma" },
	    *el[4] = { "TP9", "AF7", "AF8", "TP10" };
	FILE *fp = fopen(path, "w");
	struct rng r;
	double arrive = 0, t0 = 1614852672.0;	/* 2021-03-04 10:11:12 */
	long n = 0, i = 0;
	int ncol = 0, mk = 0;
	static const char *marks[MM_NMK] = { "/muse/elements/blink", "/Marker/1",
		"/muse/elements/jaw_clench", "/muse/elements/blink" };

	CHECK(fp, "create %s", path);
	rng_seed(&r, 42 + v2);
	ncol += fprintf(fp, "TimeStamp") > 0;
	for (int b = 0; b < 5; b++)
		for (int e = 0; e < 4; e++)
			ncol += fprintf(fp, ",%s_%s", bands[b], el[e]) > 0;
	fprintf(fp, ",RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,AUX_RIGHT%s%s", v2 ? ",AUX_LEFT" : "",
	    v2 ? "" : ",Mellow,Concentration");
	fprintf(fp, ",Accelerometer_X,Accelerometer_Y,Accelerometer_Z,Gyro_X,Gyro_Y,Gyro_Z,"
	    "HeadBandOn,HSI_TP9,HSI_AF7,HSI_AF8,HSI_TP10,Battery,Elements\n");
	ncol += 5 + v2 + 2 * !v2 + 6 + 1 + 4 + 1 + 1;
	/* a connection event before any sample, whole-second stamp */
	{
		char st[64];
		stamp_text(st, sizeof st, t0, 1);
		fprintf(fp, "%s", st);
		for (int k = 1; k < ncol - 1; k++)
			fputc(',', fp);
		fprintf(fp, ",/muse/event/connected Muse-1234\n");
	}
	memset(mm_lost, 0, sizeof mm_lost);
	for (long pk = 0, late = 0; n < MM_N; pk++) {
		double tau_last = t0 + 0.3 + (double)(pk * 12 + 11) / 256, lat;
		/* one packet in 25 is lost (never the first). Not right after a late packet
		 * or the ones bunched behind it: a late packet followed by a lost one looks
		 * like a lost one followed by a prompt one, and stamps cannot tell them apart */
		if (pk > 2 && !late && rng_below(&r, 25) == 0) {
			i += 12;
			if (n < MM_N)
				mm_lost[n] = 1;
			continue;
		}
		/* 30-45 ms after its last sample (stamps jump 20-50 ms between packets);
		 * one in 30 is 100 ms late, and the next ones arrive together behind it */
		lat = 0.030 + 0.015 * rng_uniform(&r);
		if (late)
			late--;
		else if (rng_below(&r, 30) == 0) {
			late = 4;
			lat += 0.100;
		}
		arrive = fmax(arrive + 0.012, tau_last + lat);
		for (int j = 0; j < 12 && n < MM_N; j++, i++, n++) {
			char st[64];
			int q = n > 1500 && n < 1700 ? 4 : n > 2500 && n < 2600 ? 2 : 1;
			if (mk < MM_NMK && n == 400 + 700 * mk) {
				/* a marker row: TimeStamp and Elements only */
				stamp_text(st, sizeof st, arrive + 0.001 * j, mk % 2);
				fprintf(fp, "%s", st);
				for (int k = 1; k < ncol - 1; k++)
					fputc(',', fp);
				fprintf(fp, ",%s\n", marks[mk]);
				mm_mkat[mk++] = (int)n;
			}
			mm_tau[n] = t0 + 0.3 + (double)i / 256;
			mm_hsi[n] = q;
			stamp_text(st, sizeof st, arrive + 0.001 * j, 0);
			fprintf(fp, "%s", st);
			for (int k = 0; k < 20; k++)
				fprintf(fp, ",%.6f", 0.5 + 0.1 * sin(n * 0.01 + k));
			for (int k = 0; k < 5 + v2; k++) {
				mm_val[n][k] = floor((800 + 300 * sin(i * 0.3 + k) +
				    50 * rng_normal(&r)) * 1000 + 0.5) / 1000;
				fprintf(fp, ",%.3f", mm_val[n][k]);
			}
			if (!v2)
				fprintf(fp, ",50.0,50.0");
			fprintf(fp, ",0.01,-0.02,0.98,0.5,-0.3,0.1,1,%d.0,1.0,1.0,%d.0,87.5\n", q,
			    q == 2 ? 2 : 1);
		}
	}
	fclose(fp);
	return n;
}

static void
test_mindmonitor(void)
{
	struct source_opts o = { .aux = 1 };
	struct source s;
	static double x[MM_N * 6], t[MM_N];
	static unsigned char q[MM_N];
	static double err[MM_N];
	double maxerr = 0, p95 = 0;
	long n, gaps = 0;

	for (int v2 = 0; v2 < 2; v2++) {
		long nw = write_mm(tpath("mm.csv"), v2), got = 0, r;
		int nch = 5 + v2;
		CHECK(source_open(&s, tpath("mm.csv"), &o) == 0, "%s", s.err);
		CHECK(!strcmp(s.format, "mindmonitor") && s.nch == nch && s.has_time &&
		    s.rate == 256 && !strcmp(s.chname[0], "TP9") && !strcmp(s.chname[4], "AUX_RIGHT") &&
		    (!v2 || !strcmp(s.chname[5], "AUX_LEFT")) && !strcmp(s.unit[0], "uV"),
		    "v%d: %s nch %d rate %g", v2 + 1, s.format, s.nch, s.rate);
		while ((r = source_read(&s, x + got * nch, t + got, 333)) > 0) {
			memcpy(q + got, s.quality, (size_t)r);
			got += r;
		}
		CHECK(r == 0 && got == nw, "v%d: %ld of %ld samples: %s", v2 + 1, got, nw, s.err);
		for (long i = 0; i < got; i++) {
			for (int k = 0; k < nch; k++)
				CHECK(same(x[i * nch + k], mm_val[i][k]), "v%d sample %ld ch %d", v2 + 1,
				    i, k);
			/* worst of the selected channels' HSI */
			CHECK(q[i] == mm_hsi[i], "sample %ld: quality %d, want %d", i, q[i], mm_hsi[i]);
			if (i == 0)
				continue;
			/* a gap exactly where packets were lost, nowhere else */
			CHECK(source_gap(&s, t[i] - t[i - 1]) == mm_lost[i], "v%d sample %ld: step "
			    "%.4f s, lost %d", v2 + 1, i, t[i] - t[i - 1], mm_lost[i]);
			gaps += mm_lost[i];
			/* times follow the true ones, up to a constant delay, within a few ms */
			err[i] = (t[i] - t[0]) - (mm_tau[i] - mm_tau[0]);
		}
		/* an offset within the packets' latency jitter (15 ms; a short run after a gap
		 * has little to anchor on), and within 2 ms for 95 % of the samples */
		qsort(err + 1, (size_t)got - 1, sizeof *err, cmp_abs);
		maxerr = fmax(maxerr, fabs(err[got - 1]));
		p95 = fmax(p95, fabs(err[1 + (got - 1) * 95 / 100]));
		CHECK(fabs(err[got - 1]) < 0.015 && p95 < 0.002, "times off the Muse's clock by "
		    "%.4f s, 95 %% by %.4f s", err[got - 1], p95);
		CHECK(s.nevent == MM_NMK + 1, "%zu events", s.nevent);
		CHECK(!strcmp(s.events[0].text, "/muse/event/connected Muse-1234") &&
		    s.events[0].onset == t[0], "event 0: %s at %.3f", s.events[0].text,
		    s.events[0].onset);
		for (int k = 0; k < MM_NMK; k++)
			CHECK(s.events[k + 1].onset == t[mm_mkat[k]], "marker %d at %.4f, sample "
			    "%d at %.4f", k, s.events[k + 1].onset, mm_mkat[k], t[mm_mkat[k]]);
		CHECK(!strcmp(s.events[1].text, "/muse/elements/blink") &&
		    !strcmp(s.events[3].text, "/muse/elements/jaw_clench"), "marker texts");
		source_close(&s);
	}
	CHECK(gaps > 10, "only %ld lost packets", gaps);
	o.aux = 0;	/* AUX_RIGHT, AUX_LEFT are left out unless asked for */
	CHECK(source_open(&s, tpath("mm.csv"), &o) == 0 && s.nch == 4 &&
	    !strcmp(s.chname[3], "TP10"), "no AUX: %d %s", s.nch, s.err);
	source_close(&s);
	printf("ok mindmonitor: two app versions, rows without Elements, packet stamps -> "
	    "times within %.1f ms of the Muse clock (95 %% within %.1f ms), %ld lost packets "
	    "as gaps, markers, HSI\n", maxerr * 1000, p95 * 1000, gaps);

	/* channel selection keeps the HSI of the selected channels only */
	write_mm(tpath("mm.csv"), 0);
	o.channels = "AF7,AF8";
	CHECK(source_open(&s, tpath("mm.csv"), &o) == 0 && s.nch == 2, "%s", s.err);
	n = 0;
	while (n < MM_N && source_read(&s, x, t, 1) == 1) {
		CHECK(s.quality[0] == 1, "AF7,AF8 quality at %ld", n);
		n++;
	}
	CHECK(n == MM_N, "selected: %ld", n);
	source_close(&s);
	o.channels = NULL;

	/* a 1 Hz export: refused as a waveform, read as band powers */
	{
		FILE *fp = fopen(tpath("mm1.csv"), "w");
		CHECK(fp, "create");
		fprintf(fp, "TimeStamp,Delta_TP9,Delta_AF7,Delta_AF8,Delta_TP10,Theta_TP9,"
		    "Theta_AF7,Theta_AF8,Theta_TP10,Alpha_TP9,Alpha_AF7,Alpha_AF8,Alpha_TP10,"
		    "Beta_TP9,Beta_AF7,Beta_AF8,Beta_TP10,Gamma_TP9,Gamma_AF7,Gamma_AF8,Gamma_TP10,"
		    "RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,AUX_RIGHT,HeadBandOn,HSI_TP9,HSI_AF7,"
		    "HSI_AF8,HSI_TP10,Battery,Elements\n");
		for (int i = 0; i < 30; i++) {
			char st[64];
			stamp_text(st, sizeof st, 1614852672.0 + i + 0.001 * (i % 3), 0);
			fprintf(fp, "%s", st);
			for (int k = 0; k < 20; k++)
				fprintf(fp, ",%.4f", k * 0.1 + i * 0.01);
			fprintf(fp, ",812.1,790.3,801.9,822.0,830.1,1,1.0,1.0,%d.0,1.0,80.0\n",
			    i >= 20 ? 4 : 1);
			if (i == 10)
				fprintf(fp, "%s,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,/Marker/2\n", st);
		}
		fclose(fp);
		expect_err(tpath("mm1.csv"), &o, "header: a Mind Monitor export recorded every 1 s, "
		    "not a waveform");
		o.format = "mindmonitor-bands";
		CHECK(source_open(&s, tpath("mm1.csv"), &o) == 0, "%s", s.err);
		CHECK(s.nch == 20 && s.rate == 1 && !strcmp(s.chname[0], "TP9_delta") &&
		    !strcmp(s.chname[4], "TP9_gamma") && !strcmp(s.chname[19], "TP10_gamma"),
		    "bands: %d %g %s %s", s.nch, s.rate, s.chname[0], s.chname[4]);
		n = 0;
		while (n < 30 && source_read(&s, x + n * 20, t + n, 7) > 0)
			n = s.nread;
		/* TP9_theta is Theta_TP9 (column 6), AF7_delta is Delta_AF7 (column 3) */
		CHECK(n == 30 && fabs(t[5] - 1614852677.002) < 1e-6 && x[5 * 20 + 1] == 0.45 &&
		    x[5 * 20 + 5] == 0.15, "bands values: %ld rows, t %.17g %g %g", n, t[5],
		    x[5 * 20 + 1], x[5 * 20 + 5]);
		CHECK(s.nevent == 1 && s.events[0].onset == t[11], "band marker");
		source_close(&s);
		o.format = NULL;
	}
	printf("ok mindmonitor: a 1 Hz export is refused as a waveform, read as band powers\n");

	expect_err(put("mmbad.csv", "TimeStamp,RAW_TP9,RAW_AF7,Elements\n"
	    "2019-01-01 12:00:00.000,1,2\n2019-01-01 12:0:00.004,1,2\n"), &o,
	    "line 3: column 1 (TimeStamp): not a time");
	expect_err(put("mmbad2.csv", "TimeStamp,RAW_TP9,RAW_AF7,Elements\n"
	    "2019-01-01 12:00:00.004,1,2\n2019-01-01 12:00:00.000,1,2\n"), &o,
	    "line 3: time");
	expect_err(put("mmbad3.csv", "TimeStamp,RAW_TP9,RAW_AF7,Elements\n"
	    "2019-01-01 12:00:00.004,1\n"), &o, "line 2: 2 columns, the header has 4");
	expect_err(put("mmbad4.csv", "TimeStamp,RAW_TP9,RAW_AF7,Elements\n"
	    "2019-01-01 12:00:00.004,1,abc,\n"), &o, "line 2: column 3 (RAW_AF7): not a number");
	expect_err(put("mmbad5.csv", "TimeStamp,Delta_TP9,Elements\n"
	    "2019-01-01 12:00:00.004,1\n"), &o, "not a Mind Monitor header (want TimeStamp and "
	    "RAW_TP9");
}

/* --- generic CSV --- */

static void
test_csv(void)
{
	struct source_opts o = { 0 };
	struct source s;
	double x[100], t[20];

	CHECK(source_open(&s, put("g.csv", "Time,C3,C4\n0,1,2\n0.0078125,3,4\n0.015625,5,6\n"),
	    &o) == 0, "%s", s.err);
	CHECK(!strcmp(s.format, "csv") && s.nch == 2 && s.rate == 128 && s.has_time,
	    "generic: %s %d %g", s.format, s.nch, s.rate);
	CHECK(slurp(&s, x, t, 20, 10) == 3 && x[4] == 5 && x[5] == 6 && t[2] == 0.015625, "rows");
	source_close(&s);

	/* quoted names and numbers, blanks, a blank line, no newline at the end */
	CHECK(source_open(&s, put("q.csv", "\"time\", \"C 3\" ,C4\n0,\"1.5\", 2 \n\n"
	    "0.5, \"-3\",4"), &o) == 0, "%s", s.err);
	CHECK(s.rate == 2 && !strcmp(s.chname[0], "C 3") && slurp(&s, x, t, 20, 10) == 2 &&
	    x[0] == 1.5 && x[1] == 2 && x[2] == -3 && x[3] == 4 && t[1] == 0.5, "quoted: %s", s.err);
	source_close(&s);

	expect_err(put("g2.csv", "C3,C4\n1,2\n3,4\n"), &o, "rate: no time column (time, "
	    "timestamp or timestamps) and no --rate: give the sample rate with --rate");
	expect_err(put("prose.csv", "notes\nThe subject was asked to relax, then to count.\n"),
	    &o, "line 2: 2 columns, the header has 1: not a table of samples (a feature table "
	    "with labels is eeg-csv's)");
	expect_err(put("prose2.csv", "# notes\nThe subject was asked to relax, then to count.\n"),
	    &o, "line 2: a header and no samples: not a table of samples");
	expect_err(put("table.csv", "mean_0,label\n1.5,relaxed\n"), &o, "line 2: column 2 "
	    "(label): not a number: \"relaxed\": not a table of samples");
	o.rate = 100;
	CHECK(source_open(&s, tpath("g2.csv"), &o) == 0, "%s", s.err);
	CHECK(!s.has_time && slurp(&s, x, t, 20, 10) == 2 && t[1] == 0.01 && x[2] == 3, "no time");
	source_close(&s);

	/* headerless: names from --names */
	o.names = "Fz,Cz";
	CHECK(source_open(&s, put("g3.csv", "1,2\n3,4\n5,6\n"), &o) == 0, "%s", s.err);
	CHECK(!strcmp(s.chname[1], "Cz") && slurp(&s, x, t, 20, 10) == 3 && x[0] == 1 && x[5] == 6,
	    "headerless");
	source_close(&s);
	o.names = "Fz";
	expect_err(tpath("g3.csv"), &o, "--names: 1 names for 2 channels");
	o.names = NULL;
	o.rate = 0;
	expect_err(put("g4.csv", "time,C3\n1,2\n"), &o, "fewer than 2 rows");
	expect_err(put("g5.csv", "time,C3\n1,2\n1,3\n1,4\n"), &o, "cannot estimate the sample rate");
	printf("ok csv: time column, estimated rate, --rate, headerless\n");
}

/* --- live pipes --- */

/* Run fn(fd) in a child writing to a pipe that becomes our stdin. */
static pid_t
child_stdin(void (*fn)(int, int), int *ctl)
{
	int p[2], c[2];
	pid_t pid;

	CHECK(pipe(p) == 0 && pipe(c) == 0, "pipe");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		close(c[1]);
		fn(p[1], c[0]);
		_exit(0);
	}
	close(p[1]);
	close(c[0]);
	CHECK(dup2(p[0], 0) == 0, "dup2");
	close(p[0]);
	*ctl = c[1];
	return pid;
}

/* write in a child: a reader that stopped early is not an error here */
static void
wr(int fd, const void *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n)
		_exit(0);
}

static void
live_csv(int out, int ctl)
{
	const char *a = "timestamps,TP9,AF7,AF8,TP10,Right AUX\n1.0,1,2,3,4,5\n1.004,6,7,8,9,10\n1.008,1";
	const char *b = "1,12,13,14,15\n";
	char ch;

	wr(out, a, strlen(a));
	/* wait until the parent has read the first rows: it must not wait for more */
	if (read(ctl, &ch, 1) != 1)
		_exit(1);
	wr(out, b, strlen(b));
	close(out);
}

static void
feed_file(int out, int ctl)
{
	char buf[4096];
	ssize_t r;
	int fd = open(tpath("pipe.src"), O_RDONLY);

	(void)ctl;	/* a feeder that needs no go-ahead */
	while (fd >= 0 && (r = read(fd, buf, sizeof buf)) > 0)
		wr(out, buf, (size_t)r);
	close(out);
}

static void
test_live(void)
{
	struct source_opts o = { .aux = 1 };
	struct source s;
	double x[5000], t[1000];
	int ctl, st, saved = dup(0);
	pid_t pid;

	alarm(20);	/* a reader that waits to fill its request would hang here */
	pid = child_stdin(live_csv, &ctl);
	CHECK(source_open(&s, "-", &o) == 0, "%s", s.err);
	CHECK(!strcmp(s.name, "stdin") && !strcmp(s.format, "muse"), "stdin muse");
	CHECK(source_read(&s, x, t, 1000) == 2, "live: first rows");
	CHECK(x[5] == 6 && t[1] == 1.004, "live values");
	wr(ctl, "x", 1);
	CHECK(source_read(&s, x, t, 1000) == 1 && x[0] == 11 && t[0] == 1.008, "live: rest");
	CHECK(source_read(&s, x, t, 1000) == 0, "live: end");
	source_close(&s);
	close(ctl);
	waitpid(pid, &st, 0);
	alarm(0);
	dup2(saved, 0);
	printf("ok live: a CSV pipe returns rows as they arrive\n");
	close(saved);
}

/* Live binary streams: the child sends the first `live_cut` bytes of pipe.src, waits for
 * the parent, then sends the rest. */
static size_t live_cut;

static void
live_file(int out, int ctl)
{
	static char buf[1 << 20];
	int fd = open(tpath("pipe.src"), O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
	char ch;

	if (n < (ssize_t)live_cut)
		_exit(1);
	wr(out, buf, live_cut);
	if (read(ctl, &ch, 1) != 1)
		_exit(1);
	wr(out, buf + live_cut, (size_t)n - live_cut);
	close(out);
}

/* Read src live: the samples in its first `cut` bytes (`first` of them) must come without
 * the rest of the stream; then all `total`. Returns the last value of channel 0. */
static double
read_live(const char *src, size_t cut, long first, long total)
{
	static double x[100000], t[10000];
	struct source_opts o = { 0 };
	struct source s;
	char cmd[600];
	int ctl, st, saved = dup(0);
	long got = 0, r;
	pid_t pid;
	double last;

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, tpath("pipe.src"));
	CHECK(system(cmd) == 0, "%s", cmd);
	live_cut = cut;
	alarm(20);	/* waiting for more than what was sent would hang: fail instead */
	pid = child_stdin(live_file, &ctl);
	CHECK(source_open(&s, NULL, &o) == 0, "live %s: %s", src, s.err);
	while (got < first) {
		r = source_read(&s, x + got * s.nch, t + got, 10000 - got);
		CHECK(r > 0, "live %s: %ld after %ld: %s", src, r, got, s.err);
		got += r;
	}
	CHECK(got == first, "live %s: %ld rows before the rest was sent", src, got);
	wr(ctl, "x", 1);
	while ((r = source_read(&s, x + got * s.nch, t + got, 10000 - got)) > 0)
		got += r;
	CHECK(r == 0 && got == total, "live %s: %ld of %ld rows: %s", src, got, total, s.err);
	last = x[(got - 1) * s.nch];
	source_close(&s);
	close(ctl);
	waitpid(pid, &st, 0);
	alarm(0);
	dup2(saved, 0);
	close(saved);
	return last;
}

/* What read_piped saw of the source (closed before stdin is restored). */
static struct {
	char err[512], ch0[64];
	int nch, has_time;
} pip;

/* Copy file `src` to our stdin through a pipe and read it (format sniffed): rows or -1. */
static long
read_piped(const char *src, const struct source_opts *o, double *x, double *t, long max)
{
	struct source s;
	char cmd[600];
	int ctl, st, saved = dup(0);
	pid_t pid;
	long n = -1;

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, tpath("pipe.src"));
	CHECK(system(cmd) == 0, "%s", cmd);
	alarm(20);	/* a hang fails the test */
	pid = child_stdin(feed_file, &ctl);
	if (source_open(&s, NULL, o) == 0)
		n = slurp(&s, x, t, max, 333);
	memcpy(pip.err, s.err, sizeof pip.err);
	pip.nch = s.nch;
	pip.has_time = s.has_time;
	snprintf(pip.ch0, sizeof pip.ch0, "%s", s.nch > 0 ? s.chname[0] : "");
	source_close(&s);	/* before stdin goes away */
	close(ctl);
	close(0);
	waitpid(pid, &st, 0);
	alarm(0);
	dup2(saved, 0);
	close(saved);
	return n;
}

/* --- libsndfile --- */

static void
write_snd(const char *path, int format, int ch, int rate, const int *v, long frames)
{
	SF_INFO info = { 0 };
	SNDFILE *f;

	info.channels = ch;
	info.samplerate = rate;
	info.format = format;
	f = sf_open(path, SFM_WRITE, &info);
	CHECK(f, "sf_open %s: %s", path, sf_strerror(NULL));
	CHECK(sf_writef_int(f, v, frames) == frames, "write %s", path);
	sf_close(f);
}

static void
test_snd(void)
{
	enum { F = 1000, C = 3 };
	static int v[F * C];
	static double x[F * C], t[F];
	static float fv[F * C];
	struct source_opts o = { 0 };
	struct source s;
	SF_INFO info = { 0 };
	SNDFILE *f;
	long n;

	for (int i = 0; i < F * C; i++)
		v[i] = (int)(((unsigned)i * 2654435761u) & 0xffff0000u);	/* 16 significant bits */

	/* WAV PCM16: libsndfile scales to [-1, 1): value / 32768 */
	write_snd(tpath("a.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, C, 500, v, F);
	o.names = "Fz,Cz,Pz";
	CHECK(source_open(&s, tpath("a.wav"), &o) == 0, "%s", s.err);
	CHECK(!strcmp(s.format, "snd") && s.nch == C && s.rate == 500 && !s.has_time &&
	    s.length == F && !strcmp(s.chname[2], "Pz") && !s.unit[0], "wav header");
	CHECK(slurp(&s, x, t, F, 77) == F, "wav rows: %s", s.err);
	for (int i = 0; i < F * C; i++)
		CHECK(x[i] == (double)(v[i] >> 16) / 32768.0, "wav16 [%d] %.17g", i, x[i]);
	CHECK(t[999] == 999 / 500.0, "wav time");
	source_close(&s);

	/* channel selection */
	o.channels = "Pz,Fz";
	CHECK(source_open(&s, tpath("a.wav"), &o) == 0 && slurp(&s, x, t, F, 500) == F, "%s", s.err);
	for (int i = 0; i < F; i++)
		CHECK(x[2 * i] == (double)(v[3 * i + 2] >> 16) / 32768 &&
		    x[2 * i + 1] == (double)(v[3 * i] >> 16) / 32768, "wav select %d", i);
	source_close(&s);
	o.channels = NULL;
	o.names = NULL;

	/* the same file on a pipe (format sniffed, bytes replayed to libsndfile) */
	n = read_piped(tpath("a.wav"), &o, x, t, F);
	CHECK(n == F, "piped wav: %ld %s", n, pip.err);
	CHECK(!strcmp(pip.ch0, "ch1") && x[F * C - 1] == (double)(v[F * C - 1] >> 16) / 32768,
	    "piped wav values");

	/* live: a WAV on a pipe gives its first samples before the rest arrives */
	CHECK(read_live(tpath("a.wav"), 44 + 7 * C * 2, 7, F) ==
	    (double)(v[(F - 1) * C] >> 16) / 32768, "live wav values");
	printf("ok live: a WAV pipe returns samples as they arrive\n");

	/* FLAC 24-bit: value / 2^23 */
	for (int i = 0; i < F * C; i++)
		v[i] = (int)(((unsigned)i * 2654435761u) & 0xffffff00u);
	write_snd(tpath("b.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_24, C, 256, v, F);
	CHECK(source_open(&s, tpath("b.flac"), &o) == 0, "%s", s.err);
	CHECK(s.rate == 256 && s.nch == C && slurp(&s, x, t, F, 100) == F, "flac: %s", s.err);
	for (int i = 0; i < F * C; i++)
		CHECK(x[i] == (double)(v[i] >> 8) / 8388608.0, "flac24 [%d] %.17g", i, x[i]);
	source_close(&s);
	n = read_piped(tpath("b.flac"), &o, x, t, F);
	CHECK(n == F && x[5] == (double)(v[5] >> 8) / 8388608.0, "piped flac: %ld %s", n, pip.err);

	/* float WAV: values as stored */
	for (int i = 0; i < F * C; i++)
		fv[i] = (float)(sin(i * 0.01) * 123.456);
	info.channels = C;
	info.samplerate = 1000;
	info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	f = sf_open(tpath("c.wav"), SFM_WRITE, &info);
	CHECK(f && sf_writef_float(f, fv, F) == F, "float wav");
	sf_close(f);
	CHECK(source_open(&s, tpath("c.wav"), &o) == 0 && slurp(&s, x, t, F, F) == F, "%s", s.err);
	for (int i = 0; i < F * C; i++)
		CHECK(x[i] == (double)fv[i], "float [%d] %.9g vs %.9g", i, x[i], fv[i]);
	source_close(&s);
	printf("ok snd: WAV PCM16 and float, FLAC 24-bit, selection, pipes\n");

	/* bad: truncated, zero and absurd rates (patched headers), --names count */
	{
		char cmd[600];
		unsigned char hdr[4];
		int fd;
		snprintf(cmd, sizeof cmd, "head -c 3001 '%s' > '%s'", tpath("a.wav"), tpath("trunc.wav"));
		CHECK(system(cmd) == 0, "head");
		expect_err(tpath("trunc.wav"), &o, "truncated");
		/* the rate is bytes 24..27 of a canonical WAV header */
		write_snd(tpath("r0.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, 500, v, 10);
		fd = open(tpath("r0.wav"), O_WRONLY);
		memset(hdr, 0, 4);
		CHECK(pwrite(fd, hdr, 4, 24) == 4, "patch");
		close(fd);
		expect_err(tpath("r0.wav"), &o, "header: sample rate 0: must be > 0");
		write_snd(tpath("r1.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, 2000000, v, 10);
		expect_err(tpath("r1.wav"), &o, "sample rate 2e+06: absurd");
		o.rate = 250;	/* --rate overrides the file's */
		CHECK(source_open(&s, tpath("r1.wav"), &o) == 0 && s.rate == 250, "%s", s.err);
		source_close(&s);
		o.rate = 0;
		o.names = "a,b";
		expect_err(tpath("a.wav"), &o, "--names: 2 names for 3 channels");
		o.names = NULL;
		expect_err(put("junk.wav", "RIFF nonsense"), &o, "open:");
		/* the same on a pipe: an error, and the thread replaying the pipe ends */
		CHECK(read_piped(tpath("junk.wav"), &o, x, t, F) < 0 && strstr(pip.err, "open:"),
		    "piped junk: %s", pip.err);
		/* a pipe closed early by the reader: the copying thread must not hang */
		o.channels = "ch2";
		CHECK(read_piped(tpath("a.wav"), &o, x, t, 3) == 3, "3 piped: %s", pip.err);
		o.channels = NULL;
	}
}

/* --- tensor streams --- */

static void
write_tensor(const char *path, int nch, double rate, int ndim, int times, long frames)
{
	struct header h;
	struct writer w;
	struct frame f;
	uint32_t dims[2] = { (uint32_t)nch, 1 };
	float x[16];
	FILE *fp = fopen(path, "wb");

	CHECK(fp, "open %s: %s", path, strerror(errno));
	header_init(&h);
	CHECK(header_set_shape(&h, ndim, dims) == 0, "shape");
	for (int k = 0; k < nch && ndim == 1; k++) {
		char name[16];
		snprintf(name, sizeof name, "E%d", k + 1);
		names_add(&h.columns, name);
	}
	h.rate = rate;
	CHECK(writer_open(&w, fp, path, &h) == 0, "writer_open");
	f.label = f.group = TENSOR_NONE;
	f.x = x;
	for (long i = 0; i < frames; i++) {
		/* times: 0 none, 1 increasing, 2 one step back at frame 4, 3 a NaN value there */
		f.time = times ? 100 + i * 0.5 - (times == 2 && i == 3) : NAN;
		for (int k = 0; k < nch; k++)
			x[k] = (float)(i * 0.25 - k);
		if (times == 3 && i == 3)
			x[1] = NAN;
		CHECK(writer_put(&w, &f) == 0, "writer_put");
	}
	writer_close(&w);
	header_free(&h);
	fclose(fp);
}

static void
test_tensor(void)
{
	static double x[1000 * 4], t[1000];
	struct source_opts o = { 0 };
	struct source s;
	long n;

	write_tensor(tpath("a.eeg"), 4, 2, 1, 1, 300);
	CHECK(source_open(&s, tpath("a.eeg"), &o) == 0, "%s", s.err);
	CHECK(!strcmp(s.format, "tensor") && s.nch == 4 && s.rate == 2 && s.has_time &&
	    !strcmp(s.chname[3], "E4"), "tensor header");
	CHECK(slurp(&s, x, t, 1000, 7) == 300, "tensor rows %s", s.err);
	for (int i = 0; i < 300; i++) {
		CHECK(t[i] == 100 + i * 0.5, "tensor t[%d] %g", i, t[i]);
		for (int k = 0; k < 4; k++)
			CHECK(x[i * 4 + k] == (double)(float)(i * 0.25 - k), "tensor x");
	}
	source_close(&s);

	write_tensor(tpath("b.eeg"), 3, 128, 1, 0, 50);
	o.channels = "E3";
	n = read_piped(tpath("b.eeg"), &o, x, t, 1000);
	CHECK(n == 50 && pip.nch == 1 && !pip.has_time && t[10] == 10 / 128.0 &&
	    x[10] == 10 * 0.25 - 2, "piped tensor: %ld %s", n, pip.err);
	o.channels = NULL;

	/* live: frames come as they arrive */
	{
		struct stat st;
		CHECK(stat(tpath("b.eeg"), &st) == 0, "stat");
		/* frame: label, group, time, 3 floats = 28 bytes */
		CHECK(read_live(tpath("b.eeg"), (size_t)st.st_size - 40 * 28, 10, 50) ==
		    49 * 0.25, "live tensor values");
		printf("ok live: a tensor pipe returns frames as they arrive\n");
	}

	write_tensor(tpath("c.eeg"), 3, 0, 1, 0, 5);
	expect_err(tpath("c.eeg"), &o, "no sample rate");
	o.rate = 10;
	CHECK(source_open(&s, tpath("c.eeg"), &o) == 0 && s.rate == 10, "%s", s.err);
	source_close(&s);
	o.rate = 0;
	write_tensor(tpath("f.eeg"), 3, 100, 1, 2, 5);
	expect_err(tpath("f.eeg"), &o, "frame 3: time 100.5 is before the previous frame's 101");
	write_tensor(tpath("g.eeg"), 3, 100, 1, 3, 5);
	expect_err(tpath("g.eeg"), &o, "frame 3: value 2 (E2) is NaN");	/* lib/tensor.c's check */
	write_tensor(tpath("e.eeg"), 3, 5e6, 1, 0, 5);
	expect_err(tpath("e.eeg"), &o, "sample rate 5e+06: absurd");
	write_tensor(tpath("d.eeg"), 3, 100, 2, 0, 5);
	expect_err(tpath("d.eeg"), &o, "frame shape 3x1");
	printf("ok tensor: values, times, rate, pipe, selection\n");
}

static void
cleanup(void)
{
	char cmd[300];

	if (*dir && getpid() == owner) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd))
			fprintf(stderr, "cannot remove %s\n", dir);
	}
}

int
main(int argc, char *argv[])
{
	util_init(argc, argv);
	snprintf(dir, sizeof dir, "%s/test_source.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(dir), "mkdtemp");
	owner = getpid();
	atexit(cleanup);
	test_numbers();
	test_csv_numbers();
	test_datetime();
	test_csv_stream();
	test_muse();
	test_mindmonitor();
	test_csv();
	test_live();
	test_snd();
	test_tensor();
	CHECK_DONE();
}
