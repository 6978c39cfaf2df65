/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * names: growable tables of strings (a stream's columns, classes, groups, meta lines), the
 * comma lists options give them in, and per-entry values kept in step with a table that
 * grows (a concatenated stream brings new classes and groups as it goes).
 */
#ifndef EEG_NAMES_H
#define EEG_NAMES_H

#include <stddef.h>

/*
 * A growable table of strings, with a hash index for names_find, built as needed over the
 * first `hn` entries. Shorten a table only with names_truncate.
 */
struct names {
	char **v;
	size_t n, cap;
	size_t *hash, hcap, hn;	/* open addressing: index + 1, 0 = empty */
};

void names_init(struct names *t);
void names_free(struct names *t);
size_t names_add(struct names *t, const char *s);	/* append, return index */
long names_find(const struct names *t, const char *s);	/* index or -1 */
size_t names_intern(struct names *t, const char *s);	/* find or append */
void names_copy(struct names *dst, const struct names *src);
void names_truncate(struct names *t, size_t n);	/* drop entries n.. */

/* Append each name of the comma list `list` (an option's value) to t, in order; an empty
 * name is a usage error naming the option `opt`. */
void names_split(struct names *t, const char *list, const char *opt);

/*
 * A value for each entry of a table that only grows: v[i] = fn(t->v[i], ctx), computed once
 * per entry, for the entries added since the last call. names_map_sync returns v (valid
 * for t's n entries until the next call).
 */
struct names_map {
	long *v;
	size_t n;
};
long *names_map_sync(struct names_map *m, const struct names *t,
    long (*fn)(const char *name, void *ctx), void *ctx);
void names_map_free(struct names_map *m);
/* fn for names_map_sync: the entry's index in the table ctx, appended if absent. */
long names_map_intern(const char *name, void *table);

#endif
