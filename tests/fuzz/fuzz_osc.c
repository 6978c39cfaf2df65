/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_osc: eeg-osc's datagrams (lib/osc.c) as liblo parses them. The input is datagrams,
 * each a big-endian u16 length and its bytes (the last one cut to what is left), after a
 * first byte for the options: bits 0-1 -c (none, 4, 5, 6), bit 2 -m (markers written),
 * bits 3-4 the rate (256, 1, 1e5, 250), bit 5 -n 7. Each datagram goes to the server
 * eeg-osc listens with (osc_listen), through lo_server_dispatch_data as lo_server_recv
 * would hand it over, bundles and time tags included; then osc_end. Oracles: no crash,
 * leak or UB; every warning is one printable line; the stream written reads back with
 * the channels and rate asked (or the first sample's 4 to 6), as many frames as samples
 * taken (at most -n), all finite, times from 0 never going back; no samples and no -c:
 * nothing written; each marker line is "time,name" with a finite time and a name free
 * of commas, quotes and control bytes.
 */
#include <math.h>

#include "fuzz.h"
#include "osc.h"

static struct osc o;
static long nwarn;

static void
check_line(const char *s, size_t n, const char *what)
{
	FUZZ_CHECK(n > 0, "%s: empty", what);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f,
		    "%s: byte 0x%02x at %zu: '%.*s'", what, (unsigned char)s[i], i, (int)n, s);
}

static void
on_warn(const char *line)
{
	check_line(line, strlen(line), "warning");
	nwarn++;
}

/* the stream in buf[n] as the reader sees it */
static void
check_stream(const char *buf, size_t n, int nch, double rate)
{
	FILE *fp = fmemopen((void *)buf, n, "rb");
	struct reader r;
	struct frame f;
	long long frames = 0;
	double tprev = 0;
	int rc;

	FUZZ_CHECK(!reader_open(&r, fp, "osc"), "own stream does not read: %s", r.err);
	FUZZ_CHECK(r.h.ndim == 1 && (int)r.h.dims[0] == nch && nch >= 4 && nch <= OSC_MAXCH,
	    "shape %u, %d channels", r.h.dims[0], nch);
	FUZZ_CHECK(r.h.rate == rate, "rate %g, not %g", r.h.rate, rate);
	while ((rc = reader_next(&r, &f)) == 1) {
		FUZZ_CHECK(isfinite(f.time) && f.time >= tprev && (frames || f.time == 0),
		    "frame %lld: time %.17g after %.17g", frames, f.time, tprev);
		tprev = f.time;
		for (int c = 0; c < nch; c++)
			FUZZ_CHECK(isfinite(f.x[c]), "frame %lld channel %d is %g", frames, c,
			    f.x[c]);
		frames++;
	}
	FUZZ_CHECK(rc == 0, "own stream: %s", r.err);
	FUZZ_CHECK(frames == o.n && (!o.max || frames <= o.max), "%lld frames, %lld samples",
	    frames, o.n);
	reader_close(&r);
	fclose(fp);
}

/* every line of the markers file buf[n]: "time,name" */
static void
check_markers(const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n, *nl;

	while (p < end) {
		char *e;
		double t = strtod(p, &e);

		FUZZ_CHECK((nl = memchr(p, '\n', (size_t)(end - p))), "marker line without end");
		FUZZ_CHECK(e > p && e < nl && *e == ',' && isfinite(t), "marker time: '%.*s'",
		    (int)(nl - p), p);
		check_line(e + 1, (size_t)(nl - e - 1), "marker");
		FUZZ_CHECK(!memchr(e + 1, ',', (size_t)(nl - e - 1)) &&
		    !memchr(e + 1, '"', (size_t)(nl - e - 1)), "marker: '%.*s'", (int)(nl - p), p);
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double rates[] = { 256, 1, 1e5, 250 };
	static lo_server s;
	char *out = NULL, *mk = NULL, err[256];
	size_t nout = 0, nmk = 0;
	int nch;

	if (size < 1)
		return 0;
	o = (struct osc){ .name = "udp port 5000", .outname = "stdout", .mpath = "markers",
		.warn = on_warn };
	o.nch = (data[0] & 3) ? 3 + (data[0] & 3) : 0;
	o.rate = rates[(data[0] >> 3) & 3];
	o.max = (data[0] & 32) ? 7 : 0;
	o.out = open_memstream(&out, &nout);
	if (data[0] & 4)
		o.markers = open_memstream(&mk, &nmk);
	if (!s && !(s = osc_listen(&o, NULL, err, sizeof err))) {
		fprintf(stderr, "osc_listen: %s\n", err);
		abort();
	}
	for (size_t i = 1; i + 2 <= size;) {
		size_t len = (size_t)data[i] << 8 | data[i + 1];

		i += 2;
		if (len > size - i)
			len = size - i;
		/* liblo reads the datagram in place (lo_server_recv hands it its own buffer) */
		lo_server_dispatch_data(s, (void *)(data + i), len);
		i += len;
	}
	nch = o.nch;
	osc_end(&o);
	fclose(o.out);
	if (o.n || nch)
		check_stream(out, nout, nch, o.rate);
	else
		FUZZ_CHECK(nout == 0, "no samples, no -c, but %zu bytes written", nout);
	if (o.markers) {
		fclose(o.markers);
		check_markers(mk, nmk);
	}
	free(out);
	free(mk);
	return 0;
}
