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
# PATTERN (grep -E), nothing on stdout. A usage error (STATUS 2) is that line ending in
# " (see TOOL -h)"; PATTERN is matched against the line without it.
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
	re_msg=$T/err.err
	if [ "$want" = 2 ]; then
		grep -q " (see $(basename "$1") -h)\$" "$T/err.err" ||
			fail "$*: usage error does not end in '(see $(basename "$1") -h)': $(cat "$T/err.err")"
		sed 's/ (see [^ ]* -h)$//' "$T/err.err" >"$T/err.msg"
		re_msg=$T/err.msg
	fi
	re_n=$(wc -l <"$re_msg")
	[ "$re_n" = 1 ] || fail "$*: $re_n stderr lines, want 1: $(cat "$T/err.err")"
	grep -Eq -- "$pat" "$re_msg" || fail "$*: stderr '$(cat "$re_msg")' does not match '$pat'"
}

# expect_usage cmd...: a usage error: exit 2, nothing on stdout, one line "tool: what is
# wrong (see tool -h)" on stderr
expect_usage() {
	expect_error 2 "^$(basename "$1"): [^ ]" "$@"
}

# expect_help tool: -h (and --help) print the synopsis and an option summary on stdout,
# exit 0; --version prints "tool (eegpipe) VERSION"
expect_help() {
	for eh in -h --help; do
		"$1" $eh >"$T/help.out" 2>"$T/help.err" || fail "$1 $eh: nonzero exit"
		grep -q "^usage: $1" "$T/help.out" || fail "$1 $eh: no usage on stdout"
		grep -q '^  -h, --help ' "$T/help.out" || fail "$1 $eh: no option summary"
		[ ! -s "$T/help.err" ] || fail "$1 $eh: wrote to stderr"
	done
	"$1" --version >"$T/help.out" 2>"$T/help.err" || fail "$1 --version: nonzero exit"
	grep -Eqx "$1 \(eegpipe\) [0-9]+\.[0-9]+(\.[0-9]+)?" "$T/help.out" ||
		fail "$1 --version: '$(cat "$T/help.out")'"
	[ ! -s "$T/help.err" ] || fail "$1 --version: wrote to stderr"
}

# py: Debian's python3 (numpy, scipy, sklearn, torch)
py() { "${PYTHON:-/usr/bin/python3}" "$@"; }
