#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select error paths: exit status, one stderr line, nothing on stdout.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/a.eeg" "$T/nonames.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
write_stream(sys.argv[1], np.ones((4, 3)), columns=["fft_0", "fft_1", "mean_0"])
write_stream(sys.argv[2], np.ones((4, 3)))
PY
expect_help eeg-select
expect_usage eeg-select --bogus -c fft
expect_error 2 "^eeg-select: --not needs a pattern \\(-c\\)\$" eeg-select --not
expect_usage eeg-select -r
expect_error 1 '^eeg-select: nope\.eeg: open: No such file or directory$' eeg-select -c fft nope.eeg
# truncated in the last frame, in the header, and garbage
size=$(wc -c <"$T/a.eeg")
head -c $((size - 4 * 28 + 10)) "$T/a.eeg" >"$T/trunc0.eeg"
expect_error 1 '^eeg-select: .*trunc0\.eeg: frame 0: truncated \(10 of 28 bytes\)$' eeg-select -c fft "$T/trunc0.eeg"
# a stream is processed as it arrives: frames before the damage are out, the exit is 1
head -c $((size - 3)) "$T/a.eeg" >"$T/trunc.eeg"
if eeg-select -c fft "$T/trunc.eeg" >"$T/out" 2>"$T/err"; then fail "truncated: exit 0"; fi
grep -qx 'eeg-select: .*trunc\.eeg: frame 3: truncated (25 of 28 bytes)' "$T/err" || fail "$(cat "$T/err")"
[ "$(wc -l <"$T/err")" = 1 ] || fail "truncated: more than one line"
head -c 20 "$T/a.eeg" >"$T/trunch.eeg"
expect_error 1 '^eeg-select: .*trunch\.eeg: header: truncated body' eeg-select -c fft "$T/trunch.eeg"
printf 'label,x\na,1\n' >"$T/garbage.eeg"
expect_error 1 '^eeg-select: stdin: header: text, not an eegpipe tensor stream \(eeg-csv makes one of a CSV table\)$' \
	sh -c 'eeg-select -c fft <"$1"' sh "$T/garbage.eeg"
printf '\211EEG\r\n\032' >"$T/badmagic.eeg"
expect_error 1 '^eeg-select: stdin: header: not an eegpipe tensor stream \(bad magic\)$' \
	sh -c 'eeg-select <"$1"' sh "$T/badmagic.eeg"
: >"$T/empty.eeg"
expect_error 1 '^eeg-select: stdin: header: empty input$' sh -c 'eeg-select -c fft <"$1"' sh "$T/empty.eeg"
expect_error 1 "^eeg-select: stdin: columns: pattern 'nope' matches no column\$" \
	sh -c 'eeg-select -c fft,nope <"$1"' sh "$T/a.eeg"
expect_error 1 "^eeg-select: stdin: columns: the stream has no column names to match 'fft'\$" \
	sh -c 'eeg-select -c fft <"$1"' sh "$T/nonames.eeg"
# write errors: a full disk is exit 1, not silence
expect_error 1 '^eeg-select: stdout: write: No space left on device$' sh -c 'eeg-select -c fft <"$1" >/dev/full' sh "$T/a.eeg"
# without names, no pattern keeps every column, and rows can still be filtered
eeg-select <"$T/nonames.eeg" | cmp - "$T/nonames.eeg" >/dev/null 2>&1 && fail "history not recorded"
eeg-select <"$T/nonames.eeg" | eeg-cat --info | grep -qx 'frames: 4' || fail "no pattern"
echo ok
