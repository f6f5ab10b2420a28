#include "core/font_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/utf8.h"

namespace pw {
namespace {

constexpr const char* kLevelsExpected = "expected 2–6 sizes in px such as \"14 16 18\"";
constexpr std::size_t kShownChars = 60;  // longer bad values are cut in messages
constexpr double kSamePx = 0.005;        // sizes are compared at the 0.01 px they are rounded to

double round_hundredths(double px) { return std::round(px * 100) / 100; }

bool same_px(double a, double b) { return std::fabs(a - b) < kSamePx; }

// A bad value as a message shows it: quoted, cut after kShownChars code points.
std::string shown(const std::string& value) {
  std::string out = "\"";
  std::size_t chars = 0;
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t start = i;
    next_code_point(value, &i);
    if (++chars > kShownChars) {
      out += "…";
      break;
    }
    out.append(value, start, i - start);
  }
  out += '"';
  return out;
}

// Parses a non-negative decimal such as "18", "17.5" or "18px" (ASCII "px" in
// any case). No sign, no exponent. Returns a negative number when `text` is
// not of that form. Hand-written so the eager module links no strtod.
double parse_px(std::string_view text) {
  if (text.size() >= 2) {
    const std::string tail = ascii_lower(text.substr(text.size() - 2));
    if (tail == "px") text.remove_suffix(2);
  }
  double whole = 0;
  double scale = 1;
  std::size_t int_digits = 0;
  std::size_t frac_digits = 0;
  bool seen_point = false;
  for (char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      if (seen_point) {
        if (++frac_digits <= 6) {
          scale /= 10;
          whole += (c - '0') * scale;
        }
      } else {
        if (++int_digits > 6) return -1;  // far beyond any size; keeps the value exact
        whole = whole * 10 + (c - '0');
      }
    } else {
      return -1;
    }
  }
  if (int_digits == 0 || (seen_point && frac_digits == 0)) return -1;
  return whole;
}

bool in_level_range(double px) { return px >= kMinLevelPx && px <= kMaxLevelPx; }

std::string range_text() { return concat({format_px(kMinLevelPx), "–", format_px(kMaxLevelPx), " px"}); }

std::string levels_list(const std::vector<FontLevel>& levels) {
  std::string out;
  for (const FontLevel& level : levels) {
    if (!out.empty()) out += ' ';
    out += format_px(level.px);
  }
  return out;
}

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

// The names of the size calls legacy templates make, lower case.
constexpr const char* kZoomCalls[] = {"dozoom",   "setfontsize", "changefontsize", "changefs",
                                      "changesize", "fontzoom",  "setfont",        "zoomfont"};
// Below this an argument of a call other than doZoom is a step or an index.
constexpr double kMinCallPx = 8;

// The px of a call whose argument list opens after code[at] (at = just past
// the name), or a negative number.
double zoom_call_px(const std::string& code, std::size_t at) {
  std::size_t i = at;
  const auto skip_spaces = [&] {
    while (i < code.size() && (code[i] == ' ' || code[i] == '\t' || code[i] == '\n' || code[i] == '\r')) ++i;
  };
  skip_spaces();
  if (i >= code.size() || code[i] != '(') return -1;
  ++i;
  skip_spaces();
  char quote = 0;
  if (i < code.size() && (code[i] == '\'' || code[i] == '"')) quote = code[i++];
  const std::size_t start = i;
  while (i < code.size() && ((code[i] >= '0' && code[i] <= '9') || code[i] == '.' || code[i] == 'p' ||
                             code[i] == 'x' || code[i] == 'P' || code[i] == 'X')) {
    ++i;
  }
  const double px = parse_px(std::string_view(code).substr(start, i - start));
  if (quote) {
    if (i >= code.size() || code[i] != quote) return -1;
    ++i;
  }
  skip_spaces();
  // doZoom(16) and the doZoom(16, 'zoom') some templates pass a container id to.
  if (i >= code.size() || (code[i] != ')' && code[i] != ',')) return -1;
  return px;
}

// Removes every occurrence of each of `parts` from `text`.
std::string without(std::string text, std::initializer_list<const char*> parts) {
  for (const char* part : parts) {
    const std::string p(part);
    for (std::size_t at = text.find(p); at != std::string::npos; at = text.find(p)) text.erase(at, p.size());
  }
  return text;
}

// The rank a label names ("大", "字体：小", "大字", "Large", "A+"), else kNoLegacyRank.
int label_rank(std::string_view raw) {
  std::string t = ascii_lower(trim(raw));
  t = without(t, {" ", "\t", "\n", "\u3000", "[", "]", "\u3010", "\u3011", "(", ")", "\uff08", "\uff09", ":",
                  "\uff1a", "\u5b57\u4f53", "\u5b57\u9ad4", "\u5b57\u53f7", "\u5b57\u865f", "\u53f7",
                  "\u865f", "\u5b57", "\u4f53", "\u9ad4", "font", "text", "size"});
  static const struct { const char* label; int rank; } kLabels[] = {
      {"\u7279\u5c0f", -2}, {"\u5c0f", -1}, {"\u4e2d", 0}, {"\u6807\u51c6", 0}, {"\u9ed8\u8ba4", 0},
      {"\u5927", 1},        {"\u7279\u5927", 2}, {"\u8d85\u5927", 3}, {"x-small", -2}, {"small", -1},
      {"smaller", -1},      {"medium", 0}, {"middle", 0}, {"normal", 0}, {"default", 0}, {"large", 1},
      {"big", 1},           {"larger", 1}, {"x-large", 2}, {"xx-large", 3}, {"a-", -1}, {"a", 0}, {"a+", 1},
      // Step controls (放大 缩小 还原, A+ A-, zoom in/out): one step from the
      // default level, as the widget's own 大 and 小 buttons are.
      {"\u653e\u5927", 1}, {"\u589e\u5927", 1}, {"\u7f29\u5c0f", -1}, {"\u7e2e\u5c0f", -1}, {"\u51cf\u5c0f", -1},
      {"\u6e1b\u5c0f", -1}, {"\u8fd8\u539f", 0}, {"\u9084\u539f", 0}, {"\u6062\u590d", 0}, {"\u5fa9\u539f", 0},
      {"zoomin", 1}, {"zoomout", -1}, {"enlarge", 1}, {"reset", 0}};
  for (const auto& entry : kLabels) {
    if (t == entry.label) return entry.rank;
  }
  return kNoLegacyRank;
}

// The rank a class token names (j-fontBig, font-middle, zoom_small, big), else kNoLegacyRank.
int class_rank(std::string_view token) {
  const std::string t = without(ascii_lower(token), {"-", "_"});
  const std::string bare = without(t, {"font", "zoom", "size", "text", "btn", "zh"});
  // A bare size word, or one with a font/zoom/size qualifier around it.
  const bool qualified = bare.size() < t.size();
  static const struct { const char* word; int rank; } kWords[] = {
      {"xxlarge", 3}, {"xlarge", 2}, {"xsmall", -2}, {"middle", 0}, {"medium", 0}, {"normal", 0},
      {"default", 0}, {"zhong", 0},  {"mid", 0},     {"small", -1}, {"xiao", -1},  {"min", -1},
      {"large", 1},   {"big", 1},    {"max", 1},     {"da", 1}};
  for (const auto& entry : kWords) {
    const std::string word(entry.word);
    if (bare == word) return entry.rank;
    if (qualified && bare.size() > word.size() && (bare.compare(bare.size() - word.size(), word.size(), word) == 0 ||
                                                   bare.compare(0, word.size(), word) == 0)) {
      // jfontbig → "jbig"; fontbigger → "bigger": the word at either end.
      return entry.rank;
    }
  }
  return kNoLegacyRank;
}

// The language's label for a rank (-2 … 3), e.g. 1 → 大.
std::string rank_label(int rank, Language lang) {
  const std::vector<std::string> ladder = default_font_labels(6, lang);  // 特小 小 中 大 特大 超大
  const int at = std::max(-2, std::min(3, rank)) + 2;
  return ladder[static_cast<std::size_t>(at)];
}

struct LevelsSource {
  std::string source;   // the Error's source
  std::string display;  // how a message names the value: levels="…" or the links
};

// Validates sizes in the order written; appends one error and returns false
// when they are not 2–6 ascending sizes in the level range.
bool check_levels(const std::vector<std::string>& tokens, const LevelsSource& where,
                  std::vector<FontLevel>* levels, Errors* errors) {
  const auto fail = [&](const std::string& what) {
    errors->push_back({"pw.font_size.bad_levels", where.source,
                       concat({where.display, ": ", what, "; ", kLevelsExpected})});
    return false;
  };
  levels->clear();
  for (const std::string& token : tokens) {
    double px = parse_px(token);
    if (px < 0 && !token.empty() && token[0] == '-' && parse_px(token.substr(1)) >= 0) {
      return fail(concat({token, " px is outside ", range_text()}));
    }
    if (px < 0) return fail(concat({shown(token), " is not a number"}));
    px = round_hundredths(px);
    if (!in_level_range(px)) return fail(concat({format_px(px), " px is outside ", range_text()}));
    levels->push_back({px, std::string()});
  }
  if (levels->size() < kMinLevels || levels->size() > kMaxLevels) {
    return fail(concat({decimal(static_cast<long long>(levels->size())), levels->size() == 1 ? " size" : " sizes"}));
  }
  for (std::size_t i = 1; i < levels->size(); ++i) {
    if ((*levels)[i].px <= (*levels)[i - 1].px) {
      return fail(concat({"sizes must ascend, smallest first, without repeats (", format_px((*levels)[i].px),
                          " follows ", format_px((*levels)[i - 1].px), ")"}));
    }
  }
  return true;
}

}  // namespace

std::string format_px(double px) {
  if (!std::isfinite(px)) return "NaN";
  const bool negative = px < 0;
  const int64_t hundredths = static_cast<int64_t>(std::llround(std::fabs(px) * 100));
  std::string out = negative && hundredths != 0 ? "-" : "";
  out += decimal(hundredths / 100);
  const int64_t frac = hundredths % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

std::vector<std::string> default_font_labels(std::size_t count, Language lang) {
  // Largest-last lists for 6 levels; fewer levels take a middle slice so that
  // 3 levels are always 小 中 大 and a 4th is 特大.
  static const char* const kZh[][6] = {
      {"小", "大"},
      {"小", "中", "大"},
      {"小", "中", "大", "特大"},
      {"特小", "小", "中", "大", "特大"},
      {"特小", "小", "中", "大", "特大", "超大"},
  };
  static const char* const kEn[][6] = {
      {"Small", "Large"},
      {"Small", "Medium", "Large"},
      {"Small", "Medium", "Large", "X-Large"},
      {"X-Small", "Small", "Medium", "Large", "X-Large"},
      {"X-Small", "Small", "Medium", "Large", "X-Large", "XX-Large"},
  };
  std::vector<std::string> labels;
  if (count < kMinLevels || count > kMaxLevels) return labels;
  const auto& row = lang == Language::kEn ? kEn[count - kMinLevels] : kZh[count - kMinLevels];
  for (std::size_t i = 0; i < count; ++i) labels.emplace_back(row[i]);
  return labels;
}

double legacy_zoom_px(const std::string& code) {
  const std::string lower = ascii_lower(code);
  // The first usable call in the text, whichever its name.
  std::size_t best_at = std::string::npos;
  double best = -1;
  for (const char* name : kZoomCalls) {
    const std::size_t n = std::char_traits<char>::length(name);
    for (std::size_t at = lower.find(name); at != std::string::npos && at < best_at; at = lower.find(name, at + 1)) {
      if (at > 0 && is_identifier_char(lower[at - 1])) continue;  // e.g. mydoZoom(
      const double px = zoom_call_px(code, at + n);
      if (px < 0 || (px < kMinCallPx && std::string(name) != "dozoom")) continue;
      best_at = at;
      best = round_hundredths(px);
      break;
    }
  }
  return best;
}

int legacy_link_rank(const LegacyZoomLink& link) {
  int rank = label_rank(link.text);
  if (rank == kNoLegacyRank && trim(link.text).empty()) rank = label_rank(link.name);
  if (rank != kNoLegacyRank) return rank;
  const std::vector<std::string> tokens = split_list(link.classes);
  for (const std::string& token : tokens) {
    rank = class_rank(token);
    if (rank != kNoLegacyRank) return rank;
  }
  return kNoLegacyRank;
}

std::vector<std::size_t> FontSizeConfig::button_order() const {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < levels.size(); ++i) order.push_back(descending ? levels.size() - 1 - i : i);
  return order;
}

FontSizeConfigResult parse_font_size_config(const FontSizeAttributes& attributes,
                                            const std::vector<LegacyZoomLink>& legacy_links,
                                            Language lang, double body_px) {
  FontSizeConfigResult result;
  FontSizeConfig& config = result.config;
  Errors& errors = result.errors;

  // Which controls count (links, buttons, onclick; bare elements that name a
  // size), which carry a size call, which name a size. Every counted control
  // (at least two) with a size call means the controls define the levels.
  std::vector<double> link_px;
  std::vector<int> link_rank;
  std::string counted;  // one flag per link; std::vector<bool>'s push_back is large in wasm
  std::size_t counted_count = 0;
  std::size_t with_px = 0;
  std::size_t with_rank = 0;
  for (const LegacyZoomLink& link : legacy_links) {
    link_px.push_back(legacy_zoom_px(link.code));
    link_rank.push_back(legacy_link_rank(link));
    const bool counts = link.control || link_px.back() >= 0 || link_rank.back() != kNoLegacyRank;
    counted += counts ? '1' : '0';
    if (!counts) continue;
    ++counted_count;
    if (link_px.back() >= 0) ++with_px;
    if (link_rank.back() != kNoLegacyRank) ++with_rank;
  }
  const bool every_link_has_px = counted_count >= kMinLevels && with_px == counted_count;

  // --- levels and labels ---
  const std::string levels_attr(trim(attributes.levels));
  const std::string labels_attr(trim(attributes.labels));
  std::vector<std::string> link_labels;  // non-empty when the links define the labels too
  bool levels_ok = false;
  if (!levels_attr.empty()) {
    levels_ok = check_levels(split_list(levels_attr), {"levels", concat({"levels=", shown(levels_attr)})},
                             &config.levels, &errors);
  } else if (every_link_has_px) {
    // Distinct sizes, ascending; the first link of each size names it.
    std::vector<std::size_t> by_px;
    for (std::size_t i = 0; i < legacy_links.size(); ++i) {
      if (counted[i] == '1') by_px.push_back(i);
    }
    // A link set is a handful of links: an insertion sort keeps document order
    // among equal sizes and, unlike std::stable_sort (~4 KB), costs the eager
    // module almost nothing.
    for (std::size_t i = 1; i < by_px.size(); ++i) {
      for (std::size_t j = i; j > 0 && link_px[by_px[j]] < link_px[by_px[j - 1]]; --j) {
        std::swap(by_px[j], by_px[j - 1]);
      }
    }
    std::vector<std::string> distinct;
    for (std::size_t i : by_px) {
      const std::string px = format_px(link_px[i]);
      if (!distinct.empty() && distinct.back() == px) continue;
      distinct.push_back(px);
      std::string text(trim(legacy_links[i].text));
      if (text.empty()) text = link_rank[i] != kNoLegacyRank ? rank_label(link_rank[i], lang) : px;
      link_labels.push_back(text);
    }
    std::string joined;
    for (const std::string& px : distinct) {
      if (!joined.empty()) joined += ' ';
      joined += px;
    }
    levels_ok = check_levels(distinct, {"doZoom links", concat({"the doZoom(px) links give sizes ", shown(joined)})},
                             &config.levels, &errors);
    if (levels_ok) config.adopted_legacy_links = true;
    else {
      errors.back().message += " (or set levels and labels on the element to override the links)";
    }
  } else {
    std::vector<std::string> defaults;
    for (double px : kDefaultLevelsPx) defaults.push_back(format_px(px));
    levels_ok = check_levels(defaults, {"levels", "levels"}, &config.levels, &errors);
  }

  if (levels_ok) {
    std::vector<std::string> labels;
    if (!labels_attr.empty()) {
      labels = split_list(labels_attr);
      if (labels.size() != config.levels.size()) {
        errors.push_back({"pw.font_size.bad_labels", "labels",
                          concat({"labels=", shown(labels_attr), ": ", decimal(static_cast<long long>(labels.size())),
                                  labels.size() == 1 ? " label" : " labels", " for ",
                                  decimal(static_cast<long long>(config.levels.size())), " levels (", levels_list(config.levels),
                                  "); expected one label per level, smallest first, such as \"小 中 大\""})});
        labels.clear();
      }
    } else if (config.adopted_legacy_links) {
      labels = link_labels;
    } else {
      labels = default_font_labels(config.levels.size(), lang);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) config.levels[i].label = labels[i];
  }

  // --- default: the one rule (see the header) ---
  const std::string default_attr(trim(attributes.default_level));
  if (!default_attr.empty()) {
    const double px = parse_px(default_attr);
    if (px < 0) {
      errors.push_back({"pw.font_size.bad_default", "default",
                        concat({"default=", shown(default_attr), ": not a size in px; expected the level the page "
                                "is authored at", levels_ok ? ", one of " : ", such as 16",
                                levels_ok ? levels_list(config.levels) : std::string()})});
    } else if (levels_ok) {
      bool found = false;
      for (std::size_t i = 0; i < config.levels.size(); ++i) {
        if (same_px(config.levels[i].px, px)) {
          config.default_index = i;
          found = true;
        }
      }
      if (!found) {
        errors.push_back({"pw.font_size.bad_default", "default",
                          concat({"default=", shown(default_attr), ": ", format_px(px),
                                  " px is not one of the levels; expected the level the page is authored at, one of ",
                                  levels_list(config.levels)})});
      }
    }
  } else if (levels_ok) {
    const std::size_t count = config.levels.size();
    if (config.adopted_legacy_links && count % 2 == 1) {
      config.default_index = count / 2;  // 中 of 大 中 小
    } else if (config.adopted_legacy_links && body_px > 0 && std::isfinite(body_px)) {
      config.default_index = nearest_level(config, body_px);
    } else {
      config.default_index = (count - 1) / 2;
      for (std::size_t i = 0; i < count; ++i) {
        if (same_px(config.levels[i].px, kPreferredDefaultPx)) config.default_index = i;
      }
    }
  }

  // --- remember, order ---
  const std::string remember = ascii_lower(trim(attributes.remember));
  if (remember == "off") {
    config.remember = false;
  } else if (!remember.empty() && remember != "on") {
    errors.push_back({"pw.font_size.bad_remember", "remember",
                      concat({"remember=", shown(std::string(trim(attributes.remember))),
                              ": expected \"on\" (save the reader's choice on this site) or \"off\""})});
  }
  const std::string order = ascii_lower(trim(attributes.order));
  if (order == "asc") {
    config.descending = false;
  } else if (!order.empty() && order != "desc") {
    errors.push_back({"pw.font_size.bad_order", "order",
                      concat({"order=", shown(std::string(trim(attributes.order))),
                              ": expected \"desc\" (大 中 小, largest first) or \"asc\" (小 中 大)"})});
  }
  if (!levels_ok) return result;

  // --- which level each legacy control selects ---
  const bool positional = with_px == 0 && with_rank == 0;
  const auto map_links = [&](const FontSizeConfig& c) {
    std::vector<int> out;
    const std::vector<std::size_t> buttons = c.button_order();
    std::size_t position = 0;
    const int last = static_cast<int>(c.levels.size()) - 1;
    for (std::size_t i = 0; i < legacy_links.size(); ++i) {
      if (counted[i] != '1') {
        out.push_back(-1);
      } else if (link_px[i] >= 0) {
        out.push_back(static_cast<int>(nearest_level(c, link_px[i])));
      } else if (link_rank[i] != kNoLegacyRank) {
        out.push_back(std::max(0, std::min(last, static_cast<int>(c.default_index) + link_rank[i])));
      } else if (positional && counted_count == c.levels.size()) {
        out.push_back(static_cast<int>(buttons[position++]));
      } else {
        out.push_back(-1);
      }
    }
    return out;
  };
  config.legacy_link_levels = map_links(config);

  // --- one larger level, so that 大 enlarges ---
  if (levels_attr.empty() && config.default_index + 1 == config.levels.size() &&
      config.levels.size() < kMaxLevels) {
    const double top = config.levels.back().px;
    for (double px : kLargerLevelsPx) {
      if (px <= top + kSamePx) continue;
      FontSizeConfig larger = config;
      int top_rank = label_rank(config.levels.back().label);
      if (top_rank == kNoLegacyRank) top_rank = 1;  // an unknown top label reads as 大
      larger.levels.push_back({px, rank_label(top_rank + 1, lang)});
      const std::vector<int> mapped = map_links(larger);
      bool keeps_every_link = true;
      for (std::size_t i = 0; i < mapped.size(); ++i) {
        if (config.legacy_link_levels[i] >= 0 && mapped[i] < 0) keeps_every_link = false;
      }
      if (keeps_every_link) {
        larger.legacy_link_levels = mapped;
        config = larger;
      }
      break;
    }
  }
  return result;
}

std::size_t step_level(const FontSizeConfig& config, std::size_t index, int delta) {
  if (config.levels.empty()) return 0;
  const int64_t last = static_cast<int64_t>(config.levels.size()) - 1;
  const int64_t to = std::min<int64_t>(last, static_cast<int64_t>(index)) + delta;
  return static_cast<std::size_t>(std::max<int64_t>(0, std::min(last, to)));
}

std::size_t nearest_level(const FontSizeConfig& config, double px) {
  if (std::isnan(px) || config.levels.empty()) return config.default_index;
  std::size_t best = 0;
  for (std::size_t i = 1; i < config.levels.size(); ++i) {
    // <= : on a tie the later (larger) level wins.
    if (std::fabs(config.levels[i].px - px) <= std::fabs(config.levels[best].px - px)) best = i;
  }
  return best;
}

LevelRequest request_level(const FontSizeConfig& config, std::size_t current, const std::string& text,
                           const std::string& source) {
  LevelRequest request;
  request.index = current;
  const double px = parse_px(trim(text));
  if (px < 0) {
    request.errors.push_back({"pw.font_size.bad_level", source,
                              concat({source, ": ", shown(text), " is not a size in px; expected one of the levels ",
                                      levels_list(config.levels), " (other sizes snap to the nearest level)"})});
    return request;
  }
  request.index = nearest_level(config, px);
  return request;
}

std::string save_font_level(double px) { return concat({"1:", format_px(px)}); }

SavedLevel restore_font_level(const FontSizeConfig& config, const std::string& saved) {
  SavedLevel level;
  level.index = config.default_index;
  if (saved.empty()) return level;
  const double px = saved.compare(0, 2, "1:") == 0 ? parse_px(std::string_view(saved).substr(2)) : -1;
  if (px < 0 || !in_level_range(round_hundredths(px))) {
    level.errors.push_back(
        {"pw.font_size.bad_saved_level", concat({"localStorage[\"", kFontLevelStorageKey, "\"]"}),
         concat({"saved font level ", shown(saved), " was not written by this version of portal-widgets; expected \"1:<px>\" with ",
                 range_text(), ", such as \"1:18\"; showing the default level (",
                 format_px(config.levels.empty() ? 16 : config.authored_px()), " px) and saving anew on the next choice"})});
    return level;
  }
  level.index = nearest_level(config, px);
  level.restored = true;
  return level;
}

ScaledText scale_text(const TextMetrics& authored, double level_px, double authored_px) {
  ScaledText out{authored.font_px, authored.line_height_px > 0 ? authored.line_height_px : 0};
  if (!(level_px > 0) || !(authored_px > 0) || !std::isfinite(level_px) || !std::isfinite(authored_px) ||
      !(authored.font_px >= 0) || !std::isfinite(authored.font_px) || same_px(level_px, authored_px)) {
    return out;
  }
  const double factor = level_px / authored_px;
  double font = authored.font_px * factor;
  if (factor < 1) font = std::max(font, std::min(authored.font_px, kMinReadablePx));
  font = round_hundredths(font);
  double line = 0;
  if (authored.line_height_px > 0 && std::isfinite(authored.line_height_px)) {
    line = authored.font_px > 0 ? authored.line_height_px * font / authored.font_px
                                : authored.line_height_px * factor;
  }
  if (factor > 1) line = std::max(line, kLargeTextLineHeight * font);
  out.font_px = font;
  out.line_height_px = round_hundredths(line);
  return out;
}

std::vector<ScaledText> scale_texts(const std::vector<TextMetrics>& authored, double level_px,
                                    double authored_px) {
  std::vector<ScaledText> out;
  out.reserve(authored.size());
  for (const TextMetrics& m : authored) out.push_back(scale_text(m, level_px, authored_px));
  return out;
}

}  // namespace pw
