# SPDX-License-Identifier: GPL-3.0-or-later
"""Write an EGI simple binary file (NetStation's "simple binary", unsegmented: version 2
int16, 4 float32, 6 float64) to the format's description: a big-endian header (version,
year, month, day, hour, minute, second, millisecond, rate, channels, gain, bits, range,
samples, event codes and their 4-character names), then per sample the channels' values
and one value per event code (non-zero while the event is on). MNE-Python reads it
(mne.io.read_raw_egi) as libbiosig does.

    write_egi(path, x, rate, ...) -> the physical values (uV) a reader must give

x: (channels, samples), digital values. With bits and range both non-zero a value is
digital * range / 2**bits uV, else the value itself. events: (code, first sample,
samples) triples.
"""
import struct

import numpy as np


def write_egi(path, x, rate, version=2, bits=0, value_range=0, codes=(), events=(),
              start=(2009, 8, 12, 16, 15, 0, 0)):
    x = np.asarray(x, dtype=np.float64)
    ns, n = x.shape
    h = struct.pack(">i6hi5h", version, *start[:6], start[6], rate, ns, 1, bits, value_range)
    h += struct.pack(">ih", n, len(codes)) + b"".join(c.encode().ljust(4)[:4] for c in codes)
    ev = np.zeros((len(codes), n))
    for code, first, count in events:
        ev[codes.index(code), first:first + count] = 1
    dt = {2: ">i2", 4: ">f4", 6: ">f8"}[version]
    with open(path, "wb") as f:
        f.write(h + np.vstack([x, ev]).T.astype(dt).tobytes())
    cal = value_range / 2.0 ** bits if bits and value_range else 1.0
    return x.astype(dt).astype(np.float64) * cal
