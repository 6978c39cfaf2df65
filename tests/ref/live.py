# SPDX-License-Identifier: GPL-3.0-or-later
"""live: check that a filter answers each frame of a live (pipe) input before the input ends.

    python3 live.py INPUT.eeg CMD ARGS...

Feeds INPUT's header and then one frame at a time to CMD's standard input, a pipe kept open,
and after each frame waits (10 s at most) until CMD's output holds that frame; then
closes the input and expects exit 0. Prints "ok N frames" or fails with exit 1.
"""
import os
import select
import subprocess
import sys

import numpy as np

from eegstream import read_stream

src = open(sys.argv[1], "rb").read()
s = read_stream(sys.argv[1])
body = int.from_bytes(src[12:16], "little")
head, frames = src[:16 + body], src[16 + body:]
fb = 16 + 4 * int(np.prod(s.shape))
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out = b""
p.stdin.write(head)
p.stdin.flush()
n = len(frames) // fb
for i in range(n):
    p.stdin.write(frames[i * fb:(i + 1) * fb])
    p.stdin.flush()
    while True:
        try:
            got = read_stream(out)
            if len(got.X) == i + 1:
                break
        except (ValueError, IndexError, UnicodeDecodeError):
            pass
        r, _, _ = select.select([p.stdout], [], [], 10)
        if not r:
            sys.exit("FAIL: no output for frame %d within 10 s of writing it" % i)
        chunk = os.read(p.stdout.fileno(), 1 << 16)
        if not chunk:
            sys.exit("FAIL: output ended early")
        out += chunk
p.stdin.close()
out += p.stdout.read()
assert p.wait() == 0
print("ok %d frames" % n)
