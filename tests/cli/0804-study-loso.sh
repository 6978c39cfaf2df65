#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Leave one subject out (pipelines/loso.mk) at small settings: 3 synthetic subjects, 2
# seeds, 2 epochs, two candidates for the best recipe. Every subject is held out for every
# recipe and seed; the per-subject means, the mean and the sample sd across subjects in the
# summary are those of the runs' own scores; each nested choice is the candidate of the best
# mean inner accuracy, and no inner run nor final model ever saw a frame of the held-out
# subject; every part is calibrated by its own subjects' statistics; the figure is valid.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
cd "$EEG_TOP"
O=$T/loso
make -f pipelines/loso.mk OUT="$O" MUSE= SYNTH="-n 12 --sessions 1 --subjects 3 --seed 1" \
	EPOCHS=2 THREADS=1 SEEDS="1 2" RECIPES="seed-lstm best" FEATS="abs2 rel8" NETS=lstm32 \
	>"$T/out" 2>&1 || { cat "$T/out"; fail "make -f pipelines/loso.mk"; }
grep -q '^best/subjecta/s2: epoch 2/2 ' "$T/out" || fail "no epoch lines of the final runs"
grep -q '^best/subjectb/s1: inner rel8-lstm32, subjecta held out: accuracy ' "$T/out" ||
	fail "no line per inner run"
for s in subjecta subjectb subjectc; do
	for k in 1 2; do
		grep -q "^run: best, $s held out, seed $k: " "$O/best/$s/s$k/report.txt" ||
			fail "best/$s/s$k: the report does not say what it is"
		grep -q "^run: seed-lstm, $s held out, seed $k" "$O/seed-lstm/$s/s$k/report.txt" ||
			fail "seed-lstm/$s/s$k: no report"
	done
	# the held-out subject is in no training part, and alone in its test parts
	for f in abs2 rel8; do
		for p in "$O/split/$f/$s"/*/train.c.eeg "$O/split/$f/$s"/*/test.c.eeg "$O/split/$f/$s/train.c.eeg"; do
			! eeg-cat --info "$p" | grep -q "^  [0-9]* $s: [1-9]" || fail "$p holds frames of $s"
		done
		[ "$(eeg-cat --info "$O/split/$f/$s/test.c.eeg" | grep -c '^  [0-9]* subject.: [1-9]')" = 1 ] ||
			fail "$O/split/$f/$s/test.c.eeg holds other subjects"
		[ ! -d "$O/best/$s/s1/inner/$f-lstm32/$s" ] || fail "an inner run tested on the held-out $s"
	done
done

PYTHONPATH=$EEG_TOP/tests/ref
export PYTHONPATH
py - "$O" <<'PY'
import csv, glob, os, sys
import numpy as np
from eegstream import read_stream
O = sys.argv[1]
subjects = ["subjecta", "subjectb", "subjectc"]

def acc(path):
    for r in csv.reader(open(path), delimiter="\t"):
        if r[0] == "summary" and r[2] == "accuracy":
            return float(r[3])

# the summary: per-subject means over seeds, then the mean and sample sd across subjects
table = open(O + "/summary.txt").read().split("Leave one subject out:")[1].split("(sd:")[0]
rows = {}
for l in table.splitlines()[1:]:
    if l.split():
        rows.setdefault(l.split()[0], [t for t in l.split()[1:] if not t.startswith("(")])
for j, recipe in enumerate(["seed-lstm", "best"]):
    per = [np.mean([acc("%s/%s/%s/s%d/metrics.tsv" % (O, recipe, s, k)) for k in (1, 2)])
           for s in subjects]
    for s, m in zip(subjects, per):
        got = float(rows[s][j])
        assert abs(got - m) < 6e-5, (recipe, s, got, m)
    assert abs(float(rows["mean"][j]) - np.mean(per)) < 6e-5, (recipe, rows["mean"], per)
    assert abs(float(rows["sd"][j]) - np.std(per, ddof=1)) < 6e-5, (recipe, rows["sd"], per)

# each nested choice: the best mean over the inner subjects (the first of equals)
for s in subjects:
    for k in (1, 2):
        d = "%s/best/%s/s%d" % (O, s, k)
        means = []
        for c in ["abs2-lstm32", "rel8-lstm32"]:
            inner = sorted(os.path.basename(p) for p in glob.glob(d + "/inner/" + c + "/*"))
            assert inner == [x for x in subjects if x != s], (d, c, inner)
            means.append(np.mean([acc(d + "/inner/%s/%s/metrics.tsv" % (c, i)) for i in inner]))
        want = ["abs2-lstm32", "rel8-lstm32"][int(np.argmax(means))]
        got = [l.split()[1] for l in open(d + "/choice.txt") if l.startswith("chosen: ")]
        assert got == [want], (d, got, want, means)
        assert ("chosen: " + want) in open(d + "/report.txt").read()

# per-subject calibration: within each subject of a part, every column has mean 0, sd 1
for p in glob.glob(O + "/split/*/*/test.c.eeg") + glob.glob(O + "/split/*/*/*/train.c.eeg"):
    st = read_stream(p)
    for g in set(st.group):
        x = st.X[st.group == g].astype(np.float64).reshape(int((st.group == g).sum()), -1)
        assert np.allclose(x.mean(0), 0, atol=1e-4) and np.allclose(x.std(0), 1, atol=1e-3), (p, g)
print("summary, choices and calibration checked")
PY
py "$EEG_TOP/tests/ref/images.py" "$O/loso.png" "$O/loso.svg" >"$T/img" || { cat "$T/img"; fail "invalid loso figure"; }
# the page: the table's figure and the first seed's figures of every run, all present
py "$EEG_TOP/tests/ref/links.py" "$O/report.html" >"$T/links" || { cat "$T/links"; fail "report.html"; }
grep -q '^images 13 ' "$T/links" || fail "report.html: $(cat "$T/links"), want 1 + 2 recipes x 3 subjects x 2"
