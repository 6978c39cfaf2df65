#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-predict carries label, group and time over, gives probabilities that sum to 1, the
# same from a file (batched) as from a pipe (frame by frame), and on a pipe writes each
# prediction as soon as its frame has arrived.
. "$(dirname "$0")/lib.sh"
gen=$EEG_TOP/tests/ref/seqtask.py
py "$gen" memory 300 1 >"$T/train.eeg"
py "$gen" memory 300 2 >"$T/test.eeg"
eeg-train --model lstm --units 6 --layers 2 --epochs 2 -o "$T/m" "$T/train.eeg" 2>/dev/null
eeg-predict "$T/m" "$T/test.eeg" >"$T/file.eeg"
cat "$T/test.eeg" | eeg-predict "$T/m" >"$T/pipe.eeg"
eeg-cat -t "$T/test.eeg" | cut -d, -f1-3 >"$T/in.csv"
eeg-cat -t "$T/file.eeg" >"$T/file.csv"
eeg-cat -t "$T/pipe.eeg" >"$T/pipe.csv"
[ "$(head -n 1 "$T/file.csv")" = "label,group,time,p_low,p_mid,p_high" ] ||
	fail "columns: $(head -n 1 "$T/file.csv")"
cut -d, -f1-3 "$T/file.csv" | cmp -s - "$T/in.csv" || fail "label/group/time not carried over"
paste -d, "$T/file.csv" "$T/pipe.csv" | awk -F, 'NR > 1 {
	s = $4 + $5 + $6; if (s < 0.99999 || s > 1.00001) { print "sum", NR, s; exit 1 }
	for (i = 4; i <= 6; i++) { d = $i - $(i + 6); if (d < 0) d = -d
		if (d > 1e-6) { print "file/pipe", NR, $i, $(i + 6); exit 1 } } }' ||
	fail "probabilities"
[ "$(wc -l <"$T/file.csv")" = 301 ] || fail "want 300 frames"
# streaming: one frame in, one prediction out while the input is still open
py - "$T/m" "$T/test.eeg" <<'PYEOF'
import select, struct, subprocess, sys
model, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
n = struct.unpack_from("<I", data, 12)[0]
head, frame = data[:16 + n], 16 + 4 * 40
p = subprocess.Popen(["eeg-predict", model], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(head + data[16 + n:16 + n + 2 * frame])
p.stdin.flush()
out = b""
while True:
    r, _, _ = select.select([p.stdout], [], [], 30)
    if not r:
        sys.exit("no prediction within 30 s while the input stays open")
    chunk = p.stdout.read1(65536)
    if not chunk:
        sys.exit("eeg-predict ended early")
    out += chunk
    if len(out) >= 16:
        hn = struct.unpack_from("<I", out, 12)[0]
        if len(out) >= 16 + hn + 2 * (16 + 12):
            break
p.stdin.close()
rest = p.stdout.read()
if p.wait() != 0 or rest:
    sys.exit("unexpected exit or extra output")
print("streaming: 2 predictions out before end of input")
PYEOF
