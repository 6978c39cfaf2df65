# SPDX-License-Identifier: GPL-3.0-or-later
"""bci2000write: write a BCI2000 data file (.dat, format version 1.1: a text header of
state and parameter lines, then per sample the channels' int16 values and the state
vector) to BCI2000's file format specification, NumPy only, for test inputs.

    import sys; sys.path.insert(0, REF)        # REF = "$EEG_TOP/tests/ref"
    from bci2000write import write_bci2000

    vals = write_bci2000(path, data, rate, names, gain=0.1, target=codes)
    data: (nch, n) physical values (uV); stored as round(x / gain) in int16.
    target: (n) TargetCode state per sample (0..255), or None. Returns the values a reader
    must give, (nch, n).
"""
import numpy as np


def write_bci2000(path, data, rate, names, gain=0.1, target=None):
    data = np.asarray(data, dtype=float)
    nch, n = data.shape
    q = np.round(data / gain)
    assert q.min() >= -32768 and q.max() <= 32767
    target = np.zeros(n, dtype=np.uint8) if target is None else np.asarray(target, np.uint8)
    states = ["Running 1 0 0 0", "TargetCode 8 0 1 0", "ResultCode 8 0 2 0",
              "Feedback 1 0 3 0"]
    svlen = 4
    params = [
        "Source:Signal%%20Properties:DataIOFilter int SourceCh= %d 16 1 %% // channels" % nch,
        "Source:Signal%%20Properties:DataIOFilter int SamplingRate= %d 256Hz 1 %% // Hz" % rate,
        "Source:Signal%%20Properties:DataIOFilter floatlist SourceChGain= %d %s 0.003 %% %% "
        "// uV per unit" % (nch, " ".join("%.10g" % gain for _ in range(nch))),
        "Source:Signal%%20Properties:DataIOFilter floatlist SourceChOffset= %d %s 0 %% %% "
        "// offsets" % (nch, " ".join("0" for _ in range(nch))),
        "Source:Signal%%20Properties:DataIOFilter list ChannelNames= %d %s // names" % (
            nch, " ".join(names)),
        "Source:Signal%20Properties:DataIOFilter int SourceMin= -32768 -33000 % % // min",
        "Source:Signal%20Properties:DataIOFilter int SourceMax= 32767 33000 % % // max",
    ]
    body = "[ State Vector Definition ] \r\n" + "".join(s + "\r\n" for s in states)
    body += "[ Parameter Definition ] \r\n" + "".join(p + "\r\n" for p in params) + "\r\n"
    # the first line gives the header's length, which includes the first line itself
    for width in range(1, 12):
        first = ("BCI2000V= 1.1 HeaderLen= %*d SourceCh= %d StatevectorLen= %d "
                 "DataFormat= int16\r\n") % (width, 0, nch, svlen)
        total = len(first) + len(body)
        if len(str(total)) <= width:
            first = first.replace(" %*d" % (width, 0), " %*d" % (width, total), 1)
            break
    head = (first + body).encode()
    assert len(head) == total
    rec = np.zeros((n, nch * 2 + svlen), dtype=np.uint8)
    rec[:, :nch * 2] = np.ascontiguousarray(q.T.astype("<i2")).view(np.uint8).reshape(n, nch * 2)
    rec[:, nch * 2] = 1                      # Running
    rec[:, nch * 2 + 1] = target             # TargetCode: byte 1, bit 0
    with open(path, "wb") as f:
        f.write(head + rec.tobytes())
    return q * gain
