#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-cat's NumPy paths refuse what they cannot read faithfully, with one stderr line and
# exit 1: damaged archives (cut short, a flipped byte), members that are missing, of
# another length or type, out of range or not finite, arrays NumPy lays out otherwise
# (Fortran order, big-endian, records); and an export never leaves a half-written file.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
x = np.arange(8, dtype=np.float32).reshape(4, 2)
np.savez(T + "/ok.npz", x=x, label=np.array([0, 1, 0, 1]), classes=np.array(["a", "b"]))
b = open(T + "/ok.npz", "rb").read()
open(T + "/cut.npz", "wb").write(b[:-30])
i = b.index(b"\x93NUMPY") + 140                  # a byte of x's values
open(T + "/flip.npz", "wb").write(b[:i] + bytes([b[i] ^ 1]) + b[i + 1:])
np.savez(T + "/nox.npz", values=x)
np.savez(T + "/short.npz", x=x, label=np.array([0, 1]))
np.savez(T + "/range.npz", x=x, label=np.array([0, 5, 0, 1]), classes=np.array(["a", "b"]))
np.savez(T + "/frac.npz", x=x, group=np.array([0, 0.5, 0, 1]))
y = x.copy(); y[2, 1] = np.nan
np.savez(T + "/nan.npz", x=y)
np.savez(T + "/inf.npz", x=x, time=np.array([np.inf, 0, 1, 2]))
np.savez(T + "/fortran.npz", x=np.asfortranarray(x))
np.savez(T + "/big.npz", x=x.astype(">f8"))
np.savez(T + "/rec.npz", x=np.zeros(4, dtype=[("a", "<f4"), ("b", "<i4")]))
np.savez(T + "/complex.npz", x=x.astype(np.complex64))
np.savez(T + "/dims.npz", x=np.zeros((2, 1, 1, 1, 1), np.float32))
np.savez(T + "/meta.npz", x=x, meta=np.array(["window=soon"]))
np.savez(T + "/names.npz", x=x, classes=np.array([1, 2]))
np.save(T + "/cut.npy", x)
c = open(T + "/cut.npy", "rb").read()
open(T + "/cut.npy", "wb").write(c[:-5])
open(T + "/plain.txt", "w").write("Plain text, not a zip\n")
open(T + "/local.npz", "wb").write(b"PK\x03\x04" + bytes(26))
write_stream(T + "/s.eeg", x)
# found by fuzzing: a control byte in the dtype (was printed into the message), a deflated
# member announcing 4 GiB (was allocated before inflating)
h = b"{'descr': '<f\n4', 'fortran_order': False, 'shape': (2,), }"
h = h + b" " * (118 - len(h)) + b"\n"
open(T + "/ctl.npy", "wb").write(b"\x93NUMPY\x01\x00" + bytes([len(h), 0]) + h + bytes(8))
np.savez_compressed(T + "/zip.npz", x=x)
b = bytearray(open(T + "/zip.npz", "rb").read())
c = b.rindex(b"PK\x01\x02")                  # the central directory entry of x.npy
b[c + 24:c + 28] = (0xfffffff0).to_bytes(4, "little")
open(T + "/huge.npz", "wb").write(b)
PY
expect_usage eeg-cat --npz "$T/o.npz" -t "$T/s.eeg"
expect_usage eeg-cat --npz "$T/o.npz" --npy "$T/o.npy" "$T/s.eeg"
expect_error 1 "cut\.npz: zip: no end of central directory \(not an \.npz, or cut short\)\$" eeg-cat -t "$T/cut.npz"
expect_error 1 "flip\.npz: zip: x\.npy: CRC mismatch \(corrupt archive\)\$" eeg-cat -t "$T/flip.npz"
expect_error 1 "nox\.npz: no member x\.npy \(the values\)\$" eeg-cat -t "$T/nox.npz"
expect_error 1 "short\.npz: label\.npy: want 4 values, one per frame\$" eeg-cat -t "$T/short.npz"
expect_error 1 "range\.npz: label\.npy: element 1 is 5: want -1 \(none\) or an index into the 2 names\$" eeg-cat -t "$T/range.npz"
expect_error 1 "frac\.npz: group\.npy: element 1 is 0\.5: want -1" eeg-cat -t "$T/frac.npz"
expect_error 1 "nan\.npz: frame 2: value 2 is NaN: refusing to write it\$" eeg-cat -t "$T/nan.npz"
expect_error 1 "inf\.npz: time\.npy: element 0 is infinite\$" eeg-cat -t "$T/inf.npz"
expect_error 1 "fortran\.npz: x\.npy: header: fortran_order arrays are not supported \(use np\.ascontiguousarray\)\$" eeg-cat -t "$T/fortran.npz"
expect_error 1 "big\.npz: x\.npy: header: big-endian dtype '>f8' not supported \(use astype\('<f8'\)\)\$" eeg-cat -t "$T/big.npz"
expect_error 1 "rec\.npz: x\.npy: header: descr is not a simple dtype \(a structured array\?\)\$" eeg-cat -t "$T/rec.npz"
expect_error 1 "complex\.npz: x\.npy: header: dtype '<c8' not supported" eeg-cat -t "$T/complex.npz"
expect_error 1 "dims\.npz: x\.npy: want numbers of 1 to 4 dimensions" eeg-cat -t "$T/dims.npz"
expect_error 1 "meta\.npz: header: line 3: bad window 'soon'\$" eeg-cat -t "$T/meta.npz"
expect_error 1 "names\.npz: classes\.npy: want a 1-dimensional array of strings\$" eeg-cat -t "$T/names.npz"
expect_error 1 "ctl\.npy: header: descr is not a simple dtype \(a structured array\?\)\$" eeg-cat -t "$T/ctl.npy"
expect_error 1 "huge\.npz: zip: x\.npy: 4294967280 bytes announced for [0-9]+ deflated \(corrupt archive\)\$" eeg-cat -t "$T/huge.npz"
expect_error 1 "cut\.npy: data: truncated \(32 bytes for 8 elements, 27 there\)\$" eeg-cat -t "$T/cut.npy"
expect_error 1 "plain\.txt: header: text, not an eegpipe tensor stream" eeg-cat -t "$T/plain.txt"
expect_error 1 "local\.npz: zip: no end of central directory" eeg-cat -t "$T/local.npz"
expect_error 1 "stdin: zip: x\.npy: CRC mismatch" sh -c 'eeg-cat <"$1"' sh "$T/flip.npz"
# exports: errors leave nothing behind
head -c 60 "$T/s.eeg" >"$T/trunc.eeg"
expect_error 1 "trunc\.eeg: frame 1: truncated" eeg-cat --npz "$T/o.npz" "$T/trunc.eeg"
[ ! -e "$T/o.npz" ] && [ -z "$(ls "$T" | grep '^o\.npz\.')" ] || fail "a half-written .npz was left"
expect_error 1 "nodir/o\.npz: create: No such file or directory\$" eeg-cat --npz "$T/nodir/o.npz" "$T/s.eeg"
expect_error 1 '^eeg-cat: stdout: write: No space left on device$' sh -c 'eeg-cat --npz - "$1" >/dev/full' sh "$T/s.eeg"
expect_error 1 '^eeg-cat: stdout: write: No space left on device$' sh -c 'eeg-cat --npy - "$1" >/dev/full' sh "$T/s.eeg"
echo ok
