#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --checkpoint best-val-acc keeps the epoch with the best validation accuracy (the first
# of equals), as Keras' ModelCheckpoint; --history writes one TSV row per epoch;
# --early-stop stops after PATIENCE epochs without improvement; --lr-decay K follows
# lr0 * exp(-epoch / K).
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 400 11 >"$T/train.eeg"
py "$gen" memory 200 12 >"$T/val.eeg"
eeg-train --model lstm --units 8 --epochs 8 --lr 0.02 --lr-decay 4 --val "$T/val.eeg" \
	--checkpoint best-val-acc --history "$T/h.tsv" -o "$T/m" "$T/train.eeg" 2>/dev/null
[ "$(head -n 1 "$T/h.tsv")" = "$(printf 'epoch\tloss\taccuracy\tval_loss\tval_accuracy\tlr\tseconds\tpeak_mib')" ] ||
	fail "history header: $(head -n 1 "$T/h.tsv")"
[ "$(wc -l <"$T/h.tsv")" = 9 ] || fail "history: want 8 rows"
best=$(awk -F'\t' 'NR > 1 && $5 > b { b = $5; e = $1 } END { print e }' "$T/h.tsv")
got=$(eeg-train --info "$T/m" | sed -n 's/^epochs: //p')
[ "$best" = "$got" ] || fail "checkpoint kept epoch $got, best val_acc was epoch $best"
# lr column: 0.02 * exp(-(epoch-1)/4)
awk -F'\t' 'NR > 1 { want = 0.02 * exp(-($1 - 1) / 4); d = $6 - want
	if (d < 0) d = -d; if (d > 1e-6 * want) { print "lr", $1, $6, want; exit 1 } }' "$T/h.tsv" ||
	fail "lr schedule"
# the kept model gives the logged val accuracy
acc=$(eeg-predict "$T/m" "$T/val.eeg" | eeg-cat -t | accuracy 6)
want=$(awk -F'\t' -v e="$best" '$1 == e { print $5 }' "$T/h.tsv")
[ "$acc" = "$want" ] || fail "kept model's val accuracy $acc, history says $want"
# early stop: a constant-ish tiny lr cannot improve for long; patience 1 stops early
eeg-train --model lstm --units 2 --epochs 30 --lr 1e-9 --val "$T/val.eeg" --early-stop 1 \
	--history "$T/h2.tsv" -o "$T/m2" "$T/train.eeg" 2>"$T/log2"
n=$(($(wc -l <"$T/h2.tsv") - 1))
[ "$n" -lt 30 ] || fail "early stop did not stop ($n epochs)"
grep -q '^eeg-train: early stop' "$T/log2" || fail "no early-stop message"
