#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-scale error paths: options, parameters files (missing, garbage, truncated, other
# version, other shape or columns, other method), bad streams, non-finite results, write
# errors: exit status, one stderr line, nothing on stdout.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
X = np.arange(12, dtype=np.float32).reshape(4, 3)
write_stream(T + "/a.eeg", X, columns=["x", "y", "z"])
write_stream(T + "/b.eeg", X, columns=["x", "Y", "z"])
write_stream(T + "/c.eeg", X[:, :2], columns=["x", "y"])
write_stream(T + "/empty.eeg", np.zeros((0, 3)), columns=["x", "y", "z"])
PY
eeg-scale -f "$T/a.scale" "$T/a.eeg" >/dev/null
expect_help eeg-scale
expect_usage eeg-scale --bogus
expect_usage eeg-scale -f x -a y
expect_usage eeg-scale a.eeg b.eeg
expect_error 2 "^eeg-scale: --method: expected zscore or minmax, got 'l2'\$" eeg-scale -m l2
expect_error 1 '^eeg-scale: nope\.eeg: open: No such file or directory$' eeg-scale nope.eeg
expect_error 1 '^eeg-scale: nope\.scale: open: No such file or directory$' eeg-scale -a nope.scale "$T/a.eeg"
printf '\211EEG garbage\n' >"$T/garbage.scale"
expect_error 1 '^eeg-scale: .*garbage\.scale: a binary file, not scaler parameters \(eeg-scale --fit writes them\)$' eeg-scale -a "$T/garbage.scale" "$T/a.eeg"
printf 'not parameters\n' >"$T/text.scale"
expect_error 1 '^eeg-scale: .*text\.scale: line 1: not an eegpipe scaler file$' eeg-scale -a "$T/text.scale" "$T/a.eeg"
# another eegpipe file given for parameters is named for what it is
expect_error 1 '^eeg-scale: .*a\.eeg: an eegpipe tensor stream, not scaler parameters \(eeg-scale --fit writes them\)$' eeg-scale -a "$T/a.eeg" "$T/a.eeg"
sed 's/^eegpipe-scale=2$/eegpipe-scale=3/' "$T/a.scale" >"$T/v3.scale"
expect_error 1 "v3\.scale: line 1: scaler file version '3' not supported \(this reader knows 1 and 2\)\$" eeg-scale -a "$T/v3.scale" "$T/a.eeg"
# version 2 says what the statistics were fit on, in one word
sed '4s/.*/fit=train set/' "$T/a.scale" >"$T/fit.scale"
expect_error 1 'fit\.scale: line 4: expected fit= and one word \(the part it was fit on\)$' eeg-scale -a "$T/fit.scale" "$T/a.eeg"
sed '4d' "$T/a.scale" >"$T/nofit.scale"
expect_error 1 'nofit\.scale: line 4: expected fit= and one word' eeg-scale -a "$T/nofit.scale" "$T/a.eeg"
# a version 1 file (no fit= line) still applies, and the stream says its fit is unknown
sed '1s/=2$/=1/; 4d' "$T/a.scale" >"$T/v1.scale"
eeg-scale -a "$T/v1.scale" "$T/a.eeg" | eeg-cat --info | grep -qx 'scale=zscore global unknown' || fail "version 1 file"
head -n 9 "$T/a.scale" >"$T/trunc.scale"
expect_error 1 '^eeg-scale: .*trunc\.scale: line 10: unexpected end of file \(truncated\?\)$' eeg-scale -a "$T/trunc.scale" "$T/a.eeg"
head -c $(($(wc -c <"$T/a.scale") - 3)) "$T/a.scale" >"$T/trunc2.scale"
expect_error 1 'trunc2\.scale: line 14: no newline at end of file \(truncated\?\)$' eeg-scale -a "$T/trunc2.scale" "$T/a.eeg"
sed '11s/.* /1 /; 11s/ .*/ 0/' "$T/a.scale" >"$T/zero.scale"
expect_error 1 'zero\.scale: line 11: expected a finite shift and a positive finite scale$' eeg-scale -a "$T/zero.scale" "$T/a.eeg"
sed '11s/^/x/' "$T/a.scale" >"$T/nan.scale"
expect_error 1 'nan\.scale: line 11: expected two numbers$' eeg-scale -a "$T/nan.scale" "$T/a.eeg"
# parameters fitted on another stream layout are refused, naming the difference
expect_error 1 "^eeg-scale: .*b\.eeg: .*a\.scale: stream column 2 is 'Y', the scaler's is 'y'\$" eeg-scale -a "$T/a.scale" "$T/b.eeg"
expect_error 1 "^eeg-scale: .*c\.eeg: .*a\.scale: stream frames are 2 values, the scaler was fit on 3\$" eeg-scale -a "$T/a.scale" "$T/c.eeg"
expect_error 1 "^eeg-scale: .*a\.scale: holds zscore parameters, not minmax\$" eeg-scale -m minmax -a "$T/a.scale" "$T/a.eeg"
# bad streams
head -c 30 "$T/a.eeg" >"$T/trunc.eeg"
expect_error 1 '^eeg-scale: .*trunc\.eeg: header: truncated body' eeg-scale "$T/trunc.eeg"
size=$(wc -c <"$T/a.eeg")
head -c $((size - 4)) "$T/a.eeg" >"$T/truncf.eeg"
expect_error 1 '^eeg-scale: .*truncf\.eeg: frame 3: truncated \(24 of 28 bytes\)$' eeg-scale -f "$T/t.scale" "$T/truncf.eeg"
[ ! -e "$T/t.scale" ] || fail "truncated input: parameters written"
expect_error 1 '^eeg-scale: stdin: header: eeg-scale parameters \(eeg-scale --fit\), not a tensor stream$' sh -c 'eeg-scale <"$1"' sh "$T/a.scale"
expect_error 1 '^eeg-scale: .*empty\.eeg: no frames to fit$' eeg-scale "$T/empty.eeg"
# --apply on a stream with no frames is fine: the header goes through
eeg-scale -a "$T/a.scale" "$T/empty.eeg" | eeg-cat --info | grep -qx 'frames: 0' || fail "empty apply"
# a scale so small that the result overflows f32 is an error naming frame and column
awk 'NR == 11 { print "0 1e-300"; next } { print }' "$T/a.scale" >"$T/tiny.scale"
expect_error 1 "^eeg-scale: .*a\.eeg: frame 1: value 1 \(x\): scaled value is not a finite f32\$" \
	sh -c 'eeg-scale -a "$1" "$2" >"$3"' sh "$T/tiny.scale" "$T/a.eeg" "$T/partial"
expect_error 1 '^eeg-scale: stdout: write: No space left on device$' sh -c 'eeg-scale "$1" >/dev/full' sh "$T/a.eeg"
expect_error 1 '^eeg-scale: stdout: write: No space left on device$' sh -c 'eeg-scale -a "$2" "$1" >/dev/full' sh "$T/a.eeg" "$T/a.scale"
echo ok
