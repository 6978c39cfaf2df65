#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select --reshape: 1500x1 and 1x1500 reinterpret each frame (values unchanged, one
# column name per value); -1 infers a dimension; a size mismatch is an error. Streams named
# per feature (a 6x3 frame with 3 names) select features and keep the time axis.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/e.eeg" "$T/f.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream, emotions_columns
X = np.random.default_rng(3).normal(size=(5, 2548)).astype(np.float32)
write_stream(sys.argv[1], X, columns=emotions_columns())
Y = np.arange(4 * 18, dtype=np.float32).reshape(4, 18)
write_stream(sys.argv[2], Y, columns=["AF7", "AF8", "TP9"], shape=(6, 3), rate=256)
PY
for shape in 1500x1 1x1500 -1x1 750x2 3x-1x2; do
	eeg-select --reshape "$shape" -c fft <"$T/e.eeg" >"$T/$shape.eeg"
done
eeg-select -c fft <"$T/e.eeg" >"$T/flat.eeg"
eeg-select -r 6x3 <"$T/f.eeg" >"$T/same.eeg"
eeg-select -c AF <"$T/f.eeg" >"$T/af.eeg"
eeg-select -n -c AF7 -r 12x1 <"$T/f.eeg" >"$T/r.eeg"
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import read_stream
T = sys.argv[1]
flat = read_stream(T + "/flat.eeg")
for name, shape in [("1500x1", (1500, 1)), ("1x1500", (1, 1500)), ("-1x1", (1500, 1)),
                    ("750x2", (750, 2)), ("3x-1x2", (3, 250, 2))]:
    s = read_stream(T + "/" + name + ".eeg")
    assert s.shape == shape, (name, s.shape)
    assert np.array_equal(s.X, flat.X) and s.columns == flat.columns, name
f = read_stream(T + "/same.eeg")
assert f.shape == (6, 3) and f.columns == ["AF7", "AF8", "TP9"] and f.rate == 256
a = read_stream(T + "/af.eeg")
Y = np.arange(4 * 18, dtype=np.float32).reshape(4, 6, 3)
assert a.shape == (6, 2) and a.columns == ["AF7", "AF8"], (a.shape, a.columns)
assert np.array_equal(a.X, Y[:, :, :2].reshape(4, 12))
r = read_stream(T + "/r.eeg")
assert r.shape == (12, 1) and r.columns == ["AF8", "TP9"] * 6, (r.shape, r.columns)
assert np.array_equal(r.X, Y[:, :, 1:].reshape(4, 12))
print("ok")
PY
expect_error 1 '^eeg-select: stdin: reshape: 1500 selected values per frame do not make shape 1499x1$' \
	sh -c 'eeg-select -r 1499x1 -c fft <"$1"' sh "$T/e.eeg"
expect_error 1 'reshape: 1500 selected values per frame do not make shape -1x7$' \
	sh -c 'eeg-select -r -1x7 -c fft <"$1"' sh "$T/e.eeg"
for bad in 0x1500 1500xx1 abc -1x-1 1x1x1x1500 -2x750 ''; do
	expect_error 2 "^eeg-select: --reshape: expected 1 to 3 dims" eeg-select -r "$bad" -c fft
done
