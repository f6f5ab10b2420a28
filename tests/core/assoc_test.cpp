#include "core/assoc.h"

#include <gtest/gtest.h>

#include <functional>

#include "core/rank.h"

namespace pw {
namespace {

Article article(const std::string& title, const std::string& summary = "",
                const std::string& text = "") {
  Article a;
  a.title = title;
  a.summary = summary;
  a.text = text;
  a.url = "https://www.example.gov.cn/" + std::to_string(std::hash<std::string>()(title)) + ".html";
  return a;
}

// Placeholder site: typhoon stories name 三防 in their summaries or bodies,
// fishery stories name 避风; the other stories are about other things.
std::vector<Article> site() {
  std::vector<Article> articles = {
      article("防御台风工作部署", "县三防办部署防御措施。"),
      article("台风过境道路抢通", "三防指挥部调度抢修。"),
      article("台风影响期间转移群众", "", "三防办连夜部署。群众安全转移。道路通畅。"),
      article("渔船回港", "渔船全部回港避风。"),
      article("休渔期渔船检查", "", "检查渔船。提醒避风。"),
      article("春耕生产", "早稻播种。"),
      article("植树造林", "新增造林面积。"),
      article("学校开学", "学生返校。"),
      article("医保缴费", "居民医保开始缴费。"),
      article("公交线路调整", "新开通公交线路。"),
      article("税收宣传月", "税务干部进企业。"),
      article("文明城市创建", "志愿服务活动。"),
  };
  return articles;
}

float weight(const Associations& a, const std::string& from, const std::string& to) {
  const auto it = a.links.find(from);
  if (it == a.links.end()) return 0;
  for (const auto& p : it->second) {
    if (p.first == to) return p.second;
  }
  return 0;
}

TEST(Assoc, LinksTermsOfOneTopicThatShareNoCharacter) {
  const Associations a = learn_associations(site(), AssocOptions());
  EXPECT_GT(weight(a, "台风", "三防"), 0.25f);
  EXPECT_GT(weight(a, "三防", "台风"), 0.25f);  // both directions
  EXPECT_GT(weight(a, "渔船", "避风"), 0.25f);
  EXPECT_EQ(weight(a, "台风", "渔船"), 0.0f);   // never together
  EXPECT_EQ(weight(a, "台风", "风过"), 0.0f);   // shares 风: already matches
}

TEST(Assoc, SameTableForAnyNumberOfShards) {
  AssocOptions one, four, runner;
  four.shards = 4;
  // A runner that runs the shards in reverse order, as threads may finish.
  runner.shards = 3;
  unsigned calls = 0;
  runner.run_shards = [&](unsigned count, const std::function<void(unsigned)>& work) {
    ++calls;
    for (unsigned s = count; s-- > 0;) work(s);
  };
  const std::string expected = write_associations(learn_associations(site(), one));
  EXPECT_EQ(expected, write_associations(learn_associations(site(), four)));
  EXPECT_EQ(expected, write_associations(learn_associations(site(), runner)));
  EXPECT_EQ(calls, 2u);  // body windows, then pair counts
}

TEST(Assoc, WritesAndParsesTheTextTable) {
  Associations a;
  a.links["台风"] = {{"三防", 0.62f}, {"防汛", 0.481f}};
  a.links["渔船"] = {{"避风", 1.0f}};
  const std::string text = write_associations(a);
  EXPECT_EQ(text, "pw-assoc 1\n台风\t三防 62\t防汛 48\n渔船\t避风 100\n");
  Associations back;
  Error error;
  ASSERT_TRUE(parse_associations(text, &back, &error));
  EXPECT_FLOAT_EQ(weight(back, "台风", "防汛"), 0.48f);
  EXPECT_FLOAT_EQ(weight(back, "渔船", "避风"), 1.0f);
  // CRLF line ends and blank lines are accepted.
  ASSERT_TRUE(parse_associations("pw-assoc 1\r\n\r\n台风\t三防 5\r\n", &back, &error));
  EXPECT_FLOAT_EQ(weight(back, "台风", "三防"), 0.05f);
}

TEST(Assoc, MalformedTablesAreRefusedWithLineAndExpectation) {
  struct Case {
    std::string text;
    std::string message_part;
  };
  const Case cases[] = {
      {"", "is empty; expected the header \"pw-assoc 1\""},
      {"{\"version\":1}", "line 1 of the association table: starts with"},
      {"pw-assoc 2\n", "expected the header \"pw-assoc 1\""},
      {"pw-assoc 1\n台风\n", "line 2 of the association table: has no partners"},
      {"pw-assoc 1\n台风\t三防\n", "expected a term, a space and a whole-percent weight 1–100"},
      {"pw-assoc 1\n台风\t三防 0\n", "line 2"},
      {"pw-assoc 1\n台风\t三防 101\n", "line 2"},
      {"pw-assoc 1\n台风\t三防 5x\n", "line 2"},
      {"pw-assoc 1\n\t三防 5\n", "has no valid term"},
      {"pw-assoc 1\n台风\t三防 5\n渔船\t避风 9\n台风\t防汛 3\n", "line 4 of the association table: repeats the term"},
      {"pw-assoc 1\n\xff\t三防 5\n", "is not UTF-8"},
      {"pw-assoc 1\n" + std::string(70, 'a') + "\tb 5\n", "has no valid term"},
      {"pw-assoc 1\n=\t台风 50\t三防 50\n", "line 2 of the association table: has no valid term"},
      {"pw-assoc 1\n台风\t=flood 50\n", "line 2 of the association table: has \"=flood 50\"; expected a term"},
      {"pw-assoc 1\n=flood\t台风 50\t=x 50\n", "has \"=x 50\""},
      {"pw-assoc 1\n=flood\t台风 50\n=flood\t三防 50\n", "line 3 of the association table: repeats the term"},
  };
  for (const Case& c : cases) {
    Associations out;
    out.links["stale"] = {{"x", 1.0f}};
    Error error;
    EXPECT_FALSE(parse_associations(c.text, &out, &error)) << c.text;
    EXPECT_EQ(error.id, "pw.related.bad_assoc") << c.text;
    EXPECT_EQ(error.source, "assoc");
    EXPECT_NE(error.message.find(c.message_part), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("ranked without it"), std::string::npos) << error.message;
    EXPECT_TRUE(out.links.empty()) << c.text;  // nothing half-read
  }
  Associations out;
  Error error;
  EXPECT_FALSE(parse_associations("pw-assoc 1\n台风\t三防 5\n", &out, &error, 10));
  EXPECT_NE(error.message.find("expected at most 10"), std::string::npos) << error.message;
}

TEST(Assoc, GroupLinesLinkEveryTwoMembersThroughTheGroup) {
  const std::string text = "pw-assoc 1\n=flood\t台风 100\t三防 80\t安全 40\n台风\t渔船 30\n";
  Associations a;
  Error error;
  ASSERT_TRUE(parse_associations(text, &a, &error)) << error.message;
  ASSERT_EQ(a.links.at("=flood").size(), 3u);
  EXPECT_FLOAT_EQ(weight(a, "=flood", "三防"), 0.8f);
  // Each member names the group with its weight; a term's own line keeps its partners.
  EXPECT_FLOAT_EQ(weight(a, "三防", "=flood"), 0.8f);
  EXPECT_FLOAT_EQ(weight(a, "安全", "=flood"), 0.4f);
  EXPECT_FLOAT_EQ(weight(a, "台风", "=flood"), 1.0f);
  EXPECT_FLOAT_EQ(weight(a, "台风", "渔船"), 0.3f);
  // Written back: the group's line once, the members' links to it implied.
  EXPECT_EQ(write_associations(a), text);
}

TEST(Assoc, RankingWithAGroupFindsItsMembersAtTheProductOfTheirWeights) {
  std::vector<Article> feed = {article("三防指挥部召开会议"), article("安全生产大检查"),
                               article("植树造林活动"), article("学校开学")};
  Associations groups;
  Error error;
  ASSERT_TRUE(parse_associations("pw-assoc 1\n=flood\t台风 100\t三防 80\t安全 40\n", &groups, &error));
  RankOptions options;
  options.include_unrelated = false;
  RankScratch scratch;
  const RelatedIndex index(feed, 0.5, &groups);
  const auto list = index.related(CurrentArticle{"防御台风", {}, "", ""}, options, &scratch);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].article, 0u);  // 三防 at 0.8
  EXPECT_EQ(list[1].article, 1u);  // 安全 at 0.4
  EXPECT_GT(list[0].score, list[1].score);
  // Without the group, nothing shares a word with the query.
  EXPECT_TRUE(RelatedIndex(feed).related(CurrentArticle{"防御台风", {}, "", ""}, options, &scratch).empty());
}

TEST(Assoc, RankingWithAssociationsFindsArticlesSharingNoCharacter) {
  std::vector<Article> feed = {article("台风过境后抢修道路"), article("三防指挥部召开会议"),
                               article("植树造林活动"), article("学校开学")};
  RankOptions options;
  options.include_unrelated = false;
  RankScratch scratch;
  const CurrentArticle current{"防御台风", {}, "", ""};
  const RelatedIndex plain(feed);
  const auto without = plain.related(current, options, &scratch);
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].article, 0u);
  Associations links;
  links.links["台风"] = {{"三防", 0.6f}};
  const RelatedIndex expanded(feed, 0.5, &links);
  const auto with = expanded.related(current, options, &scratch);
  ASSERT_EQ(with.size(), 2u);
  EXPECT_EQ(with[0].article, 0u);  // a shared word still ranks first
  EXPECT_EQ(with[1].article, 1u);
  EXPECT_LT(with[1].score, with[0].score);
}

}  // namespace
}  // namespace pw
