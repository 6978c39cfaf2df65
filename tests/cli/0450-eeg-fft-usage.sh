#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft: -h, and every bad option is a usage error (exit 2, nothing on stdout).
. "$(dirname "$0")/lib.sh"
expect_help eeg-fft
printf 'time,a\n0,1\n' >"$T/x.csv"
expect_usage eeg-fft -w 0 "$T/x.csv"
expect_usage eeg-fft -w abc "$T/x.csv"
expect_usage eeg-fft -s -1 "$T/x.csv"
expect_usage eeg-fft --window triangle "$T/x.csv"
expect_usage eeg-fft --power --log "$T/x.csv"
expect_usage eeg-fft --freq 45-1 "$T/x.csv"
expect_usage eeg-fft --freq 1 "$T/x.csv"
expect_usage eeg-fft --bands alpha "$T/x.csv"
expect_usage eeg-fft --bands a:1-2,a:2-3 "$T/x.csv"
expect_usage eeg-fft --bands default --freq 1-45 "$T/x.csv"
expect_usage eeg-fft --welch 0 "$T/x.csv"
expect_usage eeg-fft --steps 0 "$T/x.csv"
expect_usage eeg-fft --rate 0 "$T/x.csv"
expect_usage eeg-fft --profile bird2019 "$T/x.csv"
expect_usage eeg-fft --profile bird2018 -w 2 "$T/x.csv"
expect_usage eeg-fft --profile bird2018 --log "$T/x.csv"
expect_usage eeg-fft --no-such-option "$T/x.csv"
