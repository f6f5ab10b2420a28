// <pw-font-size> configuration (core/font_scale.h). Lines: levels, labels,
// default, remember, order, then a level asked for by script, a saved value,
// then the legacy links the element wraps, one per line as "text<TAB>code"
// (code: the link's href and onclick). Invariants: a valid config has 2–6
// ascending levels in range, a default among them, one button per level, and
// every index it hands out (requested, restored, stepped, link levels) is a
// level; scaled sizes are positive and finite.
#include <cmath>

#include "core/font_scale.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> f = pw::fuzz::lines(data, size, 8);
  pw::FontSizeAttributes attributes{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]),
                                    std::string(f[4])};
  std::vector<pw::LegacyZoomLink> links;
  if (!f[7].empty()) {
    for (std::string_view line : pw::fuzz::split(f[7], '\n')) {
      const size_t tab = line.find('\t');
      links.push_back({std::string(line.substr(0, tab)), tab == std::string_view::npos ? "" : std::string(line.substr(tab + 1))});
    }
  }
  const pw::Language lang = size % 3 == 0 ? pw::Language::kZhHans : size % 3 == 1 ? pw::Language::kZhHant : pw::Language::kEn;
  const pw::FontSizeConfigResult result = pw::parse_font_size_config(attributes, links, lang);
  if (!result.ok()) {
    for (const pw::Error& e : result.errors) {
      if (e.message.empty()) pw::fuzz::fail("an error without a message");
    }
    return 0;
  }
  const pw::FontSizeConfig& c = result.config;
  const size_t n = c.levels.size();
  if (n < 2 || n > 6) pw::fuzz::fail("not 2-6 levels");
  for (size_t i = 0; i < n; ++i) {
    if (!(c.levels[i].px >= pw::kMinLevelPx && c.levels[i].px <= pw::kMaxLevelPx)) pw::fuzz::fail("a level out of range");
    if (i > 0 && !(c.levels[i].px > c.levels[i - 1].px)) pw::fuzz::fail("levels not ascending");
  }
  if (c.default_index >= n) pw::fuzz::fail("default not a level");
  if (c.button_order().size() != n) pw::fuzz::fail("not one button per level");
  if (c.legacy_link_levels.size() != links.size()) pw::fuzz::fail("not one level per link");
  for (int level : c.legacy_link_levels) {
    if (level < -1 || level >= int(n)) pw::fuzz::fail("a link level out of range");
  }
  const pw::LevelRequest asked = pw::request_level(c, c.default_index, std::string(f[5]), "level");
  if (asked.index >= n) pw::fuzz::fail("a requested level out of range");
  const pw::SavedLevel saved = pw::restore_font_level(c, std::string(f[6]));
  if (saved.index >= n) pw::fuzz::fail("a restored level out of range");
  for (int delta : {-7, -1, 1, 7}) {
    if (pw::step_level(c, asked.index, delta) >= n) pw::fuzz::fail("a stepped level out of range");
  }
  const pw::SavedLevel again = pw::restore_font_level(c, pw::save_font_level(c.levels[asked.index].px));
  if (again.index != asked.index) pw::fuzz::fail("a saved level does not restore");
  const std::vector<pw::TextMetrics> authored = {{16, 0}, {12.5, 20}, {0.5, 1e6}, {1e9, -1}};
  for (const pw::ScaledText& t : pw::scale_texts(authored, c.levels[asked.index].px, c.authored_px())) {
    if (!std::isfinite(t.font_px) || t.font_px <= 0) pw::fuzz::fail("a scaled size that is not positive and finite");
  }
  return 0;
}
