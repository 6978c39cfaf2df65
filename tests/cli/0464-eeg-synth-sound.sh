#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eeg-synth sound output: a float WAV read back by SciPy holds the tensor stream's values in
# mV (uV / 1000) at 256 Hz; FLAC (24-bit, full scale 1 mV) decodes to the same values within
# one step; every sound format starts with its own magic; -o FILE.ext picks the format.
. "$(dirname "$0")/lib.sh"

a="-n 4 --subjects 2 --sessions 1 --states relaxed,neutral --seed 5"
eeg-synth $a >"$T/s.eeg"
eeg-synth $a --format wav -o "$T/w"
eeg-synth $a --format flac -o "$T/f"
have_flac=0
if command -v flac >/dev/null 2>&1; then
	have_flac=1
	for f in "$T"/f/*.flac; do
		flac -s -d -f -o "${f%.flac}.dec.wav" "$f" || fail "flac -d $f"
	done
else
	echo "note: no flac(1): FLAC content not decoded"
fi
py - "$T" $have_flac <<'PY' || fail "sound checks"
import sys, struct, warnings
import numpy as np, scipy.io.wavfile as wf
warnings.simplefilter("ignore")	# libsndfile's PEAK/LIST chunks
T, have_flac = sys.argv[1], sys.argv[2] == "1"
b = open(T + "/s.eeg", "rb").read()
n = struct.unpack("<I", b[12:16])[0]
rec = np.dtype([("label", "<i4"), ("group", "<i4"), ("time", "<f8"), ("x", "<f4", (5,))])
fr = np.frombuffer(b[16 + n:], dtype=rec)
k = 0
for s in "ab":
    for st in ("relaxed", "neutral"):
        x = fr["x"][k * 1024:(k + 1) * 1024].astype(float)
        k += 1
        rate, w = wf.read("%s/w/subject%s-%s-1.wav" % (T, s, st))
        assert rate == 256 and w.shape == (1024, 5) and w.dtype == np.float32, (rate, w.shape, w.dtype)
        err = abs(w * 1000.0 - x).max() / abs(x).max()
        assert err < 1e-6, ("wav", s, st, err)
        if have_flac:
            rate, f = wf.read("%s/f/subject%s-%s-1.dec.wav" % (T, s, st))
            assert rate == 256 and f.shape == (1024, 5), (rate, f.shape)
            scale = 2.0 ** 31 if f.dtype == np.int32 else 1.0
            err = abs(f / scale * 1000.0 - x).max()
            assert err <= 1000.0 / 2 ** 23, ("flac", s, st, err)
print("ok: wav%s equal to the tensor stream" % (" and flac" if have_flac else ""))
PY

# each sound format: its magic at the start of the file, one file per recording
for f in wav flac w64 aiff au caf; do
	eeg-synth -n 1 --subjects 1 --sessions 1 --states neutral --format $f -o "$T/m.$f.d"
	p="$T/m.$f.d/subjecta-neutral-1.$f"
	[ -s "$p" ] || fail "$f: no $p"
	case $f in
	wav) m='RIFF' ;; flac) m='fLaC' ;; w64) m='riff' ;; aiff) m='FORM' ;;
	au) m='.snd' ;; caf) m='caff' ;;
	esac
	[ "$(head -c 4 "$p")" = "$m" ] || fail "$f: starts with '$(head -c 4 "$p")', want '$m'"
done

# -o FILE.ext: one recording, format from the extension; AU also to a pipe
eeg-synth -n 1 --subjects 1 --sessions 1 --states neutral -o "$T/x.flac"
cmp "$T/x.flac" "$T/m.flac.d/subjecta-neutral-1.flac" || fail "-o x.flac differs from --format flac"
# (on a pipe the AU data size, bytes 9-12, is "unknown")
eeg-synth -n 1 --subjects 1 --sessions 1 --states neutral --format au | cat >"$T/p.au"
cmp "$T/p.au" "$T/m.au.d/subjecta-neutral-1.au" 12 12 || fail "AU on stdout differs from the file"
[ "$(head -c 8 "$T/p.au")" = "$(head -c 8 "$T/m.au.d/subjecta-neutral-1.au")" ] || fail "AU header"
expect_error 2 'recordings need -o DIR' eeg-synth -n 1 --subjects 2 -o "$T/y.wav"
# WAV cannot be written to a pipe: one line, exit 1
{
	set +e
	eeg-synth -n 1 --subjects 1 --sessions 1 --states neutral --format wav 2>"$T/e"
	echo $? >"$T/rc"
} | cat >"$T/out"
[ "$(cat "$T/rc")" = 1 ] || fail "wav to a pipe: exit $(cat "$T/rc"), want 1"
[ "$(wc -l <"$T/e")" = 1 ] && grep -q '^eeg-synth: stdout: open: .*pipe' "$T/e" ||
    fail "wav to a pipe: $(cat "$T/e")"
[ ! -s "$T/out" ] || fail "wav to a pipe: wrote $(wc -c <"$T/out") bytes"
