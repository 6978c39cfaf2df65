#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A closed downstream ends every tool quietly, killed by SIGPIPE as cat is (status 141, no
# message): each tool into `head -c 1`, and a live pipeline whose last reader is killed.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
eeg-synth --subjects 1 --sessions 1 --states relaxed -n 300 --format muse -o "$T/long.csv"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo "$D/bands.z.eeg"; done |
	xargs eeg-cat >"$T/many.z.eeg"
awk 'BEGIN { print "a,b"; for (i = 0; i < 100000; i++) print i "," i * 2 }' >"$T/big.csv"
eeg-csv "$T/big.csv" >"$T/big.eeg"
eeg-scale --fit "$T/big.par" <"$T/big.eeg" >/dev/null
# closed: TOOL ARGS... runs the tool into head -c 1; its status must be 141, stderr empty
closed() {
	{ st=0; "$@" 2>"$T/closed.err" || st=$?; echo $st >"$T/closed.st"; } | head -c 1 >/dev/null
	[ "$(cat "$T/closed.st")" = 141 ] || fail "$*: exit $(cat "$T/closed.st"), want 141: $(cat "$T/closed.err")"
	[ ! -s "$T/closed.err" ] || fail "$*: a message: $(cat "$T/closed.err")"
}
closed eeg-cat "$T/big.eeg"
closed eeg-cat -t "$T/big.eeg"
closed eeg-select -c b "$T/big.eeg"
closed eeg-scale --apply "$T/big.par" "$T/big.eeg"
closed eeg-scale --fit "$T/big2.par" "$T/big.eeg"
closed eeg-csv "$T/big.csv"
closed eeg-fft "$T/long.csv"
closed eeg-predict --threads 1 "$D/m" "$T/many.z.eeg"
closed eeg-synth -n 600
closed sh -c 'eeg-cat "$1" | eeg-select -c b' sh "$T/big.eeg"
! ls "$T" | grep -q 'big2\.par\.' || fail "a temporary file is left: $(ls "$T")"
# a live pipeline (paced source) whose last process is killed: each one before it ends
# quietly by SIGPIPE once it next writes
py - "$D" <<'PY'
import os, signal, subprocess, sys, time
D = sys.argv[1]
cmds = [["eeg-synth", "--realtime", "-n", "60", "--subjects", "1", "--sessions", "1",
         "--states", "relaxed", "--format", "tensor"],
        ["eeg-fft", "--bands", "default", "--log"],
        ["eeg-scale", "--apply", D + "/z.par"],
        ["eeg-predict", "--threads", "1", D + "/m"],
        ["eeg-cat", "-t"]]
procs, prev = [], None
for c in cmds:
    p = subprocess.Popen(c, stdin=prev, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if prev is not None:
        prev.close()
    prev = p.stdout
    procs.append(p)
lines = [prev.readline() for _ in range(3)]   # title and two predictions: the pipeline runs
assert lines[2].count(b",") == 5, lines
procs[-1].kill()
procs[-1].wait()
prev.close()
for c, p in zip(cmds[:-1], procs[:-1]):
    try:
        st = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        sys.exit("FAIL: %s still runs 30 s after its reader died" % c[0])
    err = p.stderr.read()
    if st != -signal.SIGPIPE or err:
        sys.exit("FAIL: %s: status %s, stderr %r" % (c[0], st, err))
print("killed downstream: every process ended by SIGPIPE, quietly")
PY
