/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_source_biosig: the libbiosig reader (lib/source_biosig.c).
 *   1. Recordings written to their specifications by tests/ref/biosig_cases.py (an EDF+
 *      with PhysioNet's header, two rates, EDF+D with gaps, BDF Status triggers under
 *      BioSemi's status bits, BDF+ annotations beside a Status channel, a single-record
 *      BDF, BrainVision INT_16 and float32, BCI2000): every sample, time, name, event as the
 *      writer says.
 *   2. A GDF written by libbiosig's own writer: scaling, events with GDF end codes.
 *   3. Broken files: one "where: what" each, before reading.
 * The shared real recordings are test_source_biosig_real's.
 */
#include <biosig.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "source.h"
#include "util.h"

static char dir[256];

/* Open path (with --channels list, NULL for all): 0, or the error in s->err. */
static int
open_src(struct source *s, const char *path, const char *channels)
{
	struct source_opts o = { .channels = channels };

	return source_open(s, path, &o);
}

/* All samples and times of s into *x (n, nch) and *t (n). */
static long
read_all(struct source *s, double **x, double **t)
{
	long n = 0, cap = 1024, got;

	*x = emalloc(sizeof(double) * cap * s->nch);
	*t = emalloc(sizeof(double) * cap);
	for (;;) {
		if (cap - n < 1000) {
			cap *= 2;
			*x = ereallocarray(*x, cap, sizeof(double) * s->nch);
			*t = ereallocarray(*t, cap, sizeof(double));
		}
		got = source_read(s, *x + n * s->nch, *t + n, 1000);
		CHECK(got >= 0, "%s: read: %s", s->name, s->err);
		if (got == 0)
			return n;
		n += got;
	}
}

/* One case of biosig_cases.py: everything its .meta and .vals say. */
static void
check_case(const char *name)
{
	char p[1024], line[512], file[512] = "", chans[512] = "", names[512] = "", t0s[512] = "";
	double rate = 0, *x, *t, *want, t0 = 0;
	long long length = -1;
	long n, gi[8];
	double gt[8];
	int ngap = 0, nev = 0;
	struct source_event ev[16];
	struct source s;
	FILE *f;
	struct stat st;

	snprintf(p, sizeof p, "%s/%s.meta", dir, name);
	CHECK((f = fopen(p, "r")) != NULL, "%s", p);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, "file ", 5))
			snprintf(file, sizeof file, "%s", line + 5);
		else if (!strncmp(line, "channels ", 9))
			snprintf(chans, sizeof chans, "%s", line + 9);
		else if (!strncmp(line, "names ", 6))
			snprintf(names, sizeof names, "%s", line + 6);
		else if (!strncmp(line, "rate ", 5))
			rate = atof(line + 5);
		else if (!strncmp(line, "length ", 7))
			length = atoll(line + 7);
		else if (!strncmp(line, "t0 ", 3))
			snprintf(t0s, sizeof t0s, "%s", line + 3);
		else if (!strncmp(line, "gap ", 4) && ngap < 8)
			sscanf(line + 4, "%ld %lf", &gi[ngap], &gt[ngap]), ngap++;
		else if (!strncmp(line, "event ", 6) && nev < 16) {
			int off = 0;
			sscanf(line + 6, "%lf %lf %n", &ev[nev].onset, &ev[nev].duration, &off);
			ev[nev++].text = estrdup(line + 6 + off);
		}
	}
	fclose(f);
	snprintf(p, sizeof p, "%s/%s", dir, file);
	CHECK(open_src(&s, p, strcmp(chans, "-") ? chans : NULL) == 0, "%s: %s", name, s.err);
	/* names, rate, length, start */
	{
		char got[512] = "";
		for (int k = 0; k < s.nch; k++)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? "," : "",
			    s.chname[k]);
		CHECK(!strcmp(got, names), "%s: channels %s, want %s", name, got, names);
	}
	CHECK(s.rate == rate, "%s: rate %g, want %g", name, s.rate, rate);
	CHECK(s.length == length, "%s: length %lld, want %lld", name, s.length, length);
	if (strcmp(t0s, "none")) {
		t0 = atof(t0s);
		CHECK(s.has_time == 1, "%s: has_time %d", name, s.has_time);
	} else
		CHECK(s.has_time == 0, "%s: has_time %d without a start date", name, s.has_time);
	/* events: onset, duration, text */
	CHECK(s.nevent == (size_t)nev, "%s: %zu events, want %d", name, s.nevent, nev);
	for (int i = 0; i < nev; i++) {
		CHECK(!strcmp(s.events[i].text, ev[i].text), "%s: event %d '%s', want '%s'", name,
		    i, s.events[i].text, ev[i].text);
		CHECK(fabs(s.events[i].onset - t0 - ev[i].onset) < 1e-6, "%s: event %d at %.7f, "
		    "want %.7f", name, i, s.events[i].onset - t0, ev[i].onset);
		CHECK(fabs(s.events[i].duration - ev[i].duration) < 1e-6, "%s: event %d lasts "
		    "%.7f, want %.7f", name, i, s.events[i].duration, ev[i].duration);
		free(ev[i].text);
	}
	/* every sample, and times with the gaps */
	n = read_all(&s, &x, &t);
	CHECK(n == length, "%s: read %ld samples, want %lld", name, n, length);
	snprintf(p, sizeof p, "%s/%s.vals", dir, name);
	CHECK(stat(p, &st) == 0 && st.st_size == (off_t)(sizeof(double) * n * s.nch), "%s", p);
	want = emalloc((size_t)st.st_size);
	CHECK((f = fopen(p, "rb")) && fread(want, 1, st.st_size, f) == (size_t)st.st_size, "%s", p);
	fclose(f);
	for (long i = 0; i < n * s.nch; i++)
		CHECK(fabs(x[i] - want[i]) <= 1e-9 * fmax(1, fabs(want[i])), "%s: sample %ld "
		    "channel %d: %.10g, want %.10g", name, i / s.nch, (int)(i % s.nch), x[i], want[i]);
	for (long i = 0, g = 0; i < n; i++) {
		double base = 0, want_t;
		long from = 0;
		for (int k = 0; k < ngap; k++)
			if (gi[k] <= i)
				base = gt[k], from = gi[k];
		want_t = t0 + base + (double)(i - from) / rate;
		CHECK(fabs(t[i] - want_t) < 1e-6, "%s: t[%ld] %.7f, want %.7f", name, i, t[i] - t0,
		    want_t - t0);
		if (i > 0 && source_gap(&s, t[i] - t[i - 1]))
			g++;
		if (i == n - 1)
			CHECK(g == ngap, "%s: %ld gaps, want %d", name, g, ngap);
	}
	printf("ok %s: %d channels at %g Hz, %ld samples, %d events, %d gaps\n", name, s.nch,
	    s.rate, n, nev, ngap);
	free(want);
	free(x);
	free(t);
	source_close(&s);
}

/* A GDF 2 from libbiosig's writer: 2 channels of int16 at 250 Hz, 3 events (one with an
 * end code, one with a duration). */
static void
check_gdf(void)
{
	char p[512];
	HDRTYPE *h = constructHDR(2, 3);
	double data[2 * 500], *x, *t;
	struct source s;
	long n;

	snprintf(p, sizeof p, "%s/w.gdf", dir);
	h->TYPE = GDF;
	h->VERSION = 2.22;
	h->SampleRate = 250;
	h->SPR = 250;
	h->NRec = 2;
	h->T0 = t_time2gdf_time(1700000000.0);
	for (int k = 0; k < 2; k++) {
		CHANNEL_TYPE *c = &h->CHANNEL[k];
		strcpy(c->Label, k ? "C4" : "C3");
		c->OnOff = 1;
		c->SPR = 250;
		c->GDFTYP = 3;
		c->PhysMin = -3276.8;
		c->PhysMax = 3276.7;
		c->DigMin = -32768;
		c->DigMax = 32767;
		c->Cal = (c->PhysMax - c->PhysMin) / (c->DigMax - c->DigMin);
		c->Off = c->PhysMin - c->Cal * c->DigMin;
		c->PhysDimCode = PhysDimCode("uV");
	}
	h->EVENT.SampleRate = 250;
	h->EVENT.N = 3;
	h->EVENT.TYP[0] = 0x0301, h->EVENT.POS[0] = 100, h->EVENT.DUR[0] = 0;
	h->EVENT.TYP[1] = 0x8301, h->EVENT.POS[1] = 150, h->EVENT.DUR[1] = 0;
	h->EVENT.TYP[2] = 0x0302, h->EVENT.POS[2] = 300, h->EVENT.DUR[2] = 125;
	for (int k = 0; k < 3; k++)
		h->EVENT.CHN[k] = 0;
	/* column-based: channel k's 500 samples at data + 500 k; 0.1 uV steps */
	for (int i = 0; i < 500; i++) {
		data[i] = 0.1 * ((i * 37) % 2001 - 1000);
		data[500 + i] = 0.1 * ((i * 91) % 1501 - 750);
	}
	CHECK(sopen(p, "w", h) && !biosig_check_error(h), "gdf write: %s", h->AS.B4C_ERRMSG);
	CHECK(swrite(data, 2, h) == 2, "gdf swrite");
	sclose(h);
	destructHDR(h);

	CHECK(open_src(&s, p, NULL) == 0, "gdf: %s", s.err);
	CHECK(!strcmp(s.format, "gdf"), "gdf: format %s", s.format);
	CHECK(s.nch == 2 && !strcmp(s.chname[0], "C3") && !strcmp(s.chname[1], "C4"),
	    "gdf: channels");
	CHECK(s.unit[0] && !strcmp(s.unit[0], "uV"), "gdf: unit %s", s.unit[0]);
	CHECK(s.rate == 250 && s.length == 500, "gdf: %g Hz, %lld samples", s.rate, s.length);
	CHECK(s.nevent == 2, "gdf: %zu events, want 2 (an end code closes the first)", s.nevent);
	CHECK_CLOSE(s.events[0].onset - 1700000000.0, 0.4, 1e-4, "gdf event 1 onset");
	CHECK_CLOSE(s.events[0].duration, 0.2, 1e-9, "gdf event 1: 0x8301 at 0.6 s ends it");
	CHECK_CLOSE(s.events[1].onset - 1700000000.0, 1.2, 1e-4, "gdf event 2 onset");
	CHECK_CLOSE(s.events[1].duration, 0.5, 1e-9, "gdf event 2 duration");
	CHECK(strcmp(s.events[0].text, s.events[1].text), "gdf: two codes, two texts ('%s')",
	    s.events[0].text);
	n = read_all(&s, &x, &t);
	CHECK(n == 500, "gdf: %ld samples", n);
	for (int i = 0; i < 500; i++) {
		CHECK(fabs(x[2 * i] - data[i]) < 1e-9, "gdf C3[%d] %g, want %g", i, x[2 * i],
		    data[i]);
		CHECK(fabs(x[2 * i + 1] - data[500 + i]) < 1e-9, "gdf C4[%d]", i);
	}
	free(x);
	free(t);
	source_close(&s);
	printf("ok gdf: libbiosig's writer, 2 channels, events with an end code\n");
}

/* Write n bytes of b to dir/name, the path into p. */
static void
put(char *p, size_t np, const char *name, const void *b, size_t n)
{
	FILE *f;

	snprintf(p, np, "%s/%s", dir, name);
	CHECK((f = fopen(p, "wb")) && fwrite(b, 1, n, f) == n && !fclose(f), "%s", p);
}

static char *
slurp(const char *name, size_t *n)
{
	char p[512];
	struct stat st;
	FILE *f;
	char *b;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	CHECK(stat(p, &st) == 0 && (f = fopen(p, "rb")), "%s", p);
	b = emalloc((size_t)st.st_size + 1);
	CHECK(fread(b, 1, st.st_size, f) == (size_t)st.st_size, "%s", p);
	fclose(f);
	*n = (size_t)st.st_size;
	return b;
}

/* path must fail to open with an error containing what. */
static void
expect_open_error(const char *path, const char *what, const char *why)
{
	struct source s;

	CHECK(open_src(&s, path, NULL) < 0, "%s: opened, want an error (%s)", why, what);
	CHECK(strstr(s.err, what) != NULL, "%s: error '%s', want '%s'", why, s.err, what);
	CHECK(!strchr(s.err, '\n'), "%s: error of more than one line", why);
	printf("ok %s: %s\n", why, s.err);
	source_close(&s);
}

/* Overwrite the EDF header field of w bytes at off with v, blank-padded. */
static void
patch(char *b, size_t off, size_t w, const char *v)
{
	memset(b + off, ' ', w);
	memcpy(b + off, v, strlen(v));
}

static void
check_errors(void)
{
	char p[512], *b, *c;
	size_t n;
	struct source s;

	b = slurp("physionet.edf", &n);	/* 4 signals + annotations: 5; header 1536 */
	c = emalloc(n);
	put(p, sizeof p, "cut.edf", b, n - 100);
	expect_open_error(p, "(truncated)", "a file cut short");
	memcpy(c, b, n);
	patch(c, 236, 8, "50");
	put(p, sizeof p, "lies.edf", c, n);
	expect_open_error(p, "50 data records", "a header claiming more records than stored");
	memcpy(c, b, n);
	patch(c, 252, 4, "999");
	put(p, sizeof p, "ns.edf", c, n);
	expect_open_error(p, "999 signals need a header of 256000 bytes",
	    "a header claiming more signals than it holds");
	memcpy(c, b, n);
	patch(c, 244, 8, "0");
	put(p, sizeof p, "dur0.edf", c, n);
	expect_open_error(p, "sample rate", "a data record of 0 s (a rate of infinity)");
	memcpy(c, b, n);
	patch(c, 244, 8, "1e-7");
	put(p, sizeof p, "fast.edf", c, n);
	expect_open_error(p, "Hz", "a rate of 1e9 Hz");
	memcpy(c, b, n);
	patch(c, 256 + 5 * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80), 8, "0");	/* signal 1's spr */
	put(p, sizeof p, "spr0.edf", c, n);
	expect_open_error(p, "sample rate 0", "a signal of 0 samples per record");
	memcpy(c, b, n);
	patch(c, 256 + 5 * (16 + 80 + 8 + 8 + 8 + 8), 8, "-8092");	/* digmax = digmin */
	put(p, sizeof p, "dig.edf", c, n);
	expect_open_error(p, "is not a scale", "an empty digital range");
	free(b);
	free(c);
	/* an annotation after the end, and one before the start */
	b = slurp("physionet.edf", &n);
	{
		/* the first record's annotations: "+0\x14\x14\0+0\x154.2\x14T0\x14\0...";
		 * move T2 (onset +4.2) to +9.2 s, past the 6-s recording */
		char *q = memmem(b, n, "+4.2\x15", 5);
		CHECK(q != NULL, "physionet.edf: the T2 annotation");
		q[1] = '9';
		put(p, sizeof p, "late.edf", b, n);
		expect_open_error(p, "outside the recording", "an annotation after the end");
		q[0] = '-';
		q[1] = '4';
		put(p, sizeof p, "early.edf", b, n);
		expect_open_error(p, "at -4.2 s is outside", "an annotation before the start");
	}
	free(b);
	/* BrainVision without its data file, and with a part of a sample */
	b = slurp("bv.vhdr", &n);
	c = emalloc(n + 16);
	{
		char *q = memmem(b, n, "DataFile=bv.eeg", 15);
		size_t pre = (size_t)(q - b), m;
		memcpy(c, b, pre);
		memcpy(c + pre, "DataFile=no.eeg", 15);
		memcpy(c + pre + 15, q + 15, n - pre - 15);
		put(p, sizeof p, "nodata.vhdr", c, n);
		expect_open_error(p, "data file", "a BrainVision header without its data file");
		free(c);
		c = slurp("bv.eeg", &m);
		put(p, sizeof p, "cut.eeg", c, m - 1);
		memcpy(b + pre, "DataFile=ct.eeg", 15);
		put(p, sizeof p, "ct.eeg", c, m - 1);
		put(p, sizeof p, "cut.vhdr", b, n);
		expect_open_error(p, "(truncated)", "a BrainVision data file cut short");
	}
	free(b);
	free(c);
	/* by content, without the extension (BrainVision's header names its data file) */
	{
		static const char *const from[] = { "physionet.edf", "status.bdf", "w.gdf" };
		static const char *const fmt[] = { "edf", "bdf", "gdf" };
		for (int i = 0; i < 3; i++) {
			b = slurp(from[i], &n);
			put(p, sizeof p, "noext", b, n);
			free(b);
			CHECK(open_src(&s, p, NULL) == 0 && !strcmp(s.format, fmt[i]), "%s without "
			    "its extension: %s (%s)", from[i], s.err, s.format ? s.format : "");
			source_close(&s);
		}
		printf("ok EDF, BDF, GDF detected by content\n");
	}
	/* two rates, no --channels: both named */
	snprintf(p, sizeof p, "%s/multirate.edf", dir);
	expect_open_error(p, "rates differ: 2 at 100 Hz (C3, ...), 1 at 50 Hz (ECG)",
	    "channels of two rates");
	/* the annotation signal is not a channel */
	CHECK(open_src(&s, p, "EDF Annotations") < 0 && strstr(s.err, "no channel"),
	    "the annotation signal is not selectable: %s", s.err);
	source_close(&s);
}

int
main(int argc, char *argv[])
{
	const char *top = getenv("EEG_TOP"), *py = getenv("PYTHON");
	char cmd[1024], p[512], line[128];
	FILE *f;

	util_init(argc, argv);
	snprintf(dir, sizeof dir, "%s/test_source_biosig.XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(dir), "mkdtemp");
	snprintf(cmd, sizeof cmd, "%s %s/tests/ref/biosig_cases.py %s", py ? py :
	    "/usr/bin/python3", top ? top : ".", dir);
	CHECK(system(cmd) == 0, "%s", cmd);
	snprintf(p, sizeof p, "%s/cases", dir);
	CHECK((f = fopen(p, "r")) != NULL, "%s", p);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (*line)
			check_case(line);
	}
	fclose(f);
	check_gdf();
	check_errors();
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "%s", cmd);
	CHECK_DONE();
}
