#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run every unit test program and every CLI test script; print "N passed, N failed, N skipped".
# Usage: sh tests/run.sh [pattern]   (pattern filters test names, e.g. "scale")
#
# A test passes with exit 0, is skipped with exit 77 (it could not run here: no data, or a
# CPU feature this machine lacks; its "skip: why" line is printed), and fails otherwise.
# EEG_REQUIRE_DATA=1 (CI) turns a missing data directory into a failure, not a skip.
LC_ALL=C
export LC_ALL
# Python checks written as assert must not vanish under -O.
unset PYTHONOPTIMIZE
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
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
run() {
	name=$1; shift
	case $name in *"${filter:-}"*) ;; *) return ;; esac
	out=$log/$(echo "$name" | tr / _).out
	"$@" >"$out" 2>&1
	st=$?
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
for t in "$top"/tests/unit/bin/test_*; do
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
