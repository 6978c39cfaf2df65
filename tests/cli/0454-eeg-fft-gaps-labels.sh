#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft: no window spans a gap in time (spectra restart after it, bird2018 stops);
# labels and groups from Bird's file names <subject>-<state>-<n>.csv, -l/-g, several files.
. "$(dirname "$0")/lib.sh"
# 2 s of a 10 Hz sine, a 5 s gap, 2 s of a 30 Hz sine, at 128 Hz
awk 'BEGIN { print "time,a"; pi = atan2(0, -1)
	for (i = 0; i < 256; i++) printf "%.6f,%.6f\n", 100 + i / 128, sin(2 * pi * 10 * i / 128)
	for (i = 0; i < 256; i++) printf "%.6f,%.6f\n", 107 + i / 128, sin(2 * pi * 30 * i / 128) }' >"$T/gap.csv"
eeg-fft -w 1 -s 0.5 --window rect "$T/gap.csv" >"$T/gap.eeg"
py - "$EEG_TOP/tests/ref" "$T/gap.eeg" <<'PY'
import sys, numpy as np
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
p = read_parts(sys.argv[2])[0]
assert np.allclose(p["time"], [0, 0.5, 1, 7, 7.5, 8]), p["time"]
peak = p["x"].argmax(axis=1)
assert list(peak) == [10, 10, 10, 30, 30, 30], peak
# a window spanning the gap would leak: every frame is a pure line
assert (p["x"].max(axis=1) / p["x"].sum(axis=1) > 0.999).all()
PY
# bird2018: 3 s, a 5 s gap, 4 s: windows 4 and 5 run into the gap and count with the rows
# before it; window 6 starts inside it and ends the file: 6 windows, 5 rows (the reference
# checks the values)
awk 'BEGIN { print "timestamps,TP9,AF7,AF8,TP10,Right AUX"
	for (i = 0; i < 768; i++) printf "%.3f,%d,%d,%d,%d,%d\n", 1000 + i / 256, i % 7, i % 5, i % 3, i % 11, i % 2
	for (i = 0; i < 1024; i++) printf "%.3f,%d,%d,%d,%d,%d\n", 1008 + i / 256, i % 7, i % 5, i % 3, i % 11, i % 2 }' >"$T/s-x-1.csv"
eeg-fft --profile bird2018 "$T/s-x-1.csv" >"$T/bgap.eeg"
py "$EEG_TOP/tests/ref/bird2018.py" "$T/bgap.eeg" "$T/s-x-1.csv" >"$T/bgap.out" || { cat "$T/bgap.out"; fail "bird2018 gap"; }
grep -q '^s-x-1.csv: 5 rows' "$T/bgap.out" || fail "bird2018 gap: $(cat "$T/bgap.out")"

# labels and groups
awk 'BEGIN { print "time,a,b"; for (i = 0; i < 512; i++) printf "%.6f,%d,%d\n", i / 128, i % 7, i % 3 }' >"$T/alice-relaxed-3.csv"
cp "$T/alice-relaxed-3.csv" "$T/bob-focus-12.csv"
cp "$T/alice-relaxed-3.csv" "$T/plain.csv"
cp "$T/alice-relaxed-3.csv" "$T/alice-relaxed-x.csv"
eeg-fft --bands default "$T/alice-relaxed-3.csv" "$T/bob-focus-12.csv" "$T/plain.csv" "$T/alice-relaxed-x.csv" >"$T/lab.eeg"
eeg-fft --bands default -l calm "$T/alice-relaxed-3.csv" "$T/bob-focus-12.csv" >"$T/l.eeg"
eeg-fft --bands default -g g1 "$T/bob-focus-12.csv" >"$T/g.eeg"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import sys, numpy as np
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
T = sys.argv[2]
def names(p):
    return ([p["classes"][i] if i >= 0 else None for i in set(p["label"])],
            [p["groups"][i] if i >= 0 else None for i in set(p["group"])])
p = read_parts(T + "/lab.eeg")
assert len(p) == 4
assert [names(q) for q in p] == [(["relaxed"], ["alice"]), (["focus"], ["bob"]), ([None], [None]), ([None], [None])], [names(q) for q in p]
assert p[0]["classes"] == ["relaxed", "focus"] and p[0]["groups"] == ["alice", "bob"]
assert all(len(q["x"]) == 7 for q in p) and (p[0]["x"] == p[1]["x"]).all()
assert [q["meta"]["source"].rsplit("/", 1)[1] for q in p] == ["alice-relaxed-3.csv", "bob-focus-12.csv", "plain.csv", "alice-relaxed-x.csv"]
p = read_parts(T + "/l.eeg")
assert [names(q) for q in p] == [(["calm"], ["alice"]), (["calm"], ["bob"])]
p = read_parts(T + "/g.eeg")
assert [names(q) for q in p] == [(["focus"], ["g1"])]
PY
