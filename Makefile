# SPDX-License-Identifier: GPL-3.0-or-later
# eegpipe: `make` builds the tools into bin/, `make check` runs every test.
.POSIX:

PREFIX   = /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -std=c11 -O2 -g -fno-math-errno -Wall -Wextra $(WERROR) -D_GNU_SOURCE -iquote lib
WERROR   =
# The build is warning-clean with gcc and clang; CI builds with WERROR=-Werror to keep it so.
LDFLAGS  = -Wl,--as-needed
LDLIBS   = -lsndfile -lfftw3 -lfftw3f -lopenblas -lbiosig -llo -lz -lm
# OpenBLAS on Debian builds with its own threading; eeg-train sets the thread count.

# make SAN=1 check: the tools, unit tests and fuzz replays built with AddressSanitizer and
# UBSan (gcc or clang: CC=clang works too) into tests/tmp/san/, apart from the normal
# build, and the whole suite run with them; tests/run.sh fails any test during which a
# sanitizer reported (reports: tests/tmp/san/reports/).
SAN      =
P        =
ifeq ($(SAN),1)
P        = tests/tmp/san/
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(patsubst lib/%.c,$(P)lib/%.o,$(LIB_SRC))
LIB_HDR  = $(wildcard lib/*.h)
CMD_SRC  = $(wildcard cmd/*.c)
BINS     = $(patsubst cmd/%.c,$(P)bin/%,$(CMD_SRC))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(patsubst tests/unit/%.c,$(P)tests/unit/bin/%,$(UNIT_SRC))
# each libFuzzer harness, with tests/fuzz/replay.c as its main, replays its kept corpus
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
REPLAYS  = $(patsubst tests/fuzz/fuzz_%.c,$(P)tests/unit/bin/test_fuzz_%,$(FUZZ_SRC))
MAN      = $(wildcard man/*.1 man/*.5)

all: $(BINS)

$(P)lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(P)lib
	$(CC) $(CFLAGS) -c -o $@ $<

$(P)lib/libeeg.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(P)bin/%: cmd/%.c $(P)lib/libeeg.a $(LIB_HDR)
	@mkdir -p $(P)bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(P)lib/libeeg.a $(LDLIBS)

$(P)tests/unit/bin/%: tests/unit/%.c $(P)lib/libeeg.a $(LIB_HDR) tests/unit/check.h
	@mkdir -p $(P)tests/unit/bin
	$(CC) $(CFLAGS) $(LDFLAGS) -iquote tests/unit -o $@ $< $(P)lib/libeeg.a $(LDLIBS)

$(P)tests/unit/bin/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_source.h $(P)lib/libeeg.a $(LIB_HDR)
	@mkdir -p $(P)tests/unit/bin
	$(CC) $(CFLAGS) $(LDFLAGS) -DFUZZ_NAME='"$*"' -iquote tests/fuzz -o $@ $< tests/fuzz/replay.c $(P)lib/libeeg.a $(LDLIBS)

# make demo: the first command on a fresh machine. It names (and, with sudo, installs) the
# Debian packages it needs, builds the tools, and runs the seed study end to end at demo
# settings on eeg-synth recordings, in a few minutes: Table 1, then where the figures are.
# The full study: make study (README, "The seed study").
DEMO     = OUT=out/demo MUSE= SYNTH="-n 20 --seed 1" EPOCHS=3 \
	NOTE="demo settings: synthetic recordings of 20 s, 3 epochs (the full study: make study)"
demo:
	@sh .ci/deps demo
	@$(MAKE) -s all
	@$(MAKE) --no-print-directory -f pipelines/seed.mk $(DEMO)

# make study: the seed study and leave one subject out at full settings, on the Muse
# recordings in ../shared/data/muse-mental-state when they are there (hours: the GRU).
study: all
	@$(MAKE) --no-print-directory -f pipelines/seed.mk
	@$(MAKE) --no-print-directory -f pipelines/loso.mk

# everything make check runs, built (CI builds it with clang too)
build: $(BINS) $(UNITS) $(REPLAYS)

check: $(BINS) $(UNITS) $(REPLAYS)
	@LC_ALL=C EEG_BIN=$(P)bin EEG_UNIT_BIN=$(P)tests/unit/bin EEG_SAN=$(SAN) sh tests/run.sh

install: $(BINS)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	for m in $(MAN); do \
		s=$${m##*.}; cp $$m $(DESTDIR)$(MANDIR)/man$$s/; done

clean:
	rm -rf bin tests/unit/bin lib/*.o lib/libeeg.a tests/tmp

.PHONY: all build demo study check install clean
.SECONDARY: $(LIB_OBJ)
