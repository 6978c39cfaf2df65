#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report.sh TITLE SUMMARY RESULTS [FIGURE...]: one HTML page, on standard output, that shows
# a study: its summary (SUMMARY, the text of summary.sh: settings and table), the study's own
# figures (FIGURE.svg, beside the page), then every run of RESULTS
# (results.sh output) with its confusion matrix and learning curves (the run directory's
# confusion.svg and curves.svg, linked relative to the page, which sits beside the run
# directories) and a link to its full report.
set -eu
title=$1 sum=$2 res=$3
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }
cat <<HTML
<!DOCTYPE html>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<html lang="en"><head><meta charset="utf-8"><title>$(printf '%s' "$1" | esc)</title>
<style>
body { font-family: sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
figure { display: inline-block; margin: 0.5em; vertical-align: top; }
img { max-width: 100%; height: auto; }
</style></head><body>
<h1>$(printf '%s' "$1" | esc)</h1>
<pre>
$(esc <"$2")
</pre>
HTML
shift 3
for f in "$@"; do
	printf '<figure><img src="%s.svg" alt="%s"></figure>\n' "$f" "$f"
done
top=$(dirname "$sum")
awk -F'\t' 'NR > 1 { print $1 }' "$res" | while read -r d; do
	run=${d#"$top"/}
	printf '<h2 id="%s">%s</h2>\n' "$run" "$run"
	printf '<p><a href="%s/report.txt">report</a>, <a href="%s/history.tsv">learning curve (TSV)</a>, figures as <a href="%s/confusion.png">PNG</a> and <a href="%s/curves.png">PNG</a></p>\n' \
		"$run" "$run" "$run" "$run"
	for f in confusion curves; do
		printf '<figure><img src="%s/%s.svg" alt="%s: %s"></figure>\n' "$run" "$f" "$run" "$f"
	done
done
echo '</body></html>'
