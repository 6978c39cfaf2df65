#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on a labelled raw tensor stream (as eeg-synth writes): each window takes its
# samples' label and group, and a window never spans a change of label or group.
. "$(dirname "$0")/lib.sh"
py - "$T/raw.eeg" <<'PY'
import os, sys
sys.path.insert(0, os.environ["EEG_TOP"] + "/tests/ref")
import numpy as np
from eegstream import write_stream
n = 900                       # 3 segments of 300 samples at 100 Hz, times continuous
x = np.random.default_rng(1).normal(size=(n, 2))
lab = np.repeat([0, 1, 1], 300)
grp = np.repeat([0, 0, 1], 300)
write_stream(sys.argv[1], x, columns=["C3", "C4"], classes=["rest", "task"],
             groups=["s1", "s2"], labels=lab, group=grp, time=np.arange(n) / 100.0, rate=100)
PY
eeg-fft -w 1 -s 0.5 "$T/raw.eeg" | eeg-cat -t | cut -d, -f1-3 >"$T/got"
cat >"$T/want" <<'TXT'
label,group,time
rest,s1,0
rest,s1,0.5
rest,s1,1
rest,s1,1.5
rest,s1,2
task,s1,3
task,s1,3.5
task,s1,4
task,s1,4.5
task,s1,5
task,s2,6
task,s2,6.5
task,s2,7
task,s2,7.5
task,s2,8
TXT
diff "$T/want" "$T/got" || fail "windows across a label or group change"
# -l and -g still override the stream's own
eeg-fft -l X -g Y "$T/raw.eeg" | eeg-cat -t | cut -d, -f1,2 | sort -u >"$T/over"
printf 'X,Y\nlabel,group\n' | sort >"$T/over.want"
cmp "$T/over" "$T/over.want" || fail "override: $(cat "$T/over")"
# eeg-synth's stream: every window labelled, one state and subject each
eeg-synth -n 4 --subjects 2 --sessions 1 | eeg-fft | eeg-cat --info >"$T/info"
grep -q '^  (no label)' "$T/info" && fail "unlabelled windows: $(cat "$T/info")"
grep -qx '  0 relaxed: 14 frames' "$T/info" || fail "synth labels: $(cat "$T/info")"
grep -qx '  1 subjectb: 21 frames' "$T/info" || fail "synth groups: $(cat "$T/info")"
