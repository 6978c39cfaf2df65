#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A tensor stream written in uneven byte pieces (cutting its header and frames anywhere)
# with pauses into eeg-select | eeg-scale --apply | eeg-predict | eeg-cat -t: predictions
# out while the input is open, equal to the file's. eeg-metrics on a live stream ends at
# SIGINT with the scores of the frames so far.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
cmd="eeg-select | eeg-scale --apply $D/z.par | eeg-predict --threads 1 $D/m | eeg-cat -t"
sh -c "$cmd" <"$D/bands.eeg" >"$T/file.csv"
n=$(($(wc -l <"$T/file.csv") - 1))
[ "$n" = 234 ] || fail "file: $n predictions"
py - "$D/bands.eeg" "$cmd" "$T/live.csv" <<'PY'
import random, subprocess, sys, threading, time
data, cmd, out = open(sys.argv[1], "rb").read(), sys.argv[2], sys.argv[3]
p = subprocess.Popen(["sh", "-c", cmd], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
lines = []
th = threading.Thread(target=lambda: lines.extend(p.stdout))
th.start()
rng, pos, half = random.Random(11), 0, len(data) // 2
while pos < len(data):
    end = min(len(data), pos + rng.choice((1, 2, 5, 13, 77, 500, 3000)))
    if pos < half <= end:
        end = half
    p.stdin.write(data[pos:end])
    p.stdin.flush()
    pos = end
    if rng.random() < 0.05:
        time.sleep(0.005)
    if pos == half:
        t0 = time.time()
        while len(lines) < 50:   # well under the frames whole in the first half
            if time.time() - t0 > 60:
                p.kill()
                sys.exit("FAIL: %d predictions out 60 s after half the input" % (len(lines) - 1))
            time.sleep(0.02)
p.stdin.close()
th.join()
assert p.wait() == 0
open(out, "wb").writelines(lines)
PY
paste -d, "$T/file.csv" "$T/live.csv" | awk -F, 'NR == 1 { next }
	{ if ($1 != $7 || $2 != $8 || $3 != $9) { print "frame", NR, $0; exit 1 }
	  for (i = 4; i <= 6; i++) { d = $i - $(i + 6); if (d < 0) d = -d
		if (d > 1e-6) { print "p", NR, $i, $(i + 6); exit 1 } } }' || fail "live and file differ"
[ "$(wc -l <"$T/live.csv")" = "$(wc -l <"$T/file.csv")" ] || fail "live: $(wc -l <"$T/live.csv") lines"
# eeg-metrics: 30 labelled predictions (of the first recording: one header) into a pipe
# kept open, then SIGINT: the scores of those 30 on stdout, its end by SIGINT, no message
eeg-scale --apply "$D/z.par" "$D/bands.eeg" | eeg-predict --threads 1 "$D/m" >"$T/p.eeg"
py - "$T/p.eeg" <<'PY'
import signal, struct, subprocess, sys, time
data = open(sys.argv[1], "rb").read()
n = struct.unpack_from("<I", data, 12)[0]
head, fb = data[:16 + n], 16 + 4 * 3
p = subprocess.Popen(["eeg-metrics"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
p.stdin.write(head + data[16 + n:16 + n + 30 * fb])
p.stdin.flush()
# wait until it has read them all and waits for more: the pipe empty, the process asleep
import fcntl, termios, array
t0 = time.time()
while True:
    left = array.array("i", [0])
    fcntl.ioctl(p.stdin.fileno(), termios.FIONREAD, left)
    state = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()[0]
    if left[0] == 0 and state == "S":
        break
    assert time.time() - t0 < 30 and p.poll() is None, "eeg-metrics did not wait for input"
    time.sleep(0.05)
time.sleep(0.1)
p.send_signal(signal.SIGINT)
out, err = p.communicate(timeout=30)
assert p.returncode == -signal.SIGINT and err == b"", (p.returncode, err)
assert out.startswith(b"frames     30\n"), out[:60]
print("eeg-metrics at SIGINT: the scores of the 30 frames so far")
PY
