#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The seed report's first step, on a table shaped like emotions.csv (2132 x 2549):
# eeg-csv | eeg-select -c fft gives the 1500 fft columns in order, and eeg-cat -t of that
# holds exactly the CSV's fft columns and values.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/emotions_like.py" "$T/emotions.csv"
eeg-csv "$T/emotions.csv" >"$T/all.eeg"
eeg-cat --info "$T/all.eeg" >"$T/info"
grep -qx 'frames: 2132' "$T/info" || fail "frames: $(head -3 "$T/info")"
grep -qx 'shape: 2548 (f32)' "$T/info" || fail "shape"
grep -qx 'window: 1 s, hop 0.5 s (windows overlap)' "$T/info" || fail "bird layout not recognised"
grep -qx 'layout=bird2018' "$T/info" || fail "layout meta"
sed -n '/^classes:/,/^groups:/p' "$T/info" | grep -c 'frames$' | grep -qx 3 || fail "3 classes"
grep -q '^  0 NEGATIVE: ' "$T/info" && grep -q '^  2 POSITIVE: ' "$T/info" || fail "sorted classes"

eeg-select -c fft <"$T/all.eeg" >"$T/fft.eeg"
eeg-cat -t "$T/fft.eeg" >"$T/fft.csv"
py - "$T/emotions.csv" "$T/fft.csv" <<'PY'
import sys
import numpy as np
src, out = sys.argv[1], sys.argv[2]
names = open(src).readline().rstrip("\n")[2:].split(",")
want = [n for n in names if "fft" in n]
assert want == [f"fft_{i}_a" for i in range(750)] + [f"fft_{i}_b" for i in range(750)], want[:3]
got = open(out).readline().rstrip("\n").split(",")
assert got[:3] == ["label", "group", "time"] and got[3:] == want, got[:6]
cols = [names.index(n) for n in want]   # first occurrence: fft names are unique
x = np.loadtxt(src, delimiter=",", skiprows=1, usecols=cols, dtype=np.float64)
y = np.loadtxt(out, delimiter=",", skiprows=1, usecols=range(3, 3 + 1500), dtype=np.float64)
assert x.shape == y.shape == (2132, 1500), (x.shape, y.shape)
# eeg-cat -t prints %.9g of each float32: exactly the float32 of the CSV value
assert np.array_equal(x.astype(np.float32), y.astype(np.float32)), np.abs(x - y).max()
lab = np.loadtxt(src, delimiter=",", skiprows=1, usecols=[2548], dtype=str)
lab2 = np.loadtxt(out, delimiter=",", skiprows=1, usecols=[0], dtype=str)
assert (lab == lab2).all()
print("ok: 2132 x 1500, names and values exact")
PY
