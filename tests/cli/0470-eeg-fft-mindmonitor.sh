#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on Mind Monitor exports written to the facts of real ones (tests/ref/mindmonitor.py):
# the spectra of every window equal SciPy's on the samples written, windows restart at each
# lost packet and never span one, --drop leaves out the windows that hold a blink or jaw
# clench, --contact the ones with worse contact, --trials cuts a frame per blink; a 1 Hz
# export is refused for spectra with one line, and --profile mindmonitor reads its bands.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/mindmonitor.py" constant "$T/mm.csv" "$T/truth.npz" 12
py "$EEG_TOP/tests/ref/mindmonitor.py" interval "$T/mm1.csv" "$T/truth1.npz" 20
ch=--channels=TP9,AF7,AF8,TP10
eeg-fft $ch -w 1 -s 0.5 "$T/mm.csv" >"$T/all.eeg"
eeg-fft $ch -w 1 -s 0.5 --drop blink,jaw_clench "$T/mm.csv" >"$T/drop.eeg"
eeg-fft $ch -w 1 -s 0.5 --contact good "$T/mm.csv" >"$T/good.eeg"
eeg-fft $ch -w 1 -s 0.5 --contact medium "$T/mm.csv" >"$T/medium.eeg"
eeg-fft $ch --events blink --trials -0.25:0.75 "$T/mm.csv" >"$T/blinks.eeg"
eeg-fft --profile mindmonitor "$T/mm1.csv" >"$T/bands.eeg"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import os, sys, numpy as np
sys.path.insert(0, sys.argv[1])
from spectra import frames, psd, windows
T = sys.argv[2]
os.chdir(T)

d = np.load(T + "/truth.npz")
x, run, hsi, mark_at, mark_text = d["x"][:, :4], d["run"], d["hsi"], d["mark_at"], d["mark_text"]

def check(name, key, n=256, hop=128, what=""):
    p = frames(name)
    w = windows(key, n, hop)
    assert len(p["x"]) == len(w), "%s: %d frames, want %d" % (name, len(p["x"]), len(w))
    want = np.array([psd(x[a:a + n], 256) for a in w])
    err = np.abs(p["x"] - want).max() / np.abs(want).max()
    assert err < 1e-5, "%s: spectra differ by %g" % (name, err)
    print("%s: %d frames%s" % (name, len(w), what))
    return p, w

assert len(set(run)) > 2, "lost packets"
p, w = check("all.eeg", run.copy(), what=", %d lost packets" % (len(set(run)) - 1))
assert p["columns"][0] == "TP9_0.0Hz" and float(p["meta"]["rate"]) == 256
# frame times: 0.5 s apart within a run, later across a lost packet
dt = np.diff(p["time"])
assert np.allclose(dt[np.diff(run[w]) == 0], 0.5, atol=5e-3), ("frame steps", dt)
assert (dt[np.diff(run[w]) != 0] > 0.5).all()
# --drop: the sample after a blink or jaw clench marker is in no window
key = run.copy()
for a, t in zip(mark_at, mark_text):
    if "blink" in t or "jaw_clench" in t:
        key[a] = -1
check("drop.eeg", key, what=" (--drop blink,jaw_clench)")
key = np.where(hsi > 1, -1, run)
check("good.eeg", key, what=" (--contact good)")
key = np.where(hsi > 2, -1, run)
check("medium.eeg", key, what=" (--contact medium)")
# trials: one frame per blink, 256 samples from 64 before the sample after the marker,
# unless a lost packet cuts it
p = frames("blinks.eeg")
starts = [a - 64 for a, t in zip(mark_at, mark_text) if "blink" in t]
starts = [a for a in starts if run[a] == run[a + 255]]
assert len(p["x"]) == len(starts) >= 1, (len(p["x"]), starts)
err = np.abs(p["x"] - np.array([psd(x[a:a + 256], 256) for a in starts])).max()
assert err < 1e-5 * np.abs(p["x"]).max(), "trial spectra %g" % err
assert [p["classes"][i] for i in p["label"]] == ["blink"] * len(starts), p["label"]
print("blinks.eeg: %d trials labelled blink" % len(starts))
# the band powers of a 1 Hz export, one frame per row, timed by the stamps
d1 = np.load(T + "/truth1.npz")
p = frames("bands.eeg")
names = ["%s_%s" % (e, b) for e in ("TP9", "AF7", "AF8", "TP10")
         for b in ("delta", "theta", "alpha", "beta", "gamma")]
assert p["columns"] == names and float(p["meta"]["rate"]) == 1, p["columns"][:3]
order = [["Delta", "Theta", "Alpha", "Beta", "Gamma"].index(n.split("_")[1].title()) * 4 +
         ["TP9", "AF7", "AF8", "TP10"].index(n.split("_")[0]) for n in names]
assert np.array_equal(p["x"], d1["bands"][:, order].astype(np.float32)), "band values"
assert np.allclose(p["time"], d1["t"] - d1["t"][0], atol=1e-6), p["time"][:4]
print("bands.eeg: %d rows of %d band powers" % p["x"].shape)
PY
expect_error 1 '^eeg-fft: .*mm1\.csv: header: a Mind Monitor export recorded every 1 s, not a waveform: .*--profile mindmonitor' eeg-fft "$T/mm1.csv"
awk 'BEGIN { print "time,a"; for (i = 0; i < 512; i++) printf "%.6f,%d\n", i / 256, i % 7 }' >"$T/plain.csv"
expect_error 1 '^eeg-fft: .*plain\.csv: header: --contact: this csv source says nothing of the electrodes. contact' \
	eeg-fft --contact good "$T/plain.csv"
expect_usage eeg-fft --contact great "$T/mm.csv"
expect_usage eeg-fft --trials 1:0 "$T/mm.csv"
expect_usage eeg-fft --trials 1 "$T/mm.csv"
expect_usage eeg-fft --events 'T1=' "$T/mm.csv"
expect_usage eeg-fft --profile mindmonitor -w 2 "$T/mm.csv"
expect_usage eeg-fft --profile bird2018 --drop blink "$T/mm.csv"
