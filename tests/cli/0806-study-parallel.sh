#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scale-out with GNU parallel: `make -f pipelines/loso.mk jobs` prints one shell line per
# point of the grid (recipes x subjects x seeds), `inner-jobs` one per nested run of the best
# recipe; after `prepare`, GNU parallel runs the inner jobs, then the grid's (which train
# only their final models), two at a time, and a plain make merges them into the summary
# without training anything. The merged results are those of one serial make, number for
# number.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed (Debian: parallel)"
cd "$EEG_TOP"
loso() {
	out=$1
	shift
	make -f pipelines/loso.mk OUT="$out" MUSE= SYNTH="-n 12 --sessions 1 --subjects 3 --seed 1" \
		EPOCHS=2 THREADS=1 SEEDS="1 2" RECIPES="seed-lstm best" FEATS="abs2 rel8" NETS=lstm32 "$@"
}
loso "$T/par" prepare >"$T/prep" 2>&1 || { cat "$T/prep"; fail "prepare"; }
! grep -q 'eeg-train' "$T/prep" || fail "prepare trained a model"
loso "$T/par" jobs >"$T/jobs" 2>"$T/err" || { cat "$T/err"; fail "jobs"; }
[ "$(wc -l <"$T/jobs")" = 12 ] || fail "$(wc -l <"$T/jobs") jobs, want 2 recipes x 3 subjects x 2 seeds"
for r in seed-lstm best; do
	for s in subjecta subjectb subjectc; do
		for k in 1 2; do
			grep -q " $T/par/$r/$s/s$k/report.txt\$" "$T/jobs" || fail "no job for $r/$s/s$k"
		done
	done
done
# the nested runs first, one training per job; then the grid, which finds them made
loso "$T/par" inner-jobs >"$T/inner"
[ "$(wc -l <"$T/inner")" = 24 ] || fail "$(wc -l <"$T/inner") inner jobs, want 3 subjects x 2 seeds x 2 candidates x 2"
parallel --will-cite -j2 --halt now,fail=1 <"$T/inner" >"$T/iout" 2>&1 ||
	{ tail -20 "$T/iout"; fail "an inner job failed under GNU parallel"; }
[ "$(grep -c ': inner .* held out: accuracy ' "$T/iout")" = 24 ] || fail "not 24 inner runs"
parallel --will-cite -j2 --halt now,fail=1 --joblog "$T/joblog" <"$T/jobs" >"$T/pout" 2>&1 ||
	{ tail -20 "$T/pout"; fail "a job failed under GNU parallel"; }
! grep -q ': inner ' "$T/pout" || fail "the grid's jobs trained inner runs again"
[ "$(awk 'NR > 1 && $7 == 0' "$T/joblog" | wc -l)" = 12 ] || fail "not 12 jobs succeeded: $(cat "$T/joblog")"
loso "$T/par" >"$T/merge" 2>&1 || { cat "$T/merge"; fail "merge"; }
! grep -q "^eeg-train \|^eeg-predict \|: epoch " "$T/merge" || { cat "$T/merge"; fail "the merge trained again"; }
grep -q '^mean ' "$T/par/summary.txt" || fail "no summary"
loso "$T/serial" >"$T/sout" 2>&1 || { cat "$T/sout"; fail "serial make"; }
# scores and sizes, not the times
sed "s|$T/par/||" "$T/par/results.tsv" | cut -f 1-10 >"$T/a"
sed "s|$T/serial/||" "$T/serial/results.tsv" | cut -f 1-10 >"$T/b"
cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b"; fail "parallel and serial results differ"; }
