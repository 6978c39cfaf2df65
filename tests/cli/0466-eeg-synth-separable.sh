#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth as demo data: band powers of 1 s windows (SciPy) classified by logistic
# regression (sklearn) are clearly above chance (1/3) but not perfect, and leave-one-subject-
# out is harder than a random split of the same windows: the point of honest splits.
. "$(dirname "$0")/lib.sh"

eeg-synth --seed 1 >"$T/s.eeg"	# 4 subjects x 3 states x 2 sessions x 60 s
py - "$T/s.eeg" <<'PY' || fail "separability"
import sys, struct, warnings
import numpy as np, scipy.signal as ss
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
warnings.simplefilter("ignore")
b = open(sys.argv[1], "rb").read()
n = struct.unpack("<I", b[12:16])[0]
rec = np.dtype([("label", "<i4"), ("group", "<i4"), ("time", "<f8"), ("x", "<f4", (5,))])
fr = np.frombuffer(b[16 + n:], dtype=rec)
# recordings: runs of frames with one label and group and no gap in time
cut = np.flatnonzero((np.diff(fr["time"]) > 0.1) | (np.diff(fr["label"]) != 0) | (np.diff(fr["group"]) != 0)) + 1
X, y, g = [], [], []
for r in np.split(fr, cut):
    f, t, S = ss.spectrogram(r["x"].T.astype(float), fs=256, window="hann", nperseg=256, noverlap=128)
    F = np.concatenate([np.log10(S[:, (f >= lo) & (f < hi), :].sum(1))
                        for lo, hi in ((1, 4), (4, 8), (8, 13), (13, 30), (30, 45))]).T
    X.append(F); y += [r["label"][0]] * len(F); g += [r["group"][0]] * len(F)
X, y, g = np.concatenate(X), np.array(y), np.array(g)
assert len(set(g)) == 4 and len(set(y)) == 3 and len(X) > 2000, (len(X), set(g), set(y))
clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
rnd = cross_val_score(clf, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0)).mean()
loso = cross_val_score(clf, X, y, cv=LeaveOneGroupOut(), groups=g).mean()
print("windows %d: random 5-fold %.3f, leave-one-subject-out %.3f (chance 0.333)" % (len(X), rnd, loso))
ok = 0.65 < rnd < 0.97 and 0.45 < loso < rnd - 0.03
sys.exit(0 if ok else 1)
PY
