#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The model carries its preprocessing: eeg-train --scaler embeds eeg-scale's parameters and
# eeg-predict applies them, giving byte for byte the probabilities of the same model on
# frames scaled by eeg-scale --apply. A stream whose scaling, window or features differ
# from the training stream's is refused with one line (it would score at chance); another
# hop, or a stream that does not say its features, is warned about and scored.
. "$(dirname "$0")/lib.sh"
PYTHONPATH="${EEG_TOP:-.}/tests/ref"; export PYTHONPATH
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
rng = np.random.default_rng(9)
n = 240
y = rng.integers(0, 3, n)
g = np.arange(n) // 60
X = rng.normal(size=(n, 6)) * 3 + 40 + 4 * y[:, None]     # log band powers: far from 0
kw = dict(columns=["c%d" % i for i in range(6)], classes=["a", "b", "c"],
          groups=["s1", "s2", "s3", "s4"], labels=y, group=g, time=np.arange(n) * 0.5)
feat = [("features", "band power in dB"), ("history", "eeg-fft --bands default --log x.csv")]
write_stream(T + "/all.eeg", X, window=1, hop=0.5, meta=feat, **kw)
write_stream(T + "/win2.eeg", X, window=2, hop=0.5, meta=feat, **kw)
write_stream(T + "/hop.eeg", X, window=1, hop=0.25, meta=feat, **kw)
write_stream(T + "/spectra.eeg", X, window=1, hop=0.5,
             meta=[("features", "power spectral density"), feat[1]], **kw)
write_stream(T + "/nofeat.eeg", X, window=1, hop=0.5, **kw)
PY
eeg-split --holdout s4 --train "$T/train.eeg" --test "$T/test.eeg" "$T/all.eeg"
eeg-scale -f "$T/s.par" "$T/train.eeg" >"$T/train.z"
eeg-scale -a "$T/s.par" "$T/test.eeg" >"$T/test.z"
opts="--model lstm --units 6 --epochs 3 --threads 1"
eeg-train $opts -o "$T/plain" "$T/train.z" 2>/dev/null
eeg-train $opts --scaler "$T/s.par" -o "$T/raw" "$T/train.eeg" 2>/dev/null
eeg-train $opts --scaler "$T/s.par" -o "$T/z" "$T/train.z" 2>/dev/null
eeg-predict "$T/plain" "$T/test.z" | eeg-cat -t >"$T/p.plain"
eeg-predict "$T/raw" "$T/test.eeg" | eeg-cat -t >"$T/p.raw"
eeg-predict "$T/z" "$T/test.eeg" | eeg-cat -t >"$T/p.z"
cmp "$T/p.plain" "$T/p.raw" || fail "embedded scaler (raw training frames) differs from eeg-scale --apply"
cmp "$T/p.plain" "$T/p.z" || fail "embedded scaler (scaled training frames) differs from eeg-scale --apply"
eeg-train --info "$T/raw" | grep -qx 'scaler: zscore global train (6 values, applied to every frame first)' ||
	fail "info: $(eeg-train --info "$T/raw" | grep scaler)"
eeg-train --info "$T/plain" | grep -qx 'input key: scale=zscore global train' || fail "info: input key"
eeg-train --info "$T/raw" | grep -q 'input key: scale' && fail "info: the embedded scaler is no input key"
eeg-train --info "$T/raw" | grep -qx 'input window: 1 s, hop 0.5 s' || fail "info: window"
# the prediction stream says how the network's frames were scaled, for eeg-metrics
eeg-predict "$T/raw" "$T/test.eeg" | eeg-metrics | grep -q 'scaler: zscore global, fit on the train part' ||
	fail "metrics of the embedded scaler"

# refused: unscaled frames into a model trained on scaled ones (it scored at chance), scaled
# frames into a model that scales them itself, another window, other features
expect_error 1 "test\.eeg: header: the frames are not scaled, the model was trained on zscore global frames \(scale them as its training frames were, or embed the scaler: eeg-train --scaler\)\$" \
	eeg-predict "$T/plain" "$T/test.eeg"
expect_error 1 "test\.z: header: the frames are scaled \(zscore global\), but the model scales its input itself: give it the unscaled features\$" \
	eeg-predict "$T/raw" "$T/test.z"
eeg-scale -p "$T/test.eeg" >"$T/test.p"
expect_error 1 "test\.p: header: the frames are scaled zscore per-group, the model was trained on zscore global frames\$" \
	eeg-predict "$T/plain" "$T/test.p"
expect_error 1 "win2\.eeg: header: windows of 2 s, the model was trained on windows of 1 s\$" \
	eeg-predict "$T/raw" "$T/win2.eeg"
expect_error 1 "spectra\.eeg: header: features 'power spectral density', the model was trained on 'band power in dB'\$" \
	eeg-predict "$T/raw" "$T/spectra.eeg"
# warned, and scored: another hop (the same features at another rate), no features key
eeg-predict "$T/raw" "$T/hop.eeg" 2>"$T/hop.err" | eeg-cat -t >"$T/p.hop"
[ "$(wc -l <"$T/hop.err")" = 1 ] && grep -q "^eeg-predict: warning: .*hop\.eeg: a hop of 0\.25 s, the model was trained on a hop of 0\.5 s" "$T/hop.err" ||
	fail "hop: $(cat "$T/hop.err")"
[ "$(wc -l <"$T/p.hop")" = 241 ] || fail "hop: not scored"
eeg-predict "$T/raw" "$T/nofeat.eeg" 2>"$T/nofeat.err" >/dev/null
grep -q "^eeg-predict: warning: .*nofeat\.eeg: the stream does not say its features; the model was trained on 'band power in dB'" "$T/nofeat.err" ||
	fail "no features: $(cat "$T/nofeat.err")"

eeg-scale -p "$T/train.eeg" >"$T/train.p"
eeg-train $opts -o "$T/calib" "$T/train.p" 2>/dev/null
expect_error 1 "test\.eeg: header: the frames are not scaled, the model was trained on zscore per-group frames \(calibrate each group on its own frames: eeg-scale -p\)\$" \
	eeg-predict "$T/calib" "$T/test.eeg"
eeg-predict "$T/calib" "$T/test.p" >/dev/null
# a stream without column names, for a model whose scaler has them
py -c 'import sys; import numpy as np; from eegstream import write_stream
write_stream(sys.argv[1], np.zeros((2, 6)), window=1, hop=0.5, meta=[("features", "band power in dB"), ("history", "x")])' "$T/nocols.eeg"
expect_error 1 "nocols\.eeg: header: the model's scaler: stream has 0 column names, the scaler was fit on 6\$" \
	eeg-predict "$T/raw" "$T/nocols.eeg"
# a scale so small that scaled values overflow f32, in training and in prediction
awk 'NR == 14 { print "0 1e-300"; next } { print }' "$T/s.par" >"$T/tiny.par"
expect_error 1 "train\.eeg: frame 0: value 1: scaled it is not a finite f32\$" \
	eeg-train $opts --scaler "$T/tiny.par" -o "$T/x" "$T/train.eeg"
# and in prediction: a constant training column, a scale of 1e-39 (the stream differs)
py - "$T" <<'PY'
import sys
import numpy as np
from eegstream import write_stream
T = sys.argv[1]
X = np.ones((6, 2)) * 5
X[:, 1] = np.arange(6)
kw = dict(columns=["k", "v"], classes=["a", "b"], labels=[0, 1] * 3, meta=[("history", "x")])
write_stream(T + "/const.eeg", X, **kw)
X[:, 0] = 6
write_stream(T + "/moved.eeg", X, **kw)
PY
eeg-scale -f "$T/c.par" "$T/const.eeg" >/dev/null
sed '/^5 1$/s/ 1$/ 1e-39/' "$T/c.par" >"$T/c2.par"
grep -qx '5 1e-39' "$T/c2.par" || fail "no constant column in $(cat "$T/c.par")"
eeg-train $opts --scaler "$T/c2.par" -o "$T/cm" "$T/const.eeg" 2>/dev/null
expect_fail 1 "moved\.eeg: frame 0: value 1: scaled by the model's scaler it is not a finite f32\$" \
	eeg-predict "$T/cm" "$T/moved.eeg"
# eeg-train checks its validation set the same way
expect_error 1 "test\.eeg: header: the frames are not scaled, the model was trained on zscore global frames" \
	eeg-train $opts --val "$T/test.eeg" -o "$T/x" "$T/train.z"
# --scaler errors
eeg-scale -p -f "$T/g.par" "$T/train.eeg" >/dev/null
expect_error 1 "g\.par: per-group parameters hold the training groups only: a model carries a global scaler" \
	eeg-train $opts --scaler "$T/g.par" -o "$T/x" "$T/train.eeg"
py -c 'import sys; import numpy as np; from eegstream import write_stream
write_stream(sys.argv[1], np.zeros((4, 5)), columns=list("abcde"), classes=["a", "b"], labels=[0, 1, 0, 1])' "$T/five.eeg"
expect_error 1 "five\.eeg: .*s\.par: stream frames are 5 values, the scaler was fit on 6\$" \
	eeg-train $opts --scaler "$T/s.par" -o "$T/x" "$T/five.eeg"
expect_error 1 "nope\.par: open: No such file" eeg-train $opts --scaler "$T/nope.par" -o "$T/x" "$T/train.eeg"
[ ! -e "$T/x" ] || fail "a model was left after an error"

# a version 1 model (written before models recorded their inputs) still scores as it did
py "$EEG_TOP/tests/ref/seqtask.py" memory 60 1 >"$T/v1.eeg"
eeg-predict "$EEG_TOP/tests/data/v1.model" "$T/v1.eeg" | eeg-cat -t | cmp - "$EEG_TOP/tests/data/v1-pred.csv" ||
	fail "version 1 model: other predictions"
eeg-train --info "$EEG_TOP/tests/data/v1.model" | grep -qx 'input keys: not recorded' || fail "v1 info"
# a later version is refused clearly
py - "$T/raw" "$T/v9" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<I", b, 8, 9)
open(sys.argv[2], "wb").write(b)
PY
expect_error 1 "v9: header: unsupported version 9 \(this reader knows 1 and 2\)\$" eeg-predict "$T/v9" "$T/test.eeg"

# -v: the time per frame and peak memory, one line at the end
eeg-predict -v "$T/raw" "$T/test.eeg" 2>"$T/v.err" >/dev/null
grep -Eqx 'eeg-predict: 60 frames, [0-9.]+ us per frame \(model forward\), [0-9.]+ s in all, peak memory [0-9.]+ MiB' "$T/v.err" ||
	fail "-v: $(cat "$T/v.err")"
echo ok
