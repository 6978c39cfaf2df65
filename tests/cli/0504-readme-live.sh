#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's live example, as written (only its -n 3 made -n 60), with its output into a
# pipe: predictions come while the source still plays, one per window in order with its
# Unix time; Ctrl-C (SIGINT to the whole pipeline) then ends it quietly, whole lines only.
. "$(dirname "$0")/lib.sh"
. "$EEG_TOP/tests/ref/livesetup.sh"
D=$T
live_model "$D"
cp "$D/z.par" "$T/scale.par"
cp "$D/m" "$T/lstm.model"
cmd=$(sed -n '/<!-- test: readme-live -->/,/^```$/p' "$EEG_TOP/README.md" | sed -n 's/^\$ //p')
case $cmd in *"eeg-synth --realtime -n 3 "*"| eeg-cat -t --unix-time") ;;
	*) fail "README's live example not found: '$cmd'" ;; esac
cmd=$(echo "$cmd" | sed 's/--realtime -n 3 /--realtime -n 60 /')
py - "$T" "$cmd" <<'PY'
import os, signal, subprocess, sys, time
T, cmd = sys.argv[1:]
p = subprocess.Popen(["sh", "-c", cmd], cwd=T, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     start_new_session=True)
t0 = time.time()
lines = [p.stdout.readline() for _ in range(4)]   # the title and 3 predictions
assert lines[0].startswith(b"label,group,time,p_"), lines[0]
assert p.poll() is None and time.time() - t0 < 50, "the source had ended: not live"
os.killpg(p.pid, signal.SIGINT)
lines += p.stdout.readlines()
p.wait(timeout=30)
err = p.stderr.read()
assert err == b"", err
times = [float(l.split(b",")[2]) for l in lines[1:]]
assert all(l.endswith(b"\n") and l.count(b",") == 5 for l in lines), lines[-1]
assert times == [1533000000 + 0.5 * k for k in range(len(times))], times
print("%d predictions while the source played, then a quiet end" % len(times))
PY
