#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft spectra against SciPy: periodogram / Welch PSD (density, one-sided, periodic
# windows, no detrending), band powers, relative powers, dB, magnitude, --steps, names,
# header (rate, window, hop), frame times relative to the first timestamp.
. "$(dirname "$0")/lib.sh"
# 2 channels at 128 Hz, timestamps from 1000 s: a 10 Hz sine + noise, a 20 Hz sine
py - "$T/sig.csv" <<'PY'
import sys, numpy as np
r = np.random.default_rng(1)
n = 128 * 6 + 17
t = 1000 + np.arange(n) / 128
a = 3 * np.sin(2 * np.pi * 10 * (t - 1000)) + r.normal(0, 1, n)
b = 2 * np.sin(2 * np.pi * 20 * (t - 1000) + 1) + 0.5 + r.normal(0, 0.1, n)
with open(sys.argv[1], "w") as f:
    f.write("time,Fz,Cz\n")
    for i in range(n):
        f.write("%.9f,%.9f,%.9f\n" % (t[i], a[i], b[i]))
PY
eeg-fft -w 1 -s 0.5 "$T/sig.csv" >"$T/psd.eeg"
# the same samples as a float WAV (libsndfile): same frames
py -c 'import sys, numpy as np, scipy.io.wavfile as w
w.write(sys.argv[2], 128, np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)[:, 1:].astype(np.float32))' "$T/sig.csv" "$T/sig.wav"
eeg-fft --names Fz,Cz "$T/sig.wav" >"$T/wav.eeg"
eeg-fft -w 1 -s 0.5 --channels Cz "$T/sig.csv" >"$T/cz.eeg"
eeg-fft -w 0.5 -s 1.25 "$T/sig.csv" >"$T/sparse.eeg"
eeg-fft -w 2 -s 1 --welch 0.5 --window hamming "$T/sig.csv" >"$T/welch.eeg"
eeg-fft -w 1 -s 1 --bands default "$T/sig.csv" >"$T/bands.eeg"
eeg-fft -w 1 -s 1 --bands 'low:0-12,high:12-64' --relative --window rect "$T/sig.csv" >"$T/rel.eeg"
eeg-fft -w 1 -s 1 --log --freq 5-25 "$T/sig.csv" >"$T/log.eeg"
eeg-fft -w 1 -s 1 --magnitude --window rect "$T/sig.csv" >"$T/mag.eeg"
eeg-fft -w 2 -s 2 --steps 4 --bands default "$T/sig.csv" >"$T/steps.eeg"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import sys, numpy as np, scipy.signal as ss
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
T = sys.argv[2]
d = np.loadtxt(T + "/sig.csv", delimiter=",", skiprows=1)
t, x = d[:, 0], d[:, 1:]
fs = 128

def one(name):
    p = read_parts(T + "/" + name)
    assert len(p) == 1, name
    return p[0]

def close(a, b, what, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    err = np.abs(a - b).max() / max(np.abs(b).max(), 1e-30)
    assert a.shape == b.shape and err < tol, "%s: error %g %s %s" % (what, err, a.shape, b.shape)

def frames(w, h):
    n, hop = int(round(w * fs)), int(round(h * fs))
    return [(s, x[s:s + n]) for s in range(0, len(x) - n + 1, hop)]

def psd(seg, window="hann", nper=None):
    f, p = ss.welch(seg, fs, window=window, nperseg=nper or len(seg), noverlap=(nper or len(seg)) // 2,
                    detrend=False, scaling="density", axis=0)
    return f, p

# periodogram, hann, 1 s / 0.5 s
p = one("psd.eeg")
fr = frames(1, 0.5)
assert p["shape"] == (2 * 65,), p["shape"]
assert p["columns"][:3] == ["Fz_0.0Hz", "Fz_1.0Hz", "Fz_2.0Hz"] and p["columns"][65] == "Cz_0.0Hz", p["columns"][:3]
assert float(p["meta"]["rate"]) == 128 and float(p["meta"]["window"]) == 1 and float(p["meta"]["hop"]) == 0.5
# times from 1000 s are not Unix times: no t0 (eeg-tensor(5)), frame times from the first
assert p["meta"]["channels"] == "Fz,Cz" and "t0" not in p["meta"], p["meta"]
assert len(p["x"]) == len(fr), (len(p["x"]), len(fr))
close(p["time"], [s / fs for s, _ in fr], "frame times", 1e-9)
want = np.array([psd(seg)[1].T.reshape(-1) for _, seg in fr])
close(p["x"], want, "hann periodogram")
assert p["x"][:, 10].mean() > 100 * np.median(p["x"][:, :65]), "10 Hz peak in Fz"
assert p["x"][:, 65 + 20].mean() > 100 * np.median(p["x"][:, 65:]), "20 Hz peak in Cz"
wv = one("wav.eeg")
assert wv["columns"] == p["columns"] and (wv["time"] == p["time"]).all()
close(wv["x"], p["x"], "WAV input", 1e-6)
sp = one("sparse.eeg")
fr = frames(0.5, 1.25)
assert float(sp["meta"]["hop"]) == 1.25 and len(sp["x"]) == len(fr) == 5, len(sp["x"])
close(sp["time"], [s / fs for s, _ in fr], "hop > window: times", 1e-9)
close(sp["x"], [psd(seg)[1].T.reshape(-1) for _, seg in fr], "hop > window")
cz = one("cz.eeg")
assert cz["columns"] == p["columns"][65:] and cz["meta"]["channels"] == "Cz"
assert (cz["x"] == p["x"][:, 65:]).all(), "--channels Cz"
# Parseval on the rect magnitude: sum |.|^2 df = mean square
m = one("mag.eeg")
for (s, seg), row in zip(frames(1, 1), m["x"]):
    close((row.reshape(2, 65) ** 2).sum(axis=1) * 1.0, (seg ** 2).mean(axis=0), "Parseval", 1e-5)

# Welch, hamming, 2 s windows of 0.5 s segments
p = one("welch.eeg")
fr = frames(2, 1)
assert p["shape"] == (2 * 33,)
want = np.array([psd(seg, "hamming", 64)[1].T.reshape(-1) for _, seg in fr])
close(p["x"], want, "Welch")
assert p["columns"][1] == "Fz_2.0Hz", p["columns"][1]

# band powers: sum of PSD * df over [lo, hi)
def bandp(seg, bands, window="hann"):
    f, pp = psd(seg, window)
    df = f[1]
    return np.array([[pp[(f >= lo) & (f < hi), c].sum() * df for lo, hi in bands] for c in range(2)]).reshape(-1)
bands = [(1, 4), (4, 8), (8, 13), (13, 30), (30, 45)]
p = one("bands.eeg")
assert p["columns"] == [c + "_" + b for c in ("Fz", "Cz") for b in ("delta", "theta", "alpha", "beta", "gamma")]
close(p["x"], [bandp(seg, bands) for _, seg in frames(1, 1)], "band powers")
p = one("rel.eeg")
assert p["columns"] == ["Fz_low", "Fz_high", "Cz_low", "Cz_high"]
want = []
for _, seg in frames(1, 1):
    b = bandp(seg, [(0, 12), (12, 64)], "boxcar").reshape(2, 2)
    want.append((b / b.sum(axis=1, keepdims=True)).reshape(-1))
close(p["x"], want, "relative band powers")
close(p["x"].reshape(-1, 2, 2).sum(axis=2), np.ones((len(want), 2)), "relative powers sum to 1")

# dB over 5-25 Hz
p = one("log.eeg")
assert p["columns"][0] == "Fz_5.0Hz" and p["columns"][20] == "Fz_25.0Hz" and len(p["columns"]) == 42
want = np.array([10 * np.log10(psd(seg)[1][5:26].T.reshape(-1)) for _, seg in frames(1, 1)])
assert np.abs(p["x"] - want).max() < 1e-3, "dB"

# --steps 4: 2 s frames as 4 steps of 0.5 s, last-dim names
p = one("steps.eeg")
assert p["shape"] == (4, 10), p["shape"]
assert len(p["columns"]) == 10 and p["columns"][2] == "Fz_alpha"
assert float(p["meta"]["window"]) == 2 and p["meta"]["steps"] == "4"
for (s, seg), row in zip(frames(2, 2), p["x"]):
    for k in range(4):
        close(row.reshape(4, 10)[k], bandp(seg[64 * k:64 * (k + 1)], bands), "step %d" % k)
PY
