#!/bin/sh
# An LSTM and a GRU each learn a task that needs memory: the class is set by step 0 of 10,
# every later step is noise. Held-out accuracy of eeg-predict's probabilities must reach 98%.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 2000 1 10 2 >"$T/train.eeg"
py "$gen" memory 500 2 10 2 >"$T/test.eeg"
for model in lstm gru; do
	eeg-train --model $model --units 32 --epochs 25 --lr 0.005 --seed 1 --threads 2 \
		-o "$T/m" "$T/train.eeg" 2>"$T/log"
	[ "$(wc -l <"$T/log")" = 25 ] || fail "$model: want one stderr line per epoch: $(cat "$T/log")"
	eeg-predict "$T/m" "$T/test.eeg" | eeg-cat -t >"$T/p.csv"
	# accuracy: argmax of the p_<class> columns against the true label
	acc=$(awk -F, 'NR == 1 { for (i = 4; i <= NF; i++) name[i] = substr($i, 3); next }
		{ k = 4; for (i = 5; i <= NF; i++) if ($i > $k) k = i; n++; ok += name[k] == $1 }
		END { printf "%.4f", ok / n }' "$T/p.csv")
	echo "$model memory task: held-out accuracy $acc"
	awk -v a="$acc" 'BEGIN { exit !(a >= 0.98) }' || fail "$model: accuracy $acc < 0.98"
done
