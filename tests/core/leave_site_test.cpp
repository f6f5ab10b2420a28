// Leave-site rules (core/leave_site.h), driven by the shared table of link
// cases tests/link_cases.json that the Chromium tests also use.
#include "core/leave_site.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tests/core/test_data.h"

namespace pw {
namespace {

using nlohmann::json;

json load_link_cases() { return test::load_json("tests/link_cases.json"); }

UrlParts parts_from(const json& parts) {
  UrlParts url;
  if (parts.is_null()) {
    url.valid = false;
    return url;
  }
  url.scheme = parts.value("scheme", "");
  url.host = parts.value("host", "");
  url.port = parts.value("port", "");
  url.path = parts.value("path", "");
  url.query = parts.value("query", "");
  url.fragment = parts.value("fragment", "");
  return url;
}

UrlParts page_parts() {
  UrlParts page;
  page.scheme = "https:";
  page.host = "www.example.gov.cn";
  page.path = "/art/2024/5/20/art_1_2.html";
  page.query = "?id=1";
  return page;
}

TEST(LinkCases, TableLoadsAndCoversEveryReason) {
  json table = load_link_cases();
  ASSERT_TRUE(table.is_object()) << "cannot read or parse " << test::source_path("tests/link_cases.json");
  ASSERT_TRUE(table["cases"].is_array());
  std::set<std::string> reasons;
  for (const json& c : table["cases"]) reasons.insert(c.value("reason", ""));
  EXPECT_EQ(reasons, (std::set<std::string>{"same-page", "same-site", "allowlisted", "non-navigating",
                                             "opted-out", "invalid", "external", "other-scheme"}));
  EXPECT_EQ(table["page"], "https://www.example.gov.cn/art/2024/5/20/art_1_2.html?id=1");
}

TEST(LinkCases, EveryCaseGetsTheExpectedDecision) {
  json table = load_link_cases();
  ASSERT_TRUE(table.is_object()) << "cannot read or parse " << test::source_path("tests/link_cases.json");
  LeaveAttributes attributes;
  std::string site_hosts = table["attributes"].value("data-site-hosts", "");
  std::string allow = table["attributes"].value("data-allow", "");
  attributes.site_hosts = site_hosts;
  attributes.allow = allow;
  Errors errors;
  LeaveConfig config = parse_leave_config(attributes, &errors);
  ASSERT_TRUE(errors.empty()) << errors[0].message;

  UrlParts page = page_parts();
  int checked = 0;
  for (const json& c : table["cases"]) {
    std::string href = c.value("href", "");
    SCOPED_TRACE("href " + json(href).dump() + " (" + c.value("note", "") + ")");
    LeaveDecision d = classify_link(parts_from(c["parts"]), page, config, c.value("opted_out", false));
    EXPECT_EQ(leave_action_id(d.action), c.value("action", "?"));
    EXPECT_EQ(leave_reason_id(d.reason), c.value("reason", "?"));
    EXPECT_EQ(d.host, c.value("host", "?"));
    if (c.contains("display")) {
      HostDisplay display = display_host(d.host);
      EXPECT_EQ(display.unicode, c["display"].value("unicode", "?"));
      EXPECT_EQ(display.show_ascii, c["display"].value("show_ascii", false));
    }
    ++checked;
  }
  EXPECT_GE(checked, 80);
}

TEST(ClassifyLink, AcceptsPartsWithOrWithoutTheirPunctuation) {
  LeaveConfig config;
  UrlParts page = page_parts();
  UrlParts link = page;
  link.scheme = "HTTPS";
  link.query = "id=1";
  link.fragment = "#x";
  EXPECT_EQ(classify_link(link, page, config, false).reason, LeaveReason::same_page);
  link.query = "?id=2";
  EXPECT_EQ(classify_link(link, page, config, false).reason, LeaveReason::same_site);
}

TEST(ClassifyLink, ThePageHostIsAlwaysSameSiteWhateverThePort) {
  LeaveConfig config;  // no data-site-hosts
  UrlParts page;
  page.scheme = "http:";
  page.host = "127.0.0.1";
  page.port = "8080";
  page.path = "/";
  UrlParts link = page;
  link.port = "9000";
  link.path = "/other";
  LeaveDecision d = classify_link(link, page, config, false);
  EXPECT_EQ(d.action, LeaveAction::pass);
  EXPECT_EQ(d.reason, LeaveReason::same_site);
  link.host = "127.0.0.2";
  EXPECT_EQ(classify_link(link, page, config, false).reason, LeaveReason::external);
}

TEST(ClassifyLink, OptOutWinsOverEverything) {
  LeaveConfig config;
  UrlParts link;
  link.scheme = "weixin";
  EXPECT_EQ(classify_link(link, page_parts(), config, true).reason, LeaveReason::opted_out);
  link.valid = false;
  EXPECT_EQ(classify_link(link, page_parts(), config, true).reason, LeaveReason::opted_out);
  EXPECT_EQ(classify_link(link, page_parts(), config, false).reason, LeaveReason::invalid);
}

TEST(ClassifyLink, ReasonAndActionIds) {
  EXPECT_STREQ(leave_reason_id(LeaveReason::same_page), "same-page");
  EXPECT_STREQ(leave_reason_id(LeaveReason::other_scheme), "other-scheme");
  EXPECT_STREQ(leave_reason_id(LeaveReason::non_navigating), "non-navigating");
  EXPECT_STREQ(leave_action_id(LeaveAction::confirm), "confirm");
  EXPECT_STREQ(leave_action_id(LeaveAction::pass), "pass");
}

TEST(ParseLeaveConfig, DefaultsWhenAttributesAreAbsent) {
  Errors errors;
  LeaveConfig config = parse_leave_config(LeaveAttributes{}, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(config.site_hosts.empty());
  EXPECT_TRUE(config.allow.empty());
  EXPECT_EQ(config.mode, LeaveMode::dialog);
  EXPECT_EQ(config.message, "");
  EXPECT_EQ(config.countdown_seconds, 0);
  EXPECT_EQ(config.remember, LeaveRemember::off);
}

TEST(ParseLeaveConfig, ReadsValidValues) {
  LeaveAttributes a;
  a.leave = " Mark ";
  a.message = "即将离开“{site}”，前往 {host}";
  a.countdown = "5";
  a.remember = "VISIT";
  Errors errors;
  LeaveConfig config = parse_leave_config(a, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(config.mode, LeaveMode::mark);
  EXPECT_EQ(config.message, "即将离开“{site}”，前往 {host}");
  EXPECT_EQ(config.countdown_seconds, 5);
  EXPECT_EQ(config.remember, LeaveRemember::visit);
  a.leave = "off";
  a.countdown = "60";
  a.remember = "off";
  config = parse_leave_config(a, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(config.mode, LeaveMode::off);
  EXPECT_EQ(config.countdown_seconds, 60);
  EXPECT_EQ(config.remember, LeaveRemember::off);
}

TEST(ParseLeaveConfig, EachBadAttributeGivesOneErrorAndItsDefault) {
  LeaveAttributes a;
  a.site_hosts = "www.example.gov.cn example.gov.cn/";
  a.allow = "*.gov.cn evil*.cn";
  a.leave = "popup";
  a.message = "离开{site}，去{url}";
  a.countdown = "5s";
  a.remember = "always";
  Errors errors;
  LeaveConfig config = parse_leave_config(a, &errors);
  ASSERT_EQ(errors.size(), 6u);
  std::map<std::string, Error> by_id;
  for (const Error& e : errors) by_id[e.id] = e;
  ASSERT_EQ(by_id.size(), 6u);
  EXPECT_EQ(by_id["pw.config.bad_site_hosts"].source, "data-site-hosts");
  EXPECT_EQ(by_id["pw.config.bad_allow"].source, "data-allow");
  EXPECT_EQ(by_id["pw.config.bad_leave"].message,
            "data-leave=\"popup\": \"popup\" is not a mode; expected \"dialog\" (ask), \"mark\" "
            "(mark external links) or \"off\"");
  EXPECT_EQ(by_id["pw.config.bad_leave"].source, "data-leave");
  EXPECT_EQ(by_id["pw.config.bad_leave_message"].message,
            "data-leave-message=\"离开{site}，去{url}\": \"{url}\" is not a placeholder; expected "
            "text of at most 500 bytes with the placeholders {site} and {host}, such as "
            "\"即将离开“{site}”，前往 {host}，是否继续？\"");
  EXPECT_EQ(by_id["pw.config.bad_leave_countdown"].message,
            "data-leave-countdown=\"5s\": \"5s\" is not a whole number of seconds; expected a whole "
            "number of seconds from 0 (never continue automatically) to 60, such as \"5\"");
  EXPECT_EQ(by_id["pw.config.bad_leave_remember"].message,
            "data-leave-remember=\"always\": \"always\" is not a choice; expected \"visit\" (don't "
            "ask again for that host during this visit) or \"off\"");
  // Defaults, and the valid entries of the lists still apply.
  EXPECT_EQ(config.mode, LeaveMode::dialog);
  EXPECT_EQ(config.message, "");
  EXPECT_EQ(config.countdown_seconds, 0);
  EXPECT_EQ(config.remember, LeaveRemember::off);
  ASSERT_EQ(config.site_hosts.size(), 1u);
  EXPECT_EQ(config.site_hosts[0].host, "www.example.gov.cn");
  ASSERT_EQ(config.allow.size(), 1u);
  EXPECT_EQ(config.allow[0].host, "gov.cn");
}

TEST(ParseLeaveConfig, CountdownLimits) {
  auto countdown_error = [](std::string_view value) {
    LeaveAttributes a;
    a.countdown = value;
    Errors errors;
    parse_leave_config(a, &errors);
    return errors.empty() ? std::string() : errors[0].message;
  };
  EXPECT_EQ(countdown_error("0"), "");
  EXPECT_EQ(countdown_error(" 10 "), "");
  EXPECT_NE(countdown_error("61").find("\"61\" is more than 60 seconds"), std::string::npos);
  EXPECT_NE(countdown_error("-1").find("is not a whole number"), std::string::npos);
  EXPECT_NE(countdown_error("1.5").find("is not a whole number"), std::string::npos);
  // Any length of digits is "more than 60", never an overflow (found by UBSan).
  EXPECT_NE(countdown_error("99999999999").find("is more than 60 seconds"), std::string::npos);
  EXPECT_EQ(countdown_error("0000000000000000000007"), "");
}

TEST(ParseLeaveConfig, MessageChecks) {
  auto message_error = [](std::string_view value) {
    LeaveAttributes a;
    a.message = value;
    Errors errors;
    parse_leave_config(a, &errors);
    if (errors.empty()) return std::string();
    EXPECT_EQ(errors[0].id, "pw.config.bad_leave_message");
    return errors[0].message;
  };
  EXPECT_EQ(message_error("Leaving {site} for {host}. Continue?"), "");
  EXPECT_EQ(message_error("no placeholders at all }"), "");
  EXPECT_NE(message_error("open {site").find("\"{\" is not closed by \"}\""), std::string::npos);
  EXPECT_NE(message_error("bad \xff byte").find("is not valid UTF-8"), std::string::npos);
  EXPECT_NE(message_error(std::string(501, 'x')).find("longer than 500 bytes"), std::string::npos);
  EXPECT_NE(message_error("即将离开\x1b{site}").find("invisible control character (U+001B)"), std::string::npos);
  EXPECT_NE(message_error("\u202e{host}").find("invisible control character (U+202E)"), std::string::npos);
}

TEST(FormatLeaveMessage, FillsPlaceholders) {
  EXPECT_EQ(format_leave_message("您访问的链接即将离开“{site}”，是否继续？", "某某县人民政府门户网站", "x.cn"),
            "您访问的链接即将离开“某某县人民政府门户网站”，是否继续？");
  EXPECT_EQ(format_leave_message("{site} → {host} ({host})", "S", "h.example"),
            "S → h.example (h.example)");
  EXPECT_EQ(format_leave_message("{other} {site", "S", "H"), "{other} {site");
  EXPECT_EQ(format_leave_message("", "S", "H"), "");
}

}  // namespace
}  // namespace pw

namespace pw {
namespace {

// A page's own leave prompt on its links: the code and classes as templates write them.
TEST(LegacyLeavePrompt, FoundInInlineConfirmsAndKnownClasses) {
  struct Row {
    const char* code;
    const char* classes;
    bool found;
  };
  const Row rows[] = {
      {"return confirm('您即将离开本站，是否继续？')", "", true},
      {" return confirm(\"即将访问外部网站\");", "", true},
      {"javascript:if(confirm('您將離開本網站'))location.href='http://x'", "", true},
      {"return confirm('You are about to LEAVE this site')", "", true},
      {"return confirm('确定要删除吗？')", "", false},  // a confirm about something else
      {"confirmLeave()", "", false},                  // not confirm(
      {"", "link out_href_warn", true},
      {"", "Out-Href-Warn", true},
      {"", "outlink", false},
      {"window.open(this.href)", "", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(!legacy_leave_prompt(row.code, row.classes).empty(), row.found) << row.code << " / " << row.classes;
  }
  EXPECT_EQ(legacy_leave_prompt("return confirm('即将离开')", ""), "the inline confirm(…) in its onclick or href");
  EXPECT_EQ(legacy_leave_prompt("", "a out_href_warn"),
            "the class out_href_warn on its links and the script that binds a prompt to it");
}

}  // namespace
}  // namespace pw
