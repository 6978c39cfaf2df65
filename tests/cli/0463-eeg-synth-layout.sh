#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth: the Muse CSV layout (golden first lines, number formats, 3-4 ms steps, the
# Muse ADC step), Bird's file names in -o DIR, and the tensor stream's header and frames
# (labels, groups, times from t0) agreeing with the CSV of the same seed.
. "$(dirname "$0")/lib.sh"

# golden: header and first rows, exactly
eeg-synth -n 1 --subjects 1 --states relaxed --sessions 1 --format muse >"$T/one.csv"
cat >"$T/golden" <<'G'
timestamps,TP9,AF7,AF8,TP10,Right AUX
1533000000.000,20.996,12.207,16.113,-1.465,23.438
1533000000.004,28.809,17.090,17.090,12.695,54.199
1533000000.008,33.203,24.414,8.789,3.906,49.316
G
head -n 4 "$T/one.csv" | cmp - "$T/golden" ||
    fail "first lines differ from golden: $(head -n 4 "$T/one.csv")"
[ "$(wc -l <"$T/one.csv")" = 257 ] || fail "1 s at 256 Hz: $(wc -l <"$T/one.csv") lines, want 257"

# file names: subject<x>-<state>-<n>.csv, one per recording, nothing else
eeg-synth -n 3 --subjects 2 --sessions 2 --states relaxed,concentrating --format muse -o "$T/d"
ls "$T/d" >"$T/names"
cat >"$T/want" <<'G'
subjecta-concentrating-1.csv
subjecta-concentrating-2.csv
subjecta-relaxed-1.csv
subjecta-relaxed-2.csv
subjectb-concentrating-1.csv
subjectb-concentrating-2.csv
subjectb-relaxed-1.csv
subjectb-relaxed-2.csv
G
cmp "$T/names" "$T/want" || fail "file names: $(cat "$T/names")"
for f in "$T"/d/*.csv; do
	[ "$(head -n 1 "$f")" = "timestamps,TP9,AF7,AF8,TP10,Right AUX" ] || fail "$f: header"
	n=$(tail -n +2 "$f" | grep -Evc '^[0-9]{10}\.[0-9]{3}(,-?[0-9]+\.[0-9]{3}){5}$' || true)
	[ "$n" = 0 ] || fail "$f: $n rows not in the muse-lsl number format"
done

# the same recordings as one tensor stream
eeg-synth -n 3 --subjects 2 --sessions 2 --states relaxed,concentrating >"$T/s.eeg"
eeg-synth --params --subjects 2 >"$T/params"
py - "$T" <<'PY' || fail "layout checks"
import sys, struct
import numpy as np
T = sys.argv[1]
def read_tensor(path):
    b = open(path, "rb").read()
    assert b[:8] == b"\x89EEG\r\n\x1a\n", "magic"
    ver, flags, n = struct.unpack("<HHI", b[8:16])
    head = b[16:16 + n].decode().splitlines()
    kv = [l.split("=", 1) for l in head]
    size = int(dict(kv)["shape"])
    rec = np.dtype([("label", "<i4"), ("group", "<i4"), ("time", "<f8"), ("x", "<f4", (size,))])
    return kv, np.frombuffer(b[16 + n:], dtype=rec)
kv, fr = read_tensor(T + "/s.eeg")
get = lambda k: [v for key, v in kv if key == k]
assert get("shape") == ["5"] and get("rate") == ["256"], (get("shape"), get("rate"))
assert get("column") == ["TP9", "AF7", "AF8", "TP10", "Right AUX"], get("column")
assert get("class") == ["relaxed", "concentrating"], get("class")
assert get("group") == ["subjecta", "subjectb"], get("group")
assert get("unit") == ["uV"]
# frame times count from t0, the first recording's start in Unix seconds
assert get("t0") == ["1533000000.000000"], get("t0")
t0 = float(get("t0")[0])
assert get("synth") == [l.strip() for l in open(T + "/params")], "synth parameters != --params"
assert len(fr) == 8 * 768, len(fr)
order = [(g, c, e) for g in range(2) for c in range(2) for e in (1, 2)]
t = fr["time"]
assert np.all(np.diff(t) > 0), "time must increase through the stream"
for k, (g, c, e) in enumerate(order):
    r = fr[k * 768:(k + 1) * 768]
    assert np.all(r["label"] == c) and np.all(r["group"] == g), ("labels/groups", k)
    dt = np.diff(r["time"])
    assert np.allclose(dt, 1 / 256, rtol=0, atol=1e-6), ("sample times", k, dt.min(), dt.max())
    if k:
        assert r["time"][0] - fr["time"][k * 768 - 1] > 10, "recordings separated by a gap"
    name = "%s/d/subject%s-%s-%d.csv" % (T, "ab"[g], ["relaxed", "concentrating"][c], e)
    csv = np.loadtxt(name, delimiter=",", skiprows=1)
    assert len(csv) == 768
    # CSV timestamps: the frame times rounded to ms, steps of 3 or 4 ms as a Muse at 256 Hz
    assert np.all(abs(csv[:, 0] - (t0 + r["time"])) <= 0.0005 + 1e-6), "timestamps"
    ms = np.round(np.diff(csv[:, 0]) * 1000)
    assert set(ms) == {3.0, 4.0}, set(ms)
    assert 0.85 < np.mean(ms == 4) < 0.95, np.mean(ms == 4)
    # CSV values: the Muse ADC step 1000/2048 uV, rounded to 3 decimals
    q = csv[:, 1:] * 2.048
    assert np.all(abs(q - np.round(q)) * (1000 / 2048) <= 0.0005 + 1e-9), "not on the ADC grid"
    err = abs(csv[:, 1:] - r["x"]).max()
    assert err <= 1000 / 2048 / 2 + 0.0005 + 1e-4, ("CSV vs tensor", err)
print("ok: header, %d frames, 8 CSV files agree with the stream" % len(fr))
PY
