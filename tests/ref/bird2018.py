#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent NumPy/SciPy reference of the bird2018 (emotions.csv) feature layout.

Written from the rules in the muse-mental-state README (not from eeg-fft's C):

  windows   1 s every 0.5 s from the first timestamp t0: window k is [s, e) with
            s = t0 + 0.5k, e = s + 1; A is the first row with t >= s, B the first with
            t >= e; windowing stops when there is no B, when A = B, or when
            t[B] - t[A] < 0.9; otherwise window k is rows A .. B-1, however few.
  resample  scipy.signal.resample(rows, 150, axis=0), all 5 channels.
  features  1274 per window (mean ... fft, see FAMILIES), rows pair windows r and r+1.

Usage: bird2018.py STREAM CSV...
  STREAM is eeg-fft --profile bird2018's output for the CSV files (one header per file
  naming it in its "source" line). Checks, per file, the row count and every fft value
  within 1e-4 of the largest |fft| of its window; also compares the other families and
  prints the largest error of each. Exit 0 when everything checked agrees, 1 otherwise.
"""
import os
import struct
import sys

import numpy as np
import scipy.signal

MAGIC = b"\x89EEG\r\n\x1a\n"
M, NCH = 150, 5
FAMILIES = [("mean", 5), ("mean_d", 5), ("mean_q", 50), ("stddev", 5), ("stddev_d", 5),
            ("moments", 20), ("max", 5), ("max_d", 5), ("max_q", 50), ("min", 5),
            ("min_d", 5), ("min_q", 50), ("covmat", 144), ("eigen", 12), ("logm", 78),
            ("entropy", 5), ("correlate", 75), ("fft", 750)]
NFEAT = sum(n for _, n in FAMILIES)
# families whose definition is fixed by the README or by an unambiguous reading of it;
# eigen is compared sorted; logm depends on a rounding-noise eigenvalue: reported only
STRICT = {"mean", "mean_d", "mean_q", "stddev", "stddev_d", "moments", "max", "max_d",
          "max_q", "min", "min_d", "min_q", "covmat", "eigen", "entropy", "correlate", "fft"}


def windows(t):
    """(A, B) of every window by the README's rules: rows A .. B-1."""
    t0, k, out = t[0], 0, []
    while True:
        s = t0 + 0.5 * k
        e = s + 1.0
        a = np.searchsorted(t, s, side="left")     # first row with t >= s
        b = np.searchsorted(t, e, side="left")     # first row with t >= e
        if b == len(t) or a == b or t[b] - t[a] < 0.9:
            break
        out.append((a, b))
        k += 1
    return out


def quarter_family(x, stat):
    """whole, second half minus first half, four quarters and their 6 differences.
    x is (windows, 150, 5); stat reduces axis 1."""
    whole = stat(x)
    d = stat(x[:, 75:]) - stat(x[:, :75])
    q = [stat(x[:, a:b]) for a, b in ((0, 37), (37, 75), (75, 112), (112, 150))]
    diffs = [q[a] - q[b] for a in range(4) for b in range(a + 1, 4)]
    return whole, d, np.concatenate(q + diffs, axis=1)


def features(x):
    """The 1274 values of each resampled window: x is (windows, 150, 5)."""
    K = x.shape[0]
    mean, mean_d, mean_q = quarter_family(x, lambda v: v.mean(axis=1))
    std = x.std(axis=1)
    std_d = x[:, 75:].std(axis=1) - x[:, :75].std(axis=1)
    dev = x - mean[:, None, :]
    moments = np.concatenate([(dev ** k).mean(axis=1) for k in (3, 4, 5, 6)], axis=1)
    mx, mx_d, mx_q = quarter_family(x, lambda v: v.max(axis=1))
    mn, mn_d, mn_q = quarter_family(x, lambda v: v.min(axis=1))
    src = np.concatenate([mean_q[:, :44], mx_q, mn_q], axis=1).reshape(K, 12, 12)
    cov = np.array([np.cov(s) for s in src])          # rows are the variables
    eig = np.sort(np.linalg.eigvals(cov).real, axis=1)
    w, v = np.linalg.eigh(cov)
    lmax = np.abs(w).max(axis=1, keepdims=True)
    floor = np.maximum(lmax * np.finfo(float).eps, np.finfo(float).tiny)
    lg = (v * np.log(np.maximum(w, floor))[:, None, :]) @ np.swapaxes(v, 1, 2)
    logm = np.concatenate([np.diagonal(lg, d, axis1=1, axis2=2) for d in range(12)], axis=1)
    a = np.abs(x)
    p = a / a.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.where(p > 0, p * np.log(p), 0).sum(axis=1)
    correlate = (x[:, :75] * x[:, 75:]).sum(axis=2)
    fft = np.fft.fft(x, axis=2).real.reshape(K, -1)   # across channels, index 5n + k
    return np.concatenate([mean, mean_d, mean_q, std, std_d, moments, mx, mx_d, mx_q, mn,
                           mn_d, mn_q, cov.reshape(K, -1), eig, logm, entropy, correlate,
                           fft], axis=1)


def reference(path):
    d = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    t, x = d[:, 0], d[:, 1:6]
    w = windows(t)
    if len(w) < 2:
        return np.zeros((0, 2 * NFEAT))
    f = features(np.array([scipy.signal.resample(x[a:b], M, axis=0) for a, b in w]))
    return np.hstack([f[:-1], f[1:]])


def read_parts(path):
    """The parts of a tensor stream: a list of dicts with the header's "meta" (last value
    of each key), "columns", "classes", "groups", "shape" and the frames' "x" (frames x
    size), "label", "group" (indices, -1 = none) and "time"."""
    b = open(path, "rb").read()
    parts, pos = [], 0
    while pos < len(b):
        if b[pos:pos + 8] == MAGIC:
            blen = struct.unpack_from("<I", b, pos + 12)[0]
            body = b[pos + 16:pos + 16 + blen].decode()
            pos += 16 + blen
            p = {"meta": {}, "columns": [], "classes": [], "groups": [], "x": [],
                 "label": [], "group": [], "time": []}
            for ln in body.split("\n"):
                if not ln:
                    continue
                k, v = ln.split("=", 1)
                if k in ("column", "class", "group"):
                    p[{"column": "columns", "class": "classes", "group": "groups"}[k]].append(v)
                else:
                    p["meta"][k] = v
            p["shape"] = tuple(int(d) for d in p["meta"]["shape"].split("x"))
            p["size"] = int(np.prod(p["shape"]))
            parts.append(p)
            continue
        p = parts[-1]
        lab, grp, tim = struct.unpack_from("<iid", b, pos)
        p["label"].append(lab)
        p["group"].append(grp)
        p["time"].append(tim)
        p["x"].append(np.frombuffer(b, dtype="<f4", count=p["size"], offset=pos + 16))
        pos += 16 + 4 * p["size"]
    for p in parts:
        p["x"] = np.array(p["x"], dtype=np.float64).reshape(-1, p["size"])
        p["time"] = np.array(p["time"])
    return parts


def read_stream(path):
    """{source file name: (column names, frames)} of a bird2018 stream."""
    return {os.path.basename(p["meta"]["source"]): (p["columns"], p["x"])
            for p in read_parts(path)}


def names():
    out = []
    for fam, n in FAMILIES:
        stem = {"mean_q": "mean_d_", "entropy": "entropy"}.get(fam, fam + "_")
        out += [stem + str(i) for i in range(n)]
    return [s + "_a" for s in out] + [s + "_b" for s in out]


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: bird2018.py STREAM CSV...")
    got = read_stream(sys.argv[1])
    ok = True
    worst = {fam: 0.0 for fam, _ in FAMILIES}
    total = 0
    for path in sys.argv[2:]:
        base = os.path.basename(path)
        want = reference(path)
        if base not in got:
            print("%s: missing from the stream" % base)
            ok = False
            continue
        cols, have = got[base]
        if cols != names():
            print("%s: column names differ" % base)
            ok = False
        if have.shape != want.shape:
            print("%s: %s rows, want %s" % (base, have.shape[0], want.shape[0]))
            ok = False
            continue
        total += want.shape[0]
        off = 0
        for fam, n in FAMILIES:
            for ab in (0, 1):
                sl = slice(ab * NFEAT + off, ab * NFEAT + off + n)
                h, w = have[:, sl], want[:, sl]
                if fam == "eigen":
                    h = np.sort(h, axis=1)
                scale = np.maximum(np.abs(w).max(axis=1, keepdims=True), 1e-30)
                err = (np.abs(h - w) / scale).max() if len(w) else 0.0
                worst[fam] = max(worst[fam], err)
                if err > 1e-4 and fam in STRICT:
                    print("%s: %s error %.3g of the window's largest value" % (base, fam, err))
                    ok = False
            off += n
        print("%s: %d rows" % (base, want.shape[0]))
    print("total %d rows; largest error / window max per family:" % total)
    print(" ".join("%s %.2g%s" % (fam, worst[fam], "" if fam in STRICT else "(info)")
                   for fam, _ in FAMILIES))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
