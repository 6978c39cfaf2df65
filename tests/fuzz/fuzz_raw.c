/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_raw: headerless float32 samples (lib/source_raw.c, --format raw) from a file the
 * harness writes. The first input byte picks the options: bits 0-2 the channel count - 1
 * (--names a,b,...), bit 3 --channels b (kept when there are two or more), bits 4-5 the
 * rate (256, 0.5, 1e6, 128); the rest is the samples. Oracles: those of fuzz_source.h (a
 * NaN or Inf sample must be refused or reported, never passed on).
 */
#include "fuzz_source.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double rates[] = { 256, 0.5, 1e6, 128 };
	static const char *const names[] = { "a", "a,b", "a,b,c", "a,b,c,d", "a,b,c,d,e",
		"a,b,c,d,e,f", "a,b,c,d,e,f,g", "a,b,c,d,e,f,g,h" };
	struct source_opts o = { .format = "raw" };
	char path[128];

	if (size < 1)
		return 0;
	o.names = names[data[0] & 7];
	if ((data[0] & 8) && (data[0] & 7))
		o.channels = "b";
	o.rate = rates[(data[0] >> 4) & 3];
	fuzz_put("in.raw", data + 1, size - 1, path, sizeof path);
	fuzz_read_source(path, &o);
	return 0;
}
