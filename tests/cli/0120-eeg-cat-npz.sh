#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-cat --npz: a labelled export NumPy loads in one line (values, labels, groups, times,
# class, group and column names, the header's lines), equal to eeg-cat -t and to an
# independent reader of the stream; --npy and --npz write to standard output with "-";
# and the reverse: an .npz (eeg-cat's, np.savez's or np.savez_compressed's, labels as
# indices or names) or an .npy becomes a stream, and a stream survives the round trip.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
rng = np.random.default_rng(4)
n = 37
t = np.arange(n) * 0.5
t[5] = np.nan                              # a frame without a time
lab = rng.integers(-1, 3, n)               # some frames without a label
write_stream(T + "/a.eeg", rng.normal(size=(n, 6)) * 100, shape=(3, 2),
             columns=["Fp1 alpha", "Fp1,beta"], classes=["relaxed", "neutral", "concentrating"],
             groups=["subject a", "subjectb"], labels=lab, group=np.arange(n) % 2, time=t,
             window=1.5, hop=0.5, meta=[("features", "band power"), ("split", "test")])
PY
eeg-cat --npz "$T/a.npz" "$T/a.eeg"
eeg-cat --npz - "$T/a.eeg" >"$T/stdout.npz"
eeg-cat --npy - "$T/a.eeg" >"$T/stdout.npy"
eeg-cat --npy "$T/a.npy" "$T/a.eeg"
eeg-cat -t "$T/a.eeg" >"$T/a.csv"
py - "$T" <<'PY'
import csv, sys, zipfile
import numpy as np
from eegstream import read_stream
T = sys.argv[1]
d = np.load(T + "/a.npz")                     # the one line a NumPy user writes
s = read_stream(T + "/a.eeg")
assert sorted(d.files) == ["classes", "columns", "group", "groups", "label", "meta", "time", "x"], d.files
assert d["x"].dtype == np.float32 and d["x"].shape == (37, 3, 2), d["x"].shape
assert np.array_equal(d["x"].reshape(37, 6), s.X)
assert d["label"].dtype == np.int32 and np.array_equal(d["label"], s.labels)
assert np.array_equal(d["group"], s.group)
assert np.array_equal(d["time"], s.time, equal_nan=True) and np.isnan(d["time"][5])
assert list(d["classes"]) == s.classes and list(d["groups"]) == s.groups
assert list(d["columns"]) == ["Fp1 alpha", "Fp1,beta"]         # the last axis
meta = list(d["meta"])
assert meta[:3] == ["window=1.5", "hop=0.5", "features=band power"], meta
assert "split=test" in meta and any(m.startswith("history=eeg-cat --npz") for m in meta)
# names by index, as a user writes them
names = np.where(d["label"] >= 0, d["classes"][d["label"]], "")
# the same as eeg-cat -t, cell by cell
rows = list(csv.reader(open(T + "/a.csv")))
assert len(rows) == 38
for i, r in enumerate(rows[1:]):
    assert r[0] == names[i] and r[1] == d["groups"][d["group"][i]], (i, r[:2])
    assert (r[2] == "") == np.isnan(d["time"][i]) and (r[2] == "" or float(r[2]) == d["time"][i])
    assert [np.float32(v) for v in r[3:]] == list(d["x"][i].ravel()), i
assert np.array_equal(np.load(T + "/a.npy"), d["x"]) and np.array_equal(np.load(T + "/stdout.npy"), d["x"])
e = np.load(T + "/stdout.npz")
assert all(np.array_equal(e[k], d[k], equal_nan=k == "time") for k in d.files if k != "meta")
assert zipfile.ZipFile(T + "/a.npz").testzip() is None
# for the reverse: NumPy's own archives, labels and groups as names or as indices
x = np.arange(24, dtype=np.float64).reshape(4, 2, 3) / 8
np.savez(T + "/names.npz", x=x, label=np.array(["up", "down", "", "up"]),
         group=np.array([b"s1", b"s2", b"s1", b"s1"]), time=np.array([0.0, 1.0, np.nan, 3.0]))
np.savez_compressed(T + "/index.npz", x=x.astype(np.float32), label=np.array([1, 0, -1, 1], np.int64),
                    classes=np.array(["down", "up"]), columns=np.array(["a", "b", "c"]),
                    meta=np.array(["window=2", "hop=1", "features=demo"]))
np.savez(T + "/bare.npz", x=np.array([[1, 2], [3, 4]], np.int16), label=np.array([2, 0]))
np.save(T + "/lone.npy", np.arange(6, dtype=np.float32))
print("ok: the .npz equals the stream and eeg-cat -t")
PY
# the round trip keeps every frame and header line but eeg-cat's own history line
eeg-cat "$T/a.npz" | eeg-cat -t | cmp - "$T/a.csv" || fail "round trip: other frames"
eeg-cat --info "$T/a.eeg" | grep -v '^history=' >"$T/info.a"
eeg-cat --info "$T/a.npz" | grep -v '^history=' >"$T/info.b"
cmp "$T/info.a" "$T/info.b" || fail "round trip: other header: $(diff "$T/info.a" "$T/info.b")"
eeg-cat <"$T/a.npz" | eeg-cat -t | cmp - "$T/a.csv" || fail "an .npz on standard input"
cat >"$T/names.want" <<'CSV'
label,group,time,x0,x1,x2,x3,x4,x5
up,s1,0,0,0.125,0.25,0.375,0.5,0.625
down,s2,1,0.75,0.875,1,1.125,1.25,1.375
,s1,,1.5,1.625,1.75,1.875,2,2.125
up,s1,3,2.25,2.375,2.5,2.625,2.75,2.875
CSV
eeg-cat -t "$T/names.npz" | cmp - "$T/names.want" || fail "np.savez with names: $(eeg-cat -t "$T/names.npz")"
eeg-cat --info "$T/names.npz" | grep -qx 'shape: 2x3 (f32)' || fail "names: shape"
cat >"$T/index.want" <<'CSV'
label,group,time,t0_a,t0_b,t0_c,t1_a,t1_b,t1_c
up,,,0,0.125,0.25,0.375,0.5,0.625
down,,,0.75,0.875,1,1.125,1.25,1.375
,,,1.5,1.625,1.75,1.875,2,2.125
up,,,2.25,2.375,2.5,2.625,2.75,2.875
CSV
eeg-cat -t "$T/index.npz" | cmp - "$T/index.want" || fail "np.savez_compressed: $(eeg-cat -t "$T/index.npz")"
eeg-cat --info "$T/index.npz" | grep -qx 'window: 2 s, hop 1 s (windows overlap)' || fail "index: window"
eeg-cat --info "$T/index.npz" | grep -qx 'features=demo' || fail "index: meta"
printf 'label,group,time,x0,x1\n2,,,1,2\n0,,,3,4\n' | cmp - "$(eeg-cat -t "$T/bare.npz" >"$T/bare.csv"; echo "$T/bare.csv")" ||
	fail "indices without names: $(cat "$T/bare.csv")"
eeg-cat --info "$T/bare.npz" | grep -qx 'classes: 3' || fail "bare: classes 0, 1, 2"
printf 'label,group,time,x0\n,,,0\n,,,1\n,,,2\n,,,3\n,,,4\n,,,5\n' | cmp - "$(eeg-cat -t "$T/lone.npy" >"$T/lone.csv"; echo "$T/lone.csv")" ||
	fail "lone .npy: $(cat "$T/lone.csv")"
# an empty stream exports and imports too
py -c 'import sys; import numpy as np; from eegstream import write_stream
write_stream(sys.argv[1], np.zeros((0, 6)), shape=(3, 2))' "$T/empty.eeg"
eeg-cat --npz "$T/empty.npz" "$T/empty.eeg"
py -c 'import numpy as np, sys; d = np.load(sys.argv[1]); assert d["x"].shape == (0, 3, 2), d["x"].shape' "$T/empty.npz"
eeg-cat --info "$T/empty.npz" | grep -qx 'frames: 0' || fail "empty round trip"
echo ok
