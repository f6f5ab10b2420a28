#include "core/font_scale.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/core/test_data.h"

namespace pw {
namespace {

using nlohmann::json;

FontSizeConfigResult parse(FontSizeAttributes attributes, std::vector<LegacyZoomLink> links = {},
                           Language lang = Language::kZhHans) {
  return parse_font_size_config(attributes, links, lang);
}

FontSizeAttributes levels(const std::string& text) {
  FontSizeAttributes a;
  a.levels = text;
  return a;
}

std::vector<double> sizes(const FontSizeConfig& config) {
  std::vector<double> out;
  for (const FontLevel& level : config.levels) out.push_back(level.px);
  return out;
}

std::vector<std::string> labels(const FontSizeConfig& config) {
  std::vector<std::string> out;
  for (const FontLevel& level : config.levels) out.push_back(level.label);
  return out;
}

// The single error of a result (fails the test when there is not exactly one).
Error only_error(const Errors& errors) {
  EXPECT_EQ(errors.size(), 1u);
  return errors.empty() ? Error{} : errors.front();
}

// --- attributes -------------------------------------------------------------

TEST(FontSizeConfig, DefaultsAreThePortalConvention) {
  const FontSizeConfigResult r = parse({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sizes(r.config), (std::vector<double>{14, 16, 18}));
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"小", "中", "大"}));
  EXPECT_EQ(r.config.default_index, 1u);
  EXPECT_EQ(r.config.authored_px(), 16);
  EXPECT_TRUE(r.config.remember);
  EXPECT_TRUE(r.config.descending);
  EXPECT_EQ(r.config.button_order(), (std::vector<std::size_t>{2, 1, 0}));  // 大 中 小
  EXPECT_FALSE(r.config.adopted_legacy_links);
}

TEST(FontSizeConfig, EmptyOrBlankAttributesMeanTheDefault) {
  FontSizeAttributes a;
  a.levels = "  ";
  a.labels = "";
  a.default_level = " ";
  a.remember = "";
  a.order = "\t";
  const FontSizeConfigResult r = parse(a);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sizes(r.config), (std::vector<double>{14, 16, 18}));
}

TEST(FontSizeConfig, AcceptsPxSuffixDecimalsAndChineseSeparators) {
  const FontSizeConfigResult r = parse(levels("12px，14、16.5PX　20"));
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  EXPECT_EQ(sizes(r.config), (std::vector<double>{12, 14, 16.5, 20}));
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"小", "中", "大", "特大"}));
  // 16 is not a level: the authored level is the middle one (lower of two).
  EXPECT_EQ(r.config.default_index, 1u);
}

TEST(FontSizeConfig, TheAuthoredLevelIs16WhenOffered) {
  const FontSizeConfigResult r = parse(levels("12 14 16 18 20"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.default_index, 2u);
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"特小", "小", "中", "大", "特大"}));
}

TEST(FontSizeConfig, LevelsThatAreNotNumbers) {
  const Error e = only_error(parse(levels("14 abc")).errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_levels");
  EXPECT_EQ(e.source, "levels");
  EXPECT_EQ(e.message, "levels=\"14 abc\": \"abc\" is not a number; expected 2–6 sizes in px such as \"14 16 18\"");
  for (const char* bad : {"14 1e2", "14 +16", "14 16.", "14 .5", "14 16em", "14 ٣"}) {
    EXPECT_EQ(only_error(parse(levels(bad)).errors).id, "pw.font_size.bad_levels") << bad;
  }
}

TEST(FontSizeConfig, LevelsCountAndRange) {
  EXPECT_EQ(only_error(parse(levels("16")).errors).message,
            "levels=\"16\": 1 size; expected 2–6 sizes in px such as \"14 16 18\"");
  EXPECT_EQ(only_error(parse(levels("12 13 14 15 16 17 18")).errors).message,
            "levels=\"12 13 14 15 16 17 18\": 7 sizes; expected 2–6 sizes in px such as \"14 16 18\"");
  EXPECT_EQ(only_error(parse(levels("14 16 99")).errors).message,
            "levels=\"14 16 99\": 99 px is outside 12–64 px; expected 2–6 sizes in px such as \"14 16 18\"");
  EXPECT_EQ(only_error(parse(levels("-14 16")).errors).message,
            "levels=\"-14 16\": -14 px is outside 12–64 px; expected 2–6 sizes in px such as \"14 16 18\"");
  EXPECT_EQ(only_error(parse(levels("11.99 16")).errors).id, "pw.font_size.bad_levels");
  EXPECT_TRUE(parse(levels("12 64")).ok());
}

TEST(FontSizeConfig, LevelsMustAscendWithoutRepeats) {
  EXPECT_EQ(only_error(parse(levels("18 16 14")).errors).message,
            "levels=\"18 16 14\": sizes must ascend, smallest first, without repeats (16 follows 18); "
            "expected 2–6 sizes in px such as \"14 16 18\"");
  EXPECT_EQ(only_error(parse(levels("14 16 16")).errors).id, "pw.font_size.bad_levels");
}

TEST(FontSizeConfig, LongBadValuesAreCutInMessages) {
  const std::string long_value = "14 " + std::string(200, 'x');
  const Error e = only_error(parse(levels(long_value)).errors);
  EXPECT_EQ(e.message.find(std::string(61, 'x')), std::string::npos);  // 60 characters at most
  EXPECT_NE(e.message.find("…"), std::string::npos);
}

TEST(FontSizeConfig, Labels) {
  FontSizeAttributes a = levels("14 16 18 20");
  a.labels = "A- A A+ A++";
  FontSizeConfigResult r = parse(a);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"A-", "A", "A+", "A++"}));

  a.labels = "小 大";
  const Error e = only_error(parse(a).errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_labels");
  EXPECT_EQ(e.source, "labels");
  EXPECT_EQ(e.message,
            "labels=\"小 大\": 2 labels for 4 levels (14 16 18 20); expected one label per level, smallest "
            "first, such as \"小 中 大\"");

  r = parse({}, {}, Language::kEn);
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"Small", "Medium", "Large"}));
  EXPECT_EQ(labels(parse({}, {}, Language::kZhHant).config), (std::vector<std::string>{"小", "中", "大"}));
}

TEST(FontSizeConfig, DefaultLabelsForEveryCount) {
  EXPECT_TRUE(default_font_labels(1, Language::kZhHans).empty());
  EXPECT_TRUE(default_font_labels(7, Language::kZhHans).empty());
  EXPECT_EQ(default_font_labels(2, Language::kZhHans), (std::vector<std::string>{"小", "大"}));
  EXPECT_EQ(default_font_labels(6, Language::kZhHans),
            (std::vector<std::string>{"特小", "小", "中", "大", "特大", "超大"}));
  EXPECT_EQ(default_font_labels(6, Language::kEn),
            (std::vector<std::string>{"X-Small", "Small", "Medium", "Large", "X-Large", "XX-Large"}));
}

TEST(FontSizeConfig, DefaultAttribute) {
  FontSizeAttributes a = levels("12 14 16");
  a.default_level = "14px";
  FontSizeConfigResult r = parse(a);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.default_index, 1u);
  EXPECT_EQ(r.config.authored_px(), 14);

  a.default_level = "15";
  Error e = only_error(parse(a).errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_default");
  EXPECT_EQ(e.source, "default");
  EXPECT_EQ(e.message,
            "default=\"15\": 15 px is not one of the levels; expected the level the page is authored at, one of "
            "12 14 16");

  a.default_level = "中";
  e = only_error(parse(a).errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_default");
  EXPECT_EQ(e.message,
            "default=\"中\": not a size in px; expected the level the page is authored at, one of 12 14 16");
}

TEST(FontSizeConfig, RememberAndOrder) {
  FontSizeAttributes a;
  a.remember = "OFF";
  a.order = " asc ";
  FontSizeConfigResult r = parse(a);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.config.remember);
  EXPECT_FALSE(r.config.descending);
  EXPECT_EQ(r.config.button_order(), (std::vector<std::size_t>{0, 1, 2}));

  a.remember = "yes";
  a.order = "up";
  r = parse(a);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].id, "pw.font_size.bad_remember");
  EXPECT_EQ(r.errors[0].message,
            "remember=\"yes\": expected \"on\" (save the reader's choice on this site) or \"off\"");
  EXPECT_EQ(r.errors[1].id, "pw.font_size.bad_order");
  EXPECT_EQ(r.errors[1].source, "order");
  EXPECT_EQ(r.errors[1].message, "order=\"up\": expected \"desc\" (大 中 小, largest first) or \"asc\" (小 中 大)");
}

TEST(FontSizeConfig, EveryBadAttributeIsReported) {
  FontSizeAttributes a;
  a.levels = "x";
  a.default_level = "y";
  a.remember = "z";
  a.order = "w";
  const FontSizeConfigResult r = parse(a);
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].id, "pw.font_size.bad_levels");
  EXPECT_EQ(r.errors[1].id, "pw.font_size.bad_default");
  EXPECT_EQ(r.errors[1].message,
            "default=\"y\": not a size in px; expected the level the page is authored at, such as 16");
  EXPECT_EQ(r.errors[2].id, "pw.font_size.bad_remember");
  EXPECT_EQ(r.errors[3].id, "pw.font_size.bad_order");
}

// --- legacy doZoom links ------------------------------------------------------

TEST(FontSizeLegacy, FindsTheDoZoomArgument) {
  EXPECT_EQ(legacy_zoom_px("javascript:doZoom(18)"), 18);
  EXPECT_EQ(legacy_zoom_px("javascript:doZoom(18);"), 18);
  EXPECT_EQ(legacy_zoom_px(" doZoom( '14px' ); return false;"), 14);
  EXPECT_EQ(legacy_zoom_px("doZoom(\"16\")"), 16);
  EXPECT_EQ(legacy_zoom_px("doZoom(16,'zoom')"), 16);
  EXPECT_EQ(legacy_zoom_px("javascript:void(0); doZoom(12.5)"), 12.5);
  EXPECT_EQ(legacy_zoom_px("# doZoom(20)"), 20);  // href then onclick, joined
  EXPECT_LT(legacy_zoom_px("javascript:void(0)"), 0);
  EXPECT_LT(legacy_zoom_px("mydoZoom(18)"), 0);
  EXPECT_LT(legacy_zoom_px("doZoom(size)"), 0);
  EXPECT_LT(legacy_zoom_px("doZoom('16)"), 0);
  EXPECT_LT(legacy_zoom_px("doZoom(16"), 0);
  EXPECT_LT(legacy_zoom_px("doZoom"), 0);
  EXPECT_EQ(legacy_zoom_px("doZoom(x); doZoom(14)"), 14);  // the first usable call
}

TEST(FontSizeLegacy, LinksBecomeLevelsAndLabels) {
  // The portal order: 大 中 小, as <a href="javascript:doZoom(20)">大</a> …
  const std::vector<LegacyZoomLink> links = {
      {" 大 ", "javascript:doZoom(20)"}, {"中", "javascript:doZoom(16)"}, {"小", "javascript:doZoom(12)"}};
  const FontSizeConfigResult r = parse({}, links);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.config.adopted_legacy_links);
  EXPECT_EQ(sizes(r.config), (std::vector<double>{12, 16, 20}));
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"小", "中", "大"}));
  EXPECT_EQ(r.config.default_index, 1u);
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 0}));
}

TEST(FontSizeLegacy, RepeatedSizesShareALevelAndEmptyTextsShowThePx) {
  const std::vector<LegacyZoomLink> links = {
      {"", "doZoom(18)"}, {"中", "doZoom(14)"}, {"大", "doZoom(18)"}, {"小", "doZoom(12)"}};
  const FontSizeConfigResult r = parse({}, links);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sizes(r.config), (std::vector<double>{12, 14, 18}));
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"小", "中", "18"}));
  EXPECT_EQ(r.config.default_index, 1u);  // no 16: the middle level
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 2, 0}));
}

TEST(FontSizeLegacy, AttributesOverrideTheLinks) {
  FontSizeAttributes a = levels("14 16 18");
  const std::vector<LegacyZoomLink> links = {{"大", "doZoom(20)"}, {"中", "doZoom(16)"}, {"小", "doZoom(12)"}};
  const FontSizeConfigResult r = parse(a, links);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.config.adopted_legacy_links);
  EXPECT_EQ(labels(r.config), (std::vector<std::string>{"小", "中", "大"}));
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 0}));  // snapped to the nearest level
}

TEST(FontSizeLegacy, LinksWithoutArgumentsMapByPosition) {
  const std::vector<LegacyZoomLink> links = {{"一", "javascript:fontBig()"}, {"二", "#"}, {"三", "#"}};
  FontSizeConfigResult r = parse({}, links);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.config.adopted_legacy_links);
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 0}));

  FontSizeAttributes asc;
  asc.order = "asc";
  r = parse(asc, links);
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{0, 1, 2}));

  // A count that does not match: unmapped links stay alone.
  r = parse({}, {{"一", "#"}, {"二", "#"}});
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{-1, -1}));
}

TEST(FontSizeLegacy, StepControlsSelectOneStepFromTheDefault) {
  // 【字号：放大 缩小 还原】 and A+ A-: the levels the widget's 大, 小 and 中 select.
  FontSizeConfigResult r = parse({}, {{"放大", "javascript:changeSize(1)"}, {"缩小", "javascript:changeSize(-1)"},
                                      {"还原", "javascript:changeSize(0)"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sizes(r.config), (std::vector<double>{14, 16, 18}));
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 0, 1}));
  r = parse({}, {{"A+", "#"}, {"A-", "#"}});
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 0}));
}

TEST(FontSizeLegacy, LinksThatNameASizeMapByIt) {
  // 中 is the default level; 小 one below, 大 one above, whatever the order.
  FontSizeConfigResult r = parse({}, {{"大", "#"}, {"小", "#"}});
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 0}));
  r = parse({}, {{"大", "doZoom(18)"}, {"中", "#"}, {"小", "#"}});
  EXPECT_FALSE(r.config.adopted_legacy_links);
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 0}));
  r = parse({}, {{"小", "#"}, {"中", "#"}, {"大", "#"}});
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{0, 1, 2}));
}

// The families' controls, each a table row: the control as the page has it → the rank it names.
TEST(FontSizeLegacy, TheSizeAControlNames) {
  struct Row {
    LegacyZoomLink link;
    int rank;
  };
  const Row rows[] = {
      {{"大", "#"}, 1},
      {{"【大】", "#"}, 1},
      {{" 中 ", "#"}, 0},
      {{"小字", "#"}, -1},
      {{"字体：特大", "#"}, 2},
      {{"超大", "#"}, 3},
      {{"Large", "#"}, 1},
      {{"A+", "#"}, 1},
      {{"A-", "#"}, -1},
      {{"", "#", "大字体"}, 1},                          // an icon button: its title
      {{"", "javascript:;", "字号小"}, -1},
      {{"", "#", "", "j-fontBig"}, 1},                   // class-based controls
      {{"", "#", "", "j-fontMiddle"}, 0},
      {{"", "#", "", "tool j-fontSmall"}, -1},
      {{"", "#", "", "font-large"}, 1},
      {{"", "#", "", "zoom_small"}, -1},
      {{"", "#", "", "fontbig"}, 1},
      {{"", "#", "", "big"}, 1},
      {{"", "#", "", "icon"}, kNoLegacyRank},
      {{"", "#", "", "default-link"}, kNoLegacyRank},  // "default" with no font/zoom/size qualifier
      {{"放大", "#"}, 1},                              // step controls: one step from the default
      {{"缩小", "javascript:changeSize(-1)"}, -1},
      {{"縮小", "#"}, -1},
      {{"还原", "#"}, 0},
      {{"", "#", "字体放大"}, 1},
      {{"Zoom out", "#"}, -1},
      {{"放大镜", "#"}, kNoLegacyRank},                // not a size control
      {{"A", "#", "", "fontSmall"}, 0},                 // the text wins over the class
      {{"打印", "#"}, kNoLegacyRank},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(legacy_link_rank(row.link), row.rank)
        << "text=" << row.link.text << " name=" << row.link.name << " class=" << row.link.classes;
  }
}

TEST(FontSizeLegacy, SizeCallsOfEveryFamily) {
  EXPECT_EQ(legacy_zoom_px("javascript:setFontSize('18px')"), 18);
  EXPECT_EQ(legacy_zoom_px("SetFontSize(14)"), 14);
  EXPECT_EQ(legacy_zoom_px("javascript:changefs(16);"), 16);
  EXPECT_EQ(legacy_zoom_px("changeSize(20)"), 20);
  EXPECT_EQ(legacy_zoom_px("fontZoom(15)"), 15);
  EXPECT_LT(legacy_zoom_px("changeSize(1)"), 0);  // an index, not a size
  EXPECT_LT(legacy_zoom_px("changefs(-1)"), 0);
  EXPECT_LT(legacy_zoom_px("mysetFontSize(18)"), 0);
  EXPECT_EQ(legacy_zoom_px("doZoom(5)"), 5);       // doZoom's argument is always px (then range-checked)
  EXPECT_EQ(legacy_zoom_px("changeSize(1); doZoom(14)"), 14);
}

TEST(FontSizeLegacy, BareElementsCountOnlyWhenTheyNameASize) {
  LegacyZoomLink bare_big{"大", "", "", "", false};
  LegacyZoomLink bare_other{"字体：", "", "", "", false};
  LegacyZoomLink bare_small{"小", "", "", "", false};
  const FontSizeConfigResult r = parse({}, {bare_other, bare_big, bare_small});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{-1, 2, 0}));
}

// --- the default level: one rule ------------------------------------------------

TEST(FontSizeDefault, TheRuleAsATable) {
  struct Row {
    const char* what;
    std::string levels_attr;
    std::string default_attr;
    std::vector<std::pair<std::string, std::string>> links;  // text, code
    double body_px;
    std::vector<double> levels;  // expected
    double authored;             // expected
    std::vector<std::string> labels;
  };
  const Row rows[] = {
      {"no attributes, no links: 16", "", "", {}, 0, {14, 16, 18}, 16, {"小", "中", "大"}},
      {"explicit default wins", "14 16 18", "14", {}, 0, {14, 16, 18}, 14, {"小", "中", "大"}},
      {"no 16: the middle level", "12 14 15", "", {}, 0, {12, 14, 15}, 14, {"小", "中", "大"}},
      {"even count without 16: the lower middle", "12 13 14 15", "", {}, 0, {12, 13, 14, 15}, 13,
       {"小", "中", "大", "特大"}},
      {"Hanweb 大 16 中 14 小 12: 中 is the default, 大 enlarges",
       "", "",
       {{"大", "javascript:doZoom(16)"}, {"中", "javascript:doZoom(14)"}, {"小", "javascript:doZoom(12)"}},
       0, {12, 14, 16}, 14, {"小", "中", "大"}},
      {"links in ascending order", "", "",
       {{"小", "doZoom(12)"}, {"中", "doZoom(14)"}, {"大", "doZoom(16)"}}, 16, {12, 14, 16}, 14, {"小", "中", "大"}},
      {"two links: the one nearest the body size", "", "",
       {{"大", "doZoom(18)"}, {"小", "doZoom(14)"}}, 14.5, {14, 18}, 14, {"小", "大"}},
      {"two links, body at the top: a larger level is added", "", "",
       {{"大", "doZoom(16)"}, {"小", "doZoom(12)"}}, 16, {12, 16, 18}, 16, {"小", "大", "特大"}},
      {"two links, body size unknown: 16 is a level", "", "",
       {{"大", "doZoom(16)"}, {"小", "doZoom(12)"}}, 0, {12, 16, 18}, 16, {"小", "大", "特大"}},
      {"explicit default at the top, no levels attribute: one larger level", "", "18", {}, 0,
       {14, 16, 18, 20}, 18, {"小", "中", "大", "特大"}},
      {"explicit default at the top with levels: as given", "14 16 18", "18", {}, 0, {14, 16, 18}, 18,
       {"小", "中", "大"}},
      {"the next of 18 20 24 28 32 above the top", "", "20",
       {{"大", "doZoom(20)"}, {"中", "doZoom(19)"}, {"小", "doZoom(14)"}}, 0, {14, 19, 20, 24}, 20,
       {"小", "中", "大", "特大"}},
      {"nothing above 32 in the list: as given", "", "",
       {{"大", "doZoom(40)"}, {"小", "doZoom(12)"}}, 40, {12, 40}, 40, {"小", "大"}},
      {"setFontSize links", "", "",
       {{"大", "javascript:setFontSize('20px')"}, {"中", "javascript:setFontSize('16px')"},
        {"小", "javascript:setFontSize('14px')"}},
       0, {14, 16, 20}, 16, {"小", "中", "大"}},
  };
  for (const Row& row : rows) {
    FontSizeAttributes a;
    a.levels = row.levels_attr;
    a.default_level = row.default_attr;
    std::vector<LegacyZoomLink> links;
    for (const auto& link : row.links) links.push_back({link.first, link.second});
    const FontSizeConfigResult r = parse_font_size_config(a, links, Language::kZhHans, row.body_px);
    ASSERT_TRUE(r.ok()) << row.what;
    EXPECT_EQ(sizes(r.config), row.levels) << row.what;
    EXPECT_EQ(r.config.authored_px(), row.authored) << row.what;
    EXPECT_EQ(labels(r.config), row.labels) << row.what;
  }
}

TEST(FontSizeDefault, HanwebLinksMapToTheirLevelsSoBigEnlarges) {
  const std::vector<LegacyZoomLink> links = {
      {"大", "javascript:doZoom(16)"}, {"中", "javascript:doZoom(14)"}, {"小", "javascript:doZoom(12)"}};
  const FontSizeConfig c = parse({}, links).config;
  EXPECT_EQ(c.legacy_link_levels, (std::vector<int>{2, 1, 0}));
  EXPECT_GT(c.levels[2].px, c.authored_px());
}

TEST(FontSizeDefault, NoLevelIsAddedWhenALinkWouldLoseItsLevel) {
  // Three position-mapped links and levels 14 16 18 with default 18: a fourth
  // level would leave them unmapped (three links, four levels).
  FontSizeAttributes a;
  a.default_level = "18";
  const FontSizeConfigResult r = parse(a, {{"一", "#"}, {"二", "#"}, {"三", "#"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sizes(r.config), (std::vector<double>{14, 16, 18}));
  EXPECT_EQ(r.config.legacy_link_levels, (std::vector<int>{2, 1, 0}));
  // Links that name their sizes keep them: the level is added.
  const FontSizeConfigResult named = parse(a, {{"大", "#"}, {"中", "#"}, {"小", "#"}});
  EXPECT_EQ(sizes(named.config), (std::vector<double>{14, 16, 18, 20}));
}

TEST(FontSizeDefault, TheAddedLevelIsLabelledInTheLanguage) {
  FontSizeAttributes a;
  a.default_level = "18";
  EXPECT_EQ(labels(parse(a, {}, Language::kEn).config),
            (std::vector<std::string>{"Small", "Medium", "Large", "X-Large"}));
  EXPECT_EQ(labels(parse(a, {}, Language::kZhHant).config),
            (std::vector<std::string>{"小", "中", "大", "特大"}));
}

TEST(FontSizeLegacy, BadLinkSizesAreReportedAgainstTheLinks) {
  const std::vector<LegacyZoomLink> links = {{"大", "doZoom(100)"}, {"中", "doZoom(16)"}, {"小", "doZoom(12)"}};
  const FontSizeConfigResult r = parse({}, links);
  const Error e = only_error(r.errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_levels");
  EXPECT_EQ(e.source, "doZoom links");
  EXPECT_EQ(e.message,
            "the doZoom(px) links give sizes \"12 16 100\": 100 px is outside 12–64 px; expected 2–6 sizes in px "
            "such as \"14 16 18\" (or set levels and labels on the element to override the links)");
}

// --- stepping, snapping, requests ---------------------------------------------

TEST(FontSizeLevels, StepClampsAtBothEnds) {
  const FontSizeConfig c = parse({}).config;
  EXPECT_EQ(step_level(c, 1, +1), 2u);
  EXPECT_EQ(step_level(c, 2, +1), 2u);
  EXPECT_EQ(step_level(c, 1, -1), 0u);
  EXPECT_EQ(step_level(c, 0, -5), 0u);
  EXPECT_EQ(step_level(c, 0, +9), 2u);
  EXPECT_EQ(step_level(c, 99, -1), 1u);  // an out-of-range index counts as the last level
}

TEST(FontSizeLevels, NearestLevelPrefersTheLargerOnATie) {
  const FontSizeConfig c = parse({}).config;
  EXPECT_EQ(nearest_level(c, 16), 1u);
  EXPECT_EQ(nearest_level(c, 15), 1u);  // 14 and 16 are equally near
  EXPECT_EQ(nearest_level(c, 15.1), 1u);
  EXPECT_EQ(nearest_level(c, 14.9), 0u);
  EXPECT_EQ(nearest_level(c, 100), 2u);
  EXPECT_EQ(nearest_level(c, 0), 0u);
  EXPECT_EQ(nearest_level(c, std::nan("")), 1u);
}

TEST(FontSizeLevels, RequestsSnapOrReportTheBadValue) {
  const FontSizeConfig c = parse({}).config;
  LevelRequest r = request_level(c, 1, "18", "level");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.index, 2u);
  r = request_level(c, 1, " 20px ", "doZoom(px)");
  EXPECT_EQ(r.index, 2u);
  r = request_level(c, 2, "huge", "level");
  EXPECT_EQ(r.index, 2u);
  const Error e = only_error(r.errors);
  EXPECT_EQ(e.id, "pw.font_size.bad_level");
  EXPECT_EQ(e.source, "level");
  EXPECT_EQ(e.message,
            "level: \"huge\" is not a size in px; expected one of the levels 14 16 18 (other sizes snap to the "
            "nearest level)");
  EXPECT_EQ(only_error(request_level(c, 0, "", "doZoom(px)").errors).source, "doZoom(px)");
}

// --- the saved choice --------------------------------------------------------

TEST(FontSizeSaved, RoundTrip) {
  const FontSizeConfig c = parse(levels("14 16 18 20.5")).config;
  for (std::size_t i = 0; i < c.levels.size(); ++i) {
    const std::string saved = save_font_level(c.levels[i].px);
    const SavedLevel restored = restore_font_level(c, saved);
    EXPECT_TRUE(restored.errors.empty()) << saved;
    EXPECT_TRUE(restored.restored);
    EXPECT_EQ(restored.index, i) << saved;
  }
  EXPECT_EQ(save_font_level(18), "1:18");
  EXPECT_EQ(save_font_level(20.5), "1:20.5");
}

TEST(FontSizeSaved, NothingSavedIsTheDefaultWithoutError) {
  const FontSizeConfig c = parse({}).config;
  const SavedLevel s = restore_font_level(c, "");
  EXPECT_TRUE(s.errors.empty());
  EXPECT_FALSE(s.restored);
  EXPECT_EQ(s.index, 1u);
}

TEST(FontSizeSaved, AnotherPagesLevelSnapsToThisPagesLevels) {
  const FontSizeConfig c = parse(levels("12 14 16")).config;
  const SavedLevel s = restore_font_level(c, "1:18");
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(s.index, 2u);
}

TEST(FontSizeSaved, CorruptOrForeignValuesFallBackToTheDefault) {
  const FontSizeConfig c = parse({}).config;
  for (const char* bad : {"18", "2:18", "1:", "1:abc", "1:99", "1:11", "{\"level\":18}", "1:18 ", "null"}) {
    const SavedLevel s = restore_font_level(c, bad);
    EXPECT_EQ(s.index, 1u) << bad;
    EXPECT_FALSE(s.restored) << bad;
    EXPECT_EQ(only_error(s.errors).id, "pw.font_size.bad_saved_level") << bad;
  }
  const Error e = only_error(restore_font_level(c, "2:18").errors);
  EXPECT_EQ(e.source, "localStorage[\"pw-font-size\"]");
  EXPECT_EQ(e.message,
            "saved font level \"2:18\" was not written by this version of portal-widgets; expected \"1:<px>\" "
            "with 12–64 px, such as \"1:18\"; showing the default level (16 px) and saving anew on the next "
            "choice");
}

// --- scaling -----------------------------------------------------------------

TEST(FontScale, AuthoredLevelIsUntouched) {
  const ScaledText s = scale_text({15.3333, 0}, 16, 16);
  EXPECT_EQ(s.font_px, 15.3333);
  EXPECT_EQ(s.line_height_px, 0);
  EXPECT_EQ(scale_text({16, 24}, 16, 16).line_height_px, 24);
}

TEST(FontScale, HeadingsKeepTheirProportionToBodyText) {
  // Body 16/24, h1 32/38.4 (line-height 1.2), a 12pt inline span = 16 px, a <font size=5> = 24 px.
  const std::vector<TextMetrics> authored = {{16, 24}, {32, 38.4}, {16, 0}, {24, 0}};
  const std::vector<ScaledText> at18 = scale_texts(authored, 18, 16);
  ASSERT_EQ(at18.size(), 4u);
  EXPECT_EQ(at18[0].font_px, 18);
  EXPECT_EQ(at18[0].line_height_px, 27);  // 1.5 kept
  EXPECT_EQ(at18[1].font_px, 36);
  EXPECT_EQ(at18[1].line_height_px, 54);  // 1.2 raised to 1.5 above the authored level
  EXPECT_EQ(at18[2].font_px, 18);
  EXPECT_EQ(at18[2].line_height_px, 27);  // "normal" becomes 1.5
  EXPECT_EQ(at18[3].font_px, 27);
  EXPECT_DOUBLE_EQ(at18[1].font_px / at18[0].font_px, 32.0 / 16.0);
}

TEST(FontScale, GenerousLineHeightsStay) {
  const ScaledText s = scale_text({16, 32}, 20, 16);
  EXPECT_EQ(s.font_px, 20);
  EXPECT_EQ(s.line_height_px, 40);
}

TEST(FontScale, SmallerLevelsKeepRatiosAndNormalLineHeights) {
  ScaledText s = scale_text({16, 24}, 14, 16);
  EXPECT_EQ(s.font_px, 14);
  EXPECT_EQ(s.line_height_px, 21);
  s = scale_text({32, 0}, 14, 16);
  EXPECT_EQ(s.font_px, 28);
  EXPECT_EQ(s.line_height_px, 0);  // "normal" stays as authored
}

TEST(FontScale, NeverBelowTheReadableMinimum) {
  ScaledText s = scale_text({13, 26}, 12, 16);  // 9.75 px would be unreadable
  EXPECT_EQ(s.font_px, 12);
  EXPECT_EQ(s.line_height_px, 24);  // ratio 2 kept
  s = scale_text({10, 0}, 12, 16);  // authored below the minimum: not made bigger, not smaller
  EXPECT_EQ(s.font_px, 10);
  s = scale_text({10, 0}, 20, 16);  // but scaled up like everything else
  EXPECT_EQ(s.font_px, 12.5);
}

TEST(FontScale, RoundsToHundredthsOfAPixel) {
  const ScaledText s = scale_text({16, 0}, 18, 14);  // 20.571428…
  EXPECT_EQ(s.font_px, 20.57);
  EXPECT_EQ(s.line_height_px, 30.86);  // 1.5 × 20.57 = 30.855
}

TEST(FontScale, ZeroSizedAndNonsenseInputsAreLeftAlone) {
  EXPECT_EQ(scale_text({0, 0}, 18, 16).font_px, 0);
  EXPECT_EQ(scale_text({16, 0}, 0, 16).font_px, 16);
  EXPECT_EQ(scale_text({16, 0}, 18, 0).font_px, 16);
  EXPECT_EQ(scale_text({16, 0}, std::nan(""), 16).font_px, 16);
  const ScaledText s = scale_text({std::nan(""), 20}, 18, 16);
  EXPECT_TRUE(std::isnan(s.font_px));
  EXPECT_EQ(s.line_height_px, 20);
}

TEST(FontScale, FormatsSizes) {
  EXPECT_EQ(format_px(18), "18");
  EXPECT_EQ(format_px(17.5), "17.5");
  EXPECT_EQ(format_px(10.666), "10.67");
  EXPECT_EQ(format_px(12.05), "12.05");
  EXPECT_EQ(format_px(0), "0");
  EXPECT_EQ(format_px(-14), "-14");
  EXPECT_EQ(format_px(-0.001), "0");
}

// --- tests/font_size_cases.json: the cases the loader's early part also runs ---

json load_font_size_cases() { return test::load_json("tests/font_size_cases.json"); }

// A control of the table as the element hands it to the core
// (widgets/font-size/font-size.element.js packControl).
LegacyZoomLink control_from(const json& c) {
  LegacyZoomLink link;
  link.text = c.value("text", "");
  link.code = c.value("href", "") + " " + c.value("onclick", "");
  link.name = c.value("title", "");
  link.classes = c.value("class", "");
  const std::string tag = c.value("tag", "a");
  link.control = (tag == "a" && c.contains("href")) || tag == "button" || c.contains("onclick");
  return link;
}

TEST(FontSizeCases, TableLoadsWithEveryKind) {
  const json table = load_font_size_cases();
  ASSERT_TRUE(table.is_object()) << "cannot read or parse " << test::source_path("tests/font_size_cases.json");
  EXPECT_GE(table["rules"].size(), 20u);
  EXPECT_GE(table["scale"].size(), 5u);
  EXPECT_GE(table["saved"].size(), 5u);
}

TEST(FontSizeCases, EveryRuleCaseGivesTheTablesLevelsAndDefault) {
  const json table = load_font_size_cases();
  ASSERT_TRUE(table.is_object());
  for (const json& c : table["rules"]) {
    SCOPED_TRACE(c.value("note", ""));
    const json& attr = c["attributes"];
    FontSizeAttributes a;
    a.levels = attr.value("levels", "");
    a.labels = attr.value("labels", "");
    a.default_level = attr.value("default", "");
    a.remember = attr.value("remember", "");
    a.order = attr.value("order", "");
    std::vector<LegacyZoomLink> links;
    for (const json& control : c["controls"]) links.push_back(control_from(control));
    const FontSizeConfigResult r = parse_font_size_config(a, links, Language::kZhHans, c.value("bodyPx", 0.0));
    std::vector<std::string> ids;
    for (const Error& e : r.errors) ids.push_back(e.id);
    if (c.contains("errors")) {
      EXPECT_EQ(ids, c["errors"].get<std::vector<std::string>>());
      continue;
    }
    ASSERT_TRUE(r.ok()) << (ids.empty() ? "" : r.errors.front().message);
    EXPECT_EQ(sizes(r.config), c["levels"].get<std::vector<double>>());
    EXPECT_EQ(r.config.authored_px(), c["default"].get<double>());
  }
}

TEST(FontSizeCases, EveryScaleCaseGivesTheTablesSizes) {
  const json table = load_font_size_cases();
  ASSERT_TRUE(table.is_object());
  for (const json& c : table["scale"]) {
    SCOPED_TRACE(c.value("note", ""));
    const ScaledText out = scale_text({c["font"].get<double>(), c["line"].get<double>()}, c["level"].get<double>(),
                                      c["authored"].get<double>());
    EXPECT_DOUBLE_EQ(out.font_px, c["expect"]["font"].get<double>());
    EXPECT_DOUBLE_EQ(out.line_height_px, c["expect"]["line"].get<double>());
  }
}

TEST(FontSizeCases, EverySavedCaseSelectsTheTablesLevel) {
  const json table = load_font_size_cases();
  ASSERT_TRUE(table.is_object());
  for (const json& c : table["saved"]) {
    const std::string saved = c["saved"].get<std::string>();
    SCOPED_TRACE(saved);
    const FontSizeConfigResult r = parse(levels(c["levels"].get<std::string>()));
    ASSERT_TRUE(r.ok());
    const SavedLevel level = restore_font_level(r.config, saved);
    if (c["expect"].is_null()) {
      EXPECT_FALSE(level.restored);
      EXPECT_EQ(level.index, r.config.default_index);
      EXPECT_EQ(level.errors.size(), saved.empty() ? 0u : 1u);
    } else {
      EXPECT_TRUE(level.restored);
      EXPECT_EQ(r.config.levels[level.index].px, c["expect"].get<double>());
    }
  }
}

}  // namespace
}  // namespace pw
