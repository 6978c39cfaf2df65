#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth error paths: bad options exit 2 with one line naming the option, output that
# cannot be made or written exits 1 with one line "eeg-synth: <file>: <where>: <what>",
# and no temporary files are left behind.
. "$(dirname "$0")/lib.sh"

expect_usage eeg-synth --no-such-option
expect_usage eeg-synth extra-operand
expect_error 2 '^eeg-synth: -n: ' eeg-synth -n 0
expect_error 2 '^eeg-synth: -n: ' eeg-synth -n x
expect_error 2 '^eeg-synth: -r: ' eeg-synth -r 10
expect_error 2 '^eeg-synth: --subjects: ' eeg-synth --subjects 0
expect_error 2 '^eeg-synth: --sessions: ' eeg-synth --sessions -1
expect_error 2 '^eeg-synth: --seed: ' eeg-synth --seed -3
expect_error 2 "^eeg-synth: --states: unknown state 'happy'" eeg-synth --states relaxed,happy
expect_error 2 "^eeg-synth: --states: 'relaxed' given twice" eeg-synth --states relaxed,relaxed
expect_error 2 "^eeg-synth: --states: empty name in ','\$" eeg-synth --states ,
expect_error 2 "^eeg-synth: --states: empty name in 'relaxed,'\$" eeg-synth --states relaxed,
expect_error 2 '^eeg-synth: --line: 55 Hz' eeg-synth --line 55
expect_error 2 '^eeg-synth: --line 60 Hz needs a rate above 120 Hz' eeg-synth -r 110 --line 60
expect_error 2 "^eeg-synth: --format: unknown format 'mp3'" eeg-synth --format mp3
expect_error 2 '^eeg-synth: 24 recordings need -o DIR for --format muse' eeg-synth --format muse
expect_error 2 '^eeg-synth: 2 recordings need -o DIR' eeg-synth --subjects 1 --sessions 1 \
    --states relaxed,neutral -o "$T/two.csv"
expect_error 2 'whole number of samples' eeg-synth -r 256.5 --format wav -o "$T/w"

# output that cannot be made or written: exit 1, one line
touch "$T/plain"
expect_error 1 "^eeg-synth: $T/plain: not a directory\$" eeg-synth -n 1 --format muse -o "$T/plain"
expect_error 1 "^eeg-synth: $T/plain/sub: mkdir: Not a directory\$" eeg-synth -n 1 --format wav \
    -o "$T/plain/sub"
expect_error 1 "^eeg-synth: $T/nodir/x.eeg: create: No such file or directory\$" eeg-synth -n 1 \
    -o "$T/nodir/x.eeg"
expect_error 1 '^eeg-synth: stdout: write: No space left on device$' sh -c \
    'eeg-synth -n 1 >/dev/full'
expect_error 1 '^eeg-synth: stdout: write: No space left on device$' sh -c \
    'eeg-synth -n 1 --subjects 1 --sessions 1 --states neutral --format muse >/dev/full'
expect_error 1 '^eeg-synth: /dev/full: write: No space left on device$' eeg-synth -n 1 -o /dev/full
if [ "$(id -u)" != 0 ]; then	# root writes anywhere
	mkdir "$T/ro" && chmod 555 "$T/ro"
	expect_error 1 "^eeg-synth: $T/ro/subjecta-relaxed-1.csv: create: Permission denied\$" \
	    eeg-synth -n 1 --format muse -o "$T/ro"
fi
# a closed pipe ends eeg-synth quietly, killed by SIGPIPE as cat is (status 141)
{ set +e; eeg-synth -n 60 2>"$T/e"; echo $? >"$T/rc"; } | head -c 10 >/dev/null
[ "$(cat "$T/rc")" = 141 ] || fail "closed pipe: exit $(cat "$T/rc"), want 141"
[ ! -s "$T/e" ] || fail "closed pipe: a message: $(cat "$T/e")"
# nothing half-written is left
left=$(find "$T" -mindepth 1 -name '*.??????' -newer "$T/plain")
[ -z "$left" ] || fail "temporary files left: $left"
