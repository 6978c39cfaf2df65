/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_npz: the NumPy readers eeg-cat uses for .npz and .npy inputs (lib/npy): npz_find
 * for each member eeg-cat looks up, npy_parse of each member found (or of the whole input,
 * as a lone .npy), then every element read as a number or a string.
 * Oracles: no crash, leak or UB (reads stay inside the buffer: ASan); errors are one line;
 * a parsed array's data lies inside its member, and its count is the product of its shape.
 */
#include <math.h>

#include "fuzz.h"
#include "npy.h"

static const char *const members[] = { "x", "label", "group", "time", "classes", "groups",
	"columns", "meta", NULL };

static void
walk(const unsigned char *p, size_t n)
{
	struct npy a;
	char err[256], s[4097];
	uint64_t count = 1;

	if (npy_parse(&a, p, n, err, sizeof err)) {
		FUZZ_CHECK(*err && !strchr(err, '\n'), "npy error is not one line: '%s'", err);
		return;
	}
	for (int i = 0; i < a.ndim; i++)
		count *= a.shape[i];
	FUZZ_CHECK(count == a.count, "count %llu, shape says %llu", (unsigned long long)a.count,
	    (unsigned long long)count);
	FUZZ_CHECK(a.data >= p && a.data + a.count * a.itemsize <= p + n, "data outside the member");
	for (uint64_t i = 0; i < a.count && i < 4096; i++)
		if (a.kind == NPY_UNICODE || a.kind == NPY_BYTES) {
			if (!npy_string(&a, i, s, sizeof s))
				FUZZ_CHECK(strlen(s) < sizeof s, "string overran");
		} else
			(void)npy_get(&a, i);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];

	walk(data, size);	/* as a lone .npy */
	for (int i = 0; members[i]; i++) {
		const unsigned char *d;
		unsigned char *own;
		size_t len;
		int rc = npz_find(data, size, members[i], &d, &len, &own, err, sizeof err);
		if (rc < 0) {
			FUZZ_CHECK(*err && !strchr(err, '\n'), "zip error is not one line: '%s'", err);
			FUZZ_CHECK(!own, "an error left a buffer");
			continue;
		}
		if (rc == 1) {
			FUZZ_CHECK(own || (d >= data && d + len <= data + size), "member outside the input");
			walk(d, len);
		}
		free(own);
	}
	return 0;
}
