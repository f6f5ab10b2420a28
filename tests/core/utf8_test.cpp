#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace pw {
namespace {

TEST(Utf8, DecodesAndEncodesRoundTrip) {
  const std::string text = "a中\U0001F600é";
  std::string out;
  for (size_t i = 0; i < text.size();) append_utf8(out, next_code_point(text, &i));
  EXPECT_EQ(out, text);
  EXPECT_EQ(code_point_count(text), 4u);
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("中文 ok \xEF\xBF\xBD"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\x80"));
}

TEST(Utf8, HanAndSpaces) {
  EXPECT_TRUE(is_han(0x4E2D));
  EXPECT_TRUE(is_han(0x20000));
  EXPECT_FALSE(is_han(0x3002));  // 。
  EXPECT_FALSE(is_han('A'));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_EQ(trim("\u3000 中 文\t\n"), "中 文");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(ascii_lower("ABC中"), "abc中");
}

// One classification for titles in related lists and on the share card.
TEST(Utf8, TextSpacesAndInvisibleControls) {
  for (uint32_t cp : {0x20u, 0x09u, 0x0Au, 0x0Bu, 0x0Cu, 0x0Du, 0x85u, 0xA0u, 0x2000u, 0x200Au, 0x2028u, 0x2029u,
                      0x202Fu, 0x205Fu, 0x3000u}) {
    EXPECT_TRUE(is_text_space(cp)) << std::hex << cp;
    EXPECT_FALSE(is_invisible_control(cp)) << std::hex << cp;
  }
  for (uint32_t cp : {0x00u, 0x01u, 0x1Fu, 0x7Fu, 0x80u, 0x9Fu, 0x061Cu, 0x200Bu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Eu,
                      0x2066u, 0x2069u, 0xFEFFu}) {
    EXPECT_TRUE(is_invisible_control(cp)) << std::hex << cp;
    EXPECT_FALSE(is_text_space(cp)) << std::hex << cp;
  }
  for (uint32_t cp : {0x41u, 0x4E2Du, 0x3002u, 0x2026u, 0x00ADu, 0x200Du, 0xFE0Fu, 0x1F600u}) {
    EXPECT_FALSE(is_text_space(cp)) << std::hex << cp;
    EXPECT_FALSE(is_invisible_control(cp)) << std::hex << cp;
  }
}

// The message builders: parts joined in order, integers in plain decimal.
TEST(Utf8, ConcatAndDecimal) {
  EXPECT_EQ(concat({}), "");
  EXPECT_EQ(concat({"size=\"", std::string("12x"), "\" is ", std::string_view("bad", 2), ""}), "size=\"12x\" is ba");
  EXPECT_EQ(concat({"中", "文"}), "中文");
  const std::string long_part(1000, 'a');
  EXPECT_EQ(concat({long_part, "b"}).size(), 1001u);
  EXPECT_EQ(decimal(0), "0");
  EXPECT_EQ(decimal(7), "7");
  EXPECT_EQ(decimal(-12), "-12");
  EXPECT_EQ(decimal(1234567890123LL), "1234567890123");
  EXPECT_EQ(decimal(INT64_MAX), "9223372036854775807");
  EXPECT_EQ(decimal(INT64_MIN), "-9223372036854775808");
}

TEST(Utf8, NextLineSplitsOnLineFeedsAndDropsACarriageReturn) {
  const std::string_view text = "a\r\n\nb\r\r\nc\nlast";
  std::vector<std::string_view> lines;
  for (size_t at = 0; at < text.size();) lines.push_back(next_line(text, &at));
  EXPECT_EQ(lines, (std::vector<std::string_view>{"a", "", "b\r", "c", "last"}));
}

}  // namespace
}  // namespace pw
