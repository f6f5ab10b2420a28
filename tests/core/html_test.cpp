#include "core/html.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

std::string escaped(std::string_view text) {
  std::string out = "[";
  append_html_escaped(out, text);
  return out;
}

TEST(HtmlEscape, WritesTheFiveMarkupCharactersAsReferences) {
  EXPECT_EQ(escaped(R"(<a href="x" title='y'>&amp;</a>)"),
            "[&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
}

TEST(HtmlEscape, CopiesEverythingElseAndAppends) {
  EXPECT_EQ(escaped("关于做好2022年防汛工作的通知 /a?b=1;c"), "[关于做好2022年防汛工作的通知 /a?b=1;c");
  EXPECT_EQ(escaped(""), "[");
}

}  // namespace
}  // namespace pw
