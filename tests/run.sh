#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run every unit test program and every CLI test script; print "N passed, N failed, N skipped".
# Usage: sh tests/run.sh [pattern]   (pattern filters test names, e.g. "scale")
#
# A test passes with exit 0, is skipped with exit 77 (it could not run here: no data, or a
# CPU feature this machine lacks; its "skip: why" line is printed), and fails otherwise.
# EEG_REQUIRE_DATA=1 (CI) turns a missing data directory into a failure, not a skip.
# A test that has not ended after EEG_TEST_TIMEOUT seconds (600) is killed and fails.
# EEG_BIN, EEG_UNIT_BIN: where the tools and unit tests are (bin, tests/unit/bin; make
# SAN=1 check gives its sanitized build). EEG_SAN=1: a test during which AddressSanitizer,
# LeakSanitizer or UBSan reported fails, with the report (tests/tmp/san/reports/NAME.*).
LC_ALL=C
export LC_ALL
# Python checks written as assert must not vanish under -O.
unset PYTHONOPTIMIZE
top=$(cd "$(dirname "$0")/.." && pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$top/$1" ;; esac; }
bin=$(abs "${EEG_BIN:-bin}")
units=$(abs "${EEG_UNIT_BIN:-tests/unit/bin}")
PATH="$bin:$PATH"
export PATH
EEG_TOP=$top
export EEG_TOP
# Real recordings, when present beside the checkout (read in place, never copied).
: "${EEG_MUSE_DIR:=$top/../shared/data/muse-mental-state}"
: "${EEG_EDF_DIR:=$top/../shared/data/eegmmidb-sample}"
: "${EEG_BDF_DIR:=$top/../shared/data/biosemi-sample}"
export EEG_MUSE_DIR EEG_EDF_DIR EEG_BDF_DIR
# Debian's python3 has numpy/scipy/torch/sklearn; a pyenv python3 on PATH may not.
: "${PYTHON:=/usr/bin/python3}"
export PYTHON

pass=0 fail=0 skip=0 failed= skipped=
log=$top/tests/tmp/log
mkdir -p "$log"
EEG_SAN=${EEG_SAN:-}
export EEG_SAN
if [ "$EEG_SAN" = 1 ]; then
	san=$top/tests/tmp/san/reports
	rm -rf "$san"
	mkdir -p "$san"
fi
run() {
	name=$1; shift
	case $name in *"${filter:-}"*) ;; *) return ;; esac
	base=$(echo "$name" | tr / _)
	out=$log/$base.out
	if [ "$EEG_SAN" = 1 ]; then
		# reports to files, so that a test checking a tool's one stderr line sees only it;
		# a tool checks for leaks at its successful end (finish()), not on exit 1 paths
		atexit=1
		case $name in cli/*) atexit=0 ;; esac
		ASAN_OPTIONS="log_path=$san/$base.asan:exitcode=86:abort_on_error=0:detect_leaks=1:leak_check_at_exit=$atexit"
		LSAN_OPTIONS="suppressions=$top/tests/lsan.supp"
		export LSAN_OPTIONS
		UBSAN_OPTIONS="log_path=$san/$base.ubsan:print_stacktrace=1:halt_on_error=1"
		export ASAN_OPTIONS UBSAN_OPTIONS
	fi
	# a test that hangs fails (124) instead of holding the run; its processes go with it
	timeout -k 10 "${EEG_TEST_TIMEOUT:-600}" "$@" >"$out" 2>&1
	st=$?
	[ "$st" != 124 ] && [ "$st" != 137 ] ||
		echo "timeout: no end after ${EEG_TEST_TIMEOUT:-600} s (EEG_TEST_TIMEOUT)" >>"$out"
	if [ "$EEG_SAN" = 1 ] && ls "$san/$base".* >/dev/null 2>&1; then
		echo "sanitizer reports:" >>"$out"
		cat "$san/$base".* | grep -E 'ERROR|runtime error|SUMMARY|^ *#[0-5] ' | head -n 30 >>"$out"
		st=86
	fi
	if [ "$st" = 0 ]; then
		pass=$((pass + 1)); echo "PASS $name"
	elif [ "$st" = 77 ]; then
		skip=$((skip + 1)); skipped="$skipped $name"
		echo "SKIP $name: $(grep '^skip: ' "$out" | tail -n 1 | sed 's/^skip: //')"
	else
		fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name (exit $st)"
		sed 's/^/    /' "$out" | tail -n 20
	fi
}
filter=${1:-}
for t in "$units"/test_*; do
	[ -x "$t" ] || continue
	run "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/cli/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	run "cli/$(basename "$t" .sh)" sh "$t"
done
[ -n "$failed" ] && echo "failed:$failed"
[ -n "$skipped" ] && echo "skipped:$skipped"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
