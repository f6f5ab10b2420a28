#include "core/related_html.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

Article article(std::string title, std::string url, std::string date = "") {
  Article a;
  a.title = std::move(title);
  a.url = std::move(url);
  a.date = std::move(date);
  return a;
}

TEST(RelatedListHtml, OneItemPerLineInTheGivenOrder) {
  const Article b = article("防汛物资储备", "https://www.example.gov.cn/art/2.html", "2022-06-17 09:30");
  const Article a = article("关于做好2022年防汛工作的通知", "/art/1.html", "2022-06-18");
  EXPECT_EQ(related_list_html({&b, &a}),
            "<ul class=\"pw-related-list\" data-pw-ranked>\n"
            "<li class=\"pw-related-item\"><a class=\"pw-related-link\" "
            "href=\"https://www.example.gov.cn/art/2.html\">防汛物资储备</a> "
            "<time class=\"pw-related-date\" datetime=\"2022-06-17T09:30\">2022-06-17</time></li>\n"
            "<li class=\"pw-related-item\"><a class=\"pw-related-link\" "
            "href=\"/art/1.html\">关于做好2022年防汛工作的通知</a> "
            "<time class=\"pw-related-date\" datetime=\"2022-06-18\">2022-06-18</time></li>\n"
            "</ul>\n");
}

TEST(RelatedListHtml, EscapesTitlesAndUrlsAndLeavesOutMissingDates) {
  const Article a = article("<script>alert(1)</script> & \"引号\" 'x'",
                            "/v/8.html?q=\"><script>alert(1)</script>&r=1");
  EXPECT_EQ(related_list_html({&a}),
            "<ul class=\"pw-related-list\" data-pw-ranked>\n"
            "<li class=\"pw-related-item\"><a class=\"pw-related-link\" "
            "href=\"/v/8.html?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;r=1\">"
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot; &#39;x&#39;</a></li>\n"
            "</ul>\n");
}

TEST(RelatedListHtml, AnEmptyListIsAnEmptyMarkedList) {
  EXPECT_EQ(related_list_html({}), "<ul class=\"pw-related-list\" data-pw-ranked>\n</ul>\n");
}

}  // namespace
}  // namespace pw
