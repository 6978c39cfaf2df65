#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft --trials on PhysioNet's motor runs S001R03 and S001R04 (read in place): the 30
# trials of each run, with the onsets and descriptions MNE reads from the same files, and
# the band powers of each trial equal to SciPy's on MNE's samples.
. "$(dirname "$0")/lib.sh"
need_data EEG_EDF_DIR
for r in S001R03 S001R04; do
	eeg-fft --trials 0:4 --channels C3,Cz,C4 --bands default "$EEG_EDF_DIR/$r.edf" >"$T/$r.eeg"
	eeg-fft --trials 0:4 --events T1=left,T2=right --channels C3,C4 "$EEG_EDF_DIR/$r.edf" >"$T/$r.lr.eeg"
done
py - "$EEG_TOP/tests/ref" "$T" "$EEG_EDF_DIR" <<'PY'
import sys, warnings, numpy as np, scipy.signal as ss
sys.path.insert(0, sys.argv[1])
from spectra import frames
import mne
T, D = sys.argv[2], sys.argv[3]
mne.set_log_level("ERROR")
warnings.simplefilter("ignore")

for r in ("S001R03", "S001R04"):
    raw = mne.io.read_raw_edf(D + "/" + r + ".edf", preload=True)
    ann = raw.annotations
    on, desc = np.array(ann.onset), list(ann.description)
    fs = raw.info["sfreq"]
    x = raw.get_data(picks=["C3..", "Cz..", "C4.."]).T * 1e6      # uV
    p = frames(T + "/" + r + ".eeg")
    assert len(p["x"]) == 30 and p["names"] == desc, (r, len(p["x"]))
    assert [desc.count(c) for c in ("T0", "T1", "T2")] == [15, 8, 7], r
    assert np.abs(p["time"] - on).max() < 1e-5, (p["time"][:3], on[:3])
    want = []
    for o in on:
        a = int(round(o * fs))
        f, pp = ss.welch(x[a:a + 640], fs, window="hann", nperseg=640, noverlap=0,
                         detrend=False, scaling="density", axis=0)
        want.append([pp[(f >= lo) & (f < hi), c].sum() * f[1] for c in range(3)
                     for lo, hi in ((1, 4), (4, 8), (8, 13), (13, 30), (30, 45))])
    err = np.abs(p["x"] - np.array(want)).max() / np.abs(want).max()
    assert err < 1e-5, (r, err)
    lr = frames(T + "/" + r + ".lr.eeg")
    assert lr["names"] == [{"T1": "left", "T2": "right"}[d] for d in desc if d != "T0"]
    print("%s: 30 trials (T0 15, T1 8, T2 7) at MNE's onsets, band powers within %.1g" % (r, err))
PY
