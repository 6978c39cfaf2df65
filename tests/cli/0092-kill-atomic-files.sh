#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Files that matter survive kill -9: 100 trials each of eeg-train -o MODEL (with
# --checkpoint, so the model is rewritten as it improves) and eeg-scale -f PARAMS, killed at
# a random moment: half uniformly over the run, half just after the temporary file appears
# (while the file is being written). After each kill the target is the old file or the
# new one, and loads; the only other files are temporary ones, at most one per kill, each
# named TARGET.tmp.XXXXXX (how a stale one is recognised: that name, beside the target,
# held open by no process; deleting it is safe). At least 10 kills of each tool must land
# during the write (a temp file left) and 10 after it: trials go on past 100 (up to 600)
# until they have.
. "$(dirname "$0")/lib.sh"
py "${EEG_TOP:-.}/tests/ref/seqtask.py" memory 200 1 4 2 >"$T/train.eeg"
eeg-synth -n 30 -r 256 --subjects 1 --sessions 1 --states relaxed -o "$T/raw.eeg"
eeg-fft -w 0.25 -s 0.05 "$T/raw.eeg" >"$T/feat.eeg"
# the old files, and the new scaler every finished run writes
eeg-train --model gru --units 4 --epochs 1 -o "$T/old.model" "$T/train.eeg" 2>/dev/null
eeg-scale -m minmax -f "$T/old.scale" "$T/feat.eeg" >/dev/null
eeg-scale -f "$T/new.scale" "$T/feat.eeg" >/dev/null
cmp -s "$T/old.scale" "$T/new.scale" && fail "old and new scaler files are the same"

py - "$T" <<'PYEOF'
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

T = sys.argv[1]
rng = random.Random(92)
# A sanitized build (make SAN=1) checks leaks at a tool's end by stopping its threads; a kill
# then leaves the checker's "Unable to get registers" behind: no leak checks in the processes
# killed here (the runs that load the files keep theirs).
killed_env = dict(os.environ)
if "ASAN_OPTIONS" in killed_env:
    killed_env["ASAN_OPTIONS"] += ":detect_leaks=0"
DEVNULL = subprocess.DEVNULL


def loads(kind, path):
    if kind == "model":
        cmd = ["eeg-train", "--info", path]
    else:
        cmd = ["eeg-scale", "-a", path, T + "/feat.eeg"]
    return subprocess.run(cmd, stdout=DEVNULL, stderr=DEVNULL).returncode == 0


def trials(kind, cmd, old, new_bytes, n=100):
    d = T + "/" + kind
    os.makedirs(d)
    target = d + "/out." + kind
    shutil.copy(old, target)
    old_bytes = open(old, "rb").read()
    tmp = re.compile(re.escape("out." + kind) + r"\.tmp\.[A-Za-z0-9]{6}$")
    # how long a whole run takes, for the uniform kills
    t0 = time.monotonic()
    subprocess.run(cmd(target), stdout=DEVNULL, stderr=DEVNULL, check=True)
    run = time.monotonic() - t0
    shutil.copy(old, target)
    stale = set()
    phase = {"before": 0, "during": 0, "after": 0}
    i = -1
    # n trials, and more (up to 6n) until 10 kills have landed during the write and 10
    # after it: how often a kill hits the write's short window depends on the machine's
    # speed and load (a quiet machine writes faster), not on the code under test
    while True:
        i += 1
        if i >= n and (min(phase["during"], phase["after"]) >= 10 or i >= 6 * n):
            break
        p = subprocess.Popen(cmd(target), stdout=DEVNULL, stderr=DEVNULL, env=killed_env)
        if i % 2:
            time.sleep(rng.uniform(0, 1.2 * run))
        else:
            # just after the temporary file appears (or the run ends)
            end = time.monotonic() + 5
            while p.poll() is None and time.monotonic() < end:
                if any(tmp.match(f) and f not in stale for f in os.listdir(d)):
                    break
            time.sleep(rng.uniform(0, 0.0001))
        p.send_signal(signal.SIGKILL)
        p.wait()
        files = set(os.listdir(d))
        new_tmp = {f for f in files if tmp.match(f)} - stale
        others = files - stale - new_tmp - {"out." + kind}
        assert not others, "trial %d: unexpected files %s" % (i, sorted(others))
        assert len(new_tmp) <= 1, "trial %d: %d temp files from one kill" % (i, len(new_tmp))
        assert "out." + kind in files, "trial %d: the target is gone" % i
        got = open(target, "rb").read()
        if got == old_bytes:
            phase["during" if new_tmp else "before"] += 1
        else:
            assert new_bytes is None or got == new_bytes, \
                "trial %d: the target is neither the old nor the new file" % i
            assert loads(kind, target), "trial %d: the new target does not load" % i
            phase["during" if new_tmp else "after"] += 1
            shutil.copy(old, target)        # the old file again for the next trial
        stale |= new_tmp
    assert loads(kind, old)
    # what a kill leaves is recognisable and nobody holds it: safe to delete
    paths = {os.path.join(d, f) for f in stale}
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            fds = os.listdir("/proc/%s/fd" % pid)
        except OSError:
            continue        # gone, or not ours to read
        for f in fds:
            try:
                link = os.readlink("/proc/%s/fd/%s" % (pid, f))
            except OSError:
                continue
            assert link not in paths, "a stale temp file is held open by %s" % pid
    print("%s: %d trials, killed before the write %d, during %d (%d stale temp files), "
          "after %d; a run takes %.3f s" % (kind, i, phase["before"], phase["during"],
                                            len(stale), phase["after"], run))
    for k in ("during", "after"):
        assert phase[k] >= 10, "%s: %d kills landed %s the write" % (kind, phase[k], k)


train = lambda out: ["eeg-train", "--model", "gru", "--units", "48", "--epochs", "4",
                     "--threads", "1", "--val", T + "/train.eeg", "--checkpoint",
                     "best-val-acc", "-o", out, T + "/train.eeg"]
scale = lambda out: ["eeg-scale", "-f", out, T + "/feat.eeg"]
trials("model", train, T + "/old.model", None)
trials("scale", scale, T + "/old.scale", open(T + "/new.scale", "rb").read())
PYEOF
