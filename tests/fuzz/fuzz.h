/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz.h: helpers shared by the libFuzzer harnesses in tests/fuzz (see README).
 * Inputs are presented to the library the way tools see them: a FILE over the bytes
 * (fmemopen), or a path (a memfd named /proc/self/fd/N) for loaders that open files.
 */
#ifndef EEG_FUZZ_H
#define EEG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A read-only FILE over size bytes (fmemopen refuses size 0: use an empty memfd then). */
static inline FILE *
fuzz_file(const uint8_t *data, size_t size)
{
	if (size == 0)
		return fopen("/dev/null", "rb");
	return fmemopen((void *)data, size, "rb");
}

/* A file holding the bytes, as a path; close with fuzz_path_close. */
static inline int
fuzz_path(const uint8_t *data, size_t size, char *path, size_t n)
{
	int fd = memfd_create("fuzz", 0);
	size_t off = 0;

	if (fd < 0) {
		perror("memfd_create");
		abort();
	}
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0) {
			perror("write");
			abort();
		}
		off += (size_t)w;
	}
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

/* A failed oracle: print what and abort, so libFuzzer records the input. */
#define FUZZ_CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "oracle: " __VA_ARGS__); \
	fputc('\n', stderr); abort(); } } while (0)

#endif
