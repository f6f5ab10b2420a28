#include "core/config.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace pw {
namespace {

ConfigInput page(std::map<std::string, std::string> attributes = {}) {
  ConfigInput in;
  in.attributes = std::move(attributes);
  in.page_host = "www.example.gov.cn";
  in.html_lang = "zh-CN";
  in.title = "关于政策的解读_某某县人民政府门户网站";
  return in;
}

TEST(Config, DefaultsComeFromThePage) {
  ConfigInput in = page();
  in.meta_site_name = "某某县人民政府门户网站";
  const ConfigResult r = resolve_config(in);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.site_name, "某某县人民政府门户网站");
  EXPECT_EQ(r.config.site_hosts, std::vector<std::string>{"www.example.gov.cn"});
  EXPECT_EQ(r.config.lang, Language::kZhHans);
}

TEST(Config, SiteNameFallsBackToHost) {
  const ConfigResult r = resolve_config(page());
  EXPECT_EQ(r.config.site_name, "www.example.gov.cn");
}

TEST(Config, SiteNameAttributeWinsAndIsTrimmed) {
  ConfigInput in = page({{"data-site-name", "\u3000 某某县政府网 "}});
  in.meta_site_name = "Meta";
  EXPECT_EQ(resolve_config(in).config.site_name, "某某县政府网");
}

TEST(Config, EmptySiteNameIsAnError) {
  ConfigInput in = page({{"data-site-name", "  "}});
  in.meta_site_name = "某某县人民政府门户网站";
  const ConfigResult r = resolve_config(in);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.bad_site_name");
  EXPECT_EQ(r.errors[0].source, "data-site-name");
  EXPECT_EQ(r.config.site_name, "某某县人民政府门户网站");
}

TEST(Config, OverlongSiteNameIsAnError) {
  std::string longname;
  for (int i = 0; i < 101; ++i) longname += "县";
  const ConfigResult r = resolve_config(page({{"data-site-name", longname}}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.bad_site_name");
  EXPECT_EQ(r.config.site_name, "www.example.gov.cn");
}

TEST(Config, SiteNameIsNeverEmpty) {
  // A page without a host (file:, an about:blank frame) and without a name.
  ConfigInput in;
  in.attributes["data-site-name"] = "";
  EXPECT_EQ(resolve_config(in).config.site_name, "本站");
  in.html_lang = "en";
  EXPECT_EQ(resolve_config(in).config.site_name, "this site");
  // A meta SiteName with a control character is not used either.
  in.meta_site_name = "某某\x01县";
  EXPECT_EQ(resolve_config(in).config.site_name, "this site");
}

TEST(Config, SiteNameWithControlCharactersIsAnError) {
  // A control character pasted with the name, or a bidi override that would
  // reorder the prompt's text: the name is not shown.
  for (const char* name : {"某某县\x01人民政府", "某某县\u202e府政民人", "\u200b某某县人民政府\u200b"}) {
    const ConfigResult r = resolve_config(page({{"data-site-name", name}}));
    ASSERT_EQ(r.errors.size(), 1u) << name;
    EXPECT_EQ(r.errors[0].id, "pw.config.bad_site_name");
    EXPECT_NE(r.errors[0].message.find("invisible control character (U+"), std::string::npos) << r.errors[0].message;
    EXPECT_EQ(r.config.site_name, "www.example.gov.cn");
  }
  // Line breaks and tabs inside the attribute are white space, not controls.
  EXPECT_TRUE(resolve_config(page({{"data-site-name", "某某县\n人民政府"}})).errors.empty());
}

TEST(Config, SiteHostsAreSplitNormalisedAndDeduplicated) {
  const ConfigResult r = resolve_config(
      page({{"data-site-hosts", "WWW.Example.gov.cn., example.gov.cn，m.example.gov.cn\u3000[::1] 10.0.0.1"}}));
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.config.site_hosts,
            (std::vector<std::string>{"www.example.gov.cn", "example.gov.cn", "m.example.gov.cn", "[::1]",
                                      "10.0.0.1"}));
}

TEST(Config, BadSiteHostEntriesAreReportedAndTheRestApply) {
  const ConfigResult r = resolve_config(
      page({{"data-site-hosts", "https://a.gov.cn/ b.gov.cn c..gov.cn d.gov.cn:8080 *.e.gov.cn 政府.cn"}}));
  ASSERT_EQ(r.errors.size(), 4u);
  for (const Error& e : r.errors) {
    EXPECT_EQ(e.id, "pw.config.bad_site_host");
    EXPECT_EQ(e.source, "data-site-hosts");
  }
  EXPECT_NE(r.errors[0].message.find("https://a.gov.cn/"), std::string::npos) << r.errors[0].message;
  EXPECT_NE(r.errors[1].message.find("c..gov.cn"), std::string::npos) << r.errors[1].message;
  EXPECT_NE(r.errors[2].message.find(":8080"), std::string::npos) << r.errors[2].message;
  EXPECT_NE(r.errors[3].message.find("*.e.gov.cn"), std::string::npos) << r.errors[3].message;
  // IDN hosts are accepted as typed and compared in their punycode form.
  EXPECT_EQ(r.config.site_hosts, (std::vector<std::string>{"www.example.gov.cn", "b.gov.cn", "xn--mxtq1m.cn"}));
}

TEST(Config, EmptySiteHostsIsAnError) {
  const ConfigResult r = resolve_config(page({{"data-site-hosts", " , 　"}}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.bad_site_host");
}

TEST(Config, EmptySiteHostsIsReportedAfterOtherAttributesErrors) {
  // Errors about other attributes (the misspelt name is reported first) must
  // not hide this attribute's own.
  const ConfigResult r =
      resolve_config(page({{"data-sitename", "x"}, {"data-lang", "fr"}, {"data-site-hosts", ""}}));
  ASSERT_EQ(r.errors.size(), 3u);
  std::vector<std::string> ids;
  for (const Error& e : r.errors) ids.push_back(e.id + " " + e.source);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"pw.config.bad_lang data-lang",
                                           "pw.config.bad_site_host data-site-hosts",
                                           "pw.config.unknown_attribute data-sitename"}));
}

TEST(Config, LanguageRule) {
  EXPECT_EQ(language_from_page("zh-CN", ""), Language::kZhHans);
  EXPECT_EQ(language_from_page("zh", ""), Language::kZhHans);
  EXPECT_EQ(language_from_page("", ""), Language::kZhHans);
  EXPECT_EQ(language_from_page("fr", "Accueil"), Language::kZhHans);
  EXPECT_EQ(language_from_page("zh-TW", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh-hk", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh-MO", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh-Hant-CN", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh-Hans-HK", ""), Language::kZhHant);  // region HK counts
  EXPECT_EQ(language_from_page("en", "County Government"), Language::kEn);
  EXPECT_EQ(language_from_page("en-US", "County Government"), Language::kEn);
  EXPECT_EQ(language_from_page("EN", "某某县人民政府"), Language::kZhHans);  // CMS default lang, Chinese page
  EXPECT_EQ(language_from_page("zh-TWX", ""), Language::kZhHans);        // not a TW subtag
}

TEST(Config, LanguageRuleReadsUnderscoresAsHyphens) {
  // CMS templates and server locales write zh_TW.
  EXPECT_EQ(language_from_page("zh_TW", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh_hk", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh_Hant_TW", ""), Language::kZhHant);
  EXPECT_EQ(language_from_page("zh_CN", ""), Language::kZhHans);
  EXPECT_EQ(language_from_page("en_US", "County Government"), Language::kEn);
  const ConfigResult r = resolve_config(page({{"data-lang", "zh_Hant"}}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.lang, Language::kZhHant);
}

TEST(Config, DataLangOverridesAndIsValidated) {
  ConfigResult r = resolve_config(page({{"data-lang", "ZH-hant"}}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.lang, Language::kZhHant);
  r = resolve_config(page({{"data-lang", "fr"}}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.bad_lang");
  EXPECT_EQ(r.errors[0].source, "data-lang");
  EXPECT_EQ(r.errors[0].message,
            "portal-widgets: data-lang=\"fr\" is not supported; expected one of zh-Hans, zh-Hant, en. "
            "Using zh-Hans (from the page's lang).");
  EXPECT_EQ(r.config.lang, Language::kZhHans);
}

TEST(Config, DataModeIsValidated) {
  EXPECT_TRUE(resolve_config(page({{"data-mode", "JS"}})).errors.empty());
  EXPECT_TRUE(resolve_config(page({{"data-mode", "auto"}})).errors.empty());
  const ConfigResult r = resolve_config(page({{"data-mode", "wasm"}}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.bad_mode");
  EXPECT_EQ(r.errors[0].source, "data-mode");
  EXPECT_NE(r.errors[0].message.find("expected auto or js"), std::string::npos);
}

TEST(Config, ColorSchemeIsLightUnlessAutoIsAskedFor) {
  EXPECT_EQ(resolve_config(page({})).config.color_scheme, pw::ColorScheme::kLight);
  for (const char* value : {"auto", " AUTO ", "Auto"}) {
    const ConfigResult r = resolve_config(page({{"data-color-scheme", value}}));
    EXPECT_TRUE(r.errors.empty()) << value;
    EXPECT_EQ(r.config.color_scheme, pw::ColorScheme::kAuto) << value;
  }
  const ConfigResult light = resolve_config(page({{"data-color-scheme", "light"}}));
  EXPECT_TRUE(light.errors.empty());
  EXPECT_EQ(light.config.color_scheme, pw::ColorScheme::kLight);
  const ConfigResult dark = resolve_config(page({{"data-color-scheme", "dark"}}));
  ASSERT_EQ(dark.errors.size(), 1u);
  EXPECT_EQ(dark.errors[0].id, "pw.config.bad_color_scheme");
  EXPECT_EQ(dark.errors[0].source, "data-color-scheme");
  EXPECT_EQ(dark.errors[0].message,
            "portal-widgets: data-color-scheme=\"dark\" is not supported; expected light or auto. Using light.");
  EXPECT_EQ(dark.config.color_scheme, pw::ColorScheme::kLight);
  EXPECT_STREQ(pw::color_scheme_name(pw::ColorScheme::kAuto), "auto");
  EXPECT_STREQ(pw::color_scheme_name(pw::ColorScheme::kLight), "light");
  // A typo is caught as an unknown attribute that suggests the name.
  const ConfigResult typo = resolve_config(page({{"data-colour-scheme", "auto"}}));
  ASSERT_EQ(typo.errors.size(), 1u);
  EXPECT_EQ(typo.errors[0].id, "pw.config.unknown_attribute");
  EXPECT_NE(typo.errors[0].message.find("did you mean data-color-scheme?"), std::string::npos) << typo.errors[0].message;
}

TEST(Config, UnknownAttributesAreReported) {
  const ConfigResult r = resolve_config(page({{"data-site-host", "a.gov.cn"}}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.config.unknown_attribute");
  EXPECT_EQ(r.errors[0].source, "data-site-host");
  EXPECT_EQ(r.errors[0].message,
            "portal-widgets: the script tag's data-site-host=\"a.gov.cn\" is not a known attribute; "
            "did you mean data-site-hosts?");
}

TEST(Config, UnknownAttributesThatLookLikeOursAreReported) {
  // Our prefixes, and typos within two edits of a known name.
  for (const char* name : {"data-site-title", "data-allowed-hosts", "data-leave-timeout", "data-language",
                           "data-mode-js", "data-pw-leave", "data-sitename", "data-alow", "data-mdoe",
                           "data-leav", "data-lnag", "data-sit-hosts", "data-leave-mesage"}) {
    const ConfigResult r = resolve_config(page({{name, "x"}}));
    ASSERT_EQ(r.errors.size(), 1u) << name;
    EXPECT_EQ(r.errors[0].id, "pw.config.unknown_attribute") << name;
    EXPECT_EQ(r.errors[0].source, name);
  }
  const ConfigResult r = resolve_config(page({{"data-site-title", "x"}}));
  EXPECT_NE(r.errors[0].message.find("expected one of data-site-name, data-site-hosts"), std::string::npos)
      << r.errors[0].message;
}

TEST(Config, OtherScriptsAttributesAreIgnored) {
  const ConfigResult r = resolve_config(page({{"data-cfasync", "false"},
                                              {"data-cf-settings", "abc-|49"},
                                              {"data-main", "scripts/main"},
                                              {"data-turbo-track", "reload"},
                                              {"data-no-optimize", "1"},
                                              {"data-domain", "example.gov.cn"},
                                              {"data-website-id", "0000"},
                                              {"data-name", "x"},
                                              // two edits from data-mode, data-lang, data-allow:
                                              // other scripts' names, not typos of ours
                                              {"data-role", "button"},
                                              {"data-tag", "x"},
                                              {"data-modal", "x"},
                                              {"data-module", "x"},
                                              {"data-algo", "x"},
                                              {"data-lazy", "x"},
                                              {"data-save", "x"},
                                              {"data-site-name", "某某县人民政府门户网站"}}));
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.config.site_name, "某某县人民政府门户网站");
}

}  // namespace
}  // namespace pw
