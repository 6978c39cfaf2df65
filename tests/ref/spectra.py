# SPDX-License-Identifier: GPL-3.0-or-later
"""What the eeg-fft tests on recordings check against: a stream's frames in one piece, SciPy's
spectrum of a window as eeg-fft's default spectra, and where the windows of runs start."""
import numpy as np
import scipy.signal as ss

from bird2018 import read_parts


def frames(path):
    """the frames of a stream whose header was restated (labels added on the way), in one
    piece: x, time, label, and names (each frame's class name, or None)"""
    ps = read_parts(path)
    p = dict(ps[-1])
    p["x"] = np.concatenate([q["x"] for q in ps if len(q["x"])])
    p["time"] = np.concatenate([q["time"] for q in ps])
    p["label"] = sum((q["label"] for q in ps), [])
    p["names"] = [p["classes"][i] if i is not None and i >= 0 else None for i in p["label"]]
    return p


def psd(seg, fs):
    """one-sided PSD of a window seg (n, channels) at rate fs, Hann, as one frame of eeg-fft's
    default spectra: (channels * (n // 2 + 1),), channel-major"""
    return ss.welch(seg, fs, window="hann", nperseg=len(seg), noverlap=0, detrend=False,
                    scaling="density", axis=0)[1].T.reshape(-1)


def windows(key, n, hop):
    """first sample of every window: n samples of one key (-1: in no window), every hop,
    restarting at each change of key"""
    out, i = [], 0
    while i < len(key):
        if key[i] < 0:
            i += 1
            continue
        e = i
        while e < len(key) and key[e] == key[i]:
            e += 1
        out += list(range(i, e - n + 1, hop))
        i = e
    return out
