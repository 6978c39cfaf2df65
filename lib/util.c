/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util: error reporting, checked allocation, number parsing, safe output. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* A sanitized build (make SAN=1) checks for leaks at a tool's successful end, in finish():
 * die() leaves through exit(1) with whatever it held, as it should, and make SAN=1 check
 * turns the at-exit check off for the tools (tests/run.sh). */
#if defined(__SANITIZE_ADDRESS__)
#define EEG_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EEG_LEAK_CHECK 1
#endif
#endif
#ifdef EEG_LEAK_CHECK
#include <sanitizer/lsan_interface.h>
#endif

const char *argv0 = "eeg";

/* Temp files of unfinished atomic writes: removed if we die mid-write. */
#define MAXPENDING 16
static struct atomic_file *pending[MAXPENDING];
static char *cmdline;	/* the command line as typed, before getopt reorders argv */
static const struct cli *cli;	/* the tool's command line, for usage_error */
static struct option cli_longs[64];	/* its long options, with --help and --version */

static char *join_args(int argc, char *argv[]);

/* Live output and signals (util.h): */
static int live_out;		/* stdout is a pipe, socket or terminal */
static int streaming;		/* util_stream: a stop signal ends the input */
static volatile sig_atomic_t stop_sig;	/* the signal that did */
static const int stop_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static struct timespec held, last;	/* first unflushed record, last record */
static int holding;

/* Remove unfinished atomic files (async-signal-safe: unlink only). */
static void
cleanup(void)
{
	for (int i = 0; i < MAXPENDING; i++)
		if (pending[i] && pending[i]->tmp)
			unlink(pending[i]->tmp);
}

/* End the process by sig, as if it had not been caught. */
static void
die_by(int sig)
{
	sigset_t s;

	cleanup();
	signal(sig, SIG_DFL);
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig);
	_exit(128 + sig);	/* not reached */
}

static void
on_signal(int sig)
{
	if (streaming && !stop_sig) {
		stop_sig = sig;	/* util_wait returns; the tool finishes what is complete */
		return;
	}
	die_by(sig);
}

void
util_init(int argc, char *argv[])
{
	struct sigaction sa, old;
	struct stat st;
	const char *p;

	if (argv[0] && *argv[0]) {
		p = strrchr(argv[0], '/');
		argv0 = p ? p + 1 : argv[0];
	}
	cmdline = join_args(argc, argv);
	/* A closed pipe is seen as EPIPE, so unfinished files are removed (die_write). */
	signal(SIGPIPE, SIG_IGN);
	/* Restarted system calls: a write blocked on a full pipe goes on after a stop signal;
	 * util_wait's ppoll is what a stop signal interrupts. Ignored signals stay ignored
	 * (a background job's SIGINT). */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof stop_sigs / sizeof *stop_sigs; i++)
		if (sigaction(stop_sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(stop_sigs[i], &sa, NULL);
	/* One write(2) per 64 KB, not per 4 KB; on a pipe or terminal util_wait and
	 * util_record flush what is complete. */
	static char obuf[1 << 16];
	live_out = isatty(STDOUT_FILENO) || (fstat(STDOUT_FILENO, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)));
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
}

void
util_stream(void)
{
	streaming = 1;
}

int
util_stopped(void)
{
	return stop_sig;
}

/* Write out what stdout holds; a closed downstream ends us here. */
static void
flush_live(void)
{
	holding = 0;
	if (fflush(stdout))
		die_write("stdout", errno);
}

int
util_wait(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	sigset_t block, old;

	if (stop_sig)
		return -1;
	if (fd < 0 || poll(&p, 1, 0) != 0)
		return 0;	/* input, end of input or an error: read(2) tells */
	if (live_out)
		flush_live();
	/* wait with the stop signals blocked but inside ppoll: one that comes just before
	 * the wait still interrupts it */
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof stop_sigs / sizeof *stop_sigs; i++)
		sigaddset(&block, stop_sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	while (!stop_sig && ppoll(&p, 1, NULL, &old) < 0 && errno == EINTR)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return stop_sig ? -1 : 0;
}

ssize_t
util_read(int fd, void *buf, size_t n)
{
	ssize_t r;

	do {
		if (util_wait(fd))
			return 0;
		r = read(fd, buf, n);
	} while (r < 0 && errno == EINTR);
	return r;
}

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (b->tv_nsec - a->tv_nsec) * 1e-9;
}

/* Records that come more than UTIL_HOLD_MS apart are written one by one; faster ones are
 * gathered for UTIL_HOLD_MS at most. */
void
util_record(void)
{
	struct timespec now;
	double gap;

	if (!live_out)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	gap = since(&last, &now);
	last = now;
	if (!holding) {
		held = now;
		holding = 1;
	}
	if (gap * 1e3 >= UTIL_HOLD_MS || since(&held, &now) * 1e3 >= UTIL_HOLD_MS)
		flush_live();
}

static void
set_pending(struct atomic_file *a, struct atomic_file *with)
{
	for (int i = 0; i < MAXPENDING; i++)
		if (pending[i] == a) {
			pending[i] = with;
			return;
		}
	if (a == NULL)
		die("more than %d files open for writing", MAXPENDING);
}

static void
vwarn(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

int
errf(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	cleanup();
	exit(1);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	/* one line, as every other error: what is wrong, and where the usage is */
	fprintf(stderr, "%s: ", argv0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see %s -h)\n", argv0);
	cleanup();
	exit(2);
}

/* -h: the synopsis, then each "name\tdescription" line of the summary in two columns. */
static void __attribute__((noreturn))
cli_help(const struct cli *c)
{
	static const char own[] = "-h, --help\tthis summary\n    --version\tthe version of eegpipe\n";
	const char *parts[2] = { c->options ? c->options : "", own };
	int width = 0;

	printf("%s\n\n", c->synopsis);
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < 2; k++)
			for (const char *p = parts[k], *nl; *p; p = *nl ? nl + 1 : nl) {
				const char *tab = strchr(p, '\t');
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p);
				int n = tab && tab < nl ? (int)(tab - p) : (int)(nl - p);
				if (!pass) {
					width = n > width && n <= 30 ? n : width;
					continue;
				}
				if (tab && tab < nl)
					printf("  %-*.*s  %.*s\n", width, n, p, (int)(nl - tab - 1), tab + 1);
				else
					printf("  %.*s\n", n, p);
			}
	exit(finish(0));
}

/* How the option getopt_long just refused was written: "-x", "--name" or "--name=value". */
static const char *
cli_refused(int argc, char *argv[], char *buf, size_t n)
{
	const char *e = optind > 0 && optind <= argc ? argv[optind - 1] : "";

	if (!strncmp(e, "--", 2) && optopt == 0)
		return e;		/* an unknown or ambiguous long option */
	if (!strncmp(e, "--", 2))
		for (const struct option *o = cli_longs; o->name; o++) {
			size_t k = strcspn(e + 2, "=");
			if (o->val == optopt && !strncmp(o->name, e + 2, k))
				return e;	/* a long option with a value it takes none of */
		}
	snprintf(buf, n, "-%c", optopt);
	return buf;
}

enum { CLI_VERSION = 0x7fffff00 };	/* getopt_long's value for --version */

int
cli_next(const struct cli *c, int argc, char *argv[])
{
	static char shorts[128];
	struct option *longs = cli_longs;
	size_t max = sizeof cli_longs / sizeof *cli_longs;
	char buf[8];
	const char *name;
	size_t n = 0;
	int o;

	if (cli != c) {
		cli = c;
		for (; c->longs && c->longs[n].name; n++) {
			if (n + 3 > max)
				die("more than %zu long options", max - 3);
			longs[n] = c->longs[n];
		}
		longs[n++] = (struct option){ "help", no_argument, NULL, 'h' };
		longs[n++] = (struct option){ "version", no_argument, NULL, CLI_VERSION };
		longs[n] = (struct option){ 0 };
		/* a leading ':': getopt reports nothing itself and tells a missing argument */
		snprintf(shorts, sizeof shorts, ":%sh", c->shorts ? c->shorts : "");
		opterr = 0;
	}
	switch ((o = getopt_long(argc, argv, shorts, longs, NULL))) {
	case 'h':
		cli_help(c);
	case CLI_VERSION:
		printf("%s (eegpipe) %s\n", argv0, EEG_VERSION);
		exit(finish(0));
	case ':':
		usage_error("%s: needs an argument", cli_refused(argc, argv, buf, sizeof buf));
	case '?':
		name = cli_refused(argc, argv, buf, sizeof buf);
		if (name == buf || optopt == 0) {
			size_t k = strcspn(name + 2, "="), hits = 0;
			for (const struct option *l = longs; name != buf && l->name; l++)
				hits += !strncmp(l->name, name + 2, k);
			usage_error("%s: %s option", name, hits > 1 ? "ambiguous" : "unknown");
		}
		usage_error("%s: takes no value", name);
	}
	return o;
}

void
die_at(const char *file, const char *where, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", argv0, file ? file : "stdin");
	if (where && *where)
		fprintf(stderr, "%s: ", where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cleanup();
	exit(1);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
ereallocarray(void *p, size_t n, size_t size)
{
	size_t bytes = mul_size(n, size);

	if (bytes == SIZE_MAX)
		die("out of memory (%zu x %zu bytes)", n, size);
	p = realloc(p, bytes ? bytes : 1);
	if (!p)
		die("out of memory (%zu bytes)", bytes);
	return p;
}

char *
estrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(emalloc(n), s, n);
}

size_t
mul_size(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		return SIZE_MAX;
	return a * b;
}

size_t
add_size(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

long
estrtol(const char *s, const char *opt, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min || v > max)
		usage_error("%s: expected an integer in %ld..%ld, got '%s'", opt, min, max, s);
	return v;
}

double
estrtod(const char *s, const char *opt, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(v) || v < min || v > max)
		usage_error("%s: expected a number in %g..%g, got '%s'", opt, min, max, s);
	return v;
}

const char *
path_name(const char *path)
{
	return !path || !strcmp(path, "-") ? "stdin" : path;
}

FILE *
efopen_in(const char *path)
{
	FILE *fp;

	if (!path || !strcmp(path, "-"))
		return stdin;
	if (!(fp = fopen(path, "rb")))
		die_at(path, "open", "%s", strerror(errno));
	return fp;
}

void
die_write(const char *file, int e)
{
	if (e == EPIPE)
		die_by(SIGPIPE);
	die_at(file, "write", "%s", strerror(e ? e : EIO));
}

void
eclose(FILE *fp, const char *name)
{
	int err = ferror(fp);

	if (fflush(fp) || err) {
		int e = errno ? errno : EIO;
		if (fp != stdout)
			fclose(fp);
		die_write(name, e);
	}
	if (fp != stdout && fclose(fp))
		die_at(name, "close", "%s", strerror(errno));
}

int
finish(int status)
{
	eclose(stdout, "stdout");
	if (fclose(stdout)) {
		if (errno == EPIPE)
			die_by(SIGPIPE);
		die_at("stdout", "close", "%s", strerror(errno));
	}
	if (stop_sig)
		die_by(stop_sig);
	/* exit here, not by main's return: what main still holds is released by the exit,
	 * as on every die() path, and is not reported as lost by LeakSanitizer or valgrind
	 * (which then report only memory lost while running) */
#ifdef EEG_LEAK_CHECK
	__lsan_do_leak_check();
#endif
	exit(status);
}

void
atomic_open(struct atomic_file *a, const char *path)
{
	size_t n = strlen(path);
	struct stat st;
	int fd;

	a->path = estrdup(path);
	a->tmp = NULL;
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		die_at(path, "create", "%s", strerror(EISDIR));
	/* A target that is not a regular file (a FIFO, /dev/stdout, a terminal) is written in
	 * place: a rename would replace the pipe or device with a file. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		if (!(a->fp = fopen(path, "wb")))
			die_at(path, "create", "%s", strerror(errno));
		return;
	}
	/* PATH.tmp.XXXXXX beside the target: only a process killed before its rename (kill -9,
	 * a crash, a power cut) leaves one behind, never holding a complete file of a name it
	 * could be mistaken for */
	a->tmp = emalloc(n + 12);
	memcpy(a->tmp, path, n);
	memcpy(a->tmp + n, ".tmp.XXXXXX", 12);
	if ((fd = mkstemp(a->tmp)) < 0)
		die_at(path, "create", "%s", strerror(errno));
	/* mkstemp makes 0600; give the file the mode open(2) would */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	set_pending(NULL, a);
	if (!(a->fp = fdopen(fd, "wb")))
		die_at(path, "create", "%s", strerror(errno));
}

void
atomic_flush(struct atomic_file *a)
{
	int err = ferror(a->fp);

	/* fsync before the rename: the new name never points at blocks not yet written */
	errno = 0;
	if (fflush(a->fp) || err || (a->tmp && fsync(fileno(a->fp)))) {
		int e = errno ? errno : EIO;
		die_at(a->path, "write", "%s", strerror(e));
	}
}

void
atomic_commit(struct atomic_file *a)
{
	atomic_flush(a);
	if (fclose(a->fp)) {
		a->fp = NULL;
		die_at(a->path, "close", "%s", strerror(errno));
	}
	a->fp = NULL;
	if (a->tmp && rename(a->tmp, a->path))
		die_at(a->path, "rename", "%s", strerror(errno));
	set_pending(a, NULL);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
}

void
atomic_abort(struct atomic_file *a)
{
	if (a->fp)
		fclose(a->fp);
	if (a->tmp)
		unlink(a->tmp);
	set_pending(a, NULL);
	free(a->tmp);
	free(a->path);
	a->fp = NULL;
	a->tmp = a->path = NULL;
}

void
put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

void
put_u32(unsigned char *p, uint32_t v)
{
	put_u16(p, (uint16_t)v);
	put_u16(p + 2, (uint16_t)(v >> 16));
}

void
put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

uint32_t
get_u32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t
get_u64(const unsigned char *p)
{
	return get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, v = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return v;
}

double
rng_uniform(struct rng *r)
{
	return (rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t lim, v;

	if (n <= 1)
		return 0;
	lim = -n % n;	/* reject the low 2^64 mod n values */
	do
		v = rng_next(r);
	while (v < lim);
	return v % n;
}

double
rng_normal(struct rng *r)
{
	double u, v;

	/* Box-Muller; u in (0,1] so log is finite */
	u = 1.0 - rng_uniform(r);
	v = rng_uniform(r);
	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

void
rng_shuffle(struct rng *r, size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, i), t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

char *
util_cmdline(int argc, char *argv[])
{
	return cmdline ? estrdup(cmdline) : join_args(argc, argv);
}

static char *
join_args(int argc, char *argv[])
{
	size_t n = 1;
	char *s, *p;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	p = s = emalloc(n);
	for (i = 0; i < argc; i++) {
		const char *a = i == 0 ? argv0 : argv[i];
		size_t k = strlen(a);
		/* provenance is one header line: newlines become spaces */
		for (size_t j = 0; j < k; j++)
			*p++ = (a[j] == '\n' || a[j] == '\r') ? ' ' : a[j];
		*p++ = i + 1 < argc ? ' ' : '\0';
	}
	if (argc == 0)
		*p = '\0';
	return s;
}

double
util_clock(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}
