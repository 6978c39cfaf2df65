/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_source.h: for the harnesses that give a reader whole files by name (fuzz_biosig,
 * fuzz_snd): files written into one temporary directory of the process, and a source read
 * to its end under the oracles every source owes (one-line errors; 1..SOURCE_MAXCH named
 * channels and a rate in range; finite samples; times that never go back).
 */
#ifndef EEG_FUZZ_SOURCE_H
#define EEG_FUZZ_SOURCE_H

#include <math.h>

#include "fuzz.h"
#include "source.h"

#define FUZZ_CHUNK 64
#define FUZZ_MAXSAMPLES 100000

static char fuzz_dir[64];
static char fuzz_names[8][16];

/* at exit: the files written and their directory */
static void
fuzz_clean(void)
{
	char path[sizeof fuzz_dir + sizeof fuzz_names];	/* as gcc bounds "%s/%s" of them */

	for (int i = 0; i < 8 && *fuzz_names[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, fuzz_names[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

/* $EEG_FUZZ_DIR (or $TMPDIR, /tmp)/eegfuzz.XXXXXX/name holding n bytes, named in path. */
static inline void
fuzz_put(const char *name, const uint8_t *data, size_t n, char *path, size_t len)
{
	FILE *fp;
	int i;

	if (!*fuzz_dir) {
		const char *base = getenv("EEG_FUZZ_DIR");
		if (!base)
			base = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/eegfuzz.XXXXXX", base ? base : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror(fuzz_dir);
			abort();
		}
		atexit(fuzz_clean);
	}
	for (i = 0; i < 8 && *fuzz_names[i] && strcmp(fuzz_names[i], name); i++)
		;
	if (i < 8 && !*fuzz_names[i])
		snprintf(fuzz_names[i], sizeof fuzz_names[i], "%s", name);
	snprintf(path, len, "%s/%s", fuzz_dir, name);
	if (!(fp = fopen(path, "wb")) || (n && fwrite(data, 1, n, fp) != n) || fclose(fp)) {
		perror(path);
		abort();
	}
}

static inline void
fuzz_one_line(const char *s)
{
	FUZZ_CHECK(*s && !strchr(s, '\n'), "error text is not one line: '%s'", s);
}

/* Open path with o and read it to its end (or FUZZ_MAXSAMPLES) under the oracles. */
static inline void
fuzz_read_source(const char *path, const struct source_opts *o)
{
	struct source s;
	double *x, t[FUZZ_CHUNK], tprev = -INFINITY;
	long got = 0, total = 0;

	if (source_open(&s, path, o) < 0) {
		fuzz_one_line(s.err);
		source_close(&s);
		return;
	}
	FUZZ_CHECK(s.nch >= 1 && s.nch <= SOURCE_MAXCH, "%d channels", s.nch);
	FUZZ_CHECK(s.rate > 0 && s.rate <= SOURCE_MAXRATE, "rate %g", s.rate);
	for (int k = 0; k < s.nch; k++)
		FUZZ_CHECK(s.chname && s.chname[k], "channel %d has no name", k);
	x = malloc(sizeof *x * FUZZ_CHUNK * (size_t)s.nch);
	while (total < FUZZ_MAXSAMPLES && (got = source_read(&s, x, t, FUZZ_CHUNK)) > 0) {
		FUZZ_CHECK(got <= FUZZ_CHUNK, "read %ld of %d", got, FUZZ_CHUNK);
		for (long i = 0; i < got; i++) {
			FUZZ_CHECK(!isnan(t[i]) && t[i] >= tprev, "time %.17g after %.17g", t[i],
			    tprev);
			tprev = t[i];
			for (int k = 0; k < s.nch; k++)
				FUZZ_CHECK(isfinite(x[i * s.nch + k]), "sample %ld channel %d is %g",
				    total + i, k, x[i * s.nch + k]);
		}
		total += got;
	}
	if (total < FUZZ_MAXSAMPLES && got < 0)
		fuzz_one_line(s.err);
	for (size_t i = 0; i < s.nevent; i++)
		FUZZ_CHECK(s.events[i].text && isfinite(s.events[i].onset),
		    "event %zu: onset %g", i, s.events[i].onset);
	free(x);
	source_close(&s);
}

#endif
