#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The files the man pages' EXAMPLES name, made small and fast from synthetic recordings
# (tests/ref/manex.py runs the examples in a copy of this directory).
#   man_fixture.sh DIR        (the eeg-* tools on PATH)
# 12 Muse CSV recordings of 20 s (4 subjects x 3 states), their log band powers (all.eeg,
# bands.eeg; x.eeg of one) and power spectra (spectra.eeg), Bird's 2548 features (bird.eeg), a
# held-out-subject split (train/val/test.eeg), small models for each of them, an
# emotions.csv-shaped table, a feature table with a subject column, per-subject
# predictions, a calibration recording, a PhysioNet-like EDF+ run and a Mind Monitor export
# (written by tests/ref/edfplus.py and mindmonitor.py).
set -eu
ref=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
cd "$1"
eeg-synth -n 20 --sessions 1 --format muse -o rec
cp rec/*.csv .
cp -R rec muse-mental-state
cp subjecta-relaxed-1.csv live.csv
eeg-fft --bands default --log live.csv >x.eeg	# one header (eeg-tensor(5)'s Python reads it)
for f in rec/*.csv; do eeg-fft --bands default --log "$f"; done | eeg-cat >bands.eeg
cp bands.eeg all.eeg
for f in rec/*.csv; do eeg-fft "$f"; done | eeg-cat >spectra.eeg
eeg-fft --profile bird2018 rec/*.csv >bird.eeg
eeg-split --holdout subjectd --val val.eeg --val-fraction 0.2 --train train.eeg \
	--test test.eeg bands.eeg 2>/dev/null
train() { eeg-train --units 8 --epochs 2 "$@" 2>/dev/null; }
train --model lstm -o lstm.model train.eeg
train --model gru -o gru.model train.eeg
eeg-scale -p spectra.eeg | train --model lstm -o model	# per-subject calibrated input
eeg-fft -g subjecta subjecta-neutral-1.csv >calib.eeg
for s in subjectc subjectd; do
	eeg-select -g $s bands.eeg | eeg-predict lstm.model >pred-$s.eeg
done
py=${PYTHON:-/usr/bin/python3}
"$py" "$ref/emotions_like.py" emotions.csv 40
# a PhysioNet motor run (EDF+ with T0/T1/T2 annotations) and a Mind Monitor export
"$py" "$ref/edfplus.py" S001R04.edf edf-truth.npz
"$py" "$ref/mindmonitor.py" constant mindMonitor.csv mm-truth.npz 20
rm -f edf-truth.npz mm-truth.npz
# a feature table whose groups are in a column named subject
eeg-cat -t bands.eeg | sed '1s/^label,group,/label,subject,/' >features.csv
