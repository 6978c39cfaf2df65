#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select -c fft on an emotions.csv-shaped stream (2548 named columns, duplicate mean_d
# names included) keeps exactly the 1500 fft columns in stream order, their values, labels,
# groups and times, and records its command line in the header.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/e.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream, emotions_columns
rng = np.random.default_rng(7)
n = 64
X = rng.normal(size=(n, 2548)).astype(np.float32) * 100
write_stream(sys.argv[1], X, columns=emotions_columns(), classes=["NEGATIVE", "NEUTRAL", "POSITIVE"],
             labels=rng.integers(0, 3, n), groups=["s1", "s2"], group=rng.integers(-1, 2, n),
             time=np.arange(n) * 0.5, window=1, hop=0.5, meta=[("layout", "bird2018")])
PY
eeg-select -c fft <"$T/e.eeg" >"$T/fft.eeg"
eeg-select -c fft "$T/e.eeg" >"$T/fft2.eeg"
py - "$T/e.eeg" "$T/fft.eeg" "$T/fft2.eeg" <<'PY'
import sys
import numpy as np
from eegstream import read_stream
a, b, c = (read_stream(p) for p in sys.argv[1:4])
want = [f"fft_{i}_a" for i in range(750)] + [f"fft_{i}_b" for i in range(750)]
assert b.columns == want, b.columns[:3]
assert b.shape == (1500,), b.shape
idx = [i for i, n in enumerate(a.columns) if "fft" in n]      # the seed's 'fft' in col
assert np.array_equal(b.X, a.X[:, idx])
assert (b.labels == a.labels).all() and (b.group == a.group).all() and np.array_equal(b.time, a.time)
assert b.classes == a.classes and b.groups == a.groups and (b.window, b.hop) == (1, 0.5)
meta = dict(b.meta)
assert meta["layout"] == "bird2018" and meta["history"].startswith("eeg-select"), b.meta
assert np.array_equal(c.X, b.X) and c.columns == b.columns
print("ok: 1500 fft columns in order")
PY
