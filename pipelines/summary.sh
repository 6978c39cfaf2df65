#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# summary.sh SETTINGS RESULTS: the seed study's Table 1, as text: the settings the results
# were made with (SETTINGS, the study's settings.txt), then one row per run of RESULTS
# (results.sh output; runs named MODEL-SPLIT) with the test scores (macro averages) and the
# costs: parameters, forward MFLOP per frame, training seconds per epoch, peak memory of
# training, prediction microseconds per frame; then, for every split, the seed's question:
# does the GRU match the LSTM, and at what cost?
set -eu
cat "$1"
echo
awk -F'\t' '
	function num(x, f) { return x == "-" ? "-" : sprintf(f, x) }
	NR == 1 { next }
	{
		run = $1; sub(/.*\//, "", run)
		model = run; sub(/-.*/, "", model)
		sp = run; sub(/^[^-]*-/, "", sp)
		if (!header++)
			printf "%-5s %-8s %6s %8s %9s %6s %6s %10s %11s %8s %6s %8s  %s\n", "model",
			    "split", "test", "accuracy", "precision", "recall", "f1", "parameters",
			    "MFLOP/frame", "s/epoch", "MiB", "us/frame", "honest?"
		printf "%-5s %-8s %6s %8s %9s %6s %6s %10s %11s %8s %6s %8s  %s\n", model, sp, $2,
		    num($3, "%.4f"), num($5, "%.4f"), num($6, "%.4f"), num($7, "%.4f"), $9,
		    num($10 == "-" ? "-" : $10 / 1e6, "%.2f"), num($11, "%.2f"), num($12, "%.0f"), num($13, "%.1f"),
		    $8 == 1 ? "no: the split leaks (see its report)" : $8 == 0 ? "yes" : "-"
		acc[model, sp] = $3; fl[model, sp] = $10; s[model, sp] = $11
		if (!(sp in seen)) { seen[sp] = 1; order[++ns] = sp }
	}
	END {
		for (i = 1; i <= ns; i++) {
			sp = order[i]
			if (!((("gru", sp) in acc) && (("lstm", sp) in acc)))
				continue
			if (!done++)
				print "\nThe GRU against the LSTM (the seed report\047s question):"
			printf "  %-8s accuracy %+.1f points, %s the FLOPs per frame, %s the training time per epoch\n",
			    sp, 100 * (acc["gru", sp] - acc["lstm", sp]),
			    ratio(fl["gru", sp], fl["lstm", sp]), ratio(s["gru", sp], s["lstm", sp])
		}
	}
	function ratio(a, b) {
		if (a == "-" || b == "-" || b == 0)
			return "-"
		return sprintf(a / b >= 10 ? "%.0fx" : "%.2gx", a / b)
	}
' "$2"
