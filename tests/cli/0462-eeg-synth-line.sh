#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth --line: a 50 or 60 Hz line stands far above its neighbourhood on TP9 in the
# Muse CSV (read with NumPy, Welch from SciPy), and is absent with --line 0.
. "$(dirname "$0")/lib.sh"

for l in 50 60 0; do
	eeg-synth -n 20 --subjects 1 --sessions 1 --states neutral --line $l --format muse \
	    >"$T/l$l.csv"
done
py - "$T" <<'PY' || fail "line noise checks"
import sys
import numpy as np, scipy.signal as ss
bad = 0
for line, want in ((50, {50: True, 60: False}), (60, {50: False, 60: True}), (0, {50: False, 60: False})):
    x = np.loadtxt("%s/l%d.csv" % (sys.argv[1], line), delimiter=",", skiprows=1)[:, 1:]
    f, P = ss.welch(x - x.mean(0), fs=256, nperseg=512, axis=0)
    for hz, present in want.items():
        k = np.argmin(abs(f - hz))
        near = np.median(P[(abs(f - hz) > 2) & (abs(f - hz) < 6), 0])
        ratio = P[k - 1:k + 2, 0].max() / near
        ok = ratio > 100 if present else ratio < 5
        print("%s --line %d: TP9 %d Hz / neighbours = %.1f" % ("ok " if ok else "BAD", line, hz, ratio))
        bad += not ok
sys.exit(bad != 0)
PY
