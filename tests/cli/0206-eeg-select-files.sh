#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select takes its input as [file ...] like the other tools (patterns by -c): several
# files are one concatenated stream, byte for byte what `cat a b | eeg-select` gives, with
# each part's class and group names kept right; "-" is standard input; an error names the
# file it is in; a pattern given as an operand is a file that does not open, at once.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
cols = ["TP9_alpha", "AF7_alpha", "TP9_beta", "AF7_beta"]
X = np.arange(24, dtype=np.float32).reshape(6, 4)
# the two files number their classes and groups differently
write_stream(T + "/a.eeg", X[:3], columns=cols, classes=["relaxed", "neutral"],
             labels=[0, 1, 0], groups=["s1"], group=[0, 0, 0], time=np.arange(3.0))
write_stream(T + "/b.eeg", X[3:], columns=cols, classes=["concentrating", "relaxed"],
             labels=[1, 0, 0], groups=["s2", "s1"], group=[0, 1, 0], time=np.arange(3.0))
write_stream(T + "/other.eeg", X[:, :3], columns=cols[:3])
PY
cd "$T"
cat a.eeg b.eeg | eeg-select -c alpha >piped.eeg
eeg-select -c alpha a.eeg b.eeg >files.eeg
eeg-select -c alpha a.eeg - <b.eeg >dash.eeg
# the history line records the command, so compare all but it
for f in piped files dash; do eeg-cat -t $f.eeg >$f.txt; done
cmp piped.txt files.txt || fail "two files differ from cat | eeg-select"
cmp piped.txt dash.txt || fail "'-' is not standard input"
py - files.eeg <<'PY'
import sys
import numpy as np
from eegstream import read_stream
s = read_stream(sys.argv[1])
assert s.columns == ["TP9_alpha", "AF7_alpha"], s.columns
assert np.array_equal(s.X, np.arange(24, dtype=np.float32).reshape(6, 4)[:, :2]), s.X
names = [s.classes[i] for i in s.labels]
assert names == ["relaxed", "neutral", "relaxed", "relaxed", "concentrating", "concentrating"], names
groups = [s.groups[i] for i in s.group]
assert groups == ["s1", "s1", "s1", "s2", "s1", "s2"], groups
print("ok: two files, one stream, names right")
PY
# the issue's example: a pattern where a file belongs fails at once, naming it
expect_error 1 "^eeg-select: alpha: open: No such file or directory\$" eeg-select alpha a.eeg
# errors in a later file name that file; frames before it are already out
expect_fail 1 "^eeg-select: nope\\.eeg: open: No such file or directory\$" eeg-select a.eeg nope.eeg
expect_fail 1 "^eeg-select: other\\.eeg: header 2: " eeg-select a.eeg other.eeg
: >empty.eeg
expect_fail 1 "^eeg-select: empty\\.eeg: header: empty input\$" eeg-select a.eeg empty.eeg
head -c 20 b.eeg >cut.eeg
expect_fail 1 "^eeg-select: cut\\.eeg: header: truncated" eeg-select a.eeg cut.eeg
