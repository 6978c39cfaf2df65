#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The seed study end to end (pipelines/seed.mk) at small settings: synthetic recordings of
# 3 subjects, 2 epochs, a GRU of 16 units instead of 256 (the pipeline is under test, not
# the recipe). Every run shows its epochs on the terminal; the table's scores equal
# scikit-learn's on each run's own predictions; its parameter counts equal the closed form;
# only the random split is flagged as leaking; every run has its costs (FLOPs per frame,
# seconds per epoch, peak memory, prediction time); every figure is a valid PNG and SVG; every
# link and image of the page exists.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
cd "$EEG_TOP"
O=$T/seed
make -f pipelines/seed.mk OUT="$O" MUSE= SYNTH="-n 12 --sessions 1 --subjects 3 --seed 1" \
	EPOCHS=2 THREADS=1 \
	RECIPE_gru="--model gru --units 16 --sequences --reshape 1500x1 --lr-decay 10 --checkpoint best-val-acc" \
	>"$T/out" 2>&1 || { cat "$T/out"; fail "make -f pipelines/seed.mk"; }

# progress: one line per epoch per run, as it trains
for r in lstm-random lstm-blocks lstm-subject gru-random gru-blocks gru-subject; do
	for e in 1 2; do
		grep -q "^$r: epoch $e/2 loss " "$T/out" || fail "no epoch $e line for $r on the terminal"
	done
done
# the summary states its settings and holds a row per run
grep -q '^data: eeg-synth recordings (eeg-synth -n 12 --sessions 1 --subjects 3 --seed 1' "$O/summary.txt" ||
	fail "the summary does not name the data source"
grep -q '^model lstm: eeg-train .* --epochs 2 --seed 1 --threads 1$' "$O/summary.txt" ||
	fail "the summary does not state the LSTM's epochs and seed"
grep -q '^split subject: eeg-split --holdout subjectc ' "$O/summary.txt" || fail "subject split"
[ "$(grep -cE '^(lstm|gru) +(random|blocks|subject) ' "$O/summary.txt")" = 6 ] || fail "not 6 rows"
grep -Eq '^lstm +random .*no: the split leaks' "$O/summary.txt" || fail "random split not flagged"
[ "$(grep -c 'no: the split leaks' "$O/summary.txt")" = 2 ] || fail "a split other than random flagged"
grep -q '^  subject  accuracy [-+]' "$O/summary.txt" || fail "no GRU against LSTM line"

PYTHONPATH=$EEG_TOP/tests/ref
export PYTHONPATH
py - "$O" <<'PY'
import csv, sys
import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, precision_recall_fscore_support
from eegstream import read_stream
O = sys.argv[1]
rows = list(csv.DictReader(open(O + "/results.tsv"), delimiter="\t"))
assert len(rows) == 6, rows
for r in rows:
    s = read_stream(r["run"] + "/pred.eeg")
    y, p = s.labels, s.X.argmax(1)
    pr, rc, f1, _ = precision_recall_fscore_support(y, p, average="macro", zero_division=0)
    want = {"frames": len(y), "accuracy": accuracy_score(y, p),
            "balanced_accuracy": balanced_accuracy_score(y, p),
            "precision": pr, "recall": rc, "f1": f1}
    for k, v in want.items():
        assert abs(float(r[k]) - v) < 1e-9, (r["run"], k, r[k], v)
    # parameters: Keras' LSTM(50) on 1500 features, GRU(16) on 1 feature (two biases),
    # Flatten over 1500 steps for the GRU, Dense to 3 classes
    H = 50 if "/lstm-" in r["run"] else 16
    n = 4 * (1500 * H + H * H + H) + H * 3 + 3 if H == 50 else 3 * (H + H * H + 2 * H) + 1500 * H * 3 + 3
    assert int(r["parameters"]) == n, (r["run"], r["parameters"], n)
    assert r["leaks"] == ("1" if r["run"].endswith("-random") else "0"), r
    # the costs, from eeg-train --info, its summary line and eeg-predict -v
    for k in ("flops", "epoch_s", "train_mib", "predict_us"):
        assert float(r[k]) > 0, (r["run"], k, r[k])
print("scores of", len(rows), "runs equal scikit-learn's")
PY

# figures: valid images, the confusion matrix with the class names and counts
py "$EEG_TOP/tests/ref/images.py" "$O"/*/confusion.png "$O"/*/confusion.svg \
	"$O"/*/curves.png "$O"/*/curves.svg >"$T/img" || { cat "$T/img"; fail "an invalid figure"; }
[ "$(grep -c '^ok ' "$T/img")" = 24 ] || fail "not 24 figures"
for c in concentrating neutral relaxed; do
	grep -q ">$c<" "$O/lstm-blocks/confusion.svg" || fail "confusion.svg does not name $c"
done
n=$(awk -F'\t' '$1 == "confusion" && $2 == "relaxed" && $3 == "relaxed" { print $4 }' "$O/lstm-blocks/metrics.tsv")
grep -q ">$n<" "$O/lstm-blocks/confusion.svg" || fail "confusion.svg lacks the count $n"
# the page: every image and link resolves, every run has both figures
py "$EEG_TOP/tests/ref/links.py" "$O/report.html" >"$T/links" || { cat "$T/links"; fail "report.html"; }
grep -q '^images 12 ' "$T/links" || fail "report.html: $(cat "$T/links"), want 12 images"
