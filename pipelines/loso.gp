# SPDX-License-Identifier: GPL-3.0-or-later
# Leave-one-subject-out accuracy per held-out subject, a group of bars per subject, one bar
# per recipe, the mean over seeds with the range of the seeds as error bars; the chance
# level dotted.
#   gnuplot -c pipelines/loso.gp TABLE OUT.png OUT.svg "TITLE" RECIPES CHANCE
# TABLE: tab-separated, a header row (subject, then for each recipe: mean, min, max), then
# one row per subject; RECIPES: the number of recipes; CHANCE: 1 / classes.
table = ARG1
nr = ARG5 + 0
chance = ARG6 + 0
set datafile separator "\t"
set style data histograms
set style histogram errorbars gap 1.5 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:1]
set ylabel "accuracy on the held-out subject"
set grid ytics lc rgb "#dddddd"
set key top left horizontal
set border 3
set xtics nomirror scale 0
set ytics nomirror
set arrow 1 from graph 0, first chance to graph 1, first chance nohead dt 3 lc rgb "#666666"
set label 1 "chance" at graph 1, first chance right offset 0, 0.7 tc rgb "#666666" font ",9"
colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd"
do for [i = 1:2] {
	if (i == 1) {
		set terminal pngcairo size 800,420 font "sans,10" noenhanced
		set output ARG2
	} else {
		set terminal svg size 800,420 font "sans,10" noenhanced dynamic
		set output ARG3
	}
	set title ARG4 font ",12"
	plot for [r = 1:nr] table using 3 * r - 1:3 * r:3 * r + 1:xtic(1) title columnhead(3 * r - 1) \
		lc rgb word(colors, r)
	set output
}
