#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Generate the seed corpora of the fuzz harnesses: sh tests/fuzz/seeds.sh [DIR]
# (default tests/tmp/fuzz/corpus). Uses the tools in bin/ (run `make` first) and Debian's
# python3 for the tiny model; nothing here is committed, every seed is made afresh.
set -eu
LC_ALL=C; export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/tests/tmp/fuzz/corpus}
PATH="$top/bin:$PATH"; export PATH
PYTHON=${PYTHON:-/usr/bin/python3}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
mkdir -p "$out/tensor" "$out/csv" "$out/scale" "$out/signal" "$out/model" "$out/npz" \
	"$out/table" "$out/osc"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/eegseeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp"

# raw recordings: tensor, muse CSV, WAV (0.2 s at 128 Hz: small seeds)
syn="-n 0.2 -r 128 --subjects 1 --sessions 1 --states relaxed"
eeg-synth $syn -o raw.eeg
eeg-synth $syn --format muse -o muse.csv
eeg-synth $syn --format wav -o raw.wav
eeg-synth $syn --format au -o raw.au
eeg-fft -w 0.1 -s 0.1 muse.csv >feat.eeg
cp "$top/tests/data/small.eeg" small.eeg
cat small.eeg small.eeg >cat.eeg
eeg-select -r 5x7 feat.eeg >reshaped.eeg 2>/dev/null || cp feat.eeg reshaped.eeg
for f in raw.eeg feat.eeg small.eeg cat.eeg reshaped.eeg; do cp "$f" "$out/tensor/$f"; done
head -c 100 raw.eeg >"$out/tensor/cut-header"
head -c 300 raw.eeg >"$out/tensor/cut-frame"

# CSV tables and numbers
cp "$top/tests/data/small.csv" "$out/csv/small.csv"
cp muse.csv "$out/csv/muse.csv"
i=0
for n in 0 -0 1.5 -2 1e3 .5 5. 1e-22 1e22 1e23 9007199254740993 123456789012345678901 \
    0.1e-400 1e308 1.7976931348623157e308 4.9e-324 2.2250738585072011e-308 \
    ' 1 ' '1,"2",3' 'nan' 'inf' '0x1p3' '1e' '+.' '"1""2"'; do
	i=$((i + 1))
	printf '%s\n' "$n" >"$out/csv/num$i"
done

# scaler files: global and per-group, both methods
eeg-scale -f "$out/scale/zscore" small.eeg >/dev/null
eeg-scale -m minmax -f "$out/scale/minmax" feat.eeg >/dev/null
eeg-select -g s1,s2 small.eeg >grouped.eeg
eeg-scale -p -f "$out/scale/pergroup" grouped.eeg >/dev/null

# signal sources: first byte picks the options (see fuzz_signal.c)
sig() { { printf "\\$(printf %03o "$1")"; cat "$2"; } >"$out/signal/$3"; }
sig 0 muse.csv muse
sig 16 muse.csv muse-channels
sig 3 muse.csv muse-detect
sig 3 raw.wav wav
sig 3 raw.au au
sig 4 raw.eeg tensor
sig 3 raw.eeg tensor-detect
printf 'time,a,b\n0,1,2\n0.01,3,4\n0.02,5,6\n0.5,7,8\n' >plain.csv
sig 2 plain.csv csv
sig 18 plain.csv csv-ch2
printf '1,2\n3,4\n' >nohead.csv
sig 10 nohead.csv csv-rate
cat >mm.csv <<'MM'
TimeStamp,Delta_TP9,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,AUX_RIGHT,Elements
2024-01-02 03:04:05.000,0.1,800.1,801.2,802.3,803.4,,
2024-01-02 03:04:05.004,0.1,810.1,811.2,812.3,813.4,,
2024-01-02 03:04:05.008,,,,,,,/muse/elements/blink
2024-01-02 03:04:05.012,0.1,820.1,821.2,822.3,823.4,,
MM
sig 1 mm.csv mindmonitor
sig 3 mm.csv mindmonitor-detect
cat >obci.txt <<'OB'
%OpenBCI Raw EXG Data
%Number of channels = 2
%Sample Rate = 250 Hz
%Board = OpenBCI_GUI$BoardCytonSerial
Sample Index, EXG Channel 0, EXG Channel 1, Accel Channel 0, Timestamp, Marker Channel, Timestamp (Formatted)
0.0, 10.5, -3.25, 0.0, 1650000000.010000, 0.0, 2022-04-15 05:20:00.010
1.0, 11.5, -2.25, 0.0, 1650000000.010020, 0.0, 2022-04-15 05:20:00.010
2.0, 12.5, -1.25, 0.0, 1650000000.010040, 1.0, 2022-04-15 05:20:00.010
3.0, 13.5, -0.25, 0.0, 1650000000.010060, 0.0, 2022-04-15 05:20:00.010
5.0, 14.5, 0.75, 0.0, 1650000000.030000, 0.0, 2022-04-15 05:20:00.030
OB
sig 6 obci.txt openbci
sig 22 obci.txt openbci-channels
sig 3 obci.txt openbci-detect
cat >obci3.txt <<'OB'
%OpenBCI Raw EEG Data
%
%Sample Rate = 250.0 Hz
%First Column = SampleIndex
%Last Column = Timestamp
0, 10.5, -3.25, 0.000, 0.000, 0.000, 15:31:23.878
1, 11.5, -2.25, 0.000, 0.000, 0.000, 15:31:23.878
2, 12.5, -1.25, 0.000, 0.000, 0.000, 15:31:23.879
OB
sig 3 obci3.txt openbci-v3
cat >emotiv.csv <<'EM'
title:t, start timestamp:1623658701.491566, headset type:INSIGHT, channels:12, sampling rate:eeg_128;mot_32, samples:4, version:2.1,
Timestamp,EEG.Counter,EEG.Interpolated,EEG.AF3,EEG.O1,EEG.RawCq,MarkerIndex,MarkerType,MarkerValueInt,CQ.AF3,CQ.O1,MOT.AccX
1623658701.491566,0,0,4200.5,4210.25,0,,,,4,3,0.01
1623658701.499379,1,0,4201.5,4211.25,0,1,1,2,,,
1623658701.507191,2,1,4202.5,4212.25,0,,,,,,0.02
1623658701.515004,3,0,4203.5,4213.25,0,,,,2,4,
EM
sig 7 emotiv.csv emotiv
sig 23 emotiv.csv emotiv-channels
sig 3 emotiv.csv emotiv-detect
# a 2-channel EDF, 2 records of 1 s at 128 Hz (libbiosig reads it; the harness detects it)
"$PYTHON" - >rec.edf <<'PY'
import math, struct, sys
ns, nrec, spr = 2, 2, 128
def f(s, n): return s.encode().ljust(n)[:n]
h = f("0", 8) + f("X X X X", 80) + f("Startdate 01-JAN-2024 X X X", 80) + f("01.01.24", 8)
h += f("00.00.00", 8) + f(str(256 * (ns + 1)), 8) + f("", 44) + f(str(nrec), 8) + f("1", 8)
h += f(str(ns), 4)
for k, v in ((16, ["TP9", "AF7"]), (80, ["", ""]), (8, ["uV", "uV"]), (8, ["-3200"] * 2),
             (8, ["3200"] * 2), (8, ["-32768"] * 2), (8, ["32767"] * 2), (80, ["", ""]),
             (8, [str(spr)] * 2), (32, ["", ""])):
    h += b"".join(f(x, k) for x in v)
d = b"".join(struct.pack("<h", int(1000 * math.sin(i / 5 + c)))
             for r in range(nrec) for c in range(ns) for i in range(spr))
sys.stdout.buffer.write(h + d)
PY
sig 3 rec.edf edf
# (no seed is taken from the real recordings: the kept corpora, tests/fuzz/corpus, grow
# from these seeds and must hold nothing derived from them)

# biosig formats (fuzz_biosig.c): first byte picks the file; BrainVision is vhdr, vmrk, eeg
# with their lengths in front
mkdir -p "$out/biosig" "$out/snd" bs
"$PYTHON" "$top/tests/ref/biosig_cases.py" bs >/dev/null
bs() { { printf "\\$(printf %03o "$1")"; cat "$2"; } >"$out/biosig/$3"; }
bs 0 rec.edf edf
bs 8 rec.edf edf-format
bs 0 bs/physionet.edf edfplus
bs 0 bs/discont.edf edfplus-d
bs 1 bs/onerecord.bdf bdf
bs 1 bs/status.bdf bdf-status
bs 3 bs/run.dat bci2000
bs 20 bs/egi.raw egi
bs 20 bs/egif.egi egi-float
# a GDF from libbiosig's own writer (2 int16 channels, 2 records, 3 events)
cc -o mkgdf -x c - -lbiosig <<'C'
#include <biosig.h>
#include <string.h>
int main(int argc, char **argv) {
	HDRTYPE *h = constructHDR(2, 3);
	double d[1000];
	(void)argc;
	h->TYPE = GDF; h->VERSION = 2.22; h->SampleRate = 250; h->SPR = 250; h->NRec = 2;
	h->T0 = t_time2gdf_time(1700000000.0);
	for (int k = 0; k < 2; k++) {
		CHANNEL_TYPE *c = &h->CHANNEL[k];
		strcpy(c->Label, k ? "C4" : "C3"); c->OnOff = 1; c->SPR = 250; c->GDFTYP = 3;
		c->PhysMin = -3276.8; c->PhysMax = 3276.7; c->DigMin = -32768; c->DigMax = 32767;
		c->Cal = 0.1; c->Off = 0; c->PhysDimCode = PhysDimCode("uV");
	}
	h->EVENT.SampleRate = 250; h->EVENT.N = 3;
	h->EVENT.TYP[0] = 0x0301, h->EVENT.POS[0] = 100, h->EVENT.DUR[0] = 0;
	h->EVENT.TYP[1] = 0x8301, h->EVENT.POS[1] = 150, h->EVENT.DUR[1] = 0;
	h->EVENT.TYP[2] = 0x0302, h->EVENT.POS[2] = 300, h->EVENT.DUR[2] = 125;
	for (int k = 0; k < 3; k++) h->EVENT.CHN[k] = 0;
	for (int i = 0; i < 1000; i++) d[i] = 0.1 * (i % 97 - 48);
	if (!sopen(argv[1], "w", h) || biosig_check_error(h) || swrite(d, 2, h) != 2) return 1;
	sclose(h); destructHDR(h); return 0;
}
C
./mkgdf w.gdf
bs 2 w.gdf gdf
"$PYTHON" - bs "$out/biosig" <<'PY'
import struct, sys
d, out = sys.argv[1], sys.argv[2]
for base, name in (("bv", "brainvision"), ("bvf", "brainvision-float")):
    v = open("%s/%s.vhdr" % (d, base), "rb").read().replace(base.encode() + b".", b"bv.")
    m = open("%s/%s.vmrk" % (d, base), "rb").read().replace(base.encode() + b".", b"bv.")
    e = open("%s/%s.eeg" % (d, base), "rb").read()[:4000]
    open("%s/%s" % (out, name), "wb").write(bytes([5]) + struct.pack("<HH", len(v), len(m)) +
                                            v + m + e)
PY
# libsndfile formats (fuzz_snd.c): first byte picks the name
for f in wav:0 flac:1 au:2 aiff:3; do
	ext=${f%:*}
	eeg-synth -n 0.2 -r 128 --subjects 1 --sessions 1 --states relaxed --format "$ext" \
		-o "raw2.$ext"
	{ printf "\\$(printf %03o "${f#*:}")"; cat "raw2.$ext"; } >"$out/snd/$ext"
done
{ printf '\017'; cat raw2.wav; } >"$out/snd/wav-format-noname"

# a tiny model (2 GRU units, 4x2 frames, 3 classes)
"$PYTHON" "$top/tests/ref/seqtask.py" memory 12 1 4 2 >task.eeg
eeg-train --model gru --units 2 --epochs 1 -o "$out/model/gru" task.eeg 2>/dev/null
eeg-train --model lstm --units 2 --layers 2 --sequences --epochs 1 -o "$out/model/lstm" \
	task.eeg 2>/dev/null
# NumPy files (fuzz_npz.c): eeg-cat's own .npz and .npy, NumPy's stored and deflated ones
mkdir -p "$out/npz"
eeg-cat --npz "$out/npz/small.npz" small.eeg
eeg-cat --npz "$out/npz/reshaped.npz" reshaped.eeg
eeg-cat --npy "$out/npz/small.npy" small.eeg
"$PYTHON" - "$out/npz" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
x = np.arange(12, dtype=np.float64).reshape(3, 2, 2)
np.savez(d + "/names.npz", x=x, label=np.array(["a", "", "b"]), group=np.array([b"s1", b"s2", b"s1"]),
         time=np.array([0.0, np.nan, 1.0]))
np.savez_compressed(d + "/deflated.npz", x=x.astype(np.int16), label=np.array([0, 1, -1]),
                    classes=np.array(["up", "down"]), meta=np.array(["window=1", "hop=0.5"]))
PY
# feature tables (fuzz_table.c): first byte picks --label-column y (1), --group-column s
# (2), --time-column t (4); the rest is the file
tab() { printf "\\$(printf %03o "$1")" >"$out/table/$2"; cat >>"$out/table/$2"; }
tab 0 small <"$top/tests/data/small.csv"
eeg-cat -t small.eeg | tab 0 cat-t
eeg-cat -t feat.eeg | tab 0 feat
printf 'a,b,label,group,time\n1,2,x,s1,0\n3,4,y,s2,0.5\n5,6,,,\n7,8,10,s10,1.5\n9,1,2,s2,2\n' | tab 0 all
printf 'y,a,s,t,b\n"up",1,"s 1",0.25,2\n"down",-1.5e3,s2,,+4\n"up",.5,s2,1e2,5.\n' | tab 7 named
printf 'y,a\n1,2\n' | tab 1 named-y
printf 'a,b\n1,2\n' | tab 6 missing
printf '"a, first",b,label\r\n" 1.5 ",2,"x ""y"""\r\n\r\n3,4,z\r\n' | tab 0 quoted
printf 'mean_0_a,mean_d_0_a,mean_d_0_a,fft_0_a,fft_749_b,label\n1,2,3,4,5,NEUTRAL\n' | tab 0 bird
printf 'a,b\n1,"2\n' | tab 0 open
printf 'a,b\n1,2,3\n' | tab 0 extra
printf 'Recorded on Tuesday, subject tired\n' | tab 0 notes

# OSC datagrams as Mind Monitor sends them (fuzz_osc.c): an option byte, then each datagram
# with its length (u16, big-endian); messages and bundles written here by the OSC 1.0 rules
"$PYTHON" - "$out/osc" <<'PY'
import struct, sys
d = sys.argv[1]
def s(x):
    b = x.encode() + b"\0"
    return b + b"\0" * (-len(b) % 4)
def msg(path, types, *v):
    b = s(path) + s("," + types)
    for t, x in zip(types, v):
        b += struct.pack(">" + {"f": "f", "d": "d", "i": "i", "h": "q", "s": ""}[t], x) \
            if t != "s" else s(x)
    return b
def bundle(sec, frac, *elems):
    return s("#bundle") + struct.pack(">II", sec, frac) + b"".join(
        struct.pack(">I", len(e)) + e for e in elems)
def seed(name, opt, *grams):
    open("%s/%s" % (d, name), "wb").write(bytes([opt]) + b"".join(
        struct.pack(">H", len(g)) + g for g in grams))
eeg = lambda t, n, i: msg("/muse/eeg", t * n, *[800.5 + i + k for k in range(n)])
for n in (4, 5, 6):
    seed("eeg%df" % n, 0, *[eeg("f", n, i) for i in range(3)])
    seed("eeg%dd" % n, 0, *[eeg("d", n, i) for i in range(3)])
seed("eeg4i-c4", 1, msg("/muse/eeg", "iiii", 800, 801, 802, 803), msg("/muse/eeg", "hhhh", 1, 2, 3, 4))
seed("eeg-nan", 4, eeg("f", 4, 0), msg("/muse/eeg", "ffff", 1, float("nan"), 3, 4), eeg("f", 4, 1))
seed("eeg-4then5", 0, eeg("f", 4, 0), eeg("f", 5, 1), eeg("f", 4, 2))
tt = 0xE1234A00 # 2019, as a lab's sender stamps them
seed("bundle", 4, bundle(tt, 0, *[eeg("f", 4, i) for i in range(4)] +
                         [msg("/muse/elements/blink", "i", 1)]),
     bundle(tt, 1 << 24, eeg("f", 4, 5), msg("/Marker/1", "i", 1)))
seed("bundle-nested", 5, bundle(tt, 0, eeg("d", 4, 0), bundle(tt + 1, 0, eeg("d", 4, 1))))
seed("markers", 4, msg("/muse/elements/jaw_clench", "i", 1), msg("/Marker/2", "i", 1),
     msg("/Marker3", "s", "x"), msg("/muse/elements/alpha_absolute", "f", 0.5))
seed("rate1-n7", 1 << 3 | 32, *[eeg("f", 4, i) for i in range(9)])
PY
echo "seeds in $out: $(find "$out" -type f | wc -l) files"
