#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The seed study cannot go stale: after a run with EPOCHS=1, EPOCHS=2 retrains the models
# and keeps the features and splits; the same command again rebuilds nothing; SEED=2 makes
# new splits and models from the same features; recordings appearing in MUSE replace the
# synthetic ones. The summary always states what its numbers were made with.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
cd "$EEG_TOP"
O=$T/seed
mkdir "$T/muse"
study() {
	make -f pipelines/seed.mk OUT="$O" MUSE="$T/muse" MODELS=lstm THREADS=1 \
		SYNTH="-n 12 --sessions 1 --subjects 3 --seed 1" "$@" >"$T/out" 2>&1 ||
		{ cat "$T/out"; fail "make -f pipelines/seed.mk $*"; }
}
# stamp FILE...: their modification times, to see what a run rewrote
stamp() { for f in "$@"; do stat -c '%n %Y.%y' "$f"; done; }
epochs() { sed -n 's/^epochs: //p' "$O/lstm-$1/info.txt"; }

study EPOCHS=1
[ "$(epochs blocks)" = 1 ] || fail "EPOCHS=1 trained $(epochs blocks) epochs"
stamp "$O/fft.eeg" >"$T/fft1"
stamp "$O/fft.eeg" "$O/split-blocks/train.eeg" >"$T/data1"

study EPOCHS=2
for s in random blocks subject; do
	[ "$(epochs $s)" = 2 ] || fail "EPOCHS=2 after EPOCHS=1: lstm-$s still has $(epochs $s) epochs"
	grep -q "^lstm-$s: epoch 2/2 " "$T/out" || fail "lstm-$s not retrained"
done
stamp "$O/fft.eeg" "$O/split-blocks/train.eeg" | cmp -s - "$T/data1" ||
	fail "EPOCHS=2 rebuilt the features or the splits"
grep -q -- '--epochs 2 --seed 1 --threads 1$' "$O/summary.txt" || fail "the summary does not say 2 epochs"
grep -q -- '--epochs 2 --seed 1 --threads 1$' "$O/lstm-blocks/report.txt" || fail "the report does not say 2 epochs"

stamp "$O"/lstm-*/model >"$T/models2"
study EPOCHS=2
stamp "$O"/lstm-*/model | cmp -s - "$T/models2" || fail "the same command retrained a model"
! grep -q ': epoch ' "$T/out" || fail "the same command trained again"

study EPOCHS=2 SEED=2
stamp "$O/fft.eeg" | cmp -s - "$T/fft1" || fail "SEED=2 rebuilt the features"
[ "$O/split-blocks/train.eeg" -nt "$O/fft.eeg" ] && grep -q '^lstm-blocks: epoch 1/2' "$T/out" ||
	fail "SEED=2 did not make new splits and models"
grep -q '^split blocks: eeg-split .* --seed 2;' "$O/summary.txt" || fail "the summary does not say seed 2"

# recordings appear where the real ones are looked for
cp "$O"/raw/subject*.csv "$T/muse/"
study EPOCHS=2 SEED=2
grep -q "^data: 9 Muse recordings in $T/muse " "$O/summary.txt" ||
	fail "the recordings in MUSE are not the data source: $(grep '^data' "$O/summary.txt")"
grep -q "^eeg-fft --profile bird2018 $T/muse/subject" "$T/out" || fail "the features were not rebuilt from MUSE"
grep -q '^lstm-subject: epoch 2/2' "$T/out" || fail "the models were not retrained on the recordings"
