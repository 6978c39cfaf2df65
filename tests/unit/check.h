/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check.h: the tiny unit-test harness. One line per check; exit 1 on the first failure.
 * A test that cannot run here (no data, a CPU feature this machine lacks) exits with
 * SKIP_STATUS after one line "skip: why"; tests/run.sh counts it as skipped, not passed.
 */
#ifndef EEG_CHECK_H
#define EEG_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int check_count;

#define CHECK(cond, ...) do { \
	check_count++; \
	if (!(cond)) { \
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		exit(1); \
	} \
} while (0)

/* |a-b| <= tol*max(1,|b|): relative for large values, absolute near zero */
#define CHECK_CLOSE(a, b, tol, what) do { \
	double a_ = (a), b_ = (b); \
	CHECK(fabs(a_ - b_) <= (tol) * fmax(1.0, fabs(b_)), "%s: %.9g vs %.9g", (what), a_, b_); \
} while (0)

#define SKIP_STATUS 77	/* as automake's test drivers */

#define SKIP(...) do { \
	printf("skip: "); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	exit(SKIP_STATUS); \
} while (0)

/*
 * The directory of real recordings named by environment variable `var`, or a skip when it
 * is absent; with EEG_REQUIRE_DATA set (CI, which has the data) its absence is a failure.
 */
static inline const char *
need_data(const char *var)
{
	const char *d = getenv(var);

	if (d && *d && access(d, R_OK | X_OK) == 0)
		return d;
	if (getenv("EEG_REQUIRE_DATA") && *getenv("EEG_REQUIRE_DATA")) {
		printf("FAIL %s: %s not readable, and EEG_REQUIRE_DATA is set\n", var,
		    d ? d : "(unset)");
		exit(1);
	}
	SKIP("no data: %s is %s", var, d ? d : "unset");
}

#define CHECK_DONE() do { printf("ok %d checks\n", check_count); return 0; } while (0)

#endif
