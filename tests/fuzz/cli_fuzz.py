#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""cli_fuzz: mutation fuzzing of the tools themselves (the cmd/*.c code the library
harnesses do not reach), best with sanitized binaries (tests/tmp/san/bin of `make SAN=1`).

Usage: cli_fuzz.py BINDIR SEEDDIR [N] [SEED]
  BINDIR   the tools to run (e.g. tests/tmp/san/bin, built by `make SAN=1`)
  SEEDDIR  valid inputs: *.eeg streams, pred*.eeg prediction streams, *.csv tables,
           model (a model file), scale (a scaler file)
Each of N rounds mutates one seed (byte flips, cuts, splices, header line edits, frame
label/group rewrites, concatenation) and runs every tool that reads it. A finding is an
exit status other than 0 or 1, a timeout (10 s), exit 1 without exactly one stderr line
"tool: file: where: what", or a sanitizer report (ASAN_OPTIONS/UBSAN_OPTIONS log_path is
set here). Findings are copied to SEEDDIR/../findings with the command line.
"""
import glob
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

MAGIC = b"\x89EEG\r\n\x1a\n"


def mutate(r, data, seeds):
    b = bytearray(data)
    k = r.randrange(9)
    if k == 0 and b:			# flip a few bytes
        for _ in range(r.randrange(1, 8)):
            b[r.randrange(len(b))] = r.randrange(256)
    elif k == 1 and b:			# cut
        b = b[:r.randrange(len(b))]
    elif k == 2:			# insert a run of bytes
        i = r.randrange(len(b) + 1)
        b[i:i] = bytes([r.randrange(256)]) * r.randrange(1, 300)
    elif k == 3 and len(b) >= 16 and b.startswith(MAGIC):	# edit a header line
        n = struct.unpack("<I", b[12:16])[0]
        body = bytes(b[16:16 + n]).split(b"\n")
        i = r.randrange(len(body))
        body[i] = r.choice([b"shape=%d" % r.choice([1, 3, 7, 1 << 24, (1 << 24) + 1]),
                            b"shape=2x2x2", b"shape=0", b"class=" + b"x" * r.randrange(5000),
                            b"group=", b"rate=%r" % r.choice([0.0, 1e-300, 1e300, 256.0]),
                            b"window=1e-9", b"hop=1e12", b"column=a", b"dtype=f64", b"",
                            body[i] * 2, b"history=" + bytes(r.randrange(32, 127)
                                                             for _ in range(50))])
        body = b"\n".join(body)
        b = b[:12] + struct.pack("<I", len(body)) + body + b[16 + n:]
    elif k == 4 and len(b) > 40:	# rewrite a label or group index somewhere
        i = r.randrange(16, len(b) - 4)
        b[i:i + 4] = struct.pack("<i", r.choice([-2, -1, 0, 1, 2, 3, 1 << 30, -(1 << 31)]))
    elif k == 5:			# concatenate with another seed
        b += r.choice(seeds)
    elif k == 6 and b:			# duplicate a chunk
        i = r.randrange(len(b))
        j = min(len(b), i + r.randrange(1, 200))
        b[j:j] = b[i:j]
    elif k == 7 and b:			# NaN / Inf / huge floats
        i = r.randrange(len(b))
        b[i:i + 4] = struct.pack("<f", r.choice([float("nan"), float("inf"), 3e38, -0.0, 1e-45]))
    else:				# text edits for CSV and scaler files
        t = bytes(b).split(b"\n")
        if t:
            i = r.randrange(len(t))
            t[i] = r.choice([b"", b",,,", b'"', b'"a\nb"', b"1e999", b"-", b"nan", b" ",
                             b"\x00", t[i] + b"," + t[i], b"set=", b"shape=16777216",
                             b"frames=0", b"0 0", b"1 1e-320", b"end=eegpipe-scale"])
            b = bytearray(b"\n".join(t))
    return bytes(b)


def main():
    bindir, seeddir = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    r = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    work = tempfile.mkdtemp(prefix="eegclifuzz.")
    san = os.path.join(work, "san")
    os.mkdir(san)
    found = os.path.join(seeddir, "..", "findings")
    os.makedirs(found, exist_ok=True)
    env = dict(os.environ, LC_ALL="C", OPENBLAS_NUM_THREADS="1",
               ASAN_OPTIONS="log_path=%s/asan:exitcode=86:detect_leaks=0" % san,
               UBSAN_OPTIONS="log_path=%s/ubsan:print_stacktrace=1" % san)
    model = os.path.join(seeddir, "model")
    scale = os.path.join(seeddir, "scale")
    streams = sorted(glob.glob(os.path.join(seeddir, "*.eeg")))
    tables = sorted(glob.glob(os.path.join(seeddir, "*.csv")))
    seeds = [open(f, "rb").read() for f in streams + tables]
    out = lambda f: os.path.join(work, f)
    stream_tools = [
        ["eeg-cat", "@"], ["eeg-cat", "-t", "@"], ["eeg-cat", "--info", "@"],
        ["eeg-cat", "--npy", out("o.npy"), "@"], ["eeg-select", "@"],
        ["eeg-select", "-l", "a,b", "-r", "2x2", "-c", "x*", "@"],
        ["eeg-scale", "-f", out("o.scale"), "@"], ["eeg-scale", "-p", "@"],
        ["eeg-scale", "-m", "minmax", "@"],
        ["eeg-split", "--train", out("A"), "--test", out("B"), "@"],
        ["eeg-split", "--train", out("A"), "--test", out("B"), "--stratify", "@"],
        ["eeg-split", "--train", out("A"), "--test", out("B"), "--by-group", "@"],
        ["eeg-split", "--train", out("A"), "--test", out("B"), "--blocks", "--gap", "1", "@"],
        ["eeg-split", "--train", out("A"), "--test", out("B"), "--folds", "3", "--fold", "1", "@"],
        ["eeg-train", "--model", "gru", "--units", "2", "--epochs", "1", "-o", out("o.m"), "@"],
        ["eeg-metrics", "@"], ["eeg-fft", "-w", "0.05", "-s", "0.05", "@"],
    ]
    if os.path.exists(model):
        stream_tools.append(["eeg-predict", model, "@"])
    if os.path.exists(scale):
        stream_tools.append(["eeg-scale", "-a", scale, "@"])
    table_tools = [["eeg-csv", "@"], ["eeg-csv", "-w", "1", "-s", "0.5", "@"],
                   ["eeg-fft", "-w", "0.05", "-s", "0.05", "@"],
                   ["eeg-fft", "--rate", "256", "-w", "0.05", "-s", "0.05", "@"]]
    file_tools = []
    if os.path.exists(model):
        file_tools += [(model, ["eeg-train", "--info", "@"])]
    if os.path.exists(scale) and streams:
        file_tools += [(scale, ["eeg-scale", "-a", "@", streams[0]])]
    nrun = nfind = 0
    for it in range(n):
        pick = r.randrange(10)
        if pick < 6 and streams:
            src = r.choice(streams)
            tools = stream_tools
        elif pick < 8 and tables:
            src = r.choice(tables)
            tools = table_tools
        elif file_tools:
            src, cmd = r.choice(file_tools)
            tools = [cmd]
        else:
            continue
        data = mutate(r, open(src, "rb").read(), seeds)
        if r.randrange(4) == 0:
            data = mutate(r, data, seeds)
        inp = out("in" + os.path.splitext(src)[1])
        with open(inp, "wb") as f:
            f.write(data)
        for t in tools:
            argv = [os.path.join(bindir, t[0])] + [inp if a == "@" else a for a in t[1:]]
            nrun += 1
            why = None
            try:
                p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=env, timeout=10)
                err = p.stderr.decode("utf-8", "replace")
                lines = err.split("\n")[:-1] if err.endswith("\n") else err.split("\n")
                if p.returncode not in (0, 1):
                    why = "exit %d" % p.returncode
                elif p.returncode == 1 and (len(lines) != 1 or
                                            not lines[0].startswith(t[0] + ": ")):
                    why = "exit 1 with %d stderr lines: %r" % (len(lines), err[:300])
            except subprocess.TimeoutExpired:
                why = "timeout (10 s)"
            reports = os.listdir(san)
            if reports:
                why = (why or "") + " sanitizer: " + open(os.path.join(san, reports[0]),
                                                          errors="replace").read()[:2000]
                for f in reports:
                    os.remove(os.path.join(san, f))
            for f in glob.glob(out("o.*")) + glob.glob(out("A*")) + glob.glob(out("B*")):
                os.remove(f)
            if why:
                nfind += 1
                name = os.path.join(found, "finding-%d%s" % (nfind, os.path.splitext(src)[1]))
                shutil.copy(inp, name)
                with open(name + ".txt", "w") as f:
                    f.write(" ".join(t).replace("@", name) + "\n" + why + "\n")
                print("FINDING %s: %s: %s" % (name, " ".join(t), why.splitlines()[0][:300]))
                sys.stdout.flush()
    shutil.rmtree(work)
    print("cli_fuzz: %d rounds, %d runs, %d findings" % (n, nrun, nfind))


if __name__ == "__main__":
    main()
