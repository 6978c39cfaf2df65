/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench/read.c: parse the Muse recordings with source_read (A) and with a plain
 * fgets + strtod loop (B), interleaved; print MB/s of each and the ratio. Built and run by
 * bench/read. Usage: read runs file...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "source.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double sink;

static long
run_source(int n, char **files)
{
	static double x[4096 * 8], t[4096];
	long rows = 0, r;

	for (int i = 0; i < n; i++) {
		struct source s;
		source_open_or_die(&s, files[i], NULL);
		while ((r = source_read_or_die(&s, x, t, 4096)) > 0) {
			rows += r;
			sink += x[0] + t[r - 1];
		}
		source_close(&s);
	}
	return rows;
}

static long
run_strtod(int n, char **files)
{
	char line[4096];
	long rows = 0;

	for (int i = 0; i < n; i++) {
		FILE *fp = efopen_in(files[i]);
		if (!fgets(line, sizeof line, fp))
			die("%s: empty", files[i]);
		while (fgets(line, sizeof line, fp)) {
			char *p = line;
			for (int k = 0; k < 6; k++) {
				sink += strtod(p, &p);
				if (*p == ',')
					p++;
			}
			rows++;
		}
		fclose(fp);
	}
	return rows;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char *argv[])
{
	int runs, n;
	double bytes = 0, ta[99], tb[99];
	long ra = 0, rb = 0;
	struct stat st;

	util_init(argc, argv);
	if (argc < 3)
		usage_error("want RUNS FILE...");
	runs = (int)estrtol(argv[1], "runs", 1, 99);
	n = argc - 2;
	for (int i = 0; i < n; i++)
		if (stat(argv[2 + i], &st) == 0)
			bytes += st.st_size;
	for (int r = 0; r < runs; r++) {
		double t0 = now();
		ra = run_source(n, argv + 2);
		double t1 = now();
		rb = run_strtod(n, argv + 2);
		double t2 = now();
		ta[r] = t1 - t0;
		tb[r] = t2 - t1;
	}
	if (ra != rb)
		die("row counts differ: %ld vs %ld", ra, rb);
	qsort(ta, (size_t)runs, sizeof *ta, cmp);
	qsort(tb, (size_t)runs, sizeof *tb, cmp);
	printf("%d files, %.1f MB, %ld rows, median of %d runs\n", n, bytes / 1e6, ra, runs);
	printf("source_read:    %.4f s  %7.1f MB/s\n", ta[runs / 2], bytes / 1e6 / ta[runs / 2]);
	printf("fgets+strtod:   %.4f s  %7.1f MB/s\n", tb[runs / 2], bytes / 1e6 / tb[runs / 2]);
	printf("speedup:        %.2fx\n", tb[runs / 2] / ta[runs / 2]);
	return sink == 42 ? 1 : 0;
}
