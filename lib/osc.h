/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * osc: what eeg-osc makes of Mind Monitor's OSC datagrams (see eeg-osc(1)). liblo parses
 * each datagram (a message, or a bundle of them with a time tag) and hands every message
 * to this module: a /muse/eeg message of 4 to OSC_MAXCH numbers is one sample, written as a
 * frame of a raw tensor stream (shape nch, float32) with its time; /muse/elements/blink,
 * /muse/elements/jaw_clench and /Marker/N are markers, written as CSV lines time,marker;
 * other paths are ignored. What is left out is reported by o->warn, one line each.
 */
#ifndef EEG_OSC_H
#define EEG_OSC_H

#include <stdio.h>

#include <lo/lo.h>

#include "tensor.h"

#define OSC_MAXCH	6

struct osc {
	/* the caller's, before osc_listen */
	const char *name;	/* "udp port N": for messages and the header's source */
	int nch;		/* channels, 4..OSC_MAXCH; 0: as many as the first sample has */
	double rate;		/* the nominal sample rate, Hz */
	long long max;		/* end after max samples; 0: no end */
	FILE *out;		/* the tensor stream, written from the first sample on */
	const char *outname;
	FILE *markers;		/* CSV lines time,marker; NULL: markers are ignored */
	const char *mpath;
	int argc;		/* the command line, for the header's history */
	char **argv;
	void (*warn)(const char *line);	/* one line, no newline: "udp port N: what" */
	/* the module's */
	struct writer w;
	int open;		/* the header is written */
	double t, t0;		/* the last sample's time and the first's, Unix seconds */
	long long n;		/* samples written */
	long long skipped;	/* samples left out: not all finite numbers */
	long long bad;		/* datagrams liblo could not read */
	long long odd;		/* /muse/eeg messages of another count or type of values */
	long long badmark;	/* marker paths left out */
};

/*
 * A liblo server on UDP port (NULL: any free one) whose messages go to o, queueing none
 * (a time-tagged bundle is handled when it arrives); NULL with a message in err when the
 * port cannot be bound. The caller reads it (lo_server_recv_noblock) or feeds it
 * datagrams from memory (lo_server_dispatch_data), and frees it (lo_server_free).
 */
lo_server osc_listen(struct osc *o, const char *port, char *err, size_t n);
/* 1 once o->max samples are written: the messages that follow are ignored. */
int osc_done(const struct osc *o);
/* At the end: the header of a stream without samples when the channels are known (-c),
 * the count of what was left out, the writer freed (o->out and o->markers stay open). */
void osc_end(struct osc *o);

#endif
