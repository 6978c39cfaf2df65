/* SPDX-License-Identifier: GPL-3.0-or-later */
/* table: a CSV feature table as a tensor header and frames (see table.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

static int
cmp_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	double u, v;
	int nx = !csv_number(x, strlen(x), &u), ny = !csv_number(y, strlen(y), &v);

	/* numeric labels sort as numbers (2 before 10) ahead of the others, which sort as
	 * strings: one total order, so that equal names end up side by side even in a
	 * table that mixes both ("2", "10", "1a" had no consistent order) */
	if (nx != ny)
		return ny - nx;
	if (nx && u != v)
		return u < v ? -1 : 1;
	return strcmp(x, y);
}

/* Column index of name in the header record, -1 if absent. */
static long
find_column(const struct csv *c, const char *name)
{
	for (size_t i = 0; i < c->nf; i++)
		if (c->f[i].n == strlen(name) && !memcmp(c->f[i].p, name, c->f[i].n))
			return (long)i;
	return -1;
}

/* The first control byte of [p, p+n) (a tab too unless tab_ok), or -1: a header line
 * cannot carry one. */
static int
control_byte(const char *p, size_t n, int tab_ok)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 && !(tab_ok && p[i] == '\t'))
			return (unsigned char)p[i];
	return -1;
}

/* The header record: the special columns and the features' names into t->h. */
static int
read_header(struct table *t, struct csv *c, const struct table_opts *o, long sp[3],
    size_t **col, char *err, size_t n)
{
	const char *const dflt[3] = { "label", "group", "time" };
	const char *want[3] = { o ? o->label : NULL, o ? o->group : NULL, o ? o->time : NULL };
	const char *kind = tensor_file_kind(c->buf, c->len < 16 ? c->len : 16);
	size_t ncol;
	uint32_t dim;

	if (kind && strcmp(kind, "text"))
		return errf(err, n, "line 1: %s, not a CSV table%s", kind,
		    !strcmp(kind, "an eegpipe tensor stream") ? " (eeg-cat -t prints it as one)" : "");
	if (!(ncol = csv_next(c)))
		return errf(err, n, "line 1: no header row");
	if (c->unterminated)
		return errf(err, n, "line 1: a quoted field is never closed");
	/* names, minus a leading "# " (NumPy savetxt's comment prefix) */
	if (c->f[0].n >= 2 && c->f[0].p[0] == '#' && c->f[0].p[1] == ' ')
		c->f[0].p += 2, c->f[0].n -= 2;
	for (int k = 0; k < 3; k++)
		if ((sp[k] = find_column(c, want[k] ? want[k] : dflt[k])) < 0 && want[k])
			return errf(err, n, "line 1: no column named '%s'", want[k]);
	*col = emalloc(ncol * sizeof **col);
	for (size_t i = 0; i < ncol; i++) {
		char name[TENSOR_MAXNAME];
		if ((long)i == sp[0] || (long)i == sp[1] || (long)i == sp[2])
			continue;
		if (c->f[i].n >= sizeof name || c->f[i].n == 0)
			return errf(err, n, "line 1: column %zu: name is empty or too long", i + 1);
		if (control_byte(c->f[i].p, c->f[i].n, 0) >= 0)
			return errf(err, n, "line 1: column %zu: control character in name", i + 1);
		memcpy(name, c->f[i].p, c->f[i].n);
		name[c->f[i].n] = '\0';
		/* a repeated name is kept: emotions.csv names its mean_q features mean_d_* */
		names_add(&t->h.columns, name);
		(*col)[t->nfeat++] = i;
	}
	if (t->nfeat == 0)
		return errf(err, n, "line 1: no feature columns");
	dim = (uint32_t)t->nfeat;
	if (t->nfeat > TENSOR_MAXSIZE || header_set_shape(&t->h, 1, &dim))
		return errf(err, n, "line 1: %zu columns exceed the limit of %u", t->nfeat,
		    TENSOR_MAXSIZE);
	return 0;
}

/* Classes (pass 0) or groups (1) in sorted order, as pandas get_dummies; the rows'
 * indices into them. -1 if there are more than a stream's header holds. */
static int
index_names(struct table *t, char **cells, int pass, char *err, size_t n)
{
	struct names *tab = pass ? &t->h.groups : &t->h.classes;
	int32_t *idx = pass ? t->group : t->label;
	char **sorted = emalloc((t->nrows ? t->nrows : 1) * sizeof *sorted);
	size_t m = 0;

	for (size_t i = 0; i < t->nrows; i++)
		if (cells[i])
			sorted[m++] = cells[i];
	qsort(sorted, m, sizeof *sorted, cmp_names);
	for (size_t i = 0; i < m; i++)
		if (!i || strcmp(sorted[i], sorted[i - 1]))
			names_add(tab, sorted[i]);
	free(sorted);
	if (tab->n > TENSOR_MAXNAMES)
		return errf(err, n, "%zu %s, more than the limit of %u", tab->n,
		    pass ? "groups" : "classes", TENSOR_MAXNAMES);
	for (size_t i = 0; i < t->nrows; i++)
		idx[i] = cells[i] ? (int32_t)names_find(tab, cells[i]) : TENSOR_NONE;
	return 0;
}

/*
 * The label (k 0) or group (1) cell of the row just split, as a name in place: NUL-
 * terminated over the byte after it (a separator or line end: the row's fields are
 * already found), NULL when empty. -1 if a stream's header could not carry it.
 */
static int
row_name(struct csv *c, long col, int k, const char *cname, char **name, char *err, size_t n)
{
	struct csv_field *f = &c->f[col];
	char show[200];
	int b;

	*name = NULL;
	if (col < 0 || f->n == 0)
		return 0;
	if (f->n >= TENSOR_MAXNAME)
		return errf(err, n, "line %ld: column %ld (%s): %s '%s' is longer than %d bytes",
		    c->line, col + 1, cname, k ? "group" : "class", csv_show(f, show, sizeof show),
		    TENSOR_MAXNAME - 1);
	if ((b = control_byte(f->p, f->n, 1)) >= 0)
		return errf(err, n, "line %ld: column %ld (%s): %s '%s' holds control byte 0x%02x",
		    c->line, col + 1, cname, k ? "group" : "class", csv_show(f, show, sizeof show), b);
	f->p[f->n] = '\0';
	*name = f->p;
	return 0;
}

int
table_read(struct table *t, struct csv *c, const struct table_opts *o, char *err, size_t n)
{
	const char *cname[3] = { o && o->label ? o->label : "label",
		o && o->group ? o->group : "group", o && o->time ? o->time : "time" };
	size_t ncol, cap = 0, *col = NULL;
	long sp[3];
	char **cells[2] = { NULL, NULL };	/* label and group cells, (nrows) */
	int r = -1;

	memset(t, 0, sizeof *t);
	header_init(&t->h);
	if (read_header(t, c, o, sp, &col, err, n))
		goto out;
	ncol = c->nf;
	/* the rows: numbers, plus label/group cells kept as text until all are seen */
	while (csv_next(c)) {
		if (c->unterminated) {
			errf(err, n, "line %ld: a quoted field is never closed", c->line);
			goto out;
		}
		if (c->nf != ncol) {
			errf(err, n, "line %ld: %zu fields, expected %zu", c->line, c->nf, ncol);
			goto out;
		}
		if (t->nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			t->x = ereallocarray(t->x, mul_size(cap, t->nfeat), sizeof *t->x);
			cells[0] = ereallocarray(cells[0], cap, sizeof *cells[0]);
			cells[1] = ereallocarray(cells[1], cap, sizeof *cells[1]);
			t->time = ereallocarray(t->time, cap, sizeof *t->time);
		}
		float *row = t->x + t->nrows * t->nfeat;
		for (size_t j = 0; j < t->nfeat; j++) {
			struct csv_field *f = &c->f[col[j]];
			double v;
			if (csv_number(f->p, f->n, &v) || fabs(v) > 3.4028234663852886e38) {
				char show[200];
				errf(err, n, "line %ld: column %zu (%s): '%s' is not a finite number",
				    c->line, col[j] + 1, t->h.columns.v[j], csv_show(f, show, sizeof show));
				goto out;
			}
			row[j] = (float)v;
		}
		t->time[t->nrows] = NAN;
		if (sp[2] >= 0 && c->f[sp[2]].n && csv_number(c->f[sp[2]].p, c->f[sp[2]].n,
		    &t->time[t->nrows])) {
			char show[200];
			errf(err, n, "line %ld: column %ld (%s): '%s' is not a time in seconds",
			    c->line, sp[2] + 1, cname[2], csv_show(&c->f[sp[2]], show, sizeof show));
			goto out;
		}
		/* last: they end their cells with a NUL, and a column may be both */
		for (int k = 0; k < 2; k++)
			if (row_name(c, sp[k], k, cname[k], &cells[k][t->nrows], err, n))
				goto out;
		t->nrows++;
	}
	/* a header row alone is not a table: a text file given by mistake, or a cut one */
	if (t->nrows == 0) {
		errf(err, n, "line 2: no data rows after the header row ('%s', %zu column%s)",
		    t->h.columns.v[0], ncol, ncol == 1 ? "" : "s");
		goto out;
	}
	t->label = emalloc(t->nrows * sizeof *t->label);
	t->group = emalloc(t->nrows * sizeof *t->group);
	if (index_names(t, cells[0], 0, err, n) || index_names(t, cells[1], 1, err, n))
		goto out;
	r = 0;
out:
	free(col);
	free(cells[0]);
	free(cells[1]);
	if (r)
		table_free(t);
	return r;
}

void
table_free(struct table *t)
{
	header_free(&t->h);
	free(t->x);
	free(t->label);
	free(t->group);
	free(t->time);
	memset(t, 0, sizeof *t);
}
