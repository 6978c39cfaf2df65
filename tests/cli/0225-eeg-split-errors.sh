#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-split error paths: usage (exit 2), bad input (exit 1, one line), impossible splits;
# no output file (or temporary file) is left behind by a failed split.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
cd "$T"
py - <<'PY'
import numpy as np
import split_ref as s
from eegstream import write_stream
s.make("s.eeg", n_groups=3, per_group=10)
s.make("one.eeg", n_groups=1, per_group=10)
write_stream("nolabel.eeg", np.ones((4, 2)), labels=[0, -1, 0, 0], classes=["a"], groups=["x", "y"], group=[0, 1, 0, 1])
write_stream("nogroup.eeg", np.ones((4, 2)), groups=["x", "y"], group=[0, 1, -1, 1])
write_stream("single.eeg", np.ones((1, 2)))
write_stream("empty.eeg", np.zeros((0, 2)))
PY
expect_help eeg-split
expect_error 2 "^eeg-split: --train and --test are needed\$" eeg-split --test b s.eeg
expect_error 2 "^eeg-split: --train and --test are needed\$" eeg-split --train a s.eeg
expect_error 2 "^eeg-split: --bogus: unknown option\$" eeg-split --train a --test b --bogus s.eeg
expect_error 2 "^eeg-split: --val and --val-fraction go together\$" eeg-split --train a --test b --val v s.eeg
expect_error 2 "^eeg-split: --val and --val-fraction go together\$" eeg-split --train a --test b --val-fraction 0.1 s.eeg
expect_error 2 "^eeg-split: --test-fraction 0.5 and --val-fraction 0.5 leave nothing to train\$" eeg-split --train a --test b --val v --val-fraction 0.5 --test-fraction 0.5 s.eeg
expect_error 2 "^eeg-split: --train and --test name one file, a\$" eeg-split --train a --test a s.eeg
expect_error 2 "^eeg-split: --stratify, --by-group .* exclude each other\$" eeg-split --train a --test b --stratify --by-group s.eeg
expect_error 2 "^eeg-split: --stratify, --by-group .* exclude each other\$" eeg-split --train a --test b --blocks --by-group s.eeg
expect_error 2 "^eeg-split: --gap needs --blocks\$" eeg-split --train a --test b --gap 2 s.eeg
expect_error 2 "^eeg-split: --gap-file needs --gap\$" eeg-split --train a --test b --blocks --gap-file g s.eeg
expect_error 2 "^eeg-split: --folds K and --fold I go together" eeg-split --train a --test b --folds 5 s.eeg
expect_error 2 "^eeg-split: --folds K and --fold I go together" eeg-split --train a --test b --folds 3 --fold 4 s.eeg
expect_error 2 "^eeg-split: --folds decide the test set" eeg-split --train a --test b --folds 3 --fold 1 --test-fraction 0.2 s.eeg
expect_error 2 "^eeg-split: --holdout decides the test set: no --test-fraction\$" eeg-split --train a --test b --holdout g1 --test-fraction 0.2 s.eeg
expect_error 2 "^eeg-split: one input file, not 2\$" eeg-split --train a --test b s.eeg s.eeg
expect_error 2 "^eeg-split: --test-fraction: expected a number in .*, got '1'\$" eeg-split --train a --test b --test-fraction 1 s.eeg
expect_error 2 "^eeg-split: --seed: expected an integer" eeg-split --train a --test b --seed x s.eeg
expect_error 2 "^eeg-split: --holdout: empty name in 'g1,'\$" eeg-split --train a --test b --holdout g1, s.eeg
expect_error 1 '^eeg-split: nope\.eeg: open: No such file or directory$' eeg-split --train a --test b nope.eeg
head -c 100 s.eeg >trunc.eeg
expect_error 1 '^eeg-split: trunc\.eeg: header: truncated body' eeg-split --train a --test b trunc.eeg
size=$(wc -c <s.eeg)
head -c $((size - 5)) s.eeg >truncf.eeg
expect_error 1 '^eeg-split: truncf\.eeg: frame 29: truncated \(19 of 24 bytes\)$' eeg-split --train a --test b truncf.eeg
expect_error 1 '^eeg-split: stdin: header: text, not an eegpipe tensor stream \(eeg-csv makes one of a CSV table\)$' sh -c 'echo x,y | eeg-split --train a --test b'
expect_error 1 '^eeg-split: empty\.eeg: no frames to split$' eeg-split --train a --test b empty.eeg
expect_error 1 '^eeg-split: single\.eeg: 1 frames are too few to split$' eeg-split --train a --test b single.eeg
expect_error 1 '^eeg-split: nolabel\.eeg: frame 1: no label: --stratify needs every frame to have one$' \
	eeg-split --train a --test b --stratify nolabel.eeg
expect_error 1 '^eeg-split: nogroup\.eeg: frame 2: no group: --by-group needs every frame to have one$' \
	eeg-split --train a --test b --by-group nogroup.eeg
expect_error 1 "^eeg-split: s\.eeg: groups: no group named 'g9'\$" eeg-split --train a --test b --holdout g9 s.eeg
expect_error 1 '^eeg-split: one\.eeg: groups: 1 group with frames: too few for a grouped split$' \
	eeg-split --train a --test b --by-group one.eeg
expect_error 1 '^eeg-split: s\.eeg: groups: 3 groups with frames are too few for 4 folds$' \
	eeg-split --train a --test b --by-group --folds 4 --fold 1 s.eeg
expect_error 1 "^eeg-split: s\.eeg: groups: no group left for training\$" \
	eeg-split --train a --test b --holdout g0,g1,g2 s.eeg
expect_error 1 '^eeg-split: single\.eeg: 1 frames are too few for 2 folds$' \
	eeg-split --train a --test b --folds 2 --fold 1 single.eeg
expect_error 1 '^eeg-split: nodir/a: create: No such file or directory$' eeg-split --train nodir/a --test b s.eeg
for f in a b a.* b.*; do [ ! -e "$f" ] || fail "failed split left $f"; done
# an output that cannot be created: nothing is written, not even the other output
expect_error 1 '^eeg-split: nodir/b: create: No such file or directory$' eeg-split --train a --test nodir/b s.eeg
ls | grep -q '^a' && fail "failed split left $(ls | grep '^a')"
# a write error (file size limit, SIGXFSZ ignored) removes every temporary file
py -c 'import split_ref as s; s.make("big.eeg", n_groups=4, per_group=500)'
expect_error 1 '^eeg-split: (a|b): (write: )?File too large$' \
	sh -c "trap '' XFSZ; ulimit -f 40; eeg-split --train a --test b big.eeg"
ls | grep -Eq '^(a|b)(\.|$)' && fail "temporary files left: $(ls)"
echo ok
