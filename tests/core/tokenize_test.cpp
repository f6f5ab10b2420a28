#include "core/tokenize.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

using Tokens = std::vector<std::string>;

TEST(Tokenize, HanTextBecomesOverlappingBigrams) {
  EXPECT_EQ(tokenize("政府信息公开"), (Tokens{"政府", "府信", "信息", "息公", "公开"}));
  EXPECT_EQ(tokenize("县"), (Tokens{"县"}));
  EXPECT_EQ(tokenize(""), Tokens{});
}

TEST(Tokenize, PunctuationOfAnyWidthSeparates) {
  EXPECT_EQ(tokenize("关于，通知。疫情"), (Tokens{"关于", "通知", "疫情"}));
  EXPECT_EQ(tokenize("《乡村振兴》——工作"), (Tokens{"乡村", "村振", "振兴", "工作"}));
  EXPECT_EQ(tokenize("县\u3000政府"), (Tokens{"县", "政府"}));
}

TEST(Tokenize, MixedScriptsSplitAtScriptBoundaries) {
  EXPECT_EQ(tokenize("2022年5G网络建设"),
            (Tokens{"2022", "年", "5g", "网络", "络建", "建设"}));
  EXPECT_EQ(tokenize("Open Data开放数据"), (Tokens{"open", "data", "开放", "放数", "数据"}));
}

TEST(Tokenize, FullWidthFormsAndCaseFold) {
  EXPECT_EQ(tokenize("ＣＯＶＩＤ－１９"), (Tokens{"covid", "19"}));
  EXPECT_EQ(tokenize("２０２２年"), (Tokens{"2022", "年"}));
  EXPECT_EQ(tokenize("ÉTÉ Straße"), (Tokens{"été", "straße"}));
  EXPECT_EQ(fold_code_point(0xFF21), static_cast<uint32_t>('a'));
  EXPECT_EQ(fold_code_point(0x3000), static_cast<uint32_t>(' '));
}

TEST(Tokenize, KanaAndHangulUseBigramsToo) {
  EXPECT_EQ(tokenize("カタカナ"), (Tokens{"カタ", "タカ", "カナ"}));
  EXPECT_EQ(tokenize("한국어"), (Tokens{"한국", "국어"}));
}

TEST(Tokenize, InvalidBytesSeparateAndLongWordsAreCut) {
  EXPECT_EQ(tokenize("ab\xFF" "cd"), (Tokens{"ab", "cd"}));
  const Tokens long_word = tokenize(std::string(300, 'x'));
  ASSERT_EQ(long_word.size(), 1u);
  EXPECT_EQ(long_word[0].size(), 64u);
}

TEST(Tokenize, MatchKeyIgnoresSpacingPunctuationAndWidth) {
  EXPECT_EQ(match_key("关于 2022 年工作。"), match_key("关于２０２２年工作"));
  EXPECT_EQ(match_key("  《》。"), "");
  EXPECT_NE(match_key("关于工作"), match_key("关于工做"));
}

}  // namespace
}  // namespace pw
