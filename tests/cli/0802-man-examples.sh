#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man pages' EXAMPLES, run as written (tests/ref/manex.py) in a copy of a directory of
# small synthetic recordings, streams, splits and models that holds every file they name
# (tests/ref/man_fixture.sh): each must exit 0 and write the files it redirects to, and a
# shown session's output must be what the page shows. An example that cannot run here
# (a headset, a wall-clock pace, hours of training) is marked in its page with the reason,
# which the page also tells its reader; the log lists them. A new example that names a new
# file: make the file in tests/ref/man_fixture.sh.
. "$(dirname "$0")/lib.sh"
sh "$EEG_TOP/tests/ref/man_fixture.sh" "$T/fixture" >"$T/fixture.log" 2>&1 ||
	fail "fixture: $(tail -5 "$T/fixture.log")"
mkdir "$T/run"
py "$EEG_TOP/tests/ref/manex.py" "$T/fixture" "$T/run" "$EEG_TOP"/man/*.1 "$EEG_TOP"/man/*.5
