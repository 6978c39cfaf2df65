#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-scale --per-group: each group (subject) standardized with its own statistics, as one
# sklearn scaler per group; --apply looks groups up by name (the test stream numbers them
# differently); a group missing from the parameters or a frame with no group is an error.
# On a leave-one-subject-out split the header lists every subject and each part holds some:
# each part is calibrated per subject on the frames it has, and says so in its header.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
rng = np.random.default_rng(5)
n, d = 240, 12
g = rng.integers(0, 3, n)
X = rng.normal(size=(n, d)) * (1 + 10 * g[:, None]) + 100 * g[:, None]
cols = ["c%d" % i for i in range(d)]
write_stream(T + "/train.eeg", X[:180], columns=cols, groups=["s1", "s2", "s3"], group=g[:180])
# the test stream's table lists the groups in another order
remap = np.array([2, 0, 1])
write_stream(T + "/test.eeg", X[180:], columns=cols, groups=["s2", "s3", "s1"], group=remap[g[180:]])
write_stream(T + "/new.eeg", X[:5], columns=cols, groups=["s1", "s4"], group=[1, 0, 0, 0, 0])
write_stream(T + "/none.eeg", X[:5], columns=cols, groups=["s1"], group=[-1, 0, 0, 0, 0])
PY
eeg-scale --per-group --fit "$T/g.scale" "$T/train.eeg" >"$T/train.z"
eeg-scale --per-group --apply "$T/g.scale" "$T/test.eeg" >"$T/test.z"
eeg-scale --apply "$T/g.scale" "$T/test.eeg" >"$T/test2.z"
eeg-scale --per-group -m minmax <"$T/train.eeg" >"$T/train.m"
grep -qx 'per-group=1' "$T/g.scale" || fail "per-group not recorded"
py - "$T" <<'PY'
import sys
import numpy as np
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from eegstream import read_stream
T = sys.argv[1]
tr, te = read_stream(T + "/train.eeg"), read_stream(T + "/test.eeg")
ztr, zte, zte2 = read_stream(T + "/train.z"), read_stream(T + "/test.z"), read_stream(T + "/test2.z")
mtr = read_stream(T + "/train.m")
worst = 0
for name in ("s1", "s2", "s3"):
    a = tr.group == tr.groups.index(name)
    b = te.group == te.groups.index(name)
    sk = StandardScaler().fit(tr.X[a].astype(np.float64))
    for got, want in ((ztr.X[a], sk.transform(tr.X[a].astype(np.float64))),
                      (zte.X[b], sk.transform(te.X[b].astype(np.float64))),
                      (mtr.X[a], MinMaxScaler().fit_transform(tr.X[a].astype(np.float64)))):
        err = np.abs(got - want) / np.maximum(1, np.abs(want))
        worst = max(worst, err.max())
assert worst < 1e-5, worst
assert np.array_equal(zte.X, zte2.X)
assert zte.groups == te.groups and (zte.group == te.group).all()
print("ok: per-group max relative error vs sklearn %.2g" % worst)
PY
expect_error 1 "^eeg-scale: .*new\.eeg: frame 0: group 's4' is not in .*g\.scale: calibrate a new group on its own frames \(eeg-scale -p without --apply\)\$" eeg-scale -a "$T/g.scale" "$T/new.eeg"

# leave one subject out, then per-subject calibration of each part on its own frames
eeg-split --holdout s3 --train "$T/lo.train" --test "$T/lo.test" "$T/train.eeg"
eeg-scale -p -f "$T/lo.scale" "$T/lo.test" >"$T/lo.test.z"
eeg-scale -p "$T/lo.train" >"$T/lo.train.z"
grep -c '^set=' "$T/lo.scale" | grep -qx 1 || fail "test part: $(grep '^set=' "$T/lo.scale")"
grep -qx 'set=s3' "$T/lo.scale" || fail "test part: no set for s3"
grep -qx 'fit=test' "$T/lo.scale" || fail "test part: fit= $(grep '^fit=' "$T/lo.scale")"
eeg-cat --info "$T/lo.test.z" | grep -qx 'scale=zscore per-group test' || fail "test record"
eeg-cat --info "$T/lo.train.z" | grep -qx 'scale=zscore per-group train' || fail "train record"
py - "$T" <<'PY'
import sys
import numpy as np
from sklearn.preprocessing import StandardScaler
from eegstream import read_stream
T = sys.argv[1]
worst = 0
for part in ("train", "test"):
    raw, z = read_stream(T + "/lo." + part), read_stream(T + "/lo.%s.z" % part)
    assert raw.groups == z.groups == ["s1", "s2", "s3"], z.groups
    present = sorted(set(raw.group))
    assert present == ([2] if part == "test" else [0, 1]), present
    for g in present:
        a = raw.group == g
        want = StandardScaler().fit_transform(raw.X[a].astype(np.float64))
        worst = max(worst, (np.abs(z.X[a] - want) / np.maximum(1, np.abs(want))).max())
assert worst < 1e-5, worst
print("ok: leave-one-out per-group max relative error vs sklearn %.2g" % worst)
PY
# the held-out subject has no parameters in the training part's file: refused, with the fix
eeg-scale -p -f "$T/lo.train.scale" "$T/lo.train" >/dev/null
expect_error 1 "lo\.test: frame 0: group 's3' is not in .*lo\.train\.scale: calibrate a new group" \
	eeg-scale -p -a "$T/lo.train.scale" "$T/lo.test"
expect_error 1 "^eeg-scale: .*none\.eeg: frame 0: no group: --per-group needs every frame in a group\$" \
	eeg-scale -p "$T/none.eeg"
expect_error 1 "^eeg-scale: .*none\.eeg: frame 0: no group" eeg-scale -p -f "$T/x.scale" "$T/none.eeg"
[ ! -e "$T/x.scale" ] || fail "failed fit left a parameters file"
ls "$T" | grep -q 'x\.scale\.' && fail "failed fit left a temporary file"
eeg-scale -f "$T/global.scale" "$T/train.eeg" >/dev/null
expect_error 1 "^eeg-scale: .*global\.scale: holds one global set, not per-group parameters\$" \
	eeg-scale -p -a "$T/global.scale" "$T/test.eeg"
echo ok
