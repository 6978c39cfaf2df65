#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-metrics: every number of --json (accuracy, balanced accuracy, macro and weighted
# precision/recall/F1, the per-class table, the confusion matrix in counts and row shares,
# per-group scores with their mean and sample standard deviation) equals scikit-learn's on
# the same predictions, to 1e-12; --tsv holds the same numbers; the text report rounds them.
# The predictions have a class never predicted, a class never present, a group of the
# table with no frames, and groups that lack some classes.
. "$(dirname "$0")/lib.sh"
expect_help eeg-metrics
expect_usage eeg-metrics a b
expect_usage eeg-metrics --json --tsv
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/pred.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
rng = np.random.default_rng(7)
n, k = 500, 5
classes = ["concentrating", "neutral", "relaxed", "sleepy", "absent"]
y = rng.integers(0, 4, n)                # "absent" is never a true label
p = rng.random((n, k)).astype(np.float32)
p[:, 3] = 0                              # "sleepy" is never predicted
p[:, 4] = 0                              # nor "absent"
p[y == 0, 0] += 0.6                      # class 0 mostly right
p /= p.sum(1, keepdims=True)
g = rng.choice([0, 1, 3], n, p=[0.5, 0.3, 0.2])   # "subjectc" has no frames
g[(g == 3) & (y == 1)] = 1                        # subjectd has no "neutral" frames
write_stream(sys.argv[1], p, columns=["p_" + c for c in classes], classes=classes,
             groups=["subjecta", "subjectb", "subjectc", "subjectd"], labels=y, group=g)
PY
eeg-metrics --json "$T/pred.eeg" >"$T/m.json"
eeg-metrics --tsv "$T/pred.eeg" >"$T/m.tsv"
eeg-metrics "$T/pred.eeg" >"$T/m.txt"
py - "$T" <<'PY'
import csv, json, sys, warnings
import numpy as np
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             precision_recall_fscore_support)
from eegstream import read_stream
warnings.simplefilter("ignore")          # sklearn warns about classes missing from y_true
T = sys.argv[1]
s = read_stream(T + "/pred.eeg")
y, yp, g = s.labels, s.X.argmax(1), s.group
k = len(s.classes)
got = json.load(open(T + "/m.json"))
checked = 0

def same(a, b, what):
    global checked
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (what, a.shape, b.shape)
    if not np.allclose(a, b, rtol=1e-12, atol=1e-15):
        raise SystemExit("FAIL %s: eeg-metrics %s, sklearn %s" % (what, a, b))
    checked += a.size

def scores(yt, ypr):
    out = {"accuracy": accuracy_score(yt, ypr),
           "balanced_accuracy": balanced_accuracy_score(yt, ypr)}
    for avg in ("macro", "weighted"):
        pr, rc, f1, _ = precision_recall_fscore_support(yt, ypr, average=avg, zero_division=0)
        out.update({"precision_" + avg: pr, "recall_" + avg: rc, "f1_" + avg: f1})
    return out

assert got["frames"] == len(y) and got["classes"] == s.classes
for key, v in scores(y, yp).items():
    same(got[key], v, key)
pr, rc, f1, sup = precision_recall_fscore_support(y, yp, labels=range(k), zero_division=0)
assert [c["class"] for c in got["per_class"]] == s.classes
for name, want in (("precision", pr), ("recall", rc), ("f1", f1), ("support", sup)):
    same([c[name] for c in got["per_class"]], want, "per-class " + name)
same(got["confusion"], confusion_matrix(y, yp, labels=range(k)), "confusion")
with np.errstate(invalid="ignore"):
    same(got["confusion_normalized"],
         confusion_matrix(y, yp, labels=range(k), normalize="true"), "confusion_normalized")
present = sorted(set(g.tolist()))
assert [x["group"] for x in got["groups"]] == [s.groups[i] for i in present], got["groups"]
per = []
for x, i in zip(got["groups"], present):
    a = g == i
    assert x["frames"] == a.sum()
    want = scores(y[a], yp[a])
    row = []
    for key in ("accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro"):
        same(x[key], want[key], "%s %s" % (x["group"], key))
        row.append(want[key])
    per.append(row)
per = np.array(per)
keys = ("accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro")
same([got["groups_mean"][q] for q in keys], per.mean(0), "group mean")
same([got["groups_std"][q] for q in keys], per.std(0, ddof=1), "group sd")

# --tsv: the same numbers, one per row
rows = list(csv.reader(open(T + "/m.tsv"), delimiter="\t"))
assert rows[0] == ["table", "row", "column", "value"], rows[0]
tsv = {(t, r, c): v for t, r, c, v in rows[1:]}
assert len(tsv) == len(rows) - 1, "duplicate rows"
for key in ("accuracy", "balanced_accuracy", "precision_macro", "f1_weighted"):
    assert float(tsv["summary", "all", key]) == got[key], key
for i, ci in enumerate(s.classes):
    for j, cj in enumerate(s.classes):
        assert float(tsv["confusion", ci, cj]) == got["confusion"][i][j]
        assert float(tsv["confusion_normalized", ci, cj]) == got["confusion_normalized"][i][j]
for x in got["groups"]:
    assert float(tsv["group", x["group"], "f1_macro"]) == x["f1_macro"]
assert float(tsv["groups", "std", "accuracy"]) == got["groups_std"]["accuracy"]
assert tsv["summary", "all", "leaks"] == "0" and got["leaks"] is False

# the text report: the same numbers rounded to 4 places
txt = open(T + "/m.txt").read().split("\n")
line = {l.split()[0]: l.split() for l in txt if l and not l.startswith(" ")}
assert line["accuracy"][1] == "%.4f" % got["accuracy"]
assert line["balanced"][1] == "%.4f" % got["balanced_accuracy"]
assert line["f1"][1:5] == ["%.4f" % got["f1_macro"], "(macro)", "%.4f" % got["f1_weighted"], "(weighted)"]
assert line["sd"][1] == "%.4f" % got["groups_std"]["accuracy"]
print("ok: %d numbers equal scikit-learn's" % checked)
PY
grep -q 'unknown: the stream has no split keys' "$T/m.txt" || fail "no split provenance line"

# errors: not a prediction stream, frames without labels
eeg-csv "$DATA/small.csv" >"$T/small.eeg"
expect_error 1 "^eeg-metrics: .*small\.eeg: header: column 1 is 'alpha', not 'p_NEGATIVE'" eeg-metrics "$T/small.eeg"
printf 'p_a,p_b\n0.2,0.8\n' | eeg-csv >"$T/nolab.eeg"
expect_error 1 "header: not a prediction stream" eeg-metrics "$T/nolab.eeg"
printf 'p_a,p_b,label\n0.2,0.8,a\n0.5,0.5,\n0.1,0.9,b\n' | eeg-csv >"$T/nolab2.eeg"
printf 'p_a,p_b,label\n0.9,0.1,a\n0.5,0.5,b\n' | eeg-csv | eeg-metrics >"$T/ab"
grep -q '^accuracy   0.5000' "$T/ab" || fail "tiny: $(cat "$T/ab")"
expect_error 1 "frame 1: no true label" eeg-metrics "$T/nolab2.eeg"
py -c 'import sys, numpy as np; from eegstream import write_stream
write_stream(sys.argv[1], np.zeros((0, 2)), columns=["p_a", "p_b"], classes=["a", "b"])' "$T/none.eeg"
expect_error 1 "none\.eeg: frames: no frames to score" eeg-metrics --json "$T/none.eeg"
expect_error 1 '^eeg-metrics: stdout: write: No space left' sh -c 'eeg-metrics "$1" >/dev/full' sh "$T/pred.eeg"
expect_error 1 '^eeg-metrics: stdout: write: No space left' sh -c 'eeg-metrics --json "$1" >/dev/full' sh "$T/pred.eeg"
