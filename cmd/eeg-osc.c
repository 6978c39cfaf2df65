/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * eeg-osc: receive a Muse headset's EEG as Mind Monitor streams it over OSC (UDP), and write
 * it as a raw tensor stream of samples with their times (see eeg-osc(1)).
 *
 * What a message means (samples, markers, times) is lib/osc.c's; this is the socket.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "osc.h"
#include "util.h"

static const struct option longs[] = {
	{ "port", required_argument, NULL, 'p' },
	{ "channels", required_argument, NULL, 'c' },
	{ "rate", required_argument, NULL, 'r' },
	{ "markers", required_argument, NULL, 'm' },
	{ "samples", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};
static const struct cli cli = {
	"usage: eeg-osc [-p PORT] [-c N] [-r HZ] [-m FILE] [-n SAMPLES]",
	"-p, --port PORT\tthe UDP port to listen on (default 5000, Mind Monitor's)\n"
	"-c, --channels N\tchannels of /muse/eeg, 4 to 6 (default: the first message's)\n"
	"-r, --rate HZ\tthe nominal sample rate (default 256)\n"
	"-m, --markers FILE\tblinks, jaw clenches and marker buttons as CSV lines time,marker\n"
	"-n, --samples N\tend after N samples (default: at SIGINT or SIGTERM)\n",
	"p:c:r:m:n:", longs,
};

/* liblo's and the module's warnings, one line each */
static void
warn(const char *line)
{
	warnx("warning: %s", line);
}

/* Receive until -n samples or a stop signal. */
static void
receive(struct osc *o, const char *port)
{
	char err[256];
	lo_server s = osc_listen(o, port, err, sizeof err);
	int fd;

	if (!s)
		die_at(o->name, "bind", "%s", err);
	fd = lo_server_get_socket_fd(s);
	while (!osc_done(o)) {
		if (util_wait(fd))
			break;	/* a stop signal */
		while (lo_server_recv_noblock(s, 0) > 0 && !osc_done(o))
			;
	}
	lo_server_free(s);
	osc_end(o);
}

int
main(int argc, char *argv[])
{
	struct osc o = { .rate = 256, .out = stdout, .outname = "stdout", .warn = warn,
		.argc = argc, .argv = argv };
	const char *port = "5000";
	char name[64];
	int c;

	util_init(argc, argv);
	while ((c = cli_next(&cli, argc, argv)) != -1)
		switch (c) {
		case 'p': port = optarg; estrtol(optarg, "--port", 1, 65535); break;
		case 'c': o.nch = (int)estrtol(optarg, "--channels", 4, OSC_MAXCH); break;
		case 'r': o.rate = estrtod(optarg, "--rate", 1, 1e5); break;
		case 'm': o.mpath = optarg; break;
		case 'n': o.max = estrtol(optarg, "--samples", 1, LONG_MAX); break;
		}
	if (optind < argc)
		usage_error("no operands: eeg-osc listens on a UDP port (-p)");
	snprintf(name, sizeof name, "udp port %s", port);
	o.name = name;
	if (o.mpath && !(o.markers = fopen(o.mpath, "w")))
		die_at(o.mpath, "open", "%s", strerror(errno));
	util_stream();	/* SIGINT, SIGTERM: the samples so far, then the end */
	receive(&o, port);
	if (o.markers)
		eclose(o.markers, o.mpath);
	finish(0);
}
