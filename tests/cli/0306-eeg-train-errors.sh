#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-train's error paths: usage errors exit 2; bad data exits 1 with one line; no model
# file is left behind when training never started.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 50 1 >"$T/ok.eeg"
py "$gen" memory 50 1 --nolabel >"$T/nolabel.eeg"
py "$gen" memory 20 1 --classes one >"$T/oneclass.eeg"
py "$gen" memory 50 1 --classes low,mid,x >"$T/otherclass.eeg"
py "$gen" memory 50 1 10 2 >"$T/short.eeg"
expect_help eeg-train
expect_error 2 "^eeg-train: --model lstm\|gru is needed\$" eeg-train --units 4 -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --model: want lstm or gru, got 'rnn'\$" eeg-train --model rnn --units 4 -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --units N is needed\$" eeg-train --model lstm -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: -o MODEL is needed: the file to write the model to\$" eeg-train --model lstm --units 4 "$T/ok.eeg"
expect_error 2 "^eeg-train: --units: expected an integer in 1\.\." eeg-train --model lstm --units 0 -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --dropout: expected a number in 0\.\.0\.99, got '1'\$" eeg-train --model lstm --units 4 --dropout 1 -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --checkpoint: only best-val-acc is known, got 'best-loss'\$" eeg-train --model lstm --units 4 --checkpoint best-loss --val "$T/ok.eeg" -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --checkpoint and --early-stop need --val\$" eeg-train --model lstm --units 4 --checkpoint best-val-acc -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: --reshape: want TxF, got '40'\$" eeg-train --model lstm --units 4 --reshape 40 -o "$T/m" "$T/ok.eeg"
expect_error 2 "^eeg-train: one training file, not 2\$" eeg-train --model lstm --units 4 -o "$T/m" "$T/ok.eeg" extra
expect_error 1 'reshape 7x6 needs 42 values per frame, frames have 40' \
	eeg-train --model lstm --units 4 --reshape 7x6 -o "$T/m" "$T/ok.eeg"
expect_error 1 'nolabel.eeg: frame 0: no label' \
	eeg-train --model lstm --units 4 -o "$T/m" "$T/nolabel.eeg"
expect_error 1 'oneclass.eeg: 1 class: need at least 2' \
	eeg-train --model lstm --units 4 -o "$T/m" "$T/oneclass.eeg"
expect_error 1 "otherclass.eeg: frame [0-9]+: class 'x' is not in the training set" \
	eeg-train --model lstm --units 4 --val "$T/otherclass.eeg" -o "$T/m" "$T/ok.eeg"
expect_error 1 'short.eeg: header: 20 values per frame, the training set has 40' \
	eeg-train --model lstm --units 4 --val "$T/short.eeg" -o "$T/m" "$T/ok.eeg"
expect_error 1 'missing.eeg' eeg-train --model lstm --units 4 -o "$T/m" "$T/missing.eeg"
printf 'not a tensor stream\n' >"$T/junk"
expect_error 1 'junk' eeg-train --model lstm --units 4 -o "$T/m" "$T/junk"
: >"$T/empty"
expect_error 1 'empty' eeg-train --model lstm --units 4 -o "$T/m" "$T/empty"
expect_error 1 'nodir/m: create: No such file' \
	eeg-train --model lstm --units 4 -o "$T/nodir/m" "$T/ok.eeg"
[ ! -e "$T/m" ] || fail "a model file was left after an error"
[ -z "$(ls "$T" | grep '^m\.')" ] || fail "a temporary model file was left: $(ls "$T")"
# a NaN in the data
py - "$T/ok.eeg" "$T/nan.eeg" <<'PYEOF'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
n = struct.unpack_from("<I", b, 12)[0]
struct.pack_into("<f", b, 16 + n + 2 * (16 + 160) + 16 + 4 * 3, float("nan"))
open(sys.argv[2], "wb").write(b)
PYEOF
expect_error 1 'nan.eeg: frame 2: .*(NaN|not finite)' \
	eeg-train --model lstm --units 4 -o "$T/m" "$T/nan.eeg"
# --info on things that are not models
expect_error 1 'junk: header: text, not a model \(eeg-train -o writes one\)$' eeg-train --info "$T/junk"
expect_error 1 'missing: open: No such file' eeg-train --info "$T/missing"
