# SPDX-License-Identifier: GPL-3.0-or-later
# A confusion matrix as a heatmap: rows the true class, columns the predicted one; each cell
# shows its count and its share of the row, and is shaded by that share.
#   gnuplot -c pipelines/confusion.gp CELLS OUT.png OUT.svg "TITLE" K
# Cells are drawn as vector rectangles ("with image pixels"), in the SVG too.
# CELLS: one tab-separated line per cell, row-major: true index, predicted index (0-based),
# count, share of the row, true class name, predicted class name; K classes.
cells = ARG1
title = ARG4
k = ARG5 + 0
set datafile separator "\t"
set xrange [-0.5:k - 0.5]
set yrange [k - 0.5:-0.5]
set size ratio -1
set xlabel "predicted class"
set ylabel "true class"
set xtics scale 0
set ytics scale 0
set tics font ",10"
set cbrange [0:1]
set cblabel "share of the true class"
set palette defined (0 "#ffffff", 0.5 "#7fb2d5", 1 "#08306b")
set border lw 0.5
unset key
do for [i = 1:2] {
	if (i == 1) {
		set terminal pngcairo size 640,560 font "sans,10" noenhanced
		set output ARG2
	} else {
		set terminal svg size 640,560 font "sans,10" noenhanced dynamic
		set output ARG3
	}
	set title title font ",12"
	plot cells using 2:1:4 with image pixels, \
	     "" using 2:1:(sprintf("%d\n%.0f%%", $3, 100 * $4)):($4 > 0.55 ? 0xffffff : 0x000000) \
	        with labels tc rgb variable font ",11", \
	     "" every ::0::k - 1 using 2:1:xtic(strcol(6)) with points ps 0, \
	     "" every k using 2:1:ytic(strcol(5)) with points ps 0
	set output
}
