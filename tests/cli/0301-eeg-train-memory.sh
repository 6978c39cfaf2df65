#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An LSTM and a GRU each learn a task that needs memory: the class is set by step 0 of 10,
# every later step is noise. Held-out accuracy of eeg-predict's probabilities must reach 98%.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 2000 1 10 2 >"$T/train.eeg"
py "$gen" memory 500 2 10 2 >"$T/test.eeg"
for model in lstm gru; do
	eeg-train --model $model --units 32 --epochs 25 --lr 0.005 --seed 1 --threads 2 \
		-o "$T/m" "$T/train.eeg" 2>"$T/log"
	[ "$(grep -c '^epoch ' "$T/log")" = 25 ] || fail "$model: want one stderr line per epoch: $(cat "$T/log")"
	[ "$(wc -l <"$T/log")" = 26 ] || fail "$model: want the epochs and a summary line: $(cat "$T/log")"
	acc=$(eeg-predict "$T/m" "$T/test.eeg" | eeg-cat -t | accuracy)
	echo "$model memory task: held-out accuracy $acc"
	at_least "$acc" 0.98 || fail "$model: accuracy $acc < 0.98"
done
