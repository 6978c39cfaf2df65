#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a synthetic labelled sequence task as an eegpipe tensor stream on stdout.

Usage: seqtask.py TASK N SEED [T F] [--prefix P] [--nolabel] [--classes a,b,c]

TASK
  memory   the class (3) is the sign-bucket of x[0,0] (-1.5, 0, +1.5, noise 0.1); every
           later value is N(0,1) noise, so a model must carry step 0 to the last state
  middle   the class (2) is the sign of x[T/2,0] (+-1.5, noise 0.1), noise elsewhere:
           solvable by --sequences (Flatten sees every step)
Frames have shape TxF (default 20x2), columns "<P><j>" (P = "c"), groups "s0".."s3",
time 0.5 s apart. The format is eeg-tensor(5): 16-byte header, "key=value" body, then
frames of i32 label, i32 group, f64 time, f32 values, all little-endian.
"""
import struct
import sys

import numpy as np


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = sys.argv[1:]
    prefix = "c"
    if "--prefix" in opts:
        prefix = opts[opts.index("--prefix") + 1]
        args.remove(prefix)
    task, n, seed = args[0], int(args[1]), int(args[2])
    T, F = (int(args[3]), int(args[4])) if len(args) >= 5 else (20, 2)
    nolabel = "--nolabel" in opts
    rng = np.random.RandomState(seed)
    if task == "memory":
        classes, step, levels = ["low", "mid", "high"], 0, [-1.5, 0.0, 1.5]
    elif task == "middle":
        classes, step, levels = ["neg", "pos"], T // 2, [-1.5, 1.5]
    else:
        sys.exit("seqtask.py: unknown task " + task)
    if "--classes" in opts:
        classes = opts[opts.index("--classes") + 1].split(",")
    body = "dtype=f32\nshape=%dx%d\n" % (T, F)
    body += "".join("class=%s\n" % c for c in classes)
    body += "".join("group=s%d\n" % g for g in range(4))
    body += "".join("column=%s%d\n" % (prefix, j) for j in range(F))
    body = body.encode()
    out = sys.stdout.buffer
    out.write(b"\x89EEG\r\n\x1a\n" + struct.pack("<HHI", 1, 0, len(body)) + body)
    for i in range(n):
        y = rng.randint(len(levels))
        x = rng.standard_normal((T, F))
        x[step, 0] = levels[y] + 0.1 * rng.standard_normal()
        y = min(y, len(classes) - 1)
        out.write(struct.pack("<iid", -1 if nolabel else y, i % 4, 0.5 * i))
        out.write(x.astype("<f4").tobytes())


main()
