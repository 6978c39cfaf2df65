#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every tool (every cmd/*.c, so a new tool is held to it too): -h and --help print the
# synopsis and an option summary on stdout (exit 0), --version prints the version, a bad
# option or a missing argument is a usage error (exit 2, one line "tool: what (see tool -h)" on
# stderr), and it has a man page that says so, with EXAMPLES (run by 0802), which mandoc
# -Tlint finds no fault in at its WARNING level and groff renders without a warning. The
# format's own page too. (mandoc's STYLE notes are not held against a page: its lines are
# wrapped at 90 columns, not 80, and .Os names the project.)
. "$(dirname "$0")/lib.sh"
man=$EEG_TOP/man
n=0
for c in "$EEG_TOP"/cmd/*.c; do
	t=$(basename "$c" .c)
	command -v "$t" >/dev/null || fail "$t: cmd/$t.c is not built (no bin/$t)"
	expect_help "$t"
	expect_error 2 "^$t: --no-such-option: unknown option\$" "$t" --no-such-option
	expect_error 2 "^$t: -\\^: unknown option\$" "$t" -^
	expect_error 2 "^$t: --help=x: takes no value\$" "$t" --help=x
	[ -f "$man/$t.1" ] || fail "$t has no man page man/$t.1"
	grep -q 'Fl -version' "$man/$t.1" || fail "man/$t.1 does not mention --version"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n tools in cmd/"
# a missing argument names the option, short or long
expect_error 2 "^eeg-split: -s: needs an argument\$" eeg-split -s
expect_error 2 "^eeg-split: --train: needs an argument\$" eeg-split --train
expect_error 2 "^eeg-split: --t: ambiguous option\$" eeg-split --t x
command -v mandoc >/dev/null || fail "mandoc is not installed (it is in .ci/deps)"
for m in "$man"/*.1 "$man"/*.5; do
	w=$(groff -mdoc -Tutf8 -ww -z "$m" 2>&1)
	[ -z "$w" ] || fail "$m: $w"
	w=$(mandoc -Tlint -W warning "$m" 2>&1) || fail "$m: mandoc -Tlint: $w"
	[ -z "$w" ] || fail "$m: mandoc -Tlint: $w"
	grep -q '^\.Sh EXAMPLES' "$m" || fail "$m has no EXAMPLES section"
done
[ -f "$man/eeg-tensor.5" ] || fail "no eeg-tensor(5)"
