#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A small pipeline through every tool under valgrind (memcheck): no invalid access, no use
# of an uninitialised value, no memory definitely or indirectly lost (memory a tool still
# holds at its exit is released by it: not a leak), on the tensor, muse CSV, WAV and EDF
# inputs. tests/valgrind.supp says what is suppressed and why. Not under make SAN=1 (a
# sanitized binary does not run under valgrind).
. "$(dirname "$0")/lib.sh"
EEG_TOP=$(cd "${EEG_TOP:-.}" && pwd)
[ "${EEG_SAN:-}" != 1 ] || skip "sanitized binaries do not run under valgrind"
command -v valgrind >/dev/null || skip "valgrind is not installed (.ci/deps installs it)"
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
n=0
vg() {
	n=$((n + 1))
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect \
	    --suppressions="$EEG_TOP/tests/valgrind.supp" --log-file="$T/vg.$n" "$@" ||
		fail "valgrind: $*: exit $?: $(head -c 2000 "$T/vg.$n")"
	[ ! -s "$T/vg.$n" ] || fail "valgrind: $*: $(head -c 2000 "$T/vg.$n")"
}
cd "$T"
syn="-n 4 -r 128 --subjects 2 --sessions 1 --states relaxed,concentrating"
vg eeg-synth $syn -o raw.eeg
eeg-synth -n 2 -r 128 --subjects 1 --sessions 1 --states relaxed --format muse -o muse.csv
eeg-synth -n 2 -r 128 --subjects 1 --sessions 1 --states relaxed --format wav -o raw.wav
py - "$EEG_TOP/tests/ref" <<'PYEOF'
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from edfwrite import Signal, write_edf
rng = np.random.default_rng(93)
write_edf("rec.edf", [Signal("C3", rng.normal(0, 40, 256).round(), 128),
                      Signal("C4", rng.normal(0, 40, 256).round(), 128)], plus="C",
          annotations=[(0.5, 0.5, "T1")])
PYEOF
vg eeg-fft -w 1 -s 0.5 --bands default raw.eeg >bands.eeg
vg eeg-fft -w 0.5 muse.csv >/dev/null
vg eeg-fft -w 0.5 raw.wav >/dev/null
vg eeg-fft -w 0.5 rec.edf >/dev/null
vg eeg-select -c '*alpha*,*beta*' bands.eeg >sel.eeg
vg eeg-cat -t sel.eeg >sel.csv
vg eeg-csv --label-column label --group-column group sel.csv >csv.eeg
vg eeg-split --by-group --train train.eeg --test test.eeg csv.eeg
vg eeg-scale -f params train.eeg >train-s.eeg
vg eeg-scale -a params test.eeg >test-s.eeg
vg eeg-train --model gru --units 4 --epochs 2 --threads 1 -o model train-s.eeg
vg eeg-predict model test-s.eeg >pred.eeg
vg eeg-metrics pred.eeg >/dev/null
vg eeg-cat --info pred.eeg >/dev/null
vg eeg-cat --npy pred.npy pred.eeg
vg eeg-train --info model >/dev/null
# and one failure: a cut stream, exit 1 (leaks are not counted on exit 1; errors are)
head -c 300 raw.eeg >cut.eeg
set +e
valgrind -q --error-exitcode=99 --suppressions="$EEG_TOP/tests/valgrind.supp" \
    eeg-cat cut.eeg >/dev/null 2>"$T/vg.cut"
st=$?
set -e
[ "$st" = 1 ] || fail "valgrind eeg-cat cut.eeg: exit $st: $(cat "$T/vg.cut")"
[ "$(wc -l <"$T/vg.cut")" = 1 ] || fail "valgrind eeg-cat cut.eeg: $(cat "$T/vg.cut")"
for t in cat csv fft metrics predict scale select split synth train; do
	grep -q "^vg eeg-$t " "$0" || fail "eeg-$t is not in the pipeline"
done
echo "ok: $n runs under valgrind, no error or leak"
