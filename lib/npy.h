/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * npy: NumPy's .npy arrays and .npz archives, written and read without Python.
 *
 * .npy (format 1.0): "\x93NUMPY", version 1 0, u16 header length, then a Python dict
 * literal {'descr': '<f4', 'fortran_order': False, 'shape': (n, 25), } padded with spaces
 * and a newline so that the data starts at a multiple of 64 bytes; then the data, C order.
 *
 * .npz: a zip archive of NAME.npy members, as np.savez (stored) or np.savez_compressed
 * (deflated) write it. The writer stores its members uncompressed and always with zip64
 * sizes, so that members of 4 GiB and more need no other code path; the reader takes
 * stored and deflated members (zlib), zip64 or not, and checks every offset and CRC.
 */
#ifndef EEG_NPY_H
#define EEG_NPY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NPY_MAXDIMS	8

/* Element types an array may hold (little-endian or byte-sized). */
enum npy_kind { NPY_FLOAT, NPY_INT, NPY_UINT, NPY_BOOL, NPY_BYTES, NPY_UNICODE };

/* A parsed array: its data points into the buffer it was parsed from. */
struct npy {
	int kind;
	size_t itemsize;		/* bytes per element (4 per character for NPY_UNICODE) */
	int ndim;
	uint64_t shape[NPY_MAXDIMS];
	uint64_t count;			/* elements: the product of shape */
	const unsigned char *data;	/* count * itemsize bytes */
};

/*
 * The header of an array of dtype descr ("<f4", "<U12") and this shape into buf (cap at
 * least 256 + 24 per dimension); returns its length, a multiple of 64.
 */
size_t npy_header(char *buf, size_t cap, const char *descr, int ndim, const uint64_t *shape);
/* Parse a whole .npy file p[0..n); 0, or -1 with the reason in err. */
int npy_parse(struct npy *a, const unsigned char *p, size_t n, char *err, size_t nerr);
/* Element i of a numeric array as a double. */
double npy_get(const struct npy *a, uint64_t i);
/* Element i of a string array (bytes or unicode) as UTF-8 in buf, trailing NULs dropped;
 * -1 when it does not fit or is not a valid code point. */
int npy_string(const struct npy *a, uint64_t i, char *buf, size_t cap);
/* UTF-8 s as n UTF-32LE code units (padded with zeros) at out; invalid bytes become
 * U+FFFD. Returns the code points s needs when out is NULL. */
size_t npy_utf32(const char *s, unsigned char *out, size_t n);

/* Writing an .npz in one pass: each member's size and CRC-32 are known before its bytes. */
struct npz_entry {
	char name[64];
	uint32_t crc;
	uint64_t size, off;
};
struct npz {
	FILE *fp;
	uint64_t off;		/* bytes written so far */
	size_t n;
	struct npz_entry *e;
};
void npz_begin(struct npz *z, FILE *fp);
/* Start member NAME (".npy" is added) of size bytes with CRC-32 crc; the caller then
 * writes exactly those bytes to z->fp and adds them with npz_wrote. */
void npz_member(struct npz *z, const char *name, uint64_t size, uint32_t crc);
void npz_wrote(struct npz *z, uint64_t bytes);
/* Write the central directory; frees z. Errors show in ferror(z->fp). */
void npz_end(struct npz *z);

/*
 * Find member NAME (".npy" is added) of the archive p[0..n). Returns 1 with its bytes in
 * *data (*owned set when they were inflated into a new buffer the caller frees), 0 when
 * the archive has no such member, -1 with the reason in err.
 */
int npz_find(const unsigned char *p, size_t n, const char *name, const unsigned char **data,
    size_t *len, unsigned char **owned, char *err, size_t nerr);

#endif
