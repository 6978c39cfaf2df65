/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_names: string tables, comma lists, and maps kept in step with a growing table. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "names.h"

static void
test_table(void)
{
	struct names t;
	char s[32];

	names_init(&t);
	for (int i = 0; i < 1000; i++) {	/* past the linear scan into the hash index */
		snprintf(s, sizeof s, "name%d", i);
		CHECK(names_add(&t, s) == (size_t)i, "add %d", i);
	}
	CHECK(names_find(&t, "name0") == 0 && names_find(&t, "name999") == 999, "find");
	CHECK(names_find(&t, "name1000") == -1 && names_find(&t, "") == -1, "absent");
	CHECK(names_intern(&t, "name500") == 500 && t.n == 1000, "intern finds");
	CHECK(names_intern(&t, "new") == 1000 && t.n == 1001, "intern appends");
	names_truncate(&t, 10);
	CHECK(t.n == 10 && names_find(&t, "name500") == -1 && names_find(&t, "name9") == 9,
	    "truncate");
	CHECK(names_find(&t, "new") == -1 && names_intern(&t, "new") == 10, "after truncate");
	names_free(&t);
	printf("ok table: 1000 names, hash, truncate\n");
}

static void
test_split(void)
{
	struct names t;

	names_init(&t);
	names_split(&t, "relaxed", "-x");
	names_split(&t, "b,a,b, c", "-x");	/* order kept, duplicates kept, spaces are names */
	CHECK(t.n == 5, "%zu names", t.n);
	CHECK(!strcmp(t.v[0], "relaxed") && !strcmp(t.v[1], "b") && !strcmp(t.v[2], "a") &&
	    !strcmp(t.v[3], "b") && !strcmp(t.v[4], " c"), "split: %s %s %s %s %s", t.v[0],
	    t.v[1], t.v[2], t.v[3], t.v[4]);
	names_free(&t);
	/* an empty name is a usage error: checked by the CLI tests (exit 2 and its message) */
	printf("ok split\n");
}

static int calls;

static long
length_of(const char *name, void *ctx)
{
	calls++;
	return (long)strlen(name) * *(long *)ctx;
}

static void
test_map(void)
{
	struct names t, merged;
	struct names_map m = { 0 }, into = { 0 };
	long k = 10, *v;

	names_init(&t);
	names_init(&merged);
	v = names_map_sync(&m, &t, length_of, &k);
	CHECK(m.n == 0 && calls == 0, "empty table");
	names_add(&t, "a");
	names_add(&t, "bcd");
	v = names_map_sync(&m, &t, length_of, &k);
	CHECK(m.n == 2 && v[0] == 10 && v[1] == 30 && calls == 2, "first sync: %d calls", calls);
	v = names_map_sync(&m, &t, length_of, &k);
	CHECK(calls == 2, "a second sync of the same table computes nothing");
	names_add(&t, "ef");
	v = names_map_sync(&m, &t, length_of, &k);
	CHECK(m.n == 3 && v[0] == 10 && v[2] == 20 && calls == 3, "grown: only the new entry");
	/* remap onto another table, as a concatenated stream's parts are */
	names_add(&merged, "ef");
	v = names_map_sync(&into, &t, names_map_intern, &merged);
	CHECK(v[0] == 1 && v[1] == 2 && v[2] == 0 && merged.n == 3, "intern map: %ld %ld %ld",
	    v[0], v[1], v[2]);
	names_map_free(&m);
	names_map_free(&into);
	CHECK(m.v == NULL && m.n == 0, "free");
	names_free(&t);
	names_free(&merged);
	printf("ok map\n");
}

int
main(void)
{
	test_table();
	test_split();
	test_map();
	CHECK_DONE();
}
