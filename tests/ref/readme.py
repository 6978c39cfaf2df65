# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the README's console blocks and compare their output (jq-style: docs cannot go stale).

A block follows a line `<!-- test: NAME -->` and is fenced with ```console. Lines starting
with `$ ` are commands, run in order in one directory with `sh -c` (stderr merged into
stdout, as a terminal shows them); the other lines are the expected output of the command
before them. Numbers may differ by 5% or 0.03 (BLAS kernels differ between CPUs); all other
text must match exactly.
Usage: readme.py README.md WORKDIR
"""
import re
import subprocess
import sys

NUM = re.compile(r"^-?\d+(\.\d+)?$")


def blocks(text):
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"<!-- test: (\S+) -->", lines[i])
        i += 1
        if not m:
            continue
        assert lines[i].startswith("```"), "fence expected after " + m.group(1)
        i += 1
        steps = []
        while not lines[i].startswith("```"):
            if lines[i].startswith("$ "):
                steps.append([lines[i][2:], []])
            else:
                steps[-1][1].append(lines[i])
            i += 1
        yield m.group(1), steps


def same(a, b):
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if NUM.match(x) and NUM.match(y):
            fx, fy = float(x), float(y)
            if abs(fx - fy) <= max(0.03, 0.05 * abs(fy)):
                continue
        return False
    return a.startswith(" ") == b.startswith(" ")


def main():
    text = open(sys.argv[1]).read()
    bad = 0
    n = 0
    for name, steps in blocks(text):
        for cmd, want in steps:
            n += 1
            p = subprocess.run(["sh", "-c", cmd], cwd=sys.argv[2], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            got = p.stdout.splitlines()
            if p.returncode != 0:
                print(f"{name}: `{cmd}` exited {p.returncode}:\n" + p.stdout)
                bad += 1
                continue
            if len(got) != len(want) or not all(same(g, w) for g, w in zip(got, want)):
                print(f"{name}: `{cmd}` output differs from the README:")
                print("--- README\n" + "\n".join(want) + "\n--- got\n" + "\n".join(got))
                bad += 1
    print(f"{n} README commands, {bad} differ")
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == "__main__":
    main()
