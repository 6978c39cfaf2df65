/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_signal: source_open / source_read on a file holding arbitrary bytes (a memfd), as
 * eeg-fft reads it. The first input byte picks the options; the rest is the file:
 *	bits 0-2  format: muse, mindmonitor, csv, detect (NULL), tensor, detect, openbci, emotiv
 *	bit 3     --rate 256
 *	bit 4     --channels TP9,AF8 (muse / mindmonitor), ch2 (csv), EXG Channel 1
 *	          (openbci) or O1 (emotiv)
 * Oracles: no crash, leak, hang or UB; errors are one line; an open source has 1 to
 * SOURCE_MAXCH channels and a rate in range; samples are finite (CSV text cannot hold
 * NaN or Inf) and their times never decrease.
 */
#include <math.h>

#include "fuzz.h"
#include "source.h"

#define CHUNK 64
#define MAXSAMPLES 100000

static const char *const formats[8] = {
	"muse", "mindmonitor", "csv", NULL, "tensor", NULL, "openbci", "emotiv",
};

static void
one_line(const char *s)
{
	FUZZ_CHECK(*s && !strchr(s, '\n'), "error text is not one line: '%s'", s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_opts o = { 0 };
	struct source s;
	char path[64];
	double *x, t[CHUNK], tprev = -INFINITY;
	long got, total = 0;
	int fd;

	if (size < 1)
		return 0;
	o.format = formats[data[0] & 7];
	if (data[0] & 8)
		o.rate = 256;
	if (data[0] & 16)
		o.channels = !o.format ? "TP9,AF8" : !strcmp(o.format, "csv") ? "ch2" :
		    !strcmp(o.format, "openbci") ? "EXG Channel 1" :
		    !strcmp(o.format, "emotiv") ? "O1" : "TP9,AF8";
	fd = fuzz_path(data + 1, size - 1, path, sizeof path);
	if (source_open(&s, path, &o) < 0) {
		one_line(s.err);
		source_close(&s);
		close(fd);
		return 0;
	}
	FUZZ_CHECK(s.nch >= 1 && s.nch <= SOURCE_MAXCH, "%d channels", s.nch);
	FUZZ_CHECK(s.rate > 0 && s.rate <= SOURCE_MAXRATE, "rate %g", s.rate);
	for (int k = 0; k < s.nch; k++)
		FUZZ_CHECK(s.chname && s.chname[k], "channel %d has no name", k);
	x = malloc(sizeof *x * CHUNK * (size_t)s.nch);
	while (total < MAXSAMPLES && (got = source_read(&s, x, t, CHUNK)) > 0) {
		FUZZ_CHECK(got <= CHUNK, "read %ld of %d", got, CHUNK);
		for (long i = 0; i < got; i++) {
			FUZZ_CHECK(!isnan(t[i]) && t[i] >= tprev, "time %.17g after %.17g",
			    t[i], tprev);
			tprev = t[i];
			if (strcmp(s.format, "snd") && strcmp(s.format, "edf"))
				for (int k = 0; k < s.nch; k++)
					FUZZ_CHECK(isfinite(x[i * s.nch + k]),
					    "sample %ld channel %d is %g", total + i, k,
					    x[i * s.nch + k]);
		}
		total += got;
	}
	if (total < MAXSAMPLES && got < 0)
		one_line(s.err);
	free(x);
	source_close(&s);
	close(fd);
	return 0;
}
