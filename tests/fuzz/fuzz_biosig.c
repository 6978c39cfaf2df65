/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_biosig: the libbiosig formats (lib/source_biosig.c) through files the harness
 * writes, opened by name as eeg-fft opens them. The first input byte picks the file:
 *	0 bv.edf  1 bv.bdf  2 bv.gdf  3 bv.dat (BCI2000)  4 bv.cnt (bit 4: bv.raw, EGI)
 *	5-7 BrainVision
 * For BrainVision the rest is three files: two little-endian u16 lengths, then bv.vhdr
 * and bv.vmrk of those lengths, then bv.eeg (seeds.sh makes them with tests/ref/bvwrite.py,
 * whose DataFile= and MarkerFile= name bv.eeg and bv.vmrk). Bit 3 of the first byte names
 * the format (--format) instead of detecting it. $EEG_FUZZ_BIOSIG (edf, bdf, gdf, bci2000,
 * cnt, egi or brainvision) makes every input that file, whatever its first byte says: one
 * format fuzzed at a time. Oracles: those of fuzz_source.h.
 */
#include "fuzz_source.h"

static const char *const ext[] = { "edf", "bdf", "gdf", "dat", "cnt", "raw" };
static const char *const fmt[] = { "edf", "edf", "gdf", "bci2000", "cnt", "egi" };
static const char *const only[] = { "edf", "bdf", "gdf", "bci2000", "cnt", "egi",
	"brainvision" };

/* The kind the first byte b picks, or the one $EEG_FUZZ_BIOSIG names. */
static int
pick(unsigned b)
{
	static int forced = -2;

	if (forced == -2) {
		const char *e = getenv("EEG_FUZZ_BIOSIG");
		forced = -1;
		for (int i = 0; e && i < (int)(sizeof only / sizeof *only); i++)
			if (!strcmp(e, only[i]))
				forced = i;
		if (e && forced < 0) {
			fprintf(stderr, "EEG_FUZZ_BIOSIG=%s: not one of edf, bdf, gdf, bci2000, cnt, "
			    "egi, brainvision\n", e);
			abort();
		}
	}
	if (forced >= 0)
		return forced;
	if ((b & 7) == 4 && (b & 16))
		return 5;	/* EGI */
	return (b & 7) >= 5 ? 6 : (int)(b & 7);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_opts o = { 0 };
	char path[128], name[16];
	int kind, named;

	if (size < 1)
		return 0;
	kind = pick(data[0]);
	named = data[0] & 8;
	data++, size--;
	if (kind == 6) {
		size_t a, b;
		if (size < 4)
			return 0;
		a = data[0] | (size_t)data[1] << 8;
		b = data[2] | (size_t)data[3] << 8;
		data += 4, size -= 4;
		if (a > size || b > size - a)
			return 0;
		fuzz_put("bv.vmrk", data + a, b, path, sizeof path);
		fuzz_put("bv.eeg", data + a + b, size - a - b, path, sizeof path);
		fuzz_put("bv.vhdr", data, a, path, sizeof path);
		if (named)
			o.format = "brainvision";
	} else {
		snprintf(name, sizeof name, "bv.%s", ext[kind]);
		fuzz_put(name, data, size, path, sizeof path);
		if (named)
			o.format = fmt[kind];
	}
	fuzz_read_source(path, &o);
	return 0;
}
