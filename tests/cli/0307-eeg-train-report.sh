#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What eeg-train reports for a study's table: one stderr line per epoch (no val_ fields
# without a validation set, never "nan"), a last line with the epoch time and peak memory,
# the history TSV (seconds in column 7, peak memory in 8, empty val fields without --val),
# and --info's parameter count and FLOPs per frame against the closed forms (Keras layout).
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 64 1 >"$T/train.eeg"
py "$gen" memory 32 2 >"$T/val.eeg"
eeg-train --model lstm --units 6 --epochs 3 --threads 1 --history "$T/h.tsv" -o "$T/m" \
	"$T/train.eeg" 2>"$T/log"
grep -q nan "$T/log" && fail "nan in the log: $(cat "$T/log")"
[ "$(wc -l <"$T/log")" = 4 ] || fail "want 3 epoch lines and a summary: $(cat "$T/log")"
grep -Eq '^epoch 3/3 loss [0-9.]+ acc [0-9.]+ lr 0\.001 [0-9.]+s$' "$T/log" || fail "epoch line: $(cat "$T/log")"
tail -n 1 "$T/log" | grep -Eq '^eeg-train: 3 epochs in [0-9.]+ s \([0-9.]+ s per epoch\), peak memory [0-9.]+ MiB$' ||
	fail "summary: $(tail -n 1 "$T/log")"
[ "$(head -n 1 "$T/h.tsv")" = "$(printf 'epoch\tloss\taccuracy\tval_loss\tval_accuracy\tlr\tseconds\tpeak_mib')" ] ||
	fail "history header: $(head -n 1 "$T/h.tsv")"
awk -F'\t' 'NR > 1 && (NF != 8 || $4 != "" || $5 != "" || $7 < 0 || $8 <= 0) { exit 1 }' "$T/h.tsv" ||
	fail "history rows without --val: $(cat "$T/h.tsv")"
# the summary's seconds per epoch is the history's mean (each rounded to 1 ms)
per=$(sed -n 's/.*(\([0-9.]*\) s per epoch).*/\1/p' "$T/log")
awk -F'\t' -v per="$per" 'NR > 1 { s += $7; n++ } END { d = s / n - per; exit !(per != "" && d < 0.0015 && d > -0.0015) }' "$T/h.tsv" ||
	fail "per epoch: $(tail -n 1 "$T/log") vs history $(cat "$T/h.tsv")"
# with a validation set and a checkpoint
eeg-train --model gru --units 5 --layers 2 --sequences --epochs 2 --threads 1 --val "$T/val.eeg" \
	--checkpoint best-val-acc --history "$T/hv.tsv" -o "$T/g" "$T/train.eeg" 2>"$T/logv"
grep -Eq '^epoch 2/2 loss [0-9.]+ acc [0-9.]+ val_loss [0-9.]+ val_acc [0-9.]+ lr 0\.001 [0-9.]+s$' "$T/logv" ||
	fail "epoch line with val: $(cat "$T/logv")"
tail -n 1 "$T/logv" | grep -Eq ', kept epoch [12] \(val_acc [0-9.]+\)$' || fail "summary: $(tail -n 1 "$T/logv")"
awk -F'\t' 'NR > 1 && (NF != 8 || $4 == "" || $5 == "") { exit 1 }' "$T/hv.tsv" || fail "history with --val"
# --info: parameters and FLOPs per frame; input 20x2, 3 classes
info() { eeg-train --info "$1" | sed -n "s/^$2: //p"; }
H=6 F=2 S=20 C=3
[ "$(info "$T/m" parameters)" = $((4 * H * (F + H + 1) + H * C + C)) ] || fail "lstm parameters $(info "$T/m" parameters)"
[ "$(info "$T/m" 'flops per frame')" = $((S * (8 * H * (F + H) + 17 * H) + 2 * H * C + C + 4 * C)) ] ||
	fail "lstm flops $(info "$T/m" 'flops per frame')"
H=5 K=$((20 * 5))
[ "$(info "$T/g" parameters)" = $((3 * H * (F + H + 2) + 3 * H * (H + H + 2) + K * C + C)) ] ||
	fail "gru parameters $(info "$T/g" parameters)"
[ "$(info "$T/g" 'flops per frame')" = $((S * (6 * H * (F + H) + 17 * H) + S * (6 * H * (H + H) + 17 * H) + 2 * K * C + C + 4 * C)) ] ||
	fail "gru flops $(info "$T/g" 'flops per frame')"
echo ok
