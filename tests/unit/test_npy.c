/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_npy: lib/npy. Headers are aligned to 64 bytes and parse back; UTF-8 names go to
 * UTF-32 and back (invalid bytes become U+FFFD); an archive written by npz_* is read back
 * member by member with its CRC checked; every prefix of it, and every one-byte change,
 * is refused or read to the same bytes, never past the buffer.
 */
#include <string.h>
#include <zlib.h>

#include "check.h"
#include "npy.h"
#include "util.h"

/* member bytes: an .npy header and n float32 values 0.5 * i */
static size_t
make_member(unsigned char *buf, uint64_t n)
{
	uint64_t shape[2] = { n, 1 };
	size_t hl = npy_header((char *)buf, 512, "<f4", 2, shape);

	for (uint64_t i = 0; i < n; i++) {
		float f = 0.5f * (float)i;
		memcpy(buf + hl + 4 * i, &f, 4);
	}
	return hl + 4 * n;
}

int
main(int argc, char *argv[])
{
	char head[512], err[256], s[64];
	struct npy a;
	uint64_t shape[3] = { 7, 3, 2 };

	util_init(argc, argv);
	for (int nd = 0; nd <= 3; nd++) {
		size_t hl = npy_header(head, sizeof head, "<f8", nd, shape);
		CHECK(hl % 64 == 0 && head[hl - 1] == '\n', "%d dims: header of %zu bytes", nd, hl);
		unsigned char file[1024] = { 0 };
		memcpy(file, head, hl);
		CHECK(npy_parse(&a, file, hl + 8 * 42, err, sizeof err) == 0, "%s", err);
		CHECK(a.ndim == nd && a.kind == NPY_FLOAT && a.itemsize == 8, "parsed %d dims", nd);
		CHECK(a.count == (nd == 0 ? 1 : nd == 1 ? 7 : nd == 2 ? 21 : 42), "count %llu",
		    (unsigned long long)a.count);
		CHECK(npy_parse(&a, file, hl + 8 * a.count - 1, err, sizeof err) == -1 &&
		    strstr(err, "data: truncated"), "short data: %s", err);
	}
	/* integers: sign extension, as doubles */
	unsigned char ib[256];
	size_t hl = npy_header((char *)ib, sizeof ib, "<i2", 1, (uint64_t[]){ 2 });
	ib[hl] = 0xfe, ib[hl + 1] = 0xff, ib[hl + 2] = 7, ib[hl + 3] = 0;
	CHECK(npy_parse(&a, ib, hl + 4, err, sizeof err) == 0, "%s", err);
	CHECK(npy_get(&a, 0) == -2 && npy_get(&a, 1) == 7, "int16 %g %g", npy_get(&a, 0), npy_get(&a, 1));

	/* names: UTF-8 to UTF-32 and back */
	const char *name = "Fp1 \xce\xb1 \xf0\x9f\x99\x82";	/* alpha, an emoji */
	CHECK(npy_utf32(name, NULL, 0) == 7, "code points %zu", npy_utf32(name, NULL, 0));
	hl = npy_header(head, sizeof head, "<U9", 1, (uint64_t[]){ 1 });
	unsigned char file[1024];
	memcpy(file, head, hl);
	npy_utf32(name, file + hl, 9);
	CHECK(npy_parse(&a, file, hl + 36, err, sizeof err) == 0 && a.kind == NPY_UNICODE, "%s", err);
	CHECK(npy_string(&a, 0, s, sizeof s) == 0 && !strcmp(s, name), "back: '%s'", s);
	CHECK(npy_string(&a, 0, s, 5) == -1, "too long for the buffer");
	npy_utf32("a\xff" "b\xc3", file + hl, 9);	/* a stray byte, a cut sequence */
	CHECK(npy_string(&a, 0, s, sizeof s) == 0 && !strcmp(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd"),
	    "replacement characters: '%s'", s);

	/* an archive of two members, back through npz_find */
	char *zbuf = NULL;
	size_t zlen = 0;
	FILE *fp = open_memstream(&zbuf, &zlen);
	struct npz z;
	unsigned char m1[4096], m2[4096];
	size_t n1 = make_member(m1, 100), n2 = make_member(m2, 3);
	npz_begin(&z, fp);
	npz_member(&z, "x", n1, (uint32_t)crc32(0, m1, (uInt)n1));
	fwrite(m1, 1, n1, fp);
	npz_wrote(&z, n1);
	npz_member(&z, "time", n2, (uint32_t)crc32(0, m2, (uInt)n2));
	fwrite(m2, 1, n2, fp);
	npz_wrote(&z, n2);
	npz_end(&z);
	CHECK(fclose(fp) == 0, "memstream");
	const unsigned char *d;
	unsigned char *own;
	size_t len;
	CHECK(npz_find((unsigned char *)zbuf, zlen, "time", &d, &len, &own, err, sizeof err) == 1,
	    "%s", err);
	CHECK(len == n2 && !memcmp(d, m2, n2) && !own, "member time");
	CHECK(npz_find((unsigned char *)zbuf, zlen, "x", &d, &len, &own, err, sizeof err) == 1 &&
	    len == n1 && !memcmp(d, m1, n1), "member x");
	CHECK(npz_find((unsigned char *)zbuf, zlen, "label", &d, &len, &own, err, sizeof err) == 0,
	    "no member label");
	/* every prefix is refused; every changed byte is refused or reads the same bytes */
	int refused = 0;
	for (size_t k = 0; k < zlen; k++) {
		int rc = npz_find((unsigned char *)zbuf, k, "x", &d, &len, &own, err, sizeof err);
		CHECK(rc <= 0 || (len == n1 && !memcmp(d, m1, n1)), "prefix %zu read wrong bytes", k);
		refused += rc != 1;
		free(own);
	}
	CHECK(refused == (int)zlen, "a prefix was accepted (%d of %zu refused)", refused, zlen);
	unsigned char *copy = emalloc(zlen);
	for (size_t k = 0; k < zlen; k++) {
		memcpy(copy, zbuf, zlen);
		copy[k] ^= 0x5a;
		int rc = npz_find(copy, zlen, "x", &d, &len, &own, err, sizeof err);
		CHECK(rc <= 0 || (len == n1 && !memcmp(d, m1, n1)), "byte %zu changed: wrong bytes", k);
		free(own);
	}
	free(copy);
	free(zbuf);
	printf("ok: %d checks\n", check_count);
	return 0;
}
