/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table: a CSV feature table (a header row of names, then one row of numbers per frame,
 * with optional label, group and time columns) as a tensor header and frames: eeg-csv's
 * reading, as a function (tests/fuzz/fuzz_table.c calls it with any bytes).
 */
#ifndef EEG_TABLE_H
#define EEG_TABLE_H

#include <stdint.h>

#include "csv.h"
#include "tensor.h"

struct table_opts {
	/* the label, group and time columns' names; NULL: "label", "group", "time" when a
	 * column has that name (a name given must be a column) */
	const char *label, *group, *time;
};

struct table {
	struct header h;	/* shape (nfeat); the feature columns' names (repeats
				 * kept); classes and groups sorted, numbers first as
				 * numbers (2 before 10), each a name a header carries */
	size_t nrows, nfeat;
	float *x;		/* (nrows, nfeat) finite */
	int32_t *label, *group;	/* (nrows) index into h's classes, groups, or TENSOR_NONE */
	double *time;		/* (nrows) seconds, NAN where the row has none */
};

/*
 * Read the table that c holds (csv_load; its buffer is changed in place). 0, or -1 with
 * "where: what" in err ("line 3: 3 fields, expected 2"); t is then empty.
 */
int table_read(struct table *t, struct csv *c, const struct table_opts *o, char *err,
    size_t n);
void table_free(struct table *t);

#endif
