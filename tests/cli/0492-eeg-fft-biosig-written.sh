#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Recordings written here to their specifications (tests/ref/biosig_cases.py) through
# eeg-fft: PhysioNet's EDF+ header quirks (dot-padded labels, prefilter fields, the
# annotation signal's "-" dimension) give clean column names and --channels finds the
# channels by their 10-10 names; an EDF+D file's gaps (records at 0, 1, 2, 5, 6 and 7.5 s)
# stop windows, which restart after each; a BDF's Status channel is not a data channel;
# BrainVision and the signal of another rate read at their own rates.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/biosig_cases.py" "$T" >/dev/null
cd "$T"
eeg-fft -w 1 -s 0.5 --bands default physionet.edf | eeg-cat -t | sed -n 1p >cols
[ "$(cut -d, -f4,9,14,19 cols)" = Fc5_delta,C3_delta,Oz_delta,Iz_delta ] ||
    fail "physionet.edf: columns $(cat cols)"
eeg-fft -w 1 --bands alpha:8-13 --channels Oz,C3 physionet.edf | eeg-cat -t | sed -n 1p >cols
[ "$(cut -d, -f4- cols)" = Oz_alpha,C3_alpha ] || fail "--channels Oz,C3: $(cat cols)"
# EDF+D: 1-s windows every 1 s never span a gap; times from the recording's start
eeg-fft -w 1 -s 1 discont.edf | eeg-cat -t | cut -d, -f3 | tail -n +2 | tr '\n' ' ' >times
[ "$(cat times)" = "0 1 2 5 6 7.5 " ] || fail "discont.edf: window times $(cat times)"
eeg-fft -w 2 -s 1 discont.edf | eeg-cat -t | cut -d, -f3 | tail -n +2 | tr '\n' ' ' >times
[ "$(cat times)" = "0 1 5 " ] || fail "discont.edf, 2-s windows: $(cat times)"
# BDF: Status is the trigger channel, not a column
eeg-fft -w 1 --bands default status.bdf | eeg-cat --info >info
grep -q '^shape: 5 (f32)$' info || fail "status.bdf: $(grep shape info)"
grep -q '^rate: 2048 Hz$' info || fail "status.bdf: $(grep rate info)"
# BrainVision INT_16 and float32; the 50 Hz signal of a two-rate EDF alone
for f in bv.vhdr bvf.vhdr; do
	eeg-fft -w 1 -s 0.5 --bands default "$f" | eeg-cat --info >info
	grep -q '^frames: 3$' info && grep -q '^shape: 15 (f32)$' info &&
	    grep -q '^rate: 500 Hz$' info || fail "$f: $(cat info)"
done
eeg-fft -w 1 -s 1 --channels ECG multirate.edf | eeg-cat --info >info
grep -q '^rate: 50 Hz$' info && grep -q '^frames: 5$' info || fail "ECG at 50 Hz: $(cat info)"
