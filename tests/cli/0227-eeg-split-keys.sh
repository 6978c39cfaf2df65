#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split writes the keys that say how each part was made (eeg-tensor(5)): the method
# whatever the spelling of its options, seed, fractions, gap, fold and the test groups, in
# every part; a part split again carries only its latest split's keys.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/all.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
n = 120
write_stream(sys.argv[1], np.arange(n * 2).reshape(n, 2), classes=["x", "y"],
             groups=["s1", "s2", "s3", "s4"], labels=np.arange(n) % 2,
             group=np.arange(n) // 30, time=np.tile(np.arange(30) * 0.5, 4), window=1, hop=0.5)
PY
# keys PART: the split lines of a part, in order
keys() { eeg-cat --info "$1" | grep '^split'; }
# want PART LINES...: the part's split lines are exactly these
want() {
	f=$1; shift
	printf '%s\n' "$@" >"$T/want"
	keys "$f" >"$T/got"
	cmp -s "$T/want" "$T/got" || fail "$f: $(tr '\n' ' ' <"$T/got"), want $(tr '\n' ' ' <"$T/want")"
}
eeg-split --hold s4,s2 --val-f 0.25 --seed 5 --train "$T/tr" --test "$T/te" --val "$T/va" "$T/all.eeg"
want "$T/te" split=test split-method=holdout split-seed=5 split-val-fraction=0.25 \
	split-test-group=s2 split-test-group=s4
want "$T/tr" split=train split-method=holdout split-seed=5 split-val-fraction=0.25 \
	split-test-group=s2 split-test-group=s4
eeg-split --by-g --train "$T/g.tr" --test "$T/g.te" "$T/all.eeg"
keys "$T/g.te" | grep -qx 'split-method=groups' || fail "groups: $(keys "$T/g.te")"
keys "$T/g.te" | grep -qx 'split-test-fraction=0.2' || fail "groups fraction"
keys "$T/g.te" | grep -q '^split-test-group=' || fail "groups: no test group"
eeg-split --blocks --gap 1 --test-fraction 0.25 --train "$T/b.tr" --test "$T/b.te" "$T/all.eeg"
want "$T/b.te" split=test split-method=blocks split-seed=0 split-test-fraction=0.25 split-gap=1
eeg-split --folds 3 --fold 2 --strat --train "$T/f.tr" --test "$T/f.te" "$T/all.eeg" 2>/dev/null
want "$T/f.te" split=test split-method=stratified-folds split-seed=0 split-fold=2/3
eeg-split --folds 4 --fold 1 --by-group --train "$T/gf.tr" --test "$T/gf.te" "$T/all.eeg"
keys "$T/gf.te" | grep -qx 'split-method=group-folds' || fail "group folds"
eeg-split --train "$T/r.tr" --test "$T/r.te" "$T/all.eeg" 2>/dev/null
want "$T/r.te" split=test split-method=random split-seed=0 split-test-fraction=0.2
# the training part of a leave-one-out split, split again into train and validation
eeg-split --stratify --train "$T/tr2" --test "$T/va2" "$T/tr" 2>/dev/null
want "$T/va2" split=test split-method=stratified split-seed=0 split-test-fraction=0.2
eeg-cat --info "$T/va2" | grep -c '^history=eeg-split' | grep -qx 2 || fail "history of both splits"
echo ok
