#!/usr/bin/python3
"""Builds the share-card font slices from Debian's fonts-noto-cjk.

Character set: the 通用规范汉字表 (8,105 characters: Unihan kTGH), GB 2312 (hanzi from
kGB0, symbols from the codec), ASCII, and the punctuation Chinese text uses (CJK symbols,
general punctuation, full-width forms). A full subset is too big to fetch for one card,
so it is cut into slices by how common the characters are, as web font services do for
CJK: the first slice holds ASCII, punctuation and the most frequent hanzi (kFrequency 1-2),
later slices hold rarer tiers. The card fetches only the slices its text touches.

Outputs (into the build folder; never committed):
  --slices DIR            share-card-<n>.otf: one CFF OpenType font per slice (no
                          layout tables, no hinting)
  --index FILE            the slice index the share-card core reads: one line per slice,
                          "<file> <ranges>", e.g. "share-card-0.otf 20+5e,1fa7" (U+0020-U+007E,
                          U+2026; see ranges())
  --licence FILE          the font's licence, shipped beside the slices

The studio (demo/studio/) uses two fonts instead of slices, which it merges:
  --studio-ui FILE        studio-ui-font.otf, what its first frame needs: ASCII, a few
                          symbols, U+25A1 (the box the studio shows for characters outside
  --studio-text FILE...   its fonts) and every character of the given source files (the
                          UI strings)
  --studio FILE           studio-font.otf, the rest, fetched beside it: the CJK
                          punctuation above and the 3,500 common hanzi (kTGH level 1)
                          not already in studio-ui-font.otf

Usage: fonts/build_fonts.py --slices DIR --index FILE --licence FILE
                            [--font PATH.ttc] [--face N] [--unicode-dir DIR]
       fonts/build_fonts.py --studio FILE --studio-ui FILE --studio-text FILE... [--font ...]
Runs with Debian's python3 (python3-fonttools); fails with a clear message when a
package is missing.
"""
import argparse
import bz2
import gzip
import os
import sys

try:
    from fontTools import subset
    from fontTools.ttLib import TTCollection
except ImportError:
    sys.exit("fonts: python3-fonttools is missing (apt-get install python3-fonttools); "
             "run this script with /usr/bin/python3")

SLICE_GLYPHS = 100  # ~20 KB gzip each; measured mean card cost 236 KB gzip (200: 315 KB)


def unihan(path, field):
    """{codepoint: value} for one Unihan field from a .txt.bz2 file."""
    out = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+") and f"\t{field}\t" in line:
                cp, _, value = line.rstrip("\n").split("\t", 2)
                out[int(cp[2:], 16)] = value
    return out


def gb2312_symbols():
    """Non-hanzi characters of GB 2312 (rows 1-9: punctuation, kana, Greek, box drawing...)."""
    out = set()
    for row in range(0xA1, 0xAA):
        for col in range(0xA1, 0xFF):
            try:
                out.update(ord(c) for c in bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def ranges(cps):
    """The slice index's range list: ascending ranges, each written as the hex gap from
    the end of the previous range (+1) and, for more than one code point, "+<hex extra>".
    "20+5e,1fa7" is U+0020-U+007E and U+2026. Deltas halve the gzip size of the index."""
    cps = sorted(cps)
    spans, start, prev = [], None, None
    for c in cps:
        if start is None:
            start = prev = c
        elif c == prev + 1:
            prev = c
        else:
            spans.append((start, prev))
            start = prev = c
    if start is not None:
        spans.append((start, prev))
    out, last = [], -1
    for a, b in spans:
        out.append(f"{a - last - 1:x}" + (f"+{b - a:x}" if b > a else ""))
        last = b
    return ",".join(out)


def plan_slices(unicode_dir):
    others = os.path.join(unicode_dir, "Unihan_OtherMappings.txt.bz2")
    dictlike = os.path.join(unicode_dir, "Unihan_DictionaryLikeData.txt.bz2")
    for p in (others, dictlike):
        if not os.path.exists(p):
            sys.exit(f"fonts: {p} not found (apt-get install unicode-data)")
    tgh = {cp: int(v.split()[0].split(":")[1]) for cp, v in unihan(others, "kTGH").items()}
    gb_hanzi = set(unihan(others, "kGB0"))
    freq = {cp: int(v) for cp, v in unihan(dictlike, "kFrequency").items()}

    base = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(range(0x2010, 0x2030))
    base |= set(range(0xFF01, 0xFF5F)) | {0xA0, 0xB7, 0xD7, 0xF7, 0x2103, 0x2116, 0x2160, 0x2161, 0x2162}
    hanzi = set(tgh) | gb_hanzi
    base |= {c for c in hanzi if freq.get(c, 9) <= 2}
    # Greek, Cyrillic, kana, box drawing...: GB 2312 has them, card titles rarely do.
    symbols = sorted(gb2312_symbols() - base - hanzi)

    def tier(c):
        i = tgh.get(c)
        return 1 if i is not None and i <= 3500 else 2 if i is not None and i <= 6500 else 3

    rest = sorted(hanzi - base, key=lambda c: (tier(c), freq.get(c, 6), tgh.get(c, 99999), c))
    slices = [sorted(base)]
    for i in range(0, len(rest), SLICE_GLYPHS):
        slices.append(sorted(rest[i:i + SLICE_GLYPHS]))
    slices.append(symbols)
    return slices, len(hanzi), len(base) + len(rest) + len(symbols)


def sc_face(path, face):
    if face >= 0:
        return face
    names = [f["name"].getDebugName(4) for f in TTCollection(path, lazy=True).fonts]
    return names.index("Noto Sans CJK SC")


def save_subset(path, font_path, face, cps):
    """A CFF OpenType subset of the face for the code points; returns its bytes."""
    options = subset.Options()
    options.font_number = face
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE", "GDEF", "GSUB", "GPOS"]
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    font = subset.load_font(font_path, options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=cps)
    sub.subset(font)
    subset.save_font(font, path, options)
    font.close()
    with open(path, "rb") as f:
        return f.read()


def build_studio_font(args):
    """The studio's two fonts for its Dear ImGui atlas (see the module comment)."""
    others = os.path.join(args.unicode_dir, "Unihan_OtherMappings.txt.bz2")
    if not os.path.exists(others):
        sys.exit(f"fonts: {others} not found (apt-get install unicode-data)")
    common = {cp for cp, v in unihan(others, "kTGH").items() if int(v.split()[0].split(":")[1]) <= 3500}
    ui = set(range(0x20, 0x7F)) | {0xA0, 0xB7, 0xD7, 0xF7, 0x25A1, 0x2190, 0x2192, 0x2713}
    for path in args.studio_text:
        with open(path, encoding="utf-8") as f:
            ui |= {ord(c) for c in f.read() if ord(c) >= 0x80}
    rest = set(range(0x3000, 0x3040)) | set(range(0x2010, 0x2030)) | set(range(0xFF01, 0xFF5F)) | common
    face = sc_face(args.font, args.face)
    cmap = TTCollection(args.font, lazy=True).fonts[face].getBestCmap()
    ui = sorted(c for c in ui if c in cmap)
    rest = sorted(c for c in rest - set(ui) if c in cmap)
    for path, cps in ((args.studio_ui, ui), (args.studio, rest)):
        data = save_subset(path, args.font, face, cps)
        print(f"fonts: {os.path.basename(path)}: {len(cps)} characters, "
              f"{len(data)} bytes ({len(gzip.compress(data, 9))} gzip)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--slices", help="folder for share-card-<n>.otf")
    ap.add_argument("--index", help="file for the slice index")
    ap.add_argument("--licence", help="file for the font licence")
    ap.add_argument("--studio", help="file for the studio's font, the rest of its characters (instead of slices)")
    ap.add_argument("--studio-ui", help="file for the studio's first font, its UI strings' characters (with --studio)")
    ap.add_argument("--studio-text", nargs="*", default=[], help="files whose characters the studio font needs")
    ap.add_argument("--font", default="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    ap.add_argument("--face", type=int, default=-1, help="face index in the .ttc (default: the SC face)")
    ap.add_argument("--unicode-dir", default="/usr/share/unicode")
    ap.add_argument("--licence-source", default="/usr/share/doc/fonts-noto-cjk/copyright")
    args = ap.parse_args()
    if not os.path.exists(args.font):
        sys.exit(f"fonts: {args.font} not found (apt-get install fonts-noto-cjk)")
    if args.studio or args.studio_ui:
        if not (args.studio and args.studio_ui):
            ap.error("--studio and --studio-ui go together")
        return build_studio_font(args)
    if not (args.slices and args.index and args.licence):
        ap.error("--slices, --index and --licence are required (or --studio)")
    for d in (args.slices, os.path.dirname(args.index), os.path.dirname(args.licence)):
        os.makedirs(d or ".", exist_ok=True)
    for old in os.listdir(args.slices):  # a smaller slicing must not leave stale slices
        if old.startswith("share-card-") and old.endswith(".otf"):
            os.remove(os.path.join(args.slices, old))

    face = args.face
    if face < 0:
        names = [f["name"].getDebugName(4) for f in TTCollection(args.font, lazy=True).fonts]
        face = names.index("Noto Sans CJK SC")

    slices, n_hanzi, n_total = plan_slices(args.unicode_dir)
    # The index claims only characters the font draws: a code point without a glyph
    # (U+2028-U+202F sit in the punctuation block) must count as missing, not covered.
    cmap = TTCollection(args.font, lazy=True).fonts[face].getBestCmap()
    slices = [[c for c in cps if c in cmap] for cps in slices]
    n_total = sum(len(cps) for cps in slices)
    options = subset.Options()
    options.font_number = face
    options.layout_features = []      # stb_truetype draws unshaped glyphs
    options.hinting = False
    options.desubroutinize = True     # larger raw, smaller compressed, simpler for the rasteriser
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence names
    options.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE", "GDEF", "GSUB", "GPOS"]

    index_lines, total, total_gz = [], 0, 0
    for n, cps in enumerate(slices):
        font = subset.load_font(args.font, options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=cps)
        sub.subset(font)
        name = f"share-card-{n}.otf"
        path = os.path.join(args.slices, name)
        subset.save_font(font, path, options)
        font.close()
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            gz = len(gzip.compress(f.read(), 9))
        total += size
        total_gz += gz
        index_lines.append(f"{name} {ranges(cps)}")
        print(f"fonts: {name}: {len(cps)} characters, {size} bytes ({gz} gzip)", file=sys.stderr)

    # The index is written last: the build uses it as the stamp of a complete run.
    with open(args.licence_source, "rb") as src, open(args.licence, "wb") as dst:
        dst.write(b"Noto Sans CJK SC (subset into slices for portal-widgets share cards)\n\n")
        dst.write(src.read())
    with open(args.index, "w", encoding="ascii") as f:
        f.write("\n".join(index_lines) + "\n")
    print(f"fonts: {len(slices)} slices, {n_total} characters ({n_hanzi} hanzi), "
          f"{total} bytes ({total_gz} gzip)", file=sys.stderr)


if __name__ == "__main__":
    main()
