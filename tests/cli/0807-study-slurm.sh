#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scale-out on Slurm: a private single-node cluster (munged, slurmctld and slurmd on this
# machine, on ports of their own, all state in the test's directory) runs the grid of
# `make -f pipelines/loso.mk jobs` as one job array (pipelines/slurm-array.sh); a plain make
# then merges the tasks' results into the summary without training anything.
. "$(dirname "$0")/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL
for t in sbatch sinfo slurmctld slurmd munged; do
	command -v $t >/dev/null 2>&1 || skip "no $t (Debian: slurm-wlm)"
done
[ "$(id -u)" = 0 ] || skip "the private cluster's daemons run as root, and this is not root"
cd "$EEG_TOP"
S=$T/slurm
mkdir -p "$S/state" "$S/spool" "$S/munge"
host=$(hostname -s)
port=$((20000 + $$ % 20000 * 2))
pids=
trap 'kill $pids 2>/dev/null; wait; rm -rf "$T"' EXIT INT TERM
head -c 1024 /dev/urandom >"$S/munge/key"
chmod 600 "$S/munge/key"
munged -F -f --key-file="$S/munge/key" --socket="$S/munge/sock" --pid-file="$S/munge/pid" \
	--log-file="$S/munge/log" --seed-file="$S/munge/seed" >"$S/munge/out" 2>&1 &
pids="$pids $!"
cat >"$S/slurm.conf" <<EOF
ClusterName=eegpipe-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$S/munge/sock
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/ctld.pid
SlurmdPidFile=$S/d.pid
SlurmctldLogFile=$S/ctld.log
SlurmdLogFile=$S/d.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=eegpipe Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
SLURM_CONF=$S/slurm.conf
export SLURM_CONF
i=0
until [ -S "$S/munge/sock" ]; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "munged did not start: $(cat "$S/munge/out")"; sleep 0.2
done
slurmctld -D >"$S/ctld.out" 2>&1 &
pids="$pids $!"
slurmd -D -N "$host" >"$S/d.out" 2>&1 &
pids="$pids $!"
i=0
until sinfo -h -o %T 2>/dev/null | grep -q idle; do
	i=$((i + 1))
	[ $i -lt 60 ] || fail "the node did not come up: $(tail -n 3 "$S/ctld.log" "$S/d.log" 2>&1)"
	sleep 0.5
done

loso() {
	make -f pipelines/loso.mk OUT="$T/loso" MUSE= SYNTH="-n 12 --sessions 1 --subjects 3 --seed 1" \
		EPOCHS=2 THREADS=1 SEEDS=1 RECIPES="seed-lstm best" FEATS="abs2 rel8" NETS=lstm32 "$@"
}
loso prepare >"$T/prep" 2>&1 || { cat "$T/prep"; fail "prepare"; }
loso jobs >"$T/jobs"
n=$(wc -l <"$T/jobs")
[ "$n" = 6 ] || fail "$n jobs, want 2 recipes x 3 subjects"
timeout 600 sbatch --wait --array=1-"$n" --output="$S/task-%a.out" pipelines/slurm-array.sh \
	"$T/jobs" >"$T/sbatch" 2>&1 || { cat "$T/sbatch" "$S"/task-*.out; fail "the job array failed"; }
for i in $(seq 1 "$n"); do
	grep -q ': epoch 2/2 ' "$S/task-$i.out" || fail "task $i trained nothing: $(cat "$S/task-$i.out")"
done
for r in seed-lstm best; do
	for s in subjecta subjectb subjectc; do
		[ -s "$T/loso/$r/$s/s1/report.txt" ] || fail "no report of $r/$s from the array"
	done
done
loso >"$T/merge" 2>&1 || { cat "$T/merge"; fail "merge"; }
! grep -q "^eeg-train \|^eeg-predict \|: epoch " "$T/merge" || { cat "$T/merge"; fail "the merge trained again"; }
grep -q '^mean ' "$T/loso/summary.txt" || fail "no summary"
