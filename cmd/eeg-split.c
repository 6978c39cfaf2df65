/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-split: split a stream into train/test(/val) files: random, stratified, grouped, time blocks, k-fold. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tensor.h"
#include "util.h"

enum { O_TRAIN = 256, O_TEST, O_VAL, O_VALF, O_TESTF, O_STRAT, O_GROUP, O_HOLD, O_BLOCKS,
	O_GAP, O_GAPF, O_FOLDS, O_FOLD };
static const struct option longs[] = {
	{ "train", required_argument, NULL, O_TRAIN },
	{ "test", required_argument, NULL, O_TEST },
	{ "val", required_argument, NULL, O_VAL },
	{ "val-fraction", required_argument, NULL, O_VALF },
	{ "test-fraction", required_argument, NULL, O_TESTF },
	{ "seed", required_argument, NULL, 's' },
	{ "stratify", no_argument, NULL, O_STRAT },
	{ "by-group", no_argument, NULL, O_GROUP },
	{ "holdout", required_argument, NULL, O_HOLD },
	{ "blocks", no_argument, NULL, O_BLOCKS },
	{ "gap", required_argument, NULL, O_GAP },
	{ "gap-file", required_argument, NULL, O_GAPF },
	{ "folds", required_argument, NULL, O_FOLDS },
	{ "fold", required_argument, NULL, O_FOLD },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-split --train FILE --test FILE [--val FILE --val-fraction F]\n"
	"                 [--test-fraction F] [-s seed] [--stratify]\n"
	"                 [--by-group [--holdout NAME[,NAME...]]...] [--blocks [--gap N [--gap-file FILE]]]\n"
	"                 [--folds K --fold I] [-v] [file]",
	"    --train FILE\twrite the training frames to FILE\n"
	"    --test FILE\twrite the test frames to FILE\n"
	"    --val FILE\twrite a validation share to FILE (with --val-fraction)\n"
	"    --val-fraction F\tthe validation share, 0 < F < 1\n"
	"    --test-fraction F\tthe test share (default 0.2)\n"
	"-s, --seed N\tseed of the shuffles (default 0)\n"
	"    --stratify\trandom within each class: each class keeps its ratio\n"
	"    --by-group\twhole groups (subjects, recordings) to one side\n"
	"    --holdout NAME,...\tthese groups are the test set (leave-groups-out)\n"
	"    --blocks\tcontiguous time blocks per recording, test last\n"
	"    --gap N\twith --blocks: drop N frames at each boundary\n"
	"    --gap-file FILE\twith --gap: write the dropped frames to FILE\n"
	"    --folds K\tk-fold cross-validation (with --fold) ...\n"
	"    --fold I\t... fold I of K is the test set\n"
	"-v, --verbose\tprint the frame count of each output on standard error\n",
	"vs:", longs,
};

enum { TRAIN, TEST, VAL, GAP, NDEST };
static const char *const dest_names[NDEST] = { "train", "test", "val", "gap" };

/* The whole input: per-frame label, group and time in memory, values in a temporary file. */
struct set {
	size_t n, cap, size;
	int32_t *label, *group;
	double *time;
	unsigned char *dest;
	FILE *values;
};

static struct rng rng;

static void
set_add(struct set *s, const struct frame *f)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->label = ereallocarray(s->label, s->cap, sizeof *s->label);
		s->group = ereallocarray(s->group, s->cap, sizeof *s->group);
		s->time = ereallocarray(s->time, s->cap, sizeof *s->time);
	}
	s->label[s->n] = f->label;
	s->group[s->n] = f->group;
	s->time[s->n] = f->time;
	if (fwrite(f->x, sizeof *f->x, s->size, s->values) != s->size)
		die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
	s->n++;
}

/* Frames for a fraction f of n: rounded up (as scikit-learn does), ignoring float dust. */
static size_t
share(double f, size_t n)
{
	return (size_t)ceil(f * (double)n - 1e-9);
}

static size_t *
iota(size_t n)
{
	size_t *v = ereallocarray(NULL, n, sizeof *v);

	for (size_t i = 0; i < n; i++)
		v[i] = i;
	return v;
}

/*
 * Largest-remainder apportionment: split total over k parts in proportion to w[] (sum
 * wsum), each part at most cap[]; ties go to the lower index.
 */
static void
apportion(size_t total, const size_t *w, size_t wsum, const size_t *cap, size_t k, size_t *out)
{
	double *rem = ereallocarray(NULL, k, sizeof *rem);
	size_t given = 0;

	for (size_t c = 0; c < k; c++) {
		double q = (double)total * (double)w[c] / (double)wsum;
		out[c] = (size_t)floor(q + 1e-9);
		if (out[c] > cap[c])
			out[c] = cap[c];
		rem[c] = q - (double)out[c];
		given += out[c];
	}
	while (given < total) {
		long best = -1;
		for (size_t c = 0; c < k; c++)
			if (out[c] < cap[c] && (best < 0 || rem[c] > rem[best] + 1e-12))
				best = (long)c;
		if (best < 0)
			break;
		out[best]++;
		rem[best] -= 1;
		given++;
	}
	free(rem);
}

/* Members of each table entry (label or group), in stream order. */
struct buckets {
	size_t k;
	size_t *count, **idx;
};

static void
bucket(struct buckets *b, const int32_t *key, size_t n, size_t k, const char *name,
    const char *what, const char *opt)
{
	b->k = k;
	b->count = ecalloc(k ? k : 1, sizeof *b->count);
	b->idx = ecalloc(k ? k : 1, sizeof *b->idx);
	for (size_t j = 0; j < n; j++) {
		char where[64];
		if (key[j] == TENSOR_NONE) {
			snprintf(where, sizeof where, "frame %zu", j);
			die_at(name, where, "no %s: %s needs every frame to have one", what, opt);
		}
		size_t c = (size_t)key[j];
		b->idx[c] = ereallocarray(b->idx[c], b->count[c] + 1, sizeof **b->idx);
		b->idx[c][b->count[c]++] = j;
	}
}

static void
buckets_free(struct buckets *b)
{
	for (size_t c = 0; c < b->k; c++)
		free(b->idx[c]);
	free(b->idx);
	free(b->count);
}

static void
split_random(struct set *s, double ft, double fv, const char *name)
{
	size_t *v = iota(s->n), nt = share(ft, s->n), nv = share(fv, s->n);

	if (nt + nv >= s->n)
		die_at(name, NULL, "%zu frames are too few to split", s->n);
	rng_shuffle(&rng, v, s->n);
	for (size_t i = 0; i < s->n; i++)
		s->dest[v[i]] = i < nt ? TEST : i < nt + nv ? VAL : TRAIN;
	free(v);
}

static void
split_stratified(struct set *s, const struct header *h, double ft, double fv, const char *name)
{
	struct buckets b;
	size_t k = h->classes.n, *nt = ecalloc(k + 1, sizeof *nt), *nv = ecalloc(k + 1, sizeof *nv);
	size_t *left = ecalloc(k + 1, sizeof *left), total = share(ft, s->n), totv = share(fv, s->n);

	if (total + totv >= s->n)
		die_at(name, NULL, "%zu frames are too few to split", s->n);
	bucket(&b, s->label, s->n, k, name, "label", "--stratify");
	apportion(total, b.count, s->n, b.count, k, nt);
	for (size_t c = 0; c < k; c++)
		left[c] = b.count[c] - nt[c];
	apportion(totv, b.count, s->n, left, k, nv);
	for (size_t c = 0; c < k; c++) {
		rng_shuffle(&rng, b.idx[c], b.count[c]);
		for (size_t i = 0; i < b.count[c]; i++)
			s->dest[b.idx[c][i]] = i < nt[c] ? TEST : i < nt[c] + nv[c] ? VAL : TRAIN;
	}
	buckets_free(&b);
	free(nt);
	free(nv);
	free(left);
}

/* Greedily move groups (in the shuffled order) from TRAIN to dest until near target frames. */
static void
take_groups(const size_t *order, size_t ng, const struct buckets *b, unsigned char *gdest,
    unsigned char dest, size_t target)
{
	size_t got = 0, free_groups = 0, first = SIZE_MAX;

	for (size_t i = 0; i < ng; i++)
		if (gdest[order[i]] == TRAIN)
			free_groups++;
	for (size_t i = 0; i < ng && free_groups > 1; i++) {
		size_t g = order[i], c = b->count[g];
		if (gdest[g] != TRAIN)
			continue;
		if (first == SIZE_MAX)
			first = g;
		if (fabs((double)got + (double)c - (double)target) < fabs((double)got - (double)target)) {
			gdest[g] = dest;
			got += c;
			free_groups--;
		}
	}
	if (!got && first != SIZE_MAX)	/* every group was too big: take one anyway */
		gdest[first] = dest;
}

static void
split_groups(struct set *s, const struct header *h, double ft, double fv,
    const struct names *holdout, const char *name)
{
	struct buckets b;
	size_t ng = 0, *order;
	unsigned char *gdest;

	bucket(&b, s->group, s->n, h->groups.n, name, "group", "--by-group");
	gdest = ecalloc(b.k ? b.k : 1, 1);
	order = ereallocarray(NULL, b.k ? b.k : 1, sizeof *order);
	for (size_t g = 0; g < b.k; g++)
		if (b.count[g])
			order[ng++] = g;
		else
			gdest[g] = GAP;	/* a name with no frames takes part in nothing */
	if (ng < 2 + (fv > 0))
		die_at(name, "groups", "%zu group%s with frames: too few for a grouped split", ng,
		    ng == 1 ? "" : "s");
	rng_shuffle(&rng, order, ng);
	if (holdout->n) {
		for (size_t i = 0; i < holdout->n; i++) {
			long g = names_find(&h->groups, holdout->v[i]);
			if (g < 0)
				die_at(name, "groups", "no group named '%s'", holdout->v[i]);
			if (!b.count[g])
				die_at(name, "groups", "group '%s' has no frames", holdout->v[i]);
			gdest[g] = TEST;
		}
	} else {
		take_groups(order, ng, &b, gdest, TEST, share(ft, s->n));
	}
	if (fv > 0)
		take_groups(order, ng, &b, gdest, VAL, share(fv, s->n));
	size_t ntrain = 0;
	for (size_t g = 0; g < b.k; g++)
		ntrain += gdest[g] == TRAIN;
	if (!ntrain)
		die_at(name, "groups", "no group left for training");
	for (size_t j = 0; j < s->n; j++)
		s->dest[j] = gdest[s->group[j]];
	buckets_free(&b);
	free(order);
	free(gdest);
}

static const double *sort_time;

static int
by_time(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double ti = sort_time[i], tj = sort_time[j];

	if (ti != tj)
		return ti < tj ? -1 : 1;
	return (i > j) - (i < j);
}

/* Split one recording, idx[0..n) in time order, into train | val | test with gaps. */
static void
blocks_of(struct set *s, const size_t *idx, size_t n, double ft, double fv, size_t gap)
{
	size_t nt = share(ft, n), nv = share(fv, n);

	if (nt > n)
		nt = n;
	if (nt + nv > n)
		nv = n - nt;
	size_t vstart = n - nt - nv, tstart = n - nt;
	for (size_t i = 0; i < n; i++) {
		unsigned char d = i >= tstart ? TEST : i >= vstart ? VAL : TRAIN;
		/* the last gap frames before a boundary go to neither side */
		if ((d == TRAIN && i + gap >= vstart) || (d == VAL && i + gap >= tstart))
			d = GAP;
		s->dest[idx[i]] = d;
	}
}

/*
 * Contiguous blocks per recording. A group is a recording (frames with no group form one
 * more), its frames put in time order; but when times repeat within a group it holds
 * several recordings, as `for f in ...; do eeg-fft -g subject $f; done` makes: it is then
 * cut, in stream order, wherever time does not increase. Frames without a time keep stream
 * order.
 */
static void
split_blocks(struct set *s, const struct header *h, double ft, double fv, size_t gap)
{
	size_t k = h->groups.n + 1, *n = ecalloc(k, sizeof *n), **idx = ecalloc(k, sizeof *idx);
	int *untimed = ecalloc(k, sizeof *untimed);

	for (size_t j = 0; j < s->n; j++) {
		size_t r = s->group[j] == TENSOR_NONE ? k - 1 : (size_t)s->group[j];
		idx[r] = ereallocarray(idx[r], n[r] + 1, sizeof **idx);
		idx[r][n[r]++] = j;
		untimed[r] |= isnan(s->time[j]);
	}
	sort_time = s->time;
	for (size_t r = 0; r < k; r++) {
		size_t *v = idx[r], m = n[r];
		int repeats = 0;
		if (!m)
			continue;
		if (untimed[r]) {
			blocks_of(s, v, m, ft, fv, gap);
			free(v);
			continue;
		}
		size_t *sorted = ereallocarray(NULL, m, sizeof *sorted);
		memcpy(sorted, v, m * sizeof *v);
		qsort(sorted, m, sizeof *sorted, by_time);
		for (size_t i = 1; i < m && !repeats; i++)
			repeats = s->time[sorted[i]] == s->time[sorted[i - 1]];
		if (!repeats) {
			blocks_of(s, sorted, m, ft, fv, gap);
		} else {
			for (size_t a = 0, b; a < m; a = b) {
				for (b = a + 1; b < m && s->time[v[b]] > s->time[v[b - 1]]; b++)
					;
				blocks_of(s, v + a, b - a, ft, fv, gap);
			}
		}
		free(sorted);
		free(v);
	}
	free(idx);
	free(n);
	free(untimed);
}

static void
split_folds(struct set *s, const struct header *h, size_t K, size_t I, int stratify, int groups,
    const char *name)
{
	struct buckets b;

	if (s->n < K)
		die_at(name, NULL, "%zu frames are too few for %zu folds", s->n, K);
	if (groups) {
		size_t ng = 0, *order, *load = ecalloc(K, sizeof *load);
		size_t *gfold;
		bucket(&b, s->group, s->n, h->groups.n, name, "group", "--by-group");
		order = ereallocarray(NULL, b.k ? b.k : 1, sizeof *order);
		gfold = ecalloc(b.k ? b.k : 1, sizeof *gfold);
		for (size_t g = 0; g < b.k; g++)
			if (b.count[g])
				order[ng++] = g;
		if (ng < K)
			die_at(name, "groups", "%zu groups with frames are too few for %zu folds", ng, K);
		rng_shuffle(&rng, order, ng);
		/* largest groups first (stable: ties keep the shuffled order), each to the lightest fold */
		for (size_t i = 1; i < ng; i++)
			for (size_t j = i; j > 0 && b.count[order[j]] > b.count[order[j - 1]]; j--) {
				size_t t = order[j];
				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		for (size_t i = 0; i < ng; i++) {
			size_t best = 0;
			for (size_t f = 1; f < K; f++)
				if (load[f] < load[best])
					best = f;
			gfold[order[i]] = best;
			load[best] += b.count[order[i]];
		}
		for (size_t j = 0; j < s->n; j++)
			s->dest[j] = gfold[s->group[j]] == I ? TEST : TRAIN;
		buckets_free(&b);
		free(order);
		free(gfold);
		free(load);
		return;
	}
	size_t *v, m = 0;
	if (stratify) {
		bucket(&b, s->label, s->n, h->classes.n, name, "label", "--stratify");
		v = ereallocarray(NULL, s->n, sizeof *v);
		for (size_t c = 0; c < b.k; c++) {
			rng_shuffle(&rng, b.idx[c], b.count[c]);
			for (size_t i = 0; i < b.count[c]; i++)
				v[m++] = b.idx[c][i];
		}
		/* dealt round-robin: every fold within one frame of every class's share */
		for (size_t i = 0; i < s->n; i++)
			s->dest[v[i]] = i % K == I ? TEST : TRAIN;
		buckets_free(&b);
	} else {
		v = iota(s->n);
		rng_shuffle(&rng, v, s->n);
		/* contiguous folds of the shuffled order, the first n % K one frame larger */
		size_t start = 0;
		for (size_t f = 0; f < I; f++)
			start += s->n / K + (f < s->n % K);
		size_t len = s->n / K + (I < s->n % K);
		for (size_t i = 0; i < s->n; i++)
			s->dest[v[i]] = i >= start && i < start + len ? TEST : TRAIN;
	}
	free(v);
}

/* One line naming the leak and the honest alternatives, when a split leaks. */
static void
leak_warning(const struct header *h, const char *name, int random, int blocks, size_t gap,
    int untimed)
{
	const char *layout = header_meta_get(h, "layout");
	int bird = layout && !strcmp(layout, "bird2018");

	if (random && header_overlaps(h))
		warnx("warning: %s: windows overlap (window %g s, hop %g s): a random split puts "
		    "neighbouring windows on both sides and leaks; use --by-group or --blocks --gap %g",
		    name, h->window, h->hop, ceil(h->window / h->hop - 1e-9) - 1);
	else if (random && bird)
		warnx("warning: %s: layout=bird2018 rows are overlapping windows of a few recordings: "
		    "a random split leaks neighbouring windows; use --by-group or --blocks with "
		    "recordings as groups", name);
	else if (blocks && bird && untimed)
		warnx("warning: %s: layout=bird2018 rows carry no time (emotions.csv was shuffled): "
		    "--blocks in stream order does not keep neighbouring windows apart", name);
	else if (blocks && header_overlaps(h) && (double)gap < ceil(h->window / h->hop - 1e-9) - 1)
		warnx("warning: %s: windows overlap (window %g s, hop %g s): blocks leak at their "
		    "boundaries unless --gap %g or more", name, h->window, h->hop,
		    ceil(h->window / h->hop - 1e-9) - 1);
}

/* How the split was made, for the split-* keys of every part (eeg-tensor(5)). */
struct method {
	const char *name;	/* split-method */
	long seed, gap, K, I;	/* gap < 0, K = 0: not this kind of split */
	double ft, fv;		/* 0: not given */
	int grouped;		/* name the test groups */
};

/* v as the shortest text that reads back as the same double ("0.2", not 0.2000...1) */
static void
shortest(char *buf, size_t n, double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* A part's header: the input's without its split keys, then this split's. */
static void
part_header(struct header *oh, const struct header *h, const struct set *s,
    const struct method *m, int d, int argc, char *argv[])
{
	char buf[64];

	header_copy(oh, h);
	names_free(&oh->meta);
	for (size_t i = 0; i < h->meta.n; i++)
		if (strncmp(h->meta.v[i], "split=", 6) && strncmp(h->meta.v[i], "split-", 6))
			names_add(&oh->meta, h->meta.v[i]);
	header_add_history(oh, argc, argv);
	header_meta_add(oh, "split", dest_names[d]);
	header_meta_add(oh, "split-method", m->name);
	snprintf(buf, sizeof buf, "%ld", m->seed);
	header_meta_add(oh, "split-seed", buf);
	if (m->ft > 0) {
		shortest(buf, sizeof buf, m->ft);
		header_meta_add(oh, "split-test-fraction", buf);
	}
	if (m->fv > 0) {
		shortest(buf, sizeof buf, m->fv);
		header_meta_add(oh, "split-val-fraction", buf);
	}
	if (m->gap >= 0) {
		snprintf(buf, sizeof buf, "%ld", m->gap);
		header_meta_add(oh, "split-gap", buf);
	}
	if (m->K) {
		snprintf(buf, sizeof buf, "%ld/%ld", m->I, m->K);
		header_meta_add(oh, "split-fold", buf);
	}
	if (m->grouped) {
		unsigned char *test = ecalloc(h->groups.n + 1, 1);
		for (size_t j = 0; j < s->n; j++)
			if (s->dest[j] == TEST && s->group[j] != TENSOR_NONE)
				test[s->group[j]] = 1;
		for (size_t g = 0; g < h->groups.n; g++)
			if (test[g])
				header_meta_add(oh, "split-test-group", h->groups.v[g]);
		free(test);
	}
}

static void
write_outputs(struct set *s, const struct header *h, const struct method *m,
    const char *path[NDEST], int argc, char *argv[])
{
	float *x = ereallocarray(NULL, s->size ? s->size : 1, sizeof *x);
	struct writer w[NDEST];
	struct atomic_file out[NDEST];	/* temp files, removed by util if we die */
	struct frame f;

	if (fflush(s->values) || ferror(s->values))
		die_at("temporary file", "write", "%s", strerror(errno ? errno : EIO));
	/* every output is created before any is written, and committed after all are */
	for (int d = 0; d < NDEST; d++) {
		struct header oh;
		if (!path[d])
			continue;
		part_header(&oh, h, s, m, d, argc, argv);
		atomic_open(&out[d], path[d]);
		tensor_writer(&w[d], out[d].fp, path[d], &oh);
		header_free(&oh);
	}
	rewind(s->values);
	f.x = x;
	for (size_t j = 0; j < s->n; j++) {
		if (fread(x, sizeof *x, s->size, s->values) != s->size)
			die_at("temporary file", "read", "%s",
			    ferror(s->values) ? strerror(errno) : "short read");
		if (!path[s->dest[j]])
			continue;	/* gap frames without --gap-file */
		f.label = s->label[j];
		f.group = s->group[j];
		f.time = s->time[j];
		tensor_write(&w[s->dest[j]], &f);
	}
	/* all written out before any is renamed: a write error leaves none of them */
	for (int d = 0; d < NDEST; d++)
		if (path[d]) {
			writer_close(&w[d]);
			atomic_flush(&out[d]);
		}
	for (int d = 0; d < NDEST; d++)
		if (path[d])
			atomic_commit(&out[d]);
	free(x);
}

int
main(int argc, char *argv[])
{
	const char *path[NDEST] = { 0 };
	double ft = 0.2, fv = 0;
	int stratify = 0, groups = 0, blocks = 0, verbose = 0, o, have_ft = 0, have_gap = 0;
	long seed = 0, gap = 0, K = 0, I = 0;
	struct names holdout;
	struct reader r;
	struct frame f;
	struct set s = { 0 };

	util_init(argc, argv);
	names_init(&holdout);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		switch (o) {
		case O_TRAIN: path[TRAIN] = optarg; break;
		case O_TEST: path[TEST] = optarg; break;
		case O_VAL: path[VAL] = optarg; break;
		case O_GAPF: path[GAP] = optarg; break;
		case O_VALF: fv = estrtod(optarg, "--val-fraction", 1e-9, 1 - 1e-9); break;
		case O_TESTF: ft = estrtod(optarg, "--test-fraction", 1e-9, 1 - 1e-9); have_ft = 1; break;
		case 's': seed = estrtol(optarg, "--seed", 0, LONG_MAX); break;
		case O_STRAT: stratify = 1; break;
		case O_GROUP: groups = 1; break;
		case O_HOLD: groups = 1; names_split(&holdout, optarg, "--holdout"); break;
		case O_BLOCKS: blocks = 1; break;
		case O_GAP: gap = estrtol(optarg, "--gap", 0, 1L << 30); have_gap = 1; break;
		case O_FOLDS: K = estrtol(optarg, "--folds", 2, 255); break;
		case O_FOLD: I = estrtol(optarg, "--fold", 1, 255); break;
		case 'v': verbose = 1; break;
		}
	}
	/* combinations that have no meaning are usage errors */
	if (!path[TRAIN] || !path[TEST])
		usage_error("--train and --test are needed");
	if (argc - optind > 1)
		usage_error("one input file, not %d", argc - optind);
	if (!path[VAL] != !fv)
		usage_error("--val and --val-fraction go together");
	if (ft + fv >= 1)
		usage_error("--test-fraction %g and --val-fraction %g leave nothing to train", ft, fv);
	if (stratify + groups + blocks > 1)
		usage_error("--stratify, --by-group (or --holdout) and --blocks exclude each other");
	if (have_gap && !blocks)
		usage_error("--gap needs --blocks");
	if (path[GAP] && !have_gap)
		usage_error("--gap-file needs --gap");
	if (!K != !I || I > K)
		usage_error("--folds K and --fold I go together, with 1 <= I <= K");
	if (K && (path[VAL] || have_ft || holdout.n || blocks))
		usage_error("--folds decide the test set: no --val, --test-fraction, --holdout or "
		    "--blocks");
	if (holdout.n && have_ft)
		usage_error("--holdout decides the test set: no --test-fraction");
	for (int a = 0; a < NDEST; a++)
		for (int b = a + 1; b < NDEST; b++)
			if (path[a] && path[b] && !strcmp(path[a], path[b]))
				usage_error("--%s and --%s name one file, %s", dest_names[a],
				    b == GAP ? "gap-file" : dest_names[b], path[a]);

	tensor_open(&r, optind < argc ? argv[optind] : NULL);
	s.size = r.h.size;
	if (!(s.values = tmpfile()))
		die_at("temporary file", "create", "%s", strerror(errno));
	while (tensor_read(&r, &f))
		set_add(&s, &f);
	if (r.t0_varies)
		r.h.t0 = 0;	/* parts of different t0 share each output: no absolute times */
	if (!s.n)
		die_at(r.name, NULL, "no frames to split");
	s.dest = ecalloc(s.n, 1);
	rng_seed(&rng, (uint64_t)seed);
	if (K)
		split_folds(&s, &r.h, (size_t)K, (size_t)I - 1, stratify, groups, r.name);
	else if (blocks)
		split_blocks(&s, &r.h, ft, fv, (size_t)gap);
	else if (groups)
		split_groups(&s, &r.h, ft, fv, &holdout, r.name);
	else if (stratify)
		split_stratified(&s, &r.h, ft, fv, r.name);
	else
		split_random(&s, ft, fv, r.name);

	size_t count[NDEST] = { 0 };
	for (size_t j = 0; j < s.n; j++)
		count[s.dest[j]]++;
	if (!count[TRAIN] || !count[TEST])
		die_at(r.name, NULL, "the split leaves %s empty (%zu frames)",
		    count[TRAIN] ? "test" : "train", s.n);
	struct method m = { .seed = seed, .gap = -1, .fv = fv, .K = K, .I = I };
	if (K) {
		m.name = groups ? "group-folds" : stratify ? "stratified-folds" : "folds";
		m.grouped = groups;
	} else {
		m.name = blocks ? "blocks" : holdout.n ? "holdout" : groups ? "groups" :
		    stratify ? "stratified" : "random";
		m.grouped = groups;
		m.gap = blocks ? gap : -1;
		m.ft = holdout.n ? 0 : ft;
	}
	write_outputs(&s, &r.h, &m, path, argc, argv);
	int untimed = 1;
	for (size_t j = 0; j < s.n && untimed; j++)
		untimed = isnan(s.time[j]);
	leak_warning(&r.h, r.name, !groups && !blocks, blocks, (size_t)gap, untimed);
	if (verbose)
		fprintf(stderr, "%s: train %zu, test %zu, val %zu, gap %zu frames (%s)\n", argv0,
		    count[TRAIN], count[TEST], count[VAL], count[GAP], path[GAP] ? "written" : "dropped");
	fclose(s.values);
	free(s.label);
	free(s.group);
	free(s.time);
	free(s.dest);
	return finish(0);
}
