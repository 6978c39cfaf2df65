#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Signals on a live pipeline (eeg-synth --realtime | tee | eeg-fft | eeg-scale --apply |
# eeg-predict | eeg-cat -t): SIGINT to the source ends the pipeline cleanly (the source
# writes its complete frames and dies by SIGINT, every other process exits 0, the output is
# the file pipeline's on what the source wrote); SIGINT to every process (Ctrl-C) leaves
# whole lines only; SIGTERM to eeg-predict: it writes what it has, dies by SIGTERM, the
# processes before it end by SIGPIPE; all without a message. A half frame at the end of a
# stream is reported and never passed on.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
py - "$D" <<'PY'
import signal, subprocess, sys, time
D = sys.argv[1]
cmds = [["eeg-synth", "--realtime", "-n", "60", "--subjects", "1", "--sessions", "1",
         "--states", "relaxed", "--format", "tensor"],
        ["tee", D + "/raw.eeg"],
        ["eeg-fft", "--bands", "default", "--log"],
        ["eeg-scale", "--apply", D + "/z.par"],
        ["eeg-predict", "--threads", "1", D + "/m"],
        ["eeg-cat", "-t"]]

def start(raw):
    procs, prev = [], None
    cmds[1][1] = D + "/" + raw
    for c in cmds:
        p = subprocess.Popen(c, stdin=prev, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if prev is not None:
            prev.close()
        prev = p.stdout
        procs.append(p)
    lines = [prev.readline() for _ in range(3)]   # title and two predictions
    assert lines[2].count(b",") == 5, lines
    return procs, lines

def finish(procs, lines, want):
    lines += procs[-1].stdout.readlines()
    for c, p, w in zip(cmds, procs, want):
        try:
            st = p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            sys.exit("FAIL: %s still runs 30 s after the signal" % c[0])
        err = p.stderr.read()
        if st not in w or err:
            sys.exit("FAIL: %s: status %s (want %s), stderr %r" % (c[0], st, w, err))
    assert all(l.endswith(b"\n") and l.count(b",") == 5 for l in lines), lines[-1]
    return lines

# SIGINT to the source only
procs, lines = start("raw.eeg")
time.sleep(0.3)
procs[0].send_signal(signal.SIGINT)
lines = finish(procs, lines, [(-signal.SIGINT,), (0,), (0,), (0,), (0,), (0,)])
open(D + "/live.csv", "wb").writelines(lines)
print("SIGINT to the source: %d predictions, every other process exit 0" % (len(lines) - 1))

# SIGINT to every process, as Ctrl-C in a shell does
procs, lines = start("raw2.eeg")
time.sleep(0.3)
for p in procs:
    p.send_signal(signal.SIGINT)
finish(procs, lines, [(-signal.SIGINT, 0)] * len(procs))
print("SIGINT to all: whole lines only")

# SIGTERM to eeg-predict
procs, lines = start("raw3.eeg")
procs[4].send_signal(signal.SIGTERM)
finish(procs, lines, [(-signal.SIGPIPE,)] * 4 + [(-signal.SIGTERM,), (0,)])
print("SIGTERM to eeg-predict: it ends by SIGTERM, its upstream by SIGPIPE, eeg-cat exit 0")
PY
# what the source wrote before SIGINT is whole frames, and the live predictions are those
# of the same samples read from the file
eeg-cat "$T/raw.eeg" >/dev/null || fail "the source left a half frame"
eeg-fft --bands default --log "$T/raw.eeg" | eeg-scale --apply "$D/z.par" |
	eeg-predict --threads 1 "$D/m" | eeg-cat -t >"$T/file.csv"
[ "$(wc -l <"$T/file.csv")" -ge 3 ] || fail "file: $(wc -l <"$T/file.csv") lines"
paste -d, "$T/file.csv" "$T/live.csv" | awk -F, 'NR == 1 { next }
	{ if ($1 != $7 || $2 != $8 || $3 != $9) { print "frame", NR, $0; exit 1 }
	  for (i = 4; i <= 6; i++) { d = $i - $(i + 6); if (d < 0) d = -d
		if (d > 1e-6) { print "p", NR, $i, $(i + 6); exit 1 } } }' || fail "live and file differ"
[ "$(wc -l <"$T/file.csv")" = "$(wc -l <"$T/live.csv")" ] ||
	fail "$(wc -l <"$T/live.csv") live lines, $(wc -l <"$T/file.csv") from the file"
# a half frame at the end of a live stream: the whole frames go through while the input is
# open, the half one is reported (one line, exit 1) and not passed on
py - "$T" <<'PY'
import subprocess, sys
sys.path.insert(0, __import__("os").environ["EEG_TOP"] + "/tests/ref")
from eegstream import header_bytes
import struct
T = sys.argv[1]
head = header_bytes((3,), columns=["a", "b", "c"], rate=256)
frame = lambda i: struct.pack("<iid3f", -1, -1, i / 256, i, 2 * i, 3 * i)
p = subprocess.Popen(["eeg-cat", "-t"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
p.stdin.write(head + frame(0) + frame(1))
p.stdin.flush()
got = [p.stdout.readline() for _ in range(3)]
assert got[2] == b",,0.00390625,1,2,3\n", got
p.stdin.write(frame(2)[:20])
p.stdin.close()
rest, err = p.stdout.read(), p.stderr.read()
assert p.wait() == 1 and rest == b"", (p.returncode, rest)
assert err == b"eeg-cat: stdin: frame 2: truncated (20 of 28 bytes)\n", err
print("half frame: reported, not passed on")
PY
