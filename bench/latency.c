/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * latency: the driver of bench/latency. It plays EEG samples into a live pipeline as a
 * headset would, reads the pipeline's predictions (eeg-cat -t lines), and reports per
 * window the delay from writing the chunk of samples that completes the window to reading
 * its prediction; with -m, every process's peak memory at the start and at the end.
 *
 *   latency [-p port [-b]] [-s speed] [-n windows] [-g bird|spectra] [-m] csv command
 *
 * csv: a muse-lsl recording; its 5 channels are played in a loop, with times t0 + i/256
 * written by the driver, so any length can be played from a short file. command runs under
 * sh in its own process group; its standard output must be eeg-cat -t lines of the
 * predictions (time = the window's start in seconds from t0).
 *   -p port  send the samples as Mind Monitor does, one OSC /muse/eeg message each (liblo,
 *            UDP to 127.0.0.1:port) instead of CSV lines on the command's standard input
 *   -b       with -p: each message in a bundle time-tagged with its sample's time (a
 *            replay faster than real time keeps the recording's times)
 *   -s speed samples at speed times 256 Hz in chunks of 8 (default 1: real time); 0 = as
 *            fast as the pipe takes them (standard input only)
 *   -n N     the samples the predictions of windows 0..N-1 need, then the end of input
 *   -g       the window geometry, to know which chunk completes window k: bird (eeg-fft
 *            --profile bird2018: the row of windows k, k+1 is complete at sample
 *            128k + 384, the first at or after window k+1's end) or spectra (1 s windows
 *            every 0.5 s: sample 128k + 255)
 *   -m       sample every process's VmHWM (peak RSS) and VmRSS in /proc every 50 ms; "start"
 *            is when a tenth of the windows are out, "end" the last sample before it exits
 *
 * Prints the windows out of N, lost, duplicated and out of order ones; the delay's p50,
 * p99 and max in ms (each over the windows out); with -m, one line per process.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lo/lo.h>

#define CHUNK	8
#define RATE	256.0
#define NCH	5
#define MAXPROC	32

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
sleep_until(double t)
{
	struct timespec ts = { (time_t)t, (long)((t - floor(t)) * 1e9) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

/* --- the samples: a muse-lsl recording's channels, played in a loop --- */

static float *sig;	/* (nsig, NCH) */
static long nsig;

static void
load_csv(const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[512];
	long cap = 0;

	if (!fp)
		die(path);
	if (!fgets(line, sizeof line, fp))
		die("empty csv");
	while (fgets(line, sizeof line, fp)) {
		float *v;
		if (nsig == cap) {
			cap = cap ? 2 * cap : 65536;
			if (!(sig = realloc(sig, sizeof *sig * NCH * cap)))
				die("realloc");
		}
		v = sig + nsig * NCH;
		if (sscanf(line, "%*f,%f,%f,%f,%f,%f", v, v + 1, v + 2, v + 3, v + 4) == NCH)
			nsig++;
	}
	fclose(fp);
	if (!nsig)
		die("no samples in the csv");
}

/* --- the run --- */

static struct {
	int port, bird, mem, tags;
	double speed;
	long nwin, nsamp;
	FILE *in;		/* the command's standard input (CSV mode) */
	double *tw;		/* (nchunks) when each chunk was written */
	long nchunk;
	pid_t pgid;
	volatile int finished;	/* the command's output ended */
} run = { .speed = 1, .nwin = 600, .bird = 1 };

static long
completing_sample(long k)
{
	return run.bird ? 128 * k + 384 : 128 * k + 255;
}

static void *
writer(void *arg)
{
	double t0 = now(), period = CHUNK / RATE / (run.speed > 0 ? run.speed : 1);
	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	double unix0 = rt.tv_sec + rt.tv_nsec * 1e-9;
	lo_address dst = NULL;
	char line[256];

	(void)arg;
	if (run.port) {
		char p[16];
		snprintf(p, sizeof p, "%d", run.port);
		dst = lo_address_new("127.0.0.1", p);
	} else
		fputs("timestamps,TP9,AF7,AF8,TP10,Right AUX\n", run.in);
	for (long c = 0; c < run.nchunk; c++) {
		long end = (c + 1) * CHUNK < run.nsamp ? (c + 1) * CHUNK : run.nsamp;
		for (long i = c * CHUNK; i < end; i++) {
			const float *v = sig + (i % nsig) * NCH;
			/* the chunk's time: just before its first sample leaves (an OSC message a
			 * sample, sent back to back) or the chunk is flushed (CSV): never after
			 * the write, where a writer preempted under load would make the pipeline
			 * look faster than it is (negative delays) */
			if (dst && i == c * CHUNK)
				run.tw[c] = now();
			if (dst && run.tags) {
				double u = unix0 + i / RATE + 2208988800.0;
				lo_timetag tt = { (uint32_t)u, (uint32_t)((u - floor(u)) * 0x1p32) };
				lo_bundle b = lo_bundle_new(tt);
				lo_message m = lo_message_new();
				for (int c = 0; c < NCH; c++)
					lo_message_add_float(m, v[c]);
				lo_bundle_add_message(b, "/muse/eeg", m);
				if (lo_send_bundle(dst, b) < 0)
					die("lo_send_bundle");
				lo_bundle_free_recursive(b);
				continue;
			}
			if (dst) {
				if (lo_send(dst, "/muse/eeg", "fffff", v[0], v[1], v[2], v[3], v[4]) < 0)
					die("lo_send");
				continue;
			}
			int n = snprintf(line, sizeof line, "%.6f,%.3f,%.3f,%.3f,%.3f,%.3f\n",
			    1533000000.0 + i / RATE, v[0], v[1], v[2], v[3], v[4]);
			fwrite(line, 1, (size_t)n, run.in);
		}
		if (!dst)
			run.tw[c] = now();
		if (!dst && fflush(run.in))
			break;	/* the pipeline ended */
		if (run.speed > 0)
			sleep_until(t0 + (c + 1) * period);
	}
	if (!dst) {
		fclose(run.in);
		return NULL;
	}
	lo_address_free(dst);
	/* a source that never saw its last sample (a packet lost) would wait for ever */
	for (int i = 0; i < 200 && !run.finished; i++)
		usleep(50000);
	if (!run.finished)
		kill(-run.pgid, SIGTERM);
	return NULL;
}

/* --- memory: every process of the command's group --- */

struct proc {
	pid_t pid;
	char comm[32];
	long hwm0, hwm, rss;	/* kB: peak at the start, peak and resident at the last look */
	int started;
};
static struct proc procs[MAXPROC];
static int nproc;
static volatile int mem_start, mem_done;

static long
status_kb(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* /proc/PID/NAME into buf (n bytes at most, NUL-ended): 0, or -1 when it is gone. */
static int
proc_file(pid_t pid, const char *name, char *buf, size_t n)
{
	char path[64];
	FILE *fp;
	size_t got;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	if (!(fp = fopen(path, "r")))
		return -1;
	got = fread(buf, 1, n - 1, fp);
	fclose(fp);
	buf[got] = 0;
	return 0;
}

static void
look(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char buf[4096], comm[32];
		pid_t pid = (pid_t)atoi(e->d_name), pgrp;
		int i;

		if (pid <= 0)
			continue;
		if (proc_file(pid, "stat", buf, sizeof buf))
			continue;
		char *rp = strrchr(buf, ')');
		if (!rp || sscanf(rp + 2, "%*c %*d %d", &pgrp) != 1 || pgrp != run.pgid)
			continue;
		char *lp = strchr(buf, '(');
		snprintf(comm, sizeof comm, "%.*s", (int)(rp - lp - 1), lp + 1);
		if (!strcmp(comm, "sh"))
			continue;
		if (proc_file(pid, "status", buf, sizeof buf))
			continue;
		for (i = 0; i < nproc && procs[i].pid != pid; i++)
			;
		if (i == nproc) {
			if (nproc == MAXPROC)
				continue;
			procs[nproc].pid = pid;
			snprintf(procs[nproc].comm, sizeof procs[nproc].comm, "%s", comm);
			nproc++;
		}
		long hwm = status_kb(buf, "VmHWM:"), rss = status_kb(buf, "VmRSS:");
		if (hwm < 0)
			continue;	/* exiting */
		procs[i].hwm = hwm;
		procs[i].rss = rss;
		if (mem_start && !procs[i].started) {
			procs[i].hwm0 = hwm;
			procs[i].started = 1;
		}
	}
	if (d)
		closedir(d);
}

static void *
monitor(void *arg)
{
	(void)arg;
	while (!mem_done) {
		look();
		usleep(50000);
	}
	return NULL;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char *argv[])
{
	int o, in[2], out[2];
	pthread_t wt, mt;
	pid_t pid;

	while ((o = getopt(argc, argv, "bp:s:n:g:m")) != -1) {
		switch (o) {
		case 'b': run.tags = 1; break;
		case 'p': run.port = atoi(optarg); break;
		case 's': run.speed = atof(optarg); break;
		case 'n': run.nwin = atol(optarg); break;
		case 'g': run.bird = !strcmp(optarg, "bird"); break;
		case 'm': run.mem = 1; break;
		default:
			fprintf(stderr, "usage: latency [-p port [-b]] [-s speed] [-n windows] "
			    "[-g bird|spectra] [-m] csv command\n");
			return 2;
		}
	}
	if (argc - optind != 2 || run.nwin < 1 || (run.port && run.speed <= 0))
		return fprintf(stderr, "latency: want csv command (and -s > 0 with -p)\n"), 2;
	load_csv(argv[optind]);
	run.nsamp = completing_sample(run.nwin - 1) + 1;
	run.nchunk = (run.nsamp + CHUNK - 1) / CHUNK;
	run.tw = calloc((size_t)run.nchunk, sizeof *run.tw);
	double *tr = calloc((size_t)run.nwin, sizeof *tr);
	if (pipe(in) || pipe(out))
		die("pipe");
	if ((pid = fork()) < 0)
		die("fork");
	if (!pid) {
		setpgid(0, 0);
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]), close(in[1]), close(out[0]), close(out[1]);
		execl("/bin/sh", "sh", "-c", argv[optind + 1], (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	run.pgid = pid;
	close(in[0]);
	close(out[1]);
	signal(SIGPIPE, SIG_IGN);
	if (run.port) {
		close(in[1]);
		usleep(500000);	/* eeg-osc binds its port */
	} else if (!(run.in = fdopen(in[1], "w")))
		die("fdopen");
	if (run.mem && pthread_create(&mt, NULL, monitor, NULL))
		die("thread");
	if (pthread_create(&wt, NULL, writer, NULL))
		die("thread");

	FILE *po = fdopen(out[0], "r");
	char line[1 << 16];
	long got = 0, dup = 0, order = 0, next = 0, bad = 0;
	int title = 1;
	while (po && fgets(line, sizeof line, po)) {
		double t = now(), time;
		char *p = line;
		if (title) {
			title = 0;
			continue;
		}
		for (int f = 0; f < 2 && p; f++)
			p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
		if (!p || sscanf(p, "%lf", &time) != 1) {
			bad++;
			continue;
		}
		long k = lround(time / 0.5);
		if (k < 0 || k >= run.nwin || fabs(time - 0.5 * k) > 1e-6) {
			bad++;
			continue;
		}
		if (tr[k] > 0)
			dup++;
		else {
			tr[k] = t;
			got++;
		}
		if (k != next)
			order++;
		next = k + 1;
		if (run.mem && !mem_start && got >= run.nwin / 10)
			mem_start = 1;
	}
	run.finished = 1;
	pthread_join(wt, NULL);
	int st;
	waitpid(pid, &st, 0);
	mem_done = 1;
	if (run.mem)
		pthread_join(mt, NULL);

	double *d = malloc(sizeof *d * (size_t)run.nwin);
	long nd = 0;
	for (long k = 0; k < run.nwin; k++)
		if (tr[k] > 0)
			d[nd++] = (tr[k] - run.tw[completing_sample(k) / CHUNK]) * 1e3;
	qsort(d, (size_t)nd, sizeof *d, cmp_double);
	printf("windows %ld of %ld: lost %ld, duplicated %ld, out of order %ld, unreadable %ld; "
	    "exit %d\n", got, run.nwin, run.nwin - got, dup, order, bad,
	    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	if (nd && run.speed == 1 && !run.mem)	/* a replay: the delay is its queue's */
		printf("delay ms: p50 %.2f p99 %.2f max %.2f (min %.2f)\n", d[nd / 2],
		    d[(long)ceil(0.99 * nd) - 1], d[nd - 1], d[0]);
	for (int i = 0; run.mem && i < nproc; i++)
		printf("%-12s peak RSS start %7.1f MB end %7.1f MB (%+.2f MB), RSS at the end "
		    "%.1f MB\n", procs[i].comm, procs[i].hwm0 / 1024.0, procs[i].hwm / 1024.0,
		    (procs[i].hwm - procs[i].hwm0) / 1024.0, procs[i].rss / 1024.0);
	return got == run.nwin && !dup && !order && !bad ? 0 : 1;
}
