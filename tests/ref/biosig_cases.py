# SPDX-License-Identifier: GPL-3.0-or-later
"""biosig_cases: the recordings tests/unit/test_source_biosig.c reads, written to their
formats' specifications by edfwrite.py and bvwrite.py, with what a reader must give.

    /usr/bin/python3 tests/ref/biosig_cases.py DIR

For each case NAME it writes the recording and two files beside it:
    NAME.vals  the expected samples, float64 little-endian, (n, nch) row-major
    NAME.meta  lines "file F", "channels LIST" (the --channels to open it with, "-" for
               all), "names A,B,...", "rate R", "length N", "t0 T" (Unix seconds, or
               "none"), "gap I T" (sample I starts at T s after t0: the first after a gap),
               "event ONSET DURATION TEXT" (onset in s after t0), in time order.
The list of cases is DIR/cases (one NAME a line). Fixed seeds: the same files every run.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bci2000write import write_bci2000  # noqa: E402
from bvwrite import write_brainvision  # noqa: E402
from edfwrite import Signal, write_edf  # noqa: E402

T0_2009 = 1250093700.0       # 2009-08-12 16:15:00 UTC, PhysioNet's S001 start
rng = np.random.default_rng(20240909)
out = sys.argv[1]
cases = []


def case(name, fname, vals, names, rate, t0, events=(), gaps=(), channels="-"):
    vals = np.asarray(vals, dtype="<f8")
    assert vals.shape[1] == len(names)
    vals.tofile(os.path.join(out, name + ".vals"))
    with open(os.path.join(out, name + ".meta"), "w") as f:
        f.write("file %s\nchannels %s\nnames %s\nrate %.10g\nlength %d\nt0 %s\n" % (
            fname, channels, ",".join(names), rate, len(vals),
            "none" if t0 is None else "%.4f" % t0))
        for i, t in gaps:
            f.write("gap %d %.10g\n" % (i, t))
        for on, dur, text in events:
            f.write("event %.10g %.10g %s\n" % (on, dur, text))
    cases.append(name)


def path(f):
    return os.path.join(out, f)


# PhysioNet's EDF+C header quirks: dot-padded labels, BCI2000 transducer, prefilter
# "HP:0Hz LP:0Hz N:0Hz" on every signal and on the annotation signal, whose dimension is
# "-", physical range equal to the digital one; T0/T1/T2 annotations with durations.
labels = ["Fc5.", "C3..", "Oz..", "Iz.."]
x = [rng.normal(0, 40, 160 * 6).round() for _ in labels]
pre = "HP:0Hz LP:0Hz N:0Hz"
ann = [(0.0, 4.2, "T0"), (4.2, 1.0, "T2"), (5.2, 0.8, "T1")]
v = write_edf(path("physionet.edf"),
              [Signal(lab, xi, 160, physmin=-8092, physmax=8092, digmin=-8092, digmax=8092,
                      prefilter=pre, transducer="BCI2000") for lab, xi in zip(labels, x)],
              plus="C", annotations=ann, annot_dim="-", annot_prefilter=pre,
              recording="Startdate 12-AUG-2009 X X BCI2000", start=(2009, 8, 12, 16, 15, 0))
case("physionet", "physionet.edf", np.array(v).T, ["Fc5", "C3", "Oz", "Iz"], 160, T0_2009,
     events=ann)
# the same with --channels naming them in another order
case("physionet_sel", "physionet.edf", np.array([v[2], v[0]]).T, ["Oz", "Fc5"], 160,
     T0_2009, events=ann, channels="Oz,Fc5")

# signals at two rates: the 50 Hz one alone, at its own rate
a, b, e = rng.normal(0, 50, 500), rng.normal(0, 50, 500), rng.normal(0, 1, 250)
v = write_edf(path("multirate.edf"), [Signal("C3", a, 100), Signal("ECG", e, 50, unit="mV"),
              Signal("C4", b, 100)], plus="C", annotations=[(0.5, 1.0, "T1")])
case("multirate_ecg", "multirate.edf", np.array([v[1]]).T, ["ECG"], 50, T0_2009,
     events=[(0.5, 1.0, "T1")], channels="ECG")
case("multirate_eeg", "multirate.edf", np.array([v[2], v[0]]).T, ["C4", "C3"], 100, T0_2009,
     events=[(0.5, 1.0, "T1")], channels="C4,C3")

# EDF+D: records at 0, 1, 2 s, then 5, 6 s (a 2-s gap), an annotation after the gap;
# a sub-second record start in the second run (7.5 s: a 0.5-s gap)
x = rng.normal(0, 50, 100 * 6)
v = write_edf(path("discont.edf"), [Signal("Cz", x, 100)], plus="D",
              record_onsets=[0, 1, 2, 5, 6, 7.5], annotations=[(5.5, 0.2, "stim")])
case("discont", "discont.edf", np.array(v).T, ["Cz"], 100, T0_2009,
     events=[(5.5, 0.2, "stim")], gaps=[(300, 5.0), (500, 7.5)])

# BDF with a Status channel: triggers in the low 16 bits, BioSemi's status bits above
# (bit 16 toggling, bit 20 set halfway) which are not triggers
n = 2048 * 3
st = np.zeros(n, dtype=np.int64)
st[100:300] = 128
st[400:420] = 128
st[1000:1010] = 3
st[1010:1100] = 5
st[2500:2600] = 0xFFFF
st[3000:] = 1
bits = np.zeros(n, dtype=np.int64)
bits[::7] = 1 << 16
bits[5000:] |= 1 << 20
raw = st | bits
raw = np.where(raw >= 1 << 23, raw - (1 << 24), raw)
x = rng.normal(0, 30, n)
v = write_edf(path("status.bdf"), [Signal("Fp1", x, 2048), Signal("Status", raw, 2048,
              unit="Boolean", physmin=-8388608, physmax=8388607, digmin=-8388608,
              digmax=8388607)], bdf=True)
sr = 2048.0
trig = [(100, 200, "128"), (400, 20, "128"), (1000, 10, "3"), (1010, 90, "5"),
        (2500, 100, "65535"), (3000, n - 3000, "1")]
case("status", "status.bdf", np.array(v[:1]).T, ["Fp1"], 2048, T0_2009,
     events=[(i / sr, d / sr, t) for i, d, t in trig])

# BDF+C: annotations beside a Status channel
st = np.zeros(n, dtype=np.int64)
st[2048:2100] = 7
v = write_edf(path("bdfplus.bdf"), [Signal("Cz", x, 2048), Signal("Status", st, 2048,
              unit="", physmin=-8388608, physmax=8388607, digmin=-8388608,
              digmax=8388607)], bdf=True, plus="C", annotations=[(0.5, 0.25, "go")])
case("bdfplus", "bdfplus.bdf", np.array(v[:1]).T, ["Cz"], 2048, T0_2009,
     events=[(0.5, 0.25, "go"), (1.0, 52 / sr, "7")])

# one data record of 1 s, as BioSemi's test file
v = write_edf(path("onerecord.bdf"), [Signal("Fp1", rng.normal(0, 30, 2048), 2048),
              Signal("Fp2", rng.normal(0, 30, 2048), 2048)], bdf=True,
              start=(2013, 8, 1, 13, 21, 46))
case("onerecord", "onerecord.bdf", np.array(v).T, ["Fp1", "Fp2"], 2048, 1375363306.0)

# BrainVision: INT_16 with markers and a New Segment date; float32 without a date
d = rng.normal(0, 20, (3, 1000))
v = write_brainvision(path("bv"), d, 500, ["Fp1", "Cz", "O2"],
                      markers=[("Stimulus", "S  1", 101, 1), ("Response", "R 12", 501, 50),
                               ("Comment", "eyes closed", 700, 1)],
                      start="20240102030405000000")
case("brainvision", "bv.vhdr", v.T, ["Fp1", "Cz", "O2"], 500, 1704164645.0,
     events=[(0.2, 0, "S  1"), (1.0, 0.1, "R 12"), (1.398, 0, "eyes closed")])
v = write_brainvision(path("bvf"), d, 500, ["Fp1", "Cz", "O2"], binary="IEEE_FLOAT_32",
                      resolution=1, start=None)
case("brainvision_float", "bvf.vhdr", v.T, ["Fp1", "Cz", "O2"], 500, None)

# BCI2000 (the system PhysioNet's runs were recorded with): TargetCode 1 for 0.5 s, 2 for
# 88 samples; no StorageTime, so no start date
d = rng.normal(0, 20, (3, 768))
tc = np.zeros(768)
tc[256:384] = 1
tc[512:600] = 2
v = write_bci2000(path("run.dat"), d, 256, ["C3", "Cz", "C4"], target=tc)
case("bci2000", "run.dat", v.T, ["C3", "Cz", "C4"], 256, None,
     events=[(1.0, 0.5, "class1, Left hand"), (2.0, 88 / 256, "class2, Right hand")])

with open(os.path.join(out, "cases"), "w") as f:
    f.write("\n".join(cases) + "\n")
