#include "core/share_card.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/text_layout.h"

#include <stb/stb_truetype.h>  // implemented once, in core/stb_truetype.cpp

namespace pw {
namespace {

std::string line_number(int n) {
  std::string s;
  do { s.insert(s.begin(), char('0' + n % 10)); n /= 10; } while (n);
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses a hex code point at s[i...]; advances i. False when no digit or > U+10FFFF.
bool read_hex(std::string_view s, size_t& i, char32_t* out) {
  size_t start = i;
  unsigned long v = 0;
  while (i < s.size() && hex_digit(s[i]) >= 0 && i - start < 7) v = v * 16 + unsigned(hex_digit(s[i++]));
  *out = char32_t(v);
  return i > start && v <= 0x10FFFF;
}

// The sfnt versions stb_truetype reads as a single font (its stbtt__isfont, which is
// private to the implementation unit): TrueType, OpenType/CFF, Apple "true" and "typ1".
bool is_sfnt(const uint8_t* d) {
  return (d[0] == '1' && d[1] == 0 && d[2] == 0 && d[3] == 0) || std::memcmp(d, "typ1", 4) == 0 ||
         std::memcmp(d, "OTTO", 4) == 0 || (d[0] == 0 && d[1] == 1 && d[2] == 0 && d[3] == 0) ||
         std::memcmp(d, "true", 4) == 0;
}

// One font slice ready for stb_truetype.
struct Face {
  stbtt_fontinfo info;
  float scale = 0;  // px per font unit at the current size
};

// A canvas of RGB pixels with coverage blending in one colour.
struct Canvas {
  int w, h;
  std::vector<uint8_t> px;
  Canvas(int width, int height, Rgba bg) : w(width), h(height), px(size_t(width) * height * 3) {
    for (size_t i = 0; i < px.size(); i += 3) {
      px[i] = bg.r;
      px[i + 1] = bg.g;
      px[i + 2] = bg.b;
    }
  }
  void blend(int x, int y, Rgba c, int coverage) {
    if (x < 0 || y < 0 || x >= w || y >= h || coverage <= 0) return;
    uint8_t* p = &px[(size_t(y) * w + x) * 3];
    int a = coverage > 255 ? 255 : coverage;
    p[0] = uint8_t((p[0] * (255 - a) + c.r * a + 127) / 255);
    p[1] = uint8_t((p[1] * (255 - a) + c.g * a + 127) / 255);
    p[2] = uint8_t((p[2] * (255 - a) + c.b * a + 127) / 255);
  }
  void fill(int x0, int y0, int x1, int y1, Rgba c) {
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) blend(x, y, c, 255);
  }
};

// Text drawing across font slices: each character comes from the first slice that has it.
class TextPainter {
 public:
  explicit TextPainter(std::vector<Face>& faces) : faces_(faces) {}

  void set_size(float px) {
    px_ = px;
    for (Face& f : faces_) f.scale = stbtt_ScaleForMappingEmToPixels(&f.info, px);
  }

  // The face index and glyph for c, or -1 when no slice has it.
  int find(char32_t c, int* glyph) const {
    for (size_t i = 0; i < faces_.size(); ++i) {
      int g = stbtt_FindGlyphIndex(&faces_[i].info, int(c));
      if (g) {
        *glyph = g;
        return int(i);
      }
    }
    return -1;
  }

  float advance(char32_t c) const {
    int glyph = 0, face = find(c, &glyph);
    if (face < 0) return px_;  // the replacement box is one em wide
    int adv = 0, lsb = 0;
    stbtt_GetGlyphHMetrics(&faces_[size_t(face)].info, glyph, &adv, &lsb);
    return adv * faces_[size_t(face)].scale;
  }

  float width(std::u32string_view s) const {
    float w = 0;
    for (char32_t c : s) w += advance(c);
    return w;
  }

  // Draws s with its baseline at y, starting at x. Returns the number of characters
  // drawn as replacement boxes.
  int draw(Canvas& canvas, std::u32string_view s, float x, int baseline, Rgba color) {
    int missing = 0;
    for (char32_t c : s) {
      int glyph = 0, face = find(c, &glyph);
      if (face < 0) {
        ++missing;
        draw_box(canvas, x, baseline, color);
        x += px_;
        continue;
      }
      const Face& f = faces_[size_t(face)];
      float shift = x - std::floor(x);
      int x0, y0, x1, y1;
      stbtt_GetGlyphBitmapBoxSubpixel(&f.info, glyph, f.scale, f.scale, shift, 0, &x0, &y0, &x1, &y1);
      int gw = x1 - x0, gh = y1 - y0;
      if (gw > 0 && gh > 0) {
        bitmap_.assign(size_t(gw) * gh, 0);
        stbtt_MakeGlyphBitmapSubpixel(&f.info, bitmap_.data(), gw, gh, gw, f.scale, f.scale, shift, 0, glyph);
        int ox = int(std::floor(x)) + x0, oy = baseline + y0;
        for (int yy = 0; yy < gh; ++yy)
          for (int xx = 0; xx < gw; ++xx) canvas.blend(ox + xx, oy + yy, color, bitmap_[size_t(yy) * gw + xx]);
      }
      int adv = 0, lsb = 0;
      stbtt_GetGlyphHMetrics(&f.info, glyph, &adv, &lsb);
      x += adv * f.scale;
    }
    return missing;
  }

 private:
  // A hollow box, like a font's .notdef: says "a character is missing here" visibly.
  void draw_box(Canvas& canvas, float x, int baseline, Rgba color) {
    int stroke = std::max(1, int(px_ / 16));
    int left = int(x + px_ * 0.1f), right = int(x + px_ * 0.9f);
    int top = baseline - int(px_ * 0.8f), bottom = baseline + int(px_ * 0.05f);
    canvas.fill(left, top, right, top + stroke, color);
    canvas.fill(left, bottom - stroke, right, bottom, color);
    canvas.fill(left, top, left + stroke, bottom, color);
    canvas.fill(right - stroke, top, right, bottom, color);
  }

  std::vector<Face>& faces_;
  std::vector<uint8_t> bitmap_;
  float px_ = 16;
};

}  // namespace

FontSliceIndex parse_font_slice_index(std::string_view text, Error* error) {
  FontSliceIndex index;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    size_t space = line.find(' ');
    std::vector<std::pair<char32_t, char32_t>> ranges;
    bool ok = space != std::string_view::npos && space > 0;
    std::string_view spec = ok ? line.substr(space + 1) : std::string_view();
    size_t i = 0;
    long last = -1;  // end of the previous range
    while (ok && i < spec.size()) {
      char32_t gap = 0, extra = 0;
      ok = read_hex(spec, i, &gap);
      if (ok && i < spec.size() && spec[i] == '+') {
        ++i;
        ok = read_hex(spec, i, &extra);
      }
      long a = last + 1 + long(gap), b = a + long(extra);
      ok = ok && b <= 0x10FFFF;
      if (ok) ranges.push_back({char32_t(a), char32_t(b)});
      last = b;
      if (ok && i < spec.size()) ok = spec[i++] == ',' && i < spec.size();
    }
    ok = ok && !ranges.empty();
    if (!ok) {
      if (error)
        *error = {"pw.sharecard.bad_font_index", "font index line " + line_number(line_no),
                  "font index line " + line_number(line_no) + " \"" + std::string(line.substr(0, 60)) +
                      "\" is not \"<file> <ranges>\"; expected e.g. \"share-card-0.otf 20+5e,1fa7\""};
      return index;
    }
    index.files.emplace_back(line.substr(0, space));
    index.ranges.push_back(std::move(ranges));
  }
  return index;
}

std::vector<int> font_slices_for(const FontSliceIndex& index, std::string_view text) {
  std::vector<bool> needed(index.files.size(), false);
  if (!needed.empty()) needed[0] = true;
  for (char32_t c : visible_text(decode_utf8(text))) {
    for (size_t s = 0; s < index.ranges.size(); ++s) {
      bool hit = false;
      for (const auto& r : index.ranges[s])
        if (c >= r.first && c <= r.second) { hit = true; break; }
      if (hit) { needed[s] = true; break; }
    }
  }
  std::vector<int> out;
  for (size_t s = 0; s < needed.size(); ++s)
    if (needed[s]) out.push_back(int(s));
  return out;
}

ShareCard render_share_card(const ShareCardInput& input, const std::vector<FontData>& fonts) {
  ShareCard card;
  if (input.width < 320 || input.width > 2048) {
    card.error = {"pw.sharecard.bad_width", "width",
                  "card width " + line_number(input.width < 0 ? 0 : input.width) +
                      " px is outside 320..2048 px"};
    return card;
  }
  if (fonts.empty()) {
    card.error = {"pw.sharecard.no_font", "fonts", "no font slice was given; expected at least share-card-0"};
    return card;
  }
  std::vector<Face> faces(fonts.size());
  for (size_t i = 0; i < fonts.size(); ++i) {
    const FontData& f = fonts[i];
    // stb_truetype trusts table offsets; check the sfnt header and size before handing
    // it the bytes (a truncated download or an HTML error page must not be parsed).
    bool ok = f.data && f.size >= 12 && is_sfnt(f.data) && f.size <= 0x7fffffff;
    if (ok) {
      int num_tables = f.data[4] << 8 | f.data[5];
      ok = f.size >= size_t(12 + 16 * num_tables);
      for (int t = 0; ok && t < num_tables; ++t) {
        const uint8_t* rec = f.data + 12 + 16 * t;
        uint32_t off = uint32_t(rec[8]) << 24 | rec[9] << 16 | rec[10] << 8 | rec[11];
        uint32_t len = uint32_t(rec[12]) << 24 | rec[13] << 16 | rec[14] << 8 | rec[15];
        ok = size_t(off) + len <= f.size;
      }
    }
    ok = ok && stbtt_InitFont(&faces[i].info, f.data, 0);
    if (!ok) {
      card.error = {"pw.sharecard.bad_font", "fonts[" + line_number(int(i)) + "]",
                    "font slice " + line_number(int(i)) + " (" + line_number(int(f.size)) +
                        " bytes) is not an OpenType or TrueType font; expected a share-card-<n>.otf file"};
      return card;
    }
  }

  const QrCode& code = input.code;
  if (code.size < 21 || code.size > 177 || code.modules.size() != size_t(code.size) * size_t(code.size) ||
      code.quiet_zone < 0 || code.quiet_zone > 16) {
    card.error = {"pw.sharecard.no_code", "code",
                  "the card was given no QR code (size " + line_number(code.size < 0 ? 0 : code.size) +
                      "); expected the code of the page made by the core"};
    return card;
  }
  card.code = code;

  // Layout in px, proportional to the width (720 px: the size phones save at 2x).
  const float u = input.width / 720.0f;
  const int margin = int(48 * u);
  const float content = input.width - 2.0f * margin;
  const float site_px = 26 * u, title_px = 38 * u, caption_px = 28 * u;
  const int title_line = int(title_px * 1.45f), site_line = int(site_px * 1.5f),
            caption_line = int(caption_px * 1.5f);

  TextPainter painter(faces);
  auto layout = [&](const std::string& text, float px, int max_lines) {
    painter.set_size(px);
    return break_lines(visible_text(decode_utf8(text)), content, max_lines,
                       [&](char32_t c) { return painter.advance(c); });
  };
  LineBreakResult site = layout(input.site_name, site_px, 1);
  LineBreakResult title = layout(input.title, title_px, 2);
  LineBreakResult caption = layout(input.caption, caption_px, 2);

  // The code: the largest integer module scale that fits 400 px (at 720 px width) and
  // never below 3 px per module, so phone cameras and decoders resolve it.
  int full = code.full_size();
  int scale = std::max(3, int(400 * u) / full);
  int qr_side = full * scale;
  int width = std::max(input.width, qr_side + 2 * margin);

  int y = margin;
  int site_top = y;
  y += int(site.lines.size()) * site_line;
  if (!site.lines.empty()) y += int(20 * u);
  int title_top = y;
  y += int(title.lines.size()) * title_line;
  if (!title.lines.empty()) y += int(28 * u);
  int qr_top = y;
  y += qr_side;
  int caption_top = y + int(8 * u);
  y = caption_top + int(caption.lines.size()) * caption_line + margin;
  int height = y;

  Canvas canvas(width, height, input.bg);
  // The quiet zone is part of the code's rendering, drawn in bg like the rest.
  int qr_left = (width - qr_side) / 2;
  int q = code.quiet_zone;
  for (int my = 0; my < code.size; ++my)
    for (int mx = 0; mx < code.size; ++mx)
      if (code.dark(mx, my))
        canvas.fill(qr_left + (mx + q) * scale, qr_top + (my + q) * scale,
                    qr_left + (mx + q + 1) * scale, qr_top + (my + q + 1) * scale, input.fg);

  auto draw_lines = [&](const LineBreakResult& r, float px, int top, int line_h, bool centre) {
    painter.set_size(px);
    for (size_t i = 0; i < r.lines.size(); ++i) {
      float w = painter.width(r.lines[i]);
      float x = centre ? (width - w) / 2 : float(margin);
      int baseline = top + int(i) * line_h + int(line_h * 0.5f + px * 0.36f);
      card.missing_glyphs += painter.draw(canvas, r.lines[i], x, baseline, input.fg);
    }
  };
  draw_lines(site, site_px, site_top, site_line, false);
  draw_lines(title, title_px, title_top, title_line, false);
  draw_lines(caption, caption_px, caption_top, caption_line, true);

  card.png = encode_png(canvas.px.data(), width, height, 3);
  card.qr_x = qr_left;
  card.qr_y = qr_top;
  card.qr_scale = scale;
  card.width = width;
  card.height = height;
  return card;
}

}  // namespace pw
