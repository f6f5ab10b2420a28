#include "core/thesaurus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "core/assoc.h"
#include "core/rank.h"
#include "core/utf8.h"
#include "tests/core/test_data.h"

namespace pw {
namespace {

const char kBuiltin[] = "tools/pw-related/thesaurus.txt";

Article article(const std::string& title, const std::string& summary = "") {
  Article a;
  a.title = title;
  a.summary = summary;
  a.url = "https://www.example.gov.cn/" + std::to_string(std::hash<std::string>()(title)) + ".html";
  return a;
}

// The link from one term to another as the ranker reads it: direct, or
// through a group both belong to (the product of their weights there).
float weight(const Associations& a, const std::string& from, const std::string& to) {
  const auto it = a.links.find(from);
  if (it == a.links.end()) return 0;
  float best = 0;
  for (const auto& p : it->second) {
    if (p.first == to) best = std::max(best, p.second);
    if (p.first[0] != kGroupMark) continue;
    for (const auto& member : a.links.at(p.first)) {
      if (member.first == to) best = std::max(best, p.second * member.second);
    }
  }
  return best;
}

Thesaurus parsed(const std::string& text) {
  Thesaurus t;
  Error error;
  EXPECT_TRUE(parse_thesaurus(text, "test", &t, &error)) << error.message;
  return t;
}

TEST(Thesaurus, TheBuiltInOneLoadsAndItsTermsAreRankingBigrams) {
  const std::string text = test::read_source_file(kBuiltin);
  ASSERT_FALSE(text.empty()) << kBuiltin;
  Thesaurus t;
  Error error;
  ASSERT_TRUE(parse_thesaurus(text, kBuiltin, &t, &error)) << error.message;
  EXPECT_GE(t.domains.size(), 40u);
  size_t terms = 0;
  for (const auto& d : t.domains) {
    EXPECT_GE(d.terms.size(), 5u) << d.name;
    terms += d.terms.size();
    for (const auto& term : d.terms) {
      // What the ranker reads from it: the term unchanged by normalisation,
      // cut into 1–3 overlapping Han bigrams that spell it.
      EXPECT_EQ(ranking_text(term), term);
      const auto tokens = ranking_tokens(term);
      ASSERT_FALSE(tokens.empty()) << term;
      EXPECT_LE(tokens.size(), 3u) << term;
      std::string spelled = tokens[0];
      for (size_t k = 1; k < tokens.size(); ++k) spelled += tokens[k].substr(3);
      EXPECT_EQ(spelled, term);
    }
  }
  EXPECT_GE(terms, 1000u);
}

TEST(Thesaurus, ContinuationLinesAndExtensionsJoinTheirDomain) {
  Thesaurus t = parsed("# 注释\r\n\nflood: 防汛 三防\r\n  fishery:\t渔船 休渔\nflood: 暴雨预警\n");
  ASSERT_EQ(t.domains.size(), 2u);
  EXPECT_EQ(t.domains[0].name, "flood");
  EXPECT_EQ(t.domains[0].terms, (std::vector<std::string>{"防汛", "三防", "暴雨预警"}));
  EXPECT_EQ(t.domains[1].terms, (std::vector<std::string>{"渔船", "休渔"}));
  // A second text extends: known domains get the terms they lack (repeats are fine there).
  Error error;
  ASSERT_TRUE(parse_thesaurus("flood: 台风 防汛\ntourism: 景区 民宿\n", "site.txt", &t, &error)) << error.message;
  ASSERT_EQ(t.domains.size(), 3u);
  EXPECT_EQ(t.domains[0].terms, (std::vector<std::string>{"防汛", "三防", "暴雨预警", "台风"}));
  EXPECT_EQ(t.domains[2].name, "tourism");
}

TEST(Thesaurus, BadLinesAreRefusedWithLineAndExpectation) {
  struct Case {
    std::string text;
    std::string message_part;
  };
  const Case cases[] = {
      {"flood 防汛 三防\n", "site.txt, line 1: starts with"},
      {"flood: 防汛 三防\nFlood: 台风 暴雨\n", "line 2: starts with"},
      {": 防汛 三防\n", "a domain name of 1–32 a–z, 0–9, - or _ and a colon"},
      {"flood: 防汛 三防\n\nflood: 防汛5\n", "line 3: has \"防汛5\"; expected terms of 2–4 Han characters"},
      {"flood: 防汛 防\n", "line 1: has \"防\"; expected terms of 2–4 Han characters"},
      {"flood: 防汛 暴雨红色预警\n", "has \"暴雨红色预警\""},
      {"flood: 防汛 防汛，三防\n", "has \"防汛，三防\""},
      {"flood: 防汛 typhoon\n", "has \"typhoon\""},
      {"flood: 防汛 三防 防汛\n", "line 1: repeats \"防汛\" in the domain flood; expected each term once"},
      {"flood:\n", "line 1: names the domain flood but no terms"},
      {"# x\nflood: 防汛\nfishery: 渔船 休渔\n", "line 2: gives the domain flood a single term; expected at least two"},
      {"flood: 防汛 \xff\xfe\n", "is not UTF-8"},
  };
  for (const Case& c : cases) {
    Thesaurus out = parsed("kept: 景区 民宿\n");
    Error error;
    EXPECT_FALSE(parse_thesaurus(c.text, "site.txt", &out, &error)) << c.text;
    EXPECT_EQ(error.id, "pw.related.bad_thesaurus") << c.text;
    EXPECT_EQ(error.source, "site.txt");
    EXPECT_NE(error.message.find(c.message_part), std::string::npos) << error.message;
    ASSERT_EQ(out.domains.size(), 1u) << c.text;  // nothing half-read
    EXPECT_EQ(out.domains[0].terms.size(), 2u) << c.text;
  }
  Thesaurus out;
  Error error;
  EXPECT_FALSE(parse_thesaurus(std::string(kMaxThesaurusBytes + 1, '#'), "big.txt", &out, &error));
  EXPECT_NE(error.message.find("expected at most"), std::string::npos) << error.message;
}

// Typhoon stories that never name 三防 together with 台风, and other topics.
std::vector<Article> site() {
  return {article("防御台风工作部署"), article("台风过境道路抢通"), article("三防指挥部召开会议"),
          article("全县防汛检查"),     article("景区安全检查"),     article("民宿行业培训"),
          article("春耕生产"),         article("学校开学"),         article("医保缴费"),
          article("公交线路调整"),     article("税收宣传月"),       article("文明城市创建")};
}

TEST(Thesaurus, LinksTermsOfOneDomainThatASiteUses) {
  const Thesaurus t = parsed("flood: 台风 三防 防汛 山洪\ntourism: 景区 民宿 游客\n");
  AssocOptions options;
  const Associations without = learn_associations(site(), options);
  EXPECT_EQ(weight(without, "台风", "三防"), 0.0f);  // never together
  options.thesaurus = &t;
  const Associations with = learn_associations(site(), options);
  EXPECT_FLOAT_EQ(weight(with, "台风", "三防"), 1.0f);
  EXPECT_FLOAT_EQ(weight(with, "三防", "台风"), 1.0f);
  EXPECT_FLOAT_EQ(weight(with, "防汛", "三防"), 1.0f);
  EXPECT_FLOAT_EQ(weight(with, "景区", "民宿"), 1.0f);
  EXPECT_EQ(weight(with, "台风", "山洪"), 0.0f);  // the site has no 山洪
  EXPECT_EQ(weight(with, "台风", "景区"), 0.0f);  // other domains
  // The table carries them as one line per group, and reads back the same.
  const std::string table = write_associations(with);
  EXPECT_NE(table.find("\n=flood\t"), std::string::npos) << table;
  EXPECT_NE(table.find("\n=tourism\t"), std::string::npos) << table;
  EXPECT_EQ(table.find("山洪"), std::string::npos) << table;
  Associations back;
  Error error;
  ASSERT_TRUE(parse_associations(table, &back, &error)) << error.message;
  EXPECT_FLOAT_EQ(weight(back, "台风", "三防"), 1.0f);
  EXPECT_FLOAT_EQ(weight(back, "民宿", "景区"), 1.0f);
  EXPECT_EQ(write_associations(back), table);
  // A lower thesaurus weight scales the links.
  options.thesaurus_weight = 0.5f;
  EXPECT_NEAR(weight(learn_associations(site(), options), "台风", "三防"), 0.5f, 0.01f);
}

TEST(Thesaurus, ATermOfSeveralDomainsCarriesLess) {
  const Thesaurus t = parsed("flood: 台风 三防 检查\nworksafety: 隐患 检查 景区\ntourism: 景区 民宿 检查\n");
  AssocOptions options;
  options.thesaurus = &t;
  const Associations a = learn_associations(site(), options);
  // 检查 is in three domains, 景区 in two: 1/3 and 1/2 to 民宿, 1/6 to each other.
  EXPECT_FLOAT_EQ(weight(a, "台风", "三防"), 1.0f);
  EXPECT_NEAR(weight(a, "检查", "民宿"), 1.0f / 3, 0.01f);
  EXPECT_NEAR(weight(a, "景区", "民宿"), 1.0f / 2, 0.01f);
  EXPECT_NEAR(weight(a, "检查", "景区"), 1.0f / 6, 0.01f);
}

TEST(Thesaurus, ASiteWithNoneOfItsTermsGetsAnUnchangedTable) {
  const std::string text = test::read_source_file(kBuiltin);
  Thesaurus t;
  Error error;
  ASSERT_TRUE(parse_thesaurus(text, kBuiltin, &t, &error)) << error.message;
  // Placeholder words of no administrative domain, with pairs the learner links.
  std::vector<Article> articles;
  const char* const pairs[][2] = {{"甲乙", "丙丁"}, {"戊己", "庚辛"}, {"壬癸", "子丑"}};
  for (int round = 0; round < 4; ++round) {
    for (const auto& p : pairs) {
      articles.push_back(article(std::string(p[0]) + "之" + std::to_string(round), std::string(p[1]) + "矣"));
    }
  }
  AssocOptions options;
  const std::string plain = write_associations(learn_associations(articles, options));
  EXPECT_NE(plain, "pw-assoc 1\n");  // the learner links something here
  options.thesaurus = &t;
  EXPECT_EQ(write_associations(learn_associations(articles, options)), plain);
}

TEST(Thesaurus, TheTableStaysWithinItsCap) {
  const std::string text = test::read_source_file(kBuiltin);
  Thesaurus t;
  Error error;
  ASSERT_TRUE(parse_thesaurus(text, kBuiltin, &t, &error)) << error.message;
  // Every article names many thesaurus terms: far more domain links than the cap allows.
  std::vector<Article> articles;
  size_t k = 0;
  for (const auto& d : t.domains) {
    for (size_t i = 0; i + 3 < d.terms.size(); i += 3, ++k) {
      articles.push_back(article(d.terms[i] + "和" + d.terms[i + 1] + "第" + std::to_string(k),
                                 d.terms[i + 2] + "与" + d.terms[i + 3]));
    }
  }
  ASSERT_GT(articles.size(), 200u);
  AssocOptions options;
  options.thesaurus = &t;
  const Associations a = learn_associations(articles, options);
  const std::string table = write_associations(a);
  EXPECT_LE(table.size(), options.max_bytes_per_article * articles.size() + 11);  // + the header
  EXPECT_GT(table.size(), options.max_bytes_per_article * articles.size() * 9 / 10);  // the cap, not the supply, limits
  for (const auto& entry : a.links) {
    if (entry.first[0] == kGroupMark) continue;  // a group lists all its members
    const auto learned = std::count_if(entry.second.begin(), entry.second.end(),
                                       [](const auto& p) { return p.first[0] != kGroupMark; });
    EXPECT_LE(static_cast<size_t>(learned), options.max_links) << entry.first;
  }
}

}  // namespace
}  // namespace pw
