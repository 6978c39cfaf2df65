#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split, random: every frame lands in exactly one output (in input order), the test
# share is ceil(fraction * n) as in scikit-learn, the same seed gives the same files and
# another seed another split; a stream of overlapping windows (or layout=bird2018) gets one
# warning line naming --by-group and --blocks, a stream without overlap none.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py -c 'import sys, split_ref as s
s.make(sys.argv[1]); s.make(sys.argv[2], window=0, hop=0)
s.make(sys.argv[3], window=0, hop=0, meta=[("layout", "bird2018")], groups=False)' \
	"$T/s.eeg" "$T/plain.eeg" "$T/bird.eeg"
cd "$T"
eeg-split --train a.eeg --test b.eeg s.eeg 2>warn
eeg-split --train a2.eeg --test b2.eeg <s.eeg 2>/dev/null
eeg-split --train a3.eeg --test b3.eeg --seed 1 --test-fraction 0.33 s.eeg 2>/dev/null
eeg-split --train a4.eeg --test b4.eeg --val v4.eeg --val-fraction 0.1 -s 3 s.eeg 2>/dev/null
eeg-split --train a5.eeg --test b5.eeg plain.eeg 2>warn5
eeg-split --train a6.eeg --test b6.eeg bird.eeg 2>warn6
[ "$(wc -l <warn)" = 1 ] || fail "warnings: $(cat warn)"
grep -Eq '^eeg-split: warning: s\.eeg: windows overlap \(window 1 s, hop 0\.5 s\): .*leaks.*--by-group.*--blocks' warn ||
	fail "warning text: $(cat warn)"
[ ! -s warn5 ] || fail "warning without overlap: $(cat warn5)"
[ "$(wc -l <warn6)" = 1 ] && grep -q 'layout=bird2018.*leaks.*--by-group.*--blocks' warn6 || fail "bird2018: $(cat warn6)"
# blocks of a table without times (emotions.csv was shuffled) are no cure: say so
py -c 'import sys, split_ref as s
s.make(sys.argv[1], window=0, hop=0, meta=[("layout", "bird2018")], groups=False, times=False)' bird2.eeg
eeg-split --blocks --gap 1 --train a7.eeg --test b7.eeg bird2.eeg 2>warn7
grep -qx 'eeg-split: warning: bird2\.eeg: layout=bird2018 rows carry no time .*' warn7 || fail "bird2018 blocks: $(cat warn7)"
# the same command again gives byte-identical files
mkdir again && ln -s ../s.eeg again/s.eeg
(cd again && eeg-split --train a.eeg --test b.eeg s.eeg 2>/dev/null)
cmp a.eeg again/a.eeg && cmp b.eeg again/b.eeg || fail "same command, different files"
py - <<'PY'
import numpy as np
from eegstream import read_stream
from split_ref import partition, keys
a, b = partition("s.eeg", "a.eeg", "b.eeg")
assert (len(a), len(b)) == (400, 100), (len(a), len(b))
a2, b2 = partition("s.eeg", "a2.eeg", "b2.eeg")
assert (a2, b2) == (a, b), "same seed, different split"
a3, b3 = partition("s.eeg", "a3.eeg", "b3.eeg")
assert len(b3) == 165 and set(b3) != set(b), len(b3)             # ceil(0.33 * 500)
a4, b4, v4 = partition("s.eeg", "a4.eeg", "b4.eeg", "v4.eeg")
assert (len(a4), len(b4), len(v4)) == (350, 100, 50)
partition("plain.eeg", "a5.eeg", "b5.eeg")
partition("bird.eeg", "a6.eeg", "b6.eeg")
s, t = read_stream("s.eeg"), read_stream("b.eeg")
assert (t.columns, t.classes, t.groups, t.window, t.hop) == (s.columns, s.classes, s.groups, 1, 0.5)
meta = dict(t.meta)
assert meta["split"] == "test" and meta["history"].startswith("eeg-split --train a.eeg"), meta
assert dict(read_stream("v4.eeg").meta)["split"] == "val"
print("ok")
PY
