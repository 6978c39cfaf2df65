# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that figures are valid images: PNG by its structure, SVG by parsing it as XML.

Usage: images.py FILE...  (each .png or .svg); prints one line per file ("ok FILE WxH") and
exits 1 at the first invalid one, naming what is wrong.

PNG (ISO/IEC 15948): the 8-byte signature; chunks of length, type, data and a CRC-32 that
must match; IHDR first (width, height > 0, a known colour type and bit depth), IEND last,
at least one IDAT; the IDAT data inflate (zlib) to exactly height rows of one filter byte
(0-4) and width * channels * depth / 8 bytes, as a non-interlaced image holds.
SVG: well-formed XML whose root element is svg in the SVG namespace, with a positive width
and height (or a viewBox), and at least one drawing element.
"""
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
SVGNS = "{http://www.w3.org/2000/svg}"


def check_png(path):
    b = open(path, "rb").read()
    if b[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    i, chunks = 8, []
    while i < len(b):
        if i + 8 > len(b):
            raise ValueError("chunk header cut short at byte %d" % i)
        n, kind = struct.unpack(">I4s", b[i:i + 8])
        data = b[i + 8:i + 8 + n]
        if len(data) != n or i + 12 + n > len(b):
            raise ValueError("chunk %r cut short" % kind)
        crc = struct.unpack(">I", b[i + 8 + n:i + 12 + n])[0]
        if zlib.crc32(kind + data) & 0xffffffff != crc:
            raise ValueError("chunk %r: CRC mismatch" % kind)
        chunks.append((kind, data))
        i += 12 + n
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise ValueError("IHDR must come first and IEND last")
    w, h, depth, colour, comp, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if w == 0 or h == 0 or colour not in CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ValueError("bad IHDR: %dx%d colour %d depth %d" % (w, h, colour, depth))
    if comp or filt or interlace:
        raise ValueError("unexpected compression, filter or interlace method")
    idat = b"".join(d for k, d in chunks if k == b"IDAT")
    if not idat:
        raise ValueError("no IDAT")
    raw = zlib.decompress(idat)
    row = (w * CHANNELS[colour] * depth + 7) // 8
    if len(raw) != h * (1 + row):
        raise ValueError("image data is %d bytes, %dx%d needs %d" % (len(raw), w, h, h * (1 + row)))
    if any(raw[r * (1 + row)] > 4 for r in range(h)):
        raise ValueError("a row has an unknown filter type")
    return "%dx%d" % (w, h)


def length(v):
    return float("".join(c for c in (v or "") if c.isdigit() or c == ".") or 0)


def check_svg(path):
    root = ET.parse(path).getroot()
    if root.tag != SVGNS + "svg":
        raise ValueError("root element is %s, not svg" % root.tag)
    w, h = length(root.get("width")), length(root.get("height"))
    if not (w > 0 and h > 0):
        box = (root.get("viewBox") or "").replace(",", " ").split()
        w, h = (float(box[2]), float(box[3])) if len(box) == 4 else (0, 0)
    if not (w > 0 and h > 0):
        raise ValueError("no size")
    drawn = [e for e in root.iter() if e.tag[len(SVGNS):] in ("path", "rect", "text", "line", "polyline", "image")]
    if not drawn:
        raise ValueError("nothing drawn")
    return "%gx%g" % (w, h)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: images.py FILE...")
    for path in sys.argv[1:]:
        try:
            size = check_png(path) if path.endswith(".png") else check_svg(path)
        except (OSError, ValueError, zlib.error, ET.ParseError, struct.error) as e:
            print("invalid %s: %s" % (path, e))
            sys.exit(1)
        print("ok %s %s" % (path, size))


if __name__ == "__main__":
    main()
