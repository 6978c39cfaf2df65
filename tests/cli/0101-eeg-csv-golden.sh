#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-csv is byte-exact: a small table gives the committed stream (classes and groups sorted,
# empty cells = no label/group, "# " stripped from the first name).
. "$(dirname "$0")/lib.sh"
eeg-csv <"$DATA/small.csv" >"$T/out.eeg"
cmp "$T/out.eeg" "$DATA/small.eeg" || fail "stream differs from tests/data/small.eeg"
# the same, read by an independent reader
py - "$T/out.eeg" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89EEG\r\n\x1a\n", b[:8]
ver, flags, n = struct.unpack("<HHI", b[8:16])
assert (ver, flags) == (1, 0)
lines = b[16:16 + n].decode().splitlines()
kv = [l.split("=", 1) for l in lines]
get = lambda k: [v for key, v in kv if key == k]
assert get("dtype") == ["f32"] and get("shape") == ["2"], lines
assert get("column") == ["alpha", "beta"], lines
assert get("class") == ["NEGATIVE", "NEUTRAL", "POSITIVE"], lines
assert get("group") == ["s1", "s2"], lines
frames = b[16 + n:]
assert len(frames) == 4 * 24, len(frames)
want = [(2, 1, 1.5, -2.0), (0, 0, 0.25, 1000.0), (-1, 0, 3.0, 4.5), (1, -1, -0.0, 7.0)]
for i, w in enumerate(want):
    lab, grp, t, a, c = struct.unpack("<iid2f", frames[24 * i:24 * (i + 1)])
    assert (lab, grp, a, c) == w, (i, lab, grp, a, c)
    assert t != t  # no time column: NaN
PY
# numeric class names sort as numbers ahead of the others, which sort as strings; a table
# mixing both once gave class '2' twice (a header no tool reads)
printf 'a,label\n1,10\n2,1a\n3,2\n4,x\n5,y\n6,2\n' >"$T/mix.csv"
eeg-csv "$T/mix.csv" >"$T/mix.eeg"
py - "$T/mix.eeg" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
n = struct.unpack("<I", b[12:16])[0]
lines = b[16:16 + n].decode().splitlines()
assert [l[6:] for l in lines if l.startswith("class=")] == ["2", "10", "1a", "x", "y"], lines
labels = [struct.unpack("<i", b[16 + n + 20 * i:20 + n + 20 * i])[0] for i in range(6)]  # 20-byte frames
assert labels == [1, 2, 0, 3, 4, 0], labels
PY
