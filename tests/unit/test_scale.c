/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scale: lib/scale against closed forms; the parameters file round-trips exactly and
 * every damaged or truncated copy is refused with a message. */
#include <float.h>
#include <string.h>

#include "check.h"
#include "scale.h"
#include "tensor.h"
#include "util.h"

static void
make_header(struct header *h, int named)
{
	uint32_t d[1] = { 3 };

	header_init(h);
	header_set_shape(h, 1, d);
	if (named) {
		names_add(&h->columns, "a");
		names_add(&h->columns, "b");
		names_add(&h->columns, "c");
	}
}

/* Load s from text; returns scale_load's result, the message in err. */
static int
load_text(struct scaler *s, const char *text, size_t n, char *err, size_t nerr)
{
	FILE *fp = fmemopen((void *)text, n, "r");
	int rc;

	if (!n)	/* fmemopen of 0 bytes is not portable */
		fp = fopen("/dev/null", "r");
	rc = scale_load(s, fp, err, nerr);
	fclose(fp);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct header h;
	struct scaler s, t;
	char err[512], *buf = NULL;
	size_t len = 0;
	/* column 0: 1, 2, 3, 4 (mean 2.5, population var 1.25); column 1: constant 1e6;
	 * column 2: -1, 1, -1, 1 */
	const float X[] = { 1, 1e6f, -1, 2, 1e6f, 1, 3, 1e6f, -1, 4, 1e6f, 1 };
	const char *groups[] = { "s1", "s2", "s1", "s2" };

	util_init(argc, argv);
	make_header(&h, 1);

	CHECK(scale_fit(&s, SCALE_ZSCORE, &h, X, 4, NULL, err, sizeof err) == 0, "%s", err);
	CHECK(s.nsets == 1 && s.frames[0] == 4, "one set of 4 frames");
	CHECK_CLOSE(s.shift[0], 2.5, 1e-15, "mean");
	CHECK_CLOSE(s.scale[0], sqrt(1.25), 1e-15, "population std");
	CHECK(s.shift[1] == 1e6 && s.scale[1] == 1.0, "constant column: scale 1 (%g)", s.scale[1]);
	CHECK_CLOSE(s.scale[2], 1.0, 1e-15, "std of +-1");
	float x[3] = { 4, 1e6f, -1 };
	CHECK(scale_apply(&s, 0, x) == -1, "finite");
	CHECK_CLOSE(x[0], 1.5 / sqrt(1.25), 1e-7, "z of 4");
	CHECK(x[1] == 0 && x[2] == -1, "constant -> 0, -1 -> -1");

	/* the file round-trips every double exactly */
	FILE *fp = open_memstream(&buf, &len);
	CHECK(scale_save(&s, fp) == 0, "save");
	fclose(fp);
	CHECK(load_text(&t, buf, len, err, sizeof err) == 0, "%s", err);
	CHECK(t.method == s.method && t.nsets == 1 && t.size == 3 && t.frames[0] == 4, "fields");
	CHECK(!memcmp(t.shift, s.shift, 3 * sizeof *s.shift) && !memcmp(t.scale, s.scale, 3 * sizeof *s.scale),
	    "exact doubles");
	CHECK(scale_check(&t, &h, err, sizeof err) == 0, "%s", err);
	scale_free(&t);

	/* every truncation is refused, with a line number */
	for (size_t k = 0; k < len; k++) {
		struct scaler u;
		CHECK(load_text(&u, buf, k, err, sizeof err) == -1, "prefix of %zu bytes accepted", k);
		CHECK(!strncmp(err, "line ", 5), "message '%s'", err);
	}
	/* damaged copies */
	const char *bad[][2] = {
		{ "scale=1\n", "line 1: not an eegpipe scaler file" },
		{ "eegpipe-scale=1\nmethod=l2\n", "unknown method" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=0\n", "shape" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=16777217\n", "shape" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=4096x4096x4096\n", "shape" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nset=\nframes=1\nnan 1\nend=eegpipe-scale\n", "finite" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nset=\nframes=1\n0 -1\nend=eegpipe-scale\n", "positive" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nset=\nframes=1\n0 1\nset=\n", "one set" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nend=eegpipe-scale\n", "expected set=" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=2\ncolumn=a\ncolumn=b\ncolumn=c\n", "more column names" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=1\nshape=1\nset=x\nframes=1\n0 1\nset=x\nframes=1\n", "twice" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nset=\nframes=-1\n", "frame count" },
		{ "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=1\nset=\nframes=1\n0 1\nend=x\n", "end=" },
		{ "eegpipe-scale=1\nmethod=zscore\x01\n", "control byte" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct scaler u;
		CHECK(load_text(&u, bad[i][0], strlen(bad[i][0]), err, sizeof err) == -1, "accepted #%zu", i);
		CHECK(strstr(err, bad[i][1]) != NULL, "#%zu: '%s' lacks '%s'", i, err, bad[i][1]);
	}

	/* a mismatching stream: other names, no names, other shape */
	struct header h2;
	make_header(&h2, 1);
	free(h2.columns.v[1]);
	h2.columns.v[1] = estrdup("B");
	CHECK(scale_check(&s, &h2, err, sizeof err) == -1 && strstr(err, "column 2 is 'B'"), "%s", err);
	header_free(&h2);
	make_header(&h2, 0);
	CHECK(scale_check(&s, &h2, err, sizeof err) == -1 && strstr(err, "0 column names"), "%s", err);
	uint32_t d2[2] = { 3, 1 };
	header_set_shape(&h2, 2, d2);
	CHECK(scale_check(&s, &h2, err, sizeof err) == -1 && strstr(err, "3x1"), "%s", err);
	header_free(&h2);

	/* minmax and per-group */
	scale_free(&s);
	CHECK(scale_fit(&s, SCALE_MINMAX, &h, X, 4, groups, err, sizeof err) == 0, "%s", err);
	CHECK(s.nsets == 2 && s.per_group && !strcmp(s.sets.v[0], "s1"), "two sets");
	CHECK(s.shift[0] == 1 && s.scale[0] == 2, "s1 column 0: min 1, range 2");
	CHECK(s.shift[3] == 2 && s.scale[3] == 2, "s2 column 0: min 2, range 2");
	CHECK(s.scale[1] == 1 && s.scale[2] == 1 && s.shift[2] == -1, "s1 constant columns");
	CHECK(scale_find(&s, "s2") == 1 && scale_find(&s, "s3") == -1, "find");
	float y[3] = { 4, 1e6f, 1 };
	scale_apply(&s, 1, y);
	CHECK(y[0] == 1 && y[1] == 0 && y[2] == 0, "minmax s2: %g %g %g", y[0], y[1], y[2]);
	/* non-finite result is reported with its index */
	s.scale[4] = 1e-300;
	float z[3] = { 0, 2e6f, 0 };
	CHECK(scale_apply(&s, 1, z) == 1, "overflow reported");
	scale_free(&s);

	/* a set with no frames cannot be fitted */
	scale_init(&s, SCALE_ZSCORE, 1, &h);
	scale_set(&s, "empty");
	CHECK(scale_fit_end(&s, err, sizeof err) == -1 && strstr(err, "empty"), "%s", err);
	scale_free(&s);
	free(buf);
	header_free(&h);
	CHECK_DONE();
}
