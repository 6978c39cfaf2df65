#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A Slurm array job that runs one line of a job list per task:
#
#   make -f pipelines/loso.mk THREADS=1 prepare
#   make -f pipelines/loso.mk THREADS=1 jobs >jobs.txt
#   sbatch --array=1-$(wc -l <jobs.txt) pipelines/slurm-array.sh jobs.txt
#   make -f pipelines/loso.mk THREADS=1          (when the array is done: the summary)
#
# Task N runs line N of JOBS with sh. The lines cd to the checkout, which every node must
# see at the same path (a shared file system), and name the settings they were listed with.
#SBATCH --job-name=eegpipe
#SBATCH --cpus-per-task=1
#SBATCH --output=eegpipe-%A_%a.out
set -eu
[ $# = 1 ] || { echo "usage: sbatch --array=1-N pipelines/slurm-array.sh JOBS" >&2; exit 2; }
n=${SLURM_ARRAY_TASK_ID:?not a Slurm array task (sbatch --array)}
line=$(sed -n "${n}p" "$1")
[ -n "$line" ] || { echo "slurm-array.sh: $1: no line $n" >&2; exit 1; }
exec sh -c "$line"
