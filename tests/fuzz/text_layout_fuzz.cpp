// Title layout for the share card (core/text_layout.h). Line 1: "max_width
// max_lines" (numbers); the rest is the title as UTF-8. Advances: CJK and
// full-width characters 2, others 1, as the monospace measure of
// text_layout_test.cpp. Invariants: at most max_lines lines, none empty, no
// line wider than max_width unless it holds a single character.
#include "core/text_layout.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> f = pw::fuzz::lines(data, size, 2);
  std::vector<std::string_view> words = pw::fuzz::split(f[0], ' ');
  words.resize(2);
  using pw::fuzz::number;
  const float max_width = float(number(words[0], 20));
  const int max_lines = std::max(1, number(words[1], 2));
  const std::u32string text = pw::visible_text(pw::decode_utf8(f[1]));
  auto advance = [](char32_t c) { return pw::is_cjk_breakable(c) ? 2.0f : 1.0f; };
  const pw::LineBreakResult result = pw::break_lines(text, max_width, max_lines, advance);
  if (result.lines.size() > size_t(max_lines)) pw::fuzz::fail("more lines than max_lines");
  for (const std::u32string& line : result.lines) {
    if (line.empty()) pw::fuzz::fail("an empty line");
    float width = 0;
    for (char32_t c : line) width += advance(c);
    if (line.size() > 1 && width > max_width) pw::fuzz::fail("a line wider than max_width");
  }
  pw::encode_utf8(text);
  return 0;
}
