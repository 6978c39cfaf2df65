#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-select: name ranges A:B (inclusive, open ends), globs, substrings, several patterns
# (kept in stream order, not pattern order), --not; duplicate names resolve to the first.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T/e.eeg" <<'PY'
import sys
import numpy as np
from eegstream import write_stream, emotions_columns
X = np.arange(3 * 2548, dtype=np.float32).reshape(3, 2548)
write_stream(sys.argv[1], X, columns=emotions_columns())
PY
names() { eeg-cat -t "$1" | head -n 1 | cut -d, -f4-; }
check() {	# check 'expected python list expression' args...
	want=$1; shift
	eeg-select "$@" <"$T/e.eeg" >"$T/o.eeg" || fail "eeg-select $*"
	py - "$T/e.eeg" "$T/o.eeg" "$want" <<'PY' || fail "eeg-select $*"
import sys
import numpy as np
from eegstream import read_stream
a, b = read_stream(sys.argv[1]), read_stream(sys.argv[2])
cols = a.columns
want = eval(sys.argv[3])
assert b.columns == [cols[i] for i in want], (b.columns[:5], [cols[i] for i in want][:5])
assert np.array_equal(b.X, a.X[:, want])
PY
}
check 'list(range(1274 + 524, 2548))' -c fft_0_b:fft_749_b
check 'list(range(1274 + 524, 1274 + 534))' --columns fft_0_b:fft_9_b
check 'list(range(0, 5))' -c :mean_4_a
check 'list(range(2547, 2548))' -c fft_749_b:
check 'list(range(524, 534)) + list(range(1274 + 524, 1274 + 534))' -c 'fft_?_[ab]'
check '[i for i, c in enumerate(cols) if c.startswith("eigen") or c.startswith("entropy")]' -c 'entropy*' -c 'eigen_*'
check '[i for i, c in enumerate(cols) if "fft" not in c]' --not -c fft
check '[i for i, c in enumerate(cols) if not ("fft" in c or c.endswith("_b"))]' --not -c fft,_b
# mean_d_0_a names columns 5 and 10 (as in emotions.csv): A is the first, B the first at
# or after A
check 'list(range(5, 7))' -c mean_d_0_a:mean_d_1_a
check 'list(range(9, 11))' -c mean_d_4_a:mean_d_0_a
check 'list(range(2548))'
expect_error 1 "^eeg-select: stdin: columns: range 'fft_9_b:fft_0_b': column 'fft_0_b' comes before 'fft_9_b'\$" \
	sh -c 'eeg-select -c fft_9_b:fft_0_b <"$1"' sh "$T/e.eeg"
expect_error 1 "^eeg-select: stdin: columns: pattern 'fft_0_b:nope' matches no column\$" \
	sh -c 'eeg-select -c fft -c fft_0_b:nope <"$1"' sh "$T/e.eeg"
expect_error 1 "pattern 'x\*y' matches no column\$" sh -c 'eeg-select -c "x*y" <"$1"' sh "$T/e.eeg"
expect_error 1 "^eeg-select: stdin: columns: --not leaves no column\$" sh -c 'eeg-select --not -c _ <"$1"' sh "$T/e.eeg"
echo ok
