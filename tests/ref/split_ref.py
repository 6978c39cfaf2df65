# SPDX-License-Identifier: GPL-3.0-or-later
"""split_ref: helpers for the eeg-split tests (tests/cli/022x-eeg-split-*.sh).

    make(path, n_groups=10, per_group=50, seed=0, ...)  write a test stream: groups g0.. of
        per_group frames each (times 0, 0.5, ... per group, stream order shuffled within
        the stream when shuffle=True), imbalanced labels a/b/c (p = 0.6, 0.3, 0.1), unique
        values (so a frame is identified by its row), window 1 s, hop 0.5 s by default;
        groups=False: no groups, times=False: no times.
    keys(path)            list of (label name, group name, time, values bytes) per frame
    partition(src, *outs) assert every frame of src is in exactly one of outs (multisets),
        and that each output keeps the input's order; returns the outputs' key lists
"""
import collections

import numpy as np

from eegstream import read_stream, write_stream


def make(path, n_groups=10, per_group=50, seed=0, shuffle=False, p=(0.6, 0.3, 0.1),
         window=1.0, hop=0.5, meta=(), groups=True, sizes=None, times=True):
    rng = np.random.default_rng(seed)
    sizes = sizes or [per_group] * n_groups
    g = np.concatenate([[i] * s for i, s in enumerate(sizes)])
    t = np.concatenate([np.arange(s) * 0.5 for s in sizes])
    n = len(g)
    order = rng.permutation(n) if shuffle else np.arange(n)
    labels = rng.choice(len(p), n, p=p)
    X = np.stack([np.arange(n, dtype=np.float32), rng.normal(size=n).astype(np.float32)], 1)
    write_stream(path, X[order], columns=["id", "v"], classes=["a", "b", "c"][:len(p)],
                 labels=labels[order], groups=["g%d" % i for i in range(len(sizes))] if groups else [],
                 group=g[order] if groups else None, time=t[order] if times else None, window=window, hop=hop,
                 meta=meta)


def keys(path):
    s = read_stream(path)
    return [(s.classes[l] if l >= 0 else None, s.groups[g] if g >= 0 else None, float(t),
             x.tobytes()) for l, g, t, x in zip(s.labels, s.group, s.time, s.X)]


def partition(src, *outs):
    a = keys(src)
    parts = [keys(o) for o in outs]
    union = collections.Counter(k for p in parts for k in p)
    assert union == collections.Counter(a), "outputs are not a partition of the input"
    pos = {k: i for i, k in enumerate(a)}
    for o, p in zip(outs, parts):
        idx = [pos[k] for k in p]
        assert idx == sorted(idx), o + ": frames not in input order"
    return parts
