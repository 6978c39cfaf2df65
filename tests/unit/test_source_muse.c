/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_source_muse: the 24 real Muse recordings (EEG_MUSE_DIR, beside the checkout) read
 * by the muse-lsl CSV reader: every value equals strtod of its text, and one file's row
 * count and a few values equal what Python's csv module reads. Skips without the data.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "source.h"
#include "util.h"

static int
same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* Every value of a Muse file equals strtod of its text; returns rows. */
static long
check_real(const char *path, double *t0, double *x100, double *xlast)
{
	struct source_opts o = { .aux = 1 };	/* Right AUX too */
	struct source s;
	static double x[1000 * 5], t[1000];
	FILE *fp = fopen(path, "r");
	char line[512];
	long rows = 0, n;

	CHECK(fp && fgets(line, sizeof line, fp), "%s", path);
	CHECK(source_open(&s, path, &o) == 0, "%s: %s", path, s.err);
	CHECK(s.nch == 5 && s.has_time && s.rate == 256, "%s header", path);
	while ((n = source_read(&s, x, t, 1000)) > 0) {
		for (long i = 0; i < n; i++, rows++) {
			char *p = fgets(line, sizeof line, fp), *e;
			CHECK(p, "%s: extra row %ld", path, rows);
			CHECK(same(t[i], strtod(p, &e)), "%s row %ld time", path, rows);
			for (int k = 0; k < 5; k++) {
				CHECK(*e == ',', "%s row %ld", path, rows);
				CHECK(same(x[i * 5 + k], strtod(e + 1, &e)), "%s row %ld col %d", path,
				    rows, k);
			}
			if (rows == 0)
				*t0 = t[i];
			if (rows == 100)
				memcpy(x100, x + i * 5, 5 * sizeof *x);
			memcpy(xlast, x + i * 5, 5 * sizeof *x);
		}
	}
	CHECK(n == 0, "%s: %s", path, s.err);
	CHECK(!fgets(line, sizeof line, fp), "%s: rows missing after %ld", path, rows);
	fclose(fp);
	source_close(&s);
	return rows;
}

static void
test_real(void)
{
	const char *d = need_data("EEG_MUSE_DIR");
	char path[1024], cmd[2048], out[4096];
	DIR *dp;
	struct dirent *de;
	int files = 0;
	double t0, x100[5], xlast[5];
	long rows;
	FILE *pp;

	CHECK((dp = opendir(d)), "%s", d);
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".csv"))
			continue;
		snprintf(path, sizeof path, "%s/%s", d, de->d_name);
		check_real(path, &t0, x100, xlast);
		files++;
	}
	closedir(dp);
	CHECK(files == 24, "%d recordings in %s, want 24", files, d);
	printf("ok real: %d recordings equal strtod value by value\n", files);

	snprintf(path, sizeof path, "%s/subjecta-relaxed-1.csv", d);
	rows = check_real(path, &t0, x100, xlast);
	{
		/* wc -l: newlines in the file, one of them the header's */
		FILE *fp = fopen(path, "rb");
		long nl = 0;
		int ch;
		CHECK(fp, "%s", path);
		while ((ch = getc(fp)) != EOF)
			nl += ch == '\n';
		fclose(fp);
		CHECK(rows == nl - 1, "rows %ld, wc -l says %ld", rows, nl);
	}
	/* an independent reader: Python's csv module (row count, a few values) */
	snprintf(cmd, sizeof cmd, "\"${PYTHON:-/usr/bin/python3}\" -c 'import csv,sys\n"
	    "r=list(csv.reader(open(sys.argv[1])))\n"
	    "print(len(r)-1, repr(float(r[1][0])), *[repr(float(v)) for v in r[101][1:]],"
	    " *[repr(float(v)) for v in r[-1][1:]])' '%s'", path);
	pp = popen(cmd, "r");
	CHECK(pp && fgets(out, sizeof out, pp), "python");
	pclose(pp);
	{
		char *p = out, *e;
		long pyrows = strtol(p, &e, 10);
		CHECK(pyrows == rows, "rows %ld, python says %ld", rows, pyrows);
		CHECK(same(strtod(e, &e), t0), "first time vs python");
		for (int k = 0; k < 5; k++)
			CHECK(same(strtod(e, &e), x100[k]), "row 100 col %d vs python", k);
		for (int k = 0; k < 5; k++)
			CHECK(same(strtod(e, &e), xlast[k]), "last row col %d vs python", k);
	}
	printf("ok real: subjecta-relaxed-1.csv has %ld rows and matches Python's csv module\n",
	    rows);
}

int
main(int argc, char *argv[])
{
	util_init(argc, argv);
	test_real();
	CHECK_DONE();
}
