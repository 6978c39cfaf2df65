/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_source_biosig_real: the libbiosig reader on the shared real recordings, read in
 * place (EEG_EDF_DIR, EEG_BDF_DIR; skipped without them, a failure in CI): PhysioNet's four
 * EDF+ runs of S001 (64 channels at 160 Hz, their labels without the padding dots, the
 * start date, 1 or 30 annotations with T0/T1/T2 texts) and BioSemi's test.bdf (72
 * channels and a Status channel at 2048 Hz in one 1-s record, one trigger 0 -> 128).
 */
#include <string.h>

#include "check.h"
#include "source.h"
#include "util.h"

static int
open_src(struct source *s, const char *path, const char *channels)
{
	struct source_opts o = { .channels = channels };

	return source_open(s, path, &o);
}

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

int
main(int argc, char *argv[])
{
	static const char *run[] = { "S001R01", "S001R02", "S001R03", "S001R04" };
	const char *edf = need_data("EEG_EDF_DIR"), *bdf = need_data("EEG_BDF_DIR");
	char p[512];
	struct source s;
	double *x, *t;

	util_init(argc, argv);

	for (int r = 0; r < 4; r++) {
		int n0 = 0, n1 = 0, n2 = 0;
		long n;
		snprintf(p, sizeof p, "%s/%s.edf", edf, run[r]);
		CHECK(open_src(&s, p, NULL) == 0, "%s: %s", run[r], s.err);
		CHECK(s.nch == 64 && s.rate == 160, "%s: %d channels at %g Hz", run[r], s.nch,
		    s.rate);
		CHECK(!strcmp(s.chname[0], "Fc5") && !strcmp(s.chname[8], "C3") &&
		    !strcmp(s.chname[60], "O1") && !strcmp(s.chname[61], "Oz") &&
		    !strcmp(s.chname[62], "O2") && !strcmp(s.chname[63], "Iz"),
		    "%s: labels %s %s %s %s", run[r], s.chname[0], s.chname[60], s.chname[61],
		    s.chname[63]);
		CHECK(s.unit[0] && !strcmp(s.unit[0], "uV"), "%s: unit", run[r]);
		CHECK(s.has_time && s.nevent > 0 && fabs(s.events[0].onset - 1250093700.0) < 1e-6,
		    "%s: starts 2009-08-12 16:15:00 UTC", run[r]);
		CHECK(s.length == (r < 2 ? 9760 : 20000), "%s: %lld samples", run[r], s.length);
		for (size_t i = 0; i < s.nevent; i++) {
			n0 += !strcmp(s.events[i].text, "T0");
			n1 += !strcmp(s.events[i].text, "T1");
			n2 += !strcmp(s.events[i].text, "T2");
			CHECK(i == 0 || s.events[i].onset > s.events[i - 1].onset, "%s: event order",
			    run[r]);
			CHECK(s.events[i].duration > 4.0 && s.events[i].duration < 61, "%s: event %zu "
			    "lasts %g s", run[r], i, s.events[i].duration);
		}
		if (r < 2)
			CHECK(s.nevent == 1 && n0 == 1, "%s: %zu events, want one T0", run[r],
			    s.nevent);
		else
			CHECK(s.nevent == 30 && n0 == 15 && n1 == 8 && n2 == 7, "%s: %zu events "
			    "(T0 %d, T1 %d, T2 %d), want 30 (15, 8, 7)", run[r], s.nevent, n0, n1, n2);
		n = read_all(&s, &x, &t);
		CHECK(n == s.length, "%s: read %ld", run[r], n);
		CHECK(fabs(t[n - 1] - t[0] - (n - 1) / 160.0) < 1e-6, "%s: no gap", run[r]);
		free(x);
		free(t);
		printf("ok %s: 64 channels at 160 Hz, %ld samples, %zu events\n", run[r], n,
		    s.nevent);
		source_close(&s);
	}
	snprintf(p, sizeof p, "%s/test.bdf", bdf);
	CHECK(open_src(&s, p, NULL) == 0, "test.bdf: %s", s.err);
	CHECK(!strcmp(s.format, "bdf"), "test.bdf: format %s", s.format);
	CHECK(s.nch == 72 && s.rate == 2048 && s.length == 2048, "test.bdf: %d channels (and "
	    "Status) at %g Hz, %lld samples", s.nch, s.rate, s.length);
	CHECK(!strcmp(s.chname[0], "Fp1") && !strcmp(s.chname[63], "O2") &&
	    !strcmp(s.chname[71], "EXG8"), "test.bdf: labels");
	CHECK(s.nevent == 1 && !strcmp(s.events[0].text, "128"), "test.bdf: %zu events",
	    s.nevent);
	CHECK(fabs(s.events[0].onset - (1375363306.0 + 589 / 2048.0)) < 1e-6,
	    "test.bdf: the trigger at sample 589 (%.6f)", s.events[0].onset - 1375363306.0);
	printf("ok test.bdf: 72 channels + Status at 2048 Hz, trigger 0 -> 128 at %.4f s\n",
	    s.events[0].onset - 1375363306.0);
	source_close(&s);
	CHECK_DONE();
}
