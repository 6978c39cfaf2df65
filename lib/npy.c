/* SPDX-License-Identifier: GPL-3.0-or-later */
/* npy: NumPy .npy arrays and .npz archives (format in npy.h). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "npy.h"
#include "util.h"

/* --- little-endian fields (util's helpers; one of n = 1, 2, 4, 8 bytes) --- */

static uint64_t
le(const unsigned char *p, int n)
{
	return n == 8 ? get_u64(p) : n == 4 ? get_u32(p) : n == 2 ? (uint64_t)(p[0] | p[1] << 8) : p[0];
}

/* A zip record being built: fields appended little-endian, then written at once. */
struct rec {
	unsigned char b[128];
	size_t n;
};

static void
field(struct rec *r, uint64_t v, int n)
{
	if (n == 8)
		put_u64(r->b + r->n, v);
	else if (n == 4)
		put_u32(r->b + r->n, (uint32_t)v);
	else
		put_u16(r->b + r->n, (uint16_t)v);
	r->n += (size_t)n;
}

/* --- .npy --- */

size_t
npy_header(char *buf, size_t cap, const char *descr, int ndim, const uint64_t *shape)
{
	char dims[NPY_MAXDIMS * 24 + 4];
	size_t off = 0, len;

	dims[0] = '\0';
	for (int i = 0; i < ndim; i++)
		off += snprintf(dims + off, sizeof dims - off, "%s%llu", i ? ", " : "",
		    (unsigned long long)shape[i]);
	if (ndim == 1)
		snprintf(dims + off, sizeof dims - off, ",");
	len = (size_t)snprintf(buf + 10, cap - 10,
	    "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, dims);
	size_t total = (10 + len + 1 + 63) / 64 * 64;	/* and a newline */
	memset(buf + 10 + len, ' ', total - 10 - len - 1);
	buf[total - 1] = '\n';
	memcpy(buf, "\x93NUMPY\x01\x00", 8);
	put_u16((unsigned char *)buf + 8, (uint16_t)(total - 10));
	return total;
}

/* The value of 'key': in the header dict h (NUL-terminated), or NULL. */
static const char *
dict_value(const char *h, const char *key)
{
	char pat[40];
	const char *p;

	snprintf(pat, sizeof pat, "'%s'", key);
	if (!(p = strstr(h, pat)))
		return NULL;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (*p++ != ':')
		return NULL;
	while (*p == ' ')
		p++;
	return p;
}

static int
parse_descr(struct npy *a, const char *v, char *err, size_t nerr)
{
	char d[32];
	size_t k = 0;
	char *end;

	if (*v != '\'' && *v != '"')
		return errf(err, nerr, "header: descr is not a simple dtype (a structured array?)");
	for (v++; *v && *v != '\'' && *v != '"' && k + 1 < sizeof d; v++) {
		/* a dtype is letters, digits and a byte order: anything else is no simple one,
		 * and is not printed */
		if (!strchr("<>|=", *v) && !(*v >= '0' && *v <= '9') &&
		    !((*v | 0x20) >= 'a' && (*v | 0x20) <= 'z'))
			return errf(err, nerr, "header: descr is not a simple dtype (a structured array?)");
		d[k++] = *v;
	}
	d[k] = '\0';
	if (k < 2)
		return errf(err, nerr, "header: bad descr '%s'", d);
	unsigned long size = strtoul(d + 2, &end, 10);
	if (*end || end == d + 2 || size == 0 || size > 1 << 20)
		return errf(err, nerr, "header: dtype '%s' not supported", d);
	if (d[0] == '>' && size > 1 && d[1] != 'S')
		return errf(err, nerr, "header: big-endian dtype '%s' not supported (use "
		    "astype('<%c%lu'))", d, d[1], size);
	if (d[0] != '<' && d[0] != '|' && d[0] != '=' && d[0] != '>')
		return errf(err, nerr, "header: dtype '%s' not supported", d);
	a->itemsize = size;
	switch (d[1]) {
	case 'f': a->kind = NPY_FLOAT; if (size != 4 && size != 8) goto bad; break;
	case 'i': a->kind = NPY_INT; if (size & (size - 1) || size > 8) goto bad; break;
	case 'u': a->kind = NPY_UINT; if (size & (size - 1) || size > 8) goto bad; break;
	case 'b': a->kind = NPY_BOOL; if (size != 1) goto bad; break;
	case 'S': a->kind = NPY_BYTES; break;
	case 'U': a->kind = NPY_UNICODE; a->itemsize = 4 * size; break;
	default: goto bad;
	}
	return 0;
bad:
	return errf(err, nerr, "header: dtype '%s' not supported (floats, integers, bools, "
	    "strings)", d);
}

int
npy_parse(struct npy *a, const unsigned char *p, size_t n, char *err, size_t nerr)
{
	size_t hl, start;
	char *h;
	const char *v;

	memset(a, 0, sizeof *a);
	if (n < 10 || memcmp(p, "\x93NUMPY", 6))
		return errf(err, nerr, "not a NumPy .npy array (bad magic)");
	if (p[6] == 1) {
		hl = (size_t)le(p + 8, 2), start = 10;
	} else if ((p[6] == 2 || p[6] == 3) && n >= 12) {
		hl = (size_t)le(p + 8, 4), start = 12;
	} else
		return errf(err, nerr, "header: .npy version %u.%u not supported", p[6], p[7]);
	if (hl > n - start || hl > 1 << 20)
		return errf(err, nerr, "header: truncated");
	h = emalloc(hl + 1);
	memcpy(h, p + start, hl);
	h[hl] = '\0';
	if (!(v = dict_value(h, "descr")) || parse_descr(a, v, err, nerr)) {
		if (!v)
			errf(err, nerr, "header: no descr");
		free(h);
		return -1;
	}
	if (!(v = dict_value(h, "fortran_order")) || strncmp(v, "False", 5)) {
		free(h);
		return errf(err, nerr, "header: %s", v ? "fortran_order arrays are not supported "
		    "(use np.ascontiguousarray)" : "no fortran_order");
	}
	if (!(v = dict_value(h, "shape")) || *v != '(') {
		free(h);
		return errf(err, nerr, "header: no shape");
	}
	a->count = 1;
	for (v++;;) {
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ')')
			break;
		char *end;
		unsigned long long d = strtoull(v, &end, 10);
		if (end == v || a->ndim == NPY_MAXDIMS || d > (1ull << 40)) {
			free(h);
			return errf(err, nerr, "header: bad shape");
		}
		a->shape[a->ndim++] = d;
		if (d && a->count > UINT64_MAX / d) {
			free(h);
			return errf(err, nerr, "header: shape too large");
		}
		a->count *= d;
		v = end;
	}
	free(h);
	size_t bytes = mul_size((size_t)a->count, a->itemsize);
	if (bytes == SIZE_MAX || bytes > n - start - hl)
		return errf(err, nerr, "data: truncated (%zu bytes for %llu elements, %zu there)",
		    bytes, (unsigned long long)a->count, n - start - hl);
	a->data = p + start + hl;
	return 0;
}

double
npy_get(const struct npy *a, uint64_t i)
{
	const unsigned char *p = a->data + i * a->itemsize;
	uint64_t u = le(p, (int)a->itemsize);

	switch (a->kind) {
	case NPY_FLOAT:
		if (a->itemsize == 4) {
			uint32_t w = (uint32_t)u;
			float f;
			memcpy(&f, &w, 4);
			return f;
		} else {
			double d;
			memcpy(&d, &u, 8);
			return d;
		}
	case NPY_INT:
		if (a->itemsize < 8 && (u >> (8 * a->itemsize - 1)) & 1)
			u |= ~0ull << (8 * a->itemsize);	/* sign extension */
		return (double)(int64_t)u;
	default:
		return (double)u;
	}
}

/* UTF-8 of code point c into out (4 bytes at most); its length, 0 if not a code point */
static size_t
utf8(uint32_t c, char *out)
{
	if (c < 0x80)
		return out[0] = (char)c, 1;
	if (c < 0x800)
		return out[0] = (char)(0xc0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3f)), 2;
	if ((c >= 0xd800 && c < 0xe000) || c > 0x10ffff)
		return 0;
	if (c < 0x10000)
		return out[0] = (char)(0xe0 | c >> 12), out[1] = (char)(0x80 | (c >> 6 & 0x3f)),
		    out[2] = (char)(0x80 | (c & 0x3f)), 3;
	return out[0] = (char)(0xf0 | c >> 18), out[1] = (char)(0x80 | (c >> 12 & 0x3f)),
	    out[2] = (char)(0x80 | (c >> 6 & 0x3f)), out[3] = (char)(0x80 | (c & 0x3f)), 4;
}

int
npy_string(const struct npy *a, uint64_t i, char *buf, size_t cap)
{
	const unsigned char *p = a->data + i * a->itemsize;
	size_t k = 0;

	if (a->kind == NPY_BYTES) {
		size_t m = a->itemsize;
		while (m && !p[m - 1])
			m--;
		if (m >= cap)
			return -1;
		memcpy(buf, p, m);
		buf[m] = '\0';
		return memchr(buf, 0, m) ? -1 : 0;
	}
	if (a->kind != NPY_UNICODE)
		return -1;
	size_t m = a->itemsize / 4;
	while (m && !le(p + 4 * (m - 1), 4))
		m--;
	for (size_t j = 0; j < m; j++) {
		char u[4];
		size_t l = utf8((uint32_t)le(p + 4 * j, 4), u);
		if (!l || u[0] == 0 || k + l >= cap)
			return -1;
		memcpy(buf + k, u, l);
		k += l;
	}
	buf[k] = '\0';
	return 0;
}

size_t
npy_utf32(const char *s, unsigned char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0;

	while (*p) {
		uint32_t c = 0xfffd;
		int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		if (len == 1)
			c = *p;
		else if (len) {
			uint32_t v = *p & (0x7f >> len);
			int ok = 1;
			for (int j = 1; j < len; j++)
				if ((p[j] & 0xc0) == 0x80)
					v = v << 6 | (p[j] & 0x3f);
				else
					ok = 0;
			const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
			if (ok && v >= min[len] && v <= 0x10ffff && !(v >= 0xd800 && v < 0xe000))
				c = v;
			else
				len = 1;	/* one bad byte, then go on */
		} else
			len = 1;
		if (out && k < n)
			for (int b = 0; b < 4; b++)
				out[4 * k + b] = (unsigned char)(c >> (8 * b));
		k++;
		p += len;
	}
	if (out)
		memset(out + 4 * (k < n ? k : n), 0, 4 * (n - (k < n ? k : n)));
	return k;
}

/* --- .npz writer: stored members, zip64 sizes --- */

#define DOSDATE	0x0021	/* 1980-01-01: the archive carries no time (reproducible bytes) */

void
npz_begin(struct npz *z, FILE *fp)
{
	memset(z, 0, sizeof *z);
	z->fp = fp;
}

void
npz_member(struct npz *z, const char *name, uint64_t size, uint32_t crc)
{
	struct npz_entry *e;
	size_t k;

	z->e = ereallocarray(z->e, z->n + 1, sizeof *z->e);
	e = &z->e[z->n++];
	snprintf(e->name, sizeof e->name, "%s.npy", name);
	e->crc = crc, e->size = size, e->off = z->off;
	k = strlen(e->name);
	struct rec r = { .n = 0 };
	field(&r, 0x04034b50, 4);	/* local file header */
	field(&r, 45, 2);		/* version needed: zip64 */
	field(&r, 0, 2);		/* flags */
	field(&r, 0, 2);		/* stored */
	field(&r, 0, 2);
	field(&r, DOSDATE, 2);
	field(&r, crc, 4);
	field(&r, 0xffffffff, 4);	/* sizes in the zip64 extra field */
	field(&r, 0xffffffff, 4);
	field(&r, k, 2);
	field(&r, 20, 2);
	fwrite(r.b, 1, r.n, z->fp);
	fwrite(e->name, 1, k, z->fp);
	r.n = 0;
	field(&r, 0x0001, 2);		/* zip64: uncompressed, compressed size */
	field(&r, 16, 2);
	field(&r, size, 8);
	field(&r, size, 8);
	fwrite(r.b, 1, r.n, z->fp);
	z->off += 30 + k + 20;
}

void
npz_wrote(struct npz *z, uint64_t bytes)
{
	z->off += bytes;
}

void
npz_end(struct npz *z)
{
	uint64_t cd = z->off, cdsize = 0;

	for (size_t i = 0; i < z->n; i++) {
		const struct npz_entry *e = &z->e[i];
		size_t k = strlen(e->name);
		struct rec r = { .n = 0 };
		field(&r, 0x02014b50, 4);	/* central directory header */
		field(&r, 0x032d, 2);		/* made by: unix, 4.5 */
		field(&r, 45, 2);
		field(&r, 0, 2);
		field(&r, 0, 2);
		field(&r, 0, 2);
		field(&r, DOSDATE, 2);
		field(&r, e->crc, 4);
		field(&r, 0xffffffff, 4);
		field(&r, 0xffffffff, 4);
		field(&r, k, 2);
		field(&r, 28, 2);		/* extra */
		field(&r, 0, 2);		/* comment */
		field(&r, 0, 2);		/* disk */
		field(&r, 0, 2);		/* internal attributes */
		field(&r, 0100644u << 16, 4);	/* external: a regular file, rw-r--r-- */
		field(&r, 0xffffffff, 4);	/* offset in the zip64 extra field */
		fwrite(r.b, 1, r.n, z->fp);
		fwrite(e->name, 1, k, z->fp);
		r.n = 0;
		field(&r, 0x0001, 2);
		field(&r, 24, 2);
		field(&r, e->size, 8);
		field(&r, e->size, 8);
		field(&r, e->off, 8);
		fwrite(r.b, 1, r.n, z->fp);
		cdsize += 46 + k + 28;
	}
	uint64_t z64 = cd + cdsize;
	struct rec r = { .n = 0 };
	field(&r, 0x06064b50, 4);	/* zip64 end of central directory */
	field(&r, 44, 8);
	field(&r, 0x032d, 2);
	field(&r, 45, 2);
	field(&r, 0, 4);
	field(&r, 0, 4);
	field(&r, z->n, 8);
	field(&r, z->n, 8);
	field(&r, cdsize, 8);
	field(&r, cd, 8);
	field(&r, 0x07064b50, 4);	/* its locator */
	field(&r, 0, 4);
	field(&r, z64, 8);
	field(&r, 1, 4);
	field(&r, 0x06054b50, 4);	/* end of central directory */
	field(&r, 0, 2);
	field(&r, 0, 2);
	field(&r, 0xffff, 2);
	field(&r, 0xffff, 2);
	field(&r, 0xffffffff, 4);
	field(&r, 0xffffffff, 4);
	field(&r, 0, 2);
	fwrite(r.b, 1, r.n, z->fp);
	free(z->e);
	z->e = NULL;
}

/* --- .npz reader --- */

/* The zip64 extra field's values for the fields that are 0xffffffff, in order. */
static int
zip64_extra(const unsigned char *x, size_t n, uint64_t *usize, uint64_t *csize, uint64_t *off)
{
	while (n >= 4) {
		size_t id = (size_t)le(x, 2), len = (size_t)le(x + 2, 2);
		if (len > n - 4)
			return -1;
		if (id == 1) {
			const unsigned char *q = x + 4;
			size_t left = len;
			uint64_t *f[3] = { usize, csize, off };
			for (int i = 0; i < 3; i++)
				if (f[i] && *f[i] == 0xffffffff) {
					if (left < 8)
						return -1;
					*f[i] = le(q, 8), q += 8, left -= 8;
				}
			return 0;
		}
		x += 4 + len, n -= 4 + len;
	}
	return 0;
}

int
npz_find(const unsigned char *p, size_t n, const char *name, const unsigned char **data,
    size_t *len, unsigned char **owned, char *err, size_t nerr)
{
	char want[80];
	size_t eocd = SIZE_MAX;
	uint64_t cd, cdsize, entries;

	*owned = NULL;
	snprintf(want, sizeof want, "%s.npy", name);
	for (size_t i = n >= 22 ? n - 22 : 0; n >= 22; i--) {	/* the last end record */
		if (le(p + i, 4) == 0x06054b50) {
			eocd = i;
			break;
		}
		if (i == 0 || n - i > 22 + 65535)
			break;
	}
	if (eocd == SIZE_MAX)
		return errf(err, nerr, "zip: no end of central directory (not an .npz, or cut short)");
	entries = le(p + eocd + 10, 2), cdsize = le(p + eocd + 12, 4), cd = le(p + eocd + 16, 4);
	if (entries == 0xffff || cdsize == 0xffffffff || cd == 0xffffffff) {
		if (eocd < 20 || le(p + eocd - 20, 4) != 0x07064b50)
			return errf(err, nerr, "zip: no zip64 locator");
		uint64_t z = le(p + eocd - 12, 8);
		if (z > n || n - z < 56 || le(p + z, 4) != 0x06064b50)
			return errf(err, nerr, "zip: bad zip64 end record");
		entries = le(p + z + 32, 8), cdsize = le(p + z + 40, 8), cd = le(p + z + 48, 8);
	}
	if (cd > n || cdsize > n - cd)
		return errf(err, nerr, "zip: central directory outside the file");
	const unsigned char *q = p + cd, *end = p + cd + cdsize;
	for (uint64_t i = 0; i < entries; i++) {
		if (end - q < 46 || le(q, 4) != 0x02014b50)
			return errf(err, nerr, "zip: bad central directory entry %llu",
			    (unsigned long long)i);
		size_t k = (size_t)le(q + 28, 2), xl = (size_t)le(q + 30, 2), cl = (size_t)le(q + 32, 2);
		if ((size_t)(end - q) < 46 + k + xl + cl)
			return errf(err, nerr, "zip: bad central directory entry %llu",
			    (unsigned long long)i);
		int method = (int)le(q + 10, 2), flags = (int)le(q + 8, 2);
		uint32_t crc = (uint32_t)le(q + 16, 4);
		uint64_t csize = le(q + 20, 4), usize = le(q + 24, 4), off = le(q + 42, 4);
		if (k != strlen(want) || memcmp(q + 46, want, k)) {
			q += 46 + k + xl + cl;
			continue;
		}
		if (zip64_extra(q + 46 + k, xl, &usize, &csize, &off))
			return errf(err, nerr, "zip: %s: bad zip64 field", want);
		if (flags & 1)
			return errf(err, nerr, "zip: %s is encrypted", want);
		if (off > n || n - off < 30 || le(p + off, 4) != 0x04034b50)
			return errf(err, nerr, "zip: %s: bad local header", want);
		uint64_t start = off + 30 + le(p + off + 26, 2) + le(p + off + 28, 2);
		if (start > n || csize > n - start)
			return errf(err, nerr, "zip: %s: data outside the file", want);
		if (usize > (uint64_t)SIZE_MAX / 2)
			return errf(err, nerr, "zip: %s: too large", want);
		if (method == 0) {
			if (csize != usize)
				return errf(err, nerr, "zip: %s: stored sizes differ", want);
			*data = p + start;
		} else if (method == 8) {
			z_stream s;
			/* deflate packs at most 1032 bytes into one: no larger buffer is made for
			 * what a damaged header announces */
			if (usize / 1032 > csize + 1)
				return errf(err, nerr, "zip: %s: %llu bytes announced for %llu deflated "
				    "(corrupt archive)", want, (unsigned long long)usize,
				    (unsigned long long)csize);
			unsigned char *out = emalloc(usize ? (size_t)usize : 1);
			memset(&s, 0, sizeof s);
			if (inflateInit2(&s, -15) != Z_OK)
				return free(out), errf(err, nerr, "zip: %s: inflate", want);
			s.next_in = (unsigned char *)(p + start);
			s.avail_in = (uInt)(csize > UINT32_MAX ? UINT32_MAX : csize);
			s.next_out = out;
			s.avail_out = (uInt)(usize > UINT32_MAX ? UINT32_MAX : usize);
			int rc = Z_OK;
			while (rc == Z_OK) {	/* avail fields are 32 bits: feed big members in turns */
				if (!s.avail_in && s.total_in < csize)
					s.avail_in = (uInt)(csize - s.total_in > UINT32_MAX ? UINT32_MAX :
					    csize - s.total_in);
				if (!s.avail_out && s.total_out < usize)
					s.avail_out = (uInt)(usize - s.total_out > UINT32_MAX ? UINT32_MAX :
					    usize - s.total_out);
				rc = inflate(&s, Z_NO_FLUSH);
				if (rc == Z_BUF_ERROR && (s.total_out >= usize || s.total_in >= csize))
					break;
			}
			uint64_t got = s.total_out;
			inflateEnd(&s);
			if (rc != Z_STREAM_END || got != usize) {
				free(out);
				return errf(err, nerr, "zip: %s: corrupt deflated data", want);
			}
			*data = *owned = out;
		} else
			return errf(err, nerr, "zip: %s: compression method %d not supported", want,
			    method);
		/* crc32 takes 32-bit lengths: in turns too */
		uLong c = crc32(0, NULL, 0);
		for (uint64_t at = 0; at < usize;) {
			uInt step = (uInt)(usize - at > (1u << 30) ? 1u << 30 : usize - at);
			c = crc32(c, *data + at, step);
			at += step;
		}
		if ((uint32_t)c != crc) {
			free(*owned);
			*owned = NULL;
			return errf(err, nerr, "zip: %s: CRC mismatch (corrupt archive)", want);
		}
		*len = (size_t)usize;
		return 1;
	}
	return 0;
}
