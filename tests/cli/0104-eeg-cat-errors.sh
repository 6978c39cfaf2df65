#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-cat on truncated, garbage and oversized input: exit 1, one line, nothing on stdout.
. "$(dirname "$0")/lib.sh"
eeg-csv "$DATA/small.csv" >"$T/s.eeg"
size=$(wc -c <"$T/s.eeg")
head -c $((size - 5)) "$T/s.eeg" >"$T/trunc.eeg"
expect_fail 1 '^eeg-cat: .*trunc\.eeg: frame 3: truncated \(19 of 24 bytes\)$' eeg-cat -t "$T/trunc.eeg"
head -c 20 "$T/s.eeg" >"$T/head.eeg"
expect_error 1 '^eeg-cat: .*head\.eeg: header: truncated body' eeg-cat "$T/head.eeg"
expect_error 1 '^eeg-cat: .*small\.csv: header: text, not an eegpipe tensor stream \(eeg-csv makes one of a CSV table\)$' eeg-cat "$DATA/small.csv"
# binary garbage of a fixed seed; then first bytes that NumPy's magics begin with
awk 'BEGIN { srand(104); for (i = 0; i < 100000; i++) printf "%c", int(rand() * 256) }' \
    >"$T/random"
expect_error 1 '^eeg-cat: .*random: header: not an eegpipe tensor stream \(bad magic\)$' eeg-cat "$T/random"
for first in P '\223' '\001'; do
	{ printf "$first"; cat "$T/random"; } >"$T/random2"
	expect_error 1 '^eeg-cat: .*random2: header: not an eegpipe tensor stream \(bad magic\)$' \
	    eeg-cat "$T/random2"
done
printf 'Pz,Cz\n1,2\n' >"$T/pz.csv"
expect_error 1 '^eeg-cat: .*pz\.csv: header: text, not an eegpipe tensor stream' eeg-cat "$T/pz.csv"
expect_error 1 '^eeg-cat: stdin: header: text, not an eegpipe tensor stream' \
    sh -c "printf P | eeg-cat"
expect_error 1 '^eeg-cat: stdin: header: empty input$' sh -c 'eeg-cat </dev/null'
# a header claiming a 4 GiB body is refused before allocating
printf '\211EEG\r\n\032\n\001\000\000\000\377\377\377\377' >"$T/huge.eeg"
expect_error 1 'header: body of 4294967295 bytes exceeds' eeg-cat "$T/huge.eeg"
# a frame of 2^24 values is the limit; 2^24+1 is refused
printf '\211EEG\r\n\032\n\001\000\000\000\031\000\000\000dtype=f32\nshape=16777217\n' >"$T/wide.eeg"
expect_error 1 'header: line 2: bad shape' eeg-cat "$T/wide.eeg"
expect_error 1 '^eeg-cat: stdout: write: No space left on device' sh -c 'eeg-cat "$1" >/dev/full' sh "$T/s.eeg"
# a reader that goes away ends eeg-cat quietly, killed by SIGPIPE as cat is (status 141)
awk 'BEGIN { print "a,b"; for (i = 0; i < 200000; i++) print i "," i * 2 }' | eeg-csv >"$T/big.eeg"
{ st=0; eeg-cat -t "$T/big.eeg" 2>"$T/pipe.err" || st=$?; echo $st >"$T/pipe.st"; } | head -c 1 >/dev/null
[ "$(cat "$T/pipe.st")" = 141 ] || fail "closed pipe: exit $(cat "$T/pipe.st"), want 141"
[ ! -s "$T/pipe.err" ] || fail "closed pipe: a message: $(cat "$T/pipe.err")"
# --npy writes an array NumPy loads, and never a half file on error
eeg-cat --npy "$T/x.npy" "$T/s.eeg"
py -c "import numpy as np,sys; a=np.load(sys.argv[1]); assert a.shape==(4,2) and a.dtype=='<f4' and a[1,1]==1000, a" "$T/x.npy"
expect_error 1 'frame 3: truncated' eeg-cat --npy "$T/y.npy" "$T/trunc.eeg"
[ ! -e "$T/y.npy" ] || fail "half-written npy left behind"
[ -z "$(ls "$T" | grep 'y.npy.')" ] || fail "temp file left behind"
