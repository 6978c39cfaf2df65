# SPDX-License-Identifier: GPL-3.0-or-later
# eegpipe: `make` builds the tools into bin/, `make check` runs every test.
.POSIX:

PREFIX   = /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -std=c11 -O2 -g -fno-math-errno -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE -iquote lib
LDFLAGS  = -Wl,--as-needed
LDLIBS   = -lsndfile -lfftw3 -lfftw3f -lopenblas -lbiosig -lm
# OpenBLAS on Debian builds with its own threading; eeg-train sets the thread count.

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:.c=.o)
LIB_HDR  = $(wildcard lib/*.h)
CMD_SRC  = $(wildcard cmd/*.c)
BINS     = $(patsubst cmd/%.c,bin/%,$(CMD_SRC))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(patsubst tests/unit/%.c,tests/unit/bin/%,$(UNIT_SRC))
MAN      = $(wildcard man/*.1 man/*.5)

all: $(BINS)

lib/%.o: lib/%.c $(LIB_HDR)
	$(CC) $(CFLAGS) -c -o $@ $<

lib/libeeg.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

bin/%: cmd/%.c lib/libeeg.a $(LIB_HDR)
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libeeg.a $(LDLIBS)

tests/unit/bin/%: tests/unit/%.c lib/libeeg.a $(LIB_HDR) tests/unit/check.h
	@mkdir -p tests/unit/bin
	$(CC) $(CFLAGS) $(LDFLAGS) -iquote tests/unit -o $@ $< lib/libeeg.a $(LDLIBS)

check: $(BINS) $(UNITS)
	@LC_ALL=C sh tests/run.sh

install: $(BINS)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	for m in $(MAN); do \
		s=$${m##*.}; cp $$m $(DESTDIR)$(MANDIR)/man$$s/; done

clean:
	rm -rf bin tests/unit/bin lib/*.o lib/libeeg.a tests/tmp

.PHONY: all check install clean
.SECONDARY: $(LIB_OBJ)
