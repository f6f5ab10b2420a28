// Line breaking for short Chinese/Latin text on the share card.
//
// Rules (the common subset of GB/T 15834 typesetting and CSS line-break: strict):
//  - a line may break between any two CJK characters and at spaces;
//  - no line starts with closing punctuation (，。、；：？！）」』】》… and ASCII ,.;:?!)]} )
//    and none ends with opening punctuation (（「『【《“‘ and ASCII ([{ ): such a character
//    travels with its neighbour to the next line;
//  - Latin words (runs of letters, digits and ASCII symbols) are not split unless a single
//    word is wider than the whole line;
//  - spaces at the edges of a line are dropped;
//  - text that does not fit in max_lines ends with an ellipsis "…" on the last line.
// Widths come from a caller-supplied measure, so the rules are testable without a font.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

// Decodes UTF-8 into code points; each invalid byte becomes U+FFFD. Never fails.
std::u32string decode_utf8(std::string_view text);

// Encodes code points as UTF-8 (code points above U+10FFFF or surrogates become U+FFFD).
std::string encode_utf8(std::u32string_view text);

// The text as drawn: invisible characters that CMS titles often carry are removed
// (format characters such as U+200B zero width space, U+200C/D, U+200E/F and
// U+202A-202E bidi marks, U+2060-206F, U+FEFF, U+00AD soft hyphen, U+FFF9-FFFB,
// tags U+E0000-E007F; variation selectors U+FE00-FE0F and U+E0100-E01EF; C0 and C1
// controls other than white space), and U+2028/U+2029 line and paragraph separators
// become spaces. Without this a font without glyphs for them draws replacement boxes.
std::u32string visible_text(std::u32string_view text);

// True for characters that must not start a line (closing punctuation, small kana...).
bool is_line_start_prohibited(char32_t c);
// True for characters that must not end a line (opening brackets and quotes).
bool is_line_end_prohibited(char32_t c);
// True for ideographs, kana, hangul, CJK punctuation and full-width forms: characters
// between which a line may break.
bool is_cjk_breakable(char32_t c);

struct LineBreakResult {
  std::vector<std::u32string> lines;  // at most max_lines; the last ends with U+2026 when cut
  bool truncated = false;             // the text did not fit and was cut
};

// Breaks `text` into lines no wider than `max_width` (same unit as `advance`, e.g. px),
// at most `max_lines` (>= 1) lines. `advance(c)` gives a character's advance width (>= 0).
// Newlines in the text are treated as spaces (titles are one paragraph). An empty or
// all-space text gives no lines. A max_width too narrow for even one character still
// puts one character per line (the result may then exceed max_width).
LineBreakResult break_lines(std::u32string_view text, float max_width, int max_lines,
                            const std::function<float(char32_t)>& advance);

}  // namespace pw
