/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_table: table_read (lib/table, eeg-csv's reading) over arbitrary bytes. The first
 * byte picks the options: bit 0 --label-column y, bit 1 --group-column s, bit 2
 * --time-column t (else the default names label, group, time); the rest is the file.
 * Oracles: no crash, leak or UB; an error is one line and leaves the table empty; a table
 * read has nrows x nfeat finite values, one column name per feature, labels and groups
 * that index its class and group tables (each name once, each used), times finite or
 * NaN; and its header encodes to one that decodes (eeg-csv's output can be read) with the
 * same tables.
 */
#include <math.h>

#include "fuzz.h"
#include "table.h"

/* idx[0..n) index tab, and every entry of tab is indexed by some row. */
static void
check_index(const int32_t *idx, size_t n, const struct names *tab, const char *what)
{
	char *used = calloc(tab->n ? tab->n : 1, 1);

	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(idx[i] == TENSOR_NONE || (idx[i] >= 0 && (size_t)idx[i] < tab->n),
		    "row %zu: %s %d outside the table of %zu", i, what, (int)idx[i], tab->n);
		if (idx[i] != TENSOR_NONE)
			used[idx[i]] = 1;
	}
	for (size_t k = 0; k < tab->n; k++) {
		FUZZ_CHECK(used[k], "%s '%s' is in the table but on no row", what, tab->v[k]);
		FUZZ_CHECK(names_find(tab, tab->v[k]) == (long)k, "%s '%s' twice", what, tab->v[k]);
	}
	free(used);
}

static void
check_table(const struct table *t)
{
	struct header d;
	unsigned char *body;
	size_t len;
	char err[512];

	FUZZ_CHECK(t->nrows >= 1 && t->nfeat >= 1, "%zu rows of %zu features", t->nrows, t->nfeat);
	FUZZ_CHECK(t->h.ndim == 1 && t->h.size == t->nfeat && t->h.columns.n == t->nfeat,
	    "header of %zu values and %zu names for %zu features", t->h.size, t->h.columns.n,
	    t->nfeat);
	for (size_t i = 0; i < t->nrows * t->nfeat; i++)
		FUZZ_CHECK(isfinite(t->x[i]), "value %zu is %g", i, (double)t->x[i]);
	for (size_t i = 0; i < t->nrows; i++)
		FUZZ_CHECK(!isinf(t->time[i]), "row %zu: time is infinite", i);
	check_index(t->label, t->nrows, &t->h.classes, "class");
	check_index(t->group, t->nrows, &t->h.groups, "group");
	body = header_encode(&t->h, &len);
	FUZZ_CHECK(!header_decode(&d, body, len, err, sizeof err),
	    "the table's header does not decode: %s", err);
	FUZZ_CHECK(d.size == t->h.size && d.columns.n == t->h.columns.n &&
	    d.classes.n == t->h.classes.n && d.groups.n == t->h.groups.n,
	    "the header decodes to other tables");
	header_free(&d);
	free(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table_opts o = { NULL, NULL, NULL };
	struct table t;
	struct csv c;
	char err[512];
	FILE *fp;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		o.label = "y";
	if (data[0] & 2)
		o.group = "s";
	if (data[0] & 4)
		o.time = "t";
	fp = fuzz_file(data + 1, size - 1);
	FUZZ_CHECK(!csv_load(&c, fp), "csv_load failed on memory");
	fclose(fp);
	if (table_read(&t, &c, &o, err, sizeof err)) {
		FUZZ_CHECK(*err && !strchr(err, '\n'), "error text is not one line: '%s'", err);
		FUZZ_CHECK(!t.x && !t.label && !t.group && !t.time && t.nrows == 0 &&
		    t.h.columns.n == 0, "an error left a table");
	} else {
		check_table(&t);
		table_free(&t);
	}
	csv_free(&c);
	return 0;
}
