#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Broken EDF/BDF/BrainVision files through eeg-fft: exit 1, one line "eeg-fft: <file>:
# <where>: <what>" (libbiosig's own warnings silenced), nothing on stdout.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/biosig_cases.py" "$T" >/dev/null
cd "$T"
size=$(wc -c <physionet.edf)
head -c $((size - 100)) physionet.edf >cut.edf
expect_error 1 '^eeg-fft: cut.edf: header: .* the file has [0-9]+ \(truncated\)$' eeg-fft cut.edf
# a header claiming 50 records (6 stored)
{ head -c 236 physionet.edf; printf '50      '; tail -c +245 physionet.edf; } >lies.edf
expect_error 1 '^eeg-fft: lies.edf: header: 50 data records .*\(truncated\)$' eeg-fft lies.edf
# 999 signals in a header of 5
{ head -c 252 physionet.edf; printf '999 '; tail -c +257 physionet.edf; } >ns.edf
expect_error 1 '^eeg-fft: ns.edf: header: 999 signals need a header of' eeg-fft ns.edf
# record durations of 0 s and 1e-7 s: rates of infinity and 1.6e9 Hz
{ head -c 244 physionet.edf; printf '0       '; tail -c +253 physionet.edf; } >dur0.edf
expect_error 1 '^eeg-fft: dur0.edf: header: sample rate' eeg-fft dur0.edf
{ head -c 244 physionet.edf; printf '1e-7    '; tail -c +253 physionet.edf; } >fast.edf
expect_error 1 '^eeg-fft: fast.edf: header: sample rate 1.6e\+09' eeg-fft fast.edf
# an annotation moved past the end of the 6-s recording
sed 's/+4\.2\x15/+9.2\x15/' physionet.edf >late.edf
cmp -s late.edf physionet.edf && fail "late.edf: the annotation was not moved"
expect_error 1 '^eeg-fft: late.edf: events: event 2 \(T2\) at 9.2 s is outside the recording' \
    eeg-fft late.edf
# two rates without --channels
expect_error 1 '^eeg-fft: multirate.edf: channels: rates differ: 2 at 100 Hz \(C3, ...\), 1 at 50 Hz \(ECG\)' \
    eeg-fft multirate.edf
# BrainVision: the data file missing, then cut inside a sample
sed 's/DataFile=bv.eeg/DataFile=no.eeg/' bv.vhdr >nodata.vhdr
expect_error 1 '^eeg-fft: nodata.vhdr: open: cannot open its data file$' eeg-fft nodata.vhdr
head -c 5999 bv.eeg >ct.eeg
sed 's/DataFile=bv.eeg/DataFile=ct.eeg/' bv.vhdr >ct.vhdr
expect_error 1 '^eeg-fft: ct.vhdr: data file: 5999 bytes are not whole samples' eeg-fft ct.vhdr
# libbiosig opens files by name: not from a pipe
cat physionet.edf | expect_error 1 '^eeg-fft: -?.*needs a seekable file, not a pipe' eeg-fft -
