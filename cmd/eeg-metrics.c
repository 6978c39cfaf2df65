/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-metrics: score a stream of class probabilities against its true labels. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "tensor.h"
#include "util.h"

static const char usage_text[] = "usage: eeg-metrics [file]";

static void
usage(void)
{
	die_usage(usage_text);
}

/* The meta line index of the last history entry of a tool, or -1. */
static long
find_history(const struct header *h, const char *tool)
{
	size_t k = strlen(tool);

	for (size_t i = h->meta.n; i-- > 0;) {
		const char *m = h->meta.v[i];
		if (!strncmp(m, "history=", 8) && !strncmp(m + 8, tool, k) &&
		    (m[8 + k] == ' ' || m[8 + k] == '\0'))
			return (long)i;
	}
	return -1;
}

static int
has_word(const char *line, const char *word)
{
	size_t k = strlen(word);

	for (const char *p = line; (p = strstr(p, word)); p += k)
		if ((p == line || p[-1] == ' ') && (p[k] == ' ' || p[k] == '\0' || p[k] == '='))
			return 1;
	return 0;
}

/*
 * Say how the scored frames were separated from the training frames, from the stream's
 * history: an honest report names its split, and warns when it leaks.
 */
static void
describe_split(const struct header *h)
{
	long split = find_history(h, "eeg-split"), scale = -1;
	int overlap = header_overlaps(h) || header_meta_get(h, "layout");

	printf("\nhow the test frames were chosen\n");
	if (split < 0) {
		printf("  unknown: no eeg-split in this stream's history%s\n",
		    overlap ? "; its windows overlap, so a random split would leak" : "");
	} else {
		const char *s = h->meta.v[split] + 8;
		if (has_word(s, "--holdout"))
			printf("  leave-one-group-out: no group on both sides\n");
		else if (has_word(s, "--by-group"))
			printf("  grouped split: no group on both sides\n");
		else if (has_word(s, "--blocks"))
			printf("  contiguous time blocks per recording\n");
		else if (overlap)
			printf("  WARNING: random split of overlapping windows: neighbouring windows "
			    "fall on both sides, so this score is optimistic (use eeg-split "
			    "--by-group or --blocks)\n");
		else
			printf("  random split%s\n", has_word(s, "--stratify") ? ", stratified" : "");
		printf("  by: %s\n", s);
	}
	/* a scaler fit before the split saw the test frames */
	for (size_t i = 0; i < h->meta.n; i++)
		if (!strncmp(h->meta.v[i], "history=eeg-scale", 17) &&
		    !has_word(h->meta.v[i], "--apply") && (split < 0 || (long)i < split))
			scale = (long)i;
	if (scale >= 0 && split >= 0)
		printf("  WARNING: the scaler was fit on all frames before the split: test "
		    "statistics leaked into training (fit on the training part: eeg-scale --fit)\n");
	else if (find_history(h, "eeg-scale") >= 0)
		printf("  scaler: %s\n", h->meta.v[find_history(h, "eeg-scale")] + 8);
}

static void
report(const struct header *h, const struct confusion *c, const uint64_t *gok, size_t ng,
    size_t k)
{
	struct scores s;
	size_t w = 9;

	metrics_scores(c, &s);
	for (size_t i = 0; i < c->k; i++)
		if (strlen(h->classes.v[i]) + 2 > w)
			w = strlen(h->classes.v[i]) + 2;
	printf("frames     %llu\n", (unsigned long long)c->n);
	printf("accuracy   %.4f\n", s.accuracy);
	printf("precision  %.4f (macro)\n", s.macro_p);
	printf("recall     %.4f (macro)\n", s.macro_r);
	printf("f1         %.4f (macro)\n", s.macro_f1);
	printf("\n%-*s precision recall f1     support\n", (int)w, "class");
	for (size_t i = 0; i < c->k; i++)
		printf("%-*s %.4f    %.4f %.4f %llu\n", (int)w, h->classes.v[i], s.p[i], s.r[i],
		    s.f1[i], (unsigned long long)s.support[i]);
	printf("\nconfusion (rows: true class, columns: predicted)\n%-*s", (int)w, "");
	for (size_t j = 0; j < k; j++)
		printf(" %*s", (int)w - 2, h->classes.v[j]);
	putchar('\n');
	for (size_t i = 0; i < c->k; i++) {
		printf("%-*s", (int)w, h->classes.v[i]);
		for (size_t j = 0; j < k; j++)
			printf(" %*llu", (int)w - 2, (unsigned long long)c->cm[i * c->k + j]);
		putchar('\n');
	}
	if (ng) {
		printf("\n%-*s accuracy frames\n", (int)w, "group");
		for (size_t i = 0; i < ng; i++) {
			uint64_t ok = gok[2 * i], bad = gok[2 * i + 1];
			if (ok + bad)
				printf("%-*s %.4f   %llu\n", (int)w, h->groups.v[i],
				    (double)ok / (ok + bad), (unsigned long long)(ok + bad));
		}
	}
	describe_split(h);
	metrics_free(&s);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct reader r;
	struct frame f;
	struct confusion c;
	uint64_t *gok = NULL;	/* per group: frames right, frames wrong */
	size_t k, ng = 0;
	int o;

	util_init(argc, argv);
	while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (o == 'h') {
			puts(usage_text);
			return finish(0);
		}
		usage();
	}
	if (argc - optind > 1)
		usage();
	util_stream();	/* a stop signal on a live stream: the scores so far */
	tensor_open(&r, argv[optind]);
	/* frames are class probabilities: value i belongs to class i of the header */
	k = r.h.size;
	if (r.h.ndim != 1 || r.h.classes.n < k || k < 2)
		die_at(r.name, "header", "not a prediction stream: %zu values per frame for %zu "
		    "classes (make one with eeg-predict)", k, r.h.classes.n);
	for (size_t i = 0; i < r.h.columns.n; i++)
		if (strncmp(r.h.columns.v[i], "p_", 2) || strcmp(r.h.columns.v[i] + 2, r.h.classes.v[i]))
			die_at(r.name, "header", "column %zu is '%s', not 'p_%s'", i + 1,
			    r.h.columns.v[i], r.h.classes.v[i]);
	confusion_init(&c, r.h.classes.n);
	while (tensor_read(&r, &f)) {
		char where[64];
		if (f.label == TENSOR_NONE) {
			snprintf(where, sizeof where, "frame %llu", (unsigned long long)r.nframes - 1);
			die_at(r.name, where, "no true label to score against");
		}
		confusion_grow(&c, r.h.classes.n);	/* a true class the model never saw */
		size_t p = metrics_argmax(f.x, k);
		confusion_add(&c, f.label, p);
		if (f.group != TENSOR_NONE) {
			for (; ng < r.h.groups.n; ng++) {
				gok = ereallocarray(gok, ng + 1, 2 * sizeof *gok);
				gok[2 * ng] = gok[2 * ng + 1] = 0;
			}
			gok[2 * f.group + (p == (size_t)f.label ? 0 : 1)]++;
		}
	}
	if (c.n == 0)
		die_at(r.name, "frames", "no frames to score");
	report(&r.h, &c, gok, ng, k);
	return finish(0);
}
