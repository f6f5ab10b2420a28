#include "core/utf8.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pw
