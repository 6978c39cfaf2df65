# SPDX-License-Identifier: GPL-3.0-or-later
# Learning curves of one eeg-train run: loss and accuracy per epoch, training and validation.
#   gnuplot -c pipelines/curves.gp HISTORY.tsv OUT.png OUT.svg "TITLE" KEPT-EPOCH VAL
# HISTORY is eeg-train --history output (epoch, loss, accuracy, val_loss, val_accuracy, ...).
# KEPT-EPOCH, when not 0, marks the epoch whose model was kept (--checkpoint best-val-acc);
# VAL is 1 when the history has validation scores (else only the training curves show).
hist = ARG1
title = ARG4
kept = ARG5 + 0
val = ARG6 + 0
# the validation curves, as macros (@valloss, @valacc) that are empty without them
valstyle = 'with linespoints pt 7 ps 0.5 lw 2 dt 2 lc rgb "#d62728" title "validation"'
valloss = val ? ', "" using 1:4 ' . valstyle : ''
valacc = val ? ', "" using 1:5 ' . valstyle : ''
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
	plot hist using 1:2 with linespoints pt 7 ps 0.5 lw 2 lc rgb "#1f77b4" title "training" @valloss
	set key bottom right
	set ylabel "accuracy"
	set yrange [0:1]
	plot hist using 1:3 with linespoints pt 7 ps 0.5 lw 2 lc rgb "#1f77b4" title "training" @valacc
	unset multiplot
	set output
}
