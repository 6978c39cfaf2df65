#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-fft on a live stdin into a pipe: frames come out while the input is still open (the
# writer waits for the first frames before sending the rest), the same frames as from a file.
# (Output to a regular file is written in blocks: see eeg-tensor(5).)
. "$(dirname "$0")/lib.sh"
py - "$T" <<'PY'
import subprocess, sys, threading, time, os
T = sys.argv[1]
rows = ["timestamps,TP9,AF7,AF8,TP10,Right AUX\n"] + [
    "%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n" % (1500000000 + i / 256, (i * 7) % 13, (i * 3) % 5, i % 9, (i * 5) % 7, i % 2)
    for i in range(256 * 6)]
open(T + "/all.csv", "w").writelines(rows)
for args, name, minsize in ((["-w", "1", "-s", "0.5"], "spec", 2000), (["--profile", "bird2018"], "bird", 2 * 10200)):
    p = subprocess.Popen(["eeg-fft"] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    got = []
    th = threading.Thread(target=lambda: got.extend(iter(lambda: p.stdout.read1(65536), b"")))
    th.start()
    p.stdin.write("".join(rows[:256 * 3 + 1]).encode())
    p.stdin.flush()
    t0 = time.time()
    while sum(map(len, got)) < minsize:
        if time.time() - t0 > 30:
            p.kill()
            sys.exit("%s: no frame within 30 s of 3 s of input: not streaming" % name)
        time.sleep(0.05)
    p.stdin.write("".join(rows[256 * 3 + 1:]).encode())
    p.stdin.close()
    th.join()
    assert p.wait() == 0
    open(T + "/" + name + ".eeg", "wb").write(b"".join(got))
    with open(T + "/" + name + ".file.eeg", "wb") as f:
        subprocess.run(["eeg-fft"] + args + [T + "/all.csv"], stdout=f, check=True)
PY
py - "$EEG_TOP/tests/ref" "$T" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from bird2018 import read_parts
T = sys.argv[2]
for name, n in (("spec", 11), ("bird", 9)):
    a, b = read_parts(T + "/" + name + ".eeg")[0], read_parts(T + "/" + name + ".file.eeg")[0]
    assert len(a["x"]) == n and (a["x"] == b["x"]).all() and (a["time"] == b["time"]).all(), (name, len(a["x"]))
PY
