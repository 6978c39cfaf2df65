#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on an EDF+ file (written here by hand, to the EDF+ specification, not by EDFlib):
# each window takes the label of the annotation active at its centre: one with a duration
# covers [onset, onset + duration), one without holds until the next onset.
. "$(dirname "$0")/lib.sh"
py - "$T/rec.edf" <<'PY'
import sys
import numpy as np
rate, nrec, chans = 100, 10, ["C3", "C4"]
# annotations: rest for 4 s from 0; task from 4.5 s on (no duration)
tals = {0: "+0\x154\x14rest\x14\x00", 4: "+4.5\x14task\x14\x00"}
ann_bytes = 120                              # per record: 60 int16 samples
def f(v, n): return ("%-*s" % (n, v))[:n].encode()
sig = chans + ["EDF Annotations"]
h = f("0", 8) + f("X X X X", 80) + f("Startdate 01-JAN-2020 X X X", 80)
h += f("01.01.20", 8) + f("00.00.00", 8) + f(str(256 * (len(sig) + 1)), 8) + f("EDF+C", 44)
h += f(str(nrec), 8) + f("1", 8) + f(str(len(sig)), 4)
h += b"".join(f(s, 16) for s in sig) + b"".join(f("", 80) for s in sig)
h += b"".join(f("uV" if s in chans else "", 8) for s in sig)
h += b"".join(f("-3276.8" if s in chans else "-1", 8) for s in sig)
h += b"".join(f("3276.7" if s in chans else "1", 8) for s in sig)
h += b"".join(f("-32768", 8) for s in sig) + b"".join(f("32767", 8) for s in sig)
h += b"".join(f("", 80) for s in sig)
h += b"".join(f(str(rate if s in chans else ann_bytes // 2), 8) for s in sig)
h += b"".join(f("", 32) for s in sig)
assert len(h) == 256 * (len(sig) + 1)
rng = np.random.default_rng(3)
out = bytearray(h)
for r in range(nrec):
    for c in chans:
        out += rng.integers(-3000, 3000, rate).astype("<i2").tobytes()
    tal = ("+%d\x14\x14\x00" % r + tals.get(r, "")).encode()
    out += tal + b"\x00" * (ann_bytes - len(tal))
open(sys.argv[1], "wb").write(bytes(out))
PY
eeg-fft -w 1 -s 0.5 "$T/rec.edf" | eeg-cat -t | cut -d, -f1,3 >"$T/got"
# window k covers [0.5k, 0.5k + 1): its centre is 0.5k + 0.495 (the last sample is at +0.99)
cat >"$T/want" <<'TXT'
label,time
rest,0
rest,0.5
rest,1
rest,1.5
rest,2
rest,2.5
rest,3
rest,3.5
,4
task,4.5
task,5
task,5.5
task,6
task,6.5
task,7
task,7.5
task,8
task,8.5
task,9
TXT
diff "$T/want" "$T/got" || fail "labels from annotations"
# -l overrides the annotations
eeg-fft -l X "$T/rec.edf" | eeg-cat -t | cut -d, -f1 | sort -u | tr '\n' ' ' >"$T/l"
[ "$(cat "$T/l")" = "X label " ] || fail "-l: $(cat "$T/l")"
# an annotation's control bytes (a clinician's tab or line end) are blanks in the class
# name: the stream header holds none (before, eeg-fft wrote a header eeg-cat refused)
py - "$EEG_TOP/tests/ref" "$T/ctl.edf" <<'PY'
import sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from edfwrite import Signal, write_edf
rng = np.random.default_rng(4)
sig = [Signal(c, rng.normal(0, 20, 2560), 256, physmin=-500, physmax=500) for c in ("C3", "C4")]
write_edf(sys.argv[2], sig, plus="C", annotations=[(1, 4, "eyes\tclosed\r\nrest"), (6, 2, "task")])
PY
eeg-fft "$T/ctl.edf" | eeg-cat --info >"$T/ctl.info"
grep -qx '  0 eyes closed  rest: 8 frames' "$T/ctl.info" && grep -qx '  1 task: 4 frames' "$T/ctl.info" ||
	fail "control bytes: $(cat "$T/ctl.info")"
