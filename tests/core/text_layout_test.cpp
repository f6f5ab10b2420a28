// core/text_layout: UTF-8 round trips and Chinese line breaking rules.
#include "core/text_layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

// A monospace measure: CJK and full-width characters are 2 units, everything else 1.
float mono(char32_t c) {
  return (pw::is_cjk_breakable(c) || c == U'…') ? 2.0f : 1.0f;
}

std::vector<std::string> lines_of(const std::string& text, float width, int max_lines,
                                  bool* truncated = nullptr) {
  pw::LineBreakResult r = pw::break_lines(pw::decode_utf8(text), width, max_lines, mono);
  if (truncated) *truncated = r.truncated;
  std::vector<std::string> out;
  for (const auto& l : r.lines) out.push_back(pw::encode_utf8(l));
  return out;
}

using Lines = std::vector<std::string>;

TEST(TextLayoutUtf8, RoundTripsAndReplacesInvalidBytes) {
  std::string s = "政务公开 A1 😀";
  EXPECT_EQ(pw::encode_utf8(pw::decode_utf8(s)), s);
  EXPECT_EQ(pw::decode_utf8("a\xff" "b"), std::u32string(U"a\uFFFDb"));
  EXPECT_EQ(pw::decode_utf8("\xe4\xb8"), std::u32string(U"\uFFFD\uFFFD"));  // truncated sequence
  EXPECT_EQ(pw::decode_utf8("\xc0\xaf"), std::u32string(U"\uFFFD\uFFFD"));  // overlong
  EXPECT_EQ(pw::encode_utf8(std::u32string(1, char32_t(0xD800))), "\xEF\xBF\xBD");
}

TEST(TextLayoutUtf8, VisibleTextDropsInvisibleCharacters) {
  // What CMS titles carry: zero width space, BOM, bidi marks and embeddings, word
  // joiner, soft hyphen, a variation selector, a stray control character.
  EXPECT_EQ(pw::visible_text(pw::decode_utf8("\u901a\u77e5\u200b\ufeff\u200e\u200f\u202a\u202e\u2060\u00ad\ufe0f\x01")),
            std::u32string(U"\u901a\u77e5"));
  // Line and paragraph separators, like newlines, become spaces (titles are one paragraph).
  EXPECT_EQ(pw::visible_text(U"a\u2028b\u2029c\nd\te"), std::u32string(U"a b c\nd\te"));
  // Every other separator draws as a space, so the words either side stay apart
  // (vertical tab, NEL, the typographic spaces), as related titles read them.
  EXPECT_EQ(pw::visible_text(U"a\vb\u0085c\u2003d\u202Fe\u205Ff"), std::u32string(U"a b c d e f"));
  // Joiners draw nothing on the card (no shaping), unlike in a browser.
  EXPECT_EQ(pw::visible_text(U"a\u200Cb\u200Dc"), std::u32string(U"abc"));
  // Visible neighbours are kept: punctuation, ideographic space, the ellipsis, emoji.
  const std::u32string kept = U"\u2014\u2026\u3000\u201c\u00a0\U0001F600\U00020000";
  EXPECT_EQ(pw::visible_text(kept), kept);
}

TEST(LineBreak, BreaksBetweenAnyTwoHanzi) {
  EXPECT_EQ(lines_of("关于印发政务公开工作要点的通知", 10, 5),
            (Lines{"关于印发政", "务公开工作", "要点的通知"}));
}

TEST(LineBreak, ClosingPunctuationNeverStartsALine) {
  // "四" travels with "，" to the second line rather than leaving "，" at its start.
  EXPECT_EQ(lines_of("一二三四，五六", 8, 3), (Lines{"一二三", "四，五六"}));
  EXPECT_EQ(lines_of("一二三四。」五", 8, 3), (Lines{"一二三", "四。」五"}));
  EXPECT_EQ(lines_of("一二三四、五六七八", 8, 3), (Lines{"一二三", "四、五六", "七八"}));
}

TEST(LineBreak, OpeningPunctuationNeverEndsALine) {
  EXPECT_EQ(lines_of("一二三《四五》六", 8, 3), (Lines{"一二三", "《四五》", "六"}));
  EXPECT_EQ(lines_of("一二三“四”", 8, 3), (Lines{"一二三", "“四”"}));
}

TEST(LineBreak, LatinWordsAreNotSplit) {
  EXPECT_EQ(lines_of("下载PDF文件", 8, 3), (Lines{"下载PDF", "文件"}));
  EXPECT_EQ(lines_of("2024年工作要点", 8, 3), (Lines{"2024年工", "作要点"}));
  EXPECT_EQ(lines_of("第12345号文件", 6, 3), (Lines{"第", "12345", "号文件"}));
  EXPECT_EQ(lines_of("open data portal", 10, 3), (Lines{"open data", "portal"}));
  // Only a word wider than the line itself is split.
  EXPECT_EQ(lines_of("abcdefghijkl", 5, 3), (Lines{"abcde", "fghij", "kl"}));
}

TEST(LineBreak, SpacesAtLineEdgesAreDropped) {
  EXPECT_EQ(lines_of("  alpha   beta  ", 5, 3), (Lines{"alpha", "beta"}));
  EXPECT_EQ(lines_of("a\nb", 10, 3), (Lines{"a b"}));
  EXPECT_TRUE(lines_of("   ", 10, 3).empty());
  EXPECT_TRUE(lines_of("", 10, 3).empty());
}

TEST(LineBreak, CutTextEndsWithAnEllipsis) {
  bool truncated = false;
  EXPECT_EQ(lines_of("关于印发政务公开工作要点的通知", 10, 2, &truncated), (Lines{"关于印发政", "务公开工…"}));
  EXPECT_TRUE(truncated);
  EXPECT_EQ(lines_of("关于印发政务公开", 10, 2, &truncated), (Lines{"关于印发政", "务公开"}));
  EXPECT_FALSE(truncated);
  // No ellipsis right after a pause mark or an opening bracket.
  EXPECT_EQ(lines_of("一二三四五六七，八九十", 8, 2, &truncated), (Lines{"一二三四", "五六七…"}));
  EXPECT_EQ(lines_of("一二三四五六《七八》", 8, 2, &truncated), (Lines{"一二三四", "五六…"}));
}

TEST(LineBreak, EveryLineFitsTheWidth) {
  const std::string title = "某某县人民政府办公室关于印发《某某县2024年政务公开工作要点》的通知（Notice No. 12）";
  for (float width = 6; width <= 40; width += 1) {
    pw::LineBreakResult r = pw::break_lines(pw::decode_utf8(title), width, 100, mono);
    std::u32string joined;
    for (const auto& l : r.lines) {
      float w = 0;
      for (char32_t c : l) w += mono(c);
      EXPECT_LE(w, width) << pw::encode_utf8(l);
      EXPECT_FALSE(pw::is_line_start_prohibited(l.front())) << pw::encode_utf8(l);
      EXPECT_FALSE(pw::is_line_end_prohibited(l.back())) << pw::encode_utf8(l);
      for (char32_t c : l)
        if (c != U' ') joined += c;
    }
    // Nothing lost or duplicated (spaces aside).
    std::u32string expected;
    for (char32_t c : pw::decode_utf8(title))
      if (c != U' ') expected += c;
    EXPECT_EQ(pw::encode_utf8(joined), pw::encode_utf8(expected)) << width;
  }
}

TEST(LineBreak, NarrowerThanOneCharacterStillProgresses) {
  EXPECT_EQ(lines_of("一二", 1, 5), (Lines{"一", "二"}));
}

}  // namespace
