#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft --format raw: headerless interleaved little-endian float32, channels from
# --names and the rate from --rate. The same band powers as the same samples in a CSV;
# live on a pipe written in uneven pieces (windows out before the input ends, equal to the
# file's); --channels picks and orders; a part sample at the end, a NaN and missing options
# are one error line each, the whole windows before them written.
. "$(dirname "$0")/lib.sh"
py - "$T" <<'PY'
import sys
import numpy as np
T = sys.argv[1]
rng = np.random.default_rng(3)
n = 256 * 6
t = np.arange(n) / 256
x = np.stack([20 * np.sin(2 * np.pi * f * t) + rng.normal(0, 5, n) for f in (6, 10, 20, 40, 3)], axis=1)
x = x.astype("<f4")
open(T + "/s.f32", "wb").write(x.tobytes())
with open(T + "/s.csv", "w") as f:
    f.write("TP9,AF7,AF8,TP10,AUX\n")
    for row in x:
        f.write(",".join(repr(float(v)) for v in row) + "\n")
PY
raw() { eeg-fft --format raw --rate 256 --names TP9,AF7,AF8,TP10,AUX --bands default --log "$@"; }
raw "$T/s.f32" | eeg-cat -t >"$T/raw.csv"
eeg-fft --rate 256 --bands default --log "$T/s.csv" | eeg-cat -t >"$T/csv.csv"
[ "$(wc -l <"$T/raw.csv")" = 12 ] || fail "$(wc -l <"$T/raw.csv") lines, want 11 windows and a title"
cmp -s "$T/raw.csv" "$T/csv.csv" || fail "raw and CSV band powers differ"
# live: pieces of 1 to 2000 bytes with pauses, never aligned to a sample
py - "$T/s.f32" "$T/live.csv" <<'PY'
import random, subprocess, sys, threading, time
data, out = open(sys.argv[1], "rb").read(), sys.argv[2]
cmd = "eeg-fft --format raw --rate 256 --names TP9,AF7,AF8,TP10,AUX --bands default --log | eeg-cat -t"
p = subprocess.Popen(["sh", "-c", cmd], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
lines = []
th = threading.Thread(target=lambda: lines.extend(p.stdout))
th.start()
rng, pos, half = random.Random(5), 0, len(data) // 2 + 7
while pos < len(data):
    end = min(len(data), pos + rng.choice((1, 7, 19, 333, 2000)))
    if pos < half <= end:
        end = half
    p.stdin.write(data[pos:end])
    p.stdin.flush()
    pos = end
    if rng.random() < 0.1:
        time.sleep(0.005)
    if pos == half:
        # 20 bytes a sample; windows of 256 samples every 128
        want = ((half // 20) - 256) // 128 + 1
        t0 = time.time()
        while len(lines) < want + 1:
            if time.time() - t0 > 60:
                p.kill()
                sys.exit("FAIL: %d of %d windows out 60 s after half the input" % (len(lines) - 1, want))
            time.sleep(0.02)
p.stdin.close()
th.join()
assert p.wait() == 0
open(out, "wb").writelines(lines)
PY
cmp -s "$T/live.csv" "$T/raw.csv" || fail "live raw differs from the file's"
# --channels: AF8 then TP9, by name
raw --channels AF8,TP9 "$T/s.f32" | eeg-cat -t | head -n 1 | cut -d, -f4,9 >"$T/cols"
[ "$(cat "$T/cols")" = "AF8_delta,TP9_delta" ] || fail "--channels: $(cat "$T/cols")"
# errors: one line each; a part sample at the end is reported after the whole windows
head -c $((20 * 700 + 6)) "$T/s.f32" >"$T/cut.f32"
expect_fail 1 '^eeg-fft: .*cut\.f32: sample 701: truncated: 6 of 20 bytes at the end$' raw "$T/cut.f32"
[ "$(eeg-cat -t "$T/err.out" | wc -l)" = 5 ] || fail "cut: the 4 whole windows before it are not out"
py -c 'import sys, struct; sys.stdout.buffer.write(struct.pack("<5f", 1, 2, 3, 4, 5) * 300 + struct.pack("<5f", 1, 2, float("nan"), 4, 5))' >"$T/nan.f32"
expect_fail 1 '^eeg-fft: .*nan\.f32: sample 301: channel AF8: not a finite number$' raw "$T/nan.f32"
expect_error 1 '^eeg-fft: .*s\.f32: open: raw samples need --names \(one per channel\) and --rate$' \
	eeg-fft --format raw --rate 256 "$T/s.f32"
expect_error 1 '^eeg-fft: .*s\.f32: open: raw samples need --rate$' eeg-fft --format raw --names a,b "$T/s.f32"
expect_error 1 '^eeg-fft: .*s\.f32: --names: name 2 is empty$' eeg-fft --format raw --rate 256 --names a,,c "$T/s.f32"
