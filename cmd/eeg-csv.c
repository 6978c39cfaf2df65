/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eeg-csv: a CSV feature table (header row of names) -> an eegpipe tensor stream. */
#include <errno.h>
#include <string.h>

#include "table.h"
#include "util.h"

static const struct option longs[] = {
	{ "label-column", required_argument, NULL, 'L' },
	{ "group-column", required_argument, NULL, 'G' },
	{ "time-column", required_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-csv [--label-column NAME] [--group-column NAME] [--time-column NAME]\n"
	"               [-w SECONDS -s SECONDS] [file]",
	"    --label-column NAME\tclasses from column NAME (default: label, if present)\n"
	"    --group-column NAME\tgroups from column NAME (default: group, if present)\n"
	"    --time-column NAME\ttimes in seconds from column NAME (default: time, if present)\n"
	"-w SECONDS\teach row is a window of SECONDS ...\n"
	"-s SECONDS\t... one every SECONDS (give both or neither)\n",
	"w:s:", longs,
};

/* Bird et al.'s emotions.csv layout: 1 s windows every 0.5 s, rows hold two windows. */
static int
is_bird_layout(const struct header *h)
{
	return names_find(&h->columns, "mean_0_a") == 0 &&
	    names_find(&h->columns, "fft_0_a") >= 0 && names_find(&h->columns, "fft_749_b") >= 0;
}

/* The table as a stream on stdout: window and hop from -w/-s, or Bird et al.'s layout. */
static void
write_table(struct table *t, double window, double hop, int argc, char *argv[])
{
	struct writer w;
	struct frame fr;

	if (window > 0) {
		t->h.window = window;
		t->h.hop = hop;
	} else if (is_bird_layout(&t->h)) {
		/* emotions.csv: every row pairs two overlapping 1 s windows, 0.5 s apart */
		t->h.window = 1;
		t->h.hop = 0.5;
		header_meta_add(&t->h, "layout", "bird2018");
	}
	header_add_history(&t->h, argc, argv);
	tensor_writer(&w, stdout, "stdout", &t->h);
	for (size_t i = 0; i < t->nrows; i++) {
		fr.label = t->label[i];
		fr.group = t->group[i];
		fr.time = t->time[i];
		fr.x = t->x + i * t->nfeat;
		tensor_write(&w, &fr);
	}
	writer_close(&w);
}

int
main(int argc, char *argv[])
{
	struct table_opts to = { NULL, NULL, NULL };
	double window = 0, hop = 0;
	const char *path, *file;
	struct table t;
	struct csv c;
	char err[512];
	int o;

	util_init(argc, argv);
	while ((o = cli_next(&cli, argc, argv)) != -1) {
		switch (o) {
		case 'L': to.label = optarg; break;
		case 'G': to.group = optarg; break;
		case 'T': to.time = optarg; break;
		case 'w': window = estrtod(optarg, "-w", 1e-6, 1e9); break;
		case 's': hop = estrtod(optarg, "-s", 1e-6, 1e9); break;
		}
	}
	if (argc - optind > 1)
		usage_error("one input file, not %d", argc - optind);
	if ((window > 0) != (hop > 0))
		usage_error("-w and -s go together");
	path = optind < argc ? argv[optind] : NULL;
	file = path_name(path);

	FILE *fp = efopen_in(path);
	if (csv_load(&c, fp))
		die_at(file, "read", "%s", strerror(errno));
	if (fp != stdin)
		fclose(fp);
	if (table_read(&t, &c, &to, err, sizeof err))
		die_at(file, NULL, "%s", err);
	write_table(&t, window, hop, argc, argv);
	table_free(&t);
	csv_free(&c);
	return finish(0);
}
