#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-predict refuses streams that do not match the model, and bad model files, with one
# line on stderr and nothing on stdout.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 60 1 >"$T/train.eeg"
eeg-train --model gru --units 4 --epochs 1 -o "$T/m" "$T/train.eeg" 2>/dev/null
py "$gen" memory 10 2 10 2 >"$T/short.eeg"
py "$gen" memory 10 2 --prefix d >"$T/cols.eeg"
py "$gen" memory 10 2 --classes low,mid,other >"$T/class.eeg"
expect_help eeg-predict
expect_usage eeg-predict
expect_usage eeg-predict "$T/m" "$T/train.eeg" extra
expect_usage eeg-predict --threads 0 "$T/m" "$T/train.eeg"
expect_error 1 'short.eeg: header: frames are 10x2 \(20 values\), the model expects 20x2' \
	eeg-predict "$T/m" "$T/short.eeg"
expect_error 1 "cols.eeg: header: column 1 is 'd0', the model expects 'c0'" \
	eeg-predict "$T/m" "$T/cols.eeg"
expect_error 1 "class.eeg: frame [0-9]+: class 'other' is not one of the model's classes" \
	eeg-predict "$T/m" "$T/class.eeg"
expect_error 1 'nosuch: open: No such file' eeg-predict "$T/nosuch" "$T/train.eeg"
expect_error 1 'train.eeg: header: an eegpipe tensor stream, not a model \(eeg-train -o writes one\)$' eeg-predict "$T/train.eeg" "$T/train.eeg"
size=$(wc -c <"$T/m")
head -c $((size - 100)) "$T/m" >"$T/cut"
expect_error 1 'cut: weights: truncated' eeg-predict "$T/cut" "$T/train.eeg"
py - "$T/m" "$T/flip" <<'PYEOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[-30] ^= 1
open(sys.argv[2], "wb").write(b)
PYEOF
expect_error 1 'flip: checksum: mismatch' eeg-predict "$T/flip" "$T/train.eeg"
expect_error 1 'nodata.eeg' eeg-predict "$T/m" "$T/nodata.eeg"
# output errors are reported
if [ -w /dev/full ]; then
	if eeg-predict "$T/m" "$T/train.eeg" >/dev/full 2>"$T/full.err"; then
		fail "writing to /dev/full succeeded"
	fi
	grep -q '^eeg-predict: stdout: ' "$T/full.err" || fail "/dev/full: $(cat "$T/full.err")"
fi
