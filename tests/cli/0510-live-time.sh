#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Time travels with the data: eeg-fft's t0 is a Muse recording's first timestamp, and
# eeg-cat -t --unix-time prints t0 + frame time, through eeg-scale and eeg-predict, per
# part of a concatenation; equal to the CSV timestamp of each window's first row. A stream
# without t0 is an error for -u; a gathered output of parts with different t0 has none.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
a=$D/raw/subjecta-relaxed-1.csv b=$D/raw/subjectb-neutral-1.csv
eeg-fft --bands default --log "$a" "$b" | eeg-scale --apply "$D/z.par" |
	eeg-predict --threads 1 "$D/m" | eeg-cat -t -u >"$T/p.csv"
eeg-fft --bands default --log "$a" >"$T/a.eeg"
eeg-fft --bands default --log "$b" >"$T/b.eeg"
cat "$T/a.eeg" "$T/b.eeg" | eeg-select -c delta | eeg-cat -tu >"$T/cat.csv"
py - "$a" "$b" "$T/p.csv" "$T/cat.csv" <<'PY'
import sys
import numpy as np
a, b, p, c = sys.argv[1:]
want = []
for f, g in ((a, "subjecta"), (b, "subjectb")):
    ts = np.loadtxt(f, delimiter=",", skiprows=1, usecols=0)
    # windows of 256 rows every 128: the time of each window's first row
    want += [(g, ts[k]) for k in range(0, len(ts) - 255, 128)]
for path in (p, c):
    rows = [l.rstrip("\n").split(",") for l in open(path)][1:]
    assert len(rows) == len(want), (path, len(rows), len(want))
    for r, (g, t) in zip(rows, want):
        assert r[1] == g and len(r[2].split(".")[1]) == 6, (path, r[:3])
        assert abs(float(r[2]) - t) < 1e-6, (path, r[:3], t)
print("t0 + time = the first row's timestamp, %d windows" % len(want))
PY
head -n 2 "$T/p.csv" | tail -n 1 | grep -q '^relaxed,subjecta,1533000000\.000000,' ||
	fail "first prediction: $(head -n 2 "$T/p.csv" | tail -n 1)"
# the header: t0 in Unix seconds, to the microsecond
head -c 600 "$T/a.eeg" | tr -c '[:print:]\n' '.' | grep -qx 't0=1533000000.000000' ||
	fail "no t0 line in the header"
# a sound file's times count from its start, not Unix times: no t0, and -u is an error
# naming the frame; -u goes with -t
eeg-synth -n 2 --subjects 1 --sessions 1 --states relaxed --format wav -o "$T/x.wav"
eeg-fft "$T/x.wav" >"$T/wav.eeg"
eeg-cat -t "$T/wav.eeg" >/dev/null
expect_fail 1 '^eeg-cat: .*wav\.eeg: frame 0: no t0 in its header: the times are not Unix times \(-u\)$' \
	eeg-cat -tu "$T/wav.eeg"
expect_usage eeg-cat -u "$T/wav.eeg"
# the raw tensor stream of eeg-synth counts from t0 too; its predictions keep it
eeg-synth -n 4 --subjects 1 --sessions 1 --states relaxed --format tensor |
	eeg-fft --bands default --log | eeg-scale --apply "$D/z.par" | eeg-predict --threads 1 "$D/m" |
	eeg-cat -tu | cut -d, -f3 >"$T/synth.t"
printf 'time\n1533000000.000000\n1533000000.500000\n1533000001.000000\n1533000001.500000\n1533000002.000000\n1533000002.500000\n1533000003.000000\n' |
	cmp -s - "$T/synth.t" || fail "synth times: $(cat "$T/synth.t")"
# eeg-split gathers frames of both recordings into each output: no t0 there; of one: kept
eeg-cat "$T/a.eeg" "$T/b.eeg" | eeg-split --train "$T/tr.eeg" --test "$T/te.eeg" 2>/dev/null
expect_fail 1 'no t0 in its header' eeg-cat -tu "$T/tr.eeg"
eeg-split --train "$T/tr1.eeg" --test "$T/te1.eeg" "$T/a.eeg" 2>/dev/null
eeg-cat -tu "$T/te1.eeg" >/dev/null || fail "one recording's split lost its t0"
