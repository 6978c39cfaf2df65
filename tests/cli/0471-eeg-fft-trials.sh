#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft --trials on an EDF+ motor run written here to the specification, laid out as
# PhysioNet's (tests/ref/edfplus.py: 30 annotations T0/T1/T2 of 4.2 s): one frame per event
# with its label, or the windows inside each trial; --events picks and renames them; a
# trial that starts before the recording is none; spectra against SciPy on the samples.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/edfplus.py" "$T/run.edf" "$T/truth.npz"
eeg-fft --trials 0:4 "$T/run.edf" >"$T/all.eeg"
eeg-fft --trials 0:4 --events T1=left,T2=right "$T/run.edf" >"$T/lr.eeg"
eeg-fft --trials 0:4 -w 1 -s 0.5 --bands default "$T/run.edf" >"$T/win.eeg"
eeg-fft --trials -0.5:3.5 --events T0=rest "$T/run.edf" >"$T/early.eeg"
eeg-fft -w 2 -s 2 --bands default "$T/run.edf" >"$T/labels.eeg"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import os, sys, numpy as np, scipy.signal as ss
sys.path.insert(0, sys.argv[1])
from spectra import frames, psd
T = sys.argv[2]
os.chdir(T)
d = np.load(T + "/truth.npz")
x, onsets, texts = d["x"], d["onsets"], list(d["texts"])
fs = 160

def close(a, b, what):
    err = np.abs(np.asarray(a) - np.asarray(b)).max() / np.abs(b).max()
    assert err < 1e-5, "%s: %g" % (what, err)

p = frames("all.eeg")
assert len(p["x"]) == 30, len(p["x"])
assert p["names"] == texts, p["names"]
assert [texts.count(c) for c in ("T0", "T1", "T2")] == [15, 8, 7]
close(p["time"], onsets, "trial times")
close(p["x"], [psd(x[int(round(o * fs)):int(round(o * fs)) + 640], fs) for o in onsets], "trial spectra")
assert float(p["meta"]["window"]) == 4 and float(p["meta"]["hop"]) == 4
assert p["columns"][0] == "C3_0.00Hz", p["columns"][0]   # the padding dots go
print("all.eeg: 30 trials, T0 15, T1 8, T2 7")

p = frames("lr.eeg")
want = [{"T1": "left", "T2": "right"}[t] for t in texts if t != "T0"]
assert p["names"] == want and len(want) == 15, p["names"]
print("lr.eeg: 15 trials left/right")

# 7 windows of 1 s every 0.5 s inside each 4 s trial, band powers
p = frames("win.eeg")
assert len(p["x"]) == 30 * 7, len(p["x"])
assert p["names"] == [t for t in texts for _ in range(7)]
starts = [int(round(o * fs)) + 80 * k for o in onsets for k in range(7)]
def bands(seg):
    f, pp = ss.welch(seg, fs, window="hann", nperseg=len(seg), noverlap=0, detrend=False,
                     scaling="density", axis=0)
    return np.array([[pp[(f >= lo) & (f < hi), c].sum() * f[1] for lo, hi in
                      ((1, 4), (4, 8), (8, 13), (13, 30), (30, 45))] for c in range(6)]).reshape(-1)
close(p["x"], [bands(x[a:a + 160]) for a in starts], "windows in trials")
# rest (T0) has the occipital alpha the file was written with
alpha = p["x"][:, [3 * 5 + 2, 4 * 5 + 2, 5 * 5 + 2]].mean(axis=1)
rest = np.array([n == "T0" for n in p["names"]])
assert alpha[rest].mean() > 5 * alpha[~rest].mean(), "occipital alpha at rest"
print("win.eeg: 210 windows; occipital alpha %.0fx at rest" % (alpha[rest].mean() / alpha[~rest].mean()))

# -0.5 s before the first T0 (at 0) was not recorded: 14 trials, not 15
p = frames("early.eeg")
rest_on = [o for o, t in zip(onsets, texts) if t == "T0"][1:]
assert len(p["x"]) == 14 and set(p["names"]) == {"rest"}, len(p["x"])
close(p["x"], [psd(x[int(round((o - 0.5) * fs)):int(round((o - 0.5) * fs)) + 640], fs) for o in rest_on], "early trials")
print("early.eeg: 14 trials from 0.5 s before T0")

# without --trials: the annotation at each window's centre labels it (the documented rule)
p = frames("labels.eeg")
centre = p["time"] + (319 / fs) / 2
want = [texts[int(np.searchsorted(onsets, c, side="right")) - 1] for c in centre]
assert p["names"] == want, (p["names"][:5], want[:5])
print("labels.eeg: %d windows labelled by the annotation at their centre" % len(want))
PY
expect_usage eeg-fft --trials 4:0 "$T/run.edf"
