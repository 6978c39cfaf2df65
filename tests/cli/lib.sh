# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for CLI tests: sourced by each tests/cli/NNNN-*.sh (not a test itself).
set -eu
LC_ALL=C; export LC_ALL
unset PYTHONOPTIMIZE	# Python checks written as assert must not vanish under -O
T=$(mktemp -d "${TMPDIR:-/tmp}/eegtest.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
DATA=${EEG_TOP:-.}/tests/data

fail() { echo "FAIL: $*" >&2; exit 1; }

# skip WHY: this test cannot run here; tests/run.sh counts it as skipped (exit 77).
skip() { echo "skip: $*"; exit 77; }

# need_data VAR: the directory of real recordings named by $VAR, or skip when it is absent;
# with EEG_REQUIRE_DATA set (CI has the data) its absence fails the test instead.
need_data() {
	eval "nd_dir=\${$1:-}"
	[ -n "$nd_dir" ] && [ -d "$nd_dir" ] && [ -r "$nd_dir" ] && return 0
	[ -z "${EEG_REQUIRE_DATA:-}" ] || fail "$1 (${nd_dir:-unset}) not readable, and EEG_REQUIRE_DATA is set"
	skip "no data: $1 is ${nd_dir:-unset}"
}

# accuracy [DIGITS] < PREDICTIONS.csv: the share of rows whose argmax class is the true
# label, from eeg-cat -t output of eeg-predict (label,group,time,p_<class>...), with DIGITS
# decimals (4); fails on an empty table.
accuracy() {
	awk -F, -v d="${1:-4}" 'NR == 1 { for (i = 4; i <= NF; i++) name[i] = substr($i, 3); next }
	{ best = 4; for (i = 5; i <= NF; i++) if ($i > $best) best = i
	  n++; ok += name[best] == $1 }
	END { if (!n) exit 1; printf "%.*f\n", d, ok / n }'
}

# at_least A B: A >= B as numbers
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

# expect_error STATUS PATTERN cmd...: exit STATUS, exactly one stderr line matching
# PATTERN (grep -E), nothing on stdout.
expect_error() {
	quiet_stdout=1 run_error "$@"
}

# expect_fail STATUS PATTERN cmd...: as expect_error, but a streaming tool may already have
# written the frames before the bad one to stdout.
expect_fail() {
	quiet_stdout=0 run_error "$@"
}

run_error() {
	want=$1 pat=$2; shift 2
	set +e
	"$@" >"$T/err.out" 2>"$T/err.err"
	got=$?
	set -e
	[ "$got" = "$want" ] || fail "$*: exit $got, want $want: $(cat "$T/err.err")"
	[ "$quiet_stdout" = 0 ] || [ ! -s "$T/err.out" ] || fail "$*: wrote to stdout on error"
	n=$(wc -l <"$T/err.err")
	[ "$n" = 1 ] || fail "$*: $n stderr lines, want 1: $(cat "$T/err.err")"
	grep -Eq -- "$pat" "$T/err.err" || fail "$*: stderr '$(cat "$T/err.err")' does not match '$pat'"
}

# expect_usage cmd...: exit 2, usage on stderr, nothing on stdout
expect_usage() {
	set +e
	"$@" >"$T/err.out" 2>"$T/err.err"
	got=$?
	set -e
	[ "$got" = 2 ] || fail "$*: exit $got, want 2"
	[ ! -s "$T/err.out" ] || fail "$*: wrote to stdout on usage error"
	[ -s "$T/err.err" ] || fail "$*: no message on usage error"
}

# expect_help tool: -h prints usage on stdout, exit 0
expect_help() {
	"$1" -h >"$T/help.out" 2>"$T/help.err" || fail "$1 -h: nonzero exit"
	grep -q "usage: $1" "$T/help.out" || fail "$1 -h: no usage on stdout"
	[ ! -s "$T/help.err" ] || fail "$1 -h: wrote to stderr"
}

# py: Debian's python3 (numpy, scipy, sklearn, torch)
py() { "${PYTHON:-/usr/bin/python3}" "$@"; }
