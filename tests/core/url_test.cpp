#include "core/url.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

TEST(Url, PreprocessStripsControlsAndRemovesTabsAndNewlines) {
  EXPECT_EQ(preprocess_url("  \x01https://a.gov.cn/x \x1f"), "https://a.gov.cn/x");
  EXPECT_EQ(preprocess_url("ja\tva\nscr\ript:alert(1)"), "javascript:alert(1)");
  EXPECT_EQ(preprocess_url(""), "");
}

TEST(Url, SchemeIsLowercasedAndNeedsALetterFirst) {
  EXPECT_EQ(url_scheme("JaVaScRiPt:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("https://x"), "https");
  EXPECT_EQ(url_scheme("data:text/html,x"), "data");
  EXPECT_EQ(url_scheme("/art/1.html"), "");
  EXPECT_EQ(url_scheme("1abc:x"), "");
  EXPECT_EQ(url_scheme("java script:x"), "");
  EXPECT_EQ(url_scheme("art_1.html?a=b:c"), "");
}

TEST(Url, ParsesAndNormalisesHttpUrls) {
  UrlParts parts;
  ASSERT_TRUE(parse_http_url("HTTPS://User:pw@WWW.Example.GOV.cn:443/a/./b/../c?x=1#top", &parts));
  EXPECT_EQ(parts.scheme, "https");
  EXPECT_EQ(parts.host, "www.example.gov.cn");
  EXPECT_EQ(parts.port, "");
  EXPECT_EQ(parts.path, "/a/c");
  EXPECT_EQ(parts.query, "?x=1");
  EXPECT_EQ(parts.fragment, "#top");
  EXPECT_EQ(format_url(parts), "https://www.example.gov.cn/a/c?x=1#top");

  ASSERT_TRUE(parse_http_url("http:\\\\example.gov.cn:8080\\a\\b", &parts));
  EXPECT_EQ(format_url(parts), "http://example.gov.cn:8080/a/b");
  ASSERT_TRUE(parse_http_url("http://example.gov.cn", &parts));
  EXPECT_EQ(parts.path, "/");
  ASSERT_TRUE(parse_http_url("http://[::1]:80/x y\"<", &parts));
  EXPECT_EQ(format_url(parts), "http://[::1]/x%20y%22%3C");

  EXPECT_FALSE(parse_http_url("ftp://example.gov.cn/", &parts));
  ASSERT_TRUE(parse_http_url("http:///path", &parts));  // as browsers: extra slashes are skipped
  EXPECT_EQ(parts.host, "path");
  EXPECT_FALSE(parse_http_url("http://@/x", &parts));
  EXPECT_FALSE(parse_http_url("http://exa mple.cn/", &parts));
  EXPECT_FALSE(parse_http_url("http://a.cn:99999/", &parts));
  EXPECT_FALSE(parse_http_url("http://a.cn:8x/", &parts));
  EXPECT_FALSE(parse_http_url("http://<script>/", &parts));
}

struct ResolveCase {
  const char* reference;
  const char* expected;  // nullptr: not resolvable
  const char* scheme;    // the refused scheme when expected is nullptr
};

TEST(Url, ResolvesReferencesAgainstAnHttpBase) {
  const char* base = "https://www.example.gov.cn/col/col123/index.html?page=2#list";
  const ResolveCase cases[] = {
      {"art_1.html", "https://www.example.gov.cn/col/col123/art_1.html", ""},
      {"../art/2022/6/18/art_1.html", "https://www.example.gov.cn/col/art/2022/6/18/art_1.html", ""},
      {"/art/1.html", "https://www.example.gov.cn/art/1.html", ""},
      {"\\art\\1.html", "https://www.example.gov.cn/art/1.html", ""},
      {"//other.gov.cn/x", "https://other.gov.cn/x", ""},
      {"?page=3", "https://www.example.gov.cn/col/col123/index.html?page=3", ""},
      {"#top", "https://www.example.gov.cn/col/col123/index.html?page=2#top", ""},
      {"https:art_2.html", "https://www.example.gov.cn/col/col123/art_2.html", ""},
      {"HTTP://Other.gov.cn", "http://other.gov.cn/", ""},
      {"  /a b.html\t", "https://www.example.gov.cn/a%20b.html", ""},
      {"/../../x", "https://www.example.gov.cn/x", ""},
      {"javascript:alert(1)", nullptr, "javascript"},
      {" JaVaScRiPt:alert(1)", nullptr, "javascript"},
      {"java\tscript:alert(1)", nullptr, "javascript"},
      {"java\nscript:alert(1)", nullptr, "javascript"},
      {"\x01\x02javascript:alert(1)", nullptr, "javascript"},
      {"vbscript:msgbox", nullptr, "vbscript"},
      {"DATA:text/html;base64,PHNjcmlwdD4=", nullptr, "data"},
      {"file:///etc/passwd", nullptr, "file"},
      {"mailto:a@b.cn", nullptr, "mailto"},
      {"", nullptr, ""},
      {" \t ", nullptr, ""},
      {"https://", nullptr, ""},
      {"http://bad host/", nullptr, ""},
  };
  for (const auto& c : cases) {
    std::string out;
    std::string scheme;
    const bool ok = resolve_url(c.reference, base, &out, &scheme);
    if (c.expected) {
      EXPECT_TRUE(ok) << c.reference;
      EXPECT_EQ(out, c.expected) << c.reference;
    } else {
      EXPECT_FALSE(ok) << c.reference << " gave " << out;
      EXPECT_EQ(scheme, c.scheme) << c.reference;
    }
  }
}

TEST(Url, RelativeReferencesWithoutABaseStayRelative) {
  std::string out;
  std::string scheme;
  ASSERT_TRUE(resolve_url(" \\art\\1.html", "", &out, &scheme));
  EXPECT_EQ(out, "/art/1.html");
  EXPECT_FALSE(resolve_url("javascript:x", "", &out, &scheme));
  EXPECT_EQ(scheme, "javascript");
  // A base that is given but unusable is an error, not silently ignored.
  EXPECT_FALSE(resolve_url("/a", "ftp://x/", &out, &scheme));
  EXPECT_EQ(scheme, "");
}

TEST(Url, IdentityDropsTheFragmentOnly) {
  EXPECT_EQ(url_identity("https://A.gov.cn/x?y=1#z"), "https://a.gov.cn/x?y=1");
  EXPECT_EQ(url_identity("https://a.gov.cn"), "https://a.gov.cn/");
  EXPECT_NE(url_identity("https://a.gov.cn/x?y=1"), url_identity("https://a.gov.cn/x?y=2"));
  EXPECT_EQ(url_identity("/rel#a"), "/rel");
}

}  // namespace
}  // namespace pw
