// core/host.cpp built with PW_HOSTS_ASCII_ONLY, as in the `core` module every
// page fetches (CMakeLists.txt links this test with that build of host.cpp):
// every host it accepts or refuses gets the full build's answer, and every host
// that needs IDN or IP parsing is handed on to the full build, never answered.
#include <gtest/gtest.h>

#include <cctype>

#include "core/host.h"
#include "tests/core/test_data.h"

namespace pw {
namespace {

using nlohmann::json;

// What the full build needs that this one leaves out (core/host.h).
bool needs_full_parser(const std::string& input) {
  for (unsigned char c : input) {
    if (c >= 0x80) return true;
  }
  if (!input.empty() && input.front() == '[') return true;
  std::string lower;
  for (char c : input) lower += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  if (lower.rfind("xn--", 0) == 0 || lower.find(".xn--") != std::string::npos) return true;
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  const size_t dot = lower.rfind('.');
  const std::string last = dot == std::string::npos ? lower : lower.substr(dot + 1);
  if (last.empty() || !std::isdigit(static_cast<unsigned char>(last[0]))) return false;
  // Dotted decimal ("10.0.0.1", as browsers give IPv4 hosts) is answered here.
  int parts = 0;
  for (size_t i = 0, j; i <= lower.size(); i = j + 1, ++parts) {
    j = lower.find('.', i);
    if (j == std::string::npos) j = lower.size();
    const std::string part = lower.substr(i, j - i);
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos ||
        (part.size() > 1 && part[0] == '0') || std::stoi(part) > 255) {
      return true;
    }
  }
  return parts != 4;
}

TEST(HostsAsciiOnly, AnswersEveryAsciiHostOfTheTableAsTheFullBuildAndHandsOnTheRest) {
  const json table = test::load_json("tests/host_cases.json");
  ASSERT_TRUE(table.is_object());
  int answered = 0, handed_on = 0;
  for (const json& row : table["cases"]) {
    const std::string input = row["input"];
    std::string out = "(unchanged)", why;
    const bool ok = normalize_host(input, &out, &why);
    if (take_full_host_parser_needed()) {
      EXPECT_FALSE(ok) << input;
      EXPECT_TRUE(needs_full_parser(input)) << input << " was handed on";
      EXPECT_EQ(out, "(unchanged)") << input;
      ++handed_on;
      continue;
    }
    ++answered;
    if (row["core"].is_null()) {
      EXPECT_FALSE(ok) << input << " gave " << out;
      EXPECT_FALSE(why.empty()) << input;
    } else {
      EXPECT_TRUE(ok) << input << ": " << why;
      EXPECT_EQ(out, row["core"].get<std::string>()) << input;
    }
  }
  // The table is about what Chinese input methods type: nearly all of it is non-ASCII.
  EXPECT_GE(answered + handed_on, 40);
  EXPECT_GE(handed_on, 20);
}

std::string normalized(std::string_view input) {
  std::string out = "(unchanged)", why;
  if (!normalize_host(input, &out, &why)) return "error: " + why;
  return out;
}

// The same answers as host_test.cpp's NormalizeHost cases in ASCII.
TEST(HostsAsciiOnly, NamesWhatIsWrongAsTheFullBuild) {
  EXPECT_EQ(normalized("WWW.Example.GOV.CN."), "www.example.gov.cn");
  EXPECT_EQ(normalized("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(normalized("255.255.255.255."), "255.255.255.255");
  EXPECT_EQ(normalized("_dmarc.example.cn"), "_dmarc.example.cn");
  EXPECT_EQ(normalized(""), "error: is empty");
  EXPECT_EQ(normalized("https://www.gov.cn"), "error: has a scheme (\"https://\")");
  EXPECT_EQ(normalized("www.gov.cn/zhengce"), "error: has a path (\"/zhengce\")");
  EXPECT_EQ(normalized("www.gov.cn?a=1"), "error: has a query (\"?a=1\")");
  EXPECT_EQ(normalized("www.gov.cn:8080"), "error: has a port (\":8080\")");
  EXPECT_EQ(normalized("::1"), "error: looks like an IPv6 address without brackets (write it as \"[...]\")");
  EXPECT_EQ(normalized("user@www.gov.cn"), "error: has user information before \"@\"");
  EXPECT_EQ(normalized("a..gov.cn"), "error: has an empty label");
  EXPECT_EQ(normalized("ev%69l.cn"), "error: contains \"%\", which is not allowed in host names");
  EXPECT_EQ(normalized("a\x01.cn"), "error: contains a control character, which is not allowed in host names");
  EXPECT_EQ(normalized("a.*.cn"), "error: has a \"*\" that is not a leading \"*.\"");
  EXPECT_EQ(normalized(std::string(64, 'a') + ".cn"), "error: has a label longer than 63 characters");
  std::string long_host;
  for (int i = 0; i < 64; ++i) long_host += "abc.";
  EXPECT_EQ(normalized(long_host + "cn"), "error: is longer than 253 characters");
  EXPECT_FALSE(take_full_host_parser_needed());
}

TEST(HostsAsciiOnly, HandsOnIdnAndIpAddresses) {
  for (const char* input : {"政府.cn", "xn--mxtq1m.cn", "www.XN--MXTQ1M.cn", "0x7f.1", "127.1", "010.0.0.1",
                            "2130706433", "256.0.0.1", "1.2.3.4.5", "[::1]", "ｗｗｗ.gov.cn"}) {
    std::string out, why;
    EXPECT_FALSE(normalize_host(input, &out, &why)) << input;
    EXPECT_TRUE(take_full_host_parser_needed()) << input;
    EXPECT_FALSE(take_full_host_parser_needed()) << input << ": taking it clears it";
  }
  std::string out, why;
  EXPECT_TRUE(normalize_host("WWW.Gov.CN.", &out, &why));
  EXPECT_EQ(out, "www.gov.cn");
  EXPECT_FALSE(normalize_host("www.gov.cn:8080", &out, &why));
  EXPECT_EQ(why, "has a port (\":8080\")");
  EXPECT_FALSE(take_full_host_parser_needed());
}

TEST(HostsAsciiOnly, AHostListWithOneIdnEntryIsHandedOn) {
  Errors errors;
  const auto hosts = parse_host_list("www.gov.cn 政府.cn", false, "data-site-hosts", "pw.config.bad_site_hosts", &errors);
  EXPECT_TRUE(take_full_host_parser_needed());
  const auto ascii = parse_host_list("www.gov.cn, *.gov.cn", true, "data-allow", "pw.leave.bad_allow", &errors);
  EXPECT_FALSE(take_full_host_parser_needed());
  ASSERT_EQ(ascii.size(), 2u);
  EXPECT_EQ(ascii[1].host, "gov.cn");
  EXPECT_TRUE(ascii[1].subdomains);
}

TEST(HostsAsciiOnly, DisplaysAsciiHostsAndHandsOnPunycode) {
  const HostDisplay plain = display_host("WWW.Gov.CN");
  EXPECT_FALSE(take_full_host_parser_needed());
  EXPECT_EQ(plain.unicode, "www.gov.cn");
  EXPECT_FALSE(plain.show_ascii);
  display_host("www.xn--mxtq1m.cn");
  EXPECT_TRUE(take_full_host_parser_needed());
  EXPECT_EQ(canonical_host("Example.CN."), "example.cn");
}

}  // namespace
}  // namespace pw
