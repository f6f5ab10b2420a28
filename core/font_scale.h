// Font-size switching (【字体：大 中 小】): which sizes a page offers, which one
// the reader chose, and what every text element's size becomes at that level.
//
// The browser measures (computed font sizes and line heights at the page's
// authored level) and writes inline styles; every decision in between lives
// here: validating the <pw-font-size> attributes, adopting an old template's
// doZoom(px) links, stepping and snapping levels, the scaling rule, and the
// saved choice. All sizes are CSS px.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/error.h"

namespace pw {

// The constants below are the only home of these rules: web/package.mjs
// injects each (__PW_CORE_<name>__) into the loader's early font-size part
// (widgets/font-size/font-size.shell.js), which acts before this core
// arrives; tests/font_size_cases.json checks both against each other.

/// Body-text sizes a level may have, in CSS px (inclusive).
constexpr double kMinLevelPx = 12;
constexpr double kMaxLevelPx = 64;
/// How many levels an element may offer (inclusive).
constexpr std::size_t kMinLevels = 2;
constexpr std::size_t kMaxLevels = 6;
/// The levels without a `levels` attribute or legacy sizes, px ascending.
constexpr double kDefaultLevelsPx[] = {14, 16, 18};
/// The default level's rule 3 (see parse_font_size_config): this size when it
/// is a level, the body size most portal templates are authored at.
constexpr double kPreferredDefaultPx = 16;
/// The larger level added when the default is the top one (the first above
/// it), so that 大 always enlarges the page's own text.
constexpr double kLargerLevelsPx[] = {18, 20, 24, 28, 32};
/// Scaling a page down never takes text below this size (CSS px) unless the
/// page itself authored it smaller; 12 px is the smallest size commonly held
/// readable for Chinese text.
constexpr double kMinReadablePx = 12;
/// At levels above the authored one, line heights are raised to at least this
/// multiple of the font size (适老化: generous spacing for large text).
constexpr double kLargeTextLineHeight = 1.5;
/// The localStorage key of the saved level (one per origin).
constexpr const char* kFontLevelStorageKey = "pw-font-size";

/// One choice offered to the reader.
struct FontLevel {
  double px = 0;      // body-text size in CSS px, kMinLevelPx–kMaxLevelPx
  std::string label;  // UTF-8 text of the button, e.g. "大"
};

/// The <pw-font-size> attributes as the page wrote them. An absent attribute
/// and one that is empty (or only white space) both mean "use the default".
struct FontSizeAttributes {
  std::string levels;         // "14 16 18"
  std::string labels;         // "小 中 大"
  std::string default_level;  // the attribute named "default"
  std::string remember;       // "on" | "off"
  std::string order;          // "desc" | "asc"
};

/// A control of an old template's 大/中/小 set found inside the element, e.g.
/// <a href="javascript:doZoom(18)">大</a>, <a class="j-fontBig" href="#">大</a>,
/// <span title="大字体"><i class="icon"></i></span> or a bare <span>大</span>
/// a page script binds. `code` is everything that may hold the call: the href
/// and the onclick attribute text, joined by a space.
struct LegacyZoomLink {
  std::string text;          // the control's text content
  std::string code;          // href + " " + onclick
  std::string name = {};     // its title, else its aria-label (icon buttons)
  std::string classes = {};  // its class attribute
  /// A link, button or element with onclick. A bare element (a span a
  /// script binds) is a control only when its text, name or classes say
  /// which size it is (legacy_link_rank); otherwise it is not counted.
  bool control = true;
};

/// legacy_link_rank for a control that names no size.
constexpr int kNoLegacyRank = 99;

/// A validated <pw-font-size> configuration.
struct FontSizeConfig {
  std::vector<FontLevel> levels;    // 2–6 levels, ascending px, no repeats
  std::size_t default_index = 0;    // the level the page is authored at
  bool remember = true;             // save the choice in localStorage
  bool descending = true;           // buttons largest first (大 中 小)
  bool adopted_legacy_links = false;  // levels/labels came from doZoom links
  /// For each LegacyZoomLink passed in, the index of the level its click
  /// selects, or -1 when the link cannot be mapped (it is then left alone).
  std::vector<int> legacy_link_levels;

  /// The authored body size, px.
  double authored_px() const { return levels[default_index].px; }
  /// Level indices in the order the buttons are shown.
  std::vector<std::size_t> button_order() const;
};

struct FontSizeConfigResult {
  FontSizeConfig config;  // meaningful only when errors is empty
  Errors errors;          // one per bad attribute
  bool ok() const { return errors.empty(); }
};

/// Validates the attributes and, when the element wraps an old template's
/// controls, adopts them. Error ids (source = the attribute name, or
/// "doZoom links"):
///   pw.font_size.bad_levels   — not 2–6 numbers in px, a size outside
///                               12–64 px, or sizes not ascending;
///   pw.font_size.bad_labels   — not one label per level;
///   pw.font_size.bad_default  — not a number, or not one of the levels;
///   pw.font_size.bad_remember — not "on"/"off"; pw.font_size.bad_order — not
///                               "desc"/"asc".
/// Numbers are decimal with up to two fraction digits, an optional "px";
/// list items are separated by spaces or commas (ASCII or full-width).
///
/// The legacy controls counted are the `control` ones and the bare ones that
/// name a size (see LegacyZoomLink). Levels and labels: the attributes when
/// present; otherwise, when every one of at least two counted controls
/// carries a size call (legacy_zoom_px), the distinct px values (ascending)
/// and the texts of their first controls (else the language's label for the
/// size they name, else the px); otherwise "14 16 18". Labels default to
/// `lang`'s names for the level count (see default_font_labels).
///
/// The default level, the one rule:
///   1. the `default` attribute when present;
///   2. else, when the controls define the levels, the middle of their sizes
///      (中 of 大 中 小), or for an even count the one nearest `body_px` (the
///      target's computed font size; ties go to the larger; unknown, 0 or
///      NaN: rule 3);
///   3. else 16 px when 16 is a level, else the middle level (the lower of
///      the two for an even count).
/// If the default (by any rule) is then the top level, no `levels` attribute was given,
/// fewer than 6 levels exist and no counted control would be left without a
/// level, one larger level is added: the first of 18, 20, 24, 28, 32 px above
/// the top, labelled with the language's name for the step above the top
/// label (大 → 特大). So 大 always enlarges the page's own text.
///
/// Controls map to levels by their size call's px (the nearest level); else
/// by the size their text, name or classes name (小 → one below the default,
/// 中 → the default, 大 → one above, 特大 two above, clamped); else by position
/// (document order = button order) when no counted control has either and
/// their count equals the level count; else to -1.
/// When errors is not empty the config is not meaningful and the element
/// keeps the page (and its links) as they are.
FontSizeConfigResult parse_font_size_config(const FontSizeAttributes& attributes,
                                            const std::vector<LegacyZoomLink>& legacy_links,
                                            Language lang, double body_px = 0);

/// The default button labels for `count` levels (2–6; other counts give an
/// empty list), smallest first. zh-Hans/zh-Hant: 小 大 · 小 中 大 · 小 中 大 特大 ·
/// 特小 小 中 大 特大 · 特小 小 中 大 特大 超大. en: Small … Large with X-/XX- forms.
std::vector<std::string> default_font_labels(std::size_t count, Language lang);

/// The px argument of the first size call in `code`, e.g. 18 for
/// "javascript:doZoom(18)", "doZoom('18px');return false;",
/// "setFontSize('18px')", "changefs(18)" or "changeSize(18)". The names
/// (any case): doZoom, setFontSize, changeFontSize, changefs, changeSize,
/// fontZoom, setFont, zoomFont. Returns a negative number when there is no
/// such call or its argument is not a plain size; for every name but doZoom an
/// argument below 8 is a step or an index (changeSize(1)), not a size. The
/// range is not checked here.
double legacy_zoom_px(const std::string& code);

/// Which size a legacy control names, from its text, else its name (title or
/// aria-label), else its classes: -2 特小, -1 小, 0 中, 1 大, 2 特大, 3 超大 (also
/// 大字/大号/字体大…, Small/Medium/Large/Big/Normal, A-/A/A+), or class tokens
/// such as j-fontBig, font-middle, fontSmall, big, zoom_small; kNoLegacyRank
/// when none says. Step controls name the step from the default level:
/// 放大/增大/Zoom in/Enlarge (and A+) 1, 缩小/減小/Zoom out (and A-) -1,
/// 还原/恢复/Reset 0; so a 放大 缩小 pair selects the levels the widget's own
/// 大 and 小 buttons select, one step from the default.
int legacy_link_rank(const LegacyZoomLink& link);

/// The level index `delta` steps away from `index`, clamped to the levels.
std::size_t step_level(const FontSizeConfig& config, std::size_t index, int delta);

/// The index of the level nearest to `px` (ties go to the larger level).
/// NaN gives the default level.
std::size_t nearest_level(const FontSizeConfig& config, double px);

struct LevelRequest {
  std::size_t index = 0;  // the level to show
  Errors errors;          // pw.font_size.bad_level when `text` is not a size; index is then unchanged
};

/// Interprets a level asked for by script (the `level` property, a doZoom(px)
/// call routed by the shim): a number in px, "px" optional, snapped to the
/// nearest level. `current` is returned with an error when `text` is not a
/// number; `source` names the caller for the message ("level", "doZoom").
LevelRequest request_level(const FontSizeConfig& config, std::size_t current,
                           const std::string& text, const std::string& source);

/// The saved form of a chosen level: "1:<px>", e.g. "1:18" (version 1).
std::string save_font_level(double px);

struct SavedLevel {
  std::size_t index = 0;  // the level to show
  bool restored = false;  // true when it came from `saved`
  Errors errors;          // pw.font_size.bad_saved_level for a corrupt or foreign value
};

/// The level to show for a saved value (see save_font_level): the level
/// nearest the saved px. An empty `saved` (nothing stored) gives the default
/// level without error; a value that is not version 1 or not a size in
/// 12–64 px gives the default level and pw.font_size.bad_saved_level.
SavedLevel restore_font_level(const FontSizeConfig& config, const std::string& saved);

/// A text element's computed style at the authored level.
struct TextMetrics {
  double font_px = 0;         // computed font-size, px
  double line_height_px = 0;  // computed line-height, px; 0 or less for "normal"
};

/// What to write on a text element at the chosen level.
struct ScaledText {
  double font_px = 0;         // rounded to 0.01 px
  double line_height_px = 0;  // rounded to 0.01 px; 0 = leave the line height as authored
};

/// Scales one element from the authored level to `level_px` (`authored_px` is
/// the level the page is authored at; both > 0, else the element is returned
/// unchanged): font size × level/authored, so headings keep their proportion
/// to body text. Scaling down never goes below kMinReadablePx, nor makes text
/// that was authored smaller than that any bigger. A px line height keeps its
/// ratio to the font size; above the authored level every line height
/// ("normal" included) is at least kLargeTextLineHeight × the font size. At
/// the authored level the element is returned as measured.
ScaledText scale_text(const TextMetrics& authored, double level_px, double authored_px);

/// scale_text for every element, in order.
std::vector<ScaledText> scale_texts(const std::vector<TextMetrics>& authored, double level_px,
                                    double authored_px);

/// Formats a size for messages and storage: up to two decimals, trailing
/// zeros trimmed ("18", "17.5", "10.67").
std::string format_px(double px);

}  // namespace pw
