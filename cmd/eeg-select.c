/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-select: keep some columns (by substring, glob or name range) and some rows of a stream. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "reshape", required_argument, NULL, 'r' },
	{ "label", required_argument, NULL, 'l' },
	{ "group", required_argument, NULL, 'g' },
	{ "columns", required_argument, NULL, 'c' },
	{ "not", no_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-select [-c PATTERN[,PATTERN...]]... [-n] [-r SHAPE] [-l NAME[,NAME...]]...\n"
	"                  [-g NAME[,NAME...]]... [file ...]",
	"-c, --columns PATTERN,...\tkeep the columns matching: a substring, a glob, a range A:B\n"
	"-n, --not\tkeep the columns the patterns do not match\n"
	"-r, --reshape SHAPE\tgive the kept values this shape, as 10x150 (one may be -1)\n"
	"-l, --label NAME,...\tkeep the frames of these classes\n"
	"-g, --group NAME,...\tkeep the frames of these groups\n",
	"c:nr:l:g:", longs,
};

/* The names of repeatable, comma-separated -l or -g values, and which entries of the
 * stream's growing table they keep. */
struct nameset {
	struct names want;	/* names given */
	struct names_map keep;	/* stream table index -> 1 kept, 0 not */
};

static long
is_wanted(const char *name, void *want)
{
	return names_find(want, name) >= 0;
}

/* Is table entry i (a label or group index) among the wanted names? */
static int
nameset_has(struct nameset *s, const struct names *table, int32_t i)
{
	return i != TENSOR_NONE && names_map_sync(&s->keep, table, is_wanted, &s->want)[i];
}

/* First wanted name missing from the table, or NULL. */
static const char *
nameset_unknown(const struct nameset *s, const struct names *table)
{
	for (size_t i = 0; i < s->want.n; i++)
		if (names_find(table, s->want.v[i]) < 0)
			return s->want.v[i];
	return NULL;
}

static long
find_from(const struct names *t, size_t from, const char *s)
{
	for (size_t i = from; i < t->n; i++)
		if (!strcmp(t->v[i], s))
			return (long)i;
	return -1;
}

/*
 * Try pattern p as a range A:B (split at each ':' in turn): on success mark columns
 * A..B (first A; first B at or after A; empty A or B = first or last column) and return 1.
 */
static int
mark_range(const struct names *cols, const char *name, const char *p, char *mask)
{
	size_t n = strlen(p);
	char *buf = emalloc(n + 1);

	for (const char *c = strchr(p, ':'); c; c = strchr(c + 1, ':')) {
		long a = 0, b = (long)cols->n - 1;
		memcpy(buf, p, n + 1);
		buf[c - p] = '\0';
		const char *A = buf, *B = buf + (c - p) + 1;
		if (!*A && !*B)
			continue;
		if (*A && (a = find_from(cols, 0, A)) < 0)
			continue;
		if (*B && (b = find_from(cols, (size_t)a, B)) < 0) {
			if (find_from(cols, 0, B) >= 0)
				die_at(name, "columns", "range '%s': column '%s' comes before '%s'",
				    p, B, A);
			continue;
		}
		for (long i = a; i <= b; i++)
			mask[i] = 1;
		free(buf);
		return 1;
	}
	free(buf);
	return 0;
}

/* Mark the columns pattern p selects; dies when it selects none. */
static void
mark(const struct names *cols, const char *name, const char *p, char *mask)
{
	int glob = strpbrk(p, "*?[") != NULL, hit = 0;

	if (!glob && strchr(p, ':') && mark_range(cols, name, p, mask))
		return;
	for (size_t i = 0; i < cols->n; i++)
		if (glob ? !fnmatch(p, cols->v[i], 0) : strstr(cols->v[i], p) != NULL)
			mask[i] = hit = 1;
	if (!hit)
		die_at(name, "columns", "pattern '%s' matches no column", p);
}

/* Parse "1500x1", "1x1500", "-1x5" (one -1: inferred later); a usage error if bad. */
static void
parse_reshape(const char *s, int *ndim, uint32_t *dims)
{
	if (shape_parse(s, 1, ndim, dims))
		usage_error("--reshape: expected 1 to %d dims like 1500x1 (one may be -1), got '%s'",
		    TENSOR_MAXDIMS, s);
}

/* Fill in an inferred dimension; die unless the shape holds exactly size values. */
static void
fit_reshape(const char *spec, const char *name, size_t size, int ndim, uint32_t *dims)
{
	size_t known = 1;
	int infer = -1;

	for (int i = 0; i < ndim; i++)
		if (dims[i])
			known = mul_size(known, dims[i]);
		else
			infer = i;
	if (infer >= 0 && known <= size && size % known == 0 && size / known <= TENSOR_MAXDIM)
		dims[infer] = (uint32_t)(size / known), known = size;
	if (known != size)
		die_at(name, "reshape", "%zu selected values per frame do not make shape %s", size, spec);
}

int
main(int argc, char *argv[])
{
	struct nameset labels = { 0 }, groups = { 0 };
	struct names pat;
	const char *reshape = NULL;
	struct reader r;
	struct writer w;
	struct header oh;
	struct frame f, of;
	size_t *keep, nkeep = 0, nunits, step;
	char *mask;
	int invert = 0, o, rndim = 0;
	uint32_t rdims[TENSOR_MAXDIMS];

	util_init(argc, argv);
	names_init(&labels.want);
	names_init(&groups.want);
	names_init(&pat);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		switch (o) {
		case 'r': reshape = optarg; parse_reshape(optarg, &rndim, rdims); break;
		case 'l': names_split(&labels.want, optarg, "--label"); break;
		case 'g': names_split(&groups.want, optarg, "--group"); break;
		case 'c': names_split(&pat, optarg, "--columns"); break;
		case 'n': invert = 1; break;
		}
	}
	if (invert && !pat.n)
		usage_error("--not needs a pattern (-c)");

	util_stream();
	tensor_open_all(&r, argc - optind, argv + optind);
	const struct header *h = &r.h;
	/* the unit of selection: a value, or a feature of (..., F) frames named per feature */
	int per_feature = h->columns.n && h->columns.n != h->size;
	nunits = per_feature ? h->columns.n : h->size;
	step = per_feature ? h->size / nunits : 1;
	mask = ecalloc(nunits, 1);
	if (pat.n && !h->columns.n)
		die_at(r.name, "columns", "the stream has no column names to match '%s'", pat.v[0]);
	for (size_t i = 0; i < pat.n; i++)
		mark(&h->columns, r.name, pat.v[i], mask);
	if (!pat.n)
		memset(mask, 1, nunits);
	for (size_t i = 0; i < nunits; i++) {
		mask[i] ^= invert;
		nkeep += mask[i];
	}
	if (!nkeep)
		die_at(r.name, "columns", "--not leaves no column");

	/* value indices to copy, in stream order */
	keep = ereallocarray(NULL, mul_size(nkeep, step), sizeof *keep);
	size_t nout = 0;
	for (size_t t = 0; t < step; t++)
		for (size_t i = 0; i < nunits; i++)
			if (mask[i])
				keep[nout++] = t * nunits + i;

	header_copy(&oh, h);
	names_free(&oh.columns);
	uint32_t dims[TENSOR_MAXDIMS];
	int ndim;
	if (nout == h->size) {
		ndim = h->ndim;
		memcpy(dims, h->dims, sizeof dims);
	} else if (per_feature) {
		ndim = h->ndim;
		memcpy(dims, h->dims, sizeof dims);
		dims[ndim - 1] = (uint32_t)nkeep;
	} else {
		ndim = 1;
		dims[0] = (uint32_t)nout;
	}
	if (reshape) {
		ndim = rndim;
		memcpy(dims, rdims, sizeof dims);
		fit_reshape(reshape, r.name, nout, ndim, dims);
	}
	if (header_set_shape(&oh, ndim, dims))
		die("output shape out of range");
	/* column names: per feature when the shape still ends in the kept features */
	if (per_feature && dims[ndim - 1] == nkeep) {
		for (size_t i = 0; i < nunits; i++)
			if (mask[i])
				names_add(&oh.columns, h->columns.v[i]);
	} else if (h->columns.n) {
		for (size_t j = 0; j < nout; j++)
			names_add(&oh.columns, header_column(h, keep[j]));
	}
	header_add_history(&oh, argc, argv);

	of.x = ereallocarray(NULL, nout, sizeof *of.x);
	/* the header goes out with the first kept frame, with the tables as they are then */
	writer_defer(&w, stdout, "stdout", &oh, &r.h);
	while (tensor_read(&r, &f)) {
		if (labels.want.n && !nameset_has(&labels, &r.h.classes, f.label))
			continue;
		if (groups.want.n && !nameset_has(&groups, &r.h.groups, f.group))
			continue;
		of.label = f.label;
		of.group = f.group;
		of.time = f.time;
		for (size_t j = 0; j < nout; j++)
			of.x[j] = f.x[keep[j]];
		tensor_write(&w, &of);
	}
	/* a name that is in no table is a mistake, not an empty selection */
	const char *bad;
	if ((bad = nameset_unknown(&labels, &r.h.classes)))
		die_at(r.name, "labels", "no class named '%s'", bad);
	if ((bad = nameset_unknown(&groups, &r.h.groups)))
		die_at(r.name, "groups", "no group named '%s'", bad);
	tensor_writer_end(&w);
	free(of.x);
	free(keep);
	free(mask);
	return finish(0);
}
