#include "core/rank.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace pw {
namespace {

const char kBase[] = "https://www.example.gov.cn/col/col12/";

// A fixed feed (placeholder text written for the tests).
const char kFeed[] = R"J({"version":1,"articles":[
  {"title":"关于做好2022年防汛工作的通知","url":"art_1.html","date":"2022-06-01","column":"通知公告"},
  {"title":"县政府召开防汛抗旱工作会议","url":"art_2.html","date":"2022-05-20","column":"工作动态"},
  {"title":"春季植树造林活动顺利开展","url":"art_3.html","date":"2022-06-17","column":"生态环境"},
  {"title":"抗旱保苗技术指导","url":"art_4.html","date":"2022-06-10","column":"农业农村"},
  {"title":"县政府召开防汛抗旱工作会议","url":"art_2_copy.html","date":"2022-05-21"},
  {"title":"2022年 防汛抗旱 工作部署会议召开","url":"elsewhere.html","date":"2022-06-18"},
  {"title":"政务公开指南","url":"/guide.html","pinned":true},
  {"title":"部署会议","url":"current.html#comments","date":"2022-06-18"},
  {"title":"图书馆开放时间调整","url":"art_9.html","date":"2021-01-04"}
]})J";

std::vector<std::string> titles(const std::vector<Article>& articles,
                                const std::vector<RelatedItem>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(articles[item.article].title);
  return out;
}

struct Fixture {
  Feed feed = parse_feed(kFeed, kBase);
  CurrentArticle current{"2022年防汛抗旱工作部署会议召开", {"防汛", "抗旱"}, "工作动态",
                         "https://www.example.gov.cn/col/col12/current.html"};
};

TEST(Rank, FixedFeedGivesTheExpectedOrder) {
  Fixture f;
  ASSERT_TRUE(f.feed.ok);
  ASSERT_EQ(f.feed.articles.size(), 9u);
  const RelatedIndex index(f.feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.today = days_from_civil(2022, 6, 18);
  const auto items = index.related(f.current, options, &scratch);
  // Pinned first; then by relevance (the meeting shares most; the duplicate
  // title, the same title as the current page and the current URL are gone);
  // then the unrelated ones, newest first.
  EXPECT_EQ(titles(f.feed.articles, items),
            (std::vector<std::string>{"政务公开指南", "县政府召开防汛抗旱工作会议",
                                      "关于做好2022年防汛工作的通知", "抗旱保苗技术指导",
                                      "春季植树造林活动顺利开展", "图书馆开放时间调整"}));
  EXPECT_TRUE(items[0].pinned);
  EXPECT_FALSE(items[1].pinned);
  EXPECT_GT(items[1].score, items[2].score);
  EXPECT_GT(items[2].score, items[3].score);
  EXPECT_GT(items[3].score, 0.0);
  EXPECT_EQ(items[4].score, 0.0);
  EXPECT_TRUE(items[4].is_new);   // 2022-06-17, one day before today
  EXPECT_FALSE(items[3].is_new);  // 2022-06-10
  EXPECT_FALSE(items[0].is_new);  // undated
}

TEST(Rank, OptionsLimitUnrelatedPinsAndDateOrder) {
  Fixture f;
  const RelatedIndex index(f.feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.limit = 2;
  EXPECT_EQ(titles(f.feed.articles, index.related(f.current, options, &scratch)),
            (std::vector<std::string>{"政务公开指南", "县政府召开防汛抗旱工作会议"}));
  options.limit = 8;
  options.include_unrelated = false;
  options.pinned_first = false;
  EXPECT_EQ(titles(f.feed.articles, index.related(f.current, options, &scratch)),
            (std::vector<std::string>{"县政府召开防汛抗旱工作会议", "关于做好2022年防汛工作的通知",
                                      "抗旱保苗技术指导"}));
  options.sort = SortOrder::kDate;
  EXPECT_EQ(titles(f.feed.articles, index.related(f.current, options, &scratch)),
            (std::vector<std::string>{"抗旱保苗技术指导", "关于做好2022年防汛工作的通知",
                                      "县政府召开防汛抗旱工作会议"}));
  options.limit = 0;
  EXPECT_TRUE(index.related(f.current, options, &scratch).empty());
}

TEST(Rank, RecencyNeverLiftsAnUnrelatedItem) {
  const Feed feed = parse_feed(R"J([
    {"title":"旧的防汛通知","url":"/old","date":"2001-01-01"},
    {"title":"今天的无关新闻","url":"/new","date":"2022-06-18"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.today = days_from_civil(2022, 6, 18);
  const auto items = index.related(CurrentArticle{"防汛", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(feed.articles[items[0].article].url, "https://www.example.gov.cn/old");
  EXPECT_GT(items[0].score, 0.0);
}

TEST(Rank, RecencyBreaksOtherwiseEqualMatches) {
  const Feed feed = parse_feed(R"J([
    {"title":"防汛通知 甲","url":"/a","date":"2020-01-01"},
    {"title":"防汛通知 乙","url":"/b","date":"2022-06-01"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.today = days_from_civil(2022, 6, 18);
  const auto items = index.related(CurrentArticle{"防汛通知", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].article, 1u);
  EXPECT_GT(items[0].score, items[1].score);
  EXPECT_LT(items[0].score, items[1].score * 1.25);  // mild: at most +20 %
}

TEST(Rank, NeighboursRelateArticlesThatShareNoTermWithTheQuery) {
  // The query shares 台风 with two articles; one of them shares 渔船回港避风
  // with a third that has no word in common with the query. Through that
  // neighbour the third is related too, below the direct matches.
  const Feed feed = parse_feed(R"J([
    {"title":"台风来袭 渔船回港避风","url":"/m","date":"2022-06-01"},
    {"title":"渔船回港避风检查","url":"/t","date":"2022-06-02"},
    {"title":"台风预警发布","url":"/d","date":"2022-06-03"},
    {"title":"图书馆开放时间调整","url":"/u","date":"2022-06-04"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.include_unrelated = false;
  const auto items = index.related(CurrentArticle{"全力防御台风", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(feed.articles[items[2].article].url, "https://www.example.gov.cn/t");
  EXPECT_GT(items[2].score, 0.0);
  EXPECT_LT(items[2].score, items[1].score);
  // The same list for the feed's own article (the CLI's path), and the
  // scratch memory is left clean for the next query.
  const auto again = index.related(CurrentArticle{"全力防御台风", {}, "", ""}, options, &scratch);
  ASSERT_EQ(again.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(again[i].score, items[i].score);
}

TEST(Rank, PrecomputedOwnMatchesGiveTheSameLists) {
  Fixture f;
  const RelatedIndex computed(f.feed.articles);
  RelatedIndex looked_up(f.feed.articles);
  RankScratch scratch;
  std::vector<std::vector<std::pair<uint32_t, float>>> rows;
  for (size_t d = 0; d < f.feed.articles.size(); ++d) rows.push_back(computed.own_matches(d, &scratch));
  EXPECT_FALSE(rows[0].empty());
  looked_up.use_own_matches(rows);
  RankOptions options;
  options.include_unrelated = false;
  for (size_t d = 0; d < f.feed.articles.size(); ++d) {
    const auto a = computed.related_to(d, options, &scratch);
    const auto b = looked_up.related_to(d, options, &scratch);
    ASSERT_EQ(a.size(), b.size()) << d;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].article, b[i].article) << d;
      EXPECT_EQ(a[i].score, b[i].score) << d;
    }
  }
}

TEST(Rank, ScorePartsAreRelevanceAndRecency) {
  const Feed feed = parse_feed(R"J([
    {"title":"防汛通知 甲","url":"/a","date":"2020-01-01"},
    {"title":"防汛通知 乙","url":"/b","date":"2022-06-01"},
    {"title":"图书馆开放时间","url":"/c","date":"2022-06-18"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.today = days_from_civil(2022, 6, 18);
  const auto items = index.related(CurrentArticle{"防汛通知", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 3u);
  // Same words, so the same relevance; the newer one has the larger recency factor.
  EXPECT_EQ(items[0].article, 1u);
  EXPECT_GT(items[0].parts.relevance, 0.0);
  EXPECT_DOUBLE_EQ(items[0].parts.relevance, items[1].parts.relevance);
  EXPECT_NEAR(items[0].parts.recency, 1.0 + 0.2 * std::exp2(-17.0 / 180.0), 1e-6);
  EXPECT_GT(items[1].parts.recency, 1.0);
  EXPECT_LT(items[1].parts.recency, items[0].parts.recency);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_DOUBLE_EQ(items[i].score, items[i].parts.relevance * items[i].parts.recency) << i;
  }
  // The unrelated fill item shares nothing: relevance 0, score 0, dated today.
  EXPECT_EQ(items[2].article, 2u);
  EXPECT_EQ(items[2].parts.relevance, 0.0);
  EXPECT_EQ(items[2].score, 0.0);
  EXPECT_NEAR(items[2].parts.recency, 1.2, 1e-6);
  // Without the reader's date there is no recency factor.
  options.today = Article::kNoDay;
  const auto undated = index.related(CurrentArticle{"防汛通知", {}, "", ""}, options, &scratch);
  ASSERT_EQ(undated.size(), 3u);
  EXPECT_EQ(undated[0].parts.recency, 1.0);
  EXPECT_DOUBLE_EQ(undated[0].score, undated[0].parts.relevance);
}

// The badge means "published in the last days-new days". Feed dates are the
// site's local time and the reader's date their own: a reader west of the site
// (UTC while the site is UTC+8) can be a day behind, so the day after the
// reader's date is still new; any later date (a typo, or an article scheduled
// ahead) is never new.
TEST(Rank, FutureDatesAreNeverNew) {
  const Feed feed = parse_feed(R"J([
    {"title":"防汛通知 后天","url":"/in-two-days","date":"2022-06-20"},
    {"title":"防汛通知 明天","url":"/tomorrow","date":"2022-06-19"},
    {"title":"防汛通知 远期","url":"/later","date":"2031-01-01 08:00"},
    {"title":"防汛通知 今天","url":"/today","date":"2022-06-18 23:59"},
    {"title":"防汛通知 前天","url":"/before","date":"2022-06-16"},
    {"title":"防汛通知 上周","url":"/week","date":"2022-06-11"}])J", kBase);
  ASSERT_EQ(feed.articles.size(), 6u);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.today = days_from_civil(2022, 6, 18);
  options.sort = SortOrder::kDate;
  const auto items = index.related(CurrentArticle{"防汛", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 6u);
  std::vector<std::pair<std::string, bool>> got;
  for (const auto& item : items) got.emplace_back(feed.articles[item.article].url, item.is_new);
  const std::string b = "https://www.example.gov.cn/";
  EXPECT_EQ(got, (std::vector<std::pair<std::string, bool>>{{b + "later", false},
                                                            {b + "in-two-days", false},
                                                            {b + "tomorrow", true},
                                                            {b + "today", true},
                                                            {b + "before", true},
                                                            {b + "week", false}}));
}

// One article listed under several spellings of its URL (a fragment, the
// scheme's and host's case, a default port) and different titles is listed once.
TEST(Rank, DuplicateUrlsAreListedOnce) {
  const Feed feed = parse_feed(R"J([
    {"title":"防汛工作通知","url":"/a.html","date":"2022-06-01"},
    {"title":"防汛工作的通知（转载）","url":"/a.html#x","date":"2022-06-02"},
    {"title":"关于防汛工作","url":"HTTPS://WWW.Example.GOV.cn/a.html","date":"2022-06-03"},
    {"title":"防汛工作安排","url":"https://www.example.gov.cn:443/a.html","date":"2022-06-04"},
    {"title":"防汛会议","url":"/b.html","date":"2022-05-01"}])J", kBase);
  ASSERT_EQ(feed.articles.size(), 5u);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.include_unrelated = false;
  const auto items = index.related(CurrentArticle{"防汛工作", {}, "", ""}, options, &scratch);
  std::vector<std::string> urls;
  for (const auto& item : items) urls.push_back(feed.articles[item.article].url);
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(std::count(urls.begin(), urls.end(), "https://www.example.gov.cn/b.html"), 1);
  EXPECT_NE(urls[0], "https://www.example.gov.cn/b.html");  // the /a.html spelling ranks first
  // By date too, and for the CLI's own queries.
  options.sort = SortOrder::kDate;
  EXPECT_EQ(index.related(CurrentArticle{"防汛工作", {}, "", ""}, options, &scratch).size(), 2u);
  options.sort = SortOrder::kRelevance;
  const auto own = index.related_to(4, options, &scratch);
  ASSERT_EQ(own.size(), 1u);
}

TEST(Rank, TiesAreBrokenByDateThenFeedOrder) {
  const Feed feed = parse_feed(R"J([
    {"title":"防汛 一","url":"/1","date":"2022-01-01"},
    {"title":"防汛 二","url":"/2"},
    {"title":"防汛 三","url":"/3","date":"2022-03-01"},
    {"title":"防汛 四","url":"/4"},
    {"title":"防汛 五","url":"/5","date":"2022-03-01"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;  // no reader date: no recency factor, so all scores tie
  for (int run = 0; run < 3; ++run) {
    const auto items = index.related(CurrentArticle{"防汛", {}, "", ""}, options, &scratch);
    std::vector<size_t> order;
    for (const auto& item : items) order.push_back(item.article);
    EXPECT_EQ(order, (std::vector<size_t>{2, 4, 0, 1, 3}));
  }
}

TEST(Rank, RelatedToExcludesTheArticleItself) {
  Fixture f;
  const RelatedIndex index(f.feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.include_unrelated = false;
  options.pinned_first = false;
  const auto items = index.related_to(1, options, &scratch);
  ASSERT_FALSE(items.empty());
  for (const auto& item : items) {
    EXPECT_NE(item.article, 1u);
    EXPECT_NE(item.article, 4u);  // same title as article 1
  }
  EXPECT_EQ(f.feed.articles[items[0].article].title, "2022年 防汛抗旱 工作部署会议召开");
}

TEST(Rank, VeryCommonTermsAreSkippedInLargeFeeds) {
  std::string text = "[";
  for (int k = 0; k < 30; ++k) {
    text += std::string(k ? "," : "") + "{\"title\":\"通知" + std::to_string(k) + "\",\"url\":\"/" +
            std::to_string(k) + "\"}";
  }
  text += R"J(,{"title":"防汛","url":"/x"}])J";
  const Feed feed = parse_feed(text, kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.include_unrelated = false;
  // "通知" is in 30 of 31 articles: it no longer makes anything related.
  EXPECT_TRUE(index.related(CurrentArticle{"通知", {}, "", ""}, options, &scratch).empty());
  EXPECT_EQ(index.related(CurrentArticle{"防汛通知", {}, "", ""}, options, &scratch).size(), 1u);
}

// A small site indexed with a site-wide fraction (the CLI's 0.02): 60 × 0.02
// would cut every term found in two articles; the floor keeps them.
TEST(Rank, ASmallCommonFractionKeepsSharedTermsOnSmallSites) {
  std::string text = "[";
  for (int k = 0; k < 60; ++k) {
    text += std::string(k ? "," : "") + "{\"title\":\"第" + std::to_string(k) +
            "期简报\",\"url\":\"/" + std::to_string(k) + "\"}";
  }
  text += R"J(,{"title":"防汛会议","url":"/x"},{"title":"防汛检查","url":"/y"}])J";
  const Feed feed = parse_feed(text, kBase);
  ASSERT_EQ(feed.articles.size(), 62u);
  RankScratch scratch;
  RankOptions options;
  options.include_unrelated = false;
  const RelatedIndex site(feed.articles, 0.02);
  const auto items = site.related(CurrentArticle{"防汛工作", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 2u);  // "防汛" is in two articles: more than 62 × 0.02
  EXPECT_EQ(feed.articles[items[0].article].url, "https://www.example.gov.cn/x");
  EXPECT_EQ(feed.articles[items[1].article].url, "https://www.example.gov.cn/y");
  // Terms in more than half of the articles are still skipped ("简报" is in 60 of 62).
  EXPECT_TRUE(site.related(CurrentArticle{"简报", {}, "", ""}, options, &scratch).empty());
}

TEST(Rank, SortOrderAndKeywords) {
  SortOrder order = SortOrder::kRelevance;
  EXPECT_TRUE(parse_sort_order(" DATE ", &order));
  EXPECT_EQ(order, SortOrder::kDate);
  EXPECT_TRUE(parse_sort_order("relevance", &order));
  EXPECT_EQ(order, SortOrder::kRelevance);
  EXPECT_FALSE(parse_sort_order("newest", &order));
  EXPECT_EQ(split_keywords("防汛,抗旱；应急、 值班;;a b，c"),
            (std::vector<std::string>{"防汛", "抗旱", "应急", "值班", "a", "b", "c"}));
  EXPECT_TRUE(split_keywords(" ,、 ").empty());
}

TEST(Rank, ARankedFeedKeepsItsOrder) {
  Fixture f;
  const RelatedIndex index(f.feed.articles);
  RankScratch scratch;
  RankOptions options;
  options.feed_order = true;
  options.pinned_first = false;
  options.limit = 4;
  // Feed order, minus the duplicate title (index 4), the current title (5) and URL (7).
  std::vector<size_t> order;
  for (const auto& item : index.related(f.current, options, &scratch)) order.push_back(item.article);
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3}));
  options.limit = 8;
  order.clear();
  for (const auto& item : index.related(f.current, options, &scratch)) order.push_back(item.article);
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 6, 8}));
}

TEST(Rank, SameColumnIsAWeakMatch) {
  const Feed feed = parse_feed(R"J([
    {"title":"图书馆开放时间调整","url":"/a","column":"其他"},
    {"title":"植树造林","url":"/b","column":"工作动态"},
    {"title":"防汛检查","url":"/c","column":"其他"}])J", kBase);
  const RelatedIndex index(feed.articles);
  RankScratch scratch;
  RankOptions options;
  std::vector<size_t> order;
  for (const auto& item : index.related(CurrentArticle{"防汛会议", {}, "工作动态", ""}, options, &scratch)) {
    order.push_back(item.article);
  }
  EXPECT_EQ(order, (std::vector<size_t>{2, 1, 0}));
}

TEST(Rank, EmptyFeedGivesAnEmptyList) {
  const std::vector<Article> none;
  const RelatedIndex index(none);
  RankScratch scratch;
  EXPECT_TRUE(index.related(CurrentArticle{"防汛", {}, "", ""}, RankOptions(), &scratch).empty());
}

TEST(Rank, RankingTextDropsNumbersDatesAndNumberFrames) {
  const std::pair<const char*, const char*> cases[] = {
      {"防御今年第3号台风“格美”", "防御今年 台风“格美”"},
      {"2024年6月18日防汛会议", "   防汛会议"},
      {"接待游客12.6万人次", "接待游客 "},
      {"县政府办〔2024〕12号文件", "县政府办  文件"},
      {"【2025】通知", " 通知"},
      {"〔国庆〕景区门票半价", "〔国庆〕景区门票半价"},
      {"《防汛抗旱条例》解读", "《防汛抗旱条例》解读"},
      {"启动防暴雨Ⅳ级应急响应", "启动防暴雨 应急响应"},
      {"ＣＯＶＩＤ－１９防控", "covid- 防控"},
      {"98.6%优良", " 优良"},
  };
  for (const auto& c : cases) EXPECT_EQ(ranking_text(c.first), c.second) << c.first;
  EXPECT_EQ(ranking_tokens("第3号台风"), (std::vector<std::string>{"台风"}));
  EXPECT_EQ(ranking_tokens("〔2024〕"), (std::vector<std::string>{}));
}

TEST(Rank, KeywordsOnMuchOfTheFeedCountLittle) {
  // 安全 is the CMS's keyword on most articles; 台风 on two.
  std::string json = R"({"version":1,"articles":[)";
  const char* titles[] = {"台风过境抢修道路", "防御台风部署会", "景区检查", "学校开学",
                          "医保缴费", "春耕生产", "公交调整", "税收宣传"};
  for (int i = 0; i < 8; ++i) {
    if (i) json += ",";
    json += std::string(R"({"title":")") + titles[i] + R"(","url":"/)" + std::to_string(i) +
            R"(.html","keywords":[)" + (i < 2 ? R"("台风","安全")" : R"("安全")") + "]}";
  }
  json += "]}";
  const Feed feed = parse_feed(json, "");
  ASSERT_EQ(feed.articles.size(), 8u);
  const RelatedIndex index(feed.articles);
  RankOptions options;
  options.include_unrelated = false;
  RankScratch scratch;
  // The current article is tagged 安全 only: that keyword relates nothing.
  EXPECT_TRUE(index.related(CurrentArticle{"强降雨", {"安全"}, "", ""}, options, &scratch).empty());
  // Tagged 台风 (rare here), it finds both typhoon stories.
  const auto items = index.related(CurrentArticle{"强降雨", {"台风"}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_LT(std::max(items[0].article, items[1].article), 2u);
}

TEST(Rank, ASharedCharacterAloneRelatesNothing) {
  const Feed feed = parse_feed(R"([{"title":"召开防汛会议","url":"/a"},{"title":"图书馆开放","url":"/b"},
    {"title":"渔船回港","url":"/c"},{"title":"休渔期开始","url":"/d"}])", "");
  const RelatedIndex index(feed.articles);
  RankOptions options;
  options.include_unrelated = false;
  RankScratch scratch;
  // 开 is shared with /a and /b but no word is: nothing is related.
  EXPECT_TRUE(index.related(CurrentArticle{"开学", {}, "", ""}, options, &scratch).empty());
  // 渔船 relates /c; the shared 渔 does not add /d.
  const auto items = index.related(CurrentArticle{"渔船检查", {}, "", ""}, options, &scratch);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].article, 2u);
}

}  // namespace
}  // namespace pw
