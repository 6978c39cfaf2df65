#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-metrics: accuracy, macro precision/recall/F1 and the confusion matrix equal
# scikit-learn's on random predictions (one class never predicted, to exercise zero_division).
. "$(dirname "$0")/lib.sh"
expect_help eeg-metrics
expect_usage eeg-metrics a b
py - "$T/pred.eeg" "$T/want" <<'PY'
import sys
sys.path.insert(0, __import__("os").environ["EEG_TOP"] + "/tests/ref")
import numpy as np
from eegstream import write_stream
from sklearn.metrics import accuracy_score, precision_recall_fscore_support, confusion_matrix
rng = np.random.default_rng(7)
n, k = 500, 4
classes = ["concentrating", "neutral", "relaxed", "sleepy"]
y = rng.integers(0, k, n)
p = rng.random((n, k)).astype(np.float32)
p[:, 3] = 0                      # "sleepy" is never predicted
p[y == 0, 0] += 0.6              # class 0 mostly right
p /= p.sum(1, keepdims=True)
g = rng.integers(0, 3, n)
write_stream(sys.argv[1], p, columns=["p_" + c for c in classes], classes=classes,
             groups=["subjecta", "subjectb", "subjectc"], labels=y, group=g)
yp = p.argmax(1)
acc = accuracy_score(y, yp)
pr, rc, f1, _ = precision_recall_fscore_support(y, yp, average="macro", zero_division=0)
cm = confusion_matrix(y, yp, labels=range(k))
with open(sys.argv[2], "w") as f:
    print("%.4f %.4f %.4f %.4f" % (acc, pr, rc, f1), file=f)
    for row in cm:
        print(" ".join(map(str, row)), file=f)
    for i in range(3):
        print("%.4f %d" % ((yp[g == i] == y[g == i]).mean(), (g == i).sum()), file=f)
PY
eeg-metrics "$T/pred.eeg" >"$T/report"
got=$(awk '/^accuracy/ {a=$2} /^precision/ {p=$2} /^recall/ {r=$2} /^f1 / {f=$2} END {print a, p, r, f}' "$T/report")
[ "$got" = "$(sed -n 1p "$T/want")" ] || fail "scores '$got' != sklearn '$(sed -n 1p "$T/want")'"
sed -n '/^confusion/,/^$/p' "$T/report" | sed -n '3,6p' | awk '{$1=""; sub(/^ /, ""); print}' >"$T/cm"
sed -n 2,5p "$T/want" >"$T/cm.want"
cmp "$T/cm" "$T/cm.want" || fail "confusion: $(cat "$T/cm")"
sed -n '/^group/,/^$/p' "$T/report" | sed -n '2,4p' | awk '{print $2, $3}' >"$T/g"
sed -n 6,8p "$T/want" >"$T/g.want"
cmp "$T/g" "$T/g.want" || fail "per group: $(cat "$T/g")"
grep -q 'unknown: no eeg-split' "$T/report" || fail "no split provenance line"

# errors: not a prediction stream, frames without labels
eeg-csv "$DATA/small.csv" >"$T/small.eeg"
expect_error 1 "^eeg-metrics: .*small\.eeg: header: column 1 is 'alpha', not 'p_NEGATIVE'" eeg-metrics "$T/small.eeg"
printf 'p_a,p_b\n0.2,0.8\n' | eeg-csv >"$T/nolab.eeg"
expect_error 1 "header: not a prediction stream" eeg-metrics "$T/nolab.eeg"
printf 'p_a,p_b,label\n0.2,0.8,a\n0.5,0.5,\n0.1,0.9,b\n' | eeg-csv >"$T/nolab2.eeg"
printf 'p_a,p_b,label\n0.9,0.1,a\n0.5,0.5,b\n' | eeg-csv | eeg-metrics >"$T/ab"
grep -q '^accuracy   0.5000' "$T/ab" || fail "tiny: $(cat "$T/ab")"
expect_error 1 "frame 1: no true label" eeg-metrics "$T/nolab2.eeg"
expect_error 1 '^eeg-metrics: stdout: write: No space left' sh -c 'eeg-metrics "$1" >/dev/full' sh "$T/pred.eeg"
