#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pipelines/figures.sh on a run directory made by hand: the confusion matrix of 4 classes
# (one name with a space, one never predicted) shows every class name, every count and every
# row share, as a valid PNG and SVG whose cells are vector rectangles; the learning curves
# show the validation curves only when the history has them, and mark the epoch kept only
# when it is not the last; an unknown kind is a usage error.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null 2>&1 || skip "no gnuplot (Debian: gnuplot-nox)"
F=$EEG_TOP/pipelines/figures.sh
D=$T/run
mkdir "$D"
printf 'run: lstm, blocks split\ndata: eeg-synth recordings (eeg-synth -n 20)\n' >"$D/settings.txt"
PYTHONPATH=$EEG_TOP/tests/ref
export PYTHONPATH
py - "$T/pred.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
classes = ["concentrating", "mind wandering", "neutral", "relaxed"]
y = np.repeat([0, 1, 2, 3], [7, 5, 11, 3])
pred = np.array([0] * 6 + [1] + [0] * 2 + [1] * 3 + [1] * 4 + [3] * 7 + [3] * 3)
p = np.full((len(y), 4), 0.1, dtype=np.float32)
p[np.arange(len(y)), pred] = 0.7                       # "neutral" is never predicted
write_stream(sys.argv[1], p, columns=["p_" + c for c in classes], classes=classes, labels=y)
PY
eeg-metrics --tsv "$T/pred.eeg" >"$D/metrics.tsv"
sh "$F" confusion "$D" || fail "figures.sh confusion"
py "$EEG_TOP/tests/ref/images.py" "$D/confusion.png" "$D/confusion.svg" >"$T/img" ||
	{ cat "$T/img"; fail "invalid confusion figure"; }
for c in concentrating "mind wandering" neutral relaxed; do
	grep -q ">$c<" "$D/confusion.svg" || fail "confusion.svg does not name '$c'"
done
# every count and row share, from eeg-metrics' own table
awk -F'\t' '$1 == "confusion" { print $4 } $1 == "confusion_normalized" { printf "%.0f%%\n", 100 * $4 }' \
	"$D/metrics.tsv" | sort -u | while read -r v; do
	grep -q ">$v<" "$D/confusion.svg" || fail "confusion.svg lacks '$v'"
done
grep -q '>lstm, blocks split, eeg-synth recordings: accuracy 0.462<' "$D/confusion.svg" ||
	fail "the title does not name the run, the data and the accuracy"
! grep -q '<image' "$D/confusion.svg" || fail "the heatmap is a raster image inside the SVG"

# curves: no validation set (empty fields, as eeg-train writes them), the last epoch kept
printf 'epoch\tloss\taccuracy\tval_loss\tval_accuracy\tlr\tseconds\tpeak_mib\n' >"$D/history.tsv"
printf '%s\t%s\t%s\t\t\t0.001\t0.1\t12\n' 1 1.05 0.41 2 0.81 0.66 3 0.62 0.78 >>"$D/history.tsv"
printf 'epochs: 3\n' >"$D/info.txt"
sh "$F" curves "$D" 2>"$T/err" || fail "figures.sh curves: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "gnuplot complained: $(cat "$T/err")"
! grep -q '>validation<' "$D/curves.svg" || fail "validation curves drawn without a validation set"
! grep -q 'the model kept' "$D/curves.svg" || fail "kept epoch marked though it is the last"
grep -q '>training<' "$D/curves.svg" || fail "no training curve"
# with validation scores, the best epoch (2) kept
printf 'epoch\tloss\taccuracy\tval_loss\tval_accuracy\tlr\tseconds\tpeak_mib\n' >"$D/history.tsv"
printf '%s\t%s\t%s\t%s\t%s\t0.001\t0.1\t12\n' 1 1.05 0.41 0.99 0.50 2 0.81 0.66 0.90 0.61 \
	3 0.62 0.78 0.95 0.58 >>"$D/history.tsv"
printf 'epochs: 2\n' >"$D/info.txt"
sh "$F" curves "$D" || fail "figures.sh curves with validation"
grep -q '>validation<' "$D/curves.svg" || fail "no validation curve"
grep -q 'dotted: epoch 2, the model kept' "$D/curves.svg" || fail "the kept epoch is not marked"
py "$EEG_TOP/tests/ref/images.py" "$D/curves.png" "$D/curves.svg" >"$T/img" ||
	{ cat "$T/img"; fail "invalid curves figure"; }
set +e
sh "$F" pie "$D" 2>"$T/err"
st=$?
set -e
[ "$st" = 2 ] || fail "figures.sh pie: exit $st, want 2"
