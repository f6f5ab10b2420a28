#include "core/feed.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pw {
namespace {

const char kBase[] = "https://www.example.gov.cn/feeds/column-123.json";

std::string one(const std::string& article_fields) {
  return R"({"version":1,"articles":[{)" + article_fields + "}]}";
}

// Parses a one-article feed that must be rejected item-wise; returns the error.
Error item_error(const std::string& article_fields) {
  const Feed feed = parse_feed(one(article_fields), kBase);
  EXPECT_TRUE(feed.ok) << feed.error.message;
  EXPECT_TRUE(feed.articles.empty()) << article_fields;
  EXPECT_EQ(feed.skipped, 1u) << article_fields;
  if (feed.item_errors.size() != 1) return Error{};
  return feed.item_errors[0];
}

Error document_error(std::string_view text, const FeedLimits& limits = {}) {
  const Feed feed = parse_feed(text, kBase, limits);
  EXPECT_FALSE(feed.ok) << text;
  EXPECT_TRUE(feed.articles.empty());
  return feed.error;
}

TEST(Feed, ParsesTheDocumentedFormat) {
  const Feed feed = parse_feed(R"({"version":1,"articles":[
    {"title":"关于开展2022年防汛工作的通知","url":"/art/2022/6/18/art_1.html","date":"2022-06-18",
     "column":"通知公告","keywords":["防汛","应急"],"summary":"各乡镇……","pinned":true},
    {"title":"second","url":"https://other.gov.cn/a.html","date":"2022-06-19 08:30","extra":{"x":[1,2]}}
  ]})", kBase);
  ASSERT_TRUE(feed.ok) << feed.error.message;
  ASSERT_EQ(feed.articles.size(), 2u);
  const Article& a = feed.articles[0];
  EXPECT_EQ(a.title, "关于开展2022年防汛工作的通知");
  EXPECT_EQ(a.url, "https://www.example.gov.cn/art/2022/6/18/art_1.html");
  EXPECT_EQ(a.date, "2022-06-18");
  EXPECT_EQ(a.day, days_from_civil(2022, 6, 18));
  EXPECT_EQ(a.column, "通知公告");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"防汛", "应急"}));
  EXPECT_EQ(a.summary, "各乡镇……");
  EXPECT_TRUE(a.pinned);
  EXPECT_EQ(a.index, 0u);
  EXPECT_EQ(feed.articles[1].minute, 8 * 60 + 30);
  EXPECT_EQ(feed.articles[1].index, 1u);
  EXPECT_FALSE(feed.articles[1].pinned);
  EXPECT_TRUE(feed.item_errors.empty());
}

TEST(Feed, AcceptsABareArrayAndNullOptionalFields) {
  const Feed feed = parse_feed(R"([{"title":"t","url":"a.html","date":null,"keywords":null,"pinned":null}])",
                               "https://x.gov.cn/dir/feed.json");
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.articles.size(), 1u);
  EXPECT_EQ(feed.articles[0].url, "https://x.gov.cn/dir/a.html");
  EXPECT_EQ(feed.articles[0].day, Article::kNoDay);
}

TEST(Feed, DocumentErrors) {
  EXPECT_EQ(document_error("").id, "pw.related.not_json");
  EXPECT_EQ(document_error("{\"articles\":[").id, "pw.related.not_json");
  EXPECT_EQ(document_error("<html>").id, "pw.related.not_json");
  EXPECT_EQ(document_error("{\"articles\":[{\"title\":\"a\x01\",\"url\":\"/\"}]}").id,
            "pw.related.not_json");  // a raw control character inside a string
  EXPECT_EQ(document_error("[] []").id, "pw.related.trailing_data");
  EXPECT_EQ(document_error(std::string("[]\0{\"x\":1}", 10)).id, "pw.related.trailing_data");
  EXPECT_EQ(document_error(std::string("[\0]", 3)).id, "pw.related.not_json");
  EXPECT_EQ(document_error("[\"\xC3\x28\"]").id, "pw.related.not_utf8");
  EXPECT_EQ(document_error("[\"\xED\xA0\x80\"]").id, "pw.related.not_utf8");  // encoded surrogate
  EXPECT_EQ(document_error(R"([{"title":"\ud800","url":"/"}])").id, "pw.related.not_utf8");
  EXPECT_EQ(document_error(R"([{"title":"\udc00x","url":"/"}])").id, "pw.related.not_utf8");
  EXPECT_EQ(document_error("\"feed\"").id, "pw.related.bad_root");
  EXPECT_EQ(document_error("42").id, "pw.related.bad_root");
  EXPECT_EQ(document_error(R"({"version":2,"articles":[]})").id, "pw.related.bad_version");
  EXPECT_EQ(document_error(R"({"version":"1","articles":[]})").id, "pw.related.bad_version");
  EXPECT_EQ(document_error(R"({"version":[1],"articles":[]})").id, "pw.related.bad_version");
  EXPECT_EQ(document_error(R"({"version":1})").id, "pw.related.no_articles");
  EXPECT_EQ(document_error(R"({"articles":{"title":"x"}})").id, "pw.related.no_articles");
  EXPECT_EQ(document_error(R"({"articles":"x"})").id, "pw.related.no_articles");
  EXPECT_EQ(document_error(R"({"ranked":"yes","articles":[]})").id, "pw.related.bad_type");
  EXPECT_EQ(document_error(R"({"ranked":{},"articles":[]})").source, "ranked");
  EXPECT_TRUE(parse_feed(R"({"ranked":true,"articles":[]})", kBase).ranked);
  EXPECT_FALSE(parse_feed(R"({"articles":[]})", kBase).ranked);
}

TEST(Feed, DocumentErrorMessagesSayWhereAndWhat) {
  const Error e = document_error("{\n  \"articles\": [x]\n}");
  EXPECT_EQ(e.source, "feed");
  EXPECT_NE(e.message.find("line 2"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("expected {\"version\":1"), std::string::npos) << e.message;
  const Error bad = document_error("[\"ok\", \"\xFF\"]");
  EXPECT_NE(bad.message.find("0xFF at byte 8"), std::string::npos) << bad.message;
}

// Messages read as sentences about the feed: nlohmann/json's internal
// "[json.exception.…]" prefix never reaches a reader or a console.
TEST(Feed, DocumentErrorMessagesCarryNoLibraryPrefix) {
  for (const char* text : {"", "{\"articles\":[", "<html>", "[] []", "[\"\\ud800\"]", "[1,]",
                           "{\"articles\":[],\"x\":1e999}", "[-1e400]", "{\"a\" 1}"}) {
    const Error e = document_error(text);
    EXPECT_EQ(e.message.find("json.exception"), std::string::npos) << e.message;
    EXPECT_EQ(e.message.find("parse error"), std::string::npos) << e.message;
    EXPECT_EQ(e.message.rfind("the feed ", 0), 0u) << e.message;
  }
  // A number beyond a double's range rejects the whole feed, even in an unknown
  // field (nlohmann/json cannot read past it), and the message says so.
  const Error big = document_error("{\"articles\":[],\n \"x\":1e999}");
  EXPECT_EQ(big.id, "pw.related.not_json");
  EXPECT_NE(big.message.find("line 2"), std::string::npos) << big.message;
  EXPECT_NE(big.message.find("1e999"), std::string::npos) << big.message;
  EXPECT_NE(big.message.find("too large"), std::string::npos) << big.message;
}

// schema/feed.schema.json and the parser accept the same documents where the
// schema can say it: the date pattern ("" counts as absent) and "version"
// (JSON Schema's const 1 also matches 1.0 and 1e0).
TEST(Feed, SchemaAndParserAgree) {
  std::ifstream file(std::string(PW_SOURCE_DIR) + "/schema/feed.schema.json");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const nlohmann::json schema = nlohmann::json::parse(text.str(), nullptr, false);
  ASSERT_FALSE(schema.is_discarded());
  const std::regex pattern(
      schema["$defs"]["article"]["properties"]["date"]["pattern"].get<std::string>(),
      std::regex::ECMAScript);
  for (const char* date : {"", "2022-06-18", "2022-06-18 08:30", "2022-6-18", "2022-06-18T08:30",
                           "2022-06-18 8:30", "18.06.2022", " 2022-06-18"}) {
    const Feed feed = parse_feed(one(std::string(R"("title":"t","url":"/a","date":")") + date + "\""), kBase);
    EXPECT_EQ(std::regex_search(std::string(date), pattern), feed.articles.size() == 1u)
        << "date \"" << date << "\"";
  }
  EXPECT_TRUE(parse_feed(one(R"("title":"t","url":"/a","date":"")"), kBase).articles[0].date.empty());
  const nlohmann::json version = schema["oneOf"][0]["properties"]["version"]["const"];
  for (const char* value : {"1", "1.0", "1e0", "10e-1", "2", "1.5", "0", "\"1\"", "true", "null", "-1"}) {
    const nlohmann::json parsed = nlohmann::json::parse(value);
    const bool schema_accepts = parsed.is_number() && parsed == version;
    const Feed feed = parse_feed(std::string(R"({"version":)") + value + R"(,"articles":[]})", kBase);
    EXPECT_EQ(feed.ok, schema_accepts) << "version " << value << ": " << feed.error.message;
  }
}

TEST(Feed, Limits) {
  FeedLimits limits;
  limits.max_bytes = 10;
  EXPECT_EQ(document_error("[        ]  ", limits).id, "pw.related.too_large");
  EXPECT_TRUE(parse_feed("[        ]", kBase, limits).ok);

  // Decoded from another encoding (a GBK feed): the limit is on the bytes
  // received; the UTF-8 text may be up to three times as large, not more.
  limits.received_bytes = 10;
  EXPECT_TRUE(parse_feed("[" + std::string(28, ' ') + "]", kBase, limits).ok);
  EXPECT_EQ(document_error("[" + std::string(29, ' ') + "]", limits).id, "pw.related.too_large");
  limits.received_bytes = 11;
  const Error received = document_error("[ ]", limits);
  EXPECT_EQ(received.id, "pw.related.too_large");
  EXPECT_EQ(received.message, "the feed is 11 bytes; expected at most 10 bytes");

  std::string deep = R"({"articles":[{"title":"t","url":"/","x":)";
  std::string open(20, '[');
  std::string close(20, ']');
  EXPECT_EQ(document_error(deep + open + close + "}]}").id, "pw.related.too_deep");
  // Hostile nesting far beyond any stack is refused without recursion.
  EXPECT_EQ(document_error(std::string(200000, '[') + std::string(200000, ']')).id,
            "pw.related.too_deep");
  limits = FeedLimits();
  limits.max_depth = 4;
  EXPECT_TRUE(parse_feed(R"({"articles":[{"title":"t","url":"/","keywords":["k"]}]})", kBase,
                         limits).ok);

  limits = FeedLimits();
  limits.max_articles = 2;
  EXPECT_TRUE(parse_feed(R"([{"title":"a","url":"/a"}, 1])", kBase, limits).ok);
  EXPECT_EQ(document_error(R"([{"title":"a","url":"/a"}, 1, 2])", limits).id,
            "pw.related.too_many_articles");
}

TEST(Feed, ArticleErrorsNameIndexAndField) {
  const Feed feed = parse_feed(R"J({"articles":[
    {"title":"ok","url":"/ok"},
    {"title":"bad","url":"javascript:alert(1)"},
    7,
    {"title":"also ok","url":"/ok2"}
  ]})J", kBase);
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.articles.size(), 2u);
  EXPECT_EQ(feed.articles[1].title, "also ok");
  EXPECT_EQ(feed.articles[1].index, 3u);
  EXPECT_EQ(feed.skipped, 2u);
  ASSERT_EQ(feed.item_errors.size(), 2u);
  EXPECT_EQ(feed.item_errors[0].id, "pw.related.bad_url_scheme");
  EXPECT_EQ(feed.item_errors[0].source, "articles[1].url");
  EXPECT_EQ(feed.item_errors[0].message,
            "articles[1].url: \"javascript:alert(1)\" uses the \"javascript\" scheme; expected an "
            "http(s) URL or a relative URL");
  EXPECT_EQ(feed.item_errors[1].id, "pw.related.item_not_object");
  EXPECT_EQ(feed.item_errors[1].source, "articles[2]");

  const Feed bare = parse_feed(R"([[1]])", kBase);
  ASSERT_EQ(bare.item_errors.size(), 1u);
  EXPECT_EQ(bare.item_errors[0].source, "[0]");
}

TEST(Feed, EveryArticleErrorId) {
  EXPECT_EQ(item_error(R"("url":"/a")").id, "pw.related.missing_field");
  EXPECT_EQ(item_error(R"("url":"/a")").source, "articles[0].title");
  EXPECT_EQ(item_error(R"("title":"t")").source, "articles[0].url");
  EXPECT_EQ(item_error(R"("title":null,"url":"/a")").id, "pw.related.missing_field");
  EXPECT_EQ(item_error(R"("title":5,"url":"/a")").id, "pw.related.bad_type");
  EXPECT_EQ(item_error(R"("title":"t","url":{"href":"/a"})").id, "pw.related.bad_type");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","pinned":"yes")").id, "pw.related.bad_type");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","keywords":"a,b")").id, "pw.related.bad_type");
  const Error kw = item_error(R"("title":"t","url":"/a","keywords":["a",3])");
  EXPECT_EQ(kw.id, "pw.related.bad_type");
  EXPECT_EQ(kw.source, "articles[0].keywords[1]");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","keywords":[["a"]])").id, "pw.related.bad_type");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","date":20220618)").id, "pw.related.bad_type");
  EXPECT_EQ(item_error(R"("title":" \u200e\t ","url":"/a")").id, "pw.related.empty_title");
  EXPECT_EQ(item_error(R"("title":"t","url":"")").id, "pw.related.bad_url");
  EXPECT_EQ(item_error(R"("title":"t","url":"http://")").id, "pw.related.bad_url");
  EXPECT_EQ(item_error(R"("title":"t","url":"data:text/html,<script>")").id,
            "pw.related.bad_url_scheme");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","date":"2022-02-30")").id, "pw.related.bad_date");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","date":"2022-6-18")").id, "pw.related.bad_date");
  EXPECT_EQ(item_error(R"("title":"t","url":"/a","date":"2022-06-18 24:00")").id,
            "pw.related.bad_date");
  const Error date = item_error(R"("title":"t","url":"/a","date":"18/06/2022")");
  EXPECT_EQ(date.message,
            "articles[0].date: is \"18/06/2022\"; expected a calendar date \"YYYY-MM-DD\" or "
            "\"YYYY-MM-DD HH:MM\"");
  const std::string long_title(501, 'x');
  EXPECT_EQ(item_error("\"title\":\"" + long_title + "\",\"url\":\"/a\"").id, "pw.related.too_long");
  EXPECT_EQ(item_error("\"title\":\"t\",\"url\":\"/" + std::string(2048, 'a') + "\"").id,
            "pw.related.too_long");
  EXPECT_EQ(item_error("\"title\":\"t\",\"url\":\"/a\",\"summary\":\"" + std::string(1001, 's') + "\"").id,
            "pw.related.too_long");
  EXPECT_EQ(item_error("\"title\":\"t\",\"url\":\"/a\",\"column\":\"" + std::string(101, 'c') + "\"").id,
            "pw.related.too_long");
  std::string many = "\"title\":\"t\",\"url\":\"/a\",\"keywords\":[";
  for (int k = 0; k < 33; ++k) many += std::string(k ? "," : "") + "\"k\"";
  EXPECT_EQ(item_error(many + "]").id, "pw.related.too_long");
  EXPECT_EQ(item_error("\"title\":\"t\",\"url\":\"/a\",\"keywords\":[\"" + std::string(51, 'k') + "\"]").source,
            "articles[0].keywords[0]");
}

TEST(Feed, HostileTextIsCleanedNotInterpreted) {
  const Feed feed = parse_feed(
      R"J([{"title":"<script>alert(1)</script>\u0000\u202Egnp.exe\u2066 a \n\t b","url":" /x\u0000y "},
          {"title":"<img src=x onerror=alert(1)>","url":"JaVa\tScRiPt:alert(1)"},
          {"title":"ok","url":"\u0001javascript:alert(1)"},
          {"title":"ok2","url":"  java\nscript:alert(1)"},
          {"title":"ok3","url":"javascript&colon;alert(1)"}])J",
      kBase);
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.articles.size(), 2u);
  EXPECT_EQ(feed.articles[0].title, "<script>alert(1)</script>gnp.exe a b");
  EXPECT_EQ(feed.articles[0].url, "https://www.example.gov.cn/x%00y");
  // Not a scheme at all: a harmless relative path, as a browser would read it.
  EXPECT_EQ(feed.articles[1].url, "https://www.example.gov.cn/feeds/javascript&colon;alert(1)");
  ASSERT_EQ(feed.item_errors.size(), 3u);
  for (const Error& e : feed.item_errors) EXPECT_EQ(e.id, "pw.related.bad_url_scheme");
}

TEST(Feed, JsonLinesNameTheLine) {
  const Feed feed = parse_feed_lines(
      "{\"title\":\"a\",\"url\":\"/a\"}\n\n{\"title\":\"b\",\"url\":\"vbscript:x\"}\n"
      "not json\n[1]\n{\"title\":\"c\",\"url\":\"/c\"}",
      "https://x.gov.cn/");
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.articles.size(), 2u);
  EXPECT_EQ(feed.articles[1].index, 5u);  // 0-based line
  ASSERT_EQ(feed.item_errors.size(), 3u);
  EXPECT_EQ(feed.item_errors[0].source, "line 3: url");
  EXPECT_EQ(feed.item_errors[0].id, "pw.related.bad_url_scheme");
  EXPECT_EQ(feed.item_errors[1].source, "line 4");
  EXPECT_EQ(feed.item_errors[1].id, "pw.related.not_json");
  EXPECT_EQ(feed.item_errors[2].id, "pw.related.item_not_object");
}

TEST(Feed, ItemErrorsAreCappedButCounted) {
  std::string text = "[";
  for (int k = 0; k < 150; ++k) text += std::string(k ? "," : "") + "1";
  const Feed feed = parse_feed(text + "]", kBase);
  EXPECT_EQ(feed.skipped, 150u);
  EXPECT_EQ(feed.item_errors.size(), 100u);
}

TEST(Feed, AUtf8ByteOrderMarkIsAccepted) {
  const Feed feed = parse_feed("\xEF\xBB\xBF[{\"title\":\"t\",\"url\":\"/a\"}]", kBase);
  EXPECT_TRUE(feed.ok) << feed.error.message;
  EXPECT_EQ(feed.articles.size(), 1u);
}

// schema/feed.schema.json documents the same limits the parser enforces.
TEST(Feed, SchemaMatchesTheLimits) {
  std::ifstream file(std::string(PW_SOURCE_DIR) + "/schema/feed.schema.json");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const nlohmann::json schema = nlohmann::json::parse(text.str(), nullptr, false);
  ASSERT_FALSE(schema.is_discarded());
  const FeedLimits limits;
  const auto& article = schema["$defs"]["article"]["properties"];
  EXPECT_EQ(schema["$defs"]["articles"]["maxItems"], limits.max_articles);
  EXPECT_EQ(article["title"]["maxLength"], limits.max_title);
  EXPECT_EQ(article["url"]["maxLength"], limits.max_url);
  EXPECT_EQ(article["column"]["maxLength"], limits.max_column);
  EXPECT_EQ(article["summary"]["maxLength"], limits.max_summary);
  EXPECT_EQ(article["keywords"]["maxItems"], limits.max_keywords);
  EXPECT_EQ(article["keywords"]["items"]["maxLength"], limits.max_keyword);
  EXPECT_EQ(schema["$defs"]["article"]["required"], nlohmann::json({"title", "url"}));
}

// The feed example in docs/related.md is a valid feed, read as documented.
TEST(Feed, DocsExampleParses) {
  std::ifstream file(std::string(PW_SOURCE_DIR) + "/docs/related.md");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const std::string readme = text.str();
  const size_t section = readme.find("## Feed format");
  ASSERT_NE(section, std::string::npos);
  const size_t begin = readme.find("```json\n", section);
  ASSERT_NE(begin, std::string::npos);
  const size_t end = readme.find("```", begin + 8);
  const Feed feed = parse_feed(readme.substr(begin + 8, end - begin - 8), "https://www.example.gov.cn/");
  ASSERT_TRUE(feed.ok) << feed.error.message;
  ASSERT_EQ(feed.articles.size(), 1u);
  EXPECT_EQ(feed.articles[0].url, "https://www.example.gov.cn/art/2022/6/18/art_1.html");
  EXPECT_EQ(feed.articles[0].keywords.size(), 2u);
}

TEST(Feed, CleanText) {
  EXPECT_EQ(clean_text("  a\u3000\u3000b\r\n\u2028c\u00a0 "), "a b c");
  EXPECT_EQ(clean_text(std::string("a\0b\x7f\xc2\x85" "c", 7)), "ab c");
  EXPECT_EQ(clean_text("\u202Eevil\u202C \u2067x\u2069\ufeff"), "evil x");
}

TEST(Feed, Dates) {
  int32_t day = 0;
  int32_t minute = 0;
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_TRUE(parse_article_date("2024-02-29", &day, &minute));
  EXPECT_FALSE(parse_article_date("2023-02-29", &day, &minute));
  EXPECT_FALSE(parse_article_date("1900-02-29", &day, &minute));
  EXPECT_TRUE(parse_article_date("2000-02-29 23:59", &day, &minute));
  EXPECT_EQ(minute, 23 * 60 + 59);
  EXPECT_FALSE(parse_article_date("2022-13-01", &day, &minute));
  EXPECT_FALSE(parse_article_date("2022-06-18T08:00", &day, &minute));
  EXPECT_FALSE(parse_article_date("2022-06-18 8:00", &day, &minute));
  EXPECT_FALSE(parse_article_date("０２２-06-18", &day, &minute));
}

}  // namespace
}  // namespace pw
