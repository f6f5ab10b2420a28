#include "core/related.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

RelatedRequest request(std::string_view feed) {
  RelatedRequest r;
  r.feed = feed;
  r.feed_url = "https://www.example.gov.cn/feeds/col.json";
  r.title = "防汛工作部署会议";
  r.keywords = "防汛，应急";
  r.column = "工作动态";
  r.page_url = "https://www.example.gov.cn/art/current.html";
  r.today = "2022-06-18";
  return r;
}

TEST(Related, ListJson) {
  const std::string feed = R"J({"version":1,"articles":[
    {"title":"防汛应急预案","url":"/art/1.html","date":"2022-06-17"},
    {"title":"bad","url":"javascript:alert(1)"},
    {"title":"<b>植树</b>","url":"/art/3.html#x","date":"2022-01-02 09:00"}]})J";
  EXPECT_EQ(related_list_json(request(feed)),
            R"J({"ok":true,"items":[)J"
            R"J({"title":"防汛应急预案","url":"https://www.example.gov.cn/art/1.html","date":"2022-06-17","new":true,"pinned":false},)J"
            R"J({"title":"\u003cb\u003e植树\u003c/b\u003e","url":"https://www.example.gov.cn/art/3.html#x","date":"2022-01-02 09:00","new":false,"pinned":false}],)J"
            R"J("skipped":1,"errors":[{"id":"pw.related.bad_url_scheme","source":"articles[1].url",)J"
            R"J("message":"articles[1].url: \"javascript:alert(1)\" uses the \"javascript\" scheme; expected an http(s) URL or a relative URL"}]})J");
}

TEST(Related, DebugAddsScores) {
  RelatedRequest r = request(R"J([{"title":"防汛","url":"/a"}])J");
  r.debug = true;
  const std::string json = related_list_json(r);
  EXPECT_NE(json.find("\"score\":"), std::string::npos) << json;
}

TEST(Related, RejectedDocumentKeepsOneError) {
  EXPECT_EQ(related_list_json(request("<!doctype html>")).substr(0, 52),
            R"J({"ok":false,"error":{"id":"pw.related.not_json","sou)J");
}

TEST(Related, BadAttributesFallBackToDefaults) {
  Errors errors;
  RankOptions o = related_options("0", "newest", "-1", &errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].id, "pw.related.bad_limit");
  EXPECT_EQ(errors[0].source, "limit");
  EXPECT_EQ(errors[0].message, "limit=\"0\" is not a whole number from 1 to 100; using 8");
  EXPECT_EQ(errors[1].id, "pw.related.bad_sort");
  EXPECT_EQ(errors[2].id, "pw.related.bad_days_new");
  EXPECT_EQ(o.limit, 8u);
  EXPECT_EQ(o.sort, SortOrder::kRelevance);
  EXPECT_EQ(o.days_new, 3);

  errors.clear();
  o = related_options(" 12 ", "date", "7", &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(o.limit, 12u);
  EXPECT_EQ(o.sort, SortOrder::kDate);
  EXPECT_EQ(o.days_new, 7);
  related_options("101", "", "366", &errors);
  EXPECT_EQ(errors.size(), 2u);
  errors.clear();
  related_options("", "", "", &errors);
  EXPECT_TRUE(errors.empty());
}

TEST(Related, LimitApplies) {
  std::string feed = "[";
  for (int k = 0; k < 20; ++k) {
    feed += std::string(k ? "," : "") + "{\"title\":\"文章" + std::to_string(k) + "\",\"url\":\"/" +
            std::to_string(k) + "\"}";
  }
  feed += "]";
  RelatedRequest r = request(feed);
  r.limit = "3";
  const std::string json = related_list_json(r);
  size_t count = 0;
  for (size_t at = json.find("\"title\""); at != std::string::npos; at = json.find("\"title\"", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u) << json;
}

TEST(Related, AnAssociationTableRelatesArticlesSharingNoCharacter) {
  const std::string feed = R"J({"version":1,"articles":[
    {"title":"三防指挥部召开会议","url":"/art/1.html","date":"2022-06-17"},
    {"title":"植树造林活动","url":"/art/2.html","date":"2022-06-16"}]})J";
  RelatedRequest r = request(feed);
  r.title = "防御台风";
  r.keywords = "";
  r.column = "";
  r.limit = "1";
  const std::string plain = related_list_json(r);  // nothing shared: newest first
  EXPECT_NE(plain.find("/art/1.html"), std::string::npos);
  r.today = "";
  r.sort = "";
  // With the table, 三防 is found through 台风 (and 植树 stays unrelated).
  const std::string table = "pw-assoc 1\n台风\t三防 60\n";
  r.assoc = table;
  r.debug = true;
  const std::string with = related_list_json(r);
  EXPECT_NE(with.find(R"("url":"https://www.example.gov.cn/art/1.html")"), std::string::npos) << with;
  EXPECT_EQ(with.find(R"("score":0,)"), std::string::npos) << with;  // a real match, not a fill
  EXPECT_NE(with.find(R"("errors":[])"), std::string::npos) << with;
}

TEST(Related, AMalformedAssociationTableIsReportedAndIgnored) {
  const std::string feed = R"J({"version":1,"articles":[
    {"title":"防汛应急预案","url":"/art/1.html","date":"2022-06-17"}]})J";
  RelatedRequest r = request(feed);
  const std::string without = related_list_json(r);
  r.assoc = "<!doctype html><title>404</title>";
  const std::string with = related_list_json(r);
  // Same list, plus one error naming the table and what was expected.
  EXPECT_NE(with.find(R"("items":[{"title":"防汛应急预案")"), std::string::npos) << with;
  EXPECT_EQ(with.substr(0, with.find("\"errors\"")), without.substr(0, without.find("\"errors\"")));
  EXPECT_NE(with.find(R"({"id":"pw.related.bad_assoc","source":"assoc","message":"line 1 of the association table: starts with \"\u003c!doctype html\u003e\u003ctitl…\"; expected the header \"pw-assoc 1\"; the list is ranked without it"})"),
            std::string::npos) << with;
}

}  // namespace
}  // namespace pw
