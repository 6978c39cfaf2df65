# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the EXAMPLES of the man pages, as the README's blocks are run (docs cannot go stale).

    manex.py FIXTURE WORKDIR PAGE...

Each page's examples run in order in a fresh copy of the FIXTURE directory (the files they
name: recordings, streams, splits, models; tests/ref/man_fixture.sh makes it). An example
is one `.Bd -literal` block of the EXAMPLES section, or one `.Dl` line.
- `.\\" not run: WHY` on the line before an example leaves it out; WHY is printed (the
  page itself says so to its reader too).
- `.\\" run: python` runs the block with Debian's python3.
- A block whose first line starts with `$ ` shows a session: each `$ ` command (with its
  continuation lines) is followed by the output it must print (compared as readme.py
  does: numbers within 5% or 0.03, other text exactly).
- Any other block is one shell script.
Every example must exit 0 within 120 s (bash -e -o pipefail: every stage of a pipeline;
a stage stopped by SIGPIPE is not a failure), and every file it writes with `>` must exist and
not be empty afterwards; a `not run` marker must name its reason.
Prints one line per page and exits 1 on any failure.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from readme import same  # noqa: E402

PY = os.environ.get("PYTHON", "/usr/bin/python3")


def unescape(line):
    """mdoc text as typed at a shell: \\e is a backslash, \\& nothing, \\- a minus."""
    line = line.replace("\\e", "\x00").replace("\\&", "").replace("\\-", "-")
    line = line.replace("\\(aq", "'").replace("\\(dq", '"')
    return line.replace("\x00", "\\")


def examples(path):
    """(kind, reason, lines) for each example of the page's EXAMPLES section."""
    lines = open(path).read().splitlines()
    try:
        i = lines.index(".Sh EXAMPLES") + 1
    except ValueError:
        return []
    out, marker = [], None
    while i < len(lines) and not lines[i].startswith(".Sh "):
        ln = lines[i]
        m = re.match(r'^\.\\" (not run|run): ?(.*)$', ln)
        if m:
            marker = (m.group(1), m.group(2).strip())
        elif ln.startswith(".Bd -literal"):
            body = []
            i += 1
            while not lines[i].startswith(".Ed"):
                body.append(unescape(lines[i]))
                i += 1
            out.append((marker, body))
            marker = None
        elif ln.startswith(".Dl "):
            out.append((marker, [unescape(ln[4:])]))
            marker = None
        i += 1
    return out


def complete(cmd):
    """Whether cmd is a whole shell command (no open quote, loop, pipe or backslash)."""
    if cmd.rstrip().endswith(("|", "\\", "&&", "||")):
        return False
    return subprocess.run(["sh", "-n", "-c", cmd], stderr=subprocess.DEVNULL).returncode == 0


def session(body):
    """[(command, expected output lines)] of a `$ ` block."""
    steps, i = [], 0
    while i < len(body):
        assert body[i].startswith("$ "), f"expected a '$ ' command: {body[i]!r}"
        cmd = body[i][2:]
        i += 1
        while not complete(cmd) and i < len(body):
            cmd += "\n" + body[i]
            i += 1
        want = []
        while i < len(body) and not body[i].startswith("$ "):
            want.append(body[i])
            i += 1
        steps.append((cmd, want))
    return steps


def written(cmd):
    """Files a command writes with > or >> (outside quotes; not /dev/*, not 2>&1)."""
    lex = shlex.shlex(cmd, posix=True, punctuation_chars="|&;<>()")
    lex.whitespace_split = True
    toks = list(lex)
    return [t for op, t in zip(toks, toks[1:])
            if op in (">", ">>") and not t.startswith("/dev/") and t[0] not in "&|;<>"]


def run(cmd, cwd, python=False):
    argv = [PY, "-c", cmd] if python else ["bash", "-e", "-o", "pipefail", "-c", cmd]
    try:
        return subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, errors="replace", timeout=120)
    except subprocess.TimeoutExpired:
        return None


def page(path, fixture, work):
    name = os.path.basename(path)
    exs = examples(path)
    if not exs:
        return [f"{name}: no EXAMPLES"], 0, []
    cwd = os.path.join(work, name)
    shutil.copytree(fixture, cwd, symlinks=True)
    bad, ran, skipped = [], 0, []
    for marker, body in exs:
        text = "\n".join(body)
        if marker and marker[0] == "not run":
            if not marker[1]:
                bad.append(f"{name}: an example is marked 'not run' without a reason")
            skipped.append(f"{name}: not run: {marker[1]}: {body[0].strip()}")
            continue
        python = marker == ("run", "python")
        steps = session(body) if body[0].startswith("$ ") else [(text, None)]
        for cmd, want in steps:
            ran += 1
            p = run(cmd, cwd, python)
            first = cmd.splitlines()[0]
            if p is None:
                bad.append(f"{name}: `{first}` did not end within 120 s")
                continue
            # 141: a writer stopped by SIGPIPE when a reader such as head(1) had enough
            if p.returncode not in (0, 141):
                bad.append(f"{name}: `{first}` exited {p.returncode}:\n{p.stderr}{p.stdout}"[:3000])
                continue
            if want is not None:
                got = p.stdout.splitlines()
                if len(got) != len(want) or not all(same(g, w) for g, w in zip(got, want)):
                    bad.append(f"{name}: `{first}` output differs from the page:\n--- page\n"
                               + "\n".join(want) + "\n--- got\n" + "\n".join(got))
            for f in written(cmd):
                fp = os.path.join(cwd, f)
                if not os.path.isfile(fp) or os.path.getsize(fp) == 0:
                    bad.append(f"{name}: `{first}` left {f} missing or empty")
    return bad, ran, skipped


def main():
    fixture, work, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    nbad = nran = nskip = 0
    for path in pages:
        bad, ran, skipped = page(path, fixture, work)
        for s in skipped:
            print(s)
        for b in bad:
            print("FAIL " + b)
        print(f"{os.path.basename(path)}: {ran} commands run, {len(skipped)} examples not run, "
              f"{len(bad)} failures")
        nbad += len(bad)
        nran += ran
        nskip += len(skipped)
    print(f"{len(pages)} pages: {nran} commands run, {nskip} examples not run, {nbad} failures")
    sys.exit(1 if nbad or not pages else 0)


if __name__ == "__main__":
    main()
