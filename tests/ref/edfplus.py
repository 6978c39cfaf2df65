#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write an EDF+C file to the EDF+ specification, laid out as PhysioNet's EEG Motor
Movement/Imagery runs: dot-padded labels (C3.., Cz.., O1..), 160 Hz, 1-s data records,
physical -8092..8092 uV over digital -8092..8092, and a motor run's annotations: T0, T1,
T2 of 4.2 s each, back to back (15 T0, 8 T1, 7 T2 in 126 s), in the record holding their
onset. The samples are integers (digital = physical).

Usage: edfplus.py OUT.edf TRUTH.npz [seconds]
  TRUTH: x (samples, channels), labels, onsets, texts.
"""
import sys

import numpy as np

RATE = 160
CHANS = ["C3..", "Cz..", "C4..", "O1..", "Oz..", "O2.."]


def f(v, n):
    return ("%-*s" % (n, v))[:n].encode()


def write(out, truth, seconds=126):
    rng = np.random.default_rng(11)
    seq = ["T1"] * 8 + ["T2"] * 7
    rng.shuffle(seq)
    texts = ["T0" if k % 2 == 0 else seq.pop() for k in range(30)]   # rest between tasks
    onsets = np.round(np.arange(30) * 4.2, 1)
    sig = CHANS + ["EDF Annotations"]
    ann_bytes = 160
    h = f("0", 8) + f("X M 01-JAN-2009 S001", 80)
    h += f("Startdate 12-AUG-2009 X X BCI2000", 80) + f("12.08.09", 8) + f("16.15.00", 8)
    h += f(str(256 * (len(sig) + 1)), 8) + f("EDF+C", 44) + f(str(seconds), 8) + f("1", 8)
    h += f(str(len(sig)), 4)
    h += b"".join(f(s, 16) for s in sig) + b"".join(f("", 80) for s in sig)
    h += b"".join(f("uV" if s in CHANS else "", 8) for s in sig)
    h += b"".join(f("-8092" if s in CHANS else "-1", 8) for s in sig)
    h += b"".join(f("8092" if s in CHANS else "1", 8) for s in sig)
    h += b"".join(f("-8092" if s in CHANS else "-32768", 8) for s in sig)
    h += b"".join(f("8092" if s in CHANS else "32767", 8) for s in sig)
    h += b"".join(f("HP:0Hz LP:0Hz N:0Hz" if s in CHANS else "", 80) for s in sig)
    h += b"".join(f(str(RATE if s in CHANS else ann_bytes // 2), 8) for s in sig)
    h += b"".join(f("", 32) for s in sig)
    assert len(h) == 256 * (len(sig) + 1)
    n = seconds * RATE
    t = np.arange(n) / RATE
    x = rng.normal(0, 8, (n, len(CHANS)))
    # alpha at the occipital channels during T0 (rest), mu at C3/C4 off during T1/T2
    for k, (on, tx) in enumerate(zip(onsets, texts)):
        sl = (t >= on) & (t < on + 4.2)
        if tx == "T0":
            x[sl, 3:] += 30 * np.sin(2 * np.pi * 10 * t[sl])[:, None]
    x = np.clip(np.round(x), -8092, 8092)
    out_b = bytearray(h)
    for r in range(seconds):
        for c in range(len(CHANS)):
            out_b += x[r * RATE:(r + 1) * RATE, c].astype("<i2").tobytes()
        tal = "+%d\x14\x14\x00" % r
        for on, tx in zip(onsets, texts):
            if r <= on < r + 1:
                tal += "+%g\x154.2\x14%s\x14\x00" % (on, tx)
        tal = tal.encode()
        assert len(tal) <= ann_bytes
        out_b += tal + b"\x00" * (ann_bytes - len(tal))
    open(out, "wb").write(bytes(out_b))
    np.savez(truth, x=x, onsets=onsets, texts=np.array(texts), labels=np.array(CHANS))


if __name__ == "__main__":
    write(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 126)
