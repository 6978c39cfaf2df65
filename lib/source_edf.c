/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_edf: EDF, EDF+, BDF and BDF+ files through EDFlib for source.h ("edf").
 * Physical values, labels and physical dimensions; the selected channels must share one
 * rate (samples per data record); EDF+ annotations are read at open (onsets in seconds from
 * the start of the file). EDFlib needs a seekable file.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <edflib.h>

#include "source.h"
#include "util.h"

#define EDF_CHUNK	4096	/* samples per channel per EDFlib call */

struct edf {
	int handle;		/* -1 when not open */
	struct edf_hdr_struct *hdr;
	int *sel, failed;
	double *tmp;
	long long idx;
};

static const char *
edf_strerror(int code)
{
	switch (code) {
	case EDFLIB_MALLOC_ERROR: return "out of memory";
	case EDFLIB_NO_SUCH_FILE_OR_DIRECTORY: return "cannot open the file";
	case EDFLIB_FILE_CONTAINS_FORMAT_ERRORS:
		return "not a valid EDF/BDF file (format error, or truncated)";
	case EDFLIB_MAXFILES_REACHED: return "too many open EDF files";
	case EDFLIB_FILE_READ_ERROR: return "read error";
	case EDFLIB_FILE_ALREADY_OPENED: return "file already open";
	case EDFLIB_FILETYPE_ERROR: return "not an EDF/BDF file";
	case EDFLIB_FILE_IS_DISCONTINUOUS:
		return "discontinuous EDF+D/BDF+D files are not supported";
	default: return "EDFlib error";
	}
}

/* Copy an EDF header field, trimming the padding blanks. */
static char *
trimmed(const char *p)
{
	size_t n;
	char *s;

	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	s = emalloc(n + 1);
	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static long
edf_read(struct source *s, double *x, double *t, long n)
{
	struct edf *c = s->priv;
	long long m = s->length - c->idx;

	if (c->failed)
		return -1;
	if (m > n)
		m = n;
	if (m > EDF_CHUNK)
		m = EDF_CHUNK;
	if (m <= 0)
		return 0;
	for (int k = 0; k < s->nch; k++) {
		int r = edfread_physical_samples(c->handle, c->sel[k], (int)m, c->tmp);
		if (r != m) {
			c->failed = 1;
			return source_fail(s, "sample %lld: channel %s: read error (truncated?)",
			    c->idx + (r > 0 ? r : 0) + 1, s->chname[k]);
		}
		for (long long i = 0; i < m; i++) {
			if (!isfinite(c->tmp[i])) {
				c->failed = 1;
				return source_fail(s, "sample %lld: channel %s: not finite",
				    c->idx + i + 1, s->chname[k]);
			}
			x[(size_t)i * (size_t)s->nch + (size_t)k] = c->tmp[i];
		}
	}
	if (t)
		for (long long i = 0; i < m; i++)
			t[i] = (double)(c->idx + i) / s->rate;
	c->idx += m;
	return (long)m;
}

static void
edf_close(struct source *s)
{
	struct edf *c = s->priv;

	if (c->handle >= 0)
		edfclose_file(c->handle);
	free(c->hdr);
	free(c->sel);
	free(c->tmp);
	free(c);
}

static const struct source_ops edf_ops = { edf_read, edf_close };

static int
edf_open(struct source *s, struct source_input *in, const struct source_opts *o)
{
	struct edf *c = ecalloc(1, sizeof *c);
	struct edf_hdr_struct *h;
	char **names, **units;
	const char *path;
	double rec;
	int n, r, k;

	s->ops = &edf_ops;
	s->priv = c;
	c->handle = -1;
	if (!(path = source_file(s, in, "EDF/BDF")))
		return -1;
	h = c->hdr = ecalloc(1, sizeof *c->hdr);
	if (edfopen_file_readonly(path, h, EDFLIB_READ_ALL_ANNOTATIONS) < 0)
		return source_fail(s, "open: %s", edf_strerror(h->filetype));
	c->handle = h->handle;
	n = h->edfsignals;
	if (n < 1)
		return source_fail(s, "header: no signals (only annotations)");
	names = ecalloc((size_t)n, sizeof *names);
	units = ecalloc((size_t)n, sizeof *units);
	for (k = 0; k < n; k++) {
		names[k] = trimmed(h->signalparam[k].label);
		units[k] = trimmed(h->signalparam[k].physdimension);
	}
	c->sel = ecalloc((size_t)n, sizeof *c->sel);
	r = source_select(s, names, units, n, o, c->sel);
	source_free_names(names, n);
	source_free_names(units, n);
	if (r)
		return -1;
	rec = (double)h->datarecord_duration / EDFLIB_TIME_DIMENSION;
	for (k = 1; k < s->nch; k++) {
		const struct edf_param_struct *a = &h->signalparam[c->sel[0]];
		const struct edf_param_struct *b = &h->signalparam[c->sel[k]];
		if (a->smp_in_datarecord != b->smp_in_datarecord)
			return source_fail(s, "channels: %s is %g Hz but %s is %g Hz; select channels "
			    "of one rate with --channels", s->chname[0], a->smp_in_datarecord / rec,
			    s->chname[k], b->smp_in_datarecord / rec);
	}
	if (!(rec > 0))
		return source_fail(s, "header: data record duration %g s", rec);
	if (o && o->rate)
		s->rate = o->rate;
	else {
		s->rate = h->signalparam[c->sel[0]].smp_in_datarecord / rec;
		if (source_check_rate(s, s->rate, "header"))
			return -1;
	}
	s->length = h->signalparam[c->sel[0]].smp_in_file;
	c->tmp = ecalloc(EDF_CHUNK, sizeof *c->tmp);
	for (long long i = 0; i < h->annotations_in_file; i++) {
		struct edf_annotation_struct a;
		if (edf_get_annotation(c->handle, (int)i, &a) < 0)
			return source_fail(s, "annotation %lld: cannot read it", i + 1);
		source_add_event(s, (double)a.onset / EDFLIB_TIME_DIMENSION,
		    a.duration_l > 0 ? (double)a.duration_l / EDFLIB_TIME_DIMENSION : 0,
		    a.annotation, strlen(a.annotation));
	}
	return 0;
}

static const char *const edf_ext[] = { "edf", "bdf", "rec", NULL };

static int
edf_detect(const unsigned char *p, size_t n, const char *path)
{
	if (n >= 8 && (!memcmp(p, "0       ", 8) || !memcmp(p, "\xff" "BIOSEMI", 8)))
		return 3;
	return source_has_ext(path, edf_ext) ? 2 : 0;
}

const struct source_format source_edf = { "edf", edf_detect, edf_open };
