#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# choose.sh INNER CANDIDATE...: the nested choice of a recipe. INNER/CANDIDATE/SUBJECT/
# metrics.tsv holds the score of CANDIDATE trained on the other training subjects and tested
# on SUBJECT (the subject held out of the whole study is in none of them). Prints one line
# per candidate: its name, the mean accuracy over the inner subjects, and each subject's;
# then "chosen: NAME", the candidate of the highest mean (the first of equals).
set -eu
inner=$1
shift
for c in "$@"; do
	set -- "$inner/$c"/*/metrics.tsv
	[ -f "$1" ] || { echo "choose.sh: $inner/$c: no inner results" >&2; exit 1; }
	awk -F'\t' -v c="$c" '
		$1 == "summary" && $3 == "accuracy" {
			s = FILENAME; sub(/\/metrics.tsv$/, "", s); sub(/.*\//, "", s)
			t = t sprintf(" %s %.4f", s, $4); sum += $4; n++ }
		END { printf "%s mean %.4f:%s\n", c, sum / n, t }' "$@"
done | awk '{ print; m = $3 + 0; if (!n++ || m > best) { best = m; name = $1 } }
	END { print "chosen: " name }'
