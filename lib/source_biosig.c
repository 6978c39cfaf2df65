/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_biosig: EDF, EDF+, BDF, BDF+, GDF, BrainVision, BCI2000 and EGI recordings
 * through libbiosig (sopen, sread), for source.h. Formats "edf" (EDF, EDF+, BDF, BDF+),
 * "gdf", "brainvision" (the .vhdr; its .vmrk and .eeg beside it), "bci2000", "egi"
 * (EGI's unsegmented simple binary); libbiosig itself tells them apart once a file is
 * opened, and must agree with detection. "cnt" (Neuroscan) is recognised and refused (see
 * cnt_open).
 *
 * Channels: the file's signals but those libbiosig marks as not data (the EDF+/BDF+
 * annotation signal, GDF's sparse channels) and a BDF or GDF trigger channel named
 * "Status", which becomes events. Labels as stored without trailing blanks and without
 * PhysioNet's padding dots ("Fc5." is Fc5, "C3.." is C3); units from the physical
 * dimension ("uV"), none for "-" or an empty field. Values are physical: digital * Cal +
 * Off with libbiosig's scaling from the header's physical and digital ranges.
 *
 * Rates: signals may differ in rate (EDF samples per data record). The selected channels
 * must share one, else open fails and names the rates (select one group with
 * --channels); they are read at that rate, not repeated up to a common one.
 *
 * Times: t is Unix seconds (has_time = 1) from the start date and time the file states
 * (an EDF's local clock taken as UTC; rounded to 0.1 ms: libbiosig keeps times in steps
 * of 20 us; so are record start times), t = start + index / rate; a file without a start date counts from 0
 * (has_time = 0). EDF+D/BDF+D data records carry their own start times: a record that
 * starts later than the previous one ends leaves a gap in t (windows never span it), one
 * that starts before it ends is an error.
 *
 * Events, all known after open, in time order, onsets in t's seconds: EDF+/BDF+
 * annotations (onset, duration, text); GDF event tables (text: the file's description of
 * the code, else the code in decimal; a GDF end code 0x8000|c closes the last open c);
 * BrainVision markers (text: the description, "S  1"); BCI2000 states as libbiosig
 * decodes them; and a Status channel's triggers: its low 16 bits (the upper 8 are
 * BioSemi's CMS, battery and speed bits, ignored), one event at each sample where they
 * change to a non-zero value, text that value in decimal, lasting until they change
 * again. Events of at most one sample have duration 0. An event whose onset lies outside
 * the recording is an error; one that runs past its end is cut there.
 *
 * Errors, before any sample is read or a buffer sized from the file is allocated: a
 * header libbiosig refuses; before libbiosig reads it, a header that would crash it or make
 * it allocate more than the file holds (each format's sizes, counts and offsets against
 * the file's size; EDF+ fields it cannot parse; another format's signature it would take
 * the file for: see the *_precheck functions and foreign_magic); a file shorter than its
 * header says (truncated), a rate outside (0, SOURCE_MAXRATE], a channel whose scaling is
 * not finite or zero, a data record too large to read. libbiosig prints some warnings itself: its output is silenced while it
 * opens a file and reads, so a tool prints its own one line only.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <biosig.h>
#include <dlfcn.h>

#include "source.h"
#include "util.h"

#define BS_LIBRARY	"libbiosig.so.3"	/* Debian's libbiosig3 (2.5) */
#define BS_MAXBLOCK	(1 << 24)	/* doubles in one sread (128 MB) */
#define BS_SEGMENT	0x7ffe		/* libbiosig: a new segment (EDF+D record, BrainVision) */
#define BS_SPARSE	0x7fff		/* libbiosig: a sample of a sparse GDF channel */

struct seg {			/* a run of records without a gap */
	long long pos;		/* its first sample */
	double t;		/* that sample's time, s from the start */
};

struct bs {
	HDRTYPE *h;
	int nsel;		/* channels read (libbiosig OnOff), in file order */
	int *col;		/* (nch) column of output channel k in a block */
	size_t spr;		/* samples per record of the channels read */
	long long nrec, rec;	/* records in the file, next to read */
	int cached;		/* libbiosig holds the whole data section already */
	long per;		/* records per sread */
	double *blk;		/* (per * spr, nsel) the last block read */
	long have, off;		/* samples in blk, returned of them */
	struct seg *seg;	/* (nseg) gaps: the first sample after each, and its time */
	size_t nseg, iseg;
	double t0;		/* start, Unix seconds (0 when unknown) */
	int failed;
	/* the fast path: raw records decoded here (see decode_block) */
	unsigned char *raw;	/* (per, AS.bpb) records as stored; NULL: libbiosig's sread */
	struct rawch { uint32_t bi; uint16_t typ; double cal, off; } *ch;	/* (nch) */
};

/*
 * libbiosig, loaded when a file in one of its formats is opened: with its libraries
 * (DCMTK, ICU, libxml2, libstdc++) it costs every process that links it about 2.5 ms of
 * start-up, a twentieth of eeg-fft's run over the Muse recordings, which do not need it.
 */
static struct {
	HDRTYPE *(*sopen)(const char *, const char *, HDRTYPE *);
	size_t (*sread)(biosig_data_type *, size_t, size_t, HDRTYPE *);
	size_t (*sread_raw)(size_t, size_t, HDRTYPE *, char, void *, size_t);
	int (*sclose)(HDRTYPE *);
	void (*destructHDR)(HDRTYPE *);
	const char *(*GetEventDescription)(HDRTYPE *, size_t);
	const char *(*PhysDim3)(uint16_t);
	const char *(*GetFileTypeString)(enum FileFormat);
} lb;

/* dlsym's idiom for a function pointer (POSIX, dlsym(3)) */
#define LB_SYM(f) (*(void **)&lb.f = dlsym(so, #f))

static int
lb_load(struct source *s)
{
	void *so;

	if (lb.sopen)
		return 0;
	if (!(so = dlopen(BS_LIBRARY, RTLD_NOW | RTLD_LOCAL)))
		return source_fail(s, "open: cannot load libbiosig: %s", dlerror());
	if (!LB_SYM(sread) || !LB_SYM(sread_raw) || !LB_SYM(sclose) || !LB_SYM(destructHDR) ||
	    !LB_SYM(GetEventDescription) || !LB_SYM(PhysDim3) || !LB_SYM(GetFileTypeString) ||
	    !LB_SYM(sopen))
		return source_fail(s, "open: %s: %s", BS_LIBRARY, dlerror());
	return 0;
}

/* --- libbiosig's own output --- */

struct quiet { int fd1, fd2; };

/* Send fd 2 (and fd 1 when out is set: nothing of ours is pending then) to /dev/null. */
static void
quiet_on(struct quiet *q, int out)
{
	int nul = open("/dev/null", O_WRONLY | O_CLOEXEC);

	fflush(stderr);
	if (out)
		fflush(stdout);
	q->fd1 = q->fd2 = -1;
	if (nul < 0)
		return;
	q->fd2 = dup(2);
	dup2(nul, 2);
	if (out) {
		q->fd1 = dup(1);
		dup2(nul, 1);
	}
	close(nul);
}

static void
quiet_off(struct quiet *q)
{
	fflush(stderr);
	if (q->fd1 >= 0) {
		fflush(stdout);		/* what libbiosig printed goes to /dev/null */
		dup2(q->fd1, 1);
		close(q->fd1);
	}
	if (q->fd2 >= 0) {
		dup2(q->fd2, 2);
		close(q->fd2);
	}
}

/* --- detection --- */

static int
detect_edf(const unsigned char *p, size_t n, const char *path)
{
	static const char *const ext[] = { "edf", "bdf", "rec", NULL };

	if (n >= 8 && (!memcmp(p, "0       ", 8) || !memcmp(p, "\xff" "BIOSEMI", 8)))
		return 3;
	return source_has_ext(path, ext) ? 2 : 0;
}

static int
detect_gdf(const unsigned char *p, size_t n, const char *path)
{
	static const char *const ext[] = { "gdf", NULL };

	/* "GDF 1.25", "GDF 2.20": libbiosig 2.5 reads through a null FILE on a "GDF " that
	 * names no version (fuzz_signal) */
	if (n >= 8 && !memcmp(p, "GDF ", 4) && p[4] >= '1' && p[4] <= '3' && p[5] == '.' &&
	    p[6] >= '0' && p[6] <= '9' && p[7] >= '0' && p[7] <= '9')
		return 3;
	return source_has_ext(path, ext) ? 2 : 0;
}

static int
detect_brainvision(const unsigned char *p, size_t n, const char *path)
{
	static const char *const ext[] = { "vhdr", NULL };
	const char *s = (const char *)p;

	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		s += 3, n -= 3;
	if ((n >= 38 && !memcmp(s, "Brain Vision Data Exchange Header File", 38)) ||
	    (n >= 37 && !memcmp(s, "BrainVision Data Exchange Header File", 37)))
		return 3;
	return source_has_ext(path, ext) ? 2 : 0;
}

static int
detect_bci2000(const unsigned char *p, size_t n, const char *path)
{
	(void)path;
	if ((n >= 10 && !memcmp(p, "HeaderLen=", 10)) || (n >= 8 && !memcmp(p, "BCI2000V", 8)))
		return 3;
	return 0;
}

static int
detect_cnt(const unsigned char *p, size_t n, const char *path)
{
	static const char *const ext[] = { "cnt", NULL };

	if (n >= 11 && !memcmp(p, "Version 3.0", 11))
		return 3;
	return source_has_ext(path, ext) ? 2 : 0;
}

/* EGI's simple binary: a big-endian version 2 to 7, the high bytes of the date's month to
 * second and of its bit count zero (libbiosig's test) */
static int
detect_egi(const unsigned char *p, size_t n, const char *path)
{
	static const char *const ext[] = { "egi", "raw", NULL };

	if (n >= 27 && !p[0] && !p[1] && !p[2] && p[3] >= 2 && p[3] <= 7 && !p[6] && !p[8] &&
	    !p[10] && !p[12] && !p[14] && !p[26])
		return 3;
	return source_has_ext(path, ext) ? 2 : 0;
}

/* --- open --- */

/* An EDF header number: one number (an integer when asked) between blanks, nothing else. */
static int
edf_number(const char *p, size_t n, int integer, double *v)
{
	char f[17], *e;

	memcpy(f, p, n);
	f[n] = 0;
	errno = 0;
	*v = integer ? (double)strtoll(f, &e, 10) : strtod(f, &e);
	if (e == f || errno || !isfinite(*v))
		return -1;
	while (*e == ' ')
		e++;
	return *e ? -1 : 0;
}

/* The length of an n-byte header field without its trailing blanks (for messages). */
static int
edf_len(const char *p, int n)
{
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return n;
}

/*
 * An EDF+ header's patient and recording fields as libbiosig 2.5 splits them (at blanks,
 * each field up to its first NUL): it reads through a null pointer, inside sopen, on a
 * patient field of exactly two subfields ("John Doe") and on a recording field that starts
 * "Startdate " without a date of three parts after it ("Startdate 12-AUG"). The EDF+
 * specification asks for four subfields and dd-MMM-yyyy (or X); both shapes are refused.
 * libbiosig parses them whenever the reserved field starts "EDF+", in a BDF file too.
 */
static int
edfplus_precheck(struct source *s, const char *b)
{
	char f[81], *save, *w;
	int n = 0;

	if (strncmp(b + 192, "EDF+", 4))
		return 0;
	memcpy(f, b + 8, 80);
	f[80] = 0;
	for (w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save))
		n++;
	if (n == 2)
		return source_fail(s, "header: EDF+ patient field '%.*s' has 2 subfields, not the "
		    "4 EDF+ asks for (libbiosig cannot read it)", edf_len(b + 8, 80), b + 8);
	memcpy(f, b + 88, 80);
	f[80] = 0;
	if (strncmp(f, "Startdate ", 10))
		return 0;
	w = strtok_r(f + 10, " ", &save);
	n = 0;
	if (w && strcmp(w, "X"))
		for (w = strtok_r(w, "-", &save); w; w = strtok_r(NULL, "-", &save))
			n++;
	else if (w)
		n = 3;
	if (n < 3)
		return source_fail(s, "header: EDF+ recording field '%.*s' gives no start date "
		    "dd-MMM-yyyy after Startdate (libbiosig cannot read it)", edf_len(b + 88, 80),
		    b + 88);
	return 0;
}

/*
 * The EDF+ annotation signals of the last record (sh: the ns signal headers, nrec records
 * of bpr bytes after hb of header; nrec -1: as many as the file holds): each must end in
 * a NUL, as every TAL ends in one and the rest is NUL padding. libbiosig 2.5 reads each TAL
 * as a string and, on one cut short at the end, past its buffer. 0 or -1.
 */
static int
edf_annotations_end(struct source *s, struct source_input *in, const char *sh, long ns,
    long hb, long long nrec, long long bpr, int bdf, off_t size)
{
	long long off = 0;
	int w = bdf ? 3 : 2;

	if (nrec < 0)
		nrec = (size - hb) / bpr;

	for (long k = 0; k < ns && nrec > 0; k++) {
		double spr;
		edf_number(sh + 216 * ns + 8 * k, 8, 1, &spr);
		if (!memcmp(sh + 16 * k, bdf ? "BDF Annotations " : "EDF Annotations ", 16) &&
		    spr > 0) {
			size_t n = (size_t)spr * (size_t)w;
			char *a = emalloc(n);
			off_t at = (in->off0 > 0 ? in->off0 : 0) + hb + (nrec - 1) * bpr + off;
			int nul = pread(in->fd, a, n, at) == (ssize_t)n && !a[n - 1];
			free(a);
			if (!nul)
				return source_fail(s, "record %lld: signal %ld (annotations) does not "
				    "end in a NUL: its last TAL is cut short, which libbiosig 2.5 reads "
				    "past", nrec, k + 1);
		}
		off += (long long)spr * w;
	}
	return 0;
}

/*
 * The fixed EDF/BDF header's signal count against its header size and the file's: libbiosig
 * 2.5 reads past its buffer (and crashes) on a header claiming more signals than it holds.
 */
static int
edf_precheck(struct source *s, struct source_input *in)
{
	char b[257], f[9];
	struct stat st;
	long ns, hb;
	int r;

	if (in->fd < 0 || fstat(in->fd, &st) || !S_ISREG(st.st_mode))
		return 0;	/* libbiosig opens it by name and checks what it can */
	if (pread(in->fd, b, 256, in->off0 > 0 ? in->off0 : 0) != 256)
		return source_fail(s, "header: %lld bytes, shorter than an EDF/BDF header (256)",
		    (long long)st.st_size);
	b[256] = 0;
	if ((r = edfplus_precheck(s, b)))
		return r;
	memcpy(f, b + 184, 8);
	f[8] = 0;
	hb = strtol(f, NULL, 10);
	memcpy(f, b + 252, 4);
	f[4] = 0;
	ns = strtol(f, NULL, 10);
	if (ns < 1 || ns > SOURCE_MAXCH + 2)
		return source_fail(s, "header: %ld signals (want 1 to %d)", ns, SOURCE_MAXCH + 2);
	if (hb != 256 * (ns + 1))
		return source_fail(s, "header: %ld signals need a header of %ld bytes, it says %ld",
		    ns, 256 * (ns + 1), hb);
	if (st.st_size < hb)
		return source_fail(s, "header: %ld bytes of header, the file has %lld (truncated)",
		    hb, (long long)st.st_size);
	/* the data records: libbiosig 2.5 reads a short file's missing ones from beyond its
	 * buffer (an EDF+ file's annotations) before any check of its own; and it reads a
	 * number field that is not one ("low") as 0, a scale the file never gave */
	{
		static const struct { const char *what; long off; int integer; } num[] = {
			{ "physical minimum", 104, 0 }, { "physical maximum", 112, 0 },
			{ "digital minimum", 120, 1 }, { "digital maximum", 128, 1 },
			{ "samples per record", 216, 1 },
		};
		int bdf = (unsigned char)b[0] == 0xff;
		long long nrec, bpr = 0;
		double v;
		char *sh = emalloc((size_t)ns * 256);
		if (edf_number(b + 236, 8, 1, &v) || (v < 0 && v != -1)) {
			free(sh);
			return source_fail(s, "header: number of data records '%.*s' is not -1 or "
			    "a count", edf_len(b + 236, 8), b + 236);
		}
		nrec = (long long)v;
		if (edf_number(b + 244, 8, 0, &v)) {
			free(sh);
			return source_fail(s, "header: record duration '%.*s' is not a number",
			    edf_len(b + 244, 8), b + 244);
		}
		if (pread(in->fd, sh, (size_t)ns * 256, (in->off0 > 0 ? in->off0 : 0) + 256) !=
		    ns * 256) {
			free(sh);
			return source_fail(s, "header: cannot read the signal headers");
		}
		for (long k = 0; k < ns; k++)
			for (size_t j = 0; j < sizeof num / sizeof *num; j++) {
				const char *fld = sh + num[j].off * ns + 8 * k;
				if (edf_number(fld, 8, num[j].integer, &v)) {
					r = source_fail(s, "header: signal %ld: %s '%.*s' is not %s", k + 1,
					    num[j].what, edf_len(fld, 8), fld,
					    num[j].integer ? "an integer" : "a number");
					free(sh);
					return r;
				}
				if (num[j].off != 216)
					continue;
				if (v < 0 || v > 1 << 30) {
					free(sh);
					return source_fail(s, "header: signal %ld: %.0f samples per record",
					    k + 1, v);
				}
				bpr += (long long)v * (bdf ? 3 : 2);
			}
		/* records of no samples: libbiosig 2.5 divides by their size when it counts
		 * them (nrec 0 or -1) */
		if (bpr == 0) {
			free(sh);
			return source_fail(s, "header: every signal has 0 samples per record (no "
			    "samples)");
		}
		if (nrec > 0 && (double)st.st_size < hb + (double)nrec * bpr)
			r = source_fail(s, "header: %lld data records of %lld bytes after %ld bytes "
			    "of header need %.0f bytes, the file has %lld (truncated)", nrec, bpr, hb,
			    hb + (double)nrec * bpr, (long long)st.st_size);
		else
			r = edf_annotations_end(s, in, sh, ns, hb, nrec, bpr, bdf, st.st_size);
		free(sh);
		return r;
	}
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * An EGI simple binary header (big-endian: version, date, rate, channels, gain, bits,
 * range; then samples and the number of event codes, 4 bytes each) against the file's
 * size: libbiosig 2.5 reads what it says. Segmented files (odd versions) are not read, nor
 * (libbiosig crashes) more than 256 event codes or an event still on at the last sample.
 */
static int
egi_precheck(struct source *s, struct source_input *in)
{
	unsigned char b[36];
	struct stat st;
	unsigned v, ns, ncode;
	unsigned long long nsamp;
	double need;

	if (fstat(in->fd, &st) || !S_ISREG(st.st_mode))
		return 0;
	if (pread(in->fd, b, sizeof b, in->off0 > 0 ? in->off0 : 0) != (ssize_t)sizeof b)
		return source_fail(s, "header: %lld bytes, shorter than an EGI header (36)",
		    (long long)st.st_size);
	v = b[3];
	if (v & 1)
		return source_fail(s, "header: a segmented EGI file (version %u), which is not "
		    "read", v);
	ns = be16(b + 22);
	if (ns < 1 || ns > SOURCE_MAXCH)
		return source_fail(s, "header: %u channels (want 1 to %d)", ns, SOURCE_MAXCH);
	nsamp = (unsigned long long)be16(b + 30) << 16 | be16(b + 32);
	ncode = be16(b + 34);
	if (ncode > 256)	/* libbiosig 2.5 corrupts its heap on more (found by fuzz_biosig) */
		return source_fail(s, "header: %u event codes (libbiosig 2.5 reads at most 256)",
		    ncode);
	need = 36 + 4.0 * ncode + (double)nsamp * (ns + ncode) * (v == 2 ? 2 : v == 4 ? 4 : 8);
	if ((double)st.st_size < need)
		return source_fail(s, "header: %llu samples of %u channels and %u event codes need "
		    "%.0f bytes, the file has %lld (truncated)", nsamp, ns, ncode, need,
		    (long long)st.st_size);
	/* an event track still on at the last sample (a recording stopped during an event):
	 * libbiosig 2.5 follows a null pointer looking for its end (found by fuzz_biosig) */
	if (nsamp > 0 && ncode > 0) {
		unsigned bps = v == 2 ? 2 : v == 4 ? 4 : 8;
		unsigned char e[256 * 8];
		char code[4], *show;
		off_t at = (off_t)(36 + 4 * ncode + (nsamp - 1) * (ns + ncode) * bps + ns * bps);
		if (pread(in->fd, e, ncode * bps, (in->off0 > 0 ? in->off0 : 0) + at) !=
		    (ssize_t)(ncode * bps))
			return 0;	/* libbiosig says why */
		for (unsigned k = 0; k < ncode; k++)
			for (unsigned j = 0; j < bps; j++)
				if (e[k * bps + j]) {
					if (pread(in->fd, code, 4, (in->off0 > 0 ? in->off0 : 0) + 36 +
					    4 * k) != 4)
						memset(code, '?', 4);
					show = source_event_text(code, 4);
					source_fail(s, "sample %llu: event track %u ('%s') is still on at "
					    "the last sample, which libbiosig 2.5 cannot read (it crashes)",
					    nsamp, k + 1, show);
					free(show);
					return -1;
				}
	}
	return 0;
}

static unsigned long long
le(const unsigned char *p, int n)
{
	unsigned long long v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* Bits of one sample of GDF data type t; 0 for a type libbiosig does not read. */
static unsigned
gdf_bits(uint32_t t)
{
	static const unsigned char bits[] = { 0, 8, 8, 16, 16, 32, 32, 64, 64, 0, 0, 0, 0, 0, 0,
		0, 32, 64 };

	if (t < sizeof bits)
		return bits[t];
	if (t > 255 && t <= 255 + 64)
		return t - 255;		/* signed integers of t - 255 bits */
	if (t > 511 && t <= 511 + 64)
		return t - 511;		/* unsigned */
	return 0;
}

/*
 * A GDF header's sizes against the file's before libbiosig reads it (it allocates and reads
 * what they say): the signal count and header length, each signal's samples per record and
 * data type, the data records, the tagged fields of GDF 2's third header, and the event
 * table after the records (its count against the bytes left).
 */
static int
gdf_precheck(struct source *s, struct source_input *in)
{
	unsigned char b[256], *v = NULL;
	struct stat st;
	off_t o = in->off0 > 0 ? in->off0 : 0, size;
	int v1, r = 0;
	long long hl, nrec;
	unsigned long ns;
	double bits = 0, end;

	if (fstat(in->fd, &st) || !S_ISREG(st.st_mode))
		return 0;
	size = st.st_size - o;
	if (pread(in->fd, b, 256, o) != 256)
		return source_fail(s, "header: %lld bytes, shorter than a GDF header (256)",
		    (long long)size);
	v1 = b[4] == '1';	/* GDF 1.x: lengths of its own */
	hl = v1 ? (long long)le(b + 184, 8) : 256 * (long long)le(b + 184, 2);
	ns = (unsigned long)le(b + 252, v1 ? 4 : 2);
	nrec = (long long)le(b + 236, 8);
	if (ns < 1 || ns > SOURCE_MAXCH + 2)
		return source_fail(s, "header: %lu signals (want 1 to %d)", ns, SOURCE_MAXCH + 2);
	if (hl < 256 * (long long)(ns + 1) || hl > size)
		return source_fail(s, "header: a header of %lld bytes for %lu signals in a file of "
		    "%lld", hl, ns, (long long)size);
	if (nrec < -1)
		return source_fail(s, "header: %lld data records", nrec);
	v = emalloc((size_t)hl);
	if (pread(in->fd, v, (size_t)hl, o) != hl) {
		free(v);
		return source_fail(s, "header: cannot read its %lld bytes", hl);
	}
	for (unsigned long k = 0; k < ns && !r; k++) {
		uint32_t spr = (uint32_t)le(v + 256 + 216 * ns + 4 * k, 4);
		uint32_t t = (uint32_t)le(v + 256 + 220 * ns + 4 * k, 4);
		if (!gdf_bits(t))
			r = source_fail(s, "header: signal %lu: data type %u", k + 1, t);
		bits += (double)spr * gdf_bits(t);
	}
	/* GDF 2's third header: fields of a tag (1 byte), a length (3) and that many bytes */
	for (long long p = 256 * (long long)(ns + 1); !v1 && !r && p + 4 <= hl && v[p];) {
		long long len = (long long)le(v + p + 1, 3);
		if (p + 4 + len > hl)
			r = source_fail(s, "header: tag %u at byte %lld: %lld bytes, past the header's "
			    "end (%lld)", v[p], p, len, hl);
		p += 4 + len;
	}
	free(v);
	if (r)
		return r;
	if (bits == 0)	/* libbiosig 2.5 divides by the record size when it counts them */
		return source_fail(s, "header: every signal has 0 samples per record (no "
		    "samples)");
	end = hl + (nrec > 0 ? nrec : 0) * bits / 8;
	if (end > size)
		return source_fail(s, "header: %lld data records of %.0f bytes after %lld bytes of "
		    "header need %.0f bytes, the file has %lld (truncated)", nrec, bits / 8, hl, end,
		    (long long)size);
	if (end < size) {	/* an event table: mode, count (and rate), then the events */
		unsigned char e[8];
		unsigned long long n;
		if (size - end < 8 || pread(in->fd, e, 8, o + (off_t)end) != 8)
			return source_fail(s, "events: %.0f bytes after the data records, shorter than "
			    "an event table (8)", size - end);
		n = v1 ? le(e + 4, 4) : le(e + 1, 3);
		if (8 + n * (6 + (e[0] & 2 ? 6 : 0) + (e[0] & 4 ? 8 : 0)) > size - end)
			return source_fail(s, "events: %llu events of mode %u need more than the %.0f "
			    "bytes after the data records", n, e[0], size - end - 8);
	}
	return 0;
}

/* The first max bytes of path, NUL-terminated (n: how many); NULL if it cannot be read. */
static char *
text_head(const char *path, size_t max, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *t;

	if (!fp)
		return NULL;
	t = emalloc(max + 1);
	*n = fread(t, 1, max, fp);
	t[*n] = 0;
	fclose(fp);
	return t;
}

/* The signatures foreign_magic (below) looks for, in b[0..n) (NUL-terminated) of the
 * header or of a BrainVision marker file (where: the message's "where"). */
static int
foreign_text(struct source *s, const char *b, size_t n, int gdf, const char *where)
{
	static const struct { size_t off, n; const char *sig, *name; } m[] = {
		{ 20, 8, "ACR-NEMA", "ACR-NEMA" }, { 34, 4, "BLSC", "BLSC" },
		{ 128, 8, "DICM\2\0\0\0", "DICOM" }, { 12, 8, "\x08\0\x05\0\x0a\0\0\0", "DICOM" },
		{ 0x30, 14, "GALNT EEG DATA", "EBNEURO" },
	};
	static const char *const eprime[] = { "Subject", "Target.OnsetTime", "Target.RTTime",
		"Target.RESP" };
	int k = 0;

	if (strstr(b, "ALPHA-TRACE-MEDICAL"))
		return source_fail(s, "%s: it holds 'ALPHA-TRACE-MEDICAL': libbiosig would read "
		    "it as an Alpha Trace file (and crash)", where);
	for (size_t i = 0; i < sizeof m / sizeof *m - !gdf; i++)
		if (m[i].off + m[i].n <= n && !memcmp(b + m[i].off, m[i].sig, m[i].n))
			return source_fail(s, "%s: byte %zu holds the signature of %s: libbiosig "
			    "would read it as %s", where, m[i].off, m[i].name, m[i].name);
	while (gdf && k < 4 && strstr(b, eprime[k]))
		k++;
	if (k == 4)
		return source_fail(s, "%s: it holds the column names of an E-Prime table: "
		    "libbiosig would read it as one", where);
	return 0;
}

/*
 * A BrainVision marker file (MarkerFile=, beside the header at path) that libbiosig would
 * take for another format: it opens that file as a recording of its own and tells its
 * format first (fuzz_biosig: "ALPHA-TRACE-MEDICAL" in a .vmrk read through a null FILE).
 */
static int
bv_marker_check(struct source *s, const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	size_t d = slash ? (size_t)(slash - path) + 1 : 0, n;
	char *mpath = emalloc(d + strlen(name) + 1), *t;
	int r = 0;

	memcpy(mpath, path, d);
	strcpy(mpath + d, name);
	if ((t = text_head(mpath, 4096, &n))) {
		r = foreign_text(s, t, n, 0, "marker file");
		free(t);
	}
	free(mpath);
	return r;
}

/*
 * A BrainVision header's sections, channel count, sampling interval and channel table, before
 * libbiosig 2.5 reads it: a header without NumberOfChannels (or 0) divides by zero, and a
 * channel table that misses a channel (Ch0 and Ch2 of 3) crashes it.
 */
static int
bv_precheck(struct source *s, const char *path)
{
	size_t n;
	char *t = text_head(path, 1 << 20, &n), *line, *save = NULL, sect[64] = "";
	unsigned char *seen;
	long nch = -1, bad = 0;
	double si = -1;
	int r = 0, hasbad = 0, cut, lastch = 0;
	char *mark = NULL;	/* MarkerFile= */
	char *last = NULL;	/* the last line */

	if (!t)
		return 0;	/* libbiosig says why */
	/* the whole file read, and its last line without a line end */
	cut = n > 0 && n < 1 << 20 && t[n - 1] != '\n' && t[n - 1] != '\r';
	seen = ecalloc(SOURCE_MAXCH + 1, 1);
	for (line = strtok_r(t, "\r\n", &save); line && !r; line = strtok_r(NULL, "\r\n", &save)) {
		char *e;
		last = line;
		lastch = !strcmp(sect, "Channel Infos") && !strncmp(line, "Ch", 2);
		if (*line == ';')
			continue;
		if (*line == '[') {
			size_t k = strcspn(line + 1, "[]");
			if (line[1 + k] != ']' || line[2 + k] || k >= sizeof sect)
				r = source_fail(s, "header: '%.40s' is not a section name", line);
			else
				memcpy(sect, line + 1, k), sect[k] = 0;
		} else if (!strcmp(sect, "Common Infos") && !strncmp(line, "NumberOfChannels=", 17)) {
			nch = strtol(line + 17, &e, 10);
			if (e == line + 17 || *e)
				nch = 0;
		} else if (!strcmp(sect, "Common Infos") && !strncmp(line, "MarkerFile=", 11)) {
			free(mark);
			mark = estrdup(line + 11);
		} else if (!strcmp(sect, "Common Infos") && !strncmp(line, "DataFile=", 9) &&
		    !strchr(line + 9, '.')) {
			/* libbiosig 2.5 looks for its extension and copies from a null pointer */
			char *v = source_event_text(line + 9, strlen(line + 9));
			r = source_fail(s, "header: DataFile='%.60s' has no '.' (an extension), which "
			    "libbiosig 2.5 cannot read (it crashes)", v);
			free(v);
		} else if (!strcmp(sect, "Common Infos") && !strncmp(line, "SamplingInterval=", 17)) {
			si = strtod(line + 17, &e);
			if (e == line + 17 || *e || !isfinite(si))
				si = 0;
		} else if (!strcmp(sect, "Channel Infos") && !strncmp(line, "Ch", 2)) {
			long k = strtol(line + 2, &e, 10);
			if (e == line + 2 || *e != '=' || k < 1 || k > SOURCE_MAXCH || seen[k]++)
				bad = k, hasbad = 1;
		}
	}
	if (r)
		;
	else if (cut && lastch && !strchr(last, ',')) {
		/* libbiosig 2.5 looks for the ',' after a channel's name past the end */
		char *v = source_event_text(last, strlen(last));
		r = source_fail(s, "header: its last line '%.60s' is cut short (no ',' and no line "
		    "end), which libbiosig 2.5 reads past", v);
		free(v);
	} else if (nch < 1 || nch > SOURCE_MAXCH)
		r = source_fail(s, "header: [Common Infos] gives no NumberOfChannels from 1 to %d",
		    SOURCE_MAXCH);
	else if (!(si > 0))
		r = source_fail(s, "header: [Common Infos] gives no SamplingInterval above 0");
	else if (hasbad)
		r = source_fail(s, "header: [Channel Infos]: Ch%ld is twice or out of 1..%ld", bad,
		    nch);
	else
		for (long k = 1; k <= SOURCE_MAXCH && !r; k++)
			if ((k <= nch) != seen[k])
				r = source_fail(s, "header: [Channel Infos]: %s Ch%ld of %ld channels",
				    seen[k] ? "a" : "no", k, nch);
	if (!r && mark && *mark)
		r = bv_marker_check(s, path, mark);
	free(mark);
	free(seen);
	free(t);
	return r;
}

/*
 * The state vector section that follows a BCI2000 file's first line: its title, then
 * "Name Length Value ByteLocation BitLocation" lines up to the next section. libbiosig 2.5
 * crashes on some malformed ones (a CR inside a line; blank lines and a NUL; a stray line
 * of the first one's): every line must be that form, ended by LF or CRLF. Lines cut off by
 * the end of the text read are not judged.
 */
static int
bci2000_states(struct source *s, char *p)
{
	int lineno = 2;
	const char *end;

	p += strspn(p, "\n");
	if (strncmp(p, "[ State Vector Definition ]", 27))
		return source_fail(s, "header: line 2 is not '[ State Vector Definition ]'");
	end = p + 27 + strspn(p + 27, " \t");	/* the title's line end, after blanks */
	if (!(*end == '\n' || (end[0] == '\r' && end[1] == '\n')))
		return source_fail(s, "header: line 2 is not '[ State Vector Definition ]'");
	for (char *nl; (nl = strchr(p, '\n')); lineno++) {
		char *save = NULL, *tok = NULL, *e;
		int nf = 0;
		*nl = 0;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = 0;
		if (lineno > 2 && *p == '[')
			return 0;
		if (lineno > 2 && !strchr(p, '\r'))
			for (tok = strtok_r(p, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
				if (++nf > 5 || (nf > 1 && (strtol(tok, &e, 10), *e || e == tok)))
					break;
		if (lineno > 2 && (nf != 5 || tok))
			return source_fail(s, "header: line %d: not a state (name length value "
			    "byte bit)", lineno);
		p = nl + 1;
	}
	return 0;
}

/*
 * A BCI2000 header's text, t (n bytes: HeaderLen, or its first MB) before libbiosig 2.5
 * parses it (both found by fuzz_biosig): its parameter lines are copied up to their line
 * ends, past the header when the last one has none, and a ChannelNames=, SourceChGain= or
 * SourceChOffset= list of more values than SourceCh channels writes past its channel
 * table. The header is text lines: no NUL, ended by a line end.
 */
static int
bci2000_params(struct source *s, const char *t, size_t n, long hlen, long nch)
{
	static const char *const key[] = { "ChannelNames=", "SourceChGain=", "SourceChOffset=" };
	const char *z = memchr(t, 0, n);

	if (z)
		return source_fail(s, "header: a NUL byte at byte %zu of its HeaderLen= %ld",
		    (size_t)(z - t) + 1, hlen);
	if ((long)n == hlen && (n == 0 || t[n - 1] != '\n'))
		return source_fail(s, "header: its HeaderLen= %ld bytes do not end with a line "
		    "end", hlen);
	for (int i = 0; i < 3; i++)
		for (const char *p = t; (p = strstr(p, key[i])); p++) {
			char *e;
			long k = strtol(p + strlen(key[i]), &e, 10);
			if (e > p + strlen(key[i]) && k > nch)
				return source_fail(s, "header: %s lists %ld values for SourceCh= %ld "
				    "channels", key[i], k, nch);
		}
	return 0;
}

/*
 * A BCI2000 file's first line (HeaderLen= N SourceCh= M StatevectorLen= K), its state
 * vector section and its channel names before libbiosig 2.5 reads them: it crashes on a
 * first line whose numbers are missing and on a malformed state line, hangs on a
 * StatevectorLen of 0, and overflows on a header that is not text lines or has more
 * names than channels.
 */
static int
bci2000_precheck(struct source *s, const char *path)
{
	static const char *const key[] = { "HeaderLen=", "SourceCh=", "StatevectorLen=" };
	size_t n, l1;
	char *t = text_head(path, 4096, &n), *p, *rest;
	long v[3];
	struct stat st;
	int r = 0;

	if (!t)
		return 0;
	l1 = strcspn(t, "\r\n");
	rest = t[l1] ? t + l1 + 1 : t + l1;
	t[l1] = 0;
	for (int i = 0; i < 3 && !r; i++) {
		char *e;
		if (!(p = strstr(t, key[i])) ||
		    ((v[i] = strtol(p + strlen(key[i]), &e, 10)), e == p + strlen(key[i])) ||
		    (*e && *e != ' ' && *e != '\t'))
			r = source_fail(s, "header: the first line gives no number after %s", key[i]);
	}
	if (!r && (v[1] < 1 || v[1] > SOURCE_MAXCH))
		r = source_fail(s, "header: SourceCh=%ld (want 1 to %d)", v[1], SOURCE_MAXCH);
	/* every recording has a state (Running), and libbiosig hangs on an empty vector */
	if (!r && (v[2] < 1 || v[2] > 1 << 16))
		r = source_fail(s, "header: StatevectorLen=%ld (want 1 to %d)", v[2], 1 << 16);
	if (!r && !stat(path, &st) && (v[0] < (long)strlen(t) || v[0] > st.st_size))
		r = source_fail(s, "header: HeaderLen=%ld for a file of %lld bytes", v[0],
		    (long long)st.st_size);
	if (!r)
		r = bci2000_states(s, rest);
	free(t);
	if (!r && (t = text_head(path, (size_t)(v[0] < 1 << 20 ? v[0] : 1 << 20), &n))) {
		r = bci2000_params(s, t, n, v[0], v[1]);
		free(t);
	}
	return r;
}

/*
 * libbiosig 2.5 is not safe on a file that is not what its name says: a .bdf or .gdf whose
 * bytes are not one reads through a null FILE (found by fuzz_biosig). A format with a magic
 * must show it (detection by the name alone, or --format, is not enough).
 */
static int
magic_ok(struct source *s, const struct source_input *in)
{
	static const struct {
		const char *name;
		int (*detect)(const unsigned char *, size_t, const char *);
	} m[] = {
		{ "edf", detect_edf }, { "gdf", detect_gdf }, { "brainvision", detect_brainvision },
		{ "bci2000", detect_bci2000 }, { "egi", detect_egi },
	};

	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (s->format && !strcmp(s->format, m[i].name) &&
		    m[i].detect(in->pre, in->npre, NULL) != 3)
			return source_fail(s, "open: not a format libbiosig reads (it does not start "
			    "as %s does)", m[i].name);
	return 0;
}

/*
 * libbiosig 2.5 tells the format again itself, from the first 4096 bytes, and tries other
 * formats' signatures before those of ours: an EDF, GDF, BrainVision, BCI2000 or EGI file
 * that holds one (in a text field) is read as that other format, and its Alpha Trace
 * reader then reads through a null FILE (fuzz_biosig: "ALPHA-TRACE-MEDICAL" in an EDF+
 * signal's reserved field; "BLSC" at byte 34 of an EDF makes it a BLSC file). The last two
 * signatures are tried after EDF's, BrainVision's, BCI2000's and EGI's: only GDF's lose.
 */
static int
foreign_magic(struct source *s, const struct source_input *in)
{
	char b[4097];
	ssize_t n = pread(in->fd, b, 4096, in->off0 > 0 ? in->off0 : 0);

	if (n <= 0)
		return 0;
	b[n] = 0;	/* libbiosig's strstr stops at the first NUL */
	return foreign_text(s, b, (size_t)n, !strcmp(s->format, "gdf"), "header");
}

/* Is libbiosig's type the one detection chose (s->format)? */
static int
same_type(const HDRTYPE *h, const char *format)
{
	static const struct { const char *name; enum FileFormat t[2]; } m[] = {
		{ "edf", { EDF, BDF } }, { "gdf", { GDF, GDF1 } },
		{ "brainvision", { BrainVision, BrainVision } }, { "bci2000", { BCI2000, BCI2000 } },
		{ "egi", { EGI, EGI } },
	};

	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (!strcmp(format, m[i].name))
			return h->TYPE == m[i].t[0] || h->TYPE == m[i].t[1];
	return 0;
}

/* A label without trailing blanks and PhysioNet's padding dots ("C3.." -> "C3"). */
static char *
clean_label(const char *p)
{
	size_t n;
	char *s;

	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	while (n > 1 && p[n - 1] == '.')
		n--;
	s = emalloc(n + 1);
	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static const char *
format_name(const HDRTYPE *h, const char *detected)
{
	switch (h->TYPE) {
	case EDF: return "edf";
	case BDF: return "bdf";
	case GDF: case GDF1: return "gdf";
	case BrainVision: return "brainvision";
	case BCI2000: return "bci2000";
	case CNT: return "cnt";
	case EGI: return "egi";
	default: return detected;
	}
}

/* libbiosig's error message as one line: its first, without its "Error SOPEN" prefixes. */
static const char *
biosig_message(const char *m)
{
	static char buf[256];
	static const char *const pre[] = { "Error SOPEN(READ); ", "ERROR BIOSIG4C++ SOPEN(read): ",
	    NULL };
	size_t n = 0;

	if (!m || !*m)
		return "libbiosig cannot read it";
	if (strstr(m, "Dataformat not known"))
		return "not a format libbiosig reads";
	for (int i = 0; pre[i]; i++)
		if (!strncmp(m, pre[i], strlen(pre[i])))
			m += strlen(pre[i]);
	while (m[n] && m[n] != '\n' && m[n] != '\r' && n < sizeof buf - 1) {
		buf[n] = (unsigned char)m[n] < 32 ? ' ' : m[n];
		n++;
	}
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '.'))
		n--;
	buf[n] = 0;
	return n ? buf : "libbiosig cannot read it";
}

/* One sread of records [rec, rec + nrec) into buf, libbiosig silenced. */
static size_t
bs_sread(struct bs *c, double *buf, size_t rec, size_t nrec)
{
	struct quiet q;
	size_t got;

	/*
	 * libbiosig 2.5's sread_raw does not record which records it loaded into its buffer
	 * (it sets AS.first only when given a buffer of its own), and sread then indexes it
	 * with start - AS.first: say they start at rec, and that nothing is cached.
	 */
	if (!c->cached) {
		c->h->AS.first = rec;
		c->h->AS.length = 0;
	}
	quiet_on(&q, 0);
	got = lb.sread(buf, rec, nrec, c->h);
	quiet_off(&q);
	return got;
}

/*
 * The fast path for EDF, BDF, GDF and BrainVision: libbiosig's sread converts sample by
 * sample through a switch on the type (about 60 instructions a sample, a third of
 * eeg-fft's time on the PhysioNet runs), so the records are read raw (sread_raw) and the
 * selected channels decoded here, in libbiosig's layout (channel k's samples at byte
 * CHANNEL[k].bi of a record) and with its scaling (Cal, Off). Little-endian files and
 * byte-aligned integer or float types only; everything else goes through sread.
 */
static int
raw_size(uint16_t typ)
{
	switch (typ) {
	case 1: case 2: return 1;		/* int8, uint8 */
	case 3: case 4: return 2;		/* int16, uint16 */
	case 255 + 24: case 511 + 24: return 3;	/* int24 (BDF), uint24 */
	case 5: case 6: case 16: return 4;	/* int32, uint32, float32 */
	case 17: return 8;			/* float64 */
	default: return 0;
	}
}

static double
raw_value(const unsigned char *p, uint16_t typ)
{
	switch (typ) {
	case 1: return (int8_t)p[0];
	case 2: return p[0];
	case 3: return (int16_t)(p[0] | p[1] << 8);
	case 4: return (uint16_t)(p[0] | p[1] << 8);
	case 255 + 24: return (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 24) >> 8;
	case 511 + 24: return p[0] | p[1] << 8 | (uint32_t)p[2] << 16;
	case 5: { int32_t v; memcpy(&v, p, 4); return v; }
	case 6: { uint32_t v; memcpy(&v, p, 4); return v; }
	case 16: { float v; memcpy(&v, p, 4); return v; }
	default: { double v; memcpy(&v, p, 8); return v; }
	}
}

/*
 * nrec raw records of c->raw as physical values into o (nrec * spr, nch) row-major, the
 * output's channel order: sample by sample, each channel's stream read in turn. The
 * common types (EDF's int16, BDF's int24) have loops of their own; 1 if a value is not
 * finite (a float type's NaN or infinity).
 */
static int
decode_block(const struct bs *c, int nch, size_t nrec, double *o)
{
	const unsigned char *rec = c->raw;
	size_t bpb = c->h->AS.bpb;
	uint16_t typ = c->ch[0].typ;
	int same = 1, bad = 0;

	for (int k = 1; k < nch; k++)
		same &= c->ch[k].typ == typ;
	for (size_t r = 0; r < nrec; r++, rec += bpb)
		for (size_t j = 0; j < c->spr; j++, o += nch) {
			if (same && typ == 3)
				for (int k = 0; k < nch; k++) {
					const unsigned char *p = rec + c->ch[k].bi + 2 * j;
					o[k] = (int16_t)(p[0] | p[1] << 8) * c->ch[k].cal + c->ch[k].off;
				}
			else if (same && typ == 255 + 24)
				for (int k = 0; k < nch; k++) {
					const unsigned char *p = rec + c->ch[k].bi + 3 * j;
					int32_t v = (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 |
					    (uint32_t)p[2] << 24) >> 8;
					o[k] = v * c->ch[k].cal + c->ch[k].off;
				}
			else
				for (int k = 0; k < nch; k++) {
					const struct rawch *ch = &c->ch[k];
					o[k] = raw_value(rec + ch->bi + j * raw_size(ch->typ), ch->typ) *
					    ch->cal + ch->off;
					bad |= !isfinite(o[k]);
				}
		}
	return bad;
}

/* Use the fast path for these channels of this file? */
static int
fast_ok(const HDRTYPE *h, const int *lib, int nch)
{
	if (!(h->TYPE == EDF || h->TYPE == BDF || h->TYPE == GDF || h->TYPE == BrainVision) ||
	    !h->FILE.LittleEndian || h->FILE.COMPRESSION || !h->FILE.FID || h->AS.bpb == 0)
		return 0;
	for (int k = 0; k < nch; k++) {
		const CHANNEL_TYPE *hc = &h->CHANNEL[lib[k]];
		if (!raw_size(hc->GDFTYP) || hc->bi8 != 8 * hc->bi ||
		    hc->bi + (uint64_t)hc->SPR * raw_size(hc->GDFTYP) > h->AS.bpb)
			return 0;
	}
	return 1;
}

/* Raw records [rec, rec + nrec) into c->raw, libbiosig silenced. */
static size_t
bs_sread_raw(struct bs *c, size_t rec, size_t nrec)
{
	struct quiet q;
	size_t got;

	c->h->AS.first = 0;	/* nothing cached: read the file (see bs_sread) */
	c->h->AS.length = 0;
	quiet_on(&q, 0);
	got = lb.sread_raw(rec, nrec, c->h, 0, c->raw, nrec * c->h->AS.bpb);
	quiet_off(&q);
	return got;
}

/* Records per sread for spr samples of nch channels; 0 when one record is too large. */
static long
records_per_read(size_t spr, int nch)
{
	size_t m = (size_t)(nch > 0 ? nch : 1), per;

	if (spr == 0 || spr > BS_MAXBLOCK / m)
		return 0;
	per = SOURCE_BLOCK / (spr * m);	/* at least one record */
	return per > 1 ? (long)per : 1;
}

/* The time of sample i (seconds from the start), given the segment table. */
static double
seg_time(const struct bs *c, double rate, double i)
{
	size_t lo = 0, hi = c->nseg;

	while (hi - lo > 1) {	/* the last segment starting at or before i */
		size_t mid = (lo + hi) / 2;
		if (c->seg[mid].pos <= i)
			lo = mid;
		else
			hi = mid;
	}
	return c->seg[lo].t + (i - (double)c->seg[lo].pos) / rate;
}

static int
cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * The gaps of an EDF+D/BDF+D file from libbiosig's segment events (one per data record,
 * with the record's start time): segments that follow on without a gap are merged.
 */
static int
read_segments(struct source *s, struct bs *c, double evrate)
{
	HDRTYPE *h = c->h;
	size_t n = 0;
	double tol = fmax(0.25 / s->rate, 1e-4);

	c->seg = ecalloc((size_t)h->EVENT.N + 1, sizeof *c->seg);
	c->seg[n++] = (struct seg){ 0, 0 };
	for (uint32_t i = 0; i < h->EVENT.N; i++) {
		double p;
		if (h->EVENT.TYP[i] != BS_SEGMENT || !h->EVENT.TimeStamp ||
		    !h->EVENT.TimeStamp[i] || !c->t0)
			continue;
		p = floor(h->EVENT.POS[i] * s->rate / evrate + 0.5);
		c->seg[n].pos = (long long)p;
		c->seg[n].t = round(gdf_time2t_time(h->EVENT.TimeStamp[i]) * 1e4) / 1e4 - c->t0;
		if (c->seg[n].pos == 0)
			c->seg[0] = c->seg[n];
		else
			n++;
	}
	qsort(c->seg, n, sizeof *c->seg, cmp_seg);
	c->nseg = 1;
	for (size_t k = 1; k < n; k++) {
		struct seg *a = &c->seg[c->nseg - 1], *b = &c->seg[k];
		double want = a->t + (double)(b->pos - a->pos) / s->rate;
		if (b->pos > s->length)
			return source_fail(s, "header: a data record starts at sample %lld, after "
			    "the end (%lld samples)", b->pos, s->length);
		if (b->t < want - tol)
			return source_fail(s, "header: the data record at sample %lld starts at "
			    "%.6g s, before the previous one ends (%.6g s)", b->pos + 1, b->t, want);
		if (b->t > want + tol)
			c->seg[c->nseg++] = *b;
	}
	return 0;
}

/* Events under construction: the codes beside them pair GDF end codes with starts. */
struct evlist {
	struct source_event *v;
	unsigned *code;
	size_t n;
};

static void
ev_add(struct evlist *e, double onset, double dur, const char *text, unsigned code)
{
	e->v = ereallocarray(e->v, e->n + 1, sizeof *e->v);
	e->code = ereallocarray(e->code, e->n + 1, sizeof *e->code);
	e->v[e->n] = (struct source_event){ onset, dur, source_event_text(text, strlen(text)) };
	e->code[e->n++] = code;
}

/* Sample positions where the raw Status value changes (any bit), sorted. */
struct changes {
	long long *pos;
	size_t n;
};

static int
has_change(const struct changes *ch, long long p)
{
	size_t lo = 0, hi = ch->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ch->pos[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ch->n && ch->pos[lo] == p;
}

/*
 * One pass over the Status channel k (raw digital values): an event at each change of its
 * low 16 bits to a non-zero value, lasting until they change again; every change of the
 * raw value goes into ch (libbiosig's own events there come from this channel).
 */
static int
read_status(struct source *s, struct bs *c, int k, struct evlist *e, struct changes *ch)
{
	HDRTYPE *h = c->h;
	CHANNEL_TYPE *st = &h->CHANNEL[k];
	long per = records_per_read(st->SPR, 1);
	double *buf, rate = s->rate * st->SPR / c->spr;
	long long i = 0, open = -1;
	uint32_t prev = 0, prevraw = 0;
	size_t ncap = 0;

	if (!per)
		return source_fail(s, "header: channel Status: %u samples per record", st->SPR);
	if (c->nrec < per)
		per = (long)c->nrec;
	if (per == 0)
		return 0;
	for (int j = 0; j < h->NS; j++)
		h->CHANNEL[j].OnOff = j == k;
	h->SPR = st->SPR;
	h->FLAG.UCAL = 1;
	buf = ecalloc((size_t)per * st->SPR, sizeof *buf);
	for (long long r = 0; r < c->nrec; r += per) {
		size_t want = (size_t)(c->nrec - r < per ? c->nrec - r : per);
		if (bs_sread(c, buf, (size_t)r, want) != want || h->AS.B4C_ERRNUM) {
			free(buf);
			return source_fail(s, "data record %lld: cannot read it", r + 1);
		}
		for (size_t j = 0; j < want * st->SPR; j++, i++) {
			uint32_t raw = (uint32_t)(int32_t)buf[j] & 0xffffff, v = raw & 0xffff;
			if (i > 0 && raw != prevraw) {
				if (ch->n == ncap) {
					ncap = ncap ? 2 * ncap : 256;
					ch->pos = ereallocarray(ch->pos, ncap, sizeof *ch->pos);
				}
				/* in the units of libbiosig's event table (the data rate) */
				ch->pos[ch->n++] = (long long)floor(i * h->EVENT.SampleRate / rate + 0.5);
			}
			if ((i == 0 && v) || (i > 0 && v != prev)) {
				if (open >= 0)
					e->v[open].duration = (i - (e->v[open].onset * rate)) / rate;
				open = -1;
				if (v) {
					char text[16];
					snprintf(text, sizeof text, "%u", v);
					ev_add(e, i / rate, 0, text, 0x10000 | v);
					open = (long long)e->n - 1;
				}
			}
			prev = v;
			prevraw = raw;
		}
	}
	if (open >= 0)
		e->v[open].duration = (i - e->v[open].onset * rate) / rate;
	free(buf);
	h->FLAG.UCAL = 0;
	return 0;
}

/* Event i's text: the file's or libbiosig's description of its code, else the code. */
static const char *
event_text(HDRTYPE *h, uint32_t i, char *num, size_t n)
{
	const char *d = NULL;
	struct quiet q;

	if (!(h->EVENT.TYP[i] & 0x8000)) {	/* libbiosig warns on stderr of end codes */
		quiet_on(&q, 0);
		d = lb.GetEventDescription(h, i);
		quiet_off(&q);
	}
	if (d && *d)
		return d;
	snprintf(num, n, "%u", h->EVENT.TYP[i]);
	return num;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct source_event *x = a, *y = b;

	return (x->onset > y->onset) - (x->onset < y->onset);
}

/*
 * libbiosig's event table (and the Status channel's triggers) as source events: onsets
 * in seconds from the start (gaps counted), checked against the recording.
 */
static int
read_events(struct source *s, struct bs *c, int status)
{
	HDRTYPE *h = c->h;
	double evrate = h->EVENT.SampleRate > 0 && isfinite(h->EVENT.SampleRate) ?
	    h->EVENT.SampleRate : h->SampleRate, len = (double)s->length;
	struct evlist e = { 0 };
	struct changes ch = { 0 };
	size_t nstatus;

	if (read_segments(s, c, evrate))
		return -1;
	if (status >= 0 && read_status(s, c, status, &e, &ch)) {
		free(ch.pos);
		goto fail;
	}
	for (size_t j = 0; j < e.n; j++)	/* status events: samples to times */
		e.v[j].onset = seg_time(c, s->rate, e.v[j].onset * s->rate);
	nstatus = e.n;
	for (uint32_t i = 0; i < h->EVENT.N; i++) {
		unsigned typ = h->EVENT.TYP[i];
		/* a negative onset wraps in libbiosig's unsigned positions */
		double p = (int32_t)h->EVENT.POS[i] * s->rate / evrate;
		/* libbiosig leaves BCI2000's durations unset (their ends are events) */
		double d = h->EVENT.DUR && h->TYPE != BCI2000 ? h->EVENT.DUR[i] / evrate : 0;
		const char *desc;
		char num[16];

		if (typ == BS_SEGMENT || typ == BS_SPARSE)
			continue;
		if (status >= 0 && has_change(&ch, h->EVENT.POS[i]))
			continue;	/* libbiosig's reading of the Status channel */
		desc = event_text(h, i, num, sizeof num);
		if (!(p >= 0 && p <= len)) {
			char *t = source_event_text(desc, strlen(desc));
			source_fail(s, "events: event %u (%.100s) at %.6g s is outside the recording "
			    "(0 to %.6g s)", i + 1, t, p / s->rate, len / s->rate);
			free(t);
			free(ch.pos);
			goto fail;
		}
		if (p + d * s->rate > len)
			d = (len - p) / s->rate;
		if (d <= 1 / s->rate)
			d = 0;
		if (typ & 0x8000) {	/* GDF: the end of the last open event of this code */
			size_t j = e.n;
			while (j > nstatus && !(e.code[j - 1] == (typ & 0x7fff) &&
			    e.v[j - 1].duration == 0))
				j--;
			if (j > nstatus) {
				e.v[j - 1].duration = seg_time(c, s->rate, p) - e.v[j - 1].onset;
				continue;
			}
		}
		ev_add(&e, seg_time(c, s->rate, p), d, desc, typ);
	}
	free(ch.pos);
	if (e.n)
		qsort(e.v, e.n, sizeof *e.v, cmp_event);
	for (size_t j = 0; j < e.n; j++)
		e.v[j].onset += c->t0;
	s->events = e.v;
	s->nevent = e.n;
	free(e.code);
	return 0;
fail:
	for (size_t j = 0; j < e.n; j++)
		free(e.v[j].text);
	free(e.v);
	free(e.code);
	return -1;
}

static int
has_segment(const HDRTYPE *h)
{
	for (uint32_t i = 0; i < h->EVENT.N; i++)
		if (h->EVENT.TYP[i] == BS_SEGMENT)
			return 1;
	return 0;
}

/* The rates of the selected channels differ: say which. */
static int
rates_differ(struct source *s, const double *rate, const int *sel)
{
	char msg[400];
	size_t len = 0;
	int done[SOURCE_MAXCH];

	memset(done, 0, sizeof(int) * (size_t)s->nch);
	for (int k = 0; k < s->nch && len < sizeof msg - 1; k++) {
		int n = 0;
		if (done[k])
			continue;
		for (int j = k; j < s->nch; j++)
			if (rate[sel[j]] == rate[sel[k]])
				done[j] = 1, n++;
		len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%d at %g Hz (%s%s)",
		    len ? ", " : "", n, rate[sel[k]], s->chname[k], n > 1 ? ", ..." : "");
	}
	return source_fail(s, "channels: rates differ: %s; select channels of one rate with "
	    "--channels", msg);
}

static long bs_read(struct source *s, double *x, double *t, long n);
static void bs_close(struct source *s);
static const struct source_ops bs_ops = { bs_read, bs_close };

static int
bs_open(struct source *s, struct source_input *in, const struct source_opts *o)
{
	struct bs *c = ecalloc(1, sizeof *c);
	const char *path;
	HDRTYPE *h;
	struct quiet q;
	char **names, **units;
	int *idx, *sel, m = 0, status = -1, r;
	double *rate, rec;
	struct stat st;

	s->ops = &bs_ops;
	s->priv = c;
	if (!(path = source_file(s, in, "libbiosig")) || lb_load(s))
		return -1;
	if (magic_ok(s, in) || foreign_magic(s, in))
		return -1;
	if (in->npre >= 8 && detect_edf(in->pre, in->npre, NULL) == 3 && edf_precheck(s, in))
		return -1;
	if (((o->format && !strcmp(o->format, "brainvision")) ||
	    detect_brainvision(in->pre, in->npre, in->path) == 3) && bv_precheck(s, path))
		return -1;
	if (!strcmp(s->format, "egi") && egi_precheck(s, in))
		return -1;
	if (!strcmp(s->format, "gdf") && gdf_precheck(s, in))
		return -1;
	if (((o->format && !strcmp(o->format, "bci2000")) ||
	    detect_bci2000(in->pre, in->npre, in->path) == 3) && bci2000_precheck(s, path))
		return -1;
	quiet_on(&q, 1);
	h = c->h = lb.sopen(path, "r", NULL);
	quiet_off(&q);
	if (!h)
		return source_fail(s, "open: libbiosig cannot read it");
	if (h->AS.B4C_ERRNUM)
		return source_fail(s, "open: %s", biosig_message(h->AS.B4C_ERRMSG));
	if (!same_type(h, s->format))
		return source_fail(s, "open: libbiosig reads it as %s, not %s",
		    lb.GetFileTypeString(h->TYPE), s->format);
	s->format = format_name(h, s->format);
	if (h->TYPE == BrainVision && !h->FILE.FID)	/* and NRec is left as it was */
		return source_fail(s, "open: cannot open its data file");
	if (h->NS < 1)
		return source_fail(s, "header: no signals");
	if (!(h->SampleRate > 0 && isfinite(h->SampleRate) && h->SPR > 0))
		return source_fail(s, "header: sample rate %g Hz", h->SampleRate);
	if (h->NRec < 0)
		return source_fail(s, "header: the number of data records is unknown");
	rec = h->SPR / h->SampleRate;	/* seconds per record */
	names = ecalloc(h->NS, sizeof *names);
	units = ecalloc(h->NS, sizeof *units);
	idx = ecalloc(h->NS, sizeof *idx);
	rate = ecalloc(h->NS, sizeof *rate);
	sel = ecalloc(h->NS, sizeof *sel);
	for (int k = 0; k < h->NS; k++) {
		CHANNEL_TYPE *hc = &h->CHANNEL[k];
		char *l = clean_label(hc->Label);
		if (h->TYPE == EGI) {
			/* libbiosig 2.5 ("Reading EGI is under construction") leaves the channels of
			 * a file with a gain switched off, and names them "# 000": NetStation's
			 * names are E1, E2, ... */
			hc->OnOff = 1;
			free(l);
			l = emalloc(16);
			snprintf(l, 16, "E%d", k + 1);
		}
		if ((h->TYPE == BDF || h->TYPE == GDF) && !strcasecmp(l, "Status") && status < 0) {
			status = k;
			free(l);
			continue;
		}
		if (!hc->OnOff || hc->SPR == 0) {
			free(l);
			continue;
		}
		const char *u = lb.PhysDim3(hc->PhysDimCode);
		names[m] = l;
		units[m] = u && *u && strcmp(u, "-") && strcmp(u, "?") ? estrdup(u) : NULL;
		rate[m] = hc->SPR / rec;
		idx[m++] = k;
	}
	if (m == 0)
		r = source_fail(s, "header: no signals (only annotations or triggers)");
	else {
		for (int k = 0; k < m; k++)
			sel[k] = idx[k] + 1;	/* signal numbers, for unnamed ones */
		source_unique_names(s, names, sel, m);
		r = source_select(s, names, units, m, o, sel);
	}
	source_free_names(names, m);
	source_free_names(units, m);
	for (int k = 1; !r && k < s->nch; k++)
		if (rate[sel[k]] != rate[sel[0]])
			r = rates_differ(s, rate, sel);
	if (!r && o && o->rate)
		s->rate = o->rate;
	else if (!r) {
		s->rate = rate[sel[0]];
		r = source_check_rate(s, s->rate, "header");
	}
	for (int k = 0; !r && k < s->nch; k++) {
		CHANNEL_TYPE *hc = &h->CHANNEL[idx[sel[k]]];
		if (!(isfinite(hc->Cal) && isfinite(hc->Off) && hc->Cal != 0))
			r = source_fail(s, "header: channel %s: physical range %g..%g over digital "
			    "%g..%g is not a scale", s->chname[k], hc->PhysMin, hc->PhysMax,
			    hc->DigMin, hc->DigMax);
	}
	if (r)
		goto out;
	/* channels read, in file order; the output's columns in that order */
	c->spr = h->CHANNEL[idx[sel[0]]].SPR;
	c->nrec = h->NRec;
	c->col = ecalloc((size_t)s->nch, sizeof *c->col);
	for (int k = 0; k < h->NS; k++)
		h->CHANNEL[k].OnOff = 0;
	for (int k = 0; k < s->nch; k++)
		h->CHANNEL[idx[sel[k]]].OnOff = 1;
	for (int k = 0; k < s->nch; k++) {
		c->col[k] = 0;
		for (int j = 0; j < idx[sel[k]]; j++)
			c->col[k] += h->CHANNEL[j].OnOff == 1;
	}
	c->nsel = s->nch;
	if (!(c->per = records_per_read(c->spr, c->nsel))) {
		r = source_fail(s, "header: a data record of %zu samples x %d channels is too "
		    "large", c->spr, c->nsel);
		goto out;
	}
	if ((double)c->nrec * c->spr > 9e15) {
		r = source_fail(s, "header: %lld records of %zu samples", c->nrec, c->spr);
		goto out;
	}
	if (c->nrec < c->per)	/* buffers no larger than the file's records */
		c->per = c->nrec > 0 ? (long)c->nrec : 1;
	s->length = c->nrec * (long long)c->spr;
	/* a file shorter than its header says: refused now, not a short read later */
	c->cached = h->AS.rawdata && h->AS.first == 0 && (nrec_t)h->AS.length >= h->NRec;
	if (!c->cached && !h->FILE.FID && !h->FILE.COMPRESSION) {
		r = source_fail(s, "open: cannot open its data file");
		goto out;
	}
	if (!c->cached && h->FILE.FID && !h->FILE.COMPRESSION &&
	    !fstat(fileno(h->FILE.FID), &st) && S_ISREG(st.st_mode)) {
		double need = h->HeadLen + (double)h->NRec * h->AS.bpb;
		if ((double)st.st_size < need) {
			r = source_fail(s, "header: %lld data records of %u bytes after %u bytes of "
			    "header need %.0f bytes, the file has %lld (truncated)", c->nrec,
			    h->AS.bpb, h->HeadLen, need, (long long)st.st_size);
			goto out;
		}
		/* BrainVision's length is its data file's: a part of a sample is a cut file */
		if (h->TYPE == BrainVision && h->AS.bpb &&
		    (st.st_size - h->HeadLen) % h->AS.bpb) {
			r = source_fail(s, "data file: %lld bytes are not whole samples of %u bytes "
			    "(truncated)", (long long)(st.st_size - h->HeadLen), h->AS.bpb);
			goto out;
		}
	}
	/* libbiosig dates a BrainVision file without a New Segment marker, and a BCI2000 file
	 * without StorageTime, by the clock */
	if (h->T0 > 0 && (h->TYPE != BrainVision || has_segment(h)) && (h->TYPE != BCI2000 ||
	    (h->AS.bci2000 && strstr(h->AS.bci2000, "StorageTime=")))) {
		c->t0 = round(gdf_time2t_time(h->T0) * 1e4) / 1e4;
		s->has_time = 1;
	}
	if ((r = read_events(s, c, status)))
		goto out;
	/* read the selected channels at their own rate, not repeated to a common one */
	for (int k = 0; k < h->NS; k++)
		h->CHANNEL[k].OnOff = 0;
	for (int k = 0; k < s->nch; k++)
		h->CHANNEL[idx[sel[k]]].OnOff = 1;
	h->SPR = (uint32_t)c->spr;
	h->FLAG.UCAL = 0;
	h->FLAG.OVERFLOWDETECTION = 0;
	h->FLAG.ROW_BASED_CHANNELS = 1;
	if (c->nrec == 0)
		goto out;	/* no samples: nothing to read them into */
	c->blk = ecalloc((size_t)c->per * c->spr * (size_t)c->nsel, sizeof *c->blk);
	for (int k = 0; k < s->nch; k++)
		sel[k] = idx[sel[k]];	/* libbiosig's index of output channel k */
	if (!c->cached && fast_ok(h, sel, s->nch) && (size_t)c->per * h->AS.bpb <= BS_MAXBLOCK * 8) {
		c->raw = emalloc((size_t)c->per * h->AS.bpb);
		c->ch = ecalloc((size_t)s->nch, sizeof *c->ch);
		for (int k = 0; k < s->nch; k++) {
			CHANNEL_TYPE *hc = &h->CHANNEL[sel[k]];
			c->ch[k] = (struct rawch){ hc->bi, hc->GDFTYP, hc->Cal, hc->Off };
			c->col[k] = k;
		}
	}
out:
	free(idx);
	free(rate);
	free(sel);
	return r;
}

/* The times of the m samples from s->nread + got on. */
static void
bs_times(struct source *s, struct bs *c, double *t, long m, long got)
{
	for (long i = 0; t && i < m; i++) {
		long long j = s->nread + got + i;
		while (c->iseg + 1 < c->nseg && c->seg[c->iseg + 1].pos <= j)
			c->iseg++;
		t[i] = c->t0 + c->seg[c->iseg].t + (double)(j - c->seg[c->iseg].pos) / s->rate;
	}
}

/* The first value of x (m samples from s->nread + got on) that is not finite. */
static int
bad_value(struct source *s, struct bs *c, const double *x, long m, long got)
{
	size_t i = 0;

	while (i + 1 < (size_t)m * s->nch && isfinite(x[i]))
		i++;
	c->failed = 1;
	return source_fail(s, "sample %lld: channel %s: not a finite number",
	    s->nread + got + (long long)(i / s->nch) + 1, s->chname[i % s->nch]);
}

static long
bs_read(struct source *s, double *x, double *t, long n)
{
	struct bs *c = s->priv;
	long got = 0;

	if (c->failed)
		return -1;
	while (got < n) {
		long m;
		if (c->off == c->have) {
			size_t want;
			if (c->rec >= c->nrec)
				break;
			want = (size_t)(c->nrec - c->rec < c->per ? c->nrec - c->rec : c->per);
			if (c->raw && got > 0 && want * c->spr > (size_t)(n - got))
				break;	/* a short read, to decode the next block into x too */
			if (c->raw ? bs_sread_raw(c, (size_t)c->rec, want) != want :
			    bs_sread(c, c->blk, (size_t)c->rec, want) != want ||
			    c->h->AS.B4C_ERRNUM) {
				c->failed = 1;
				return source_fail(s, "data record %lld: cannot read it (truncated?)",
				    c->rec + 1);
			}
			c->rec += (long long)want;
			c->have = (long)(want * c->spr);
			c->off = 0;
			if (c->raw && c->have <= n - got) {	/* straight into x */
				if (decode_block(c, s->nch, want, x + (size_t)got * s->nch))
					return bad_value(s, c, x + (size_t)got * s->nch, c->have, got);
				bs_times(s, c, t ? t + got : NULL, c->have, got);
				got += c->have;
				c->off = c->have;
				continue;
			}
			if (c->raw && decode_block(c, s->nch, want, c->blk))
				return bad_value(s, c, c->blk, c->have, got);
		}
		m = c->have - c->off;
		if (m > n - got)
			m = n - got;
		{
			const double *b = c->blk + (size_t)c->off * c->nsel;
			double *xo = x + (size_t)got * s->nch;
			int bad = 0;
			if (c->raw)	/* decoded in the output's columns */
				memcpy(xo, b, (size_t)m * s->nch * sizeof *xo);
			else
				for (long i = 0; i < m; i++)
					for (int k = 0; k < s->nch; k++) {
						double v = b[(size_t)i * c->nsel + c->col[k]];
						xo[(size_t)i * s->nch + k] = v;
						bad |= !isfinite(v);
					}
			if (bad)
				return bad_value(s, c, xo, m, got);
		}
		bs_times(s, c, t ? t + got : NULL, m, got);
		c->off += m;
		got += m;
	}
	return got;
}

static void
bs_close(struct source *s)
{
	struct bs *c = s->priv;

	if (!c)
		return;
	if (c->h) {
		struct quiet q;
		quiet_on(&q, 0);
		lb.sclose(c->h);
		lb.destructHDR(c->h);
		quiet_off(&q);
	}
	free(c->col);
	free(c->blk);
	free(c->raw);
	free(c->ch);
	free(c->seg);
	free(c);
	s->priv = NULL;
}

const struct source_format source_edf = { "edf", detect_edf, bs_open };
const struct source_format source_gdf = { "gdf", detect_gdf, bs_open };
const struct source_format source_brainvision = { "brainvision", detect_brainvision, bs_open };
const struct source_format source_bci2000 = { "bci2000", detect_bci2000, bs_open };
/*
 * Neuroscan CNT is recognised but not read: libbiosig 2.5 reads only its simplest form
 * right (16-bit samples interleaved, baselines 0) and drops its events even then; it takes
 * baselines for floats, blocked channels for interleaved ones and 32-bit samples for twice
 * as many 16-bit ones, reads dates as dd/mm/yy (Neuroscan's are mm/dd/yy), and crashes or
 * allocates gigabytes on headers that lie (fuzz_biosig). Measured against MNE-Python's
 * reader (mne.io.read_raw_cnt) on files written to the format's description.
 */
static int
cnt_open(struct source *s, struct source_input *in, const struct source_opts *o)
{
	(void)in;
	(void)o;
	return source_fail(s, "open: Neuroscan CNT is not read: libbiosig 2.5 drops its events "
	    "and misreads its baselines, 32-bit and blocked samples (convert it to EDF)");
}

const struct source_format source_cnt = { "cnt", detect_cnt, cnt_open };
const struct source_format source_egi = { "egi", detect_egi, bs_open };
