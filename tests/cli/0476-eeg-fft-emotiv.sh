#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on an EmotivPRO CSV export written to the facts its documentation states
# (tests/ref/emotiv.py): the EEG.<sensor> channels named by the sensor, at the rate of the
# first line; the spectra equal SciPy's; --contact leaves out the windows with worse CQ or
# a sample Cortex interpolated; MarkerValueInt cuts trials. A first line that is not
# EmotivPRO's, or says no rate, is refused with one line.
. "$(dirname "$0")/lib.sh"
f=$T/rest-task_EPOCX_E50202E8_2021.06.14T10.18.21.csv
py "$EEG_TOP/tests/ref/emotiv.py" "$f" "$T/truth.npz" 20
eeg-fft -w 1 -s 0.5 "$f" >"$T/all.eeg"
eeg-fft -w 1 -s 0.5 --contact good "$f" >"$T/good.eeg"
eeg-fft -w 1 -s 0.5 --contact medium "$f" >"$T/medium.eeg"
eeg-fft --events 1=open,2=closed --trials 0:1 "$f" >"$T/trials.eeg"
py "$EEG_TOP/tests/ref/emotiv.py" "$T/bare.csv" "$T/truth2.npz" 20 128
eeg-fft -w 1 -s 0.5 "$T/bare.csv" >"$T/bare.eeg"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import os, sys, numpy as np
sys.path.insert(0, sys.argv[1])
from spectra import frames, psd, windows
T = sys.argv[2]
os.chdir(T)

d = np.load(T + "/truth.npz")
x, q = d["x"], d["q"]

def check(name, key, what=""):
    p = frames(name)
    w = windows(key, 128, 64)
    assert len(p["x"]) == len(w), "%s: %d frames, want %d" % (name, len(p["x"]), len(w))
    want = np.array([psd(x[a:a + 128], 128) for a in w])
    err = np.abs(p["x"] - want).max() / np.abs(want).max()
    assert err < 1e-5, "%s: spectra differ by %g" % (name, err)
    print("%s: %d frames%s" % (name, len(w), what))
    return p

# one run of samples; a window takes the marker active at its centre (none before the first)
lab = np.zeros(len(x), int)
p = check("all.eeg", lab)
want = []
for a in windows(lab, 128, 64):
    on = [v for m, v in zip(d["mark_at"], d["mark_value"]) if m <= a + 63.5]
    want.append(str(on[-1]) if on else None)
assert p["names"] == want, (p["names"], want)
sensors = "AF3,F7,F3,FC5,T7,P7,O1,O2,P8,T8,FC6,F4,F8,AF4"
assert p["meta"]["channels"] == sensors and float(p["meta"]["rate"]) == 128, p["meta"]
assert (q == 1).sum() < len(q) and (q == 2).any() and (q == 4).any()
check("good.eeg", np.where(q > 1, -1, lab), " (--contact good)")
check("medium.eeg", np.where(q > 2, -1, lab), " (--contact medium)")
# trials: one a marker, the second after it, named by --events
p = frames("trials.eeg")
want = np.array([psd(x[a:a + 128], 128) for a in d["mark_at"]])
assert np.abs(p["x"] - want).max() < 1e-5 * np.abs(want).max(), "trial spectra"
names = [p["classes"][i] for i in p["label"]]
assert names == [{1: "open", 2: "closed"}[v] for v in d["mark_value"]], names
print("trials.eeg: %d trials: %s" % (len(names), ",".join(names)))
# an older export's "sampling rate:128" reads the same
a, b = frames("bare.eeg"), frames("all.eeg")
assert np.array_equal(a["x"], b["x"]), "sampling rate:128"
PY
sed '1s/sampling rate:[^,]*, //' "$f" >"$T/norate.csv"
expect_error 1 '^eeg-fft: .*norate\.csv: header: no sampling rate in the first line: give the rate with --rate$' \
	eeg-fft "$T/norate.csv"
eeg-fft --rate 128 -w 1 -s 0.5 "$T/norate.csv" | eeg-cat -t >"$T/norate.txt"
eeg-cat -t "$T/all.eeg" | cmp - "$T/norate.txt"
sed '1s/sampling rate:eeg_128/sampling rate:eeg_fast/' "$f" >"$T/badrate.csv"
expect_error 1 '^eeg-fft: .*badrate\.csv: line 1: not a sample rate: " sampling rate:eeg_fast;mot_32;pow_8"$' \
	eeg-fft "$T/badrate.csv"
sed '1s/^title:/name:/' "$f" >"$T/notitle.csv"
expect_error 1 '^eeg-fft: .*notitle\.csv: line 1: not an EmotivPRO export \(its first line is key:value pairs, title: first\)$' \
	eeg-fft --format emotiv "$T/notitle.csv"
sed '2s/EEG\.//g' "$f" >"$T/nocols.csv"
expect_error 1 '^eeg-fft: .*nocols\.csv: line 2: not an EmotivPRO header \(want Timestamp and EEG.<sensor> columns\)$' \
	eeg-fft "$T/nocols.csv"
