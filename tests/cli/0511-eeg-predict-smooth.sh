#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-predict --smooth K: each frame's probabilities are the mean of its window's and the
# K-1 before it, restarted at a change of group or part (t0) and where time does not
# increase; checked against that closed form computed from the unsmoothed output, in a
# batch (file) and frame by frame (pipe). --smooth 1 is no smoothing, bit for bit.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
eeg-scale --apply "$D/z.par" "$D/bands.eeg" >"$T/z.eeg"	# 6 recordings, 2 subjects
eeg-predict --threads 1 "$D/m" "$T/z.eeg" >"$T/p1.eeg"
eeg-predict --threads 1 --smooth 1 "$D/m" "$T/z.eeg" | eeg-cat -t >"$T/k1.csv"
eeg-cat -t "$T/p1.eeg" | cmp -s - "$T/k1.csv" || fail "--smooth 1 is not the unsmoothed output"
eeg-predict --threads 1 --smooth 5 "$D/m" "$T/z.eeg" | eeg-cat -tu >"$T/s5.csv"
cat "$T/z.eeg" | eeg-predict --threads 1 --smooth 5 "$D/m" | eeg-cat -tu >"$T/s5pipe.csv"
eeg-cat -tu "$T/p1.eeg" >"$T/p1.csv"
py - "$T/p1.csv" "$T/s5.csv" "$T/s5pipe.csv" <<'PY'
import sys
import numpy as np
def load(path):
    rows = [l.rstrip("\n").split(",") for l in open(path)][1:]
    return [r[:3] for r in rows], np.array([[float(v) for v in r[3:]] for r in rows])
keys, p = load(sys.argv[1])
want, held, prev = [], [], None
for k, row in zip(keys, p):
    # a new recording: another group, or a time that does not increase (each part's t0)
    if prev is not None and (k[1] != prev[1] or float(k[2]) <= float(prev[2])):
        held = []
    held = (held + [row])[-5:]
    want.append(np.mean(held, axis=0))
    prev = k
want = np.array(want)
restarts = sum(1 for a, b in zip(keys, keys[1:]) if a[1] != b[1] or float(b[2]) <= float(a[2]))
assert restarts == 5, restarts
for path in sys.argv[2:]:
    k2, s = load(path)
    assert k2 == keys, path
    assert np.abs(s - want).max() < 1e-6, (path, np.abs(s - want).max())
    assert np.abs(s.sum(axis=1) - 1).max() < 1e-5
assert np.abs(want - p).max() > 1e-3, "smoothing changed nothing: the check cannot tell"
print("--smooth 5 = the moving mean of 5 windows, restarted %d times" % restarts)
PY
expect_usage eeg-predict --smooth 0 "$D/m" "$T/z.eeg"
expect_usage eeg-predict --smooth x "$D/m" "$T/z.eeg"
