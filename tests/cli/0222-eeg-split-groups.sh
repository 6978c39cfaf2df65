#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split --by-group: no group on both sides, the test share close to the fraction,
# --holdout NAME (leave-one-group-out, or a comma list), a grouped validation set; no leak
# warning for a grouped split of overlapping windows.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
cd "$T"
py -c 'import split_ref as s
s.make("s.eeg", sizes=[40, 75, 60, 52, 31, 90, 45, 66, 58, 70, 48, 35], shuffle=True, seed=2)'
for seed in 0 1 2 3; do
	eeg-split --by-group --seed $seed --train a$seed --test b$seed s.eeg 2>warn$seed
	[ ! -s warn$seed ] || fail "grouped split warned: $(cat warn$seed)"
done
eeg-split --by-group --test-fraction 0.4 --train a4 --test b4 s.eeg
eeg-split --holdout g3 --train h.a --test h.b s.eeg
eeg-split --by-group --holdout g0,g7 --holdout g11 --train h2.a --test h2.b s.eeg
eeg-split --by-group --val v.v --val-fraction 0.2 --train v.a --test v.b s.eeg
eeg-split --holdout g5 --val hv.v --val-fraction 0.1 --train hv.a --test hv.b s.eeg
py - <<'PY'
from split_ref import partition
sizes = [40, 75, 60, 52, 31, 90, 45, 66, 58, 70, 48, 35]
n = sum(sizes)
def groups(p):
    return {k[1] for k in p}
tests = []
for seed, frac in ((0, .2), (1, .2), (2, .2), (3, .2), (4, .4)):
    a, b = partition("s.eeg", "a%d" % seed, "b%d" % seed)
    assert not groups(a) & groups(b), seed
    assert abs(len(b) - frac * n) <= max(sizes) / 2, (seed, len(b), frac * n)
    tests.append(frozenset(groups(b)))
assert len(set(tests[:4])) > 1, "the seed does not change the grouped split"
a, b = partition("s.eeg", "h.a", "h.b")
assert groups(b) == {"g3"} and len(b) == 52 and "g3" not in groups(a)
a, b = partition("s.eeg", "h2.a", "h2.b")
assert groups(b) == {"g0", "g7", "g11"} and len(groups(a)) == 9
a, b, v = partition("s.eeg", "v.a", "v.b", "v.v")
assert not (groups(a) & groups(b) or groups(a) & groups(v) or groups(b) & groups(v))
assert groups(v) and abs(len(v) - .2 * n) <= max(sizes) / 2
a, b, v = partition("s.eeg", "hv.a", "hv.b", "hv.v")
assert groups(b) == {"g5"} and groups(v) and not groups(v) & groups(a) and "g5" not in groups(a) | groups(v)
print("ok: test groups per split", [len(p) for p in tests])
PY
