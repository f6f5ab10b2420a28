// The studio's panels, drawn with Dear ImGui on the model (studio_model.h). No
// platform code: a backend (studio_web.cpp in the browser; the headless test
// natively) creates the ImGui context, feeds input, calls frame() and renders
// the draw data, and provides a Bridge for what only the platform can do.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/share_card.h"
#include "demo/studio/studio_model.h"
#include "imgui.h"

namespace pw::studio {

enum class UiLanguage { kZhHans = 0, kZhHant = 1, kEn = 2 };

/// A UI string by id (studio_strings.cpp); the id itself when unknown.
const char* tr(UiLanguage lang, const char* id);
/// Every UI string of the studio in every language, concatenated (for the atlas).
std::string all_ui_text();
/// The studio's UI strings in one language, concatenated (for the first frame's atlas).
std::string ui_text(UiLanguage lang);

/// What the platform provides beyond input and drawing.
class Bridge : public UrlParser {
 public:
  /// Copies text to the system clipboard; the result comes back through
  /// Studio::copy_finished (asynchronously in the browser).
  virtual void copy_text(const std::string& text) = 0;
  /// Starts fetching a same-origin URL; the result comes back through
  /// Studio::fetch_finished(request, …).
  virtual void fetch_text(const std::string& url, int request) = 0;
  /// Starts fetching one of the suite's share-card font files by its name in the
  /// build (Studio::kFontIndexName, the slice index; "share-card-<n>.otf", a slice);
  /// its bytes come back through Studio::fetch_finished(request, …).
  virtual void fetch_font_file(const std::string& name, int request) = 0;
};

class Studio {
 public:
  explicit Studio(Bridge& bridge);

  /// Which characters the atlas holds. kInterface: what the first frame shows:
  /// ASCII, the box, the language names, the studio's strings in its current
  /// language and the settings' values (a few hundred glyphs, all from the UI
  /// font but the settings'); kFull: everything both fonts have (the UI strings of
  /// every language, CJK punctuation, the 3,500 common hanzi).
  enum class Glyphs { kInterface, kFull };
  /// A font file in memory (OpenType/TrueType), kept alive by the caller.
  struct FontFile {
    const void* data = nullptr;
    int size = 0;
  };
  /// Builds the current context's atlas at `px` × `scale` (devicePixelRatio) from
  /// the studio's two fonts (fonts/build_fonts.py --studio-ui, --studio): `ui`,
  /// what the first frame needs, and `rest` (may be absent until it arrives),
  /// merged into it; then, merged as well, every share-card font slice loaded so
  /// far for characters both lack (text a user typed or pasted). The atlas is
  /// built by the renderer backend (or the caller, headless). The backend calls it
  /// for the first frame (kInterface), once `rest` is there (kFull), and between
  /// frames whenever atlas_outdated() (then recreates its font texture).
  /// Characters outside the atlas are drawn as U+25A1 □.
  void build_fonts(FontFile ui, FontFile rest, float px, float scale, Glyphs glyphs);
  /// True when a font slice arrived since the atlas was last built.
  bool atlas_outdated() const { return atlas_outdated_; }
  /// The share-card slice index's name in the build's asset list.
  static constexpr const char* kFontIndexName = "share-card-fonts.txt";

  /// Draws one frame of the UI (between ImGui::NewFrame and ImGui::Render).
  void frame();

  /// Settings as restored from a URL fragment (the backend calls it on open and
  /// on hashchange); unknown keys are shown.
  void open_fragment(const std::string& fragment);
  const Settings& settings() const { return settings_; }
  /// The fragment and snippet of the current settings.
  std::string fragment() const { return settings_.fragment(); }
  std::string snippet() const { return settings_.snippet(); }
  /// True once after each frame that changed the settings (the backend then
  /// updates location.hash and the <output>).
  bool take_changed();

  // Results of the bridge's asynchronous calls.
  void copy_finished(bool ok);
  void fetch_finished(int request, bool ok, const std::string& text);

  // Inspection for the headless tests.
  /// The screen rectangle of a tracked item from the last frame (ids as in
  /// studio_ui.cpp: "tab.site", "attr.site-name", "links.input", …); false when
  /// it was not drawn.
  bool item_rect(const std::string& id, ImVec2* min, ImVec2* max) const;
  const std::vector<LinkRow>& link_rows() const { return link_rows_; }
  const RelatedView& related() const { return related_; }
  /// The related table's rows as drawn in the last frame: "title | score | relevance | ×recency".
  const std::vector<std::string>& related_rows() const { return related_rows_; }
  const std::map<std::string, Errors>& errors() const { return errors_; }
  /// Characters drawn in the last frame that the atlas lacks and no font file of the
  /// build provides (drawn as □; the studio says how many).
  int missing_glyphs() const { return missing_glyphs_; }
  /// Characters drawn in the last frame whose glyphs are on their way (a slice or
  /// the slice index is being fetched); drawn as □ until the atlas is rebuilt.
  int pending_glyphs() const { return pending_glyphs_; }
  UiLanguage language() const { return lang_; }
  bool copy_failed() const { return copy_failed_; }

  /// Requests of Bridge::fetch_text and fetch_font_file; a slice's is
  /// kFetchFontSlice + its line in the index.
  enum : int { kFetchLinks = 1, kFetchFeed = 2, kFetchFontIndex = 3, kFetchFontSlice = 100 };

 private:
  const char* t(const char* id) const { return tr(lang_, id); }
  std::string label(const char* id) const;  // "<text>###<id>"
  void track(const std::string& id);
  void recompute();
  void attribute_field(const AttributeSpec& spec);
  void show_errors(const std::string& key);
  void count_missing(const std::string& text);
  int slice_of(char32_t c) const;
  void request_glyphs();

  void site_panel();
  void links_panel();
  void qr_panel();
  void font_panel();
  void related_panel();
  void dialog_panel();
  void snippet_panel();

  Bridge& bridge_;
  UiLanguage lang_ = UiLanguage::kZhHans;
  Settings settings_;
  std::vector<std::string> unknown_keys_;
  bool changed_ = false;
  bool dirty_ = true;  // recompute() before the next draw
  struct ItemRect { ImVec2 min, max; };
  std::map<std::string, ItemRect> rects_;
  std::map<std::string, Errors> errors_;
  std::vector<std::string> related_rows_;
  int missing_glyphs_ = 0;
  int pending_glyphs_ = 0;
  std::set<char32_t> frame_missing_;  // characters without a glyph drawn this frame

  // Glyphs beyond the studio font: the share-card font slices of the build, fetched
  // for characters the atlas lacks once the whole studio font is in it.
  enum class IndexState { kNone, kRequested, kLoaded, kFailed };
  IndexState index_state_ = IndexState::kNone;
  FontSliceIndex slice_index_;
  std::map<int, std::string> slices_;  // loaded slices' bytes by line in the index
  std::map<int, std::vector<ImWchar>> slice_ranges_;  // their characters, for the atlas
  ImVector<ImWchar> interface_ranges_;  // the first frame's characters, for the atlas
  std::set<int> slices_requested_;     // asked for (loaded, pending or failed)
  std::set<int> slices_pending_;
  bool full_atlas_ = false;            // the last build had the whole studio font
  bool atlas_outdated_ = false;
  std::string fonts_status_;           // why a font file could not be had

  // Links
  std::string page_url_;
  std::string links_text_;
  std::string links_fetch_url_;
  std::string links_status_;
  bool only_asks_ = false;
  std::vector<LinkRow> link_rows_;
  bool links_dirty_ = true;

  // QR
  std::string qr_page_url_;

  // Font size
  std::string sample_text_;

  // Related
  std::string feed_text_;
  std::string feed_url_;
  std::string feed_status_;
  std::string today_;
  int current_article_ = 0;
  RelatedView related_;
  bool related_dirty_ = true;

  // Dialog
  std::string dialog_host_ = "www.example.com";

  // Snippet
  bool copied_ = false;
  bool copy_failed_ = false;
};

}  // namespace pw::studio
