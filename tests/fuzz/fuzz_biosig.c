/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_biosig: the libbiosig formats (lib/source_biosig.c) through files the harness
 * writes, opened by name as eeg-fft opens them. The first input byte picks the file:
 *	0 bv.edf  1 bv.bdf  2 bv.gdf  3 bv.dat (BCI2000)  4 bv.cnt  5-7 BrainVision
 * For BrainVision the rest is three files: two little-endian u16 lengths, then bv.vhdr
 * and bv.vmrk of those lengths, then bv.eeg (seeds.sh makes them with tests/ref/bvwrite.py,
 * whose DataFile= and MarkerFile= name bv.eeg and bv.vmrk). Bit 3 of the first byte names
 * the format (--format) instead of detecting it. Oracles: those of fuzz_source.h.
 */
#include "fuzz_source.h"

static const char *const ext[] = { "edf", "bdf", "gdf", "dat", "cnt" };
static const char *const fmt[] = { "edf", "edf", "gdf", "bci2000", "cnt" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_opts o = { 0 };
	char path[128], name[16];
	int kind;

	if (size < 1)
		return 0;
	kind = data[0] & 7;
	data++, size--;
	if (kind >= 5) {
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
		if (data[-5] & 8)
			o.format = "brainvision";
	} else {
		snprintf(name, sizeof name, "bv.%s", ext[kind]);
		fuzz_put(name, data, size, path, sizeof path);
		if (data[-1] & 8)
			o.format = fmt[kind];
	}
	fuzz_read_source(path, &o);
	return 0;
}
