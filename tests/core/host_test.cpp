// Host normalisation, host lists and display (core/host.h).
#include "core/host.h"

#include <gtest/gtest.h>

#include "tests/core/test_data.h"

namespace pw {
namespace {

using nlohmann::json;

std::string normalized(std::string_view input) {
  std::string out = "(unchanged)", why;
  if (!normalize_host(input, &out, &why)) return "error: " + why;
  return out;
}

TEST(NormalizeHost, LowerCasesAndDropsOneTrailingDot) {
  EXPECT_EQ(normalized("WWW.Example.GOV.CN."), "www.example.gov.cn");
  EXPECT_EQ(normalized("www.example.gov.cn.."), "error: has an empty label");
  EXPECT_EQ(normalized("localhost"), "localhost");
  EXPECT_EQ(normalized("_dmarc.example.cn"), "_dmarc.example.cn");
}

TEST(NormalizeHost, ConvertsUnicodeLabelsToPunycode) {
  EXPECT_EQ(normalized("政府.cn"), "xn--mxtq1m.cn");
  EXPECT_EQ(normalized("www。政府。cn"), "www.xn--mxtq1m.cn");  // U+3002
  EXPECT_EQ(normalized("www．gov｡cn"), "www.gov.cn");           // U+FF0E, U+FF61
  EXPECT_EQ(normalized("bücher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(normalized("xn--mxtq1m.cn"), "xn--mxtq1m.cn");
  EXPECT_EQ(normalized("XN--MXTQ1M.CN"), "xn--mxtq1m.cn");
}

TEST(NormalizeHost, RejectsInvalidPunycodeLabels) {
  EXPECT_EQ(normalized("xn--abc-.cn"), "error: has a label \"xn--abc-\" that is not valid Punycode");
  EXPECT_EQ(normalized("xn--.cn"), "error: has a label \"xn--\" that is not valid Punycode");
  EXPECT_EQ(normalized("xn--9999999999999.cn"),
            "error: has a label \"xn--9999999999999\" that is not valid Punycode");
}

TEST(NormalizeHost, CanonicalisesIpv4InEveryWhatwgForm) {
  EXPECT_EQ(normalized("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(normalized("255.255.255.255."), "255.255.255.255");
  EXPECT_EQ(normalized("1.2.3.256"), "error: is not a valid IPv4 address");
  EXPECT_EQ(normalized("0.0.0.0"), "0.0.0.0");
  EXPECT_EQ(normalized("0x7f.1"), "127.0.0.1");
  EXPECT_EQ(normalized("2130706433"), "127.0.0.1");
  EXPECT_EQ(normalized("0177.0.0.1"), "127.0.0.1");
  EXPECT_EQ(normalized("10.0.0.1."), "10.0.0.1");
  EXPECT_EQ(normalized("0x"), "0.0.0.0");
  EXPECT_EQ(normalized("256.0.0.1"), "error: is not a valid IPv4 address");
  EXPECT_EQ(normalized("1.2.3.4.5"), "error: is not a valid IPv4 address");
  EXPECT_EQ(normalized("4294967296"), "error: is not a valid IPv4 address");
  EXPECT_EQ(normalized("09.1.1.1"), "error: is not a valid IPv4 address");
  // Only a numeric last label makes an address: this is a host name.
  EXPECT_EQ(normalized("1.2.3.cn"), "1.2.3.cn");
}

TEST(NormalizeHost, CanonicalisesIpv6) {
  EXPECT_EQ(normalized("[::1]"), "[::1]");
  EXPECT_EQ(normalized("[0:0::1]"), "[::1]");
  EXPECT_EQ(normalized("[2001:DB8:0:0:1:0:0:1]"), "[2001:db8::1:0:0:1]");
  EXPECT_EQ(normalized("[::ffff:127.0.0.1]"), "[::ffff:7f00:1]");
  EXPECT_EQ(normalized("[1:2:3:4:5:6:7:8]"), "[1:2:3:4:5:6:7:8]");
  EXPECT_EQ(normalized("[::]"), "[::]");
  EXPECT_EQ(normalized("[1::2::3]"), "error: is not a valid IPv6 address");
  EXPECT_EQ(normalized("[12345::]"), "error: is not a valid IPv6 address");
  EXPECT_EQ(normalized("[::1"), "error: has \"[\" without \"]\"");
  EXPECT_EQ(normalized("[::1]:8080"), "error: has a port (\":8080\")");
  EXPECT_EQ(normalized("::1"), "error: looks like an IPv6 address without brackets (write it as \"[...]\")");
}

TEST(NormalizeHost, NamesWhatIsWrong) {
  EXPECT_EQ(normalized(""), "error: is empty");
  EXPECT_EQ(normalized("https://www.gov.cn"), "error: has a scheme (\"https://\")");
  EXPECT_EQ(normalized("www.gov.cn/zhengce"), "error: has a path (\"/zhengce\")");
  EXPECT_EQ(normalized("www.gov.cn\\x"), "error: has a path (\"\\x\")");
  EXPECT_EQ(normalized("www.gov.cn?a=1"), "error: has a query (\"?a=1\")");
  EXPECT_EQ(normalized("www.gov.cn#top"), "error: has a fragment (\"#top\")");
  EXPECT_EQ(normalized("www.gov.cn:8080"), "error: has a port (\":8080\")");
  EXPECT_EQ(normalized("user@www.gov.cn"), "error: has user information before \"@\"");
  EXPECT_EQ(normalized("a..gov.cn"), "error: has an empty label");
  EXPECT_EQ(normalized(".gov.cn"), "error: has an empty label");
  EXPECT_EQ(normalized("."), "error: has an empty label");
  EXPECT_EQ(normalized("ev%69l.cn"), "error: contains \"%\", which is not allowed in host names");
  EXPECT_EQ(normalized("a;b.cn"), "error: contains \";\", which is not allowed in host names");
  EXPECT_EQ(normalized("a\x01.cn"), "error: contains a control character, which is not allowed in host names");
  EXPECT_EQ(normalized("a.*.cn"), "error: has a \"*\" that is not a leading \"*.\"");
  EXPECT_EQ(normalized("\xff.cn"), "error: is not valid UTF-8");
  EXPECT_EQ(normalized(std::string(64, 'a') + ".cn"), "error: has a label longer than 63 characters");
  std::string long_host;
  for (int i = 0; i < 64; ++i) long_host += "abc.";
  EXPECT_EQ(normalized(long_host + "cn"), "error: is longer than 253 characters");
}

TEST(Punycode, MatchesRfc3492Samples) {
  struct Sample {
    const char* unicode;
    const char* punycode;
  } samples[] = {
      {"bücher", "bcher-kva"},
      {"政府", "mxtq1m"},
      {"他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"},  // RFC 3492 7.1 (B)
      {"аррӏе", "80ak6aa92e"},
      {"ex\xd0\xb0mple", "exmple-4nf"},
  };
  for (const Sample& s : samples) {
    std::u32string code_points, decoded;
    ASSERT_TRUE(utf8_decode(s.unicode, &code_points)) << s.unicode;
    std::string encoded;
    ASSERT_TRUE(punycode_encode(code_points, &encoded)) << s.unicode;
    EXPECT_EQ(encoded, s.punycode);
    ASSERT_TRUE(punycode_decode(s.punycode, &decoded)) << s.punycode;
    std::string back;
    for (char32_t c : decoded) utf8_append(c, &back);
    EXPECT_EQ(back, s.unicode);
  }
  std::u32string out;
  EXPECT_FALSE(punycode_decode("a!b", &out));
  EXPECT_FALSE(punycode_decode("zzzzzzzzzzzzzzzzz", &out));  // overflow
}

TEST(Utf8, RejectsMalformedInput) {
  std::u32string out;
  EXPECT_TRUE(utf8_decode("a\xc3\xa9\xe6\x94\xbf\xf0\x9f\x98\x80", &out));
  EXPECT_EQ(out, (std::u32string{U'a', U'\u00e9', U'\u653f', U'\U0001F600'}));
  EXPECT_FALSE(utf8_decode("\xc0\xaf", &out));          // overlong "/"
  EXPECT_FALSE(utf8_decode("\xed\xa0\x80", &out));      // surrogate
  EXPECT_FALSE(utf8_decode("\xf4\x90\x80\x80", &out));  // above U+10FFFF
  EXPECT_FALSE(utf8_decode("\xe6\x94", &out));          // truncated
  EXPECT_FALSE(utf8_decode("\x80", &out));              // lone continuation
}

TEST(ParseHostList, SplitsOnSpacesAndCommasAndDropsDuplicates) {
  Errors errors;
  auto list = parse_host_list(" *.gov.cn,www.people.com.cn\t*.GOV.CN,,\n政府.cn ", true, "data-allow",
                              "pw.config.bad_allow", &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(list.size(), 3u);
  auto wide = parse_host_list("*.gov.cn，www.people.com.cn、政府.cn；a.cn\u3000b.cn;c.cn", true, "data-allow",
                              "pw.config.bad_allow", &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(wide.size(), 6u);
  EXPECT_EQ(wide[2].host, "xn--mxtq1m.cn");
  EXPECT_EQ(wide[5].host, "c.cn");
  EXPECT_EQ(list[0].host, "gov.cn");
  EXPECT_TRUE(list[0].subdomains);
  EXPECT_EQ(list[1].host, "www.people.com.cn");
  EXPECT_FALSE(list[1].subdomains);
  EXPECT_EQ(list[2].host, "xn--mxtq1m.cn");
  EXPECT_TRUE(parse_host_list("", true, "data-allow", "pw.config.bad_allow", &errors).empty());
  EXPECT_TRUE(parse_host_list(" , ", true, "data-allow", "pw.config.bad_allow", &errors).empty());
  EXPECT_TRUE(errors.empty());
}

TEST(ParseHostList, ReportsEachBadEntryAndKeepsTheValidOnes) {
  Errors errors;
  auto list = parse_host_list("*.gov.cn * *. a.*.cn **.cn https://a.cn x.cn:8080 a..b *.10.0.0.1 gov.cn",
                              true, "data-allow", "pw.config.bad_allow", &errors);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].host, "gov.cn");
  EXPECT_TRUE(list[0].subdomains);
  EXPECT_EQ(list[1].host, "gov.cn");
  EXPECT_FALSE(list[1].subdomains);
  ASSERT_EQ(errors.size(), 8u);
  for (const Error& e : errors) {
    EXPECT_EQ(e.id, "pw.config.bad_allow");
    EXPECT_EQ(e.source, "data-allow");
  }
  EXPECT_EQ(errors[0].message,
            "data-allow=\"*.gov.cn * *. a.*.cn **.cn https://a.cn x.cn:8080 a..b *.10.0.0.1 gov.cn\": "
            "\"*\" has a \"*\" that is not a leading \"*.\"; expected host names such as "
            "\"www.gov.cn\" or wildcards such as \"*.gov.cn\", separated by spaces or commas");
  auto has = [&](size_t i, const std::string& part) {
    return errors[i].message.find(part) != std::string::npos;
  };
  EXPECT_TRUE(has(1, "\"*.\" is empty")) << errors[1].message;
  EXPECT_TRUE(has(2, "\"a.*.cn\" has a \"*\" that is not a leading \"*.\""));
  EXPECT_TRUE(has(3, "\"**.cn\" has a \"*\" that is not a leading \"*.\""));
  EXPECT_TRUE(has(4, "\"https://a.cn\" has a scheme (\"https://\")"));
  EXPECT_TRUE(has(5, "\"x.cn:8080\" has a port (\":8080\")"));
  EXPECT_TRUE(has(6, "\"a..b\" has an empty label"));
  EXPECT_TRUE(has(7, "\"*.10.0.0.1\" is a wildcard on an IP address")) << errors[7].message;
}

TEST(ParseHostList, RejectsWildcardsWhereOnlyHostsMayStand) {
  Errors errors;
  auto list = parse_host_list("www.example.gov.cn *.example.gov.cn", false, "data-site-hosts",
                              "pw.config.bad_site_hosts", &errors);
  ASSERT_EQ(list.size(), 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "pw.config.bad_site_hosts");
  EXPECT_EQ(errors[0].message,
            "data-site-hosts=\"www.example.gov.cn *.example.gov.cn\": \"*.example.gov.cn\" is a "
            "wildcard, which is not allowed here; expected host names such as "
            "\"www.example.gov.cn\", separated by spaces or commas");
}

TEST(HostMatches, WildcardsMatchStrictSubdomainsAtLabelBoundaries) {
  HostPattern wildcard{"gov.cn", true};
  EXPECT_TRUE(host_matches(wildcard, "www.gov.cn"));
  EXPECT_TRUE(host_matches(wildcard, "a.b.gov.cn"));
  EXPECT_FALSE(host_matches(wildcard, "gov.cn"));
  EXPECT_FALSE(host_matches(wildcard, "evilgov.cn"));
  EXPECT_FALSE(host_matches(wildcard, "gov.cn.evil.example"));
  EXPECT_FALSE(host_matches(wildcard, ".gov.cn"));
  EXPECT_FALSE(host_matches(wildcard, ""));
  HostPattern exact{"www.gov.cn", false};
  EXPECT_TRUE(host_matches(exact, "www.gov.cn"));
  EXPECT_FALSE(host_matches(exact, "a.www.gov.cn"));
  EXPECT_FALSE(host_matches(exact, "www.gov.cn.evil.example"));
  EXPECT_TRUE(host_matches_any({exact, wildcard}, "x.gov.cn"));
  EXPECT_FALSE(host_matches_any({}, "x.gov.cn"));
}

TEST(DisplayHost, DecodesPunycodeAndFlagsMisleadingLabels) {
  auto shown = [](std::string_view host) {
    HostDisplay d = display_host(host);
    return d.unicode + (d.show_ascii ? " (" + d.ascii + ")" : "");
  };
  EXPECT_EQ(shown("www.gov.cn"), "www.gov.cn");
  EXPECT_EQ(shown("WWW.GOV.CN."), "www.gov.cn");
  EXPECT_EQ(shown("xn--mxtq1m.cn"), "政府.cn");
  EXPECT_EQ(shown("xn--bcher-kva.example"), "bücher.example");
  // Cyrillic "а" inside a Latin label.
  EXPECT_EQ(shown("www.xn--exmple-4nf.com"), "www.exаmple.com (www.xn--exmple-4nf.com)");
  // All-Cyrillic lookalike of "apple".
  EXPECT_EQ(shown("xn--80ak6aa92e.com"), "аррӏе.com (xn--80ak6aa92e.com)");
  // Russian words that do not pass for Latin ones are shown as they are.
  EXPECT_EQ(shown("xn--d1acufc.xn--p1ai"), "домен.рф");
  // Latin with Han (and kana) is a normal mix in Chinese and Japanese names.
  std::string han_latin;
  ASSERT_TRUE(normalize_host("中国abc.cn", &han_latin, nullptr));
  EXPECT_EQ(shown(han_latin), "中国abc.cn");
  std::string han_cyrillic;
  ASSERT_TRUE(normalize_host("中国а.cn", &han_cyrillic, nullptr));
  EXPECT_EQ(display_host(han_cyrillic).show_ascii, true);
  // Han characters that pass for Latin letters or punctuation beside Latin ones.
  for (const char* lookalike : {"www.g〇v.cn", "example丶gov丶cn.com", "a一b.cn", "pay丨.cn", "g口v.cn"}) {
    std::string host;
    ASSERT_TRUE(normalize_host(lookalike, &host, nullptr)) << lookalike;
    EXPECT_TRUE(display_host(host).show_ascii) << lookalike;
  }
  // The same characters in an all-Chinese label are ordinary words.
  std::string chinese;
  ASSERT_TRUE(normalize_host("一口工.cn", &chinese, nullptr));
  EXPECT_FALSE(display_host(chinese).show_ascii);
  EXPECT_EQ(shown("xn--abc-.cn"), "xn--abc-.cn (xn--abc-.cn)");
  EXPECT_EQ(shown("[::1]"), "[::1]");
  EXPECT_EQ(shown("127.0.0.1"), "127.0.0.1");
}

// --- The shared table tests/host_cases.json (also checked against Chromium) ---

json host_cases() { return test::load_json("tests/host_cases.json"); }

char32_t code_point_of(const std::string& u_plus) { return char32_t(std::stoul(u_plus.substr(2), nullptr, 16)); }

std::string utf8_of(char32_t c) {
  std::string out;
  utf8_append(c, &out);
  return out;
}

TEST(HostCases, TheCoreReadsEveryHostAsTheBrowserDoesOrRefusesIt) {
  const json table = host_cases();
  ASSERT_TRUE(table.is_object()) << "cannot read or parse " << test::source_path("tests/host_cases.json");
  ASSERT_GE(table["cases"].size(), 40u);
  int accepted = 0, refused = 0;
  for (const json& row : table["cases"]) {
    const std::string input = row["input"];
    std::string out = "(unchanged)", why;
    const bool ok = normalize_host(input, &out, &why);
    if (row["core"].is_null()) {
      EXPECT_FALSE(ok) << input << " gave " << out;
      EXPECT_FALSE(why.empty()) << input;
      ++refused;
      continue;
    }
    ++accepted;
    ASSERT_TRUE(ok) << input << ": " << why;
    EXPECT_EQ(out, row["core"].get<std::string>()) << input;
    // The table's own rule: what the core accepts is what the browser gives,
    // less one trailing dot (the core compares hosts without it).
    ASSERT_TRUE(row["browser"].is_string()) << input;
    EXPECT_EQ(canonical_host(row["browser"].get<std::string>()), out) << input;
  }
  EXPECT_GE(accepted, 20);
  EXPECT_GE(refused, 15);
}

// Every non-ASCII code point, between "a" and "b.cn": accepted exactly as the
// runs of the table map it, refused when no run lists it.
TEST(HostCases, EveryCodePointIsMappedAsTheRunsSayOrRefused) {
  const json table = host_cases();
  ASSERT_TRUE(table.is_object());
  struct Run {
    char32_t first, last;
    std::string maps_to;
  };
  std::vector<Run> runs;
  for (const json& r : table["runs"]) {
    runs.push_back({code_point_of(r["first"]), code_point_of(r["last"]), r["maps_to"]});
  }
  ASSERT_GE(runs.size(), 30u);
  size_t checked = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const Run* run = nullptr;
    for (const Run& r : runs) {
      if (c >= r.first && c <= r.last) run = &r;
    }
    std::string out, why;
    const bool ok = normalize_host("a" + utf8_of(c) + "b.cn", &out, &why);
    if (run == nullptr) {
      // Refused, naming the character (except in the punctuation rows of
      // full-width ASCII, which name the ASCII character they stand for).
      if (ok) ADD_FAILURE() << "U+" << std::hex << uint32_t(c) << " accepted as " << out;
      continue;
    }
    ++checked;
    std::string expected;
    if (run->maps_to == "ignored") {
      expected = "ab.cn";
    } else {
      char32_t mapped = run->maps_to == "self" ? c : code_point_of(run->maps_to) + (c - run->first);
      if (mapped == U'.') {
        expected = "a.b.cn";
      } else if (mapped < 0x80) {
        expected = std::string("a") + char(mapped) + "b.cn";
      } else {
        std::string encoded;
        ASSERT_TRUE(punycode_encode(std::u32string{U'a', mapped, U'b'}, &encoded));
        expected = "xn--" + encoded + ".cn";
      }
    }
    if (!ok || out != expected) {
      ADD_FAILURE() << "U+" << std::hex << uint32_t(c) << ": expected " << expected << ", got "
                    << (ok ? out : "error: " + why);
    }
  }
  EXPECT_GT(checked, 80000u);
}

TEST(HostCases, RefusalsNameTheCharacter) {
  EXPECT_EQ(normalized("ｶﾞ.jp"),
            "error: contains \"ｶ\" (U+FF76), which cannot be read as part of a host name here "
            "(write that label in Punycode, \"xn--...\")");
  EXPECT_EQ(normalized("a\xF0\x9D\x90\x9A.cn"),
            "error: contains \"\xF0\x9D\x90\x9A\" (U+1D41A), which cannot be read as part of a host name "
            "here (write that label in Punycode, \"xn--...\")");
  EXPECT_EQ(normalized("ａ：８０.cn"),
            "error: contains \"：\" (a full-width \":\"), which is not allowed in host names");
  EXPECT_EQ(normalized("\u00ad.cn"), "error: has an empty label");
}

TEST(ParseHostList, ReadsFullWidthHostsAsTheBrowserDoes) {
  // The bug a reader met: an IME in full-width mode, and every link asked.
  Errors errors;
  auto hosts = parse_host_list("ｗｗｗ．ｔｅｓｔ．ｇｏｖ．ｃｎ", false, "data-site-hosts",
                               "pw.config.bad_site_hosts", &errors);
  ASSERT_EQ(hosts.size(), 1u);
  EXPECT_EQ(hosts[0].host, "www.test.gov.cn");
  auto allow = parse_host_list("ｗｗｗ.ｇｏｖ.ｃｎ，*.ＧＤ.gov.cn", true, "data-allow", "pw.config.bad_allow", &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(allow.size(), 2u);
  EXPECT_TRUE(host_matches_any(allow, "www.gov.cn"));
  EXPECT_TRUE(host_matches_any(allow, "www.gd.gov.cn"));
  // Hosts that pass for others are refused: Cyrillic "о" in gov.cn, Cyrillic
  // look-alike "аррӏе", a Han 〇 beside Latin letters. A Russian name is not.
  errors.clear();
  auto lookalikes = parse_host_list("*.g\u043ev.cn xn--80ak6aa92e.com www.g\u3007v.cn \u0434\u043e\u043c\u0435\u043d.\u0440\u0444",
                                    true, "data-allow", "pw.config.bad_allow", &errors);
  ASSERT_EQ(lookalikes.size(), 1u);
  EXPECT_EQ(lookalikes[0].host, "xn--d1acufc.xn--p1ai");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_NE(errors[0].message.find("\"*.g\u043ev.cn\" passes for another host (it is \"xn--gv-fmc.cn\""), std::string::npos)
      << errors[0].message;
  errors.clear();
  auto refused = parse_host_list("ａ＊.cn", true, "data-allow", "pw.config.bad_allow", &errors);
  EXPECT_TRUE(refused.empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "pw.config.bad_allow");
}

// The full build answers every host itself (the ASCII-only build of the `core`
// module hands these on: host_ascii_only_test.cpp).
TEST(FullHostParser, IsNeverAskedFor) {
  std::string out, why;
  for (const char* input : {"政府.cn", "xn--mxtq1m.cn", "10.0.0.1", "[::1]", "www.gov.cn"}) {
    EXPECT_TRUE(normalize_host(input, &out, &why)) << input << ": " << why;
    EXPECT_FALSE(take_full_host_parser_needed()) << input;
  }
  EXPECT_EQ(display_host("xn--mxtq1m.cn").unicode, "政府.cn");
  EXPECT_FALSE(take_full_host_parser_needed());
}

}  // namespace
}  // namespace pw
