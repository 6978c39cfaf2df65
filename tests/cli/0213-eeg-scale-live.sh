#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-scale --apply and eeg-select on a live input (a pipe that stays open): each frame comes
# out before the next goes in, scaled as in a batch run.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/a.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
X = np.random.default_rng(1).normal(size=(6, 5))
write_stream(sys.argv[1], X, columns=["TP9", "AF7", "AF8", "TP10", "AUX"], rate=256)
PY
eeg-scale -f "$T/a.scale" "$T/a.eeg" >"$T/batch.eeg"
py "$EEG_TOP/tests/ref/live.py" "$T/a.eeg" eeg-scale -a "$T/a.scale" >"$T/log" || fail "eeg-scale: $(cat "$T/log")"
py "$EEG_TOP/tests/ref/live.py" "$T/a.eeg" eeg-select -c AF >>"$T/log" || fail "eeg-select: $(cat "$T/log")"
[ "$(grep -c '^ok 6 frames$' "$T/log")" = 2 ] || fail "$(cat "$T/log")"
