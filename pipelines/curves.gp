# SPDX-License-Identifier: GPL-3.0-or-later
# Learning curves of one eeg-train run: loss and accuracy per epoch, training and validation.
#   gnuplot -c pipelines/curves.gp HISTORY.tsv OUT.png OUT.svg "TITLE" [KEPT-EPOCH]
# HISTORY is eeg-train --history output (epoch, loss, accuracy, val_loss, val_accuracy, ...);
# validation fields that are empty or nan (no --val) are left out of the plot. KEPT-EPOCH,
# when given, marks the epoch whose model was kept (--checkpoint best-val-acc).
hist = ARG1
title = ARG4
kept = ARGC >= 5 ? ARG5 + 0 : 0
set datafile separator "\t"
set datafile missing "nan"
set key autotitle columnhead
set grid lc rgb "#dddddd"
set xlabel "epoch"
set border 3
set xtics nomirror
set ytics nomirror
set key bottom left Left reverse samplen 2
stats hist using 1 nooutput
last = STATS_max
set xrange [0.5:last + 0.5]
xstep = last <= 20 ? 1 : ceil(last / 10.0)
set xtics xstep
if (kept > 0) {
	set arrow 1 from kept, graph 0 to kept, graph 1 nohead lc rgb "#999999" dt 3
	title = title . sprintf(" (dotted: epoch %d, the model kept)", kept)
}
do for [i = 1:2] {
	if (i == 1) {
		set terminal pngcairo size 960,400 font "sans,10" noenhanced
		set output ARG2
	} else {
		set terminal svg size 960,400 font "sans,10" noenhanced dynamic
		set output ARG3
	}
	set multiplot layout 1,2 title title font ",12"
	set key top right
	set ylabel "loss (cross-entropy)"
	set yrange [0:*]
	plot hist using 1:2 with linespoints pt 7 ps 0.5 lw 2 lc rgb "#1f77b4" title "training", \
	     "" using 1:4 with linespoints pt 7 ps 0.5 lw 2 dt 2 lc rgb "#d62728" title "validation"
	set key bottom right
	set ylabel "accuracy"
	set yrange [0:1]
	plot hist using 1:3 with linespoints pt 7 ps 0.5 lw 2 lc rgb "#1f77b4" title "training", \
	     "" using 1:5 with linespoints pt 7 ps 0.5 lw 2 dt 2 lc rgb "#d62728" title "validation"
	unset multiplot
	set output
}
