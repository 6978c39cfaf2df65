#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# asan-check: build every tool and unit test with AddressSanitizer and UBSan into a temporary
# tree and run the whole test suite (tests/run.sh) with those binaries on PATH. Not part of
# `make check` (slow). Sanitizer reports go to files, not to the tests' stderr, so a test
# that checks its one stderr line still sees only the tool's own message; every report
# is listed at the end.
#
# Usage: sh tests/fuzz/asan-check.sh [PATTERN]   (PATTERN as for tests/run.sh)
# Environment: CC (default clang), KEEP=1 keeps the temporary tree, LEAKS=1 also reports
# memory still allocated at exit (noisy: tools that die with exit 1 do not free).
# Exit status: 0 when every test passed and no sanitizer reported anything.
set -eu
LC_ALL=C; export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-clang}
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
CFLAGS="-std=c11 -O1 -g -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE -iquote $top/lib $SAN"
LDLIBS="-lsndfile -lfftw3 -lfftw3f -lopenblas -lbiosig -lm"
tree=$(mktemp -d "${TMPDIR:-/tmp}/eegasan.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tree"' EXIT INT TERM
echo "asan-check: building in $tree with $CC"

# A copy of the test tree (scripts, data, references), sanitized binaries beside it, so
# tests/run.sh finds them as $top/bin and $top/tests/unit/bin.
mkdir -p "$tree/obj" "$tree/bin" "$tree/tests/unit/bin" "$tree/san"
for d in cli data ref unit; do
	[ -d "$top/tests/$d" ] && cp -R "$top/tests/$d" "$tree/tests/$d"
done
rm -rf "$tree/tests/unit/bin"/*
# everything else the tests read at the top (man pages, README.md, pipelines), as links
for e in "$top"/*; do
	case ${e##*/} in bin|tests) ;; *) ln -s "$e" "$tree/${e##*/}" ;; esac
done
cp "$top/tests/run.sh" "$tree/tests/run.sh"

# shellcheck disable=SC2086 # flag lists are split on purpose
build() {
	for l in "$top"/lib/*.c; do
		echo "$CC $CFLAGS -c -o $tree/obj/$(basename "$l" .c).o $l"
	done | xargs -P 2 -I{} sh -c '{}' || return 1
	ar rcs "$tree/libeeg.a" "$tree"/obj/*.o
	for c in "$top"/cmd/*.c; do
		echo "$CC $CFLAGS -o $tree/bin/$(basename "$c" .c) $c $tree/libeeg.a $LDLIBS"
	done | xargs -P 2 -I{} sh -c '{}' || return 1
	for u in "$top"/tests/unit/test_*.c; do
		[ -f "$u" ] || continue
		echo "$CC $CFLAGS -iquote $top/tests/unit -o $tree/tests/unit/bin/$(basename "$u" .c) $u $tree/libeeg.a $LDLIBS"
	done | xargs -P 2 -I{} sh -c '{}' || return 1
}
if ! build >"$tree/build.log" 2>&1; then
	cat "$tree/build.log"
	echo "asan-check: build failed"
	exit 2
fi
grep -i 'warning' "$tree/build.log" || true

# Real data stays where it is; the suite would look beside the temporary tree otherwise.
: "${EEG_MUSE_DIR:=$top/../shared/data/muse-mental-state}"
export EEG_MUSE_DIR
ASAN_OPTIONS="log_path=$tree/san/asan:exitcode=86:detect_leaks=${LEAKS:-0}:abort_on_error=0"
UBSAN_OPTIONS="log_path=$tree/san/ubsan:print_stacktrace=1"
OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export ASAN_OPTIONS UBSAN_OPTIONS OPENBLAS_NUM_THREADS
set +e
sh "$tree/tests/run.sh" "${1:-}" | tee "$tree/run.log"
set -e
summary=$(tail -n 1 "$tree/run.log")
# Python, valgrind, etc. do not load the sanitizer runtime: every report is from our code.
nrep=$(find "$tree/san" -type f | wc -l)
if [ "$nrep" -gt 0 ]; then
	echo "asan-check: $nrep sanitizer report file(s):"
	for f in "$tree/san"/*; do
		echo "== $(basename "$f")"
		grep -E 'ERROR|runtime error|SUMMARY|^ *#[0-4] ' "$f" | head -n 12
	done
fi
cp "$tree/run.log" "$top/tests/tmp/asan-check.log" 2>/dev/null || true
echo "asan-check: $summary; $nrep sanitizer report(s)"
case $summary in *" 0 failed") [ "$nrep" = 0 ] ;; *) false ;; esac
