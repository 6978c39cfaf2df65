#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on bad input to each reader this side owns (muse-lsl, Mind Monitor and other CSV,
# tensor streams, libsndfile): truncated, corrupted, a header that lies about sizes, times
# that go back or are absurd, a rate of 0 or 1e9 Hz. Each: exit 1, one stderr line naming
# the file and where; stdout holds only the whole frames of the windows before the bad
# place (a stream that reads cleanly), nothing half-written.
. "$(dirname "$0")/lib.sh"
py - "$T" "$EEG_TOP/tests/ref" <<'PY'
import struct, sys
import numpy as np
T = sys.argv[1]
sys.path.insert(0, sys.argv[2])
from eegstream import header_bytes, write_stream
def put(name, data):
    open(T + "/" + name, "wb").write(data if isinstance(data, bytes) else data.encode())
M = "timestamps,TP9,AF7,AF8,TP10,Right AUX\n"
rows = ["%.3f,%d,%d,%d,%d,%d\n" % (1500000000 + i / 256, i % 7, i % 5, i % 3, 1, 2) for i in range(600)]
put("m-trunc.csv", M + "".join(rows[:300]) + "1500000001.172,3,4")
put("m-nul.csv", M + "".join(rows[:300]) + "1500000001.172,3,\x004,1,2,3\n" + "".join(rows[301:]))
put("m-back.csv", M + "".join(rows[:400]) + rows[100] + "".join(rows[401:]))
put("m-absurd.csv", M + "".join(rows[:400]) + "1e12,1,2,3,4,5\n")
put("m-fast.csv", M + "".join("%.9f,1,2,3,4,5\n" % (5 + i * 1e-9) for i in range(300)))
put("m-still.csv", M + "".join("5.000,1,2,3,4,5\n" for i in range(300)))
H = "TimeStamp,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,HSI_TP9,Elements\n"
mm = ["2021-03-04 10:11:%02d.%03d,800,801,802,803,1\n" % (12 + i // 1000, i % 1000) for i in range(600)]
put("mm-trunc.csv", H + "".join(mm[:300]) + "2021-03-04 10:11:12.300,800,801")
put("mm-bad.csv", H + "".join(mm[:300]) + "2021-03-04 10:1x:12.300,800,801,802,803,1\n")
put("mm-back.csv", H + "".join(mm[:300]) + mm[10] + "".join(mm[301:]))
put("mm-absurd.csv", H + "".join(mm[:300]) + "9999-12-31 23:59:59.000,800,801,802,803,1\n")
C = "time,a,b\n"
put("c-absurd.csv", C + "".join("%g,1,2\n" % (i / 100) for i in range(300)) + "-2e10,1,2\n")
put("c-fast.csv", C + "".join("%.12f,1,2\n" % (i * 1e-9) for i in range(300)))
put("c-still.csv", C + "".join("7,1,2\n" for i in range(300)))
# tensor streams: cut in a frame, a header body longer than the file, a frame size the
# data does not have, times back and absurd, no rate, 1e9 Hz
x = np.arange(600 * 2, dtype=float).reshape(600, 2)
write_stream(T + "/ok.eeg", x, columns=["a", "b"], rate=100, time=np.arange(600) / 100)
ok = open(T + "/ok.eeg", "rb").read()
put("t-cut.eeg", ok[:-7])
hb = header_bytes((2,), columns=["a", "b"], rate=100)
put("t-body.eeg", hb[:12] + struct.pack("<I", 1 << 20) + hb[16:])
put("t-size.eeg", header_bytes((4000,), rate=100) + ok[len(hb):len(hb) + 24 * 10])
put("t-many.eeg", header_bytes((1000000,), rate=100) + ok[len(hb):len(hb) + 24 * 10])
tb = np.arange(600) / 100
tb[400] = 1
write_stream(T + "/t-back.eeg", x, columns=["a", "b"], rate=100, time=tb)
tb = np.arange(600) / 100
tb[500] = 3e10
write_stream(T + "/t-absurd.eeg", x, columns=["a", "b"], rate=100, time=tb)
write_stream(T + "/t-norate.eeg", x, columns=["a", "b"])
write_stream(T + "/t-fast.eeg", x, columns=["a", "b"], rate=1e9)
# WAV: cut, a data chunk longer than the file, garbage after RIFF, rates 0 and 1e9
def wav(rate, n=2000, ch=2, data_len=None):
    d = (np.arange(n * ch) % 200 - 100).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, ch, rate, rate * ch * 2 % (1 << 32), ch * 2, 16)
    dl = len(d) if data_len is None else data_len
    return (b"RIFF" + struct.pack("<I", 36 + len(d)) + b"WAVEfmt " + struct.pack("<I", 16) +
            fmt + b"data" + struct.pack("<I", dl) + d)
w = wav(500)
put("w-cut.wav", w[:3001])
put("w-lies.wav", wav(500, data_len=40000))
put("w-junk.wav", b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk" + bytes(range(256)) * 4)
put("w-zero.wav", wav(0))
put("w-fast.wav", wav(1000000000))
PY
bad() {	# FILE WHERE: exit 1, one line "eeg-fft: .../FILE: WHERE...", whole frames only
	expect_fail 1 "^eeg-fft: [^:]*/$1: $2" eeg-fft --bands default "$T/$1"
	[ ! -s "$T/err.out" ] || py -c 'import sys; sys.path.insert(0, sys.argv[1])
from eegstream import read_stream; read_stream(sys.argv[2])' "$EEG_TOP/tests/ref" "$T/err.out" ||
		fail "$1: the frames written before the error do not read back"
}
bad m-trunc.csv 'line 302: truncated: 3 of 6 columns and no newline at the end$'
bad m-nul.csv 'line 302: column 3 \(AF7\): not a number: "\\x004"$'
bad m-back.csv 'line 402: time 1500000000.391 is before the previous sample.s 1500000001.559 \(timestamps must not decrease\)$'
bad m-absurd.csv 'line 402: time 1000000000000 is absurd \(more than 1e\+10 s from 0\)$'
bad m-fast.csv 'rate: sample rate 1e\+09: absurd \(more than 1e\+06 Hz\)$'
bad m-still.csv 'rate: cannot estimate the sample rate \(median time step 0\); give --rate$'
bad mm-trunc.csv 'line 302: truncated: 3 of 7 columns and no newline at the end$'
bad mm-bad.csv 'line 302: column 1 \(TimeStamp\): not a time \(want YYYY-MM-DD hh:mm:ss.fff\): "2021-03-04 10:1x:12.300"$'
bad mm-back.csv 'line 302: time 1614852672.01 is before the previous sample.s 1614852672.299 \(timestamps must not decrease\)$'
bad mm-absurd.csv 'line 302: time 253402300799 is absurd \(more than 1e\+10 s from 0\)$'
bad c-absurd.csv 'line 302: time -20000000000 is absurd \(more than 1e\+10 s from 0\)$'
bad c-fast.csv 'rate: sample rate 1e\+09: absurd \(more than 1e\+06 Hz\)$'
bad c-still.csv 'rate: cannot estimate the sample rate \(median time step 0\); give --rate$'
bad t-cut.eeg 'frame 599: truncated'
bad t-body.eeg 'header: truncated body \([0-9]+ of 1048576 bytes\)$'
bad t-size.eeg 'frame 0: truncated \(240 of 16016 bytes\)$'
bad t-many.eeg 'header: 1000000 channels \(at most 4096\)$'
bad t-back.eeg 'frame 400: time 1 is before the previous frame.s 3.99 \(times must not decrease\)$'
bad t-absurd.eeg 'frame 500: time 30000000000 is absurd \(more than 1e\+10 s from 0\)$'
bad t-norate.eeg 'header: no sample rate \(rate=\); give --rate$'
bad t-fast.eeg 'header: sample rate 1e\+09: absurd \(more than 1e\+06 Hz\)$'
bad w-cut.wav 'header: truncated: the data chunk has 2957 of 8000 bytes$'
bad w-lies.wav 'header: truncated: the data chunk has 8000 of 40000 bytes$'
bad w-junk.wav 'open: .+'
bad w-zero.wav 'header: sample rate 0: must be > 0$'
bad w-fast.wav 'header: sample rate 1e\+09: absurd \(more than 1e\+06 Hz\)$'
# --rate itself: 0 and 1e9 are usage errors
expect_usage eeg-fft --rate 0 "$T/c-still.csv"
expect_usage eeg-fft --rate 1e9 "$T/c-still.csv"
