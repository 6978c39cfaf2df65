#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's pipelines, run as written; their output must be what the README shows.
. "$(dirname "$0")/lib.sh"
py "$EEG_TOP/tests/ref/readme.py" "$EEG_TOP/README.md" "$T"
