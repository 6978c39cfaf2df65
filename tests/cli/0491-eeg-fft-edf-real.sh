#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every shared real recording reads through eeg-fft, in place: PhysioNet's four EDF+ runs
# (64 channels at 160 Hz: 64 x 5 band columns named by the labels without their padding
# dots; 61 s and 125 s) and BioSemi's test.bdf (72 channels and Status at 2048 Hz, one
# 1-s record: one 1-s window, and a clear error for a 2-s one).
. "$(dirname "$0")/lib.sh"
need_data EEG_EDF_DIR
need_data EEG_BDF_DIR
for r in S001R01 S001R02 S001R03 S001R04; do
	eeg-fft -w 1 -s 1 --bands default "$EEG_EDF_DIR/$r.edf" >"$T/$r.eeg"
	eeg-cat --info "$T/$r.eeg" >"$T/$r.info"
	grep -q '^shape: 320 (f32)$' "$T/$r.info" || fail "$r: $(grep shape "$T/$r.info")"
	grep -q '^rate: 160 Hz$' "$T/$r.info" || fail "$r: $(grep rate "$T/$r.info")"
	case $r in S001R01|S001R02) n=61 ;; *) n=125 ;; esac
	grep -q "^frames: $n\$" "$T/$r.info" || fail "$r: $(grep frames "$T/$r.info"), want $n"
	eeg-cat -t "$T/$r.eeg" >"$T/$r.csv"
	head -1 "$T/$r.csv" | tr ',' '\n' >"$T/cols"
	grep -qx Fc5_delta "$T/cols" && grep -qx Oz_alpha "$T/cols" && grep -qx Iz_gamma "$T/cols" ||
	    fail "$r: column names $(sed -n '4,6p' "$T/cols" | tr '\n' ' ')"
done
eeg-fft -w 1 --bands default "$EEG_BDF_DIR/test.bdf" >"$T/bdf.eeg"
eeg-cat --info "$T/bdf.eeg" >"$T/bdf.info"
grep -q '^frames: 1$' "$T/bdf.info" || fail "test.bdf: $(grep frames "$T/bdf.info")"
grep -q '^shape: 360 (f32)$' "$T/bdf.info" || fail "test.bdf: $(grep shape "$T/bdf.info")"
grep -q '^rate: 2048 Hz$' "$T/bdf.info" || fail "test.bdf: $(grep rate "$T/bdf.info")"
expect_fail 1 "^eeg-fft: .*test.bdf: recording: no 2-s window fits: its longest stretch without a gap or a change of label is 1 s$" eeg-fft -w 2 "$EEG_BDF_DIR/test.bdf"
