# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the live-stream tests (tests/cli/05xx): sourced after lib.sh.
#
# live_model DIR: 2 synthetic subjects x 3 states x 20 s in the muse-lsl CSV layout in
# DIR/raw, their band powers DIR/bands.eeg, a scaler DIR/z.par fit on them and a small
# LSTM DIR/m trained on the scaled bands (seconds, fixed seed).
live_model() {
	eeg-synth --subjects 2 --sessions 1 -n 20 --format muse -o "$1/raw"
	eeg-fft --bands default --log "$1"/raw/*.csv >"$1/bands.eeg"
	eeg-scale --fit "$1/z.par" <"$1/bands.eeg" >"$1/bands.z.eeg"
	eeg-train --model lstm --units 8 --epochs 2 --threads 1 -o "$1/m" "$1/bands.z.eeg" 2>/dev/null
}

# The live pipeline of the README, every frame-to-frame tool in it, reading standard input.
LIVE_PIPE='eeg-fft --bands default --log - | eeg-select | eeg-scale --apply "$D/z.par" |
	eeg-predict --threads 1 "$D/m" | eeg-cat | eeg-cat -t'
