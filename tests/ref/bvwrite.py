# SPDX-License-Identifier: GPL-3.0-or-later
"""bvwrite: write a BrainVision recording (.vhdr header, .vmrk markers, .eeg data) to the
Brain Products "BrainVision Core Data Format 1.0" specification, NumPy only, for test
inputs (shares no code with the readers under test).

    import sys; sys.path.insert(0, REF)        # REF = "$EEG_TOP/tests/ref"
    from bvwrite import write_brainvision

    vals = write_brainvision(base, data, rate, names, resolution=0.1, unit="uV",
                             binary="INT_16", markers=[("Stimulus", "S  1", 512, 1)],
                             start="20240102030405123456")
    data: (nch, n) physical values. Writes base.vhdr, base.vmrk, base.eeg (multiplexed,
    little-endian). binary: "INT_16" (values stored as round(x / resolution)) or
    "IEEE_FLOAT_32" (resolution 1 unless given). markers: (type, description, position
    in samples counted from 1 as in the format, length in samples). start: the New
    Segment marker's date (YYYYMMDDhhmmssuuuuuu), None for none. Returns the values a
    reader must give, (nch, n): what the .eeg stores times the resolution.
"""
import os

import numpy as np


def write_brainvision(base, data, rate, names, resolution=0.1, unit="uV", binary="INT_16",
                      markers=(), start="20240102030405123456"):
    data = np.asarray(data, dtype=float)
    nch, n = data.shape
    stem = os.path.basename(base)
    res = [resolution] * nch if np.isscalar(resolution) else list(resolution)
    if binary == "INT_16":
        q = np.round(data / np.array(res)[:, None])
        if q.min() < -32768 or q.max() > 32767:
            raise ValueError("values do not fit INT_16 at this resolution")
        raw = q.T.astype("<i2")
        vals = q * np.array(res)[:, None]
    elif binary == "IEEE_FLOAT_32":
        raw = (data / np.array(res)[:, None]).T.astype("<f4")
        vals = raw.T.astype(float) * np.array(res)[:, None]
    else:
        raise ValueError(binary)
    with open(base + ".eeg", "wb") as f:
        f.write(raw.tobytes())
    lines = ["Brain Vision Data Exchange Header File Version 1.0",
             "; Data created by tests/ref/bvwrite.py", "",
             "[Common Infos]", "Codepage=UTF-8",
             "DataFile=%s.eeg" % stem, "MarkerFile=%s.vmrk" % stem,
             "DataFormat=BINARY", "DataOrientation=MULTIPLEXED",
             "NumberOfChannels=%d" % nch,
             "; Sampling interval in microseconds",
             "SamplingInterval=%.10g" % (1e6 / rate), "",
             "[Binary Infos]", "BinaryFormat=%s" % binary, "",
             "[Channel Infos]",
             "; Each entry: Ch<Channel number>=<Name>,<Reference channel name>,",
             "; <Resolution in \"Unit\">,<Unit>"]
    for k, name in enumerate(names):
        lines.append("Ch%d=%s,,%.10g,%s" % (k + 1, name, res[k], unit))
    with open(base + ".vhdr", "w", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")
    mk = ["Brain Vision Data Exchange Marker File, Version 1.0", "",
          "[Common Infos]", "Codepage=UTF-8", "DataFile=%s.eeg" % stem, "",
          "[Marker Infos]",
          "; Each entry: Mk<Marker number>=<Type>,<Description>,<Position in data points>,",
          "; <Size in data points>, <Channel number (0 = marker is related to all channels)>"]
    i = 1
    if start is not None:
        mk.append("Mk1=New Segment,,1,1,0,%s" % start)
        i = 2
    for typ, desc, pos, size in markers:
        mk.append("Mk%d=%s,%s,%d,%d,0" % (i, typ, desc, pos, size))
        i += 1
    with open(base + ".vmrk", "w", newline="\r\n") as f:
        f.write("\n".join(mk) + "\n")
    return vals
