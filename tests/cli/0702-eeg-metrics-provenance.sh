#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-metrics says how the test frames were chosen from the split and scale keys of the
# header (eeg-tensor(5)), never from command lines: an abbreviated option is no random
# split; the keys survive eeg-select, eeg-scale, eeg-predict and eeg-cat; and every leaky
# case is warned about (a random split or too small a gap of overlapping windows, a scaler
# fit before the split or on the test part, a score of the training part), while honest
# ones (a grouped split, per-subject calibration of the held-out subject) are not.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
rng = np.random.default_rng(3)
X, lab, grp, tim = [], [], [], []
for g in range(4):
    for c in range(3):
        n = 40
        X.append(rng.normal(size=(n, 4)) + c + 0.3 * g)
        lab += [c] * n; grp += [g] * n; tim += list(np.arange(n) * 0.5)
kw = dict(columns=["a", "b", "c", "d"], classes=["x", "y", "z"],
          groups=["subjecta", "subjectb", "subjectc", "subjectd"], labels=lab, group=grp, time=tim)
write_stream(T + "/all.eeg", np.concatenate(X), window=1, hop=0.5, **kw)
write_stream(T + "/apart.eeg", np.concatenate(X), window=0.5, hop=0.5, **kw)
PY
# score TRAIN TEST OUT: a small model trained on TRAIN scores TEST; OUT.txt and OUT.tsv
score() {
	eeg-train --model lstm --units 4 --epochs 1 --threads 1 -o "$T/m" "$1" 2>/dev/null
	eeg-predict "$T/m" "$2" >"$3.pred"
	eeg-metrics "$3.pred" >"$3.txt"
	eeg-metrics --tsv "$3.pred" >"$3.tsv"
}
# leaks OUT 0|1: the TSV's verdict
leaks() {
	got=$(awk -F'\t' '$1 == "summary" && $3 == "leaks" { print $4 }' "$1.tsv")
	[ "$got" = "$2" ] || fail "$1: leaks=$got, want $2: $(sed -n '/^how/,$p' "$1.txt")"
}
has() { grep -q -- "$2" "$1.txt" || fail "$1: no '$2' in: $(sed -n '/^how/,$p' "$1.txt")"; }

# an abbreviated --holdout is a leave-one-group-out split; the keys pass eeg-select,
# eeg-scale (fit on train, applied to test), eeg-predict, and eeg-cat of two files
eeg-split --hold subjectd --train "$T/h.train" --test "$T/h.test" "$T/all.eeg"
eeg-select -l x,y,z <"$T/h.train" >"$T/h.train.s"
eeg-select -l x,y,z <"$T/h.test" >"$T/h.test.s"
eeg-scale -f "$T/h.par" "$T/h.train.s" >"$T/h.train.z"
eeg-scale -a "$T/h.par" "$T/h.test.s" >"$T/h.test.z"
score "$T/h.train.z" "$T/h.test.z" "$T/hold"
leaks "$T/hold" 0
has "$T/hold" 'leave-one-group-out: no group on both sides (test: subjectd)'
has "$T/hold" 'scaler: zscore global, fit on the train part'
grep -q "WARNING" "$T/hold.txt" && fail "hold: a warning"
grep -qx 'split	all	method	holdout' "$T/hold.tsv" || fail "hold: method row"
grep -qx 'scale	1	fit	train' "$T/hold.tsv" || fail "hold: scale row"
# pooled: the predictions of two held-out subjects, concatenated by eeg-cat
eeg-split --holdout subjectc --train "$T/c.train" --test "$T/c.test" "$T/all.eeg"
eeg-scale -f "$T/c.par" "$T/c.train" >"$T/c.train.z"
eeg-scale -a "$T/c.par" "$T/c.test" >"$T/c.test.z"
score "$T/c.train.z" "$T/c.test.z" "$T/c"
eeg-cat "$T/hold.pred" "$T/c.pred" | eeg-metrics >"$T/pool.txt"
eeg-cat "$T/hold.pred" "$T/c.pred" | eeg-metrics --tsv >"$T/pool.tsv"
leaks "$T/pool" 0
has "$T/pool" 'held-out groups: no group on both sides (test: subjectd, subjectc)'
grep -q '^mean ' "$T/pool.txt" || fail "pool: no mean over groups"

# a random split of overlapping windows leaks; of windows apart it does not
eeg-split --train "$T/r.train" --test "$T/r.test" "$T/all.eeg" 2>/dev/null
score "$T/r.train" "$T/r.test" "$T/rand"
leaks "$T/rand" 1
has "$T/rand" 'WARNING: random split of overlapping windows'
eeg-split --stratify --train "$T/a.train" --test "$T/a.test" "$T/apart.eeg"
score "$T/a.train" "$T/a.test" "$T/apart"
leaks "$T/apart" 0
has "$T/apart" 'random split, stratified by class'
eeg-split --folds 4 --fold 2 --train "$T/f.train" --test "$T/f.test" "$T/all.eeg" 2>/dev/null
score "$T/f.train" "$T/f.test" "$T/folds"
leaks "$T/folds" 1

# time blocks: a gap shorter than the overlap leaks, a long enough one does not
eeg-split --blocks --gap 0 --train "$T/b0.train" --test "$T/b0.test" "$T/all.eeg" 2>/dev/null
score "$T/b0.train" "$T/b0.test" "$T/b0"
leaks "$T/b0" 1
has "$T/b0" 'WARNING: time blocks with a gap of 0 frames'
eeg-split --blocks --gap 1 --train "$T/b1.train" --test "$T/b1.test" "$T/all.eeg"
score "$T/b1.train" "$T/b1.test" "$T/b1"
leaks "$T/b1" 0
has "$T/b1" 'contiguous time blocks per recording, a gap of 1 frame$'

# a scaler fit before the split: global leaks; per group before a grouped split does not,
# before a split of time blocks it does
eeg-scale "$T/all.eeg" | eeg-split --holdout subjectd --train "$T/s.train" --test "$T/s.test"
score "$T/s.train" "$T/s.test" "$T/before"
leaks "$T/before" 1
has "$T/before" 'WARNING: the scaler was fit on all frames before the split'
eeg-scale -p "$T/all.eeg" | eeg-split --holdout subjectd --train "$T/p.train" --test "$T/p.test"
score "$T/p.train" "$T/p.test" "$T/pbefore"
leaks "$T/pbefore" 0
has "$T/pbefore" 'fit on all frames of each group before the split'
eeg-scale -p "$T/all.eeg" | eeg-split --blocks --gap 1 --train "$T/pb.train" --test "$T/pb.test"
score "$T/pb.train" "$T/pb.test" "$T/pblocks"
leaks "$T/pblocks" 1
has "$T/pblocks" 'WARNING: the per-group scaler was fit on all frames before the split'

# a scaler fit on the test part: global leaks; per-subject calibration of the held-out
# subject on its own unlabelled frames is the honest cross-subject recipe
eeg-scale "$T/h.train" >"$T/t.train"
eeg-scale "$T/h.test" >"$T/t.test"
score "$T/t.train" "$T/t.test" "$T/ontest"
leaks "$T/ontest" 1
has "$T/ontest" 'WARNING: the scaler was fit on the test part'
eeg-scale -p "$T/h.train" >"$T/pt.train"
eeg-scale -p "$T/h.test" >"$T/pt.test"
score "$T/pt.train" "$T/pt.test" "$T/calib"
leaks "$T/calib" 0
has "$T/calib" 'calibrated on the test part: each test group scaled with the statistics of its own unlabelled frames'

# scoring the training part is said to be worthless
score "$T/h.train" "$T/h.train" "$T/self"
leaks "$T/self" 1
has "$T/self" 'WARNING: these frames are the training part of their split'

# a damaged scale record is refused
py - "$T/hold.pred" "$T/bad.pred" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(b.replace(b"scale=zscore global train", b"scale=zscore globel train"))
PY
expect_error 1 "bad\.pred: header: scale=zscore globel train: expected METHOD SCOPE FIT" eeg-metrics "$T/bad.pred"
echo ok
