#include "demo/studio/studio_ui.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/font_scale.h"
#include "core/utf8.h"
#include "misc/cpp/imgui_stdlib.h"

namespace pw::studio {
namespace {

constexpr ImWchar kReplacementBox = 0x25A1;  // □

const char* const kLanguageNames[] = {"简体中文", "繁體中文", "English"};

const ImVec4 kErrorColor(0.72f, 0.11f, 0.11f, 1.0f);
const ImVec4 kAskColor(0.65f, 0.33f, 0.0f, 1.0f);
const ImVec4 kPassColor(0.1f, 0.45f, 0.2f, 1.0f);
const ImVec4 kMutedColor(0.35f, 0.35f, 0.35f, 1.0f);

std::vector<std::string> words(const char* list) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = list; *p; ++p) {
    if (*p == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string format_number(double v) { return format_px(v); }

// Parses "#rgb" / "#rrggbb" for the colour preview swatch; false otherwise.
bool hex_colour(const std::string& text, ImVec4* out) {
  Error e;
  Rgba c = parse_css_color(text, "fg", Rgba{0, 0, 0, 0}, &e);
  if (!e.id.empty()) return false;
  *out = ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f);
  return true;
}

}  // namespace

#ifdef PW_IMGUI_ASSERTS
namespace {
AssertHandler g_assert_handler = nullptr;
}
void set_assert_handler(AssertHandler handler) { g_assert_handler = handler; }
void assert_failed(const char* expression, const char* file, int line) {
  if (g_assert_handler) return g_assert_handler(expression, file, line);
  std::fprintf(stderr, "IM_ASSERT failed: %s (%s:%d)\n", expression, file, line);
  std::abort();
}
#endif

Studio::Studio(Bridge& bridge) : bridge_(bridge) {
  page_url_ = "https://www.example.gov.cn/art/2024/1/1/art_1.html";
  sample_text_ = tr(lang_, "font.sample_text");
}

namespace {

// Adds one font file to the atlas at the studio's size; merged into the first one
// unless it is the first (Dear ImGui keeps the first font's glyph for a character
// both have).
ImFont* add_font_file(ImFontAtlas* atlas, const void* data, int size, float px, const ImWchar* ranges, bool merge) {
  ImFontConfig config;
  config.MergeMode = merge;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 1;  // CJK at UI sizes: 1 keeps the atlas small and builds fast
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return atlas->AddFontFromMemoryTTF(const_cast<void*>(data), size, px, &config, ranges);
}

}  // namespace

void Studio::build_fonts(FontFile ui, FontFile rest, float px, float scale, Glyphs glyphs) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  static const ImWchar kFullRanges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1
      0x2000, 0x206F,  // punctuation
      0x2190, 0x21FF,  // arrows
      0x2460, 0x24FF,  // enclosed numbers
      0x25A0, 0x25FF,  // shapes (□)
      0x2700, 0x27BF,  // ✓
      0x3000, 0x30FF,  // CJK punctuation, kana
      0x4E00, 0x9FAF,  // CJK unified ideographs (the fonts have the common 3,500 and the UI's)
      0xFF00, 0xFFEF,  // full-width forms
      0,
  };
  // The first frame's characters: rasterising a few hundred glyphs instead of the
  // whole font is most of what stands between the module's start and its first frame.
  interface_ranges_.clear();
  if (glyphs == Glyphs::kInterface) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas->GetGlyphRangesDefault());
    builder.AddChar(kReplacementBox);
    for (const char* name : kLanguageNames) builder.AddText(name);
    builder.AddText(ui_text(lang_).c_str());
    builder.AddText((settings_.script_url + sample_text_ + page_url_).c_str());
    for (const auto& [key, value] : settings_.values()) builder.AddText(value.c_str());
    for (const std::string& key : unknown_keys_) builder.AddText(key.c_str());
    builder.BuildRanges(&interface_ranges_);
  }
  const ImWchar* ranges = glyphs == Glyphs::kFull ? kFullRanges : interface_ranges_.Data;
  const float size = std::round(px * scale);  // rasterised at the device's pixel size
  ImFont* font = add_font_file(atlas, ui.data, ui.size, size, ranges, false);
  IM_ASSERT(font && "the studio font could not be read");
  if (rest.data) add_font_file(atlas, rest.data, rest.size, size, ranges, true);
  for (auto& [s, bytes] : slices_) add_font_file(atlas, bytes.data(), int(bytes.size()), size, slice_ranges_[s].data(), true);
  font->FallbackChar = kReplacementBox;  // used by BuildLookupTable when the glyph exists
  io.FontGlobalScale = 1.0f / scale;
  full_atlas_ = glyphs == Glyphs::kFull && rest.data;
  atlas_outdated_ = false;
}

std::string Studio::label(const char* id) const { return std::string(t(id)) + "###" + id; }

void Studio::track(const std::string& id) { rects_[id] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}; }

bool Studio::item_rect(const std::string& id, ImVec2* min, ImVec2* max) const {
  auto it = rects_.find(id);
  if (it == rects_.end()) return false;
  *min = it->second.min;
  *max = it->second.max;
  return true;
}

bool Studio::take_changed() {
  bool c = changed_;
  changed_ = false;
  return c;
}

void Studio::open_fragment(const std::string& fragment) {
  unknown_keys_.clear();
  settings_ = Settings::from_fragment(fragment, &unknown_keys_);
  dirty_ = links_dirty_ = related_dirty_ = true;
}

void Studio::copy_finished(bool ok) {
  copied_ = ok;
  copy_failed_ = !ok;
}

void Studio::fetch_finished(int request, bool ok, const std::string& text) {
  if (request == kFetchFontIndex) {
    Error e;
    if (ok) slice_index_ = parse_font_slice_index(text, &e);
    index_state_ = ok && e.id.empty() ? IndexState::kLoaded : IndexState::kFailed;
    if (!ok) fonts_status_ = std::string(t("fetch_failed")) + text;
    if (ok && !e.id.empty()) fonts_status_ = e.source + ": " + e.message + "  (" + e.id + ")";
  } else if (request >= kFetchFontSlice && slices_pending_.erase(request - kFetchFontSlice)) {
    const int s = request - kFetchFontSlice;
    if (ok) {
      slices_[s] = text;
      std::vector<ImWchar>& ranges = slice_ranges_[s];
      ranges.clear();
      for (const auto& [first, last] : slice_index_.ranges[std::size_t(s)]) {
        if (first > IM_UNICODE_CODEPOINT_MAX) continue;
        ranges.push_back(ImWchar(first));
        ranges.push_back(ImWchar(std::min<char32_t>(last, IM_UNICODE_CODEPOINT_MAX)));
      }
      ranges.push_back(0);
      atlas_outdated_ = true;
    } else {
      fonts_status_ = std::string(t("fetch_failed")) + text;
    }
  } else if (request == kFetchLinks) {
    if (ok) {
      links_text_ = text;
      links_status_.clear();
      links_dirty_ = true;
    } else {
      links_status_ = std::string(t("fetch_failed")) + text;
    }
  } else if (request == kFetchFeed) {
    if (ok) {
      feed_text_ = text;
      feed_status_.clear();
      related_dirty_ = true;
    } else {
      feed_status_ = std::string(t("fetch_failed")) + text;
    }
  }
}

void Studio::count_missing(const std::string& text) {
  ImFont* font = ImGui::GetFont();
  std::u32string cps;
  if (!font || !utf8_decode(text, &cps)) return;
  for (char32_t c : cps) {
    if (c < 0x20 || c == 0x7F || c == kReplacementBox) continue;
    if (c > IM_UNICODE_CODEPOINT_MAX || !font->FindGlyphNoFallback(ImWchar(c))) frame_missing_.insert(c);
  }
}

int Studio::slice_of(char32_t c) const {
  for (std::size_t i = 0; i < slice_index_.ranges.size(); ++i) {
    for (const auto& [first, last] : slice_index_.ranges[i]) {
      if (c >= first && c <= last) return int(i);
    }
  }
  return -1;
}

// After a frame: asks for the font files that hold the characters the atlas lacks
// (the slice index first, then each slice once), and sorts those characters into
// pending (their glyphs are on the way) and missing (no font of the build has them).
void Studio::request_glyphs() {
  if (full_atlas_ && !frame_missing_.empty()) {
    if (index_state_ == IndexState::kNone) {
      index_state_ = IndexState::kRequested;
      bridge_.fetch_font_file(kFontIndexName, kFetchFontIndex);
    } else if (index_state_ == IndexState::kLoaded) {
      for (char32_t c : frame_missing_) {
        const int s = c <= IM_UNICODE_CODEPOINT_MAX ? slice_of(c) : -1;
        if (s >= 0 && slices_requested_.insert(s).second) {
          slices_pending_.insert(s);
          bridge_.fetch_font_file(slice_index_.files[std::size_t(s)], kFetchFontSlice + s);
        }
      }
    }
  }
  missing_glyphs_ = pending_glyphs_ = 0;
  for (char32_t c : frame_missing_) {
    bool pending = false;
    if (c <= IM_UNICODE_CODEPOINT_MAX) {
      if (!full_atlas_ || index_state_ == IndexState::kNone || index_state_ == IndexState::kRequested) {
        pending = true;
      } else if (index_state_ == IndexState::kLoaded) {
        const int s = slice_of(c);
        pending = s >= 0 && (slices_pending_.count(s) || (slices_.count(s) && atlas_outdated_));
      }
    }
    ++(pending ? pending_glyphs_ : missing_glyphs_);
  }
}

void Studio::recompute() {
  errors_ = check_settings(settings_);
  dirty_ = false;
  links_dirty_ = related_dirty_ = true;
}

void Studio::show_errors(const std::string& key) {
  auto it = errors_.find(key);
  if (it == errors_.end()) return;
  for (const Error& e : it->second) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s  (%s)", e.message.c_str(), e.id.c_str());
    ImGui::PopStyleColor();
  }
}

// One editor for one attribute of the description: a combo for enums, a checkbox
// for booleans, a text field otherwise; the default beside it; the core's errors below.
void Studio::attribute_field(const AttributeSpec& spec) {
  const std::string key = fragment_key(spec);
  const std::string id = "attr." + std::string(spec.element) + "." + spec.name;
  const std::string shown = std::string(t(id.c_str())) + "  " +
                            (std::strcmp(spec.element, "script") == 0 ? "data-" : "") + spec.name + "###" + key;
  std::string value = settings_.get(key);
  bool edited = false;
  ImGui::PushID(key.c_str());
  if (std::strcmp(spec.type, "enum") == 0) {
    const std::vector<std::string> options = words(spec.values);
    const std::string preview = value.empty() ? std::string(t("default")) + (*spec.default_value ? std::string(" (") + spec.default_value + ")" : std::string(t("from_page"))) : value;
    if (ImGui::BeginCombo(shown.c_str(), preview.c_str())) {
      if (ImGui::Selectable(t("default"), value.empty())) { value.clear(); edited = true; }
      for (const std::string& option : options) {
        if (ImGui::Selectable(option.c_str(), value == option)) { value = option; edited = true; }
      }
      ImGui::EndCombo();
    }
  } else if (std::strcmp(spec.type, "boolean") == 0) {
    bool on = !value.empty();
    if (ImGui::Checkbox(shown.c_str(), &on)) { value = on ? "on" : ""; edited = true; }
  } else {
    edited = ImGui::InputText(shown.c_str(), &value);
    if (std::strcmp(spec.type, "color") == 0) {
      ImVec4 c;
      if (hex_colour(value.empty() ? spec.default_value : value, &c)) {
        ImGui::SameLine();
        ImGui::ColorButton("##swatch", c, ImGuiColorEditFlags_NoTooltip, ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
      }
    }
  }
  track("attr." + key);
  if (*spec.default_value && std::strcmp(spec.type, "enum") != 0 && std::strcmp(spec.type, "boolean") != 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
    ImGui::Text("%s%s", t("default_is"), spec.default_value);
    ImGui::PopStyleColor();
  }
  count_missing(value);
  if (edited) {
    settings_.set(key, value);
    changed_ = true;
    dirty_ = true;
  }
  show_errors(key);
  ImGui::PopID();
}

void Studio::frame() {
  if (dirty_) recompute();
  frame_missing_.clear();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("studio", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::TextUnformatted(t("title"));
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 260.f);
  ImGui::SetNextItemWidth(160.f);
  int lang = int(lang_);
  if (ImGui::Combo(label("ui_lang").c_str(), &lang, kLanguageNames, 3)) {
    const bool sample_untouched = sample_text_ == tr(lang_, "font.sample_text");
    lang_ = UiLanguage(lang);
    if (sample_untouched) sample_text_ = tr(lang_, "font.sample_text");
  }
  track("ui_lang");
  if (!unknown_keys_.empty()) {
    std::string list;
    for (const std::string& k : unknown_keys_) list += (list.empty() ? "" : ", ") + k;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s%s", t("unknown_keys"), list.c_str());
    ImGui::PopStyleColor();
  }
  if (missing_glyphs_ > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, kAskColor);
    ImGui::TextWrapped(t("missing_glyphs"), missing_glyphs_);
    if (!fonts_status_.empty()) ImGui::TextWrapped("%s", fonts_status_.c_str());
    ImGui::PopStyleColor();
  }

  if (ImGui::BeginTabBar("panels")) {
    struct Panel { const char* id; void (Studio::*draw)(); };
    static const Panel kPanels[] = {
        {"tab.site", &Studio::site_panel},       {"tab.links", &Studio::links_panel},
        {"tab.qr", &Studio::qr_panel},           {"tab.font", &Studio::font_panel},
        {"tab.related", &Studio::related_panel}, {"tab.dialog", &Studio::dialog_panel},
        {"tab.snippet", &Studio::snippet_panel}};
    for (const Panel& panel : kPanels) {
      const bool open = ImGui::BeginTabItem(label(panel.id).c_str());
      track(panel.id);
      if (open) {
        ImGui::BeginChild("panel");
        (this->*panel.draw)();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  request_glyphs();
}

void Studio::site_panel() {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  std::string script = settings_.script_url;
  if (ImGui::InputText(label("script").c_str(), &script)) {
    settings_.script_url = script.empty() ? kDefaultScriptUrl : script;
    changed_ = dirty_ = true;
  }
  track("attr.script");
  count_missing(script);
  for (const AttributeSpec& spec : attribute_specs()) {
    if (std::strcmp(spec.element, "script") == 0) attribute_field(spec);
  }
  ImGui::PopItemWidth();
}

void Studio::links_panel() {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::InputText(label("links.page").c_str(), &page_url_)) links_dirty_ = true;
  track("links.page");
  ImGui::InputText(label("links.fetch").c_str(), &links_fetch_url_);
  track("links.fetch");
  ImGui::SameLine();
  if (ImGui::Button(label("links.load").c_str()) && !links_fetch_url_.empty()) {
    links_status_ = t("loading");
    bridge_.fetch_text(links_fetch_url_, kFetchLinks);
  }
  ImGui::PopItemWidth();
  if (!links_status_.empty()) ImGui::TextWrapped("%s", links_status_.c_str());
  ImGui::TextUnformatted(t("links.input"));
  if (ImGui::InputTextMultiline("##links", &links_text_, ImVec2(-1.f, ImGui::GetTextLineHeight() * 7))) links_dirty_ = true;
  track("links.input");
  count_missing(links_text_);
  ImGui::Checkbox(label("links.only_asks").c_str(), &only_asks_);
  track("links.only_asks");
  if (links_dirty_) {
    link_rows_ = classify_links(extract_links(links_text_), page_url_, settings_, bridge_);
    links_dirty_ = false;
  }
  int asks = 0;
  for (const LinkRow& row : link_rows_) asks += row.decision.action == LeaveAction::confirm;
  ImGui::Text(t("links.count"), int(link_rows_.size()), asks);
  if (ImGui::BeginTable("links", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn(t("links.href"), ImGuiTableColumnFlags_WidthStretch, 3.f);
    ImGui::TableSetupColumn(t("links.decision"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(t("links.reason"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(t("links.host"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();
    for (const LinkRow& row : link_rows_) {
      const bool confirm = row.decision.action == LeaveAction::confirm;
      if (only_asks_ && !confirm) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", row.href.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(confirm ? kAskColor : kPassColor, "%s", t(confirm ? "decision.confirm" : "decision.pass"));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(leave_reason_id(row.decision.reason));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.decision.host.c_str());
    }
    ImGui::EndTable();
  }
}

void Studio::qr_panel() {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  for (const AttributeSpec& spec : attribute_specs()) {
    if (std::strcmp(spec.element, "pw-qrcode") == 0) attribute_field(spec);
  }
  if (ImGui::InputText(label("links.page").c_str(), &page_url_)) links_dirty_ = true;
  ImGui::PopItemWidth();
  const std::string& text = settings_.get("pw-qrcode.text");
  const QrView view = qr_view(settings_, text.empty() ? page_url_ : text);
  ImGui::Separator();
  if (!view.result.ok()) {
    ImGui::TextColored(kErrorColor, "%s", t("qr.failed"));
    return;
  }
  const QrCode& code = view.result.code;
  static const char* kEcc[] = {"L", "M", "Q", "H"};
  ImGui::Text(t("qr.version"), code.version, code.size, code.size, kEcc[int(code.ecc)], view.data_bytes, view.capacity);
  // The code at the element's CSS size (in the studio's own px), drawn module by module.
  Error e;
  const Rgba fg = parse_css_color(view.result.fg, "fg", Rgba{0, 0, 0, 255}, &e);
  const Rgba bg = parse_css_color(view.result.bg, "bg", Rgba{255, 255, 255, 255}, &e);
  const float side = float(view.size_px);
  const float module = side / float(code.full_size());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(bg.r, bg.g, bg.b, bg.a));
  const ImU32 dark = IM_COL32(fg.r, fg.g, fg.b, fg.a);
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (!code.modules[size_t(y) * size_t(code.size) + size_t(x)]) continue;
      const ImVec2 a(origin.x + (x + code.quiet_zone) * module, origin.y + (y + code.quiet_zone) * module);
      draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), dark);
    }
  }
  if (!settings_.get("pw-qrcode.logo").empty()) {
    const QrBox box = qr_logo_box(code);
    const ImVec2 a(origin.x + (box.x + code.quiet_zone) * module, origin.y + (box.y + code.quiet_zone) * module);
    draw->AddRectFilled(a, ImVec2(a.x + box.side * module, a.y + box.side * module), IM_COL32(bg.r, bg.g, bg.b, bg.a));
    draw->AddRect(a, ImVec2(a.x + box.side * module, a.y + box.side * module), dark);
  }
  ImGui::Dummy(ImVec2(side, side));
  track("qr.code");
  const std::string& caption = settings_.get("pw-qrcode.caption");
  if (!caption.empty()) ImGui::TextUnformatted(caption.c_str());
}

void Studio::font_panel() {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  for (const AttributeSpec& spec : attribute_specs()) {
    if (std::strcmp(spec.element, "pw-font-size") == 0) attribute_field(spec);
  }
  ImGui::PopItemWidth();
  ImGui::TextUnformatted(t("font.sample"));
  ImGui::InputTextMultiline("##sample", &sample_text_, ImVec2(-1.f, ImGui::GetTextLineHeight() * 4));
  track("font.sample");
  count_missing(sample_text_);
  const FontSizeConfigResult config = font_size_view(settings_);
  if (!config.ok()) return;
  ImGui::Separator();
  const double authored = config.config.authored_px();
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetIO().FontGlobalScale;
  const float width = ImGui::GetContentRegionAvail().x;
  for (std::size_t i : config.config.button_order()) {
    const FontLevel& level = config.config.levels[i];
    // The widget's rule for a paragraph authored at the default size with the
    // browser's "normal" line height (about 1.2).
    const ScaledText scaled = scale_text(TextMetrics{authored, 0}, level.px, authored);
    const double line = scaled.line_height_px > 0 ? scaled.line_height_px : scaled.font_px * 1.2;
    ImGui::Text(t("font.level"), level.label.c_str(), format_number(scaled.font_px).c_str(), format_number(line).c_str());
    if (i == config.config.default_index) {
      ImGui::SameLine();
      ImGui::TextColored(kMutedColor, "%s", t("font.authored"));
    }
    // Lines broken as Dear ImGui wraps, drawn at the level's size and line height.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float px = float(scaled.font_px);
    const char* text = sample_text_.c_str();
    const char* end = text + sample_text_.size();
    float y = 0;
    while (text < end) {
      const char* line_end = font->CalcWordWrapPositionA(px / font->FontSize, text, end, width);
      if (line_end == text) line_end = text + 1;
      draw->AddText(font, px, ImVec2(pos.x, pos.y + y + float(line - px) / 2), ImGui::GetColorU32(ImGuiCol_Text), text, line_end);
      y += float(line);
      text = line_end;
      while (text < end && (*text == ' ' || *text == '\n')) ++text;
    }
    (void)scale;
    ImGui::Dummy(ImVec2(width, y + 8));
  }
}

void Studio::related_panel() {
  related_rows_.clear();
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  for (const AttributeSpec& spec : attribute_specs()) {
    if (std::strcmp(spec.element, "pw-related") == 0) attribute_field(spec);
  }
  ImGui::InputText(label("related.feed_url").c_str(), &feed_url_);
  track("related.feed_url");
  ImGui::SameLine();
  if (ImGui::Button((std::string(t("links.load")) + "###feed_load").c_str())) {
    const std::string url = feed_url_.empty() ? settings_.get("pw-related.src") : feed_url_;
    if (!url.empty()) {
      feed_status_ = t("loading");
      bridge_.fetch_text(url, kFetchFeed);
    }
  }
  if (ImGui::InputText(label("related.today").c_str(), &today_)) related_dirty_ = true;
  track("related.today");
  ImGui::PopItemWidth();
  if (!feed_status_.empty()) ImGui::TextWrapped("%s", feed_status_.c_str());
  ImGui::TextUnformatted(t("related.feed"));
  if (ImGui::InputTextMultiline("##feed", &feed_text_, ImVec2(-1.f, ImGui::GetTextLineHeight() * 8))) related_dirty_ = true;
  track("related.feed");
  count_missing(feed_text_);
  if (related_dirty_) {
    const std::string base = page_url_;
    related_ = related_view(settings_, feed_text_, base, std::size_t(current_article_), today_);
    related_dirty_ = false;
  }
  if (feed_text_.empty()) return;
  const Feed& feed = related_.feed;
  if (!feed.ok) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s: %s  (%s)", feed.error.source.c_str(), feed.error.message.c_str(), feed.error.id.c_str());
    ImGui::PopStyleColor();
    return;
  }
  ImGui::Text(t("related.articles"), int(feed.articles.size()), int(feed.skipped));
  if (!feed.item_errors.empty() && ImGui::CollapsingHeader(label("related.errors").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const Error& e : feed.item_errors) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
      ImGui::TextWrapped("%s: %s  (%s)", e.source.c_str(), e.message.c_str(), e.id.c_str());
      ImGui::PopStyleColor();
    }
  }
  if (feed.articles.empty()) return;
  if (current_article_ >= int(feed.articles.size())) current_article_ = 0;
  if (ImGui::BeginCombo(label("related.current").c_str(), feed.articles[size_t(current_article_)].title.c_str())) {
    for (size_t i = 0; i < feed.articles.size(); ++i) {
      ImGui::PushID(int(i));
      if (ImGui::Selectable(feed.articles[i].title.c_str(), int(i) == current_article_)) {
        current_article_ = int(i);
        related_dirty_ = true;
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  track("related.current");
  ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
  ImGui::TextWrapped("%s", t("related.parts"));
  ImGui::PopStyleColor();
  if (ImGui::BeginTable("related", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn(t("related.list"), ImGuiTableColumnFlags_WidthStretch, 4.f);
    ImGui::TableSetupColumn(t("related.score"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(t("related.relevance"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(t("related.recency"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(t("related.new"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(t("related.pinned"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableHeadersRow();
    for (const RelatedItem& item : related_.items) {
      const Article& a = feed.articles[item.article];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s  %s", a.title.c_str(), a.date.c_str());
      ImGui::TableNextColumn();
      const std::string score = format_score(item.score);
      const std::string relevance = format_score(item.parts.relevance);
      const std::string recency = "×" + format_score(item.parts.recency);
      ImGui::TextUnformatted(score.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(relevance.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(recency.c_str());
      related_rows_.push_back(a.title + " | " + score + " | " + relevance + " | " + recency);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(item.is_new ? "✓" : "");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(item.pinned ? "✓" : "");
    }
    ImGui::EndTable();
  }
}

void Studio::dialog_panel() {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  ImGui::InputText(label("dialog.host").c_str(), &dialog_host_);
  track("dialog.host");
  ImGui::PopItemWidth();
  const SiteView site = site_view(settings_, "www.example.gov.cn");
  if (site.leave.mode == LeaveMode::off) ImGui::TextColored(kMutedColor, "%s", t("dialog.mode_off"));
  if (site.leave.mode == LeaveMode::mark) ImGui::TextColored(kMutedColor, "%s", t("dialog.mode_mark"));
  const DialogPreview d = dialog_preview(settings_, dialog_host_);
  ImGui::Spacing();
  // The dialog as the widget lays it out: title, message, destination, buttons.
  ImGui::BeginChild("dialog", ImVec2(std::min(ImGui::GetContentRegionAvail().x, 460.f), 0), true,
                    ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextWrapped("%s", d.title.c_str());
  ImGui::Separator();
  ImGui::TextWrapped("%s", d.message.c_str());
  ImGui::TextWrapped("%s", d.destination.c_str());
  if (site.leave.countdown_seconds > 0) ImGui::TextWrapped(t("dialog.countdown"), site.leave.countdown_seconds);
  ImGui::Button(d.continue_label.c_str());
  ImGui::SameLine();
  ImGui::Button(d.cancel_label.c_str());
  ImGui::EndChild();
  track("dialog.preview");
}

void Studio::snippet_panel() {
  std::string snippet = settings_.snippet();
  if (ImGui::Button(label("snippet.copy").c_str())) {
    copied_ = copy_failed_ = false;
    bridge_.copy_text(snippet);
  }
  track("snippet.copy");
  if (copied_) {
    ImGui::SameLine();
    ImGui::TextColored(kPassColor, "%s", t("snippet.copied"));
  }
  if (copy_failed_) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", t("snippet.copy_failed"));
    ImGui::PopStyleColor();
  }
  ImGui::InputTextMultiline("##snippet", &snippet, ImVec2(-1.f, -1.f), ImGuiInputTextFlags_ReadOnly);
  track("snippet.text");
}

}  // namespace pw::studio
