/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_snd: the libsndfile formats (lib/source_snd.c) through files the harness writes,
 * opened by name as eeg-fft opens them. The first input byte picks the name (and so what
 * detection may guess): 0 .wav  1 .flac  2 .au  3 .aiff  4 .w64  5 .caf  6 .rf64  7 none;
 * bit 3 gives --format snd, bit 4 --names a,b (which must match the channel count).
 * Oracles: those of fuzz_source.h (PCM and float data alike must be finite).
 */
#include "fuzz_source.h"

static const char *const ext[] = { "wav", "flac", "au", "aiff", "w64", "caf", "rf64", "" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_opts o = { 0 };
	char path[128], name[16];

	if (size < 1)
		return 0;
	snprintf(name, sizeof name, "in%s%s", *ext[data[0] & 7] ? "." : "", ext[data[0] & 7]);
	if (data[0] & 8)
		o.format = "snd";
	if (data[0] & 16)
		o.names = "a,b";
	fuzz_put(name, data + 1, size - 1, path, sizeof path);
	fuzz_read_source(path, &o);
	return 0;
}
