/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_tensor: reader_open / reader_next over arbitrary bytes.
 * Oracles: no crash, leak or UB; the reader's error text is one line; a stream that reads
 * cleanly survives a write / read round trip frame for frame, bit for bit; the decoded
 * header re-encodes to a header that decodes to a compatible one.
 */
#include <math.h>

#include "fuzz.h"
#include "tensor.h"
#include "util.h"

#define MAXFRAMES 4096

static void
one_line(const char *s)
{
	FUZZ_CHECK(*s && !strchr(s, '\n'), "error text is not one line: '%s'", s);
}

struct held {
	int32_t label, group;
	uint64_t time;
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_file(data, size), *out;
	struct reader r, r2;
	struct writer w;
	struct frame f;
	struct held *held = NULL;
	float *vals = NULL;
	char *obuf = NULL;
	size_t olen = 0, nf = 0;
	int rc;

	if (reader_open(&r, fp, "fuzz")) {
		one_line(r.err);
		reader_close(&r);
		fclose(fp);
		return 0;
	}
	/* header round trip */
	{
		size_t len;
		unsigned char *body = header_encode(&r.h, &len);
		struct header h2;
		char err[512];
		FUZZ_CHECK(!header_decode(&h2, body, len, err, sizeof err),
		    "re-encoded header does not decode: %s", err);
		FUZZ_CHECK(!header_compatible(&r.h, &h2, err, sizeof err),
		    "re-encoded header differs: %s", err);
		FUZZ_CHECK(h2.classes.n == r.h.classes.n && h2.groups.n == r.h.groups.n &&
		    h2.meta.n == r.h.meta.n, "re-encoded header tables differ");
		header_free(&h2);
		free(body);
	}
	/* keep frames small enough to hold for the round trip */
	int keep = r.h.size <= 4096;
	if (keep) {
		held = malloc(MAXFRAMES * sizeof *held);
		vals = malloc(MAXFRAMES * r.h.size * sizeof *vals);
	}
	out = open_memstream(&obuf, &olen);
	if (writer_open(&w, out, "out", &r.h))
		abort();
	w.follow = &r.h;
	while (nf < MAXFRAMES && (rc = reader_next(&r, &f)) == 1) {
		FUZZ_CHECK(f.label == TENSOR_NONE || (f.label >= 0 && (size_t)f.label < r.h.classes.n),
		    "label %d outside the merged table of %zu", f.label, r.h.classes.n);
		FUZZ_CHECK(f.group == TENSOR_NONE || (f.group >= 0 && (size_t)f.group < r.h.groups.n),
		    "group %d outside the merged table of %zu", f.group, r.h.groups.n);
		FUZZ_CHECK(!isinf(f.time), "infinite time passed");
		for (size_t i = 0; i < r.h.size; i++)
			FUZZ_CHECK(isfinite(f.x[i]), "non-finite value passed");
		if (keep) {
			held[nf].label = f.label;
			held[nf].group = f.group;
			memcpy(&held[nf].time, &f.time, 8);
			memcpy(vals + nf * r.h.size, f.x, r.h.size * sizeof *vals);
			if (writer_put(&w, &f))
				abort();
		}
		nf++;
	}
	if (nf < MAXFRAMES && rc < 0)
		one_line(r.err);
	writer_close(&w);
	fclose(out);
	if (keep && nf < MAXFRAMES && rc == 0) {
		/* everything read: what we wrote reads back the same */
		FILE *in = fmemopen(obuf, olen, "rb");
		FUZZ_CHECK(!reader_open(&r2, in, "again"), "own output does not open: %s", r2.err);
		FUZZ_CHECK(!header_compatible(&r.h, &r2.h, r2.err, sizeof r2.err), "%s", r2.err);
		for (size_t j = 0; j < nf; j++) {
			FUZZ_CHECK(reader_next(&r2, &f) == 1, "own output frame %zu: %s", j, r2.err);
			FUZZ_CHECK(f.label == held[j].label && f.group == held[j].group &&
			    !memcmp(&f.time, &held[j].time, 8) &&
			    !memcmp(f.x, vals + j * r.h.size, r.h.size * sizeof *vals),
			    "frame %zu differs after a round trip", j);
		}
		FUZZ_CHECK(reader_next(&r2, &f) == 0, "own output has extra frames");
		reader_close(&r2);
		fclose(in);
	}
	free(obuf);
	free(held);
	free(vals);
	reader_close(&r);
	fclose(fp);
	return 0;
}
