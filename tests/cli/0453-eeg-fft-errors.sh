#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft bad input: one stderr line naming the file, exit 1, nothing on stdout.
. "$(dirname "$0")/lib.sh"
h='timestamps,TP9,AF7,AF8,TP10,Right AUX'
awk -v h="$h" 'BEGIN { print h; for (i = 0; i < 600; i++)
	printf "%.3f,%d,%d,%d,%d,%d\n", 1000 + i / 256, i % 7, i % 5, i % 3, i % 11, 1 }' >"$T/ok.csv"
{ echo "$h"; echo '1000.000,1,2,3,4,5'; echo '1000.004,1,2,x,4,5'; } >"$T/cell.csv"
{ echo "$h"; echo '1000.000,1,2,3,4,5'; echo '1000.004,1,2,3,4'; } >"$T/short.csv"
{ head -n 500 "$T/ok.csv"; echo '999.000,1,2,3,4,5'; } >"$T/back.csv"
printf 'time,a,b\n0,1,2\n0.01,1,2\n' >"$T/two.csv"
printf 'time,a\n' >"$T/empty.csv"
expect_error 1 '^eeg-fft: .*nope\.csv: ' eeg-fft "$T/nope.csv"
expect_error 1 '^eeg-fft: .*cell\.csv: line 3: .*not a number' eeg-fft "$T/cell.csv"
expect_error 1 '^eeg-fft: .*cell\.csv: line 3: ' eeg-fft --profile bird2018 "$T/cell.csv"
expect_error 1 '^eeg-fft: .*short\.csv: line 3: ' eeg-fft "$T/short.csv"
expect_error 1 '^eeg-fft: .*back\.csv: line 501: ' eeg-fft "$T/back.csv"
expect_error 1 '^eeg-fft: .*two\.csv: header: --profile bird2018 needs 5 channels' \
	eeg-fft --profile bird2018 "$T/two.csv"
# a later file that does not match the first: caught before anything is written
expect_error 1 '^eeg-fft: .*two\.csv: header: 2 channels, the first file has 4' \
	eeg-fft "$T/ok.csv" "$T/two.csv"
expect_error 1 '^eeg-fft: .*ok\.csv: header: no frequency bin in 200-300 Hz' \
	eeg-fft --freq 200-300 "$T/ok.csv"
expect_error 1 '^eeg-fft: .*ok\.csv: header: band x starts above' \
	eeg-fft --bands x:200-300 "$T/ok.csv"
expect_error 1 '^eeg-fft: .*ok\.csv: header: Welch segment of 512 samples' \
	eeg-fft --welch 2 "$T/ok.csv"
expect_error 1 '^eeg-fft: .*ok\.csv: header: .*fewer than 2 samples per step' \
	eeg-fft -w 0.01 --steps 4 "$T/ok.csv"
expect_error 1 '^eeg-fft: stdout: ' sh -c 'eeg-fft "$1" >/dev/full' sh "$T/ok.csv"
# a header without samples is a stream without frames, not an error
eeg-fft --rate 128 "$T/empty.csv" >"$T/empty.eeg" 2>"$T/empty.err" || fail "empty input: $(cat "$T/empty.err")"
[ ! -s "$T/empty.err" ] || fail "empty input: stderr"
py - "$EEG_TOP/tests/ref" "$T/empty.eeg" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
p = read_parts(sys.argv[2])
assert len(p) == 1 and len(p[0]["x"]) == 0
PY
# a step backwards among the first rows (where the rate is estimated) names its line
printf 'time,a\n0,1\n0.01,2\n0.02,3\n0.015,4\n0.03,5\n' >"$T/back.csv"
expect_error 1 '^eeg-fft: .*back\.csv: line 5: time 0\.015 is before the previous' eeg-fft "$T/back.csv"
# windows and hops too long for a window buffer are refused, not wrapped around
printf 'time,a\n0,1\n0.01,2\n0.02,3\n' >"$T/short.csv"
expect_error 1 'header: a window of 1e\+06 s at 100 Hz is 100000000 samples: more than 16777216$' eeg-fft -w 1e6 "$T/short.csv"
expect_error 1 'header: a hop of 1e\+06 s at 1e\+06 Hz is 1000000000000 samples' eeg-fft -w 0.0001 -s 1e6 --rate 1e6 "$T/short.csv"
