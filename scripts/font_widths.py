#!/usr/bin/env python3
"""Prints the advance widths (1/1000 em) of printable ASCII for the diagram's font stack.

The canvas and the exported diagram name `Helvetica, Arial, "Liberation Sans", "DejaVu
Sans", sans-serif`: Arial and Liberation Sans share Helvetica's metrics, and DejaVu Sans is
what Debian's Chromium falls back to. Each width is the larger of Helvetica's (groff's
copy of the Adobe AFM) and DejaVu Sans's (its TrueType `hmtx`), so text measured with the
table fits in whichever of the fonts renders it. Output: the Rust arrays of
`src/core/layout/text.rs`.
"""
import struct

GROFF = "/usr/share/groff/1.22.4/font/devps/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def groff_widths(name):
    widths, in_charset = {}, False
    for line in open(GROFF + name, encoding="latin-1"):
        if line.startswith("charset"):
            in_charset = True
            continue
        if not in_charset:
            continue
        parts = line.split("\t")
        if len(parts) >= 4 and parts[1] != '"':
            code = int(parts[3])
            if 32 <= code <= 126:
                widths[code] = int(parts[1].split(",")[0])
    return widths


def ttf_widths(path):
    data = open(path, "rb").read()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        tables[tag.decode()] = offset
    units = struct.unpack(">H", data[tables["head"] + 18: tables["head"] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"] + 34: tables["hhea"] + 36])[0]
    cmap = tables["cmap"]
    glyph_of = {}
    for i in range(struct.unpack(">H", data[cmap + 2: cmap + 4])[0]):
        pid, eid, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i: cmap + 12 + 8 * i])
        sub = cmap + off
        if struct.unpack(">H", data[sub: sub + 2])[0] != 4 or (pid, eid) not in ((3, 1), (0, 3)):
            continue
        segs = struct.unpack(">H", data[sub + 6: sub + 8])[0] // 2
        ends = struct.unpack(f">{segs}H", data[sub + 14: sub + 14 + 2 * segs])
        base = sub + 16 + 2 * segs
        starts = struct.unpack(f">{segs}H", data[base: base + 2 * segs])
        deltas = struct.unpack(f">{segs}h", data[base + 2 * segs: base + 4 * segs])
        ro_at = base + 4 * segs
        offsets = struct.unpack(f">{segs}H", data[ro_at: ro_at + 2 * segs])
        for code in range(32, 127):
            for s in range(segs):
                if starts[s] <= code <= ends[s]:
                    if offsets[s] == 0:
                        glyph_of[code] = (code + deltas[s]) & 0xFFFF
                    else:
                        at = ro_at + 2 * s + offsets[s] + 2 * (code - starts[s])
                        g = struct.unpack(">H", data[at: at + 2])[0]
                        glyph_of[code] = (g + deltas[s]) & 0xFFFF if g else 0
                    break
        break
    hmtx = tables["hmtx"]
    out = {}
    for code, g in glyph_of.items():
        g = min(g, metrics - 1)
        adv = struct.unpack(">H", data[hmtx + 4 * g: hmtx + 4 * g + 2])[0]
        out[code] = round(adv * 1000 / units)
    return out


def table(helvetica, dejavu):
    h, d = groff_widths(helvetica), ttf_widths(DEJAVU + dejavu)
    return [max(h.get(c, 0), d.get(c, 0)) for c in range(32, 127)]


for name, h, d in (("REGULAR", "HR", "DejaVuSans.ttf"), ("BOLD", "HB", "DejaVuSans-Bold.ttf")):
    widths = table(h, d)
    print(f"const {name}: [u16; 95] = [")
    for i in range(0, 95, 16):
        print("    " + ", ".join(str(w) for w in widths[i: i + 16]) + ",")
    print("];")
