#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write an OpenBCI GUI (v5 and later) recording to the facts of real ones (never a copy).

  The GUI's "OpenBCI-RAW-*.txt" of a Cyton: four comment lines ("%OpenBCI Raw EXG Data",
  "%Number of channels = 8", "%Sample Rate = 250 Hz", "%Board = OpenBCI_GUI$BoardCytonSerial"),
  then the header "Sample Index, EXG Channel 0, ..., EXG Channel 7, Accel Channel 0..2,
  Other x7, Analog Channel 0..2, Timestamp, Marker Channel, Timestamp (Formatted)", cells
  separated by ", ". Sample Index counts 0..255 and wraps; Timestamp is the computer's Unix
  time as each sample is decoded: samples reach it in bursts (the USB serial link's 16 ms
  latency timer), 1-4 ms after the last of them was taken, stamped microseconds apart; some
  runs of samples are lost on the radio link (the index jumps). Accelerometer cells are 0
  but every tenth sample; Marker Channel is 0 but at a marker (1.0, 2.0).

Usage: openbci.py OUT.txt TRUTH.npz [seconds]   (truth: x, run, mark_at, mark_value)
"""
import datetime
import sys

import numpy as np

RATE = 250
NCH = 8
HEAD = (["Sample Index"] + ["EXG Channel %d" % i for i in range(NCH)] +
        ["Accel Channel %d" % i for i in range(3)] + ["Other"] * 7 +
        ["Analog Channel %d" % i for i in range(3)] +
        ["Timestamp", "Marker Channel", "Timestamp (Formatted)"])
T0 = 1650000000.0


def main(out, truth, seconds):
    rng = np.random.default_rng(11)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    # an alpha rhythm on the occipital pair (channels 6, 7) in the first half
    x = rng.normal(0, 5, (n, NCH))
    alpha = 30 * np.sin(2 * np.pi * 10 * t) * (t < seconds / 2)
    x[:, 6] += alpha
    x[:, 7] += 0.8 * alpha
    x += rng.normal(0, 200, NCH)        # the Cyton's DC offsets, unfiltered
    lost = np.zeros(n, bool)
    for a, m in ((1000, 20), (2300, 60), (4100, 9)):
        lost[a:a + m] = True
    marks = {400: 1.0, 1500: 2.0, 3000: 1.0}    # sample index: marker value
    run, r = np.zeros(n, int), 0
    rows = ["%OpenBCI Raw EXG Data\n", "%%Number of channels = %d\n" % NCH,
            "%%Sample Rate = %d Hz\n" % RATE, "%Board = OpenBCI_GUI$BoardCytonSerial\n",
            ", ".join(HEAD) + "\n"]
    kept, burst, last = [], [], -1
    for i in range(n):
        if lost[i]:
            if i == 0 or not lost[i - 1]:
                r += 1
            run[i] = -1
            continue
        run[i] = r
        burst.append(i)
        # the serial link hands on what has come every 16 ms
        if (i + 1) % 4 == 0 or i == n - 1:
            arrive = T0 + t[burst[-1]] + rng.uniform(0.001, 0.004)
            for k, j in enumerate(burst):
                stamp = arrive + k * 20e-6
                acc = ["%.3f" % v for v in (rng.normal(0, 0.02, 3) if j % 10 == 0
                                            else (0, 0, 0))]
                d = datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)
                cells = (["%.1f" % (j % 256)] + ["%.6f" % v for v in x[j]] + acc +
                         ["0.0"] * 7 + ["0.0"] * 3 + ["%.6f" % stamp,
                         "%.1f" % marks.get(j, 0.0),
                         d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (d.microsecond // 1000)])
                rows.append(", ".join(cells) + "\n")
                kept.append(j)
                last = j
            burst = []
    assert last == n - 1
    open(out, "w").write("".join(rows))
    keep = np.array(kept)
    mark_at = np.array([np.searchsorted(keep, a) for a in marks])
    np.savez(truth, x=x[keep], run=run[keep], mark_at=mark_at,
             mark_value=np.array(list(marks.values())))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 20)
