#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-csv: every bad input is one line naming file, line and column; exit 1; no stdout.
. "$(dirname "$0")/lib.sh"
expect_help eeg-csv
expect_usage eeg-csv --bogus
expect_usage eeg-csv a.csv b.csv
expect_usage eeg-csv -w 1            # -w without -s
expect_usage eeg-csv -w 0 -s 1
expect_error 1 '^eeg-csv: nope\.csv: open: No such file' eeg-csv nope.csv
: >"$T/empty.csv"
expect_error 1 '^eeg-csv: .*empty\.csv: line 1: no header row' eeg-csv "$T/empty.csv"
printf 'a,b\n1,2\n3,x\n' >"$T/cell.csv"
expect_error 1 "^eeg-csv: .*cell\.csv: line 3: column 2 \(b\): 'x' is not a finite number" eeg-csv "$T/cell.csv"
printf 'a,b\n1,2\n3\n' >"$T/short.csv"
expect_error 1 '^eeg-csv: .*short\.csv: line 3: 1 fields, expected 2' eeg-csv "$T/short.csv"
printf 'a,b\n1,nan\n' >"$T/nan.csv"
expect_error 1 "line 2: column 2 \(b\): 'nan' is not a finite number" eeg-csv "$T/nan.csv"
printf 'a,b\n1,1e39\n' >"$T/big.csv"
expect_error 1 "line 2: column 2 \(b\): '1e39' is not a finite number" eeg-csv "$T/big.csv"
printf 'a,b\n1,\n' >"$T/blank.csv"
expect_error 1 "line 2: column 2 \(b\): '' is not a finite number" eeg-csv "$T/blank.csv"
printf 'a,label\n1,x\n' >"$T/lab.csv"
expect_error 1 "line 1: no column named 'y'" eeg-csv --label-column y "$T/lab.csv"
printf 'label\nx\n' >"$T/nofeat.csv"
expect_error 1 'line 1: no feature columns' eeg-csv "$T/nofeat.csv"
printf 'a,time\n1,soon\n' >"$T/time.csv"
expect_error 1 "line 2: column 2 \(time\): 'soon' is not a time" eeg-csv "$T/time.csv"
# a text file of one line is a header row and no table: said, not 0 frames and exit 0
printf 'Recorded on Tuesday, subject tired\n' >"$T/notes.txt"
expect_error 1 "^eeg-csv: .*notes\.txt: line 2: no data rows after the header row \('Recorded on Tuesday', 2 columns\)\$" eeg-csv "$T/notes.txt"
printf 'a\n' >"$T/head.csv"
expect_error 1 "^eeg-csv: .*head\.csv: line 2: no data rows after the header row \('a', 1 column\)\$" eeg-csv "$T/head.csv"
# an eegpipe stream is named for what it is
eeg-csv "$DATA/small.csv" >"$T/small.eeg"
expect_error 1 '^eeg-csv: .*small\.eeg: line 1: an eegpipe tensor stream, not a CSV table \(eeg-cat -t prints it as one\)$' eeg-csv "$T/small.eeg"
# write errors are reported, not silent
expect_error 1 '^eeg-csv: stdout: write: No space left on device' sh -c 'eeg-csv <"$1" >/dev/full' sh "$DATA/small.csv"
# quoted cells, CRLF line ends, blank lines and spaces around numbers are fine
printf '"a, first",b,label\r\n" 1.5 ",2,"x ""y"""\r\n\r\n3,4,z\r\n' >"$T/q.csv"
eeg-csv "$T/q.csv" | eeg-cat -t >"$T/q.out"
printf 'label,group,time,"a, first",b\n"x ""y""",,,1.5,2\nz,,,3,4\n' >"$T/q.want"
cmp "$T/q.out" "$T/q.want" || fail "quoted CSV: $(cat "$T/q.out")"
# a quote never closed is a truncated table, not a long last cell
printf 'a,b\n1,"2' >"$T/open.csv"
expect_error 1 '^eeg-csv: .*open\.csv: line 2: a quoted field is never closed$' eeg-csv "$T/open.csv"
printf 'a,b\n1,"2\n3,4\n' >"$T/open2.csv"
expect_error 1 'line 2: a quoted field is never closed$' eeg-csv "$T/open2.csv"
# a bad cell is shown safely: control bytes escaped, long cells cut, one line
printf 'a,b\n1,x\035y\n' >"$T/ctl.csv"
expect_error 1 "line 2: column 2 \(b\): 'x\\\\x1dy' is not a finite number$" eeg-csv "$T/ctl.csv"
# a class or group name the stream's header cannot carry (a line break, a control byte,
# 4096 bytes or more) is refused, not written as a stream no tool can read
printf 'a,label\n1,"x\ny"\n2,z\n' >"$T/labnl.csv"
expect_error 1 "^eeg-csv: .*labnl\.csv: line 2: column 2 \(label\): class 'x\\\\x0ay' holds control byte 0x0a\$" eeg-csv "$T/labnl.csv"
printf 'a,s\n1,g\001\n' >"$T/grpctl.csv"
expect_error 1 "line 2: column 2 \(s\): group 'g\\\\x01' holds control byte 0x01\$" eeg-csv --group-column s "$T/grpctl.csv"
long=$(printf '%04096d' 0)
printf 'a,label\n1,x\n2,%s\n' "$long" >"$T/lablong.csv"
expect_error 1 "line 3: column 2 \(label\): class '0000000000000000000000000000000000000000\.\.\.' is longer than 4095 bytes\$" eeg-csv "$T/lablong.csv"
# a tab is fine (a header line carries it), and 4095 bytes are
printf 'a,label,group\n1,"x\ty",%s\n' "${long#0}" >"$T/labtab.csv"
eeg-csv "$T/labtab.csv" | eeg-cat -t >"$T/labtab.out"
printf 'label,group,time,a\nx\ty,%s,,1\n' "${long#0}" >"$T/labtab.want"
cmp "$T/labtab.out" "$T/labtab.want" || fail "a tab in a class name: $(head -c 200 "$T/labtab.out")"
