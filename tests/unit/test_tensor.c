/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_tensor: the stream format: round-trips, limits, truncation, concatenation. */
#include <string.h>

#include "check.h"
#include "tensor.h"
#include "util.h"

/* Write a header and n frames to a memory buffer; returns its bytes in *len. */
static unsigned char *
make_stream(const struct header *h, int n, size_t *len)
{
	char *p = NULL;
	FILE *fp = open_memstream(&p, len);
	struct writer w;
	struct frame f;
	float *x = emalloc(h->size * sizeof *x);

	CHECK(writer_open(&w, fp, "mem", h) == 0, "writer_open");
	for (int i = 0; i < n; i++) {
		for (size_t j = 0; j < h->size; j++)
			x[j] = (float)(i * 1000 + j) * 0.5f - 3;
		f.label = h->classes.n ? i % (int)h->classes.n : TENSOR_NONE;
		f.group = h->groups.n ? i % (int)h->groups.n : TENSOR_NONE;
		f.time = i % 3 ? i * 0.25 : NAN;
		f.x = x;
		CHECK(writer_put(&w, &f) == 0, "writer_put");
	}
	writer_close(&w);
	fclose(fp);
	free(x);
	return (unsigned char *)p;
}

/* Read a memory stream; returns frames read, or -1 with the error in err. */
static int
read_stream(const unsigned char *p, size_t len, struct header *out, char *err, size_t n)
{
	FILE *fp = fmemopen((void *)p, len ? len : 1, "rb");
	struct reader r;
	struct frame f;
	int count = 0, rc;

	if (len == 0)	/* fmemopen cannot open an empty buffer: read it as an empty file */
		fp = fopen("/dev/null", "rb");
	if (reader_open(&r, fp, "mem")) {
		snprintf(err, n, "%s", r.err);
		reader_close(&r);
		fclose(fp);
		return -1;
	}
	while ((rc = reader_next(&r, &f)) > 0)
		count++;
	if (rc < 0)
		snprintf(err, n, "%s", r.err);
	if (out)
		header_copy(out, &r.h);
	reader_close(&r);
	fclose(fp);
	return rc < 0 ? -1 : count;
}

static void
basic_header(struct header *h, uint32_t a, uint32_t b)
{
	uint32_t dims[2] = { a, b };

	header_init(h);
	CHECK(header_set_shape(h, b ? 2 : 1, dims) == 0, "shape");
	names_add(&h->classes, "NEGATIVE");
	names_add(&h->classes, "NEUTRAL");
	names_add(&h->classes, "POSITIVE");
	names_add(&h->groups, "subjecta");
	names_add(&h->groups, "subjectb");
}

static void
test_roundtrip(void)
{
	struct header h, g;
	unsigned char *p;
	size_t len;
	char err[512];
	FILE *fp;
	struct reader r;
	struct frame f;

	basic_header(&h, 150, 5);
	h.rate = 256;
	h.window = 1;
	h.hop = 0.5;
	for (int i = 0; i < 5; i++) {
		char s[16];
		snprintf(s, sizeof s, "ch%d", i);
		names_add(&h.columns, s);	/* one name per feature of a (T,F) frame */
	}
	header_meta_add(&h, "history", "eeg-fft -w 1 x.csv");
	header_meta_add(&h, "note", "a=b=c");
	p = make_stream(&h, 7, &len);
	CHECK(len == 16 + (size_t)(p[12] | p[13] << 8) + 7 * (16 + 750 * 4), "length %zu", len);
	CHECK(read_stream(p, len, &g, err, sizeof err) == 7, "7 frames: %s", err);
	CHECK(g.ndim == 2 && g.dims[0] == 150 && g.dims[1] == 5 && g.size == 750, "shape");
	CHECK(g.rate == 256 && g.window == 1 && g.hop == 0.5, "rate window hop");
	CHECK(g.classes.n == 3 && !strcmp(g.classes.v[2], "POSITIVE"), "classes");
	CHECK(g.groups.n == 2 && !strcmp(g.groups.v[1], "subjectb"), "groups");
	CHECK(g.columns.n == 5 && !strcmp(header_column(&g, 7), "ch2"), "columns per feature");
	CHECK(!strcmp(header_meta_get(&g, "note"), "a=b=c"), "meta");
	CHECK(!strcmp(header_meta_get(&g, "history"), "eeg-fft -w 1 x.csv"), "history");
	CHECK(header_overlaps(&g), "overlap");

	/* frame values, labels, groups and times survive exactly */
	fp = fmemopen(p, len, "rb");
	CHECK(reader_open(&r, fp, "mem") == 0, "open");
	for (int i = 0; i < 7; i++) {
		CHECK(reader_next(&r, &f) == 1, "frame %d", i);
		CHECK(f.label == i % 3 && f.group == i % 2, "label/group of frame %d", i);
		CHECK(i % 3 ? f.time == i * 0.25 : isnan(f.time), "time of frame %d", i);
		for (size_t j = 0; j < 750; j++)
			CHECK(f.x[j] == (float)(i * 1000 + j) * 0.5f - 3, "value %zu", j);
	}
	CHECK(reader_next(&r, &f) == 0, "end");
	reader_close(&r);
	fclose(fp);
	header_free(&g);
	header_free(&h);
	free(p);
}

/* Every prefix of a small stream but the frame boundaries is an error naming the place. */
static void
test_truncation(void)
{
	struct header h;
	unsigned char *p;
	size_t len, hlen, fb = 16 + 3 * 4;
	char err[512];

	basic_header(&h, 3, 0);
	names_add(&h.columns, "a");
	names_add(&h.columns, "b");
	names_add(&h.columns, "c");
	p = make_stream(&h, 4, &len);
	hlen = 16 + get_u32(p + 12);
	CHECK(len == hlen + 4 * fb, "length");
	for (size_t k = 0; k < len; k++) {
		int n = read_stream(p, k, NULL, err, sizeof err);
		if (k >= hlen && (k - hlen) % fb == 0) {
			CHECK(n == (int)((k - hlen) / fb), "clean cut at %zu gives %d frames", k, n);
			continue;
		}
		CHECK(n == -1, "cut at byte %zu of %zu must fail, read %d frames", k, len, n);
		if (k == 0)
			CHECK(strstr(err, "empty"), "empty: %s", err);
		else if (k < hlen)
			CHECK(strstr(err, "header"), "cut at %zu: %s", k, err);
		else {
			char want[64];
			snprintf(want, sizeof want, "frame %zu: truncated", (k - hlen) / fb);
			CHECK(strstr(err, want), "cut at %zu: '%s' lacks '%s'", k, err, want);
		}
	}
	header_free(&h);
	free(p);
}

/* Corrupt one header field at a time: each is refused before anything large is allocated. */
static void
test_bad_headers(void)
{
	static const struct {
		const char *body, *want;
	} cases[] = {
		{ "dtype=f64\nshape=3\n", "dtype" },
		{ "shape=3\n", "no dtype" },
		{ "dtype=f32\n", "no shape" },
		{ "dtype=f32\nshape=0\n", "bad shape" },
		{ "dtype=f32\nshape=16777217\n", "bad shape" },
		{ "dtype=f32\nshape=4096x4097\n", "bad shape" },
		{ "dtype=f32\nshape=2x2x2x2\n", "bad shape" },
		{ "dtype=f32\nshape=3x\n", "bad shape" },
		{ "dtype=f32\nshape=-3\n", "bad shape" },
		{ "dtype=f32\nshape=99999999999999999999\n", "bad shape" },
		{ "dtype=f32\nshape=3\nshape=3\n", "bad shape" },
		{ "dtype=f32\nshape=3\nrate=0\n", "bad rate" },
		{ "dtype=f32\nshape=3\nrate=nan\n", "bad rate" },
		{ "dtype=f32\nshape=3\nhop=-1\n", "bad hop" },
		{ "dtype=f32\nshape=3\ncolumn=a\ncolumn=b\n", "2 column names" },
		{ "dtype=f32\nshape=3\nnonsense\n", "not key=value" },
		{ "dtype=f32\nshape=3\nclass=a\x01\n", "control byte" },
		{ "dtype=f32\nshape=3", "no newline" },
	};
	char err[512];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = strlen(cases[i].body);
		unsigned char *p = emalloc(16 + n);
		memcpy(p, TENSOR_MAGIC, 8);
		p[8] = 1, p[9] = p[10] = p[11] = 0;
		put_u32(p + 12, (uint32_t)n);
		memcpy(p + 16, cases[i].body, n);
		CHECK(read_stream(p, 16 + n, NULL, err, sizeof err) == -1, "case %zu accepted", i);
		CHECK(strstr(err, cases[i].want), "case %zu: '%s' lacks '%s'", i, err, cases[i].want);
		free(p);
	}

	/* the fixed part: magic, version, flags, body length cap */
	unsigned char fixed[16];
	memcpy(fixed, TENSOR_MAGIC, 8);
	fixed[8] = 2, fixed[9] = fixed[10] = fixed[11] = 0;
	put_u32(fixed + 12, 10);
	CHECK(read_stream(fixed, 16, NULL, err, sizeof err) == -1 && strstr(err, "version 2"), "%s", err);
	fixed[8] = 1, fixed[10] = 1;
	CHECK(read_stream(fixed, 16, NULL, err, sizeof err) == -1 && strstr(err, "flags"), "%s", err);
	fixed[10] = 0;
	put_u32(fixed + 12, 0xffffffffu);
	CHECK(read_stream(fixed, 16, NULL, err, sizeof err) == -1 && strstr(err, "limit"), "%s", err);
	put_u32(fixed + 12, TENSOR_MAXBODY);	/* allowed size, but the body is missing */
	CHECK(read_stream(fixed, 16, NULL, err, sizeof err) == -1 && strstr(err, "truncated body"),
	    "%s", err);
	CHECK(read_stream((const unsigned char *)"label,a,b\n1,2,3\n", 16, NULL, err, sizeof err) == -1 &&
	    strstr(err, "header: text, not an eegpipe tensor stream"), "%s", err);
	CHECK(read_stream((const unsigned char *)"\x89" "EGM\r\n\x1a\n\2\0\0\0", 12, NULL, err,
	    sizeof err) == -1 && strstr(err, "header: an eegpipe model (eeg-train -o), not a "
	    "tensor stream"), "%s", err);
	CHECK(read_stream((const unsigned char *)"\x89" "EEG\r\n\x1a\x0b\1\0", 10, NULL, err,
	    sizeof err) == -1 && strstr(err, "bad magic"), "%s", err);
}

/* Limits: a name of the longest allowed length and a 2548-column table pass. */
static void
test_limits(void)
{
	struct header h, g;
	unsigned char *p;
	size_t len;
	char err[512], *name = emalloc(TENSOR_MAXNAME);
	uint32_t dims[3] = { 2, 3, 4 };

	header_init(&h);
	CHECK(header_set_shape(&h, 1, (uint32_t[]){ 2548 }) == 0, "2548");
	for (int i = 0; i < 2548; i++) {
		snprintf(err, sizeof err, "fft_%d_%c", i % 1274, i < 1274 ? 'a' : 'b');
		names_add(&h.columns, err);
	}
	memset(name, 'x', TENSOR_MAXNAME - 8);
	name[TENSOR_MAXNAME - 8] = '\0';
	names_add(&h.classes, name);
	p = make_stream(&h, 2, &len);
	CHECK(read_stream(p, len, &g, err, sizeof err) == 2, "%s", err);
	CHECK(g.columns.n == 2548 && !strcmp(g.columns.v[2547], "fft_1273_b"), "columns");
	CHECK(strlen(g.classes.v[0]) == TENSOR_MAXNAME - 8, "long name");
	header_free(&g);
	header_free(&h);
	free(p);

	header_init(&h);
	CHECK(header_set_shape(&h, 3, dims) == 0 && h.size == 24, "3 dims");
	dims[0] = TENSOR_MAXDIM + 1;
	CHECK(header_set_shape(&h, 1, dims) == -1, "dim over the cap");
	CHECK(header_set_shape(&h, 4, dims) == -1, "4 dims");
	dims[0] = 1 << 12, dims[1] = (1 << 12) + 1;
	CHECK(header_set_shape(&h, 2, dims) == -1, "size over the cap");
	header_free(&h);
	free(name);
}

/* cat a b: the second header is merged; labels map to the merged class table. */
static void
test_concat(void)
{
	struct header a, b, c;
	unsigned char *pa, *pb, *cat;
	size_t la, lb;
	char err[512];
	FILE *fp;
	struct reader r;
	struct frame f;

	basic_header(&a, 4, 0);
	header_init(&b);
	CHECK(header_set_shape(&b, 1, (uint32_t[]){ 4 }) == 0, "shape");
	names_add(&b.classes, "POSITIVE");	/* index 0 here, 2 in a */
	names_add(&b.classes, "SURPRISED");	/* new: 3 after merging */
	names_add(&b.groups, "subjectc");
	pa = make_stream(&a, 3, &la);
	pb = make_stream(&b, 4, &lb);
	cat = emalloc(la + lb);
	memcpy(cat, pa, la);
	memcpy(cat + la, pb, lb);
	fp = fmemopen(cat, la + lb, "rb");
	CHECK(reader_open(&r, fp, "mem") == 0, "open");
	for (int i = 0; i < 3; i++)
		CHECK(reader_next(&r, &f) == 1 && f.label == i % 3, "part a frame %d", i);
	for (int i = 0; i < 4; i++) {
		CHECK(reader_next(&r, &f) == 1, "part b frame %d", i);
		CHECK(f.label == (i % 2 ? 3 : 2), "frame %d label %d", i, f.label);
		CHECK(f.group == 2, "frame %d group %d", i, f.group);
	}
	CHECK(reader_next(&r, &f) == 0 && r.nparts == 2, "end");
	CHECK(r.h.classes.n == 4 && !strcmp(r.h.classes.v[3], "SURPRISED"), "merged classes");
	CHECK(r.h.groups.n == 3 && !strcmp(r.h.groups.v[2], "subjectc"), "merged groups");
	reader_close(&r);
	fclose(fp);
	free(cat);

	/* a writer that follows a growing table restates its header */
	{
		char *p = NULL;
		size_t len;
		struct writer w;
		struct header follow;
		float x[4] = { 1, 2, 3, 4 };
		header_copy(&follow, &a);
		fp = open_memstream(&p, &len);
		CHECK(writer_open(&w, fp, "mem", &follow) == 0, "open");
		w.follow = &follow;
		f = (struct frame){ 1, 0, NAN, x };
		CHECK(writer_put(&w, &f) == 0, "put");
		names_add(&follow.classes, "NEW");
		f.label = 3;
		CHECK(writer_put(&w, &f) == 0, "put");
		writer_close(&w);
		fclose(fp);
		CHECK(read_stream((unsigned char *)p, len, &c, err, sizeof err) == 2, "%s", err);
		CHECK(c.classes.n == 4 && !strcmp(c.classes.v[3], "NEW"), "restated");
		header_free(&c);
		header_free(&follow);
		free(p);
	}

	/* incompatible parts: different shape, different columns */
	{
		struct header d;
		unsigned char *pd, *both;
		size_t ld;
		header_init(&d);
		CHECK(header_set_shape(&d, 1, (uint32_t[]){ 5 }) == 0, "shape");
		pd = make_stream(&d, 1, &ld);
		both = emalloc(la + ld);
		memcpy(both, pa, la);
		memcpy(both + la, pd, ld);
		CHECK(read_stream(both, la + ld, NULL, err, sizeof err) == -1, "mixed shapes");
		CHECK(strstr(err, "header 2") && strstr(err, "shape 5 does not match 4"), "%s", err);
		free(both);
		free(pd);
		header_free(&d);
	}
	free(pa);
	free(pb);
	header_free(&a);
	header_free(&b);
}

/* Values that are not finite, and indices outside the tables, are refused with the frame. */
static void
test_bad_frames(void)
{
	struct header h;
	unsigned char *p;
	size_t len, hlen;
	char err[512];
	float nan = NAN;

	basic_header(&h, 3, 0);
	p = make_stream(&h, 3, &len);
	hlen = 16 + get_u32(p + 12);
	memcpy(p + hlen + 2 * 28 + 16 + 4, &nan, 4);	/* frame 2, value 2 */
	CHECK(read_stream(p, len, NULL, err, sizeof err) == -1, "NaN accepted");
	CHECK(strstr(err, "frame 2: value 2") && strstr(err, "NaN"), "%s", err);
	free(p);
	/* infinities, largest finite values, and a NaN in every position of a 3-value frame */
	{
		float vals[] = { INFINITY, -INFINITY, 3.4028235e38f, -3.4028235e38f, 1e-45f };
		for (size_t k = 0; k < 5; k++)
			for (int pos = 0; pos < 3; pos++) {
				p = make_stream(&h, 1, &len);
				memcpy(p + hlen + 16 + 4 * pos, &vals[k], 4);
				int n = read_stream(p, len, NULL, err, sizeof err);
				if (k < 2)
					CHECK(n == -1 && strstr(err, "infinite"), "%g at %d: %s",
					    vals[k], pos, err);
				else
					CHECK(n == 1, "%g at %d refused: %s", vals[k], pos, err);
				free(p);
			}
	}
	p = make_stream(&h, 3, &len);
	put_u32(p + hlen + 28, 7);	/* frame 1 label 7 of 3 classes */
	CHECK(read_stream(p, len, NULL, err, sizeof err) == -1, "label 7 accepted");
	CHECK(strstr(err, "frame 1: label 7 outside"), "%s", err);
	free(p);
	p = make_stream(&h, 3, &len);
	put_u32(p + hlen + 4, (uint32_t)-5);	/* frame 0 group -5 */
	CHECK(read_stream(p, len, NULL, err, sizeof err) == -1, "group -5 accepted");
	CHECK(strstr(err, "frame 0: group -5 outside"), "%s", err);
	free(p);
	header_free(&h);
}

/* shape_parse and shape_str: the one reader and writer of "150x10" shapes. */
static void
test_shapes(void)
{
	static const struct { const char *s; int infer, nd; uint32_t d[3]; } ok[] = {
		{ "1500", 0, 1, { 1500 } }, { "1500x1", 0, 2, { 1500, 1 } },
		{ "2x3x4", 0, 3, { 2, 3, 4 } }, { "16777216", 0, 1, { 1u << 24 } },
		{ "-1x5", 1, 2, { 0, 5 } }, { "5x-1", 1, 2, { 5, 0 } }, { "-1", 1, 1, { 0 } },
	};
	/* not shapes; the first three only without infer */
	static const char *const bad[] = { "-1x5", "5x-1", "-1", "-1x-1", "-2x5", "-10",
		"16777217", "0", "2x0", "2x3x4x5", "", "x2", "2x", "2*3", " 2", "+2", "2 ",
		"99999999999999999999" };
	uint32_t d[TENSOR_MAXDIMS];
	char buf[64];
	int nd;

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		nd = -1;
		memset(d, 0xff, sizeof d);
		CHECK(shape_parse(ok[i].s, ok[i].infer, &nd, d) == 0, "shape '%s' refused", ok[i].s);
		CHECK(nd == ok[i].nd && !memcmp(d, ok[i].d, nd * sizeof *d), "shape '%s': %d dims",
		    ok[i].s, nd);
		if (!ok[i].infer) {
			shape_str(nd, d, buf, sizeof buf);
			CHECK(!strcmp(buf, ok[i].s), "shape_str of '%s' is '%s'", ok[i].s, buf);
		}
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK(shape_parse(bad[i], 0, &nd, d) == -1, "'%s' taken for a shape", bad[i]);
		CHECK(i < 3 || shape_parse(bad[i], 1, &nd, d) == -1, "'%s' taken (infer)", bad[i]);
	}
	printf("ok shapes: %zu good, %zu bad\n", sizeof ok / sizeof *ok, sizeof bad / sizeof *bad);
}

int
main(void)
{
	test_shapes();
	test_roundtrip();
	test_truncation();
	test_bad_headers();
	test_limits();
	test_concat();
	test_bad_frames();
	CHECK_DONE();
}
