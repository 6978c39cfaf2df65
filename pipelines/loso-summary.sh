#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# loso-summary.sh SETTINGS RESULTS: the leave-one-subject-out table, as text: the settings
# (SETTINGS), then the accuracy on each held-out subject for every recipe (the mean over the
# seeds, their range in brackets), the mean and the sample standard deviation across
# subjects, the macro-F1 and balanced accuracy means, the mean of each seed, and for the
# best recipe the candidate each nested choice took. RESULTS is results.sh output for run
# directories named .../RECIPE/SUBJECT/sSEED.
# loso-summary.sh --table RESULTS: the per-subject means, minima and maxima as a
# tab-separated table (a column triple per recipe), for pipelines/loso.gp.
set -eu
table=0
if [ "$1" = --table ]; then
	table=1
else
	cat "$1"
	echo
fi
res=$2
# the nested choices, beside each best run
choices=$(awk -F'\t' 'NR > 1 && $1 ~ /\/best\/[^\/]*\/s[^\/]*$/ { print $1 }' "$res" |
	while read -r d; do
		[ -f "$d/choice.txt" ] && printf '%s\t%s\n' "$d" "$(sed -n 's/^chosen: //p' "$d/choice.txt")"
	done)
printf '%s\n' "$choices" | awk -F'\t' -v table="$table" '
	FNR == NR { if (NF == 2) chosen[$1] = $2; next }
	FNR == 1 { next }
	{
		n = split($1, p, "/"); r = p[n - 2]; s = p[n - 1]; k = p[n]
		if (!(r in rseen)) { rseen[r] = 1; R[++nr] = r }
		if (!(s in sseen)) { sseen[s] = 1; S[++ns] = s }
		if (!(k in kseen)) { kseen[k] = 1; K[++nk] = k }
		acc[r, s, k] = $3; bal[r, s, k] = $4; f1[r, s, k] = $7
		if ($1 in chosen) pick[s] = pick[s] " " k ":" chosen[$1]
	}
	# mean, minimum and maximum over the seeds present of recipe r on subject s
	function over(v, r, s,   i, x, n, sum) {
		lo = 2; hi = -1; n = 0; sum = 0
		for (i = 1; i <= nk; i++)
			if ((r, s, K[i]) in v) { x = v[r, s, K[i]] + 0; sum += x; n++
				if (x < lo) lo = x; if (x > hi) hi = x }
		return n ? sum / n : -1
	}
	# mean and sample sd across subjects of the per-subject means
	function across(v, r,   i, m, n, sum, sq) {
		n = 0; sum = 0; sq = 0
		for (i = 1; i <= ns; i++) { m = over(v, r, S[i]); if (m >= 0) { x[++n] = m; sum += m } }
		mean = n ? sum / n : 0
		for (i = 1; i <= n; i++) sq += (x[i] - mean) ^ 2
		sd = n > 1 ? sqrt(sq / (n - 1)) : 0
		return n
	}
	END {
		if (table) {
			printf "subject"
			for (j = 1; j <= nr; j++) printf "\t%s\tmin\tmax", R[j]
			printf "\n"
			for (i = 1; i <= ns; i++) {
				printf "%s", S[i]
				for (j = 1; j <= nr; j++) { m = over(acc, R[j], S[i]); printf "\t%.4f\t%.4f\t%.4f", m, lo, hi }
				printf "\n"
			}
			exit
		}
		seeds = ""
		for (i = 1; i <= nk; i++) seeds = seeds " " substr(K[i], 2)
		printf "Leave one subject out: accuracy on each held-out subject (mean over seeds%s; range)\n", seeds
		printf "%-12s", "subject"
		for (j = 1; j <= nr; j++) printf " %-22s", R[j]
		printf "\n"
		for (i = 1; i <= ns; i++) {
			printf "%-12s", S[i]
			for (j = 1; j <= nr; j++) {
				m = over(acc, R[j], S[i])
				if (m < 0) printf " %-22s", "-"
				else if (lo == hi) printf " %-22s", sprintf("%.4f", m)
				else printf " %-22s", sprintf("%.4f (%.4f-%.4f)", m, lo, hi)
			}
			printf "\n"
		}
		printf "%-12s", "mean"; for (j = 1; j <= nr; j++) { across(acc, R[j]); printf " %-22.4f", mean } printf "\n"
		printf "%-12s", "sd"; for (j = 1; j <= nr; j++) { across(acc, R[j]); printf " %-22.4f", sd } printf "\n"
		printf "%-12s", "balanced"; for (j = 1; j <= nr; j++) { across(bal, R[j]); printf " %-22.4f", mean } printf "\n"
		printf "%-12s", "macro-F1"; for (j = 1; j <= nr; j++) { across(f1, R[j]); printf " %-22.4f", mean } printf "\n"
		if (nk > 1)
			for (i = 1; i <= nk; i++) {
				printf "%-12s", "mean " K[i]
				for (j = 1; j <= nr; j++) {
					n = 0; sum = 0
					for (t = 1; t <= ns; t++) if ((R[j], S[t], K[i]) in acc) { sum += acc[R[j], S[t], K[i]]; n++ }
					printf " %-22s", n ? sprintf("%.4f", sum / n) : "-"
				}
				printf "\n"
			}
		printf "(sd: the sample standard deviation across subjects; balanced, macro-F1: means across subjects)\n"
		if (length(pick)) {
			printf "\nThe best recipe chosen for each held-out subject, by leave-one-subject-out on the others:\n"
			for (i = 1; i <= ns; i++) if (S[i] in pick) printf "  %-12s%s\n", S[i], pick[S[i]]
		}
	}' - "$res"
