/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay: a main() for a libFuzzer harness that needs no clang. It runs the harness once on
 * every file it is given (a directory: every file in it), as `make check` does with the
 * corpora kept in tests/fuzz/corpus/<harness> and the reproducers in tests/fuzz/crashes.
 * Built by the top Makefile as tests/unit/bin/test_fuzz_<harness> (FUZZ_NAME is the
 * harness): with no arguments it replays $EEG_TOP/tests/fuzz/corpus/FUZZ_NAME and every
 * tests/fuzz/crashes/FUZZ_NAME-* file. A failed oracle aborts, so a regression fails the
 * test with the name of the input printed just before.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the harness"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nrun;

static void
fail(const char *path, const char *what)
{
	fprintf(stderr, "replay " FUZZ_NAME ": %s: %s\n", path, what);
	exit(1);
}

static void
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (!fp)
		fail(path, strerror(errno));
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(buf = realloc(buf, cap)))
				fail(path, "out of memory");
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	if (ferror(fp))
		fail(path, strerror(errno));
	fclose(fp);
	/* libFuzzer hands the harness a buffer of exactly the input's size */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact)
		fail(path, "out of memory");
	memcpy(exact, buf, n);
	free(buf);
	fprintf(stderr, "%s\n", path);	/* named before the run: an abort shows which */
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	nrun++;
}

/* Every regular file of dir (sorted, for a stable order) whose name starts with prefix. */
static size_t
replay_dir(const char *dir, const char *prefix)
{
	struct dirent **ents;
	size_t before = nrun;
	int n = scandir(dir, &ents, NULL, alphasort);

	if (n < 0)
		fail(dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		if (strncmp(ents[i]->d_name, prefix, strlen(prefix)) || ents[i]->d_name[0] == '.') {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, ents[i]->d_name);
		free(ents[i]);
		if (!stat(path, &st) && S_ISREG(st.st_mode))
			replay_file(path);
	}
	free(ents);
	return nrun - before;
}

int
main(int argc, char *argv[])
{
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			struct stat st;
			if (stat(argv[i], &st))
				fail(argv[i], strerror(errno));
			if (S_ISDIR(st.st_mode))
				replay_dir(argv[i], "");
			else
				replay_file(argv[i]);
		}
	} else {
		const char *top = getenv("EEG_TOP");
		char dir[4096];

		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/" FUZZ_NAME, top ? top : ".");
		if (replay_dir(dir, "") == 0)
			fail(dir, "no corpus to replay");
		snprintf(dir, sizeof dir, "%s/tests/fuzz/crashes", top ? top : ".");
		replay_dir(dir, FUZZ_NAME "-");
	}
	printf("ok " FUZZ_NAME ": %zu inputs replayed\n", nrun);
	return 0;
}
