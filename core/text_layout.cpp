#include "core/text_layout.h"

#include "core/utf8.h"

namespace pw {
namespace {

const char32_t kEllipsis = 0x2026;
const char32_t kReplacement = 0xFFFD;

// An unbreakable group of characters (a CJK character with its glued punctuation, a
// Latin word) or a single space (a break opportunity).
struct Segment {
  std::u32string text;
  bool space = false;
};

float width_of(std::u32string_view s, const std::function<float(char32_t)>& advance) {
  float w = 0;
  for (char32_t c : s) w += advance(c);
  return w;
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  size_t i = 0, n = text.size();
  while (i < n) {
    unsigned c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) { out += char32_t(c); ++i; continue; }
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 0) : c >= 0xC2 ? 2 : 0;
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = len > 0 && i + len <= n;
    for (int k = 1; ok && k < len; ++k) {
      unsigned cc = static_cast<unsigned char>(text[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    ok = ok && !(len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) &&
         !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    if (ok) { out += cp; i += len; }
    else { out += kReplacement; ++i; }
  }
  return out;
}

std::u32string visible_text(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (is_text_space(c)) {
      out += is_space(c) ? c : U' ';  // the layout breaks at is_space(); the others draw as a space
      continue;
    }
    if (is_invisible_control(c)) continue;
    // The card draws glyph by glyph, without shaping: joiners, the soft
    // hyphen, other format characters and variation selectors would only
    // draw as boxes. (Related titles keep them: the browser shapes those.)
    const bool format = c == 0xAD || c == 0x180E || c == 0x200C || c == 0x200D || (c >= 0x2060 && c <= 0x206F) ||
                        (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F);
    const bool selector = (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    if (!format && !selector) out += c;
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_line_start_prohibited(char32_t c) {
  static const char32_t kClosing[] = U"，。、；：？！）」』】》〉〕〗〙〛｝］”’…‥·・ー"
                                     U"ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻"
                                     U"％‰℃°′″,.;:?!)]}%";
  for (char32_t k : kClosing)
    if (k && c == k) return true;
  return c == 0xFF0E /* ． */ || c == 0x2014 /* — */;
}

bool is_line_end_prohibited(char32_t c) {
  static const char32_t kOpening[] = U"（「『【《〈〔〖〘〚｛［“‘([{￥＄$£¥";
  for (char32_t k : kOpening)
    if (k && c == k) return true;
  return false;
}

bool is_cjk_breakable(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||   // radicals
         (c >= 0x3000 && c <= 0x303F) ||   // CJK symbols and punctuation
         (c >= 0x3040 && c <= 0x30FF) ||   // kana
         (c >= 0x3100 && c <= 0x31BF) ||   // bopomofo
         (c >= 0x3400 && c <= 0x4DBF) ||   // extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||   // unified ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||   // hangul
         (c >= 0xF900 && c <= 0xFAFF) ||   // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||   // vertical/compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||   // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF) || // supplementary ideographs
         c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D || c == 0x2018 ||
         c == 0x2019 || c == 0x00B7;
}

LineBreakResult break_lines(std::u32string_view text, float max_width, int max_lines,
                            const std::function<float(char32_t)>& advance) {
  LineBreakResult result;
  if (max_lines < 1) max_lines = 1;

  // 1. Atoms: one CJK character, one Latin word, or one (collapsed) space.
  std::vector<Segment> atoms;
  for (size_t i = 0; i < text.size();) {
    char32_t c = text[i];
    if (is_space(c)) {
      while (i < text.size() && is_space(text[i])) ++i;
      atoms.push_back({U" ", true});
    } else if (is_cjk_breakable(c)) {
      atoms.push_back({std::u32string(1, c), false});
      ++i;
    } else {
      size_t start = i;
      while (i < text.size() && !is_space(text[i]) && !is_cjk_breakable(text[i])) ++i;
      atoms.push_back({std::u32string(text.substr(start, i - start)), false});
    }
  }

  // 2. Segments: glue closing punctuation to what precedes it and opening punctuation
  //    to what follows it, so no break can separate them.
  std::vector<Segment> segs;
  for (const Segment& a : atoms) {
    bool glue = false;
    if (!a.space && !segs.empty() && !segs.back().space) {
      glue = is_line_start_prohibited(a.text.front()) ||
             is_line_end_prohibited(segs.back().text.back());
    }
    if (glue) segs.back().text += a.text;
    else segs.push_back(a);
  }

  // 3. Greedy fill. A segment wider than a whole line is split by characters.
  std::vector<std::u32string> lines;
  std::u32string line;
  float line_w = 0, space_w = advance(U' ');
  bool pending_space = false;
  for (size_t s = 0; s < segs.size(); ++s) {
    const Segment& seg = segs[s];
    if (seg.space) {
      pending_space = !line.empty();
      continue;
    }
    float w = width_of(seg.text, advance);
    float extra = pending_space ? space_w : 0;
    if (line_w + extra + w <= max_width) {
      if (pending_space) line += U' ';
      line += seg.text;
      line_w += extra + w;
      pending_space = false;
      continue;
    }
    if (!line.empty()) {
      lines.push_back(line);
      line.clear();
      line_w = 0;
      pending_space = false;
    }
    if (w <= max_width) {
      line = seg.text;
      line_w = w;
      continue;
    }
    // Too wide for any line: fill lines character by character (at least one each).
    for (char32_t c : seg.text) {
      float cw = advance(c);
      if (!line.empty() && line_w + cw > max_width) {
        lines.push_back(line);
        line.clear();
        line_w = 0;
      }
      line += c;
      line_w += cw;
    }
  }
  if (!line.empty()) lines.push_back(line);

  // 4. Cut to max_lines, ending the last line with an ellipsis that fits.
  if (static_cast<int>(lines.size()) > max_lines) {
    result.truncated = true;
    lines.resize(size_t(max_lines));
    std::u32string& last = lines.back();
    float ell = advance(kEllipsis);
    while (!last.empty() && width_of(last, advance) + ell > max_width) last.pop_back();
    // No ellipsis after a space, an opening bracket or a pause mark ("关于，…" reads badly).
    while (!last.empty() && (is_space(last.back()) || is_line_end_prohibited(last.back()) ||
                             last.back() == U'，' || last.back() == U'、' || last.back() == U'；' ||
                             last.back() == U'：' || last.back() == U','))
      last.pop_back();
    last += kEllipsis;
  }
  result.lines = std::move(lines);
  return result;
}

}  // namespace pw
