#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth: Welch spectra (SciPy) of the WAV output agree with the subject parameters that
# --params reports: the alpha peak sits at alpha_hz; relaxed has more posterior alpha than
# neutral, neutral more than concentrating; concentrating has more frontal beta than
# relaxed; the background falls like 1/f; amplitudes are tens of microvolts.
# States are compared within a session (one sitting: same electrode gains); recordings
# vary, so the state checks are on the median of the 8 sessions' ratios.
. "$(dirname "$0")/lib.sh"

eeg-synth -n 60 --subjects 4 --sessions 2 --line 0 --seed 1 --format wav -o "$T/w"
eeg-synth --params --subjects 4 --seed 1 >"$T/params"
[ "$(wc -l <"$T/params")" = 4 ] || fail "--params: $(wc -l <"$T/params") lines, want 4"
py - "$T/w" "$T/params" <<'PY' || fail "spectrum checks"
import sys, warnings
import numpy as np, scipy.signal as ss, scipy.io.wavfile as wf
warnings.simplefilter("ignore")	# libsndfile's PEAK/LIST chunks
d, params = sys.argv[1], sys.argv[2]
bad, nmax, ra, rb = 0, 0, [], []
def check(ok, what):
    global bad
    print(("ok  " if ok else "BAD ") + what)
    bad += not ok
for line in open(params):
    s, *kv = line.split()
    p = {k: float(v) for k, v in (x.split("=") for x in kv)}
    for e in (1, 2):
        spec, raw = {}, {}
        for st in ("relaxed", "neutral", "concentrating"):
            rate, x = wf.read("%s/%s-%s-%d.wav" % (d, s, st, e))
            assert rate == 256 and x.shape[1] == 5 and x.dtype == np.float32
            x = x.astype(float) * 1000	# the file holds mV
            spec[st] = ss.welch(x, fs=rate, nperseg=1024, axis=0)
            raw[st] = x
        def band(st, lo, hi, ch):
            f, P = spec[st]
            m = (f >= lo) & (f < hi)
            return P[m][:, ch].sum() * (f[1] - f[0])
        # TP9+TP10 power within 1 Hz of the subject's alpha, AF7+AF8 beta
        a = {st: band(st, p["alpha_hz"] - 1, p["alpha_hz"] + 1, [0, 3]) for st in spec}
        b = {st: band(st, 13, 30, [1, 2]) for st in spec}
        ra.append(np.log([a["relaxed"] / a["neutral"], a["neutral"] / a["concentrating"]]))
        rb.append(np.log(b["concentrating"] / b["relaxed"]))
        top = a["relaxed"] > 1.5 * max(a["neutral"], a["concentrating"])
        nmax += top
        print("%s %s-%d: TP alpha relaxed %.0f, neutral %.0f, concentrating %.0f; AF beta relaxed %.0f, "
              "concentrating %.0f uV^2" % ("   " if top else "(!)", s, e, a["relaxed"], a["neutral"],
              a["concentrating"], b["relaxed"], b["concentrating"]))
        if e == 2:
            continue
        # alpha peak of TP9+TP10 when relaxed: the largest 0.5 Hz bin in 7-13 Hz, refined
        # by a parabola through the log power of it and its neighbours
        f, P = ss.welch(raw["relaxed"], fs=256, nperseg=512, axis=0)
        y = np.log(P[:, [0, 3]].sum(1))
        i = np.flatnonzero((f >= 7) & (f <= 13))
        i = i[np.argmax(y[i])]
        peak = f[i] + 0.5 * (y[i - 1] - y[i + 1]) / (y[i - 1] - 2 * y[i] + y[i + 1]) * (f[1] - f[0])
        check(abs(peak - p["alpha_hz"]) <= 0.35, "%s: alpha peak %.2f Hz, alpha_hz %.3f" % (s, peak, p["alpha_hz"]))
        f, P = spec["concentrating"]
        m = (f > 2) & (f < 40)
        slope = np.polyfit(np.log(f[m]), np.log(P[m, 0]), 1)[0]
        check(-2.2 < slope < -0.5, "%s: TP9 log-log slope 2-40 Hz %.2f" % (s, slope))
        rms = raw["neutral"][:, :4].std(0)
        check(np.all((rms > 2) & (rms < 100)), "%s: EEG channel rms %s uV" % (s, np.round(rms, 1)))
        aux = raw["neutral"][:, 4].std()
        check(20 < aux < 60, "%s: AUX rms %.1f uV" % (s, aux))
check(nmax >= 6, "relaxed has 1.5 x the alpha of the other states in %d of 8 sessions" % nmax)
ra, rb = np.exp(np.median(ra, 0)), np.exp(np.median(rb))
check(ra[0] > 2.5 and ra[1] > 1.25 and rb > 1.5, "medians: alpha relaxed/neutral %.2f, "
      "neutral/concentrating %.2f; beta concentrating/relaxed %.2f" % (ra[0], ra[1], rb))
sys.exit(bad != 0)
PY
