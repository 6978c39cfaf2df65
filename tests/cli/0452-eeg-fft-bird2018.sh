#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft --profile bird2018 on the 24 Muse recordings against tests/ref/bird2018.py, an
# independent NumPy/SciPy reading of the README's rules: the row count of every recording,
# every fft value within 1e-4 of its window's largest |fft| (and the other families), the
# 2548 column names, labels and groups from the file names.
. "$(dirname "$0")/lib.sh"
need_data EEG_MUSE_DIR
eeg-fft --profile bird2018 "$EEG_MUSE_DIR"/subject*.csv >"$T/bird.eeg"
py "$EEG_TOP/tests/ref/bird2018.py" "$T/bird.eeg" "$EEG_MUSE_DIR"/subject*.csv >"$T/ref.out" ||
	{ cat "$T/ref.out"; fail "bird2018 differs from the reference"; }
cat "$T/ref.out"
# the generator's own counts (the README's rule): 2360 rows; in subjectb-relaxed-2.csv the
# windows running into the first gap count, the first starting inside it ends the file
grep -q '^total 2360 rows' "$T/ref.out" || fail "want 2360 rows in all"
grep -q '^subjectb-relaxed-2.csv: 8 rows' "$T/ref.out" || fail "the gap must end subjectb-relaxed-2 after 8 rows"
py - "$EEG_TOP/tests/ref" "$T/bird.eeg" <<'PY'
import sys, os
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
parts = read_parts(sys.argv[2])
assert len(parts) == 24
for p in parts:
    subject, state, _ = os.path.basename(p["meta"]["source"]).split("-")
    assert p["shape"] == (2548,) and p["columns"][0] == "mean_0_a" and p["columns"][-1] == "fft_749_b"
    assert p["columns"][524] == "fft_0_a" and p["columns"][1274 + 524] == "fft_0_b"
    assert p["meta"]["profile"] == "bird2018" and float(p["meta"]["window"]) == 1.5 and float(p["meta"]["hop"]) == 0.5
    assert set(p["classes"][i] for i in p["label"]) <= {state}, p["meta"]["source"]
    assert set(p["groups"][i] for i in p["group"]) <= {subject}, p["meta"]["source"]
    assert list(p["time"]) == [0.5 * r for r in range(len(p["time"]))]
    # row r+1's _a block is row r's _b block
    assert (p["x"][1:, :1274] == p["x"][:-1, 1274:]).all()
PY
# one file at a time gives the same frames as all at once (plans and buffers are reused)
f=$EEG_MUSE_DIR/subjectc-neutral-2.csv
eeg-fft --profile bird2018 "$f" >"$T/one.eeg"
py "$EEG_TOP/tests/ref/bird2018.py" "$T/one.eeg" "$f" >/dev/null || fail "one file"
# from stdin: no file name, so no label or group unless given
eeg-fft --profile bird2018 -l calm -g s1 <"$f" >"$T/stdin.eeg"
py - "$EEG_TOP/tests/ref" "$T/one.eeg" "$T/stdin.eeg" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
a, b = read_parts(sys.argv[2])[0], read_parts(sys.argv[3])[0]
assert (a["x"] == b["x"]).all() and len(a["x"]) == 16
assert b["classes"] == ["calm"] and b["groups"] == ["s1"] and set(b["label"]) == {0}
PY
