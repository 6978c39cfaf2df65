# SPDX-License-Identifier: GPL-3.0-or-later
"""eegstream: read and write eegpipe tensor streams from Python tests (NumPy only).

An independent implementation of the format in lib/tensor.h and eeg-tensor(5), for test
inputs and for checking tool outputs:

    import sys; sys.path.insert(0, REF)        # REF = "$EEG_TOP/tests/ref"
    from eegstream import read_stream, write_stream, emotions_columns

    write_stream(path, X, columns=[...], classes=[...], groups=[...],
                 labels=l, group=g, time=t, shape=(1500,), window=1.0, hop=0.5,
                 meta=[("layout", "bird2018")])
        X: (n, size) array-like, written as little-endian f32. labels/group: ints (index
        into classes/groups, -1 = none), default -1. time: floats (NaN = none), default NaN.
        shape defaults to (size,). path may be "-" (stdout) or a file object.
    s = read_stream(path)                      # path, "-" or bytes
        s.X (n, size) float32, s.labels, s.group (int32, -1 = none, indices into the
        merged tables), s.time (float64), s.shape, s.columns, s.classes, s.groups,
        s.rate, s.window, s.hop, s.meta (list of (key, value)), s.nparts.
        Concatenated streams (a header again at a frame boundary) are merged as the C
        reader does: class and group names are appended to one table.
        Raises ValueError on a bad or truncated stream.
    emotions_columns(): the 2548 column names of Bird's emotions.csv, in order, as
        eeg-csv gives them (the leading "# " stripped).
"""
import struct
import sys

import numpy as np

MAGIC = b"\x89EEG\r\n\x1a\n"


class Stream:
    pass


def _open_out(path):
    if hasattr(path, "write"):
        return path, False
    if path == "-":
        return sys.stdout.buffer, False
    return open(path, "wb"), True


def header_bytes(shape, columns=(), classes=(), groups=(), rate=0, window=0, hop=0, meta=()):
    lines = ["dtype=f32", "shape=" + "x".join(str(int(d)) for d in shape)]
    if rate:
        lines.append("rate=%.17g" % rate)
    if window:
        lines.append("window=%.17g" % window)
    if hop:
        lines.append("hop=%.17g" % hop)
    lines += ["class=" + c for c in classes]
    lines += ["group=" + g for g in groups]
    lines += ["%s=%s" % kv for kv in meta]
    lines += ["column=" + c for c in columns]
    body = ("\n".join(lines) + "\n").encode()
    return MAGIC + struct.pack("<HHI", 1, 0, len(body)) + body


def frames_bytes(X, labels=None, group=None, time=None):
    X = np.asarray(X, dtype="<f4")
    n = X.shape[0]
    X = X.reshape(n, int(np.prod(X.shape[1:])))
    rec = np.zeros(n, dtype=[("l", "<i4"), ("g", "<i4"), ("t", "<f8"), ("x", "<f4", (X.shape[1],))])
    rec["l"] = -1 if labels is None else labels
    rec["g"] = -1 if group is None else group
    rec["t"] = np.nan if time is None else time
    rec["x"] = X
    return rec.tobytes()


def write_stream(path, X, columns=(), classes=(), groups=(), labels=None, group=None,
                 time=None, shape=None, rate=0, window=0, hop=0, meta=()):
    X = np.asarray(X, dtype=np.float32)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    X = X.reshape(X.shape[0], int(np.prod(X.shape[1:])))
    if shape is None:
        shape = (X.shape[1],)
    fp, close = _open_out(path)
    fp.write(header_bytes(shape, columns, classes, groups, rate, window, hop, meta))
    fp.write(frames_bytes(X, labels, group, time))
    if close:
        fp.close()
    else:
        fp.flush()


def _parse_header(buf, off):
    if buf[off:off + 8] != MAGIC:
        raise ValueError("bad magic at byte %d" % off)
    if len(buf) < off + 16:
        raise ValueError("truncated header")
    ver, flags, n = struct.unpack("<HHI", buf[off + 8:off + 16])
    if ver != 1 or flags != 0:
        raise ValueError("version %d flags %d" % (ver, flags))
    body = buf[off + 16:off + 16 + n]
    if len(body) < n:
        raise ValueError("truncated header body")
    h = {"shape": None, "columns": [], "classes": [], "groups": [], "rate": 0.0,
         "window": 0.0, "hop": 0.0, "meta": []}
    for line in body.decode().split("\n")[:-1]:
        k, v = line.split("=", 1)
        if k == "shape":
            h["shape"] = tuple(int(d) for d in v.split("x"))
        elif k == "dtype":
            if v != "f32":
                raise ValueError("dtype " + v)
        elif k in ("column", "class", "group"):
            h[{"column": "columns", "class": "classes", "group": "groups"}[k]].append(v)
        elif k in ("rate", "window", "hop"):
            h[k] = float(v)
        else:
            h["meta"].append((k, v))
    return h, off + 16 + n


def read_stream(path):
    if isinstance(path, (bytes, bytearray)):
        buf = bytes(path)
    elif path == "-":
        buf = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fp:
            buf = fp.read()
    h, off = _parse_header(buf, 0)
    size = int(np.prod(h["shape"]))
    fb = 16 + 4 * size
    s = Stream()
    s.shape, s.columns, s.rate, s.window, s.hop = h["shape"], h["columns"], h["rate"], h["window"], h["hop"]
    s.classes, s.groups, s.meta, s.nparts = list(h["classes"]), list(h["groups"]), list(h["meta"]), 1
    cmap = list(range(len(s.classes)))
    gmap = list(range(len(s.groups)))
    labels, group, time, xs = [], [], [], []
    dt = np.dtype([("l", "<i4"), ("g", "<i4"), ("t", "<f8"), ("x", "<f4", (size,))])
    while off < len(buf):
        if buf[off:off + 4] == MAGIC[:4]:
            h2, off = _parse_header(buf, off)
            if h2["shape"] != s.shape or h2["columns"] != s.columns:
                raise ValueError("incompatible header in part %d" % (s.nparts + 1))
            cmap = [s.classes.index(c) if c in s.classes else (s.classes.append(c) or len(s.classes) - 1)
                    for c in h2["classes"]]
            gmap = [s.groups.index(g) if g in s.groups else (s.groups.append(g) or len(s.groups) - 1)
                    for g in h2["groups"]]
            s.nparts += 1
            continue
        # frames up to the next header (or the end)
        end = off
        while end < len(buf) and buf[end:end + 4] != MAGIC[:4]:
            end += fb
        if end > len(buf):
            raise ValueError("truncated frame")
        rec = np.frombuffer(buf[off:end], dtype=dt)
        cm = np.array(cmap + [-1], dtype=np.int64)
        gm = np.array(gmap + [-1], dtype=np.int64)
        labels.append(np.where(rec["l"] < 0, -1, cm[np.clip(rec["l"], -1, len(cmap) - 1)]))
        group.append(np.where(rec["g"] < 0, -1, gm[np.clip(rec["g"], -1, len(gmap) - 1)]))
        time.append(rec["t"])
        xs.append(rec["x"].reshape(-1, size))
        off = end
    s.labels = np.concatenate(labels).astype(np.int32) if labels else np.zeros(0, np.int32)
    s.group = np.concatenate(group).astype(np.int32) if group else np.zeros(0, np.int32)
    s.time = np.concatenate(time) if time else np.zeros(0)
    s.X = np.concatenate(xs) if xs else np.zeros((0, size), np.float32)
    return s


def emotions_columns():
    fams = [("mean_%d", 5), ("mean_d_%d", 5), ("mean_d_%d", 50), ("stddev_%d", 5),
            ("stddev_d_%d", 5), ("moments_%d", 20), ("max_%d", 5), ("max_d_%d", 5),
            ("max_q_%d", 50), ("min_%d", 5), ("min_d_%d", 5), ("min_q_%d", 50),
            ("covmat_%d", 144), ("eigen_%d", 12), ("logm_%d", 78), ("entropy%d", 5),
            ("correlate_%d", 75), ("fft_%d", 750)]
    one = [f % i for f, n in fams for i in range(n)]
    assert len(one) == 1274
    return [c + "_a" for c in one] + [c + "_b" for c in one]
