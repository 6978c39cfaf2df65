#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on PhysioNet's EDF+ runs (read in place) against MNE-Python (its own EDF reader;
# tests/ref/mne_bands.py), on the same channels, within 1%:
#   - frame by frame: the band powers of each 2-s Hann window every 1 s equal MNE's of the
#     same window (make_fixed_length_epochs(duration=2, overlap=1), then
#     epochs.compute_psd(method="welch"), one Hann segment per epoch);
#   - a file's mean over its frames equals MNE's Welch band powers of the whole recording
#     (raw.compute_psd(method="welch"), 2-s Hann segments with 50% overlap, mean): the
#     windows are the same segments (every 160 samples from the first, the last that fits).
# MNE detrends each segment and eeg-fft does not, which a periodic Hann window keeps below
# 1 Hz (bins 0 and 1 of 0.5 Hz), under every band.
# And the eyes-closed run (R02) has far more occipital alpha than the eyes-open one (R01).
. "$(dirname "$0")/lib.sh"
need_data EEG_EDF_DIR
ch=O1,Oz,O2,C3,Cz,C4,Fp1
for r in S001R01 S001R02 S001R04; do
	eeg-fft -w 2 -s 1 --bands default --channels $ch "$EEG_EDF_DIR/$r.edf" |
	    eeg-cat -t >"$T/$r.csv"
done
py "$EEG_TOP/tests/ref/mne_bands.py" --channels $ch "$EEG_EDF_DIR/S001R01.edf" \
    "$EEG_EDF_DIR/S001R02.edf" "$EEG_EDF_DIR/S001R04.edf" >"$T/mne.csv"
py "$EEG_TOP/tests/ref/mne_bands.py" --epochs --channels $ch "$EEG_EDF_DIR/S001R01.edf" \
    "$EEG_EDF_DIR/S001R04.edf" >"$T/mne_epochs.csv"
py - "$T" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
mne, ep = {}, {}
for line in open(d + "/mne.csv"):
    f, ch, band, p = line.strip().split(",")
    mne[f[:-4], ch + "_" + band] = float(p)
for line in open(d + "/mne_epochs.csv"):
    f, w, ch, band, p = line.strip().split(",")
    ep[f[:-4], int(w), ch + "_" + band] = float(p)
worst, wworst, mean = 0, 0, {}
for r in ("S001R01", "S001R02", "S001R04"):
    rows = [l.rstrip("\n").split(",") for l in open("%s/%s.csv" % (d, r))]
    head, x = rows[0], np.array([[float(v) for v in row[3:]] for row in rows[1:]])
    n = {"S001R01": 60, "S001R02": 60, "S001R04": 124}[r]
    assert len(x) == n, (r, len(x), "windows, want", n)
    for j, col in enumerate(head[3:]):
        got, want = x[:, j].mean(), mne[r, col]
        err = abs(got - want) / want
        worst = max(worst, err)
        assert err < 0.01, (r, col, got, want, err)
        mean[r, col] = got
        for w in range(n):
            if (r, w, col) not in ep:
                continue
            got, want = x[w, j], ep[r, w, col]
            err = abs(got - want) / want
            wworst = max(wworst, err)
            assert err < 0.01, (r, w, col, got, want, err)
assert len(ep) == (60 + 124) * 7 * 5, len(ep)
print("frame by frame against MNE's epochs: worst relative difference %.2e over %d" % (wworst, len(ep)))
print("eeg-fft vs MNE Welch band powers: worst relative difference %.2e over %d" % (worst, len(mean)))
for ch in ("O1", "Oz", "O2"):
    ratio = mean["S001R02", ch + "_alpha"] / mean["S001R01", ch + "_alpha"]
    print("%s alpha, eyes closed / eyes open: %.1f" % (ch, ratio))
    assert ratio > 5, (ch, ratio)
PY
