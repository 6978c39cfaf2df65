/* check.h: the tiny unit-test harness. One line per check; exit 1 on the first failure. */
#ifndef EEG_CHECK_H
#define EEG_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

#define CHECK_DONE() do { printf("ok %d checks\n", check_count); return 0; } while (0)

#endif
