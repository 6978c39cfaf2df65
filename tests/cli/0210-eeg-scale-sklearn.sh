#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-scale --fit on train then --apply on test matches scikit-learn's StandardScaler and
# MinMaxScaler fitted on train (float64 reference) to 1e-5, constant columns included; the
# parameters file round-trips; without --fit/--apply a stream is scaled by its own stats.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream, emotions_columns
T = sys.argv[1]
rng = np.random.default_rng(11)
n, d = 400, 64
# wildly different column scales and offsets, as in emotions.csv (fft ~1e3, logm ~1e-2)
X = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-3, 4, d) + rng.normal(size=d) * 10.0 ** rng.uniform(-2, 4, d)
X[:, 3] = 7.25          # constant: StandardScaler keeps scale 1, MinMaxScaler maps to 0
X[:, 9] = 0.0
X[:300, 10] = -2.5      # constant on train only
cols = ["c%d" % i for i in range(d)]
kw = dict(columns=cols, classes=["a", "b"], window=1, hop=0.5)
write_stream(T + "/train.eeg", X[:300], labels=rng.integers(0, 2, 300), time=np.arange(300.0), **kw)
write_stream(T + "/test.eeg", X[300:], labels=rng.integers(0, 2, 100), **kw)
PY
eeg-scale --fit "$T/z.scale" "$T/train.eeg" >"$T/train.z"
eeg-scale --apply "$T/z.scale" <"$T/test.eeg" >"$T/test.z"
eeg-scale --method minmax -f "$T/m.scale" <"$T/train.eeg" >"$T/train.m"
eeg-scale -a "$T/m.scale" "$T/test.eeg" >"$T/test.m"
eeg-scale <"$T/train.eeg" >"$T/self.z"
eeg-scale -a "$T/z.scale" -m zscore <"$T/train.eeg" >"$T/train.z2"
head -n 5 "$T/z.scale" >"$T/head"
printf 'eegpipe-scale=2\nmethod=zscore\nper-group=0\nfit=all\nshape=64\n' | cmp - "$T/head" || fail "params header"
tail -n 1 "$T/z.scale" | grep -qx 'end=eegpipe-scale' || fail "params end"
py - "$T" <<'PY'
import sys
import numpy as np
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from eegstream import read_stream
T = sys.argv[1]
tr, te = read_stream(T + "/train.eeg"), read_stream(T + "/test.eeg")
A, B = tr.X.astype(np.float64), te.X.astype(np.float64)
worst = {}
for tag, sk in (("z", StandardScaler()), ("m", MinMaxScaler())):
    sk.fit(A)
    for part, X in (("train", A), ("test", B)):
        got = read_stream("%s/%s.%s" % (T, part, tag))
        want = sk.transform(X)
        err = np.abs(got.X - want) / np.maximum(1, np.abs(want))
        worst[tag + "/" + part] = err.max()
        assert err.max() < 1e-5, (tag, part, err.max(), np.unravel_index(err.argmax(), err.shape))
        assert got.columns == tr.columns and (got.labels == (tr if part == "train" else te).labels).all()
        assert dict(got.meta)["history"].startswith("eeg-scale")
self_z = read_stream(T + "/self.z").X
assert np.array_equal(self_z, read_stream(T + "/train.z").X)
assert np.array_equal(read_stream(T + "/train.z2").X, read_stream(T + "/train.z").X)
z = read_stream(T + "/train.z").X
assert (z[:, 3] == 0).all() and (z[:, 9] == 0).all() and (z[:, 10] == 0).all()
m = read_stream(T + "/train.m").X
assert m.min() >= 0 and m.max() <= 1 and (m[:, 3] == 0).all()
# the parameters file holds mean and population std exactly (%.17g)
lines = open(T + "/z.scale").read().split("\n")
i = lines.index("frames=300")
p = np.array([[float(v) for v in l.split()] for l in lines[i + 1:i + 65]])
ref = StandardScaler().fit(A)
assert np.allclose(p[:, 0], ref.mean_, rtol=1e-12, atol=1e-12 * np.abs(A).max())
assert np.allclose(p[:, 1], ref.scale_, rtol=1e-9)
print("ok: max relative error vs sklearn", " ".join("%s %.2g" % kv for kv in worst.items()))
PY
