#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The data-plumbing pipeline on the real Muse recordings: bird2018 features per recording
# (label = state, group = subject), fft columns, an honest split by subject and by time
# blocks, and scaling fitted on train only (checked against scikit-learn).
. "$(dirname "$0")/lib.sh"
need_data EEG_MUSE_DIR
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
for s in a b c d; do
	for st in relaxed neutral concentrating; do
		eeg-fft --profile bird2018 -l $st -g subject$s "$EEG_MUSE_DIR/subject$s-$st-1.csv"
	done
done | eeg-select -c fft >"$T/fft.eeg"
cd "$T"
eeg-split --holdout subjectd --train tr.eeg --test te.eeg fft.eeg 2>warn
[ ! -s warn ] || fail "holdout warned: $(cat warn)"
eeg-split --by-group --seed 2 --train gtr.eeg --test gte.eeg fft.eeg
eeg-split --blocks --gap 2 --train btr.eeg --test bte.eeg fft.eeg 2>warnb
[ ! -s warnb ] || fail "blocks with gap 2 warned: $(cat warnb)"
eeg-split --blocks --gap 1 --train x --test y fft.eeg 2>warn1
grep -q 'blocks leak at their boundaries unless --gap 2 or more$' warn1 || fail "gap 1: $(cat warn1)"
eeg-split --train x --test y fft.eeg 2>warnr
grep -q 'window 1.5 s, hop 0.5 s.*leaks; use --by-group or --blocks --gap 2$' warnr || fail "random: $(cat warnr)"
eeg-scale -f fft.scale tr.eeg >tr.z
eeg-scale -a fft.scale te.eeg >te.z
py - <<'PY'
import numpy as np
from sklearn.preprocessing import StandardScaler
from eegstream import read_stream
from split_ref import partition
a, b = partition("fft.eeg", "tr.eeg", "te.eeg")
assert {k[1] for k in b} == {"subjectd"} and "subjectd" not in {k[1] for k in a}
a, b = partition("fft.eeg", "gtr.eeg", "gte.eeg")
assert not {k[1] for k in a} & {k[1] for k in b}
tr, te = read_stream("btr.eeg"), read_stream("bte.eeg")
s = read_stream("fft.eeg")
for g in range(len(s.groups)):
    for c in range(len(s.classes)):    # one recording = one (subject, state)
        t_tr = tr.time[(tr.group == g) & (tr.labels == c)]
        t_te = te.time[(te.group == g) & (te.labels == c)]
        if len(t_te) and len(t_tr):
            assert t_tr.max() + 3 * 0.5 <= t_te.min() + 1e-9, (g, c)     # 2 frames left out
tr, te = read_stream("tr.eeg"), read_stream("te.eeg")
sk = StandardScaler().fit(tr.X.astype(np.float64))
err = 0
for part, src in (("tr.z", tr), ("te.z", te)):
    got = read_stream(part).X
    want = sk.transform(src.X.astype(np.float64))
    err = max(err, (np.abs(got - want) / np.maximum(1, np.abs(want))).max())
assert err < 1e-5, err
print("ok: %d frames, %d subjects, scale error %.2g" % (len(s.X), len(s.groups), err))
PY
