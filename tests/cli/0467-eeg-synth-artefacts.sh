#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth artefacts, found with SciPy in the WAV output: blinks are slow frontal peaks
# (AF7+AF8), more frequent with eyes open (neutral) than relaxed; muscle bursts make the
# 60-120 Hz power of TP9/TP10 bursty, much more than on AF7.
. "$(dirname "$0")/lib.sh"

eeg-synth -n 60 --subjects 4 --sessions 2 --line 0 --seed 1 --format wav -o "$T/w"
py - "$T/w" <<'PY' || fail "artefact checks"
import sys, warnings
import numpy as np, scipy.signal as ss, scipy.io.wavfile as wf
warnings.simplefilter("ignore")
d, bad = sys.argv[1], 0
blinks = {"relaxed": 0, "neutral": 0, "concentrating": 0}
lo = ss.butter(2, [0.5, 4], "bandpass", fs=256, output="sos")
hi = ss.butter(4, [60, 120], "bandpass", fs=256, output="sos")
for s in "abcd":
    burst = {}
    for st in blinks:
        for e in (1, 2):
            rate, x = wf.read("%s/subject%s-%s-%d.wav" % (d, s, st, e))
            x = x.astype(float) * 1000
            fr = ss.sosfiltfilt(lo, (x[:, 1] + x[:, 2]) / 2)
            pk, _ = ss.find_peaks(fr, prominence=40, width=(0.05 * 256, 0.6 * 256))
            blinks[st] += len(pk)
            if e == 2:
                continue
            h = ss.sosfiltfilt(hi, x, axis=0)
            p = (h[:len(h) // 64 * 64].reshape(-1, 64, 5) ** 2).mean(1)	# 0.25 s windows
            burst[st] = p.max(0) / np.median(p, 0)
    tp = max(burst[st][c] for st in ("neutral", "concentrating") for c in (0, 3))
    af = max(burst[st][1] for st in burst)
    ok = tp > 5 and tp > 2 * af
    print("%s subject%s: 60-120 Hz burst max/median TP %.1f, AF7 %.1f" % ("ok " if ok else "BAD", s, tp, af))
    bad += not ok
# 8 minutes per state; the model's blink rates: 2 a minute relaxed (eyes mostly closed),
# 14 neutral
ok = blinks["relaxed"] < 0.7 * blinks["neutral"] and 50 <= blinks["neutral"] <= 200
print("%s blinks in 8 minutes: %s" % ("ok " if ok else "BAD", blinks))
bad += not ok
sys.exit(bad != 0)
PY
