#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split --folds K --fold I: over I = 1..K the test folds cover every frame exactly once
# and each fold's train is the rest; plain folds differ in size by at most one, stratified
# folds hold within one frame of each class's share, grouped folds never split a group.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
cd "$T"
py -c 'import split_ref as s
s.make("s.eeg", sizes=[40, 75, 61, 9, 33, 50, 21], shuffle=True, seed=8)'
for i in 1 2 3 4 5; do
	eeg-split --folds 5 --fold $i --seed 7 --train p$i.a --test p$i.b s.eeg 2>/dev/null
	eeg-split --folds 5 --fold $i --stratify --train s$i.a --test s$i.b s.eeg 2>/dev/null
	eeg-split --folds 5 --fold $i --by-group --train g$i.a --test g$i.b s.eeg 2>warn
	[ ! -s warn ] || fail "grouped folds warned"
done
py - <<'PY'
import collections
from split_ref import keys, partition
src = keys("s.eeg")
n = len(src)
for kind in "psg":
    tests = []
    for i in range(1, 6):
        a, b = partition("s.eeg", "%s%d.a" % (kind, i), "%s%d.b" % (kind, i))
        tests.append(b)
    assert collections.Counter(k for b in tests for k in b) == collections.Counter(src), kind
    sizes = [len(b) for b in tests]
    if kind == "p":
        assert max(sizes) - min(sizes) <= 1 and sorted(sizes, reverse=True) == sizes, sizes
    if kind == "s":
        for c in "abc":
            n_c = sum(k[0] == c for k in src)
            for b in tests:
                assert abs(sum(k[0] == c for k in b) - n_c / 5) < 1, (c, n_c)
    if kind == "g":
        owner = {}
        for i, b in enumerate(tests):
            for k in b:
                assert owner.setdefault(k[1], i) == i, "group in two folds"
        assert len(set(owner.values())) == 5
    print(kind, sizes)
print("ok")
PY
