// C ABI of <pw-font-size>, its own lazy module (widgets/font-size/CMakeLists.txt). Binding only: strings and numbers in, JSON out;
// every rule lives in core/font_scale.cpp.
//
// The element keeps no handle into the module: calls after the first pass the
// canonical `levels` ("12 16 20") and `default` ("16") that pw_font_size_config
// returned, and the binding rebuilds the config from them.
#include <string>
#include <vector>

#include "core/config.h"
#include "core/font_scale.h"
#include "web/bindings.h"

namespace {

// Controls arrive packed as records separated by RS (\x1e), each
// text US code US name US classes US control ("1" or "0"), US = \x1f.
std::vector<pw::LegacyZoomLink> unpack_links(const std::string& packed) {
  std::vector<pw::LegacyZoomLink> links;
  if (packed.empty()) return links;
  std::size_t start = 0;
  while (start <= packed.size()) {
    std::size_t end = packed.find('\x1e', start);
    if (end == std::string::npos) end = packed.size();
    std::vector<std::string> fields;
    for (std::size_t from = start; from <= end;) {
      std::size_t split = packed.find('\x1f', from);
      if (split == std::string::npos || split > end) split = end;
      fields.push_back(packed.substr(from, split - from));
      from = split + 1;
    }
    fields.resize(5);
    links.push_back({fields[0], fields[1], fields[2], fields[3], fields[4] != "0"});
    start = end + 1;
  }
  return links;
}

pw::FontSizeConfig config_from(const char* levels, const char* default_px) {
  pw::FontSizeAttributes a;
  a.levels = pw::bind::str(levels);
  a.default_level = pw::bind::str(default_px);
  return pw::parse_font_size_config(a, {}, pw::Language::kZhHans).config;
}

}  // namespace

/// {"ok", "errors", "levels": [{"px", "label"}], "defaultIndex", "remember",
///  "descending", "buttons": [level index in button order], "adopted",
///  "linkLevels": [level index or -1 per link], "canonical": {"levels", "default"}}.
/// `lang` is a language tag ("zh-Hans", "zh-Hant", "en") for default labels;
/// `body_px` the target's computed font size (0: unknown).
PW_EXPORT const char* pw_font_size_config(const char* levels, const char* labels, const char* default_px,
                                          const char* remember, const char* order, const char* lang,
                                          const char* packed_links, double body_px) {
  pw::FontSizeAttributes a;
  a.levels = pw::bind::str(levels);
  a.labels = pw::bind::str(labels);
  a.default_level = pw::bind::str(default_px);
  a.remember = pw::bind::str(remember);
  a.order = pw::bind::str(order);
  const pw::Language language = pw::language_from_page(pw::bind::str(lang), "");
  const pw::FontSizeConfigResult r =
      pw::parse_font_size_config(a, unpack_links(pw::bind::str(packed_links)), language, body_px);
  pw::JsonWriter w;
  w.begin_object().key("ok").value(r.ok()).key("errors").errors(r.errors);
  if (r.ok()) {
    const pw::FontSizeConfig& c = r.config;
    std::string canonical;
    w.key("levels").begin_array();
    for (const pw::FontLevel& level : c.levels) {
      w.begin_object().key("px").number(level.px, 2).key("label").value(level.label).end_object();
      canonical += (canonical.empty() ? "" : " ") + pw::format_px(level.px);
    }
    w.end_array();
    w.key("defaultIndex").value(static_cast<int>(c.default_index));
    w.key("remember").value(c.remember).key("descending").value(c.descending);
    w.key("buttons").begin_array();
    for (std::size_t i : c.button_order()) w.value(static_cast<int>(i));
    w.end_array();
    w.key("adopted").value(c.adopted_legacy_links);
    w.key("linkLevels").begin_array();
    for (int i : c.legacy_link_levels) w.value(i);
    w.end_array();
    w.key("canonical").begin_object().key("levels").value(canonical);
    w.key("default").value(pw::format_px(c.authored_px())).end_object();
  }
  w.end_object();
  return pw::bind::result(w.take());
}

/// [font px, line-height px or 0 (leave as authored)] for one element.
PW_EXPORT const char* pw_font_size_scale(double font_px, double line_height_px, double level_px,
                                         double authored_px) {
  const pw::ScaledText s = pw::scale_text({font_px, line_height_px}, level_px, authored_px);
  pw::JsonWriter w;
  w.begin_array().number(s.font_px, 2).number(s.line_height_px, 2).end_array();
  return pw::bind::result(w.take());
}

/// {"index", "restored", "errors"}: the level to show for a saved value.
PW_EXPORT const char* pw_font_size_restore(const char* levels, const char* default_px, const char* saved) {
  const pw::SavedLevel s = pw::restore_font_level(config_from(levels, default_px), pw::bind::str(saved));
  pw::JsonWriter w;
  w.begin_object().key("index").value(static_cast<int>(s.index)).key("restored").value(s.restored);
  w.key("errors").errors(s.errors).end_object();
  return pw::bind::result(w.take());
}

/// {"index", "errors"}: a level asked for by script (`source`: "level", "doZoom(px)").
PW_EXPORT const char* pw_font_size_request(const char* levels, const char* default_px, int current,
                                           const char* text, const char* source) {
  const pw::LevelRequest r = pw::request_level(config_from(levels, default_px),
                                               static_cast<std::size_t>(current < 0 ? 0 : current),
                                               pw::bind::str(text), pw::bind::str(source));
  pw::JsonWriter w;
  w.begin_object().key("index").value(static_cast<int>(r.index)).key("errors").errors(r.errors).end_object();
  return pw::bind::result(w.take());
}

/// {"index"}: `delta` levels away from `index`, clamped.
PW_EXPORT const char* pw_font_size_step(const char* levels, const char* default_px, int index, int delta) {
  const std::size_t to =
      pw::step_level(config_from(levels, default_px), static_cast<std::size_t>(index < 0 ? 0 : index), delta);
  pw::JsonWriter w;
  w.begin_object().key("index").value(static_cast<int>(to)).end_object();
  return pw::bind::result(w.take());
}

/// {"saved"}: the stored form of a level, e.g. "1:18".
PW_EXPORT const char* pw_font_size_save(double px) {
  pw::JsonWriter w;
  w.begin_object().key("saved").value(pw::save_font_level(px)).end_object();
  return pw::bind::result(w.take());
}
