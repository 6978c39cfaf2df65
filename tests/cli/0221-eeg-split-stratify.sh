#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split --stratify: each class's test count is within one frame of scikit-learn's
# train_test_split(stratify=y) for the same fraction, the totals equal; the validation
# share is stratified too; every frame lands in exactly one output.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
cd "$T"
py -c 'import sys, split_ref as s
s.make("s.eeg", n_groups=1, per_group=2132, p=(0.33, 0.34, 0.33), seed=4)
s.make("imb.eeg", n_groups=1, per_group=997, p=(0.8, 0.15, 0.05), seed=5)
s.make("tiny.eeg", n_groups=1, per_group=23, p=(0.5, 0.3, 0.2), seed=6)'
for f in s imb tiny; do
	for frac in 0.2 0.25 0.5; do
		eeg-split --stratify --test-fraction $frac --train $f.$frac.a --test $f.$frac.b $f.eeg 2>warn
		grep -q 'warning: .*leaks' warn || fail "stratified random split: no leak warning"
	done
done
eeg-split --stratify --seed 9 --train v.a --test v.b --val v.v --val-fraction 0.15 imb.eeg 2>/dev/null
py - <<'PY'
import collections
import numpy as np
from sklearn.model_selection import train_test_split
from eegstream import read_stream
from split_ref import partition
worst = 0
for f in ("s", "imb", "tiny"):
    y = read_stream(f + ".eeg").labels
    for frac in ("0.2", "0.25", "0.5"):
        a, b = partition(f + ".eeg", "%s.%s.a" % (f, frac), "%s.%s.b" % (f, frac))
        got = collections.Counter(k[0] for k in b)
        _, yt = train_test_split(y, test_size=float(frac), stratify=y, random_state=0)
        want = collections.Counter("abc"[c] for c in yt)
        assert len(b) == len(yt), (f, frac, len(b), len(yt))
        for c in "abc":
            worst = max(worst, abs(got[c] - want[c]))
            assert abs(got[c] - want[c]) <= 1, (f, frac, c, got, want)
            # and within one frame of the exact proportion
            n_c = int((y == "abc".index(c)).sum())
            assert abs(got[c] - float(frac) * n_c) < 1 + 1e-9, (f, frac, c, got[c], n_c)
a, b, v = partition("imb.eeg", "v.a", "v.b", "v.v")
y = read_stream("imb.eeg").labels
for part, frac in ((b, 0.2), (v, 0.15)):
    got = collections.Counter(k[0] for k in part)
    for c in "abc":
        n_c = int((y == "abc".index(c)).sum())
        assert abs(got[c] - frac * n_c) < 1 + 1e-9, (c, got[c], frac * n_c)
print("ok: class counts within %d of sklearn's" % worst)
PY
