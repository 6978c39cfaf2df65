#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The seed study on a table shaped like Bird et al.'s emotions.csv (EMOTIONS=): the 1500 fft
# columns, only the random split (the table has no subjects or times), which the summary
# names as its data source and flags as leaking; a larger table replacing it rebuilds.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
cd "$EEG_TOP"
py tests/ref/emotions_like.py "$T/emotions.csv" 150
study() {
	make -f pipelines/seed.mk OUT="$T/seed" EMOTIONS="$T/emotions.csv" MODELS=lstm EPOCHS=2 \
		THREADS=1 >"$T/out" 2>&1 || { cat "$T/out"; fail "make -f pipelines/seed.mk EMOTIONS=..."; }
}
study
grep -q "^data: the emotions.csv table $T/emotions.csv (" "$T/seed/summary.txt" ||
	fail "the summary does not name the table: $(grep '^data' "$T/seed/summary.txt")"
[ "$(grep -cE '^lstm +[a-z]+ ' "$T/seed/summary.txt")" = 1 ] || fail "not one row"
grep -Eq '^lstm +random +30 .*no: the split leaks' "$T/seed/summary.txt" ||
	fail "the random split of 150 rows is not 30 test rows flagged as leaking: $(cat "$T/seed/summary.txt")"
eeg-cat --info "$T/seed/fft.eeg" | grep -q '^shape: 1500 ' || fail "not the 1500 fft columns"
py tests/ref/emotions_like.py "$T/emotions.csv" 200
study
grep -Eq '^lstm +random +40 ' "$T/seed/summary.txt" || fail "a new table did not rebuild the study"
