#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-osc on 127.0.0.1: real OSC packets (time-tagged bundles paced by liblo's oscsendfile,
# single messages from oscsend) as Mind Monitor sends them; the stream holds the samples
# sent, in order, with times one period apart from a t0 of now; markers go to -m's CSV;
# a non-finite or malformed sample, a datagram that is not OSC and a marker name that is
# not a word are left out with a warning; SIGINT ends it with the
# samples so far; into eeg-fft it gives the windows of the same samples read from a CSV.
. "$(dirname "$0")/lib.sh"
command -v oscsendfile >/dev/null && command -v oscsend >/dev/null ||
	skip "no oscsendfile/oscsend (Debian liblo-tools)"
# a free UDP port, and a wait until eeg-osc has bound it
port() { py -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
bound() {
	py - "$1" <<'PY' || fail "eeg-osc did not bind port $1 within 30 s"
import errno, socket, sys, time
t0 = time.time()
while time.time() - t0 < 30:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("0.0.0.0", int(sys.argv[1])))
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            sys.exit(0)
        raise
    finally:
        s.close()
    time.sleep(0.02)
sys.exit(1)
PY
}
# 600 samples at 256 Hz, time tags 1/256 s apart, with a blink, a jaw clench, a marker
# button, a sample with a NaN and one with 5 values among them
py - "$T/send.txt" <<'PY'
import sys
out = open(sys.argv[1], "w")
for i in range(600):
    tt = 0xE1234A00 * 2**32 + i * 2**32 // 256
    w = lambda path, types, *v: out.write("%08x.%08x %s %s %s\n" % (tt >> 32, tt & 0xffffffff, path, types, " ".join(map(str, v))))
    if i == 100: w("/muse/elements/blink", "i", 1)
    if i == 300: w("/muse/elements/jaw_clench", "i", 1)
    if i == 400: w("/Marker/1", "i", 1)
    if i == 200: w("/muse/eeg", "ffff", 1, 2, "nan", 4)
    if i == 250: w("/muse/eeg", "fffff", 1, 2, 3, 4, 5)
    if i == 350: w("/muse/elements/alpha_absolute", "f", 0.5)
    w("/muse/eeg", "ffff", i / 4, 1000 - i / 8, -i / 2, 500 + i)
PY
p=$(port)
t_before=$(date +%s)
eeg-osc -p "$p" -n 600 -m "$T/markers.csv" >"$T/osc.eeg" 2>"$T/osc.err" &
pid=$!
bound "$p"
oscsendfile 127.0.0.1 "$p" "$T/send.txt" 1
wait $pid || fail "eeg-osc: exit $?: $(cat "$T/osc.err")"
t_after=$(date +%s)
[ "$(wc -l <"$T/osc.err")" = 2 ] &&
	grep -q '^eeg-osc: warning: udp port [0-9]*: sample 201: AF8 is not a finite number' "$T/osc.err" &&
	grep -q '^eeg-osc: warning: udp port [0-9]*: /muse/eeg with 5 values, not 4: messages like it are left out$' "$T/osc.err" ||
	fail "warnings: $(cat "$T/osc.err")"
py - "$T" "$t_before" "$t_after" <<'PY'
import os, sys
sys.path.insert(0, os.environ["EEG_TOP"] + "/tests/ref")
import numpy as np
from eegstream import read_stream
T, lo, hi = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
s = read_stream(T + "/osc.eeg")
assert s.shape == (4,) and s.rate == 256 and s.columns == ["TP9", "AF7", "AF8", "TP10"], (s.shape, s.rate, s.columns)
meta = dict(s.meta)
t0 = float(meta["t0"])
assert lo - 1 <= t0 <= hi + 1, (t0, lo, hi)
i = np.arange(600)
want = np.stack([i / 4, 1000 - i / 8, -i / 2, 500 + i], axis=1).astype(np.float32)
assert len(s.X) == 600 and (s.X == want).all(), "samples differ from those sent, or out of order"
# one period apart at most, two where the NaN sample before sample 200 was left out
dt = np.diff(s.time)
lim = np.full(599, 1 / 256 + 1e-6)
lim[199] *= 2
assert s.time[0] == 0 and (dt >= 0).all() and (dt <= lim).all(), (dt.min(), dt.max(), dt.argmax())
# sent at 256 Hz: times one period apart
assert s.time[-1] > 2.0, s.time[-1]
m = [l.rstrip("\n").split(",") for l in open(T + "/markers.csv")]
assert [x[1] for x in m] == ["blink", "jaw_clench", "marker 1"], m
tm = [float(x[0]) for x in m]
assert tm == sorted(tm) and t0 <= tm[0] and tm[-1] <= t0 + s.time[-1] + 1, (tm, t0)
print("600 samples in order, times 1/256 s apart from t0 %.3f, markers %s" % (t0, [x[1] for x in m]))
PY
# datagrams that are not OSC, and marker paths whose name would break the CSV (a comma, a
# newline: found by tests/fuzz/fuzz_osc), are left out: the first of each kind is reported,
# and at the end how many there were
p=$(port)
eeg-osc -p "$p" -n 3 -m "$T/bad.markers.csv" >"$T/bad.eeg" 2>"$T/bad.err" &
pid=$!
bound "$p"
py - "$p" <<'PY'
import socket, struct, sys
def s(x):
    b = x + b"\0"
    return b + b"\0" * (-len(b) % 4)
msg = lambda path, types, *v: s(path) + s(b"," + types) + struct.pack(">" + types.decode(), *v)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for d in (b"not OSC at all", b"\0\0\0\0", msg(b"/Marker/a,b\n1", b"i", 1), msg(b"/Marker/2", b"i", 1),
          msg(b"/Marker/", b"i", 1), msg(b"/muse/elements/blink", b"i", 1)) + tuple(
          msg(b"/muse/eeg", b"ffff", i, i + 1, i + 2, i + 3) for i in range(3)):
    u.sendto(d, ("127.0.0.1", int(sys.argv[1])))
PY
wait $pid || fail "eeg-osc: exit $?: $(cat "$T/bad.err")"
[ "$(wc -l <"$T/bad.err")" = 4 ] &&
	grep -q '^eeg-osc: warning: udp port [0-9]*: a datagram that is not OSC (liblo: .*): datagrams like it are left out$' "$T/bad.err" &&
	grep -q '^eeg-osc: warning: udp port [0-9]*: 2 datagrams left out (not OSC)$' "$T/bad.err" &&
	grep -q "^eeg-osc: warning: udp port [0-9]*: a /Marker path of 13 bytes, not /Marker/NAME (1 to 32 letters, digits, '_', '-', '.'): markers like it are left out$" "$T/bad.err" &&
	grep -q '^eeg-osc: warning: udp port [0-9]*: 2 markers left out (not /Marker/NAME)$' "$T/bad.err" ||
	fail "warnings: $(cat "$T/bad.err")"
[ "$(cut -d, -f2 "$T/bad.markers.csv" | tr '\n' ' ')" = "marker 2 blink " ] &&
	[ "$(eeg-cat -t "$T/bad.eeg" | wc -l)" = 4 ] ||
	fail "markers $(cat "$T/bad.markers.csv"), samples $(eeg-cat -t "$T/bad.eeg")"
# into eeg-fft: the windows of the same samples read from a CSV at 256 Hz
py - "$T/same.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("TP9,AF7,AF8,TP10\n")
    for i in range(600):
        f.write("%r,%r,%r,%r\n" % (i / 4, 1000 - i / 8, -i / 2, 500 + i))
PY
eeg-fft --bands default --log "$T/osc.eeg" | eeg-cat -t | cut -d, -f4- >"$T/osc.bands"
eeg-fft --bands default --log --rate 256 "$T/same.csv" | eeg-cat -t | cut -d, -f4- >"$T/csv.bands"
[ "$(wc -l <"$T/osc.bands")" = 4 ] || fail "$(wc -l <"$T/osc.bands") lines of bands, want 3 windows"
cmp -s "$T/osc.bands" "$T/csv.bands" || fail "eeg-fft of the OSC stream differs from the CSV's"
# SIGINT: the samples so far, whole, then the end (killed by SIGINT, nothing on stderr),
# each sample through the pipe while eeg-osc runs; 5 channels fixed by -c
p=$(port)
py - "$p" <<'PY'
import signal, subprocess, sys, time
port = sys.argv[1]
osc = subprocess.Popen(["eeg-osc", "-p", port, "-c", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
cat = subprocess.Popen(["eeg-cat", "-t"], stdin=osc.stdout, stdout=subprocess.PIPE)
osc.stdout.close()
import errno, socket
for _ in range(1500):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("0.0.0.0", int(port)))
        s.close()
        time.sleep(0.02)
    except OSError:
        s.close()
        break
for i in range(20):
    subprocess.run(["oscsend", "127.0.0.1", port, "/muse/eeg", "fffff"] + [str(i + k) for k in range(5)], check=True)
    line = cat.stdout.readline() if i else (cat.stdout.readline(), cat.stdout.readline())[1]
    assert line.rstrip().split(b",")[3:] == [b"%d" % (i + k) for k in range(5)], (i, line)
osc.send_signal(signal.SIGINT)
rest = cat.stdout.read()
assert osc.wait(timeout=30) == -signal.SIGINT and cat.wait() == 0 and rest == b"", (osc.returncode, rest)
assert osc.stderr.read() == b""
print("SIGINT after 20 samples, each out as it came")
PY
expect_usage eeg-osc -c 3
expect_usage eeg-osc -p 0
expect_usage eeg-osc extra
# a port in use is one error line
p=$(port)
py -c 'import socket, sys, subprocess; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", int(sys.argv[1]))); r = subprocess.run(["eeg-osc", "-p", sys.argv[1]], capture_output=True); sys.exit(r.returncode != 1 or r.stdout or len(r.stderr.splitlines()) != 1 or not r.stderr.startswith(b"eeg-osc: udp port %s: bind: " % sys.argv[1].encode()))' "$p" ||
	fail "a port in use is not one error line"
