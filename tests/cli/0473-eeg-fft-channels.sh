#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft's channels: muse-lsl's Right AUX left out of the default spectra unless asked for
# (bird2018 keeps it); names found past PhysioNet's padding dots and case, an ambiguous
# one refused; a recording too short for one window, prose and a table without times each
# say what is wrong in one line; a short one among several is left out with a warning;
# EDF channels named alike or not at all; CSV with comment lines, columns not read.
. "$(dirname "$0")/lib.sh"
awk 'BEGIN { print "timestamps,TP9,AF7,AF8,TP10,Right AUX"
	for (i = 0; i < 1024; i++) printf "%.3f,%d,%d,%d,%d,%d\n", 1000 + i / 256, i % 7, i % 5, i % 3, i % 11, i % 2 }' >"$T/s-x-1.csv"
eeg-fft --bands default "$T/s-x-1.csv" | eeg-cat --info >"$T/def"
grep -qx 'shape: 20 (f32)' "$T/def" || fail "default: $(grep shape "$T/def")"
eeg-fft --bands default "$T/s-x-1.csv" | eeg-cat -t | head -1 | grep -q 'AUX' && fail "AUX in the default spectra"
eeg-fft --bands default --channels 'TP9,Right AUX' "$T/s-x-1.csv" | eeg-cat -t | head -1 >"$T/aux"
grep -q '^label,group,time,TP9_delta,.*,Right AUX_gamma$' "$T/aux" || fail "asked for: $(cat "$T/aux")"
eeg-fft --profile bird2018 "$T/s-x-1.csv" | eeg-cat --info | grep -qx 'frames: 5' || fail "bird2018 with AUX"
# PhysioNet's dot-padded labels, any case
awk 'BEGIN { print "time,Fc5.,O1..,Oz..,O2.."
	for (i = 0; i < 512; i++) printf "%.6f,%d,%d,%d,%d\n", i / 160, i % 3, i % 5, i % 7, i % 11 }' >"$T/dots.csv"
eeg-fft --bands default --channels O1,Oz,O2,FC5 "$T/dots.csv" | eeg-cat -t | head -1 >"$T/dots"
grep -q '^label,group,time,O1.._delta,.*,Oz.._delta,.*,O2.._delta,.*,Fc5._gamma$' "$T/dots" || fail "dots: $(cat "$T/dots")"
awk 'BEGIN { print "time,O1.,o1"; for (i = 0; i < 512; i++) printf "%.6f,%d,%d\n", i / 160, i % 3, i % 5 }' >"$T/amb.csv"
expect_error 1 '^eeg-fft: .*amb\.csv: --channels: "O1" could be "O1\." or "o1"$' eeg-fft --channels O1 "$T/amb.csv"
# too short for one window: one line that says so (spectra and bird2018)
head -n 129 "$T/s-x-1.csv" >"$T/s-y-1.csv"
expect_fail 1 '^eeg-fft: .*s-y-1\.csv: recording: no 1-s window fits: its longest stretch without a gap or a change of label is 0\.5 s$' eeg-fft "$T/s-y-1.csv"
# of several recordings, one too short is left out with that line (a warning: exit 0, the
# others' frames); when none has a window, that is an error
eeg-fft "$T/s-x-1.csv" "$T/s-y-1.csv" 2>"$T/short.err" | eeg-cat --info >"$T/short.info"
grep -qx 'frames: 7' "$T/short.info" || fail "one short of two: $(grep frames "$T/short.info")"
[ "$(wc -l <"$T/short.err")" = 1 ] && grep -q '^eeg-fft: .*s-y-1\.csv: recording: no 1-s window fits: .* is 0\.5 s; left out$' "$T/short.err" ||
	fail "one short of two: stderr '$(cat "$T/short.err")'"
set +e
eeg-fft "$T/s-y-1.csv" "$T/s-y-1.csv" >"$T/none.out" 2>"$T/none.err"
st=$?
set -e
[ "$st" = 1 ] && tail -n 1 "$T/none.err" | grep -qx 'eeg-fft: no window fits in any of the 2 recordings' ||
	fail "none fits: exit $st, '$(cat "$T/none.err")'"
head -n 385 "$T/s-x-1.csv" >"$T/s-z-1.csv"
expect_fail 1 '^eeg-fft: .*s-z-1\.csv: recording: too short for --profile bird2018: 1 1-s window before its windows end' eeg-fft --profile bird2018 "$T/s-z-1.csv"
# text that is not a recording, and a table of samples without times
printf '# Notes\nThe subject relaxed, then counted backwards.\n' >"$T/notes.txt"
expect_error 1 '^eeg-fft: .*notes\.txt: line 2: a header and no samples: not a table of samples$' eeg-fft "$T/notes.txt"
printf 'Notes\nThe subject relaxed, then counted backwards.\n' >"$T/notes2.txt"
expect_error 1 '^eeg-fft: .*notes2\.txt: line 2: 2 columns, the header has 1: not a table of samples \(a feature table with labels is eeg-csv.s\)$' eeg-fft "$T/notes2.txt"
printf 'C3,C4\n1,2\n3,4\n' >"$T/notime.csv"
expect_error 1 '^eeg-fft: .*notime\.csv: rate: no time column \(time, timestamp or timestamps\) and no --rate: give the sample rate with --rate$' eeg-fft "$T/notime.csv"
# EDF channels named alike or not at all (real files have both): numbered as MNE-Python
# numbers them, blank ones by signal number, one warning line; the new names select
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from edfwrite import Signal, write_edf
rng = np.random.default_rng(5)
def sig(label): return Signal(label, rng.normal(0, 20, 512), 256, physmin=-500, physmax=500)
write_edf(sys.argv[2] + "/alike.edf", [sig(l) for l in ["EEG", "O1", "EEG", "EEG-1", "", "EEG"]])
PY
eeg-fft --bands default "$T/alike.edf" 2>"$T/alike.err" | eeg-cat --info >"$T/alike.info"
grep -qx 'channels=EEG-0,O1,EEG-2,EEG-1,ch5,EEG-3' "$T/alike.info" || fail "alike: $(grep channels= "$T/alike.info")"
[ "$(wc -l <"$T/alike.err")" = 1 ] && grep -qx 'eeg-fft: .*alike\.edf: header: channels named alike or not at all are read as EEG-0, EEG-2, ch5, EEG-3' "$T/alike.err" ||
	fail "alike: stderr '$(cat "$T/alike.err")'"
eeg-fft --bands default --channels EEG-2,ch5 "$T/alike.edf" 2>/dev/null | eeg-cat --info | grep -qx 'channels=EEG-2,ch5' ||
	fail "alike: --channels EEG-2,ch5"
# CSV as real tools write it: comment lines before the header (OpenBCI's '%' lines, a
# script's '#'), columns that are not read may hold text or share a name; a name two
# columns have is refused once it is read; NumPy's savetxt header ("# time,C3,C4") names
# the columns
{
	printf '%%Recorded by a lab script\n%%Sample Rate = 100 Hz\n'
	printf 'Index, time, C3, C4, Other, Other, Time (Formatted)\n'
	awk 'BEGIN { for (i = 0; i < 300; i++) printf "%d, %.2f, %d, %d, 0, 0, 12:00:%05.2f\n", i % 256, i / 100, i % 7, i % 5, i / 100 }'
} >"$T/lab.csv"
eeg-fft --bands default --channels C3,C4 "$T/lab.csv" | eeg-cat --info >"$T/lab.info"
grep -qx 'frames: 5' "$T/lab.info" && grep -qx 'channels=C3,C4' "$T/lab.info" || fail "lab.csv: $(cat "$T/lab.info")"
expect_error 1 '^eeg-fft: .*lab\.csv: line 3: columns 5 and 6 are both channel "Other" \(pick channels with --channels\)$' eeg-fft "$T/lab.csv"
expect_error 1 '^eeg-fft: .*lab\.csv: --channels: two channels are named "Other"$' eeg-fft --channels Other "$T/lab.csv"
py - "$T/np.csv" <<'PY'
import sys
import numpy as np
t = np.arange(300) / 100
np.savetxt(sys.argv[1], np.c_[t, np.sin(2 * np.pi * 10 * t), np.cos(2 * np.pi * 3 * t)],
           delimiter=",", header="time,C3,C4", fmt="%.6f")
PY
eeg-fft --bands default "$T/np.csv" | eeg-cat --info >"$T/np.info"
grep -qx 'frames: 5' "$T/np.info" && grep -qx 'channels=C3,C4' "$T/np.info" || fail "np.csv: $(cat "$T/np.info")"
