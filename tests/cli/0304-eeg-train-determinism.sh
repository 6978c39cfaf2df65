#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Same seed and thread count: byte-identical model files (dropout, shuffling and, with 32
# units on 2 threads, the recurrent loop split among threads included).
# Another seed: a different model. The file carries seed, epochs and the data digest.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/seqtask.py" memory 300 5 >"$T/train.eeg"
for th in 1 2; do
	for run in a b; do	# the same command line: the file records it
		eeg-train --model gru --units 32 --layers 2 --sequences --dropout 0.3 --epochs 3 \
			--seed 7 --threads $th -o "$T/m" "$T/train.eeg" 2>/dev/null
		mv "$T/m" "$T/m$th$run"
	done
	cmp "$T/m${th}a" "$T/m${th}b" || fail "threads $th: same seed, different model files"
done
eeg-train --model gru --units 32 --layers 2 --sequences --dropout 0.3 --epochs 3 \
	--seed 8 --threads 1 -o "$T/m" "$T/train.eeg" 2>/dev/null
mv "$T/m" "$T/m8"
! cmp -s "$T/m1a" "$T/m8" || fail "seeds 7 and 8 gave the same model"
eeg-train --info "$T/m1a" >"$T/info"
grep -qx 'seed: 7' "$T/info" || fail "no seed in --info"
grep -qx 'epochs: 3' "$T/info" || fail "no epochs in --info"
grep -qx 'frames: 300' "$T/info" || fail "no frame count in --info"
# the digest follows the data: another training set gives another digest
py "$EEG_TOP/tests/ref/seqtask.py" memory 300 6 >"$T/other.eeg"
eeg-train --model gru --units 8 --epochs 1 --seed 7 -o "$T/mo" "$T/other.eeg" 2>/dev/null
d1=$(grep '^data digest' "$T/info") d2=$(eeg-train --info "$T/mo" | grep '^data digest')
[ "$d1" != "$d2" ] || fail "same digest for different data"
