#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write Mind Monitor exports to the facts of real ones (never a copy of one).

  constant export: TimeStamp as local wall-clock text, 20 absolute band-power columns,
    RAW_TP9..RAW_TP10, AUX_RIGHT, Mellow, Concentration, accelerometer, gyro, HeadBandOn,
    HSI_TP9..HSI_TP10, Battery, Elements; data rows leave out the trailing Elements field;
    samples in Bluetooth packets of 12, the packet arriving 30-45 ms after its last sample
    and its rows stamped 1 ms apart; some packets lost; marker rows with only TimeStamp and
    Elements (/muse/elements/blink, /muse/elements/jaw_clench, /Marker/1), some stamped in
    whole seconds.
  interval export (1 Hz): one row a second, RAW_* a snapshot.

Usage: mindmonitor.py constant OUT.csv TRUTH.npz [seconds]   (truth: samples, runs, ...)
       mindmonitor.py interval OUT.csv TRUTH.npz [seconds]
"""
import datetime
import sys

import numpy as np

BANDS = ["Delta", "Theta", "Alpha", "Beta", "Gamma"]
EL = ["TP9", "AF7", "AF8", "TP10"]
HEAD = (["TimeStamp"] + ["%s_%s" % (b, e) for b in BANDS for e in EL] +
        ["RAW_%s" % e for e in EL] + ["AUX_RIGHT", "Mellow", "Concentration",
        "Accelerometer_X", "Accelerometer_Y", "Accelerometer_Z", "Gyro_X", "Gyro_Y", "Gyro_Z",
        "HeadBandOn"] + ["HSI_%s" % e for e in EL] + ["Battery", "Elements"])
T0 = 1614852672.0   # 2021-03-04 10:11:12, written as if it were local time


def stamp(t, whole=False):
    ms = int(round(t * 1000))
    d = datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc)
    return d.strftime("%Y-%m-%d %H:%M:%S") + ("" if whole else ".%03d" % (ms % 1000))


def marker_row(t, text, whole=False):
    return stamp(t, whole) + "," * (len(HEAD) - 1) + text + "\n"


def constant(out, truth, seconds):
    rng = np.random.default_rng(7)
    npk = int(seconds * 256) // 12
    lost = set(int(k) for k in rng.choice(np.arange(5, npk - 5), size=max(1, npk // 60),
                                           replace=False))
    rows, x, hsi, marks = [], [], [], []
    arrive, idx = 0.0, 0
    run = []            # run number of each sample: a lost packet starts a new one
    r = 0
    # markers before the sample with these indices (of samples written)
    mark_at = {300: ("/muse/elements/blink", False), 1100: ("/muse/elements/jaw_clench", True),
               2000: ("/muse/elements/blink", True), 2600: ("/Marker/1", False)}
    rows.append(",".join(HEAD) + "\n")
    rows.append(marker_row(T0, "/muse/event/connected Muse-1234", True))
    for k in range(npk):
        tau_last = T0 + 0.3 + (k * 12 + 11) / 256
        if k in lost:
            idx += 12
            r += 1
            continue
        arrive = max(arrive + 0.012, tau_last + 0.030 + 0.015 * rng.random())
        for j in range(12):
            n = len(x)
            if n in mark_at:
                text, whole = mark_at[n]
                rows.append(marker_row(arrive + 0.001 * j, text, whole))
                marks.append((n, text))
            tau = idx / 256
            v = np.round(800 + 40 * np.sin(2 * np.pi * 10 * tau + np.arange(5)) +
                         rng.normal(0, 5, 5), 3)
            q = 4 if 1500 <= n < 1700 else 2 if 2300 <= n < 2400 else 1
            x.append(v)
            hsi.append(q)
            run.append(r)
            bands = ",".join("%.6f" % (0.5 + 0.1 * np.sin(n / 100 + b)) for b in range(20))
            rows.append("%s,%s,%s,50.0,50.0,0.01,-0.02,0.98,0.5,-0.3,0.1,1,%d.0,1.0,1.0,1.0,"
                        "87.5\n" % (stamp(arrive + 0.001 * j), bands,
                                    ",".join("%.3f" % a for a in v), q))
            idx += 1
    open(out, "w").writelines(rows)
    np.savez(truth, x=np.array(x), hsi=np.array(hsi), run=np.array(run),
             mark_at=np.array([m[0] for m in marks]), mark_text=np.array([m[1] for m in marks]))


def interval(out, truth, seconds):
    rows = [",".join(HEAD) + "\n"]
    bands = []
    for i in range(seconds):
        b = np.round(0.3 + 0.05 * np.cos(i / 3 + np.arange(20)), 6)
        bands.append(b)
        rows.append("%s,%s,812.1,790.3,801.9,822.0,830.1,,,0.01,-0.02,0.98,0.5,-0.3,0.1,1,"
                    "1.0,1.0,1.0,1.0,80.0\n" % (stamp(T0 + i + 0.001 * (i % 3)),
                                                ",".join("%.6f" % a for a in b)))
        if i == 5:
            rows.append(marker_row(T0 + i + 0.5, "/Marker/2"))
    open(out, "w").writelines(rows)
    np.savez(truth, bands=np.array(bands), t=np.arange(seconds) + 0.001 * (np.arange(seconds) % 3))


if __name__ == "__main__":
    kind, out, truth = sys.argv[1:4]
    secs = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    (constant if kind == "constant" else interval)(out, truth, secs)
