#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# summary.sh REPORT...: one line per eeg-metrics report (model, split, scores, whether the
# split leaks, training seconds from the learning curve beside it).
printf '%-6s %-8s %8s %8s %8s %9s  %s\n' model split accuracy macro-F1 test train-s "honest?"
for r in "$@"; do
	name=$(basename "$r" .txt)
	name=${name#report-}
	model=${name%%-*}
	split=${name#*-}
	tsv=$(dirname "$r")/$name.tsv
	secs=$(awk -F'\t' 'NR > 1 { s += $7 } END { printf "%.1f", s }' "$tsv" 2>/dev/null)
	awk -v m="$model" -v s="$split" -v t="${secs:--}" '
		/^frames/ { n = $2 }
		/^accuracy/ { a = $2 }
		/^f1 / { f = $2 }
		/WARNING: random split/ { leak = 1 }
		/WARNING: the scaler/ { leak = 1 }
		END { printf "%-6s %-8s %8s %8s %8s %9s  %s\n", m, s, a, f, n, t,
		    leak ? "no: leaks (see report)" : "yes" }' "$r"
done
