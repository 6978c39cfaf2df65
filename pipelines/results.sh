#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# results.sh DIR...: one tab-separated row per run directory, after a header row, with what
# its files say:
#   metrics.tsv  (eeg-metrics --tsv)  frames, accuracy, balanced accuracy, macro precision,
#                                     recall and F1, leaks (1 when the split leaks)
#   info.txt     (eeg-train --info)   parameters, forward FLOPs per frame, epoch kept
#   train.log    (eeg-train stderr)   seconds per epoch, peak memory in MiB
#   predict.log  (eeg-predict -v)     microseconds per frame
# A value a file does not give is "-". The run is named by its directory.
set -eu
printf 'run\tframes\taccuracy\tbalanced_accuracy\tprecision\trecall\tf1\tleaks'
printf '\tparameters\tflops\tepoch_s\ttrain_mib\tpredict_us\tepoch_kept\n'
for d in "$@"; do
	[ -f "$d/metrics.tsv" ] || { echo "results.sh: $d/metrics.tsv: no such file" >&2; exit 1; }
	awk -F'\t' -v run="$d" '
		FILENAME ~ /metrics.tsv$/ && $1 == "summary" { m[$3] = $4 }
		FILENAME ~ /info.txt$/ && /^parameters: / { par = $0; sub(/^[^:]*: /, "", par) }
		FILENAME ~ /info.txt$/ && /^flops per frame: / { fl = $0; sub(/^[^:]*: /, "", fl) }
		FILENAME ~ /info.txt$/ && /^epochs: / { ep = $0; sub(/^[^:]*: /, "", ep) }
		FILENAME ~ /train.log$/ && /^eeg-train: .* per epoch/ {
			s = field("[(][0-9.]+ s per epoch"); mem = field("peak memory [0-9.]+") }
		FILENAME ~ /predict.log$/ && /us per frame/ { us = field("[0-9.]+ us per frame") }
		# the number in the part of the line that matches re
		function field(re,   t) {
			if (!match($0, re))
				return ""
			t = substr($0, RSTART, RLENGTH)
			match(t, /[0-9][0-9.]*/)
			return substr(t, RSTART, RLENGTH)
		}
		function v(x) { return x == "" ? "-" : x }
		END {
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", run, v(m["frames"]), v(m["accuracy"]),
			    v(m["balanced_accuracy"]), v(m["precision_macro"]), v(m["recall_macro"]),
			    v(m["f1_macro"]), v(m["leaks"])
			printf "\t%s\t%s\t%s\t%s\t%s\t%s\n", v(par), v(fl), v(s), v(mem), v(us), v(ep)
		}' "$d/metrics.tsv" $(for f in info.txt train.log predict.log; do
			[ -f "$d/$f" ] && echo "$d/$f"; done)
done
