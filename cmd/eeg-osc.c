/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * eeg-osc: receive a Muse headset's EEG as Mind Monitor streams it over OSC (UDP), and write
 * it as a raw tensor stream of samples with their times (see eeg-osc(1)).
 *
 * Mind Monitor sends one /muse/eeg message per sample, 4 to 6 numbers (TP9, AF7, AF8, TP10,
 * then the auxiliary inputs) at 256 Hz, and event markers: /muse/elements/blink and
 * /muse/elements/jaw_clench when they happen, /Marker/N for its marker buttons. Other
 * paths (band powers, accelerometer, ...) are ignored.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lo/lo.h>

#include "tensor.h"
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

#define MAXCH		6
#define LAG		0.5	/* s behind the arrivals: samples were lost, restart the times */
#define AHEAD		0.25	/* s ahead of them at most: bursts keep their spacing */
#define NTP_UNIX	2208988800.0	/* OSC time tags count from 1900, Unix time from 1970 */

static const char *const chname[MAXCH] = { "TP9", "AF7", "AF8", "TP10", "AUX_RIGHT",
	"AUX_LEFT" };

struct osc {
	const char *name;	/* "udp port N", for messages */
	int nch;		/* 0 until the first /muse/eeg message, unless -c */
	double rate, t, t0;	/* nominal rate; the last sample's time and the first's */
	long long n, max;	/* samples written, -n (0 = no end) */
	long long skipped;	/* non-finite samples left out */
	struct writer w;
	int open;
	FILE *markers;
	const char *mpath;
	int argc;
	char **argv;
};

/* This computer's clock, Unix seconds. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
open_output(struct osc *o, double t0)
{
	struct header h;
	uint32_t dim = (uint32_t)o->nch;
	char src[64];

	header_init(&h);
	header_set_shape(&h, 1, &dim);
	for (int c = 0; c < o->nch; c++)
		names_add(&h.columns, chname[c]);
	h.rate = o->rate;
	h.t0 = o->t0 = t0;
	header_meta_add(&h, "unit", "uV");
	snprintf(src, sizeof src, "osc.udp %s", o->name);
	header_meta_add(&h, "source", src);
	header_add_history(&h, o->argc, o->argv);
	tensor_writer(&o->w, stdout, "stdout", &h);
	header_free(&h);
	o->open = 1;
}

/*
 * The time of the next sample, arriving at a: one period after the last, so samples that
 * come in bursts (a Bluetooth packet's, a network's) keep their spacing and windows their
 * length; but no more than AHEAD after its arrival (a headset whose clock is fast is
 * followed, times never decreasing), and restarted at the arrival when more than LAG
 * behind it (samples were lost: the gap shows in the times).
 */
static double
sample_time(struct osc *o, double a)
{
	double t = o->t + 1 / o->rate;

	if (!o->open || a - t > LAG)
		return a;
	if (t > a + AHEAD)
		t = a + AHEAD > o->t ? a + AHEAD : o->t;
	return t;
}

/* An argument as a number; copied out, as liblo's arguments are only 4-byte aligned. */
static double
arg_number(char type, const lo_arg *a, int *ok)
{
	float f;
	double d;
	int32_t i;
	int64_t h;

	*ok = 1;
	switch (type) {
	case LO_FLOAT: memcpy(&f, a, sizeof f); return f;
	case LO_DOUBLE: memcpy(&d, a, sizeof d); return d;
	case LO_INT32: memcpy(&i, a, sizeof i); return i;
	case LO_INT64: memcpy(&h, a, sizeof h); return (double)h;
	}
	*ok = 0;
	return 0;
}

static void
eeg(struct osc *o, const char *types, lo_arg **argv, int argc, double a)
{
	float x[MAXCH];
	struct frame f;
	int ok = 1;

	if (!o->nch && argc >= 4 && argc <= MAXCH)
		o->nch = argc;
	if (argc != o->nch) {
		if (o->nch)
			warnx("warning: %s: /muse/eeg with %d values, not %d: left out", o->name,
			    argc, o->nch);
		else
			warnx("warning: %s: /muse/eeg with %d values, not 4 to 6: left out",
			    o->name, argc);
		return;
	}
	for (int c = 0; c < argc && ok; c++)
		x[c] = (float)arg_number(types[c], argv[c], &ok);
	if (!ok) {
		warnx("warning: %s: /muse/eeg of types '%s', not numbers: left out", o->name, types);
		return;
	}
	double t = sample_time(o, a);
	for (int c = 0; c < o->nch; c++)
		if (!isfinite(x[c])) {
			/* a sensor without contact: the sample is left out, its time kept */
			if (!o->skipped++)
				warnx("warning: %s: sample %lld: %s is not a finite number: samples "
				    "like it are left out", o->name, o->n + 1, chname[c]);
			if (o->open)
				o->t = t;
			return;
		}
	if (!o->open)
		open_output(o, t);
	o->t = t;
	f.label = f.group = TENSOR_NONE;
	f.time = t - o->t0;
	f.x = x;
	tensor_write(&o->w, &f);
	o->n++;
}

/* A marker at time a: "blink", "jaw_clench", or "marker 3" for Mind Monitor's /Marker/3. */
static void
marker(struct osc *o, const char *path, double a)
{
	if (!o->markers)
		return;
	if (!strncmp(path, "/muse/elements/", 15))
		fprintf(o->markers, "%.6f,%s\n", a, path + 15);
	else	/* "/Marker/3", "/Marker3" */
		fprintf(o->markers, "%.6f,marker %s\n", a, path[7] == '/' ? path + 8 : path + 7);
	if (fflush(o->markers))
		die_write(o->mpath, errno);
}

/* When a message was sent: its bundle's time tag, else its arrival on this clock. */
static double
sent_at(lo_message msg)
{
	lo_timetag tt = lo_message_get_timestamp(msg);

	if (tt.sec == LO_TT_IMMEDIATE.sec && tt.frac == LO_TT_IMMEDIATE.frac)
		return now();
	return tt.sec - NTP_UNIX + tt.frac * 0x1p-32;
}

static int
on_message(const char *path, const char *types, lo_arg **argv, int argc, lo_message msg,
    void *user)
{
	struct osc *o = user;
	double a = sent_at(msg);

	if (o->max && o->n >= o->max)
		return 0;
	if (!strcmp(path, "/muse/eeg"))
		eeg(o, types, argv, argc, a);
	else if (!strcmp(path, "/muse/elements/blink") ||
	    !strcmp(path, "/muse/elements/jaw_clench") || !strncmp(path, "/Marker", 7))
		marker(o, path, a);
	return 0;
}

static char bind_err[256];

static void
on_error(int num, const char *msg, const char *where)
{
	(void)num, (void)where;
	snprintf(bind_err, sizeof bind_err, "%s", msg ? msg : "error");
}

static void
receive(struct osc *o, const char *port)
{
	lo_server s = lo_server_new_with_proto(port, LO_UDP, on_error);
	int fd;

	if (!s)
		die_at(o->name, "bind", "%s", bind_err);
	lo_server_enable_queue(s, 0, 1);	/* time-tagged bundles at once, never held */
	lo_server_add_method(s, NULL, NULL, on_message, o);
	fd = lo_server_get_socket_fd(s);
	while (!(o->max && o->n >= o->max)) {
		if (util_wait(fd))
			break;	/* a stop signal */
		while (lo_server_recv_noblock(s, 0) > 0 && !(o->max && o->n >= o->max))
			;
	}
	lo_server_free(s);
	if (!o->open && o->nch)
		open_output(o, now());	/* a header for a stream without samples */
}

int
main(int argc, char *argv[])
{
	struct osc o = { .rate = 256, .argc = argc, .argv = argv };
	const char *port = "5000";
	char name[64];
	int c;

	util_init(argc, argv);
	while ((c = cli_next(&cli, argc, argv)) != -1)
		switch (c) {
		case 'p': port = optarg; estrtol(optarg, "--port", 1, 65535); break;
		case 'c': o.nch = (int)estrtol(optarg, "--channels", 4, MAXCH); break;
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
	if (o.skipped > 1)	/* the first had its warning */
		warnx("warning: %s: %lld samples left out (not finite numbers)", o.name, o.skipped);
	if (o.markers)
		eclose(o.markers, o.mpath);
	if (o.open)
		writer_close(&o.w);
	finish(0);
}
