#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select --label/--group keep rows by class or group name (repeatable and comma lists;
# both given: a row must pass both), on a concatenated input whose parts number their
# classes differently (the output keeps every label right); unknown names are errors.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/a.eeg" "$T/b.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
X = np.arange(40, dtype=np.float32).reshape(20, 2)
write_stream(sys.argv[1], X[:10], columns=["x", "y"], classes=["relaxed", "neutral"],
             labels=[0, 1] * 5, groups=["s1", "s2"], group=[0] * 5 + [1] * 5, time=np.arange(10.0))
write_stream(sys.argv[2], X[10:], columns=["x", "y"], classes=["concentrating", "relaxed"],
             labels=[0, 1] * 5, groups=["s3", "s1"], group=[0] * 5 + [1] * 5, time=np.arange(10.0, 20))
PY
cat "$T/a.eeg" "$T/b.eeg" >"$T/ab.eeg"
eeg-select --label relaxed <"$T/ab.eeg" >"$T/o1.eeg"
eeg-select -l concentrating -l neutral <"$T/ab.eeg" >"$T/o2.eeg"
eeg-select --group s1,s3 --label relaxed,concentrating -c y <"$T/ab.eeg" >"$T/o3.eeg"
eeg-select --label concentrating <"$T/a.eeg" 2>"$T/unk.err" >"$T/o4.eeg" && fail "unknown class accepted"
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import read_stream
T = sys.argv[1]
ab = read_stream(T + "/ab.eeg")
lab = [ab.classes[i] for i in ab.labels]
grp = [ab.groups[i] for i in ab.group]
def rows(path):
    s = read_stream(path)
    return [(s.classes[l], s.groups[g], t, tuple(x)) for l, g, t, x in zip(s.labels, s.group, s.time, s.X.tolist())]
def want(keep, cols=(0, 1)):
    return [(lab[j], grp[j], ab.time[j], tuple(ab.X[j, list(cols)].tolist())) for j in range(20) if keep(j)]
assert rows(T + "/o1.eeg") == want(lambda j: lab[j] == "relaxed")
assert len(rows(T + "/o1.eeg")) == 10
assert rows(T + "/o2.eeg") == want(lambda j: lab[j] in ("concentrating", "neutral"))
assert rows(T + "/o3.eeg") == want(lambda j: grp[j] in ("s1", "s3") and lab[j] in ("relaxed", "concentrating"), (1,))
print("ok")
PY
[ ! -s "$T/o4.eeg" ] || fail "unknown class: wrote to stdout"
grep -qx "eeg-select: stdin: labels: no class named 'concentrating'" "$T/unk.err" || fail "$(cat "$T/unk.err")"
expect_error 1 "^eeg-select: stdin: groups: no group named 's9'\$" sh -c 'eeg-select -g s9 <"$1"' sh "$T/ab.eeg"
# names are checked against the whole stream's tables: a name first seen in a later part is fine
eeg-select -l concentrating <"$T/ab.eeg" | eeg-cat --info | grep -qx 'frames: 5' || fail "later class"
expect_error 2 "^eeg-select: --label: empty name in 'a,,b'\$" eeg-select -l a,,b
# no row kept: a valid stream with no frames
eeg-select -l neutral -g s3 <"$T/ab.eeg" | eeg-cat --info >"$T/info"
grep -qx 'frames: 0' "$T/info" || fail "empty selection: $(cat "$T/info")"
