# SPDX-License-Identifier: GPL-3.0-or-later
"""mne_bands: Welch band powers of EDF recordings as an MNE-Python user computes them: the
reference for eeg-fft's band powers (tests) and the Python side of bench/fft.

    /usr/bin/python3 tests/ref/mne_bands.py [--channels A,B,..] [--seg S] [--epochs]
                                            [--binary] FILE.edf ...

For each file: MNE's own EDF reader (mne.io.read_raw_edf, preload), then
raw.compute_psd(method="welch") over the whole recording with Hann segments of S seconds
(default 2) every S/2 seconds, averaged (MNE's "mean"), and per channel the power in each
of eeg-fft's default bands, [lo, hi) Hz: delta 1-4, theta 4-8, alpha 8-13, beta 13-30,
gamma 30-45, as sum(psd * df) over the bins in the band, in uV^2. Prints CSV lines
"file,channel,band,power". Channel names are MNE's (PhysioNet's padding dots kept);
--channels names them without the dots.

--epochs: the band powers of every S-second window every S/2 seconds instead
(mne.make_fixed_length_epochs, then epochs.compute_psd(method="welch") with one Hann
segment per epoch), as a feature pipeline computes them: lines "file,window,channel,band,
power", window counted from 0; exactly eeg-fft's frames. --binary: those as float32
(windows, channels, bands) to stdout, no text (bench/fft).

The same numbers from eeg-fft: `eeg-fft -w S -s S/2 --bands default` gives one frame per
segment (Hann window, no detrending, the same one-sided density); their mean over a file's
frames is this Welch average, the segments being the same ones (starts every S/2 s from
the first sample, the last one that fits). MNE detrends each segment (constant), eeg-fft
does not: a periodic Hann window puts a segment's mean into bins 0 and 1 only (0.5 Hz at
S = 2), below every band.
"""
import os
import sys

BANDS = [("delta", 1, 4), ("theta", 4, 8), ("alpha", 8, 13), ("beta", 13, 30),
         ("gamma", 30, 45)]


def main(argv):
    import mne
    import numpy as np

    mne.set_log_level("ERROR")
    chans, seg, files, epochs, binary = None, 2.0, [], False, False
    i = 0
    while i < len(argv):
        if argv[i] in ("--epochs", "--binary"):
            epochs, binary = True, binary or argv[i] == "--binary"
            i += 1
        elif argv[i] == "--channels":
            chans = argv[i + 1].split(",")
            i += 2
        elif argv[i] == "--seg":
            seg = float(argv[i + 1])
            i += 2
        else:
            files.append(argv[i])
            i += 1
    out = []
    for f in files:
        raw = mne.io.read_raw_edf(f, preload=True)
        names = [c.rstrip(".") for c in raw.ch_names]
        picks = [names.index(c) for c in chans] if chans else list(range(len(names)))
        n = int(round(seg * raw.info["sfreq"]))
        if epochs:
            ep = mne.make_fixed_length_epochs(raw, duration=seg, overlap=seg / 2,
                                              preload=True)
            sp = ep.compute_psd(method="welch", picks=picks, fmin=0, fmax=np.inf, n_fft=n,
                                n_per_seg=n, n_overlap=0, window="hann")
            psd, freqs = sp.get_data(return_freqs=True)
            df = freqs[1] - freqs[0]
            bp = np.stack([psd[..., (freqs >= lo - 1e-9) & (freqs < hi - 1e-9)].sum(-1) * df
                           for _, lo, hi in BANDS], -1) * 1e12
            if binary:
                sys.stdout.buffer.write(bp.astype(np.float32).tobytes())
                continue
            for w in range(bp.shape[0]):
                for c, p in enumerate(picks):
                    for b, (name, _, _) in enumerate(BANDS):
                        out.append("%s,%d,%s,%s,%.9g" % (os.path.basename(f), w, names[p],
                                                          name, bp[w, c, b]))
            continue
        sp = raw.compute_psd(method="welch", picks=picks, fmin=0, fmax=np.inf, n_fft=n,
                             n_per_seg=n, n_overlap=n // 2, window="hann",
                             average="mean")
        psd, freqs = sp.get_data(return_freqs=True)
        psd = psd * 1e12            # V^2/Hz -> uV^2/Hz
        df = freqs[1] - freqs[0]
        for row, p in zip(psd, picks):
            for name, lo, hi in BANDS:
                sel = (freqs >= lo - 1e-9) & (freqs < hi - 1e-9)
                out.append("%s,%s,%s,%.9g" % (os.path.basename(f), names[p], name,
                                               row[sel].sum() * df))
    if out:
        sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
