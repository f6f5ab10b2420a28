// C ABI of the lazy share-card module (stb_truetype, stb_image_write, text layout).
// Binding only: it keeps the font slices JS hands over and converts types; the
// rules live in core/share_card.cpp and core/text_layout.cpp.
#include <cstdlib>
#include <map>

#include "core/share_card.h"
#include "web/bindings.h"

namespace {
pw::FontSliceIndex g_index;
std::map<int, pw::FontData> g_fonts;  // slice number -> bytes (malloc'd by JS, owned here)
std::vector<uint8_t> g_png;           // the last card, valid until the next render
}  // namespace

/// Reads the slice index (share-card-fonts.txt): {"slices": n, "errors"}.
PW_EXPORT const char* pw_share_card_set_index(const char* text) {
  pw::Error error;
  g_index = pw::parse_font_slice_index(pw::bind::str(text), &error);
  pw::Errors errors;
  if (!error.id.empty()) errors.push_back(error);
  pw::JsonWriter w;
  w.begin_object().key("slices").value(int(g_index.files.size())).key("errors").errors(errors).end_object();
  return pw::bind::result(w.take());
}

/// The slices a card with this text needs and does not have yet: [{"index", "file"}].
PW_EXPORT const char* pw_share_card_missing_slices(const char* text) {
  pw::JsonWriter w;
  w.begin_array();
  for (int i : pw::font_slices_for(g_index, pw::bind::str(text))) {
    if (g_fonts.count(i)) continue;
    w.begin_object().key("index").value(i).key("file").value(g_index.files[size_t(i)]).end_object();
  }
  w.end_array();
  return pw::bind::result(w.take());
}

/// Takes ownership of `size` bytes at `data` (allocated with _malloc) as slice `index`.
PW_EXPORT void pw_share_card_add_font(int index, uint8_t* data, int size) {
  auto it = g_fonts.find(index);
  if (it != g_fonts.end()) std::free(const_cast<uint8_t*>(it->second.data));
  g_fonts[index] = pw::FontData{data, size_t(size < 0 ? 0 : size)};
}

/// Forgets every slice (after a card failed on a bad slice, so a retry fetches them again).
PW_EXPORT void pw_share_card_drop_fonts() {
  for (auto& entry : g_fonts) std::free(const_cast<uint8_t*>(entry.second.data));
  g_fonts.clear();
}

/// Renders a card with every slice added so far (slice order), drawing the code the
/// core module made (`matrix`: qr_matrix_hex text, `version`): {"ok", "ptr", "length",
/// "width", "height", "missing", "errors"}; the PNG bytes stay at ptr until the next render.
PW_EXPORT const char* pw_share_card_render(const char* matrix, int version, const char* title,
                                           const char* caption, const char* site_name,
                                           const char* fg, const char* bg, int width) {
  pw::ShareCardInput in;
  pw::Errors errors;
  pw::Error e;
  in.code = pw::qr_code_from_matrix_hex(pw::bind::str(matrix), version, &e);
  if (!e.id.empty()) errors.push_back(e);
  in.title = pw::bind::str(title);
  in.caption = pw::bind::str(caption);
  in.site_name = pw::bind::str(site_name);
  // The colours come from the core, which has already validated them.
  in.fg = pw::parse_css_color(pw::bind::str(fg), "fg", in.fg, nullptr);
  in.bg = pw::parse_css_color(pw::bind::str(bg), "bg", in.bg, nullptr);
  in.width = width;
  std::vector<pw::FontData> fonts;
  for (const auto& entry : g_fonts) fonts.push_back(entry.second);
  pw::ShareCard card = pw::render_share_card(in, fonts);
  if (!card.ok() && errors.empty()) errors.push_back(card.error);
  g_png = std::move(card.png);
  pw::JsonWriter w;
  w.begin_object();
  w.key("ok").value(card.ok());
  w.key("ptr").value(int64_t(reinterpret_cast<uintptr_t>(g_png.data())));
  w.key("length").value(int64_t(g_png.size()));
  w.key("width").value(card.width);
  w.key("height").value(card.height);
  w.key("missing").value(card.missing_glyphs);
  w.key("errors").errors(errors);
  w.end_object();
  return pw::bind::result(w.take());
}
