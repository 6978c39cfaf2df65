# SPDX-License-Identifier: GPL-3.0-or-later
"""edfwrite: write EDF, EDF+ (continuous and discontinuous), BDF and BDF+ files to their
specifications (EDF: Kemp et al. 1992; EDF+: Kemp & Olivan 2003; BDF: BioSemi), NumPy only,
for test inputs. An independent writer: it shares no code with the C readers under test.

    import sys; sys.path.insert(0, REF)        # REF = "$EEG_TOP/tests/ref"
    from edfwrite import Signal, write_edf, phys_of

    sigs = [Signal("Fc5.", x, rate=160, unit="uV", physmin=-8092, physmax=8092,
                   digmin=-8092, digmax=8092, prefilter="HP:0Hz LP:0Hz N:0Hz")]
    vals = write_edf(path, sigs, plus="C", record=1.0,
                     annotations=[(0.0, 4.2, "T0"), (4.2, 4.1, "T2")])

Signal(label, data, rate, unit="uV", physmin=None, physmax=None, digmin=None,
       digmax=None, prefilter="", transducer="")
    data: physical values, rate * record * nrec of them. physmin/physmax default to the
    data's range widened by 1, digmin/digmax to the format's full range.
write_edf(path, signals, bdf=False, plus=None, record=1.0, annotations=(),
          record_onsets=None, start=(2009, 8, 12, 16, 15, 0), annot_bytes=None,
          annot_dim="", annot_prefilter="", patient="X X X X", recording=None,
          startsub=None)
    plus: None (plain EDF/BDF, no annotation signal), "C" (EDF+C/BDF+C) or "D" (EDF+D/
    BDF+D). record: seconds per data record. annotations: (onset s, duration s or None,
    text) from the start. record_onsets (EDF+D): each record's start in seconds (the
    time-keeping TAL), default r * record. startsub: a sub-second start as the first TAL's
    onset (EDF+ "+0.5" style) in the first record's time-keeping annotation. annot_dim /
    annot_prefilter: the annotation signal's physical dimension and prefilter fields
    (PhysioNet writes "-" and "HP:0Hz LP:0Hz N:0Hz"). Returns the physical values a
    reader must give: one array per signal, the data after digitisation (round, clip)
    and scaling back.
phys_of(sig): those values for one Signal.
Header field offsets, for tests that corrupt a header: offset(ns, field, k=0).
"""
import numpy as np

FIELDS = [("label", 16), ("transducer", 80), ("dim", 8), ("physmin", 8), ("physmax", 8),
          ("digmin", 8), ("digmax", 8), ("prefilter", 80), ("spr", 8), ("reserved", 32)]
MAIN = [("version", 8), ("patient", 80), ("recording", 80), ("startdate", 8),
        ("starttime", 8), ("headbytes", 8), ("reserved", 44), ("nrec", 8),
        ("duration", 8), ("ns", 4)]


def offset(ns, field, k=0):
    """Byte offset of a main header field, or of signal k's field."""
    o = 0
    for name, w in MAIN:
        if name == field and field != "reserved":
            return o
        o += w
    for name, w in FIELDS:
        if name == field:
            return o + k * w
        o += w * ns
    raise KeyError(field)


class Signal:
    def __init__(self, label, data, rate, unit="uV", physmin=None, physmax=None,
                 digmin=None, digmax=None, prefilter="", transducer=""):
        self.label, self.rate, self.unit = label, rate, unit
        self.data = np.asarray(data, dtype=float)
        self.physmin = float(self.data.min()) - 1 if physmin is None else physmin
        self.physmax = float(self.data.max()) + 1 if physmax is None else physmax
        self.digmin, self.digmax = digmin, digmax
        self.prefilter, self.transducer = prefilter, transducer


def _full_range(bdf):
    return (-8388608, 8388607) if bdf else (-32768, 32767)


def _digits(sig, bdf):
    lo, hi = _full_range(bdf)
    dmin = lo if sig.digmin is None else sig.digmin
    dmax = hi if sig.digmax is None else sig.digmax
    g = (dmax - dmin) / (sig.physmax - sig.physmin)
    d = np.round((sig.data - sig.physmin) * g + dmin)
    return np.clip(d, dmin, dmax).astype(np.int64), dmin, dmax


def phys_of(sig, bdf=False):
    d, dmin, dmax = _digits(sig, bdf)
    return (d - dmin) * (sig.physmax - sig.physmin) / (dmax - dmin) + sig.physmin


def _num(v):
    s = repr(float(v)) if not float(v).is_integer() else str(int(v))
    if len(s) > 8:
        s = ("%.8g" % v)[:8]
    return s


def _field(v, n):
    b = v if isinstance(v, bytes) else str(v).encode("latin-1")
    if len(b) > n:
        raise ValueError("EDF field %r longer than %d" % (v, n))
    return b + b" " * (n - len(b))


def _tal(onset, duration, texts):
    s = "%+.10g" % onset
    if duration is not None:
        s += "\x15%.10g" % duration
    return (s + "\x14" + "".join(t + "\x14" for t in texts) + "\x00").encode("utf-8")


def write_edf(path, signals, bdf=False, plus=None, record=1.0, annotations=(),
              record_onsets=None, start=(2009, 8, 12, 16, 15, 0), annot_bytes=None,
              annot_dim="", annot_prefilter="", patient="X X X X", recording=None,
              startsub=None):
    width = 3 if bdf else 2
    for s in signals:	# the ranges as the 8-character fields hold them
        s.physmin, s.physmax = float(_num(s.physmin)), float(_num(s.physmax))
    spr = []
    for s in signals:
        n = s.rate * record
        if abs(n - round(n)) > 1e-9:
            raise ValueError("%s: %g Hz x %g s is not a whole number of samples"
                             % (s.label, s.rate, record))
        spr.append(int(round(n)))
    nrec = len(signals[0].data) // spr[0] if signals else len(record_onsets)
    for s, n in zip(signals, spr):
        if len(s.data) != n * nrec:
            raise ValueError("%s: %d samples, want %d" % (s.label, len(s.data), n * nrec))
    if record_onsets is None:
        record_onsets = [r * record for r in range(nrec)]
    # the annotation signal: record r holds its time-keeping TAL and the annotations whose
    # onset falls in it (the first record holds those before any record)
    tals = []
    for r in range(nrec):
        keep = "%+.10g" % record_onsets[r] if not (r == 0 and startsub) else "+%.10g" % startsub
        t = (keep + "\x14\x14\x00").encode()
        for a in annotations:
            lo = record_onsets[r]
            hi = record_onsets[r + 1] if r + 1 < nrec else float("inf")
            if (lo <= a[0] < hi) or (r == 0 and a[0] < lo):
                t += _tal(a[0], a[1], [a[2]])
        tals.append(t)
    names = [s.label for s in signals]
    ab = 0
    if plus:
        need = max(len(t) for t in tals) if tals else 16
        ab = annot_bytes or (need + width - 1) // width * width
        if ab < need or ab % width:
            raise ValueError("annotation signal of %d bytes cannot hold %d" % (ab, need))
        names.append(("BDF" if bdf else "EDF") + " Annotations")
    ns = len(names)
    y, mo, d, hh, mm, ss = start
    if recording is None:
        months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
        recording = "Startdate %02d-%s-%04d X X X" % (d, months[mo - 1], y) if plus else "X"
    h = _field(b"\xffBIOSEMI" if bdf else b"0", 8) + _field(patient, 80)
    h += _field(recording, 80) + _field("%02d.%02d.%02d" % (d, mo, y % 100), 8)
    h += _field("%02d.%02d.%02d" % (hh, mm, ss), 8) + _field(256 * (ns + 1), 8)
    kind = ("BDF+" if bdf else "EDF+") + plus if plus else ("24BIT" if bdf else "")
    h += _field(kind, 44) + _field(nrec, 8) + _field(_num(record), 8) + _field(ns, 4)
    ranges = [_digits(s, bdf)[1:] for s in signals]
    alo, ahi = _full_range(bdf)
    col = {
        "label": names,
        "transducer": [s.transducer for s in signals] + [""] * bool(plus),
        "dim": [s.unit for s in signals] + [annot_dim] * bool(plus),
        "physmin": [_num(s.physmin) for s in signals] + [alo] * bool(plus),
        "physmax": [_num(s.physmax) for s in signals] + [ahi] * bool(plus),
        "digmin": [r[0] for r in ranges] + [alo] * bool(plus),
        "digmax": [r[1] for r in ranges] + [ahi] * bool(plus),
        "prefilter": [s.prefilter for s in signals] + [annot_prefilter] * bool(plus),
        "spr": spr + [ab // width] * bool(plus),
        "reserved": [""] * ns,
    }
    for name, w in FIELDS:
        h += b"".join(_field(v, w) for v in col[name])
    assert len(h) == 256 * (ns + 1)
    digs = [_digits(s, bdf)[0] for s in signals]
    out = bytearray(h)
    for r in range(nrec):
        for dg, n in zip(digs, spr):
            v = dg[r * n:(r + 1) * n]
            if bdf:
                u = (v & 0xFFFFFF).astype("<u4").view(np.uint8).reshape(-1, 4)
                out += u[:, :3].tobytes()
            else:
                out += v.astype("<i2").tobytes()
        if plus:
            out += tals[r] + b"\x00" * (ab - len(tals[r]))
    with open(path, "wb") as f:
        f.write(bytes(out))
    return [phys_of(s, bdf) for s in signals]
