/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-metrics: score a stream of class probabilities against its true labels. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "tensor.h"
#include "util.h"

static const struct option longs[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "tsv", no_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-metrics [--json | --tsv] [file]",
	"--json\tthe report as one JSON object\n"
	"--tsv\tthe report as tab-separated rows: table, row, column, value\n",
	"", longs,
};

/* Scores of one group's frames. */
struct group {
	size_t index;		/* into the header's group table */
	uint64_t n;
	struct scores s;
};

/* The per-group scores averaged over groups: mean and sample standard deviation. */
enum { G_ACC, G_BAL, G_P, G_R, G_F1, NG };
static const char *const gnames[NG] = { "accuracy", "balanced_accuracy", "precision_macro",
	"recall_macro", "f1_macro" };

static double
gvalue(const struct scores *s, int k)
{
	const double v[NG] = { s->accuracy, s->balanced, s->macro_p, s->macro_r, s->macro_f1 };
	return v[k];
}

/* One scaling of the stream: a "scale=METHOD SCOPE FIT" line (eeg-tensor(5)). */
struct scaling {
	char *method, *scope, *fit;
};

/*
 * How the scored frames were chosen, from the split and scale keys of the header (never
 * from command lines): the distinct values of each split key, the scalings in order, and
 * what they imply: notes, warnings, and whether the score leaks.
 */
enum { P_PART, P_METHOD, P_GROUP, P_GAP, P_SEED, P_FOLD, P_TESTF, P_VALF, NP };
static const char *const pkeys[NP] = { "split", "split-method", "split-test-group",
	"split-gap", "split-seed", "split-fold", "split-test-fraction", "split-val-fraction" };
static const char *const pnames[NP] = { "part", "method", "test_group", "gap", "seed",
	"fold", "test_fraction", "val_fraction" };

struct provenance {
	struct names v[NP];
	struct scaling *scale;
	size_t nscale;
	const char *by;		/* the last eeg-split history line, for people to read */
	struct names notes;	/* lines of the text report, in order; warnings among them */
	struct names warnings;
	int leaks;
};

struct report {
	const struct header *h;
	struct confusion c;
	struct scores s;
	struct group *g;
	size_t ng;
	double mean[NG], sd[NG];
	struct provenance pv;
};

/* ---- provenance ---- */

static int
in_list(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(word, *list))
			return 1;
	return 0;
}

/* 1 when FIT (parts joined by '+') names the part */
static int
fit_has(const char *fit, const char *part)
{
	size_t k = strlen(part);

	for (const char *p = fit; p; p = strchr(p, '+'), p = p ? p + 1 : NULL)
		if (!strncmp(p, part, k) && (p[k] == '+' || p[k] == '\0'))
			return 1;
	return 0;
}

static void
parse_scaling(struct scaling *sc, const char *v, const char *name)
{
	static const char *const methods[] = { "zscore", "minmax", NULL };
	static const char *const scopes[] = { "global", "per-group", NULL };
	char *s = estrdup(v), *p = s;

	sc->method = strsep(&p, " ");
	sc->scope = p ? strsep(&p, " ") : NULL;
	sc->fit = p;
	if (!sc->scope || !sc->fit || !*sc->fit || strchr(sc->fit, ' ') ||
	    !in_list(sc->method, methods) || !in_list(sc->scope, scopes))
		die_at(name, "header", "scale=%.100s: expected METHOD SCOPE FIT (eeg-tensor(5))", v);
	sc->method = estrdup(sc->method);
	sc->scope = estrdup(sc->scope);
	sc->fit = estrdup(sc->fit);
	free(s);
}

static void
note(struct provenance *pv, int warning, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct provenance *pv, int warning, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (warning) {
		char line[sizeof buf + 16];
		snprintf(line, sizeof line, "WARNING: %s", buf);
		names_add(&pv->notes, line);
		names_add(&pv->warnings, buf);
		pv->leaks = 1;
	} else
		names_add(&pv->notes, buf);
}

/* "a, b, c" of a table, cut short after a few */
static void
join(char *buf, size_t n, const struct names *t)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->n && off < n; i++) {
		if (i == 6 && t->n > 7) {
			snprintf(buf + off, n - off, ", ... (%zu in all)", t->n);
			return;
		}
		off += snprintf(buf + off, n - off, "%s%s", i ? ", " : "", t->v[i]);
	}
}

static void
describe_split(struct provenance *pv, const struct header *h, int untimed)
{
	static const char *const grouped[] = { "groups", "holdout", "group-folds", NULL };
	static const char *const shuffled[] = { "random", "stratified", "folds",
		"stratified-folds", NULL };
	const char *layout = header_meta_get(h, "layout"), *profile = header_meta_get(h, "profile");
	int bird = (layout && !strcmp(layout, "bird2018")) || (profile && !strcmp(profile, "bird2018"));
	int overlap = header_overlaps(h) || bird;
	double need = header_overlaps(h) ? ceil(h->window / h->hop - 1e-9) - 1 : 0;
	char list[512];

	if (!pv->v[P_METHOD].n) {
		note(pv, 0, "unknown: the stream has no split keys (eeg-split writes them)%s",
		    overlap ? "; its windows overlap, so a random split would leak" : "");
		return;
	}
	join(list, sizeof list, &pv->v[P_GROUP]);
	for (size_t i = 0; i < pv->v[P_METHOD].n; i++) {
		const char *m = pv->v[P_METHOD].v[i];
		if (in_list(m, shuffled) && overlap) {
			note(pv, 1, "random split of overlapping windows: neighbouring windows fall on "
			    "both sides, so this score is optimistic (use eeg-split --by-group or --blocks)");
		} else if (!strcmp(m, "random") || !strcmp(m, "stratified")) {
			note(pv, 0, "random split%s", m[0] == 's' ? ", stratified by class" : "");
		} else if (!strcmp(m, "folds") || !strcmp(m, "stratified-folds")) {
			note(pv, 0, "%sk-fold split of shuffled frames", m[0] == 's' ? "stratified " : "");
		} else if (!strcmp(m, "holdout")) {
			note(pv, 0, "%s: no group on both sides (test: %s)", pv->v[P_GROUP].n == 1 ?
			    "leave-one-group-out" : "held-out groups", list);
		} else if (in_list(m, grouped)) {
			note(pv, 0, "grouped %ssplit: no group on both sides (test: %s)",
			    m[0] == 'g' && m[5] == '-' ? "k-fold " : "", list);
		} else if (!strcmp(m, "blocks")) {
			long gap = -1;
			for (size_t j = 0; j < pv->v[P_GAP].n; j++) {
				long v = strtol(pv->v[P_GAP].v[j], NULL, 10);
				gap = gap < 0 || v < gap ? v : gap;
			}
			if (bird && untimed)
				note(pv, 1, "time blocks of rows without times (emotions.csv was shuffled): "
				    "blocks in stream order do not keep neighbouring windows apart");
			else if (overlap && gap < need)
				note(pv, 1, "time blocks with a gap of %ld frame%s: windows overlap (window "
				    "%g s, hop %g s), so the windows at each boundary fall on both sides "
				    "(use eeg-split --gap %g)", gap < 0 ? 0 : gap, gap == 1 ? "" : "s",
				    h->window, h->hop, need);
			else
				note(pv, 0, "contiguous time blocks per recording, a gap of %ld frame%s",
				    gap < 0 ? 0 : gap, gap == 1 ? "" : "s");
		} else {
			note(pv, 0, "split method '%s' (not known to this eeg-metrics)", m);
		}
	}
	if (pv->v[P_PART].n && names_find(&pv->v[P_PART], "test") < 0) {
		if (names_find(&pv->v[P_PART], "train") >= 0)
			note(pv, 1, "these frames are the training part of their split: the score says "
			    "nothing about new data");
		else
			note(pv, 0, "these frames are the %s part of their split, not its test part",
			    pv->v[P_PART].v[0]);
	}
}

static void
describe_scaling(struct provenance *pv)
{
	static const char *const grouped[] = { "groups", "holdout", "group-folds", NULL };
	int split = pv->v[P_METHOD].n > 0, by_group = split;

	for (size_t i = 0; i < pv->v[P_METHOD].n; i++)
		by_group &= in_list(pv->v[P_METHOD].v[i], grouped);
	for (size_t i = 0; i < pv->nscale; i++) {
		const struct scaling *sc = &pv->scale[i];
		int per = !strcmp(sc->scope, "per-group");
		const char *how = per ? "per group" : "global";
		if (fit_has(sc->fit, "test") && !per)
			note(pv, 1, "the scaler was fit on the test part: its statistics came from the "
			    "frames being scored (fit on the training part: eeg-scale --fit, then --apply)");
		else if (fit_has(sc->fit, "test"))
			note(pv, 0, "scaler: %s per group, calibrated on the test part: each test group "
			    "scaled with the statistics of its own unlabelled frames", sc->method);
		else if (!strcmp(sc->fit, "all") && split && !per)
			note(pv, 1, "the scaler was fit on all frames before the split: test statistics "
			    "leaked into training (fit on the training part: eeg-scale --fit)");
		else if (!strcmp(sc->fit, "all") && split && !by_group)
			note(pv, 1, "the per-group scaler was fit on all frames before the split: each "
			    "group's test frames shaped the statistics its training frames were scaled "
			    "with (fit after the split)");
		else if (!strcmp(sc->fit, "all"))
			note(pv, 0, "scaler: %s %s, fit on all frames%s", sc->method, how, split ?
			    " of each group before the split (no group's statistics cross it)" :
			    " (the stream has no split keys)");
		else if (!strcmp(sc->fit, "unknown"))
			note(pv, 0, "scaler: %s %s, fit on an unknown part (a parameter file of an older "
			    "eeg-scale)", sc->method, how);
		else
			note(pv, 0, "scaler: %s %s, fit on the %s part", sc->method, how, sc->fit);
	}
}

static void
provenance(struct provenance *pv, const struct header *h, const char *name, int untimed)
{
	memset(pv, 0, sizeof *pv);
	for (int k = 0; k < NP; k++)
		names_init(&pv->v[k]);
	names_init(&pv->notes);
	names_init(&pv->warnings);
	for (size_t i = 0; i < h->meta.n; i++) {
		const char *m = h->meta.v[i], *eq = strchr(m, '=');
		size_t kl = (size_t)(eq - m);
		for (int k = 0; k < NP; k++)
			if (strlen(pkeys[k]) == kl && !strncmp(m, pkeys[k], kl))
				names_intern(&pv->v[k], eq + 1);
		if (kl == 5 && !strncmp(m, "scale", 5)) {
			pv->scale = ereallocarray(pv->scale, pv->nscale + 1, sizeof *pv->scale);
			parse_scaling(&pv->scale[pv->nscale++], eq + 1, name);
		}
		if (!strncmp(m, "history=eeg-split ", 18))
			pv->by = eq + 1;
	}
	describe_split(pv, h, untimed);
	if (pv->by) {
		char *line = emalloc(strlen(pv->by) + 5);
		strcpy(line, "by: ");
		strcat(line, pv->by);
		names_add(&pv->notes, line);
		free(line);
	}
	describe_scaling(pv);
}

/* ---- output ---- */

/* The shortest text that reads back as the same double; NaN as given. */
static const char *
num(double v, char buf[32], const char *nan)
{
	if (isnan(v))
		return nan;
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

static void
text_report(const struct report *rp)
{
	const struct header *h = rp->h;
	const struct confusion *c = &rp->c;
	const struct scores *s = &rp->s;
	size_t w = 9, k = c->k;

	for (size_t i = 0; i < k; i++)
		if (strlen(h->classes.v[i]) + 2 > w)
			w = strlen(h->classes.v[i]) + 2;
	for (size_t i = 0; i < rp->ng; i++)
		if (strlen(h->groups.v[rp->g[i].index]) + 2 > w)
			w = strlen(h->groups.v[rp->g[i].index]) + 2;
	printf("frames     %llu\n", (unsigned long long)c->n);
	printf("accuracy   %.4f\n", s->accuracy);
	printf("balanced   %.4f (mean recall over classes)\n", s->balanced);
	printf("precision  %.4f (macro)  %.4f (weighted)\n", s->macro_p, s->weighted_p);
	printf("recall     %.4f (macro)  %.4f (weighted)\n", s->macro_r, s->weighted_r);
	printf("f1         %.4f (macro)  %.4f (weighted)\n", s->macro_f1, s->weighted_f1);
	printf("\n%-*s precision recall f1     support\n", (int)w, "class");
	for (size_t i = 0; i < k; i++)
		printf("%-*s %.4f    %.4f %.4f %llu\n", (int)w, h->classes.v[i], s->p[i], s->r[i],
		    s->f1[i], (unsigned long long)s->support[i]);
	for (int norm = 0; norm < 2; norm++) {
		printf("\n%s (rows: true class, columns: predicted)\n%-*s",
		    norm ? "confusion, share of each row" : "confusion", (int)w, "");
		for (size_t j = 0; j < k; j++)
			printf(" %*s", (int)w - 2, h->classes.v[j]);
		putchar('\n');
		for (size_t i = 0; i < k; i++) {
			printf("%-*s", (int)w, h->classes.v[i]);
			for (size_t j = 0; j < k; j++)
				if (norm)
					printf(" %*.4f", (int)w - 2, s->support[i] ?
					    (double)c->cm[i * k + j] / (double)s->support[i] : 0.0);
				else
					printf(" %*llu", (int)w - 2, (unsigned long long)c->cm[i * k + j]);
			putchar('\n');
		}
	}
	if (rp->ng) {
		printf("\n%-*s accuracy balanced f1     frames\n", (int)w, "group");
		for (size_t i = 0; i < rp->ng; i++) {
			const struct group *g = &rp->g[i];
			printf("%-*s %.4f   %.4f   %.4f %llu\n", (int)w, h->groups.v[g->index],
			    g->s.accuracy, g->s.balanced, g->s.macro_f1, (unsigned long long)g->n);
		}
		if (rp->ng > 1) {
			printf("%-*s %.4f   %.4f   %.4f %zu groups\n", (int)w, "mean", rp->mean[G_ACC],
			    rp->mean[G_BAL], rp->mean[G_F1], rp->ng);
			printf("%-*s %.4f   %.4f   %.4f\n", (int)w, "sd", rp->sd[G_ACC],
			    rp->sd[G_BAL], rp->sd[G_F1]);
		}
	}
	printf("\nhow the test frames were chosen\n");
	for (size_t i = 0; i < rp->pv.notes.n; i++)
		printf("  %s\n", rp->pv.notes.v[i]);
}

/* a name in a TSV cell: tabs become spaces */
static void
tsv_name(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' ? ' ' : *s);
}

static void
tsv_row(const char *table, const char *row, const char *col, const char *value)
{
	fputs(table, stdout);
	putchar('\t');
	tsv_name(row);
	putchar('\t');
	tsv_name(col);
	putchar('\t');
	tsv_name(value);
	putchar('\n');
}

static void
tsv_num(const char *table, const char *row, const char *col, double v)
{
	char b[32];

	tsv_row(table, row, col, num(v, b, "nan"));
}

static void
summary_values(const struct scores *s, double v[8])
{
	const double a[8] = { s->accuracy, s->balanced, s->macro_p, s->macro_r, s->macro_f1,
		s->weighted_p, s->weighted_r, s->weighted_f1 };
	memcpy(v, a, sizeof a);
}

static const char *const snames[8] = { "accuracy", "balanced_accuracy", "precision_macro",
	"recall_macro", "f1_macro", "precision_weighted", "recall_weighted", "f1_weighted" };

static void
tsv_report(const struct report *rp)
{
	const struct header *h = rp->h;
	const struct scores *s = &rp->s;
	size_t k = rp->c.k;
	double v[8];
	char b[32];

	puts("table\trow\tcolumn\tvalue");
	tsv_num("summary", "all", "frames", (double)rp->c.n);
	summary_values(s, v);
	for (int i = 0; i < 8; i++)
		tsv_num("summary", "all", snames[i], v[i]);
	tsv_num("summary", "all", "leaks", rp->pv.leaks);
	for (size_t i = 0; i < k; i++) {
		tsv_num("class", h->classes.v[i], "precision", s->p[i]);
		tsv_num("class", h->classes.v[i], "recall", s->r[i]);
		tsv_num("class", h->classes.v[i], "f1", s->f1[i]);
		tsv_num("class", h->classes.v[i], "support", (double)s->support[i]);
	}
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			tsv_num("confusion", h->classes.v[i], h->classes.v[j], (double)rp->c.cm[i * k + j]);
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			tsv_num("confusion_normalized", h->classes.v[i], h->classes.v[j],
			    s->support[i] ? (double)rp->c.cm[i * k + j] / (double)s->support[i] : 0.0);
	for (size_t i = 0; i < rp->ng; i++) {
		const char *name = h->groups.v[rp->g[i].index];
		tsv_num("group", name, "frames", (double)rp->g[i].n);
		for (int j = 0; j < NG; j++)
			tsv_num("group", name, gnames[j], gvalue(&rp->g[i].s, j));
	}
	if (rp->ng > 1)
		for (int m = 0; m < 2; m++)
			for (int j = 0; j < NG; j++)
				tsv_num("groups", m ? "std" : "mean", gnames[j], m ? rp->sd[j] : rp->mean[j]);
	for (int p = 0; p < NP; p++)
		for (size_t i = 0; i < rp->pv.v[p].n; i++)
			tsv_row("split", "all", pnames[p], rp->pv.v[p].v[i]);
	for (size_t i = 0; i < rp->pv.nscale; i++) {
		snprintf(b, sizeof b, "%zu", i + 1);
		tsv_row("scale", b, "method", rp->pv.scale[i].method);
		tsv_row("scale", b, "scope", rp->pv.scale[i].scope);
		tsv_row("scale", b, "fit", rp->pv.scale[i].fit);
	}
	for (size_t i = 0; i < rp->pv.warnings.n; i++) {
		snprintf(b, sizeof b, "%zu", i + 1);
		tsv_row("warning", b, "text", rp->pv.warnings.v[i]);
	}
}

static void
json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
json_num(double v)
{
	char b[32];

	fputs(num(v, b, "null"), stdout);
}

static void
json_names(const struct names *t)
{
	putchar('[');
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			fputs(", ", stdout);
		json_str(t->v[i]);
	}
	putchar(']');
}

/* the per-group score fields, separated by ", " */
static void
json_gfields(const double *v)
{
	for (int j = 0; j < NG; j++) {
		printf("%s\"%s\": ", j ? ", " : "", gnames[j]);
		json_num(v[j]);
	}
}

static void
json_report(const struct report *rp)
{
	const struct header *h = rp->h;
	const struct scores *s = &rp->s;
	size_t k = rp->c.k;
	double v[8];

	printf("{\n  \"frames\": %llu,\n  \"classes\": ", (unsigned long long)rp->c.n);
	json_names(&h->classes);
	summary_values(s, v);
	for (int i = 0; i < 8; i++) {
		printf(",\n  \"%s\": ", snames[i]);
		json_num(v[i]);
	}
	printf(",\n  \"per_class\": [");
	for (size_t i = 0; i < k; i++) {
		printf("%s\n    {\"class\": ", i ? "," : "");
		json_str(h->classes.v[i]);
		printf(", \"precision\": ");
		json_num(s->p[i]);
		printf(", \"recall\": ");
		json_num(s->r[i]);
		printf(", \"f1\": ");
		json_num(s->f1[i]);
		printf(", \"support\": %llu}", (unsigned long long)s->support[i]);
	}
	for (int norm = 0; norm < 2; norm++) {
		printf("\n  ],\n  \"%s\": [", norm ? "confusion_normalized" : "confusion");
		for (size_t i = 0; i < k; i++) {
			printf("%s\n    [", i ? "," : "");
			for (size_t j = 0; j < k; j++) {
				if (j)
					fputs(", ", stdout);
				if (norm)
					json_num(s->support[i] ? (double)rp->c.cm[i * k + j] /
					    (double)s->support[i] : 0.0);
				else
					printf("%llu", (unsigned long long)rp->c.cm[i * k + j]);
			}
			putchar(']');
		}
	}
	printf("\n  ],\n  \"groups\": [");
	for (size_t i = 0; i < rp->ng; i++) {
		double g[NG];
		for (int j = 0; j < NG; j++)
			g[j] = gvalue(&rp->g[i].s, j);
		printf("%s\n    {\"group\": ", i ? "," : "");
		json_str(h->groups.v[rp->g[i].index]);
		printf(", \"frames\": %llu, ", (unsigned long long)rp->g[i].n);
		json_gfields(g);
		putchar('}');
	}
	printf("\n  ],\n  \"groups_mean\": ");
	if (rp->ng > 1) {
		putchar('{');
		json_gfields(rp->mean);
		putchar('}');
	} else
		fputs("null", stdout);
	printf(",\n  \"groups_std\": ");
	if (rp->ng > 1) {
		putchar('{');
		json_gfields(rp->sd);
		putchar('}');
	} else
		fputs("null", stdout);
	printf(",\n  \"split\": ");
	if (rp->pv.v[P_METHOD].n || rp->pv.v[P_PART].n) {
		putchar('{');
		for (int p = 0; p < NP; p++) {
			printf("%s\"%s\": ", p ? ", " : "", pnames[p]);
			json_names(&rp->pv.v[p]);
		}
		putchar('}');
	} else
		fputs("null", stdout);
	printf(",\n  \"scale\": [");
	for (size_t i = 0; i < rp->pv.nscale; i++) {
		printf("%s{\"method\": ", i ? ", " : "");
		json_str(rp->pv.scale[i].method);
		printf(", \"scope\": ");
		json_str(rp->pv.scale[i].scope);
		printf(", \"fit\": ");
		json_str(rp->pv.scale[i].fit);
		putchar('}');
	}
	printf("],\n  \"leaks\": %s,\n  \"warnings\": ", rp->pv.leaks ? "true" : "false");
	json_names(&rp->pv.warnings);
	printf("\n}\n");
}

static void
report_free(struct report *rp)
{
	struct provenance *pv = &rp->pv;

	for (int k = 0; k < NP; k++)
		names_free(&pv->v[k]);
	for (size_t i = 0; i < pv->nscale; i++) {
		free(pv->scale[i].method);
		free(pv->scale[i].scope);
		free(pv->scale[i].fit);
	}
	free(pv->scale);
	names_free(&pv->notes);
	names_free(&pv->warnings);
	for (size_t i = 0; i < rp->ng; i++)
		metrics_free(&rp->g[i].s);
	free(rp->g);
	metrics_free(&rp->s);
	confusion_free(&rp->c);
}

/* ---- scoring ---- */

static void
score(struct report *rp, struct confusion *gc, size_t ngc)
{
	double *col = ereallocarray(NULL, ngc ? ngc : 1, sizeof *col);

	metrics_scores(&rp->c, &rp->s);
	rp->g = ereallocarray(NULL, ngc ? ngc : 1, sizeof *rp->g);
	rp->ng = 0;
	for (size_t i = 0; i < ngc; i++) {
		if (!gc[i].n)
			continue;	/* a group of the table with no frames here */
		confusion_grow(&gc[i], rp->c.k);
		rp->g[rp->ng].index = i;
		rp->g[rp->ng].n = gc[i].n;
		metrics_scores(&gc[i], &rp->g[rp->ng].s);
		rp->ng++;
	}
	for (int j = 0; j < NG; j++) {
		for (size_t i = 0; i < rp->ng; i++)
			col[i] = gvalue(&rp->g[i].s, j);
		metrics_mean_sd(col, rp->ng, &rp->mean[j], &rp->sd[j]);
	}
	free(col);
}

int
main(int argc, char *argv[])
{
	struct reader r;
	struct frame f;
	struct report rp;
	struct confusion *gc = NULL;	/* per group */
	size_t k, ngc = 0;
	uint64_t timed = 0;
	int o, format = 0;

	util_init(argc, argv);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		if (format && format != o)
			usage_error("--json and --tsv exclude each other");
		format = o;
	}
	if (argc - optind > 1)
		usage_error("one input file, not %d", argc - optind);
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
	memset(&rp, 0, sizeof rp);
	confusion_init(&rp.c, r.h.classes.n);
	while (tensor_read(&r, &f)) {
		char where[64];
		if (f.label == TENSOR_NONE) {
			snprintf(where, sizeof where, "frame %llu", (unsigned long long)r.nframes - 1);
			die_at(r.name, where, "no true label to score against");
		}
		confusion_grow(&rp.c, r.h.classes.n);	/* a true class the model never saw */
		size_t p = metrics_argmax(f.x, k);
		confusion_add(&rp.c, f.label, p);
		timed += !isnan(f.time);
		if (f.group != TENSOR_NONE) {
			for (; ngc < r.h.groups.n; ngc++) {
				gc = ereallocarray(gc, ngc + 1, sizeof *gc);
				confusion_init(&gc[ngc], r.h.classes.n);
			}
			confusion_grow(&gc[f.group], r.h.classes.n);
			confusion_add(&gc[f.group], f.label, p);
		}
	}
	if (rp.c.n == 0)
		die_at(r.name, "frames", "no frames to score");
	rp.h = &r.h;
	score(&rp, gc, ngc);
	provenance(&rp.pv, &r.h, r.name, timed == 0);
	if (format == 'j')
		json_report(&rp);
	else if (format == 't')
		tsv_report(&rp);
	else
		text_report(&rp);
	report_free(&rp);
	for (size_t i = 0; i < ngc; i++)
		confusion_free(&gc[i]);
	free(gc);
	reader_close(&r);
	return finish(0);
}
