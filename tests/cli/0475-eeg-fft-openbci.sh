#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on an OpenBCI GUI recording written to the facts of real ones (tests/ref/openbci.py):
# the EXG channels at the rate the file states; samples timed by their index, so windows
# hold 250 samples though the stamps come in bursts, and restart after each run of lost
# samples; the spectra equal SciPy's; Marker Channel values are events that cut trials.
# A file of the GUI before v5 (no header row) reads by its comment lines; one without its
# rate line is refused with one line.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/openbci.py" "$T/OpenBCI-RAW-2022-04-15_08-20-00.txt" "$T/truth.npz" 20
f=$T/OpenBCI-RAW-2022-04-15_08-20-00.txt
eeg-fft -w 1 -s 0.5 "$f" >"$T/all.eeg"
eeg-cat -t "$T/all.eeg" >"$T/all.txt"
eeg-fft -w 1 -s 0.5 --format openbci "$f" | eeg-cat -t | cmp - "$T/all.txt"
eeg-fft --channels 'EXG Channel 6,EXG Channel 7' -w 1 -s 0.5 "$f" >"$T/occ.eeg"
eeg-fft --events 1=rest,2=task --trials 0:1 "$f" >"$T/trials.eeg"
grep -v '^Sample Index' "$f" >"$T/v4.txt"
eeg-fft -w 1 -s 0.5 "$T/v4.txt" >"$T/v4.eeg"
# GUI v1-3: no channel count; Sample Index, the channels, 3 accelerometer, a time of day
awk -F', ' 'NR <= 4 { if ($0 !~ /^%Number/ && $0 !~ /^%Board/) print; next }
	NR == 5 { print "%First Column = SampleIndex"; print "%Last Column = Timestamp"; next }
	{ s = $1; for (i = 2; i <= 12; i++) s = s ", " $i; print s ", " substr($25, 12) }' \
	"$f" >"$T/v3.txt"
eeg-fft -w 1 -s 0.5 "$T/v3.txt" | eeg-cat -t >"$T/v3.txt.out"
eeg-cat -t "$T/v4.eeg" | cmp - "$T/v3.txt.out"
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import os, sys, numpy as np
sys.path.insert(0, sys.argv[1])
from spectra import frames, psd, windows
T = sys.argv[2]
os.chdir(T)

d = np.load(T + "/truth.npz")
x, run = d["x"], d["run"]

def check(name, cols):
    p = frames(name)
    w = windows(run, 250, 125)
    assert len(p["x"]) == len(w), "%s: %d frames, want %d" % (name, len(p["x"]), len(w))
    want = np.array([psd(x[a:a + 250, cols], 250) for a in w])
    err = np.abs(p["x"] - want).max() / np.abs(want).max()
    assert err < 1e-5, "%s: spectra differ by %g" % (name, err)
    return p, w

assert len(set(run)) == 4, "3 runs of lost samples"
p, w = check("all.eeg", list(range(8)))
assert p["meta"]["channels"] == ",".join("EXG Channel %d" % i for i in range(8)), p["meta"]
assert float(p["meta"]["rate"]) == 250 and p["columns"][0] == "EXG Channel 0_0.0Hz"
# frame times: 0.5 s apart within a run (stamps in 16-ms bursts), later across a loss
dt = np.diff(p["time"])
same = np.diff(run[w]) == 0
assert np.abs(dt[same] - 0.5).max() < 2e-3, dt
assert (dt[~same] > 0.5).all(), dt
print("all.eeg: %d frames, 3 runs of lost samples seen" % len(w))
p, _ = check("occ.eeg", [6, 7])
# the alpha rhythm of the first half on the occipital pair
alpha = p["x"][:, 8:13].sum(1)
assert alpha[p["time"] < 8].min() > 20 * alpha[p["time"] > 12].max(), alpha
# trials: one a marker, the second after it, named by --events
p = frames("trials.eeg")
want = np.array([psd(x[a:a + 250], 250) for a in d["mark_at"]])
assert np.abs(p["x"] - want).max() < 1e-5 * np.abs(want).max(), "trial spectra"
names = [p["classes"][i] for i in p["label"]]
assert names == [{1: "rest", 2: "task"}[v] for v in d["mark_value"]], names
print("trials.eeg: %d trials: %s" % (len(names), ",".join(names)))
# before v5: no stamps, so the samples are one run, lost ones not seen
p = frames("v4.eeg")
w = list(range(0, len(x) - 249, 125))
want = np.array([psd(x[a:a + 250], 250) for a in w])
assert len(p["x"]) == len(w) and np.abs(p["x"] - want).max() < 1e-5 * np.abs(want).max()
assert p["meta"]["channels"] == ",".join("EXG Channel %d" % i for i in range(8))
print("v4.txt: %d frames, the samples one run" % len(w))
PY
# the rate is the file's, unless given
eeg-fft -w 1 -s 0.5 --rate 200 "$f" | eeg-cat --info | grep -qx 'rate: 200 Hz'
grep -v '^%Sample Rate' "$f" >"$T/norate.txt"
expect_error 1 '^eeg-fft: .*norate\.txt: header: no "%Sample Rate = \.\.\. Hz" line: give the rate with --rate$' \
	eeg-fft "$T/norate.txt"
eeg-fft --rate 250 -w 1 -s 0.5 "$T/norate.txt" | eeg-cat -t | cmp - "$T/all.txt"
sed 's/^%Sample Rate = 250 Hz/%Sample Rate = fast Hz/' "$f" >"$T/badrate.txt"
expect_error 1 '^eeg-fft: .*badrate\.txt: line 3: not a sample rate: "%Sample Rate = fast Hz"$' \
	eeg-fft "$T/badrate.txt"
sed 's/^%Sample Rate = 250 Hz/%Sample Rate = 0 Hz/' "$f" >"$T/zero.txt"
expect_error 1 '^eeg-fft: .*zero\.txt: line 3: not a sample rate' eeg-fft "$T/zero.txt"
# a header row without the time
sed '5s/, Timestamp,/, Time,/' "$f" >"$T/notime.txt"
expect_error 1 '^eeg-fft: .*notime\.txt: line 5: not an OpenBCI GUI header \(want Timestamp and EXG Channel 0 \.\.\. columns\)$' \
	eeg-fft "$T/notime.txt"
# the GUI before v5, without its channel count
grep -v '^%Number of channels' "$T/v4.txt" >"$T/v4n.txt"
expect_error 1 '^eeg-fft: .*v4n\.txt: line 4: an OpenBCI GUI file without a header row \(before v5\) needs its "%Number of channels = N" line$' \
	eeg-fft "$T/v4n.txt"
sed 's/^%Number of channels = 8/%Number of channels = 25/' "$T/v4.txt" >"$T/v4w.txt"
expect_error 1 '^eeg-fft: .*v4w\.txt: line 5: 25 columns, too few for Sample Index and the 25 channels of "%Number of channels"$' \
	eeg-fft "$T/v4w.txt"
expect_error 1 '^eeg-fft: .*\.txt: header: --contact: this openbci source says nothing of the electrodes. contact' \
	eeg-fft --contact good "$f"
# stamps that go back are refused, as in any recording (after the frames before them)
awk -F', ' 'NR == 300 { $23 = "1649999999.000000" } 1' OFS=', ' "$f" >"$T/back.txt"
expect_fail 1 '^eeg-fft: .*back\.txt: line 300: time 1649999999 is before the previous sample' \
	eeg-fft "$T/back.txt"
