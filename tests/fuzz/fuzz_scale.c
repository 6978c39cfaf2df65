/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_scale: scale_load over arbitrary bytes.
 * Oracles: no crash, leak or UB; errors are one line; a file that loads has positive finite
 * scales and finite shifts, and survives save / load / save byte for byte.
 */
#include <math.h>

#include "fuzz.h"
#include "scale.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_file(data, size), *out, *in;
	struct scaler s, s2;
	char err[512], *b1 = NULL, *b2 = NULL;
	size_t n1 = 0, n2 = 0;

	if (scale_load(&s, fp, err, sizeof err)) {
		FUZZ_CHECK(*err && !strchr(err, '\n'), "error text is not one line: '%s'", err);
		scale_free(&s);
		fclose(fp);
		return 0;
	}
	fclose(fp);
	FUZZ_CHECK(s.nsets >= 1 && s.size >= 1, "loaded %zu sets of %zu values", s.nsets, s.size);
	for (size_t i = 0; i < s.nsets * s.size; i++)
		FUZZ_CHECK(isfinite(s.shift[i]) && isfinite(s.scale[i]) && s.scale[i] > 0,
		    "value %zu: shift %g scale %g", i, s.shift[i], s.scale[i]);
	out = open_memstream(&b1, &n1);
	FUZZ_CHECK(!scale_save(&s, out), "save failed");
	fclose(out);
	in = fmemopen(b1, n1, "rb");
	FUZZ_CHECK(!scale_load(&s2, in, err, sizeof err), "own output does not load: %s", err);
	fclose(in);
	out = open_memstream(&b2, &n2);
	FUZZ_CHECK(!scale_save(&s2, out), "second save failed");
	fclose(out);
	FUZZ_CHECK(n1 == n2 && !memcmp(b1, b2, n1), "save / load / save is not stable");
	scale_free(&s2);
	scale_free(&s);
	free(b1);
	free(b2);
	return 0;
}
