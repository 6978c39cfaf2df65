#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Malformed input across every tool and input format, table-driven (0090 adds the cuts,
# garbage and oversized headers of every tensor reader). Each case names what it breaks;
# it must end within 5 s with its exit status (1 for bad data or an I/O failure, 2 for a
# usage error), write exactly one stderr line "tool: <file>: <where>: <what>" (a usage
# error: "tool: <what> (see tool -h)"), nothing on stdout (a case marked 1s is
# a streaming tool that may have written the frames before the bad one), and leave its
# output directory and TMPDIR empty: no partial output file, no temp file. No case may
# change an input.
. "$(dirname "$0")/lib.sh"
I=$T/in O=$T/out
mkdir -p "$I"
export I O

# --- inputs: valid ones, then each broken in one way ---
py "${EEG_TOP:-.}/tests/ref/seqtask.py" memory 30 1 4 2 >"$I/good.eeg"
eeg-train --model gru --units 2 --epochs 1 -o "$I/good.model" "$I/good.eeg" 2>/dev/null
eeg-predict "$I/good.model" "$I/good.eeg" >"$I/pred.eeg"
eeg-scale -f "$I/good.scale" "$I/good.eeg" >/dev/null
syn="-n 2 -r 128 --subjects 1 --sessions 1 --states relaxed"
eeg-synth $syn -o "$I/raw.eeg"
eeg-synth $syn --format muse -o "$I/muse.csv"
for f in wav flac au aiff; do eeg-synth $syn --format $f -o "$I/raw.$f"; done
eeg-fft -w 0.5 -s 0.5 --channels "TP9,AF7,AF8,TP10,Right AUX" "$I/muse.csv" >"$I/feat.eeg"
py - "$I" <<'PYEOF'
import os
import struct
import sys

I = sys.argv[1] + "/"
magic = b"\x89EEG\r\n\x1a\n"


def put(name, data):
    with open(I + name, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def stream(body, frames=b"", version=1):
    body = body.encode()
    return magic + struct.pack("<HHI", version, 0, len(body)) + body + frames


def frame(label, group, time, vals):
    return struct.pack("<iid", label, group, time) + struct.pack("<%df" % len(vals), *vals)


ok = "dtype=f32\nshape=2\nclass=a\nclass=b\ngroup=s1\n"
put("one.eeg", stream(ok, frame(0, 0, 0.0, [1, 2])))
put("nan.eeg", stream(ok, frame(0, 0, 0.0, [1, float("nan")])))
put("inf.eeg", stream(ok, frame(0, 0, 0.0, [float("inf"), 1])))
put("label.eeg", stream(ok, frame(7, 0, 0.0, [1, 2])))
put("group.eeg", stream(ok, frame(0, 5, 0.0, [1, 2])))
put("neglabel.eeg", stream(ok, frame(-5, 0, 0.0, [1, 2])))
put("inftime.eeg", stream(ok, frame(0, 0, float("inf"), [1, 2])))
put("version.eeg", stream(ok, frame(0, 0, 0.0, [1, 2]), version=9))
put("dtype.eeg", stream("dtype=f64\nshape=2\n", frame(0, 0, 0.0, [1, 2])))
put("shape0.eeg", stream("dtype=f32\nshape=0\n"))
put("dupkey.eeg", stream("dtype=f32\nshape=2\nshape=3\n"))
put("dupgroup.eeg", stream("dtype=f32\nshape=2\ngroup=s1\ngroup=s1\n"))
put("dupclass.eeg", stream("dtype=f32\nshape=2\nclass=a\nclass=a\n"))
put("nodtype.eeg", stream("shape=2\n"))
put("noeol.eeg", stream("dtype=f32\nshape=2"))
put("ctrl.eeg", stream("dtype=f32\nshape=2\nclass=a\x01b\n"))
put("negrate.eeg", stream("dtype=f32\nshape=2\nrate=-5\n"))
put("nanrate.eeg", stream("dtype=f32\nshape=2\nrate=nan\n"))
# a concatenated stream whose second header changes the frame shape
put("reshape.eeg", stream(ok, frame(0, 0, 0.0, [1, 2])) +
    stream("dtype=f32\nshape=3\n", frame(-1, -1, 0.0, [1, 2, 3])))

# feature CSV (eeg-csv)
put("dupcol.csv", "a,a\n1,2\n")
put("extra.csv", "a,b\n1,2\n1,2,3\n")
put("emptyname.csv", ",b\n1,2\n")
put("dupch.csv", "time,x,y,x\n" + "".join("%g,1,2,3\n" % (i / 100) for i in range(300)))
put("inf.csv", "a,b\n1,inf\n")
put("hex.csv", "a,b\n1,0x10\n")
put("quote.csv", 'a,b\n1,"2"x\n')
put("headonly.csv", "a,b\n")
put("nul.csv", "a,b\n1,2\x003\n")
put("utf16.csv", "\ufeffa,b\n1,2\n".encode("utf-16"))
put("timeback.csv", "time,a\n1,2\n0.5,3\n")
put("labelempty.csv", "a,label\n1,\n")
put("ctrlname.csv", 'a,"b\x01"\n1,2\n')

# muse-lsl CSV
mh = "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
row = lambda t, v="1.0": "%.3f,%s,1.0,1.0,1.0,1.0\n" % (t, v)
rows = "".join(row(1533000000 + i / 256) for i in range(300))
put("muse-text.csv", mh + rows + row(1533000002, "abc"))
put("muse-back.csv", mh + rows + row(1532999999))
put("muse-nan.csv", mh + rows + row(1533000002, "nan"))
put("muse-short.csv", mh + rows + "1533000002.000,1.0,1.0\n")
put("muse-long.csv", mh + rows + "1533000002.000,1,1,1,1,1,1,1\n")
put("muse-timetext.csv", mh + rows + "soon,1,1,1,1,1\n")
put("muse-notime.csv", "TP9,AF7,AF8,TP10,Right AUX\n" + "1,2,3,4,5\n" * 300)
put("muse-dupch.csv", "timestamps,TP9,TP9,AF8,TP10,Right AUX\n" + rows)
put("muse-ctrlmarker.csv", "timestamps,TP9,AF7,AF8,TP10,Marker0\n" + rows[:-1] + "\n" +
    "1533000002.000,1,1,1,1,\"a\x01b\"\n")
put("muse-hugetime.csv", mh + row(1e300) + row(1e300) + row(1e300))

# Mind Monitor CSV
mmh = "TimeStamp,Delta_TP9,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,AUX_RIGHT,Elements\n"
mrow = lambda s, v="800.0": "2024-01-01 10:00:%06.3f,0.5,%s,801.0,802.0,803.0,804.0,\n" % (s, v)
mrows = "".join(mrow(i / 256) for i in range(300))
put("mm-date.csv", mmh + mrows + "2024-13-45 25:61:00.000,0.5,1,1,1,1,1,\n")
put("mm-text.csv", mmh + mrows + mrow(2.0, "x"))
put("mm-back.csv", mmh + mrows + mrow(0.0))
put("mm-dupch.csv", mmh.replace("RAW_AF8", "RAW_TP9") + mrows)
put("mm-noraw.csv", "TimeStamp,Delta_TP9,Elements\n2024-01-01 10:00:00.000,0.5,\n")
put("mm-ctrl.csv", mmh + mrows + '2024-01-01 10:00:03.000,,,,,,,"blink\x02"\n')
put("mm-inf.csv", mmh + mrows + mrow(2.0, "1e999"))

# generic CSV (eeg-fft --format csv)
put("sig-timetext.csv", "time,c1\n" + "".join("%g,1\n" % (i / 128) for i in range(200)) +
    "later,1\n")
put("sig-samedate.csv", "time,c1\n" + "0,1\n" * 200)

# sound files: float WAV holding NaN and Inf, headers that lie
def wav(fmt_tag, bits, ch, rate, data, extra=b""):
    fmt = struct.pack("<HHIIHH", fmt_tag, ch, rate, rate * ch * bits // 8, ch * bits // 8,
                      bits)
    body = b"WAVEfmt " + struct.pack("<I", len(fmt)) + fmt + extra + b"data" + \
        struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


fl = lambda v: struct.pack("<%df" % len(v), *v)
put("nan.wav", wav(3, 32, 1, 128, fl([0.1] * 100 + [float("nan")] + [0.1] * 155)))
put("inf.wav", wav(3, 32, 1, 128, fl([0.1] * 100 + [float("inf")] + [0.1] * 155)))
put("ch0.wav", wav(1, 16, 0, 128, bytes(512)))
put("rate0.wav", wav(1, 16, 1, 0, bytes(512)))
put("bits0.wav", wav(1, 0, 1, 128, bytes(512)))
put("flac-garbage.flac", b"fLaC" + bytes(range(256)) * 4)
put("au-offset.au", b".snd" + struct.pack(">IIIII", 0x7FFFFFF0, 512, 3, 128, 1) + bytes(512))
put("aiff-garbage.aiff", b"FORM" + struct.pack(">I", 4000) + b"AIFF" + bytes(range(256)) * 2)
put("au-rate0.au", b".snd" + struct.pack(">IIIII", 24, 512, 3, 0, 1) + bytes(512))

# EDF: one header field broken at a time
def field(s, n):
    return s.encode().ljust(n)[:n]


def edf(ns=2, nrec=2, spr=(128, 128), dmin="-32768", dmax="32767", pmin="-3200",
        pmax="3200", dur="1", hdr=None, cut=0, ver="0"):
    h = field(ver, 8) + field("X X X X", 80) + field("Startdate 01-JAN-2024 X X X", 80)
    h += field("01.01.24", 8) + field("00.00.00", 8)
    h += field(str(256 * (ns + 1)) if hdr is None else hdr, 8)
    h += field("", 44) + field(str(nrec), 8) + field(dur, 8) + field(str(ns), 4)
    for k, v in ((16, ["TP9", "AF7"]), (80, ["", ""]), (8, ["uV", "uV"]), (8, [pmin] * 2),
                 (8, [pmax] * 2), (8, [dmin] * 2), (8, [dmax] * 2), (80, ["", ""]),
                 (8, [str(x) for x in spr]), (32, ["", ""])):
        h += b"".join(field(x, k) for x in v[:ns])
    n = sum(int(x) if str(x).isdigit() else 128 for x in spr[:ns])
    d = h + bytes(2 * n * max(nrec, 0))
    return d[:len(d) - cut] if cut else d


put("edf-ns0.edf", edf(ns=0))
put("edf-nrec.edf", edf(nrec=-7))
put("edf-dig.edf", edf(dmin="100", dmax="100"))
put("edf-phys.edf", edf(pmin="5", pmax="5"))
put("edf-spr0.edf", edf(spr=(0, 0)))
put("edf-spr0-nrec0.edf", edf(spr=(0, 0), nrec=0) + bytes(1000))
put("edf-spr0-nrec-1.edf", edf(spr=(0, 0), nrec=-1) + bytes(1000))
put("edf-rates.edf", edf(spr=(128, 64)))
put("edf-hdr.edf", edf(hdr="999"))
put("edf-text.edf", edf(dmin="low"))
put("edf-dur.edf", edf(dur="0"))
put("edf-durtext.edf", edf(dur="1s"))
put("edf-physnan.edf", edf(pmin="nan"))
put("edf-sprtext.edf", edf(spr=("128", "12x")))
put("edf-cut.edf", edf(cut=1))
# EDF+: the second signal annotations, whose last record ends in a TAL cut short
a = bytearray(edf())
a[192:197] = b"EDF+C"
a[256 + 16:256 + 32] = b"EDF Annotations "
a[-256:] = b"+1\x14\x14\x00" + b"\x00" * 247 + b"+1.5"
put("edfplus-tal.edf", bytes(a))
put("bdf-cut.bdf", b"\xffBIOSEMI" + edf()[8:-300])

# BrainVision headers that crashed libbiosig 2.5 (found by fuzz_biosig), and BCI2000's
bv = ("Brain Vision Data Exchange Header File Version 1.0\r\n[Common Infos]\r\n"
      "DataFile=bv.eeg\r\nDataFormat=BINARY\r\nDataOrientation=MULTIPLEXED\r\n"
      "NumberOfChannels=%s\r\nSamplingInterval=%s\r\n[Binary Infos]\r\n"
      "BinaryFormat=INT_16\r\n[Channel Infos]\r\n%s")
chans = "Ch1=Fp1,,0.1,uV\r\nCh2=Cz,,0.1,uV\r\n"
put("bv.eeg", bytes(400))
put("bv-nodata.vhdr", (bv % ("2", "2000", chans)).replace("bv.eeg", "gone.eeg"))
put("bv-nch0.vhdr", bv % ("0", "2000", chans))
put("bv-si0.vhdr", bv % ("2", "0", chans))
put("bv-hole.vhdr", bv % ("2", "2000", "Ch1=Fp1,,0.1,uV\r\nCh3=Cz,,0.1,uV\r\n"))
put("bv-noext.vhdr", (bv % ("2", "2000", chans)).replace("DataFile=bv.eeg", "DataFile=bv_eeg"))
put("bv-nodatafile.vhdr", (bv % ("2", "2000", chans)).replace("DataFile=bv.eeg", "DataFile="))
put("bv-cutname.vhdr", (bv % ("2", "2000", "Ch1=Fp1,,0.1,uV\r\nCh2=Cz")).rstrip("\r\n"))
put("bv-twice.vhdr", bv % ("2", "2000", "Ch1=Fp1,,0.1,uV\r\nCh1=Cz,,0.1,uV\r\n"))
# a marker file libbiosig takes for an Alpha Trace recording: it segfaulted (fuzz_biosig)
put("bv-alpha.vmrk", "Brain Vision Data Exchange Marker File, ALPHA-TRACE-MEDICAL\r\n")
put("bv-alpha.vhdr", (bv % ("2", "2000", chans)).replace("DataFile=bv.eeg\r\n",
    "DataFile=bv.eeg\r\nMarkerFile=bv-alpha.vmrk\r\n"))
put("bv-section.vhdr", (bv % ("2", "2000", chans)).replace("[Common Infos]",
    "[Marker Infos][Common Infos]"))
put("notbdf.bdf", "7" + " " * 300)
put("notgdf.gdf", "GD" + " " * 300)
put("gdfver.gdf", "GDF Stamp" + " " * 300)


def gdf2(spr, nrec):
    """a GDF 2.20 header of int16 signals (the fields libbiosig reads first), then 1000 bytes"""
    ns = len(spr)
    h = bytearray(256 * (ns + 1))
    h[0:8] = b"GDF 2.20"
    struct.pack_into("<H", h, 184, ns + 1)
    struct.pack_into("<qIIH", h, 236, nrec, 1, 1, ns)
    for k in range(ns):
        h[256 + 16 * k:256 + 16 * k + 3] = b"ch%d" % k
        for off, v in ((104, -100), (112, 100), (120, -32768), (128, 32767)):
            struct.pack_into("<d", h, 256 + off * ns + 8 * k, v)
        struct.pack_into("<I", h, 256 + 216 * ns + 4 * k, spr[k])
        struct.pack_into("<I", h, 256 + 220 * ns + 4 * k, 3)
    return bytes(h) + bytes(1000)


put("gdf-spr0.gdf", gdf2((0, 0), -1))
put("bci.dat", "HeaderLen=,TP9,AF7\n1,2,3\n")
put("bci-ch.dat", "HeaderLen= 60 SourceCh= 0 StatevectorLen= 1\n" + " " * 60)
# BCI2000 state lines libbiosig 2.5 crashed on (SIGSEGV; found by fuzz_biosig): a CR inside
# a line, and a line of blanks and one of "+" in the section
sys.path.insert(0, os.environ.get("EEG_TOP", ".") + "/tests/ref")
from bci2000write import write_bci2000  # noqa: E402
import numpy as np  # noqa: E402
write_bci2000(I + "bci-ok.dat", np.zeros((3, 256)), 256, ["C3", "Cz", "C4"])
bci = open(I + "bci-ok.dat", "rb").read()
put("bci-cr.dat", bci.replace(b"ResultCode 8 0 2 0\r\n", b"ResultCode 8 0 2 0\r \n"))
put("bci-junk.dat", bci.replace(b"ResultCode 8 0 2 0\r\n", b"   \n+\nResultCode 8 0 2 0\r\n"))
put("bci-sv0.dat", bci.replace(b"StatevectorLen= 4", b"StatevectorLen= 0"))  # hung libbiosig
# EGI files libbiosig 2.5 crashed on (fuzz_biosig): an event still on at the last sample
# (a null pointer), more than 256 event codes (its heap corrupted)
from egiwrite import write_egi  # noqa: E402
write_egi(I + "egi-open.raw", np.zeros((3, 500)), 250, codes=["stim"], events=[("stim", 490, 10)])
write_egi(I + "egi-codes.raw", np.zeros((3, 10)), 250, version=4,
          codes=["e%03d" % k for k in range(257)])
# heap overflows inside libbiosig (found replaying corpus/biosig under ASan): more channel
# names than SourceCh, and a header whose last line runs into the samples
put("bci-names.dat", bci.replace(b"ChannelNames= 3 C3 Cz C4", b"ChannelNames= 4 C3 Cz C4"))
put("bci-gains.dat", bci.replace(b"SourceChGain= 3 ", b"SourceChGain= 8 "))
put("bci-title.dat", bci.replace(b"[ State Vector Definition ] \r\n", b"[ State Vector Definition ]\r \n"))
hl = int(bci.split(b"HeaderLen= ")[1].split()[0])
put("bci-cut.dat", bci[:hl - 2] + b"\0\0" + bci[hl:])

# raw float32 samples (--format raw)
put("odd.raw", struct.pack("<9f", *range(9)) + b"\x01\x02")
put("nan.raw", struct.pack("<8f", 1, 2, float("nan"), 4, 5, 6, 7, 8) * 40)
put("inf.raw", struct.pack("<8f", 1, 2, 3, float("inf"), 5, 6, 7, 8) * 40)

# scaler files
put("scale-zero.scale", "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=2\nset=\n"
    "frames=3\n0 1\n0 0\nend=eegpipe-scale\n")
put("scale-nan.scale", "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=2\nset=\n"
    "frames=3\nnan 1\n0 1\nend=eegpipe-scale\n")
put("scale-version.scale", "eegpipe-scale=99\nmethod=zscore\n")
put("scale-method.scale", "eegpipe-scale=1\nmethod=robust\n")
put("scale-noend.scale", "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=2\nset=\n"
    "frames=3\n0 1\n0 1\n")
put("scale-shape.scale", "eegpipe-scale=1\nmethod=zscore\nper-group=0\nshape=3\nset=\n"
    "frames=3\n0 1\n0 1\n0 1\nend=eegpipe-scale\n")

# model files: one byte of the weights flipped (checksum), a version from the future
m = bytearray(open(I + "good.model", "rb").read())
flip = bytearray(m)
flip[len(flip) // 2] ^= 0x40
put("flip.model", flip)
ver = bytearray(m)
ver[8] = 99
put("version.model", ver)
put("zero.model", bytes(len(m)))
PYEOF
for f in au wav aiff flac; do head -c 300 "$I/raw.$f" >"$I/cut.$f"; done
mkdir "$I/dir.eeg"
printf 'eegpipe-scale=1\n' >"$I/notes.txt"

# --- the cases: name % status % stderr line (I and O stand for the directories) % command ---
cases=$(cat <<'EOF'
# tensor values and indices that the header does not allow
tensor-nan            % 1s % eeg-cat: I/nan.eeg: frame 0: .*NaN.*             % eeg-cat "$I/nan.eeg"
tensor-inf            % 1s % eeg-cat: I/inf.eeg: frame 0: .*(inf|Inf).*      % eeg-cat "$I/inf.eeg"
tensor-label-range    % 1s % eeg-cat: I/label.eeg: frame 0: label 7 .*       % eeg-cat "$I/label.eeg"
tensor-group-range    % 1s % eeg-cat: I/group.eeg: frame 0: group 5 .*       % eeg-cat "$I/group.eeg"
tensor-label-negative % 1s % eeg-cat: I/neglabel.eeg: frame 0: label -5 .*   % eeg-cat "$I/neglabel.eeg"
tensor-time-inf       % 1s % eeg-cat: I/inftime.eeg: frame 0: .*time.*       % eeg-cat "$I/inftime.eeg"
tensor-version        % 1  % eeg-cat: I/version.eeg: header: .*version 9.*   % eeg-cat "$I/version.eeg"
tensor-dtype          % 1  % eeg-cat: I/dtype.eeg: header: .*f64.*           % eeg-cat "$I/dtype.eeg"
tensor-shape-zero     % 1  % eeg-cat: I/shape0.eeg: header: .*shape.*        % eeg-cat "$I/shape0.eeg"
tensor-key-twice      % 1  % eeg-cat: I/dupkey.eeg: header: .*shape.*        % eeg-cat "$I/dupkey.eeg"
tensor-class-twice    % 1  % eeg-cat: I/dupclass.eeg: header: line 4: class 'a' twice % eeg-cat "$I/dupclass.eeg"
tensor-no-dtype       % 1  % eeg-cat: I/nodtype.eeg: header: .*dtype.*       % eeg-cat "$I/nodtype.eeg"
tensor-body-no-eol    % 1  % eeg-cat: I/noeol.eeg: header: .+                % eeg-cat "$I/noeol.eeg"
tensor-control-byte   % 1  % eeg-cat: I/ctrl.eeg: header: .*control.*        % eeg-cat "$I/ctrl.eeg"
tensor-rate-negative  % 1  % eeg-cat: I/negrate.eeg: header: .*rate.*        % eeg-cat "$I/negrate.eeg"
tensor-rate-nan       % 1  % eeg-cat: I/nanrate.eeg: header: .*rate.*        % eeg-cat "$I/nanrate.eeg"
tensor-reshaped-part  % 1s % eeg-cat: I/reshape.eeg: .*shape.*               % eeg-cat "$I/reshape.eeg"
tensor-directory      % 1  % eeg-cat: I/dir.eeg: .*(Is a directory|directory).* % eeg-cat "$I/dir.eeg"
tensor-missing        % 1  % eeg-cat: I/nope.eeg: open: No such file or directory % eeg-cat "$I/nope.eeg"
tensor-nan-select     % 1s % eeg-select: I/nan.eeg: frame 0: .*NaN.*         % eeg-select "$I/nan.eeg"
tensor-nan-scale      % 1  % eeg-scale: I/nan.eeg: frame 0: .*NaN.*          % eeg-scale -f "$O/s" "$I/nan.eeg"
tensor-nan-train      % 1  % eeg-train: I/nan.eeg: frame 0: .*NaN.*          % eeg-train --model gru --units 2 -o "$O/m" "$I/nan.eeg"
tensor-nan-split      % 1  % eeg-split: I/nan.eeg: frame 0: .*NaN.*          % eeg-split --train "$O/a" --test "$O/b" "$I/nan.eeg"
tensor-nan-metrics    % 1  % eeg-metrics: I/nan.eeg: .+                      % eeg-metrics "$I/nan.eeg"
tensor-nan-fft        % 1  % eeg-fft: I/nan.eeg: .+                          % eeg-fft --rate 128 -w 0.5 "$I/nan.eeg"
tensor-label-split    % 1  % eeg-split: I/label.eeg: frame 0: label 7 .*     % eeg-split --train "$O/a" --test "$O/b" "$I/label.eeg"
tensor-group-twice    % 1  % eeg-cat: I/dupgroup.eeg: header: line 4: group 's1' twice % eeg-cat "$I/dupgroup.eeg"
tensor-stdin-nan      % 1s % eeg-cat: stdin: frame 0: .*NaN.*                % eeg-cat <"$I/nan.eeg"
# write errors: a full disk on stdout, and on the files tools write
full-cat              % 1  % eeg-cat: stdout: write: No space left on device % eeg-cat "$I/good.eeg" >/dev/full
full-cat-text         % 1  % eeg-cat: stdout: write: No space left on device % eeg-cat -t "$I/good.eeg" >/dev/full
full-cat-info         % 1  % eeg-cat: stdout: write: No space left on device % eeg-cat --info "$I/good.eeg" >/dev/full
full-csv              % 1  % eeg-csv: stdout: write: No space left on device % eeg-csv "$I/muse.csv" >/dev/full
full-fft              % 1  % eeg-fft: stdout: write: No space left on device % eeg-fft -w 0.5 "$I/muse.csv" >/dev/full
full-select           % 1  % eeg-select: stdout: write: No space left on device % eeg-select "$I/good.eeg" >/dev/full
full-scale            % 1  % eeg-scale: stdout: write: No space left on device % eeg-scale -a "$I/good.scale" "$I/good.eeg" >/dev/full
# files written whole (temp file and rename) over a file size limit of 512 bytes (EFBIG,
# SIGXFSZ ignored; the one stderr line fits): the error is reported, the temp file removed. (Not /dev/full: a rename over
# it, as root, would replace the device.)
big-npy               % 1  % eeg-cat: temporary file: write: File too large % trap '' XFSZ; ulimit -f 1; eeg-cat --npy "$O/x.npy" "$I/good.eeg"
big-scale             % 1  % eeg-scale: O/s: write: File too large          % trap '' XFSZ; ulimit -f 1; eeg-scale -f "$O/s" "$I/feat.eeg" >/dev/null
big-split-values      % 1  % eeg-split: temporary file: write: File too large % trap '' XFSZ; ulimit -f 1; eeg-split --train "$O/a" --test "$O/b" "$I/feat.eeg"
big-split-second      % 1  % eeg-split: O/b: write: File too large          % trap '' XFSZ; ulimit -f 10; eeg-split --train "$O/a" --test "$O/b" --test-fraction 0.75 "$I/feat.eeg"
big-train             % 1  % eeg-train: O/m: write: File too large          % trap '' XFSZ; ulimit -f 1; eeg-train --model gru --units 16 --epochs 1 -o "$O/m" "$I/good.eeg"
big-train-checkpoint  % 1  % eeg-train: O/m: write: File too large          % trap '' XFSZ; ulimit -f 1; eeg-train --model gru --units 16 --epochs 2 --val "$I/good.eeg" --checkpoint best-val-acc -o "$O/m" "$I/good.eeg"
big-synth             % 1  % eeg-synth: O/x.eeg: write: File too large      % trap '' XFSZ; ulimit -f 1; eeg-synth -n 1 -o "$O/x.eeg"
big-synth-wav         % 1  % eeg-synth: O/x.wav: .*(write|File too large).* % trap '' XFSZ; ulimit -f 1; eeg-synth -n 1 --subjects 1 --sessions 1 --states relaxed --format wav -o "$O/x.wav"
full-train-history    % 1  % eeg-train: /dev/full: write: No space left on device % eeg-train --model gru --units 2 --epochs 1 --history /dev/full -o "$O/m" "$I/good.eeg"
full-train-info       % 1  % eeg-train: stdout: write: No space left on device % eeg-train --info "$I/good.model" >/dev/full
full-predict          % 1  % eeg-predict: stdout: write: No space left on device % eeg-predict "$I/good.model" "$I/good.eeg" >/dev/full
full-metrics          % 1  % eeg-metrics: stdout: write: No space left on device % eeg-metrics "$I/pred.eeg" >/dev/full
full-synth            % 1  % eeg-synth: stdout: write: No space left on device % eeg-synth -n 1 >/dev/full
# outputs that cannot be created: no directory, a directory in the way
nodir-npy             % 1  % eeg-cat: O/no/x.npy: create: No such file or directory % eeg-cat --npy "$O/no/x.npy" "$I/good.eeg"
nodir-scale           % 1  % eeg-scale: O/no/s: create: No such file or directory % eeg-scale -f "$O/no/s" "$I/good.eeg"
nodir-split-test      % 1  % eeg-split: O/no/b: create: No such file or directory % eeg-split --train "$O/a" --test "$O/no/b" "$I/good.eeg"
nodir-train           % 1  % eeg-train: O/no/m: create: No such file or directory % eeg-train --model gru --units 2 --epochs 1 -o "$O/no/m" "$I/good.eeg"
nodir-history         % 1  % eeg-train: O/no/h: create: No such file or directory % eeg-train --model gru --units 2 --epochs 1 --history "$O/no/h" -o "$O/m" "$I/good.eeg"
nodir-synth           % 1  % eeg-synth: O/no/x.eeg: create: No such file or directory % eeg-synth -n 1 -o "$O/no/x.eeg"
isdir-train           % 1  % eeg-train: I/dir.eeg: create: Is a directory    % eeg-train --model gru --units 2 --epochs 1 -o "$I/dir.eeg" "$I/good.eeg"
isdir-scale           % 1  % eeg-scale: I/dir.eeg: create: Is a directory    % eeg-scale -f "$I/dir.eeg" "$I/good.eeg"
isdir-npy             % 1  % eeg-cat: I/dir.eeg: create: Is a directory      % eeg-cat --npy "$I/dir.eeg" "$I/good.eeg"
# feature CSV (eeg-csv)
csv-extra-field       % 1  % eeg-csv: I/extra.csv: line 3: 3 fields, expected 2 % eeg-csv "$I/extra.csv"
csv-empty-name        % 1  % eeg-csv: I/emptyname.csv: line 1: column 1: .*  % eeg-csv "$I/emptyname.csv"
csv-duplicate-channel % 1  % eeg-fft: I/dupch.csv: line 1: columns 2 and 4 are both channel "x" \(pick channels with --channels\) % eeg-fft -w 0.5 "$I/dupch.csv"
muse-duplicate-channel % 1 % eeg-fft: I/muse-dupch.csv: line 1: columns 2 and 3 are both channel "TP9" % eeg-fft -w 0.5 "$I/muse-dupch.csv"
mm-duplicate-channel  % 1  % eeg-fft: I/mm-dupch.csv: line 1: columns 3 and 5 are both channel "TP9" % eeg-fft -w 0.5 "$I/mm-dupch.csv"
csv-inf               % 1  % eeg-csv: I/inf.csv: line 2: column 2 \(b\): 'inf' is not a finite number % eeg-csv "$I/inf.csv"
csv-hex               % 1  % eeg-csv: I/hex.csv: line 2: column 2 \(b\): '0x10' is not a finite number % eeg-csv "$I/hex.csv"
csv-after-quote       % 1  % eeg-csv: I/quote.csv: line 2: column 2 \(b\): '"2"x' is not a finite number % eeg-csv "$I/quote.csv"
csv-nul               % 1  % eeg-csv: I/nul.csv: line 2: .+                  % eeg-csv "$I/nul.csv"
csv-utf16             % 1  % eeg-csv: I/utf16.csv: line 1: .+                % eeg-csv "$I/utf16.csv"
csv-control-name      % 1  % eeg-csv: I/ctrlname.csv: line 1: .+             % eeg-csv "$I/ctrlname.csv"
csv-a-wav             % 1  % eeg-csv: I/raw.wav: line 1: .+                  % eeg-csv "$I/raw.wav"
csv-a-model           % 1  % eeg-csv: I/good.model: line [0-9]+: .+          % eeg-csv "$I/good.model"
csv-directory         % 1  % eeg-csv: I/dir.eeg: .*directory.*               % eeg-csv "$I/dir.eeg"
csv-missing           % 1  % eeg-csv: I/nope.csv: open: No such file or directory % eeg-csv "$I/nope.csv"
# muse-lsl CSV (eeg-fft): streamed, so earlier windows may be out
muse-text-cell        % 1s % eeg-fft: I/muse-text.csv: line 302: .*TP9.*     % eeg-fft -w 0.5 "$I/muse-text.csv"
muse-time-back        % 1s % eeg-fft: I/muse-back.csv: line 302: .*time.*    % eeg-fft -w 0.5 "$I/muse-back.csv"
muse-nan-cell         % 1s % eeg-fft: I/muse-nan.csv: line 302: .*TP9.*      % eeg-fft -w 0.5 "$I/muse-nan.csv"
muse-short-row        % 1s % eeg-fft: I/muse-short.csv: line 302: .+         % eeg-fft -w 0.5 "$I/muse-short.csv"
muse-long-row         % 1s % eeg-fft: I/muse-long.csv: line 302: .+          % eeg-fft -w 0.5 "$I/muse-long.csv"
muse-time-text        % 1s % eeg-fft: I/muse-timetext.csv: line 302: .*time.* % eeg-fft -w 0.5 "$I/muse-timetext.csv"
muse-no-time-column   % 1  % eeg-fft: I/muse-notime.csv: .+                  % eeg-fft --format muse -w 0.5 "$I/muse-notime.csv"
muse-control-marker   % 1s % eeg-fft: I/muse-ctrlmarker.csv: line 302: .+    % eeg-fft -w 0.5 "$I/muse-ctrlmarker.csv"
muse-huge-times       % 1  % eeg-fft: I/muse-hugetime.csv: .+                % eeg-fft -w 0.5 "$I/muse-hugetime.csv"
muse-unknown-channel  % 1  % eeg-fft: I/muse.csv: --channels: no channel "Fz" .* % eeg-fft --channels Fz -w 0.5 "$I/muse.csv"
muse-stdin-text-cell  % 1s % eeg-fft: stdin: line 302: .*TP9.*               % eeg-fft -w 0.5 <"$I/muse-text.csv"
# Mind Monitor CSV
mm-bad-date           % 1s % eeg-fft: I/mm-date.csv: line 302: .*TimeStamp.* % eeg-fft -w 0.5 "$I/mm-date.csv"
mm-text-cell          % 1s % eeg-fft: I/mm-text.csv: line 302: .*RAW_TP9.*   % eeg-fft -w 0.5 "$I/mm-text.csv"
mm-time-back          % 1s % eeg-fft: I/mm-back.csv: line 302: .*time.*      % eeg-fft -w 0.5 "$I/mm-back.csv"
mm-no-raw-columns     % 1  % eeg-fft: I/mm-noraw.csv: .*RAW.*                % eeg-fft --format mindmonitor -w 0.5 "$I/mm-noraw.csv"
mm-control-elements   % 1s % eeg-fft: I/mm-ctrl.csv: line 302: .+            % eeg-fft -w 0.5 "$I/mm-ctrl.csv"
mm-overflow-cell      % 1s % eeg-fft: I/mm-inf.csv: line 302: .*RAW_TP9.*    % eeg-fft -w 0.5 "$I/mm-inf.csv"
# other CSV signals
sig-time-text         % 1s % eeg-fft: I/sig-timetext.csv: line 202: .*time.* % eeg-fft -w 0.5 "$I/sig-timetext.csv"
sig-no-time-step      % 1  % eeg-fft: I/sig-samedate.csv: .*rate.*           % eeg-fft -w 0.5 "$I/sig-samedate.csv"
# sound files (libsndfile)
wav-float-nan         % 1s % eeg-fft: I/nan.wav: .*(NaN|not finite).*        % eeg-fft -w 0.5 "$I/nan.wav"
wav-float-inf         % 1s % eeg-fft: I/inf.wav: .*(Inf|inf|not finite).*    % eeg-fft -w 0.5 "$I/inf.wav"
wav-no-channels       % 1  % eeg-fft: I/ch0.wav: open: .+                    % eeg-fft -w 0.5 "$I/ch0.wav"
wav-rate-zero         % 1  % eeg-fft: I/rate0.wav: .+                        % eeg-fft -w 0.5 "$I/rate0.wav"
wav-bits-zero         % 1  % eeg-fft: I/bits0.wav: open: .+                  % eeg-fft -w 0.5 "$I/bits0.wav"
flac-garbage          % 1  % eeg-fft: I/flac-garbage.flac: .+                % eeg-fft -w 0.5 "$I/flac-garbage.flac"
flac-stdin-garbage    % 1  % eeg-fft: stdin: .+                              % eeg-fft -w 0.5 <"$I/flac-garbage.flac"
au-offset-past-end    % 1  % eeg-fft: I/au-offset.au: .+                     % eeg-fft -w 0.5 "$I/au-offset.au"
au-rate-zero          % 1  % eeg-fft: I/au-rate0.au: .+                      % eeg-fft -w 0.5 "$I/au-rate0.au"
au-cut                % 1  % eeg-fft: I/cut.au: header: truncated: the data chunk has 276 of [0-9]+ bytes % eeg-fft -w 0.5 "$I/cut.au"
wav-cut               % 1  % eeg-fft: I/cut.wav: header: truncated: .+       % eeg-fft -w 0.5 "$I/cut.wav"
aiff-cut              % 1  % eeg-fft: I/cut.aiff: header: truncated: .+      % eeg-fft -w 0.5 "$I/cut.aiff"
flac-cut              % 1s % eeg-fft: I/cut.flac: .+                         % eeg-fft -w 0.5 "$I/cut.flac"
aiff-garbage          % 1  % eeg-fft: I/aiff-garbage.aiff: open: .+          % eeg-fft -w 0.5 "$I/aiff-garbage.aiff"
snd-names-count       % 1  % eeg-fft: I/raw.wav: .*names.*                   % eeg-fft --names a,b,c,d,e,f,g -w 0.5 "$I/raw.wav"
# EDF and BDF
edf-no-signals        % 1  % eeg-fft: I/edf-ns0.edf: header: 0 signals \(want 1 to [0-9]+\) % eeg-fft -w 0.5 "$I/edf-ns0.edf"
edf-negative-records  % 1  % eeg-fft: I/edf-nrec.edf: header: number of data records '-7' is not -1 or a count % eeg-fft -w 0.5 "$I/edf-nrec.edf"
edf-digital-range     % 1  % eeg-fft: I/edf-dig.edf: header: channel TP9: physical range .* over digital 100..100 is not a scale % eeg-fft -w 0.5 "$I/edf-dig.edf"
edf-physical-range    % 1  % eeg-fft: I/edf-phys.edf: header: channel TP9: physical range 5..5 .* is not a scale % eeg-fft -w 0.5 "$I/edf-phys.edf"
edf-no-samples        % 1  % eeg-fft: I/edf-spr0.edf: header: every signal has 0 samples per record \(no samples\) % eeg-fft -w 0.5 "$I/edf-spr0.edf"
edf-no-samples-count  % 1  % eeg-fft: I/edf-spr0-nrec0.edf: header: every signal has 0 samples per record \(no samples\) % eeg-fft -w 0.5 "$I/edf-spr0-nrec0.edf"
gdf-no-samples-open   % 1  % eeg-fft: I/gdf-spr0.gdf: header: every signal has 0 samples per record \(no samples\) % eeg-fft -w 0.5 "$I/gdf-spr0.gdf"
edfplus-tal-cut       % 1  % eeg-fft: I/edfplus-tal.edf: record 2: signal 2 \(annotations\) does not end in a NUL: its last TAL is cut short, which libbiosig 2.5 reads past % eeg-fft -w 0.5 "$I/edfplus-tal.edf"
edf-no-samples-open   % 1  % eeg-fft: I/edf-spr0-nrec-1.edf: header: every signal has 0 samples per record \(no samples\) % eeg-fft -w 0.5 "$I/edf-spr0-nrec-1.edf"
edf-mixed-rates       % 1  % eeg-fft: I/edf-rates.edf: .*rate.*              % eeg-fft -w 0.5 "$I/edf-rates.edf"
edf-header-size       % 1  % eeg-fft: I/edf-hdr.edf: header: 2 signals need a header of 768 bytes, it says 999 % eeg-fft -w 0.5 "$I/edf-hdr.edf"
edf-text-field        % 1  % eeg-fft: I/edf-text.edf: header: signal 1: digital minimum 'low' is not an integer % eeg-fft -w 0.5 "$I/edf-text.edf"
edf-zero-duration     % 1  % eeg-fft: I/edf-dur.edf: header: sample rate inf Hz % eeg-fft -w 0.5 "$I/edf-dur.edf"
edf-duration-text     % 1  % eeg-fft: I/edf-durtext.edf: header: record duration '1s' is not a number % eeg-fft -w 0.5 "$I/edf-durtext.edf"
edf-physical-nan      % 1  % eeg-fft: I/edf-physnan.edf: header: signal 1: physical minimum 'nan' is not a number % eeg-fft -w 0.5 "$I/edf-physnan.edf"
edf-samples-text      % 1  % eeg-fft: I/edf-sprtext.edf: header: signal 2: samples per record '12x' is not an integer % eeg-fft -w 0.5 "$I/edf-sprtext.edf"
edf-cut-one-byte      % 1  % eeg-fft: I/edf-cut.edf: header: 2 data records .* the file has 1791 \(truncated\) % eeg-fft -w 0.5 "$I/edf-cut.edf"
bdf-cut               % 1  % eeg-fft: I/bdf-cut.bdf: header: 2 data records .* \(truncated\) % eeg-fft -w 0.5 "$I/bdf-cut.bdf"
edf-from-a-pipe       % 1  % eeg-fft: stdin: .+                              % cat "$I/edf-cut.edf" | eeg-fft -w 0.5 --format edf
# BrainVision and BCI2000
bv-no-channels        % 1  % eeg-fft: I/bv-nch0.vhdr: header: \[Common Infos\] gives no NumberOfChannels .* % eeg-fft -w 0.5 "$I/bv-nch0.vhdr"
bv-interval-zero      % 1  % eeg-fft: I/bv-si0.vhdr: header: \[Common Infos\] gives no SamplingInterval above 0 % eeg-fft -w 0.5 "$I/bv-si0.vhdr"
bv-channel-missing    % 1  % eeg-fft: I/bv-hole.vhdr: header: \[Channel Infos\]: no Ch2 of 2 channels % eeg-fft -w 0.5 "$I/bv-hole.vhdr"
bv-channel-twice      % 1  % eeg-fft: I/bv-twice.vhdr: header: \[Channel Infos\]: Ch1 is twice .* % eeg-fft -w 0.5 "$I/bv-twice.vhdr"
bv-marker-foreign     % 1  % eeg-fft: I/bv-alpha.vhdr: marker file: it holds 'ALPHA-TRACE-MEDICAL': libbiosig would read it as an Alpha Trace file \(and crash\) % eeg-fft -w 0.5 "$I/bv-alpha.vhdr"
bv-bad-section        % 1  % eeg-fft: I/bv-section.vhdr: header: '\[Marker Infos\]\[Common Infos\]' is not a section name % eeg-fft -w 0.5 "$I/bv-section.vhdr"
bv-data-no-extension  % 1  % eeg-fft: I/bv-noext.vhdr: header: DataFile='bv_eeg' has no '.' \(an extension\), which libbiosig 2.5 cannot read \(it crashes\) % eeg-fft -w 0.5 "$I/bv-noext.vhdr"
bv-data-file-empty    % 1  % eeg-fft: I/bv-nodatafile.vhdr: header: DataFile='' has no '.' \(an extension\), which libbiosig 2.5 cannot read \(it crashes\) % eeg-fft -w 0.5 "$I/bv-nodatafile.vhdr"
bv-name-cut-short     % 1  % eeg-fft: I/bv-cutname.vhdr: header: its last line 'Ch2=Cz' is cut short \(no ',' and no line end\), which libbiosig 2.5 reads past % eeg-fft -w 0.5 "$I/bv-cutname.vhdr"
bv-data-missing       % 1  % eeg-fft: I/bv-nodata.vhdr: .+                  % eeg-fft -w 0.5 "$I/bv-nodata.vhdr"
bdf-name-only         % 1  % eeg-fft: I/notbdf.bdf: open: not a format libbiosig reads \(it does not start as edf does\) % eeg-fft -w 0.5 "$I/notbdf.bdf"
gdf-name-only         % 1  % eeg-fft: I/notgdf.gdf: open: not a format libbiosig reads \(it does not start as gdf does\) % eeg-fft -w 0.5 "$I/notgdf.gdf"
gdf-no-version        % 1  % eeg-fft: I/gdfver.gdf: open: not a format libbiosig reads \(it does not start as gdf does\) % eeg-fft -w 0.5 "$I/gdfver.gdf"
gdf-format-on-edf     % 1  % eeg-fft: I/edf-cut.edf: open: not a format libbiosig reads \(it does not start as gdf does\) % eeg-fft --format gdf -w 0.5 "$I/edf-cut.edf"
bci2000-header-text   % 1  % eeg-fft: I/bci.dat: header: the first line gives no number after HeaderLen= % eeg-fft -w 0.5 "$I/bci.dat"
bci2000-no-channels   % 1  % eeg-fft: I/bci-ch.dat: header: SourceCh=0 \(want 1 to [0-9]+\) % eeg-fft -w 0.5 "$I/bci-ch.dat"
bci2000-cr-in-state   % 1  % eeg-fft: I/bci-cr.dat: header: line 5: not a state \(name length value byte bit\) % eeg-fft -w 0.5 "$I/bci-cr.dat"
bci2000-junk-state    % 1  % eeg-fft: I/bci-junk.dat: header: line 5: not a state \(name length value byte bit\) % eeg-fft -w 0.5 "$I/bci-junk.dat"
bci2000-no-states     % 1  % eeg-fft: I/bci-sv0.dat: header: StatevectorLen=0 \(want 1 to 65536\) % eeg-fft -w 0.5 "$I/bci-sv0.dat"
egi-event-open        % 1  % eeg-fft: I/egi-open.raw: sample 500: event track 1 \('stim'\) is still on at the last sample, which libbiosig 2.5 cannot read \(it crashes\) % eeg-fft -w 0.5 "$I/egi-open.raw"
egi-codes             % 1  % eeg-fft: I/egi-codes.raw: header: 257 event codes \(libbiosig 2.5 reads at most 256\) % eeg-fft -w 0.5 "$I/egi-codes.raw"
bci2000-names         % 1  % eeg-fft: I/bci-names.dat: header: ChannelNames= lists 4 values for SourceCh= 3 channels % eeg-fft -w 0.5 "$I/bci-names.dat"
bci2000-gains         % 1  % eeg-fft: I/bci-gains.dat: header: SourceChGain= lists 8 values for SourceCh= 3 channels % eeg-fft -w 0.5 "$I/bci-gains.dat"
bci2000-cr-in-title   % 1  % eeg-fft: I/bci-title.dat: header: line 2 is not '\[ State Vector Definition \]' % eeg-fft -w 0.5 "$I/bci-title.dat"
bci2000-cut-header    % 1  % eeg-fft: I/bci-cut.dat: header: a NUL byte at byte [0-9]+ of its HeaderLen= [0-9]+ % eeg-fft -w 0.5 "$I/bci-cut.dat"
# raw float32 samples
raw-part-sample       % 1s % eeg-fft: I/odd.raw: sample 5: truncated: 6 of 8 bytes at the end % eeg-fft --format raw --rate 16 --names a,b -w 0.5 "$I/odd.raw"
raw-nan               % 1s % eeg-fft: I/nan.raw: sample 2: channel a: not a finite number % eeg-fft --format raw --rate 16 --names a,b -w 0.5 "$I/nan.raw"
raw-inf               % 1s % eeg-fft: I/inf.raw: sample 2: channel b: not a finite number % eeg-fft --format raw --rate 16 --names a,b -w 0.5 "$I/inf.raw"
raw-stdin-nan         % 1s % eeg-fft: stdin: sample 2: channel a: not a finite number % eeg-fft --format raw --rate 16 --names a,b -w 0.5 <"$I/nan.raw"
raw-no-rate           % 2  % eeg-fft: --format raw: headerless samples need --names \(one per channel\) and --rate % eeg-fft --format raw --names a,b -w 0.5 "$I/nan.raw"
raw-no-names          % 2  % eeg-fft: --format raw: headerless samples need --names \(one per channel\) and --rate % eeg-fft --format raw --rate 16 -w 0.5 "$I/nan.raw"
# scaler files
scale-zero-scale      % 1  % eeg-scale: I/scale-zero.scale: line 8: .+       % eeg-scale -a "$I/scale-zero.scale" "$I/good.eeg"
scale-nan-shift       % 1  % eeg-scale: I/scale-nan.scale: line 7: .+        % eeg-scale -a "$I/scale-nan.scale" "$I/good.eeg"
scale-version         % 1  % eeg-scale: I/scale-version.scale: line 1: .*99.* % eeg-scale -a "$I/scale-version.scale" "$I/good.eeg"
scale-method          % 1  % eeg-scale: I/scale-method.scale: line 2: .*robust.* % eeg-scale -a "$I/scale-method.scale" "$I/good.eeg"
scale-no-end          % 1  % eeg-scale: I/scale-noend.scale: line [0-9]+: .+ % eeg-scale -a "$I/scale-noend.scale" "$I/good.eeg"
scale-other-shape     % 1  % eeg-scale: .*: .*shape.*                        % eeg-scale -a "$I/scale-shape.scale" "$I/good.eeg"
scale-a-model         % 1  % eeg-scale: I/good.model: .*model.*           % eeg-scale -a "$I/good.model" "$I/good.eeg"
scale-missing         % 1  % eeg-scale: I/nope.scale: open: No such file or directory % eeg-scale -a "$I/nope.scale" "$I/good.eeg"
scale-directory       % 1  % eeg-scale: I/dir.eeg: .*directory.*             % eeg-scale -a "$I/dir.eeg" "$I/good.eeg"
# model files
model-bit-flip        % 1  % eeg-predict: I/flip.model: .*checksum.*         % eeg-predict "$I/flip.model" "$I/good.eeg"
model-version         % 1  % eeg-predict: I/version.model: header: .*version.* % eeg-predict "$I/version.model" "$I/good.eeg"
model-zeros           % 1  % eeg-predict: I/zero.model: header: .+           % eeg-predict "$I/zero.model" "$I/good.eeg"
model-a-scaler        % 1  % eeg-predict: I/good.scale: header: .*not .*model.* % eeg-predict "$I/good.scale" "$I/good.eeg"
model-missing         % 1  % eeg-predict: I/nope.model: open: No such file or directory % eeg-predict "$I/nope.model" "$I/good.eeg"
model-directory       % 1  % eeg-predict: I/dir.eeg: open: not a regular file % eeg-predict "$I/dir.eeg" "$I/good.eeg"
model-other-shape     % 1  % eeg-predict: I/feat.eeg: header: frames are 165 .*, the model expects 4x2 % eeg-predict "$I/good.model" "$I/feat.eeg"
model-info-flip       % 1  % eeg-train: I/flip.model: .*checksum.*           % eeg-train --info "$I/flip.model"
# what the data cannot do: no labels to train on or score, too few frames or groups
train-one-class       % 1  % eeg-train: I/raw.eeg: 1 class: need at least 2  % eeg-train --model gru --units 2 --epochs 1 -o "$O/m" "$I/raw.eeg"
train-no-labels       % 1  % eeg-train: I/feat.eeg: frame 0: no label .*    % eeg-train --model gru --units 2 --epochs 1 -o "$O/m" "$I/feat.eeg"
train-val-new-class   % 1  % eeg-train: I/raw.eeg: frame 0: class 'relaxed' is not in the training set % eeg-train --model gru --units 2 --epochs 1 --val "$I/raw.eeg" -o "$O/m" "$I/good.eeg"
train-reshape         % 1  % eeg-train: .*reshape.*                          % eeg-train --model gru --units 2 --epochs 1 --reshape 7x7 -o "$O/m" "$I/good.eeg"
metrics-no-labels     % 1  % eeg-metrics: I/raw.eeg: .+                      % eeg-metrics "$I/raw.eeg"
metrics-not-predictions % 1 % eeg-metrics: I/good.eeg: .+                    % eeg-metrics "$I/good.eeg"
split-no-labels       % 1  % eeg-split: I/feat.eeg: .*label.*                % eeg-split --stratify --train "$O/a" --test "$O/b" "$I/feat.eeg"
split-no-groups       % 1  % eeg-split: I/feat.eeg: .*group.*                % eeg-split --by-group --train "$O/a" --test "$O/b" "$I/feat.eeg"
split-holdout-unknown % 1  % eeg-split: I/good.eeg: groups: no group named 'zz' % eeg-split --by-group --holdout zz --train "$O/a" --test "$O/b" "$I/good.eeg"
split-one-frame       % 1  % eeg-split: I/one.eeg: .*too few.*               % eeg-split --train "$O/a" --test "$O/b" "$I/one.eeg"
select-no-match       % 1  % eeg-select: I/feat.eeg: .*zz.*                  % eeg-select -c 'zz*' "$I/feat.eeg"
select-unknown-class  % 1  % eeg-select: I/good.eeg: labels: no class named 'zz' % eeg-select -l zz "$I/good.eeg"
select-reshape        % 1  % eeg-select: I/feat.eeg: .*7x7.*                 % eeg-select -r 7x7 "$I/feat.eeg"
scale-per-group-none  % 1  % eeg-scale: I/feat.eeg: .*group.*                % eeg-scale -p -f "$O/s" "$I/feat.eeg"
# usage errors (exit 2): one line, "tool: what (see tool -h)"
usage-cat-modes       % 2  % eeg-cat: .+                                     % eeg-cat -t --info "$I/good.eeg"
usage-csv-window      % 2  % eeg-csv: .+                                     % eeg-csv -w 1 "$I/muse.csv"
usage-fft-rate        % 2  % eeg-fft: .*rate.*                               % eeg-fft --rate 0 "$I/muse.csv"
usage-fft-window      % 2  % eeg-fft: .*window.*                             % eeg-fft --window kaiser "$I/muse.csv"
usage-fft-format      % 2  % eeg-fft: .*format.*                             % eeg-fft --format xls "$I/muse.csv"
usage-metrics-two     % 2  % eeg-metrics: .+                                 % eeg-metrics "$I/pred.eeg" "$I/pred.eeg"
usage-predict-none    % 2  % eeg-predict: .+                                 % eeg-predict
usage-scale-both      % 2  % eeg-scale: .+                                   % eeg-scale -f "$O/s" -a "$I/good.scale" "$I/good.eeg"
usage-scale-method    % 2  % eeg-scale: .*robust.*                           % eeg-scale -m robust -f "$O/s" "$I/good.eeg"
usage-select-shape    % 2  % eeg-select: .*(shape|x).*                       % eeg-select -r 2xx "$I/good.eeg"
usage-split-same      % 2  % eeg-split: .+                                   % eeg-split --train "$O/a" --test "$O/a" "$I/good.eeg"
usage-split-fraction  % 2  % eeg-split: .*fraction.*                         % eeg-split --train "$O/a" --test "$O/b" --test-fraction 1.5 "$I/good.eeg"
usage-synth-format    % 2  % eeg-synth: .*format.*                           % eeg-synth --format mp3 -o "$O/x"
usage-synth-seconds   % 2  % eeg-synth: .+                                   % eeg-synth -n 0 -o "$O/x"
usage-synth-state     % 2  % eeg-synth: .*sleepy.*                           % eeg-synth --states sleepy -o "$O/x"
usage-train-model     % 2  % eeg-train: .*cnn.*                              % eeg-train --model cnn --units 2 -o "$O/m" "$I/good.eeg"
usage-train-units     % 2  % eeg-train: .*units.*                            % eeg-train --model gru --units 0 -o "$O/m" "$I/good.eeg"
usage-train-no-output % 2  % eeg-train: .+                                   % eeg-train --model gru --units 2 "$I/good.eeg"
usage-train-dropout   % 2  % eeg-train: .*dropout.*                          % eeg-train --model gru --units 2 --dropout 1.5 -o "$O/m" "$I/good.eeg"
EOF
)

sum_inputs() { (cd "$I" && find . -type f | sort | xargs cksum); }
before=$(sum_inputs)
n=0 nbad=0
while IFS='%' read -r name st pat cmd; do
	name=$(echo "$name" | sed 's/ *$//')
	case $name in ''|'#'*) continue ;; esac
	st=$(echo "$st" | tr -d ' ')
	pat=$(echo "$pat" | sed 's/^ *//; s/ *$//')
	rm -rf "$O"
	mkdir -p "$O/tmp"
	set +e
	(cd "$O" && TMPDIR=$O/tmp timeout -k 1 5 sh -c "$cmd") </dev/null >"$T/c.out" 2>"$T/c.err"
	got=$?
	set -e
	# (eeg-train's progress lines are its log, not messages)
	sed "s|$I|I|g; s|$O|O|g; /^epoch [0-9]*\/[0-9]* loss /d" "$T/c.err" >"$T/c.msg"
	why=
	case $got in
	124|137) why="took over 5 s" ;;
	"${st%s}") ;;
	*) why="exit $got, want ${st%s}" ;;
	esac
	nl=$(wc -l <"$T/c.msg")
	if [ -z "$why" ] && [ "$st" = 2 ]; then
		[ "$nl" = 1 ] || why="$nl stderr lines, want 1"
		[ -n "$why" ] || sed 's/ (see [^ ]* -h)$//' "$T/c.msg" | grep -Eq "^$pat\$" ||
			why="stderr does not match '$pat' (see TOOL -h)"
	elif [ -z "$why" ]; then
		[ "$nl" = 1 ] || why="$nl stderr lines, want 1"
		[ -n "$why" ] || grep -Eq "^$pat\$" "$T/c.msg" || why="stderr does not match '$pat'"
	fi
	[ -n "$why" ] || [ "$st" = 1s ] || [ ! -s "$T/c.out" ] || why="wrote to stdout"
	left=$(cd "$O" && find . -mindepth 1 ! -path ./tmp | head -n 3)
	[ -n "$why" ] || [ -z "$left" ] || why="left $(echo $left) in the output directory"
	[ -n "$why" ] || [ -z "$(ls -A "$O/tmp")" ] || why="left $(ls -A "$O/tmp") in TMPDIR"
	[ -z "$why" ] || { echo "FAIL $name: $why: $(head -c 600 "$T/c.msg")"; nbad=$((nbad + 1)); }
	n=$((n + 1))
done <<EOF
$cases
EOF
[ "$nbad" = 0 ] || fail "$nbad of $n cases failed"

# An output file that is a FIFO is written through, not replaced by a regular file (a
# rename over it would leave the reader waiting and the FIFO gone).
mkfifo "$T/fifo"
eeg-scale -f "$T/fifo" "$I/good.eeg" >/dev/null &
timeout 5 cat "$T/fifo" >"$T/fifo.out" || fail "nothing came through the FIFO"
wait $! || fail "eeg-scale -f FIFO: exit $?"
[ -p "$T/fifo" ] || fail "the FIFO was replaced"
head -n 1 "$T/fifo.out" | grep -q '^eegpipe-scale=' || fail "the FIFO carried no scaler file"
[ "$(sum_inputs)" = "$before" ] || fail "a case changed an input"
[ "$n" -ge 150 ] || fail "only $n cases"
echo "ok: $n cases"
