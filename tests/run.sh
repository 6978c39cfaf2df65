#!/bin/sh
# Run every unit test program and every CLI test script; print "N passed, N failed".
# Usage: sh tests/run.sh [pattern]   (pattern filters test names, e.g. "scale")
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
export PATH
EEG_TOP=$top
export EEG_TOP
# Real recordings, when present beside the checkout (read in place, never copied).
: "${EEG_MUSE_DIR:=$top/../shared/data/muse-mental-state}"
export EEG_MUSE_DIR
# Debian's python3 has numpy/scipy/torch/sklearn; a pyenv python3 on PATH may not.
: "${PYTHON:=/usr/bin/python3}"
export PYTHON

pass=0 fail=0 failed=
log=$top/tests/tmp/log
mkdir -p "$log"
run() {
	name=$1; shift
	case $name in *"${filter:-}"*) ;; *) return ;; esac
	out=$log/$(echo "$name" | tr / _).out
	if "$@" >"$out" 2>&1; then
		pass=$((pass + 1)); echo "PASS $name"
	else
		fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"
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
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
