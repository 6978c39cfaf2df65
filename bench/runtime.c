/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench/runtime.c: time whole processes, A/B interleaved, on one core.
 *
 *   runtime RUNS OUT -- A-command... [-- B-command ...]
 *
 * Pins itself to CPU 0 (the children inherit it), then RUNS times for each command in turn:
 * posix_spawn, wait4, stdout to OUT (usually /dev/null). For each run it prints
 * "k wall_s cpu_s" on stdout, k the command's index: wall is CLOCK_MONOTONIC from just
 * before the spawn to the reaped exit (exec, dynamic loading, the work, exit), cpu is the
 * child's user + system time from wait4 (microsecond resolution). Nothing else (no shell,
 * no taskset, no time(1)) is inside the measured interval, so a 20 ms process is measured
 * as 20 ms. A command that fails stops the bench with its status.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	char **cmd[8];
	int ncmd = 0, runs, i, k;
	cpu_set_t one;

	if (argc < 5 || strcmp(argv[3], "--")) {
		fputs("usage: runtime RUNS OUT -- command... [-- command...]\n", stderr);
		return 2;
	}
	runs = atoi(argv[1]);
	for (i = 3; i < argc && ncmd < 8; i++)
		if (!strcmp(argv[i], "--")) {
			argv[i] = NULL;
			cmd[ncmd++] = argv + i + 1;
		}
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	if (sched_setaffinity(0, sizeof one, &one))
		perror("runtime: sched_setaffinity (running unpinned)");
	for (i = 0; i < runs; i++)
		for (k = 0; k < ncmd; k++) {
			posix_spawn_file_actions_t fa;
			struct rusage ru;
			pid_t pid;
			int st;
			double t0, t1;

			posix_spawn_file_actions_init(&fa);
			posix_spawn_file_actions_addopen(&fa, 1, argv[2], O_WRONLY | O_CREAT | O_TRUNC,
			    0644);
			t0 = now();
			if (posix_spawn(&pid, cmd[k][0], &fa, NULL, cmd[k], environ)) {
				perror(cmd[k][0]);
				return 1;
			}
			if (wait4(pid, &st, 0, &ru) != pid) {
				perror("wait4");
				return 1;
			}
			t1 = now();
			posix_spawn_file_actions_destroy(&fa);
			if (!WIFEXITED(st) || WEXITSTATUS(st)) {
				fprintf(stderr, "runtime: %s failed (status %#x)\n", cmd[k][0], st);
				return 1;
			}
			printf("%d %.6f %.6f\n", k, t1 - t0,
			    (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
			    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6);
		}
	return fflush(stdout) ? 1 : 0;
}
