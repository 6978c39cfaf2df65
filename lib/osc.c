/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * osc: Mind Monitor's OSC messages as eeg-osc takes them (see osc.h, eeg-osc(1)).
 *
 * Mind Monitor sends one /muse/eeg message per sample, 4 to 6 numbers (TP9, AF7, AF8, TP10,
 * then the auxiliary inputs) at 256 Hz, and event markers: /muse/elements/blink and
 * /muse/elements/jaw_clench when they happen, /Marker/N for its marker buttons. Other
 * paths (band powers, accelerometer, ...) are ignored.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include <sys/socket.h>

#include <lo/lo.h>
#include <lo/lo_throw.h>

#include "osc.h"
#include "util.h"

#define LAG		0.5	/* s behind the arrivals: samples were lost, restart the times */
#define AHEAD		0.25	/* s ahead of them at most: bursts keep their spacing */
#define NTP_UNIX	2208988800.0	/* OSC time tags count from 1900, Unix time from 1970 */

static const char *const chname[OSC_MAXCH] = { "TP9", "AF7", "AF8", "TP10", "AUX_RIGHT",
	"AUX_LEFT" };

static void
warn(struct osc *o, const char *fmt, ...)
{
	char line[256];
	int k = snprintf(line, sizeof line, "%s: ", o->name);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line + k, sizeof line - (size_t)k, fmt, ap);
	va_end(ap);
	o->warn(line);
}

/* The stream's header, the first sample's time t0 its t0. */
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
	tensor_writer(&o->w, o->out, o->outname, &h);
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

/* A /muse/eeg message of argc arguments argv (types[argc]) sent at a: one sample x[nch]. */
static void
eeg(struct osc *o, const char *types, lo_arg **argv, int argc, double a)
{
	float x[OSC_MAXCH];
	struct frame f;
	int ok = 1;

	if (!o->nch && argc >= 4 && argc <= OSC_MAXCH)
		o->nch = argc;
	/* the first odd message is reported, and at the end how many there were */
	if (argc != o->nch) {
		if (o->odd++)
			return;
		if (o->nch)
			warn(o, "/muse/eeg with %d values, not %d: messages like it are left out",
			    argc, o->nch);
		else
			warn(o, "/muse/eeg with %d values, not 4 to 6: messages like it are left out",
			    argc);
		return;
	}
	for (int c = 0; c < argc && ok; c++)
		x[c] = (float)arg_number(types[c], argv[c], &ok);
	if (!ok) {
		if (!o->odd++)
			warn(o, "/muse/eeg of types '%s', not numbers: messages like it are left out",
			    types);
		return;
	}
	double t = sample_time(o, a);
	for (int c = 0; c < o->nch; c++)
		if (!isfinite(x[c])) {
			/* a sensor without contact: the sample is left out, its time kept */
			if (!o->skipped++)
				warn(o, "sample %lld: %s is not a finite number: samples like it are "
				    "left out", o->n + 1, chname[c]);
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

#define MAXMARKER	32	/* bytes of a marker button's name */

/*
 * A marker at time a: "blink", "jaw_clench", or "marker 3" for Mind Monitor's /Marker/3
 * (or /Marker3). A button's name is 1 to MAXMARKER letters, digits, '_', '-' or '.': the
 * CSV line holds no comma, quote or control byte; a path with another is left out.
 */
static void
marker(struct osc *o, const char *path, double a)
{
	const char *name = path[7] == '/' ? path + 8 : path + 7;
	size_t k = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-.");

	if (!o->markers)
		return;
	if (!strncmp(path, "/muse/elements/", 15))
		fprintf(o->markers, "%.6f,%s\n", a, path + 15);
	else if (k && k <= MAXMARKER && !name[k])
		fprintf(o->markers, "%.6f,marker %s\n", a, name);
	else {
		if (!o->badmark++)
			warn(o, "a /Marker path of %zu bytes, not /Marker/NAME (1 to %d letters, "
			    "digits, '_', '-', '.'): markers like it are left out", strlen(path),
			    MAXMARKER);
		return;
	}
	if (fflush(o->markers))
		die_write(o->mpath, errno);
}

/* When a message was sent: its bundle's time tag, else its arrival on this clock. */
static double
sent_at(lo_message msg)
{
	lo_timetag tt = lo_message_get_timestamp(msg);

	if (tt.sec == LO_TT_IMMEDIATE.sec && tt.frac == LO_TT_IMMEDIATE.frac)
		return util_clock(CLOCK_REALTIME);
	return tt.sec - NTP_UNIX + tt.frac * 0x1p-32;
}

static int
on_message(const char *path, const char *types, lo_arg **argv, int argc, lo_message msg,
    void *user)
{
	struct osc *o = user;
	double a = sent_at(msg);

	if (osc_done(o))
		return 0;
	if (!strcmp(path, "/muse/eeg"))
		eeg(o, types, argv, argc, a);
	else if (!strcmp(path, "/muse/elements/blink") ||
	    !strcmp(path, "/muse/elements/jaw_clench") || !strncmp(path, "/Marker", 7))
		marker(o, path, a);
	return 0;
}

/* liblo's errors: a datagram it cannot read (the server's context is its osc), or, while
 * the server is made (no context yet), why it cannot bind */
static char listen_err[256];

static void
on_error(int num, const char *msg, const char *where)
{
	struct osc *o = lo_error_get_context();

	(void)num, (void)where;	/* where: the datagram's path, its bytes unchecked */
	if (!o) {
		snprintf(listen_err, sizeof listen_err, "%s", msg ? msg : "error");
		return;
	}
	if (!o->bad++)
		warn(o, "a datagram that is not OSC (liblo: %s): datagrams like it are left out",
		    msg ? msg : "error");
}

lo_server
osc_listen(struct osc *o, const char *port, char *err, size_t n)
{
	lo_server s;

	snprintf(listen_err, sizeof listen_err, "error");
	if (!(s = lo_server_new_with_proto(port, LO_UDP, on_error))) {
		snprintf(err, n, "%s", listen_err);
		return NULL;
	}
	lo_server_set_error_context(s, o);
	lo_server_enable_queue(s, 0, 1);	/* time-tagged bundles at once, never held */
	/* Room for a burst: Mind Monitor sends a datagram a sample (256 to 1,500 a second), Wi-Fi
	 * delivers them in bursts, and a busy machine may not read for tens of milliseconds;
	 * the kernel's default buffer (212 KB) holds about 270 of them. Ask for 4 MiB (the
	 * kernel caps it at net.core.rmem_max; a smaller buffer is not an error). */
	int size = 4 << 20;
	setsockopt(lo_server_get_socket_fd(s), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	lo_server_add_method(s, NULL, NULL, on_message, o);
	return s;
}

int
osc_done(const struct osc *o)
{
	return o->max && o->n >= o->max;
}

void
osc_end(struct osc *o)
{
	if (!o->open && o->nch)
		open_output(o, util_clock(CLOCK_REALTIME));	/* a header for a stream without samples */
	if (o->skipped > 1)	/* the first had its warning */
		warn(o, "%lld samples left out (not finite numbers)", o->skipped);
	if (o->bad > 1)
		warn(o, "%lld datagrams left out (not OSC)", o->bad);
	if (o->odd > 1)
		warn(o, "%lld /muse/eeg messages left out (another count or type of values)",
		    o->odd);
	if (o->badmark > 1)
		warn(o, "%lld markers left out (not /Marker/NAME)", o->badmark);
	if (o->open)
		writer_close(&o->w);
	o->open = 0;
}
