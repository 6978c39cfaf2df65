#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-cat: `cat a b | eeg-cat` and `eeg-cat a b` give one stream with merged class and
# group tables; every label keeps its name; incompatible parts are refused naming both.
. "$(dirname "$0")/lib.sh"
expect_help eeg-cat
expect_usage eeg-cat -t --info
printf 'x,y,label,group\n1,2,relaxed,subjecta\n3,4,neutral,subjecta\n' | eeg-csv >"$T/a.eeg"
printf 'x,y,label,group\n5,6,concentrating,subjectb\n7,8,relaxed,subjectb\n' | eeg-csv >"$T/b.eeg"
cat >"$T/want" <<'TXT'
label,group,time,x,y
relaxed,subjecta,,1,2
neutral,subjecta,,3,4
concentrating,subjectb,,5,6
relaxed,subjectb,,7,8
TXT
cat "$T/a.eeg" "$T/b.eeg" | eeg-cat -t >"$T/piped"
cmp "$T/piped" "$T/want" || fail "cat | eeg-cat -t: $(cat "$T/piped")"
eeg-cat -t "$T/a.eeg" "$T/b.eeg" >"$T/args"
cmp "$T/args" "$T/want" || fail "eeg-cat -t a b: $(cat "$T/args")"
# a piped concatenation stays valid after another eeg-cat (the header is restated)
cat "$T/a.eeg" "$T/b.eeg" | eeg-cat | eeg-cat | eeg-cat -t >"$T/twice"
cmp "$T/twice" "$T/want" || fail "twice"
# files given as arguments get one merged header up front: one part
eeg-cat "$T/a.eeg" "$T/b.eeg" | eeg-cat --info >"$T/info"
grep -qx 'parts: 1' "$T/info" || fail "one header: $(cat "$T/info")"
grep -qx '  2 concentrating: 1 frames' "$T/info" || fail "merged classes: $(cat "$T/info")"
grep -qx '  1 subjectb: 2 frames' "$T/info" || fail "merged groups"
# round trip through CSV text
eeg-cat -t "$T/a.eeg" "$T/b.eeg" | eeg-csv | eeg-cat -t >"$T/rt"
cmp "$T/rt" "$T/want" || fail "round trip"
# incompatible parts
printf 'x,z\n1,2\n' | eeg-csv >"$T/c.eeg"
printf 'x\n1\n' | eeg-csv >"$T/d.eeg"
expect_error 1 "^eeg-cat: .*c\.eeg: header: column 2 is 'z', not 'y' of .*a\.eeg" eeg-cat "$T/a.eeg" "$T/c.eeg"
expect_error 1 "^eeg-cat: .*d\.eeg: header: frame shape 1 does not match 2 of .*a\.eeg" eeg-cat "$T/a.eeg" "$T/d.eeg"
cat "$T/a.eeg" "$T/d.eeg" >"$T/ad.eeg"
expect_fail 1 "^eeg-cat: stdin: header 2: frame shape 1 does not match 2 of the first header" sh -c 'eeg-cat <"$1"' sh "$T/ad.eeg"
