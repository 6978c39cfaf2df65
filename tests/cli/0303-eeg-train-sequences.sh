#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --sequences: the class is set by the middle step of 30, so a dense layer over the
# flattened sequence (Keras' return_sequences + Flatten) reads it directly: >= 98% held
# out. The same budget without --sequences (last state only) stays well below, which
# shows the flattened steps are what the dense layer uses.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" middle 1000 3 30 1 >"$T/train.eeg"
py "$gen" middle 500 4 30 1 >"$T/test.eeg"
acc() { eeg-predict "$1" "$T/test.eeg" | eeg-cat -t | accuracy; }
for cell in lstm gru; do
	eeg-train --model $cell --units 4 --sequences --epochs 10 --lr 0.01 --threads 1 \
		-o "$T/seq" "$T/train.eeg" 2>/dev/null
	eeg-train --model $cell --units 4 --epochs 10 --lr 0.01 --threads 1 \
		-o "$T/last" "$T/train.eeg" 2>/dev/null
	eeg-train --info "$T/seq" | grep -q '^output: sequences' || fail "--info: not sequences"
	eeg-train --info "$T/last" | grep -q '^output: last state' || fail "--info: not last state"
	a=$(acc "$T/seq") b=$(acc "$T/last")
	echo "$cell middle-step task: --sequences $a, last state $b"
	at_least "$a" 0.98 || fail "$cell --sequences accuracy $a < 0.98"
	! at_least "$b" 0.9 || fail "$cell last state accuracy $b: task too easy"
done
