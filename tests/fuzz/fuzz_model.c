/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_model: model_load on a file holding arbitrary bytes (a memfd).
 * The harness rewrites the last 8 bytes with the FNV-1a checksum of the rest, so that the
 * fuzzer explores the parser and the success path rather than the checksum test (a bad
 * checksum is tested by tests/cli/0310). Oracles: no crash, leak or UB; errors are one
 * line; a model that loads has a consistent shape and finite weights, prints its info,
 * and runs forward on one zero frame to probabilities that sum to 1.
 */
#include <math.h>

#include "fuzz.h"
#include "model.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m;
	char path[64], err[512];
	uint8_t *buf;
	int fd;

	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	if (size >= 16) {
		uint64_t sum = fnv1a(FNV1A_INIT, buf, size - 8);
		for (int i = 0; i < 8; i++)
			buf[size - 8 + i] = (uint8_t)(sum >> 8 * i);
	}
	fd = fuzz_path(buf, size, path, sizeof path);
	free(buf);
	if (model_load(&m, path, err, sizeof err)) {
		FUZZ_CHECK(*err && !strchr(err, '\n'), "error text is not one line: '%s'", err);
		close(fd);
		return 0;
	}
	close(fd);
	FUZZ_CHECK(m.layers >= 1 && m.layers <= MODEL_MAXLAYERS && m.units >= 1 && m.T >= 1 &&
	    m.F >= 1 && m.C >= 1 && (size_t)m.C == m.classes.n, "inconsistent shape");
	for (size_t i = 0; i < m.nparam; i++)
		FUZZ_CHECK(isfinite(m.param[i]), "parameter %zu not finite", i);
	{
		FILE *null = fopen("/dev/null", "w");
		model_info(&m, null);
		fclose(null);
	}
	/* forward one frame when that is cheap */
	if ((size_t)m.T * m.F <= 4096 && (size_t)m.T * m.units <= 4096 && m.nparam <= 1u << 20) {
		struct model_work w;
		float *x = calloc((size_t)m.T * m.F, sizeof *x);
		double sum = 0;
		model_work_init(&w, &m, 1, 0);
		model_forward(&m, &w, x, 1, NULL);
		for (int c = 0; c < m.C; c++)
			sum += w.prob[c];
		FUZZ_CHECK(fabs(sum - 1) < 1e-3 || !isfinite(sum), "probabilities sum to %g", sum);
		model_work_free(&w, &m);
		free(x);
	}
	model_free(&m);
	return 0;
}
