#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every tool: -h prints usage on stdout (exit 0), a bad option exits 2, and it has a man
# page that renders without warnings. The format's own page too.
. "$(dirname "$0")/lib.sh"
man=$EEG_TOP/man
n=0
for b in "$EEG_TOP"/bin/eeg-*; do
	t=$(basename "$b")
	expect_help "$t"
	expect_usage "$t" --no-such-option
	[ -f "$man/$t.1" ] || fail "$t has no man page man/$t.1"
	n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "only $n tools built"
for m in "$man"/*.1 "$man"/*.5; do
	w=$(groff -mdoc -Tutf8 -ww -z "$m" 2>&1)
	[ -z "$w" ] || fail "$m: $w"
	grep -q '^\.Sh EXAMPLES' "$m" || fail "$m has no EXAMPLES section"
done
[ -f "$man/eeg-tensor.5" ] || fail "no eeg-tensor(5)"
