// The share card: a PNG a reader can keep and send, with the site name, the page title
// (at most two lines), the QR code of the page and its caption, drawn with stb_truetype.
//
// Fonts arrive as slices (fonts/build_fonts.py): each slice is a complete OpenType font
// covering part of the character set, so a card fetches only the slices its text needs.
// A character no slice covers is drawn as a hollow box (a visible replacement mark); the
// code itself never depends on the fonts, so the card always scans.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/qr.h"

namespace pw {

// The slice index written by the font recipe: one line per slice, "<file> <ranges>".
// Ranges ascend; each is "<gap>" or "<gap>+<extra>" in hex, where gap is the distance
// from the end of the previous range plus one (from -1 for the first), so
// "20+5e,1fa7,fd9+3f" is U+0020-U+007E, U+2026 and U+3000-U+303F. (Deltas keep the
// index, fetched with the first card, near 10 KB gzip instead of 21.)
struct FontSliceIndex {
  std::vector<std::string> files;
  std::vector<std::vector<std::pair<char32_t, char32_t>>> ranges;  // inclusive, per file
};

// Parses the slice index. Blank lines are ignored. On a malformed line sets *error to
// pw.sharecard.bad_font_index (source "font index line <n>") and returns what was read
// before it.
FontSliceIndex parse_font_slice_index(std::string_view text, Error* error);

// Indices (ascending) of the slices the UTF-8 `text` needs: slice 0 always (it carries
// ASCII, punctuation and the ellipsis the layout may add), plus every slice covering one
// of the text's characters. Characters no slice covers are ignored here (drawn as boxes).
std::vector<int> font_slices_for(const FontSliceIndex& index, std::string_view text);

struct ShareCardInput {
  // The code to draw, made by encode_qr() (natively) or rebuilt with
  // qr_code_from_matrix_hex() from the matrix the eager core module already made, so
  // this module never links the QR encoder.
  QrCode code;
  std::string title;      // the page title; wrapped to at most two lines, may be empty
  std::string caption;    // under the code, e.g. "扫一扫在手机打开当前页"; may be empty
  std::string site_name;  // at the top; one line; may be empty
  Rgba fg{0, 0, 0, 255};        // code and text colour (validated by the caller)
  Rgba bg{255, 255, 255, 255};  // background
  int width = 720;              // card width in px, 320..2048; the height follows the content
};

// A font slice: the bytes of one OpenType/TrueType font (not a collection). The bytes
// must outlive the call.
struct FontData {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

struct ShareCard {
  std::vector<uint8_t> png;  // empty on error
  int width = 0, height = 0;
  int missing_glyphs = 0;    // characters drawn as replacement boxes
  int qr_x = 0, qr_y = 0;    // top-left corner of the code's quiet zone in the card, px
  int qr_scale = 0;          // px per module
  QrCode code;
  Error error;
  bool ok() const { return error.id.empty(); }
};

// Renders the card as an RGB PNG. Errors (never aborts):
//  pw.sharecard.no_font   `fonts` is empty
//  pw.sharecard.bad_font  a slice is not a font stb_truetype can read (source "fonts[i]")
//  pw.sharecard.bad_width width outside 320..2048
//  pw.sharecard.no_code   input.code is empty or its matrix does not match its size
// Zero-width and other invisible characters in the texts (see visible_text) are
// dropped before layout, so they never show as replacement boxes.
ShareCard render_share_card(const ShareCardInput& input, const std::vector<FontData>& fonts);

}  // namespace pw
