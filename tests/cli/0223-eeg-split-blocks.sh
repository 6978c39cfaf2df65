#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split --blocks: per recording (group), frames in time order (the stream itself is
# shuffled), the last ceil(fraction * n) go to test; --gap N leaves out the N frames before
# each boundary (written to --gap-file when given, so every frame still lands once);
# --val puts a block between train and test; a stream with no groups is one recording; a
# group whose times repeat holds several recordings, cut where time stops increasing.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
cd "$T"
py -c 'import split_ref as s
s.make("s.eeg", sizes=[40, 75, 61, 9], shuffle=True, seed=3)
s.make("one.eeg", n_groups=1, per_group=100, shuffle=True, seed=4, groups=False)
import numpy as np
from eegstream import write_stream
# subject s0: recordings of 30, 20 and 11 frames, each timed from 0; s1: one of 25
t = np.concatenate([np.arange(30), np.arange(20), np.arange(11), np.arange(25)]) * 0.5
write_stream("rec.eeg", np.arange(86.0), groups=["s0", "s1"], group=[0] * 61 + [1] * 25, time=t)'
eeg-split --blocks --gap 1 --train ra.eeg --test rb.eeg --gap-file rg.eeg rec.eeg
eeg-split --blocks --gap 2 --gap-file g.eeg --train a.eeg --test b.eeg s.eeg 2>warn
[ ! -s warn ] || fail "blocks with a gap warned: $(cat warn)"
eeg-split --blocks --train a0.eeg --test b0.eeg s.eeg 2>warn0
grep -q '^eeg-split: warning: s\.eeg: windows overlap .*blocks leak at their boundaries unless --gap 1 or more$' warn0 ||
	fail "blocks without a gap: $(cat warn0)"
eeg-split --blocks --gap 3 --train a1.eeg --test b1.eeg -v s.eeg 2>counts
grep -qx 'eeg-split: train 135, test 38, val 0, gap 12 frames (dropped)' counts || fail "counts: $(cat counts)"
eeg-split --blocks --gap 1 --gap-file vg.eeg --val v.eeg --val-fraction 0.1 --test-fraction 0.3 \
	--train va.eeg --test vb.eeg s.eeg
eeg-split --blocks --train oa.eeg --test ob.eeg one.eeg 2>/dev/null
py - <<'PY'
import math
import numpy as np
from split_ref import partition, keys
sizes = {"g0": 40, "g1": 75, "g2": 61, "g3": 9}
def by_group(p):
    d = {}
    for k in p:
        d.setdefault(k[1], []).append(k[2])
    return {g: sorted(v) for g, v in d.items()}
a, b, g = map(by_group, partition("s.eeg", "a.eeg", "b.eeg", "g.eeg"))
for name, n in sizes.items():
    t = [0.5 * i for i in range(n)]          # a recording's times in order
    nt = math.ceil(0.2 * n)
    assert b[name] == t[n - nt:], name
    assert g[name] == t[n - nt - 2:n - nt], name
    assert a.get(name, []) == t[:n - nt - 2], name
a, b, v, g = map(by_group, partition("s.eeg", "va.eeg", "vb.eeg", "v.eeg", "vg.eeg"))
for name, n in sizes.items():
    t = [0.5 * i for i in range(n)]
    nt, nv = math.ceil(0.3 * n), math.ceil(0.1 * n)
    assert b[name] == t[n - nt:], name
    assert v.get(name, []) == t[n - nt - nv:n - nt - 1], name            # its last frame is the gap
    assert g[name] == [t[n - nt - nv - 1], t[n - nt - 1]], name
    assert a.get(name, []) == t[:n - nt - nv - 1], name
a, b = partition("one.eeg", "oa.eeg", "ob.eeg")
assert sorted(k[2] for k in b) == [0.5 * i for i in range(80, 100)]
a, b, g = (sorted(int(np.frombuffer(k[3], "<f4")[0]) for k in p)
           for p in partition("rec.eeg", "ra.eeg", "rb.eeg", "rg.eeg"))
want_b, want_g = [], []
for start, n in ((0, 30), (30, 20), (50, 11), (61, 25)):
    nt = math.ceil(0.2 * n)
    want_b += range(start + n - nt, start + n)
    want_g.append(start + n - nt - 1)
assert b == want_b and g == want_g, (b, g)
print("ok")
PY
