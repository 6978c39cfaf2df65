#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A muse-lsl CSV stream written in small uneven pieces with pauses into eeg-fft | eeg-select
# | eeg-scale --apply | eeg-predict | eeg-cat | eeg-cat -t: every window completed by the
# first half of the input has its prediction out while the input is still open, and the
# whole output equals the same pipeline's on the file.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T; export D
live_model "$D"
in=$D/raw/subjecta-relaxed-1.csv
sh -c "$LIVE_PIPE" <"$in" >"$T/file.csv"
[ "$(wc -l <"$T/file.csv")" = 40 ] || fail "file: $(wc -l <"$T/file.csv") lines, want 39 windows and a title"
py - "$in" "$LIVE_PIPE" "$T/live.csv" <<'PY'
import os, random, subprocess, sys, threading, time
path, pipe, out = sys.argv[1:]
data = open(path, "rb").read()
rng = random.Random(7)
cuts, pos = [], 0
while pos < len(data):
    pos = min(len(data), pos + rng.choice((1, 3, 17, 100, 333, 1000, 2500)))
    cuts.append(pos)
p = subprocess.Popen(["sh", "-c", pipe], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
lines = []
def reader():
    for l in p.stdout:
        lines.append(l)
th = threading.Thread(target=reader)
th.start()
half = cuts[len(cuts) // 2]
prev = 0
for c in cuts:
    p.stdin.write(data[prev:c])
    p.stdin.flush()
    prev = c
    if rng.random() < 0.2:
        time.sleep(rng.random() * 0.01)
    if c == half:
        # windows of 256 rows every 128 complete in the rows written so far
        rows = data[:half].count(b"\n") - 1
        want = (rows - 256) // 128 + 1
        t0 = time.time()
        while len(lines) < want + 1:
            if time.time() - t0 > 60:
                p.kill()
                sys.exit("FAIL: %d of %d predictions out 60 s after half the input" %
                         (len(lines) - 1, want))
            time.sleep(0.02)
        print("before the end of input: %d predictions (windows complete: %d)" % (len(lines) - 1, want))
p.stdin.close()
th.join()
assert p.wait() == 0, p.returncode
open(out, "wb").writelines(lines)
PY
# the same frames: label, group, time exactly, probabilities within 1e-6 (batched vs one
# by one), no line lost, doubled or reordered
[ "$(wc -l <"$T/live.csv")" = 40 ] || fail "live: $(wc -l <"$T/live.csv") lines"
paste -d, "$T/file.csv" "$T/live.csv" | awk -F, 'NR == 1 { next }
	{ if ($1 != $7 || $2 != $8 || $3 != $9) { print "frame", NR, $0; exit 1 }
	  for (i = 4; i <= 6; i++) { d = $i - $(i + 6); if (d < 0) d = -d
		if (d > 1e-6) { print "p", NR, $i, $(i + 6); exit 1 } } }' || fail "live and file differ"
[ "$(head -n 1 "$T/live.csv")" = "$(head -n 1 "$T/file.csv")" ] || fail "title"
