#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# figures.sh confusion|curves|loso DIR: figures drawn by gnuplot as PNG and SVG, of a run
# directory:
#   confusion  DIR/confusion.png, .svg from DIR/metrics.tsv (eeg-metrics --tsv): the
#              confusion matrix as a heatmap, counts and row shares, class names
#   curves     DIR/curves.png, .svg from DIR/history.tsv (eeg-train --history): loss and
#              accuracy per epoch, training and validation, the epoch kept marked
# or of a leave-one-subject-out study directory:
#   loso       DIR/loso.png, .svg from DIR/results.tsv: accuracy per held-out subject and
#              recipe (pipelines/loso-summary.sh --table)
# Titles come from DIR/settings.txt ("run: ..." line) and, for the confusion matrix, the
# accuracy. Files appear complete or not at all.
set -eu
P=$(dirname "$0")
kind=$1 d=$2
run=$(sed -n 's/^run: //p' "$d/settings.txt" 2>/dev/null || :)
# the data source, shortly: "eeg-synth recordings", "24 Muse recordings"
data=$(sed -n 's/^data: //p' "$d/settings.txt" 2>/dev/null | sed 's/ (.*//; s/ in .*//' || :)
[ -z "$data" ] || run="$run, $data"
tmp=$d/.$kind.$$
trap 'rm -f "$tmp".*' EXIT INT TERM
case $kind in
confusion)
	acc=$(awk -F'\t' '$1 == "summary" && $3 == "accuracy" { printf "%.3f", $4 }' "$d/metrics.tsv")
	# cells, row-major in class order: true, predicted (indices), count, share, names
	awk -F'\t' -v OFS='\t' '
		$1 == "confusion" { if (!($2 in ix)) name[ix[$2] = k++] = $2; n[$2, $3] = $4 }
		$1 == "confusion_normalized" { s[$2, $3] = $4 }
		END { for (i = 0; i < k; i++) for (j = 0; j < k; j++)
			print i, j, n[name[i], name[j]], s[name[i], name[j]] + 0, name[i], name[j] }' \
		"$d/metrics.tsv" >"$tmp.cells"
	k=$(awk 'END { print sqrt(NR) }' "$tmp.cells")
	[ "$k" -ge 2 ] || { echo "figures.sh: $d/metrics.tsv: no confusion matrix" >&2; exit 1; }
	gnuplot -c "$P/confusion.gp" "$tmp.cells" "$tmp.png" "$tmp.svg" \
		"$run: accuracy $acc" "$k"
	;;
curves)
	# the epoch whose model was kept, when it is not the last one trained
	kept=$(sed -n 's/^epochs: //p' "$d/info.txt")
	last=$(awk 'END { print NR - 1 }' "$d/history.tsv")
	[ "$kept" -lt "$last" ] || kept=0
	# validation scores, when the run had a validation set
	val=$(awk -F'\t' 'NR > 1 && $5 != "" && $5 != "nan" { v = 1 } END { print v + 0 }' "$d/history.tsv")
	gnuplot -c "$P/curves.gp" "$d/history.tsv" "$tmp.png" "$tmp.svg" "$run" "$kept" "$val"
	;;
loso)
	sh "$P/loso-summary.sh" --table "$d/results.tsv" >"$tmp.table"
	nr=$(awk -F'\t' 'NR == 1 { print (NF - 1) / 3 }' "$tmp.table")
	m=$(awk -F'\t' 'NR > 1 { print $1 "/metrics.tsv"; exit }' "$d/results.tsv")
	k=$(awk -F'\t' '$1 == "class" && $3 == "support" { n++ } END { print n }' "$m")
	gnuplot -c "$P/loso.gp" "$tmp.table" "$tmp.png" "$tmp.svg" \
		"Leave one subject out: accuracy per held-out subject" "$nr" "$(awk -v k="$k" 'BEGIN { print 1 / k }')"
	;;
*)
	echo "usage: figures.sh confusion|curves|loso DIR" >&2
	exit 2
	;;
esac
mv "$tmp.png" "$d/$kind.png"
mv "$tmp.svg" "$d/$kind.svg"
