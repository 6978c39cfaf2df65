#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# logged.sh NAME LOG COMMAND...: run COMMAND with its standard error copied to LOG and, each
# line prefixed by "NAME: ", to the terminal as it comes (eeg-train's epoch lines), so that
# a long study shows its progress and keeps it; exits with COMMAND's status.
name=$1 log=$2
shift 2
exec 3>&1
st=$( { { "$@" 2>&1 1>&3 3>&- 4>&-; echo $? >&4; } | tee "$log" |
	awk -v p="$name: " '{ print p $0; fflush() }' >&2; } 4>&1 )
exit "$st"
