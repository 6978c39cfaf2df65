#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-cat --info summarises: 1500 column names become the first four, "...", the last two;
# a few are all listed; times print to the millisecond without float dust.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
write_stream(T + "/wide.eeg", np.zeros((3, 1500)), columns=["fft_%d" % i for i in range(1500)],
             time=[0.0, 12.5, 956.32099986076355])
write_stream(T + "/few.eeg", np.zeros((2, 3)), columns=["a", "b c", "d"],
             time=[1533000000.004, 1533000001.0])
write_stream(T + "/none.eeg", np.zeros((2, 2)))
PY
eeg-cat --info "$T/wide.eeg" >"$T/wide"
grep -qx 'columns: 1500 (fft_0, fft_1, fft_2, fft_3, ..., fft_1498, fft_1499)' "$T/wide" ||
	fail "wide: $(grep columns "$T/wide")"
grep -qx 'time: 0 .. 956.321 s' "$T/wide" || fail "time: $(grep time "$T/wide")"
[ "$(wc -l <"$T/wide")" -lt 12 ] || fail "wide: $(wc -l <"$T/wide") lines"
eeg-cat --info "$T/few.eeg" >"$T/few"
grep -qx 'columns: 3 (a, b c, d)' "$T/few" || fail "few: $(grep columns "$T/few")"
grep -qx 'time: 1533000000.004 .. 1533000001 s' "$T/few" || fail "few time: $(grep time "$T/few")"
eeg-cat --info "$T/none.eeg" | grep -qx 'columns: 0' || fail "no columns"
eeg-cat --info "$T/none.eeg" | grep -q '^time' && fail "no times, yet a time line"
echo ok
