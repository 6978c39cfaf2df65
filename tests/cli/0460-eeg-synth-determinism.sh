#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth: the same seed gives byte-identical output in every format, a different seed
# does not, a recording does not depend on which others are generated, and --realtime only
# paces (same bytes).
. "$(dirname "$0")/lib.sh"

expect_help eeg-synth
eeg-synth -n 2 --subjects 2 --seed 7 >"$T/a.eeg"
eeg-synth -n 2 --subjects 2 --seed 7 >"$T/b.eeg"
cmp "$T/a.eeg" "$T/b.eeg" || fail "same seed, different tensor streams"
eeg-synth -n 2 --subjects 2 --seed 7 -o "$T/c.eeg"
[ -s "$T/c.eeg" ] || fail "-o file.eeg: nothing written"
eeg-synth -n 2 --subjects 2 --seed 8 >"$T/d.eeg"
cmp -s "$T/a.eeg" "$T/d.eeg" && fail "seeds 7 and 8 give the same stream"
[ "$(wc -c <"$T/a.eeg")" -gt 100000 ] || fail "stream too short: $(wc -c <"$T/a.eeg") bytes"

fmts="muse wav flac w64 aiff au caf"
for f in $fmts; do
	eeg-synth -n 2 --subjects 2 --sessions 1 --seed 7 --format $f -o "$T/$f.1"
done
sleep 1	# a second later: a file format that stores the time of writing would differ
for f in $fmts; do
	eeg-synth -n 2 --subjects 2 --sessions 1 --seed 7 --format $f -o "$T/$f.2"
	eeg-synth -n 2 --subjects 2 --sessions 1 --seed 9 --format $f -o "$T/$f.3"
	n=0
	for p in "$T/$f.1"/*; do
		b=$(basename "$p")
		cmp "$p" "$T/$f.2/$b" || fail "$f: $b differs between runs with one seed"
		cmp -s "$p" "$T/$f.3/$b" && fail "$f: $b same for seeds 7 and 9"
		n=$((n + 1))
	done
	[ "$n" = 6 ] || fail "$f: $n files, want 6"
done

# one recording alone has the same values as in a bigger run (per-recording random
# streams; only its start time depends on its place in the run)
eeg-synth -n 2 --subjects 2 --sessions 1 --seed 7 --states concentrating --format muse \
    -o "$T/one"
cut -d, -f2- "$T/muse.1/subjectb-concentrating-1.csv" >"$T/x1"
cut -d, -f2- "$T/one/subjectb-concentrating-1.csv" >"$T/x2"
cmp "$T/x1" "$T/x2" || fail "a recording depends on the others generated"

# --realtime paces but writes the same bytes (CSV: no command line in it)
eeg-synth -n 0.5 --subjects 1 --sessions 1 --states relaxed --seed 3 --format muse >"$T/r1.csv"
eeg-synth -n 0.5 --subjects 1 --sessions 1 --states relaxed --seed 3 --format muse \
    --realtime >"$T/r2.csv"
cmp "$T/r1.csv" "$T/r2.csv" || fail "--realtime changes the output"
[ "$(wc -l <"$T/r1.csv")" = 129 ] || fail "0.5 s at 256 Hz: $(wc -l <"$T/r1.csv") lines, want 129"
