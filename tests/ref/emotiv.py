#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write an EmotivPRO CSV export of an EPOC X to the facts its documentation states.

  A first line of key:value pairs ("title:..., start timestamp:..., headset type:EPOCX,
  ..., sampling rate:eeg_128;mot_32;pow_8, samples:N, version:2.1,"), then the header:
  Timestamp, OriginalTimestamp, EEG.Counter (0..127, from 0 each second), EEG.Interpolated
  (1 where Cortex filled in a lost packet), the 14 EEG.<sensor> columns (uV, about 4200
  DC), EEG.RawCq, EEG.Battery, EEG.BatteryPercent, MarkerIndex, MarkerType,
  MarkerValueInt, EEG.MarkerHardware, CQ.<sensor> (0..4, 4 good), CQ.Overall, EQ.*, MOT.*
  and POW.<sensor>.<band>. One row a 128-Hz EEG sample, Timestamp Unix seconds; the
  slower streams fill their cells on some rows only (CQ, EQ and POW every 16th row, MOT
  every 4th) and leave them empty on the others; marker cells are empty but at a marker.

Usage: emotiv.py OUT.csv TRUTH.npz [seconds] [rate-key]   (truth: x, q, mark_at, mark_value)
  rate-key: the first line's "sampling rate:" value (default eeg_128;mot_32;pow_8)
"""
import sys

import numpy as np

RATE = 128
SENSORS = ["AF3", "F7", "F3", "FC5", "T7", "P7", "O1", "O2", "P8", "T8", "FC6", "F4", "F8",
           "AF4"]
BANDS = ["Theta", "Alpha", "BetaL", "BetaH", "Gamma"]
HEAD = (["Timestamp", "OriginalTimestamp", "EEG.Counter", "EEG.Interpolated"] +
        ["EEG." + e for e in SENSORS] +
        ["EEG.RawCq", "EEG.Battery", "EEG.BatteryPercent", "MarkerIndex", "MarkerType",
         "MarkerValueInt", "EEG.MarkerHardware"] +
        ["CQ." + e for e in SENSORS] + ["CQ.Overall", "EQ.SampleRateQuality", "EQ.OVERALL"] +
        ["EQ." + e for e in SENSORS] +
        ["MOT.CounterMems", "MOT.InterpolatedMems", "MOT.Q0", "MOT.Q1", "MOT.Q2", "MOT.Q3",
         "MOT.AccX", "MOT.AccY", "MOT.AccZ", "MOT.MagX", "MOT.MagY", "MOT.MagZ"] +
        ["POW.%s.%s" % (e, b) for e in SENSORS for b in BANDS])
T0 = 1623658701.491566


def main(out, truth, seconds, ratekey):
    rng = np.random.default_rng(5)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    x = 4200 + rng.normal(0, 4, (n, len(SENSORS)))
    x[:, 6:8] += 20 * np.sin(2 * np.pi * 10 * t)[:, None] * (t < seconds / 2)[:, None]
    interp = np.zeros(n, bool)
    interp[700:706] = True
    # contact: all good, but O1 fair (3) for a while and poor (2) later; set every 16th row
    cq = np.full((n, len(SENSORS)), 4)
    cq[1200:1500, 6] = 3
    cq[2000:2200, 6] = 2
    marks = {300: 1, 1000: 2, 1700: 1}      # sample index: MarkerValueInt
    rows = ["title:rest-task, start timestamp:%.6f, stop timestamp:%.6f, headset type:EPOCX, "
            "headset serial:E50202E8, headset firmware:625, channels:%d, sampling rate:%s, "
            "samples:%d, version:2.1,\n" % (T0, T0 + (n - 1) / RATE, len(HEAD), ratekey, n),
            ",".join(HEAD) + "\n"]
    q = np.zeros(n, int)        # what the reader must make of each sample: 1, 2, 4 as HSI
    last = None
    nmark = 0
    for i in range(n):
        c = dict.fromkeys(HEAD, "")
        c["Timestamp"] = "%.6f" % (T0 + t[i] + rng.uniform(-2e-4, 2e-4))
        c["OriginalTimestamp"] = "%.6f" % (T0 + t[i] - 0.0123)
        c["EEG.Counter"] = "%d" % (i % RATE)
        c["EEG.Interpolated"] = "1" if interp[i] else "0"
        for k, e in enumerate(SENSORS):
            c["EEG." + e] = "%.6f" % x[i, k]
        c["EEG.RawCq"], c["EEG.Battery"], c["EEG.BatteryPercent"] = "0", "4", "98"
        c["EEG.MarkerHardware"] = "0"
        if i in marks:
            nmark += 1
            c["MarkerIndex"], c["MarkerType"] = "%d" % nmark, "1"
            c["MarkerValueInt"] = "%d" % marks[i]
        if i % 16 == 0:
            last = cq[i]
            for k, e in enumerate(SENSORS):
                c["CQ." + e] = "%d" % cq[i, k]
                c["EQ." + e] = "%d" % cq[i, k]
                for b in BANDS:
                    c["POW.%s.%s" % (e, b)] = "%.3f" % rng.uniform(0.1, 10)
            c["CQ.Overall"] = "%d" % (25 * cq[i].min())
            c["EQ.SampleRateQuality"], c["EQ.OVERALL"] = "1", "100"
        if i % 4 == 0:
            for m in HEAD:
                if m.startswith("MOT."):
                    c[m] = "%.4f" % rng.normal(0, 0.1)
        worst = last.min()
        q[i] = 4 if interp[i] else 1 if worst >= 4 else 2 if worst >= 3 else 4
        rows.append(",".join(c[h] for h in HEAD) + "\n")
    open(out, "w").write("".join(rows))
    np.savez(truth, x=x, q=q, mark_at=np.array(list(marks)),
             mark_value=np.array(list(marks.values())))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 20,
         sys.argv[4] if len(sys.argv) > 4 else "eeg_128;mot_32;pow_8")
