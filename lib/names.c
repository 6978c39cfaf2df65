/* SPDX-License-Identifier: GPL-3.0-or-later */
/* names: string tables, comma lists, values kept in step with a growing table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "util.h"

void
names_init(struct names *t)
{
	memset(t, 0, sizeof *t);
}

void
names_free(struct names *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->hash);
	names_init(t);
}

static size_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

static void
hash_put(struct names *t, size_t i)
{
	size_t k = hash_str(t->v[i]) & (t->hcap - 1);

	while (t->hash[k])
		k = (k + 1) & (t->hcap - 1);
	t->hash[k] = i + 1;
}

void
names_truncate(struct names *t, size_t n)
{
	while (t->n > n)
		free(t->v[--t->n]);
	free(t->hash);		/* rebuilt on the next lookup */
	t->hash = NULL;
	t->hcap = t->hn = 0;
}

/* Bring the index up to date with v[0..n), growing it to keep it at most half full. */
static void
hash_sync(struct names *t)
{
	if (2 * t->n > t->hcap) {
		size_t cap = 64;
		while (cap < 2 * t->n)
			cap *= 2;
		free(t->hash);
		t->hash = ecalloc(cap, sizeof *t->hash);
		t->hcap = cap;
		t->hn = 0;
	}
	for (; t->hn < t->n; t->hn++)
		hash_put(t, t->hn);
}

size_t
names_add(struct names *t, const char *s)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = ereallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n] = estrdup(s);
	return t->n++;
}

long
names_find(const struct names *t, const char *s)
{
	struct names *m = (struct names *)t;	/* the index is a cache, not content */
	size_t k;

	if (t->n < 8) {
		for (size_t i = 0; i < t->n; i++)
			if (!strcmp(t->v[i], s))
				return (long)i;
		return -1;
	}
	hash_sync(m);
	for (k = hash_str(s) & (t->hcap - 1); t->hash[k]; k = (k + 1) & (t->hcap - 1)) {
		size_t i = t->hash[k] - 1;
		if (!strcmp(t->v[i], s))
			return (long)i;
	}
	return -1;
}

size_t
names_intern(struct names *t, const char *s)
{
	long i = names_find(t, s);

	return i >= 0 ? (size_t)i : names_add(t, s);
}

void
names_copy(struct names *dst, const struct names *src)
{
	names_init(dst);
	for (size_t i = 0; i < src->n; i++)
		names_add(dst, src->v[i]);
}

void
names_split(struct names *t, const char *list, const char *opt)
{
	char *copy = estrdup(list), *p = copy, *tok;

	while ((tok = strsep(&p, ","))) {
		if (!*tok)
			usage_error("%s: empty name in '%s'", opt, list);
		names_add(t, tok);
	}
	free(copy);
}

long *
names_map_sync(struct names_map *m, const struct names *t,
    long (*fn)(const char *name, void *ctx), void *ctx)
{
	if (m->n < t->n) {
		m->v = ereallocarray(m->v, t->n, sizeof *m->v);
		for (; m->n < t->n; m->n++)
			m->v[m->n] = fn(t->v[m->n], ctx);
	}
	return m->v;
}

void
names_map_free(struct names_map *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

long
names_map_intern(const char *name, void *table)
{
	return (long)names_intern(table, name);
}
