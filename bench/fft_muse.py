# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/fft_muse.py: the Muse CSVs' default spectra as a Python user writes them today
(pandas reads each file, SciPy computes the spectra), the peer of `eeg-fft FILES` in
bench/fft: per file, 1-s Hann windows every 0.5 s over the five channels, the one-sided
power spectral density of each (scipy.signal.periodogram, density, no detrending, the
periodic window eeg-fft uses), written as float32 rows to stdout.

    /usr/bin/python3 bench/fft_muse.py FILE.csv ...

It is vectorised (a strided view of the windows, one periodogram call per file), the way
a careful NumPy user writes it; it does not stop windows at gaps in the timestamps as
eeg-fft does (the recordings have few), so its row counts differ slightly.
"""
import sys

import numpy as np
import pandas as pd
from scipy.signal import periodogram

RATE, WIN, HOP = 256, 256, 128
CHANNELS = ["TP9", "AF7", "AF8", "TP10", "Right AUX"]


def main(files):
    out = sys.stdout.buffer
    for f in files:
        x = pd.read_csv(f)[CHANNELS].to_numpy(dtype=np.float64)
        if len(x) < WIN:
            continue
        w = np.lib.stride_tricks.sliding_window_view(x, WIN, axis=0)[::HOP]
        _, p = periodogram(w, fs=RATE, window="hann", detrend=False, axis=-1)
        out.write(p.astype(np.float32).tobytes())


if __name__ == "__main__":
    main(sys.argv[1:])
