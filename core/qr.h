// QR codes for <pw-qrcode>: text -> module matrix -> SVG path, RGBA bitmap or PNG.
//
// Encoding is done by nayuki's qrcodegen (C variant: it keeps iostreams out of the
// wasm). This unit decides *how* text is segmented: ASCII text (page URLs in their
// serialised, percent-encoded form) goes in numeric, alphanumeric or byte mode; any
// other text goes in byte mode as UTF-8 behind an ECI designator for UTF-8 (ECI 26),
// because readers such as zbar otherwise guess Shift-JIS for short Chinese text.
//
// Renderers are pure functions of the matrix; the quiet zone is part of every
// rendering (a QR code without one does not scan reliably next to page content).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pw {

// Error correction level, in ascending order of protection (about 7, 15, 25, 30 %).
enum class QrEcc : int { Low = 0, Medium = 1, Quartile = 2, High = 3 };

// How the payload was put into the symbol.
enum class QrMode : int { Numeric = 1, Alphanumeric = 2, Byte = 4 };

struct QrOptions {
  QrEcc ecc = QrEcc::Medium;
  // Raise the level while it fits the same version (a free gain in robustness).
  bool boost_ecc = true;
  int min_version = 1;   // 1..40
  int max_version = 40;  // min_version..40
  int quiet_zone = 4;    // light border in modules, 0..16 (4 is what the standard asks for)
};

struct QrCode {
  int version = 0;  // 1..40; 0 when encoding failed
  QrEcc ecc = QrEcc::Medium;  // the level actually used (may be above the requested one)
  QrMode mode = QrMode::Byte;
  bool utf8_eci = false;  // an ECI designator for UTF-8 precedes the data
  int size = 0;           // modules per side of the symbol, 21..177, quiet zone excluded
  int quiet_zone = 4;     // modules of light border every renderer adds on each side
  std::vector<uint8_t> modules;  // size*size, row-major, 1 = dark

  // True for a dark module. x and y are symbol coordinates (0..size-1); anything
  // outside, such as the quiet zone, is light.
  bool dark(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && modules[size_t(y) * size + x] != 0;
  }
  // Modules per side including the quiet zone on both sides.
  int full_size() const { return size + 2 * quiet_zone; }
};

struct QrResult {
  QrCode code;
  Error error;  // id empty on success
  bool ok() const { return error.id.empty(); }
};

// Encodes `text` (UTF-8, no NUL; 1..7089 characters) as the smallest QR code within
// [min_version, max_version] at options.ecc or above. Errors (never aborts):
//  pw.qrcode.empty_text    text is empty
//  pw.qrcode.not_utf8      text is not valid UTF-8 or contains NUL
//  pw.qrcode.bad_options   a version or quiet zone outside its range
//  pw.qrcode.data_too_long the text exceeds the capacity; the message states the
//                          length and the capacity at that level and max_version
QrResult encode_qr(std::string_view text, const QrOptions& options = {});

// How `text` would be segmented: the mode, and whether a UTF-8 ECI is needed
// (any byte >= 0x80). Pure inspection; no validation.
QrMode qr_mode_for(std::string_view text, bool* utf8_eci);

// Largest payload a single segment in `mode` can carry at `version` (1..40) and
// `ecc`: bytes for Byte mode, characters otherwise; `utf8_eci` accounts for the
// 12-bit ECI designator. Returns 0 for a version outside 1..40.
int qr_capacity(int version, QrEcc ecc, QrMode mode, bool utf8_eci);

// Parses an error correction level attribute: "L", "M", "Q" or "H" (case-insensitive,
// surrounding spaces ignored). On anything else sets *error to pw.qrcode.bad_ecc
// (source "ecc") and returns `fallback`.
QrEcc parse_qr_ecc(std::string_view value, QrEcc fallback, Error* error);

// The SVG path data of the dark modules: one subpath per horizontal run of dark
// modules ("M5,4h3v1h-3z"), in module units with the quiet zone included, so it
// fits viewBox="0 0 full_size full_size". Empty for an empty code.
std::string qr_svg_path(const QrCode& code);

// A standalone SVG document: a background rect and one <path> of the dark modules,
// with shape-rendering="crispEdges" and a viewBox in modules (scales to any size).
// `fg` and `bg` are CSS colours written as given (callers validate them first);
// `title` (may be empty) becomes the <title>, escaped.
std::string qr_svg(const QrCode& code, std::string_view fg, std::string_view bg,
                   std::string_view title);

// An sRGB colour with 8-bit channels; alpha 255 = opaque.
struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
};

// Parses a colour attribute: "#rgb", "#rrggbb", "rgb(r, g, b)" (0..255 each) or one
// of the names black, white, transparent. On failure sets *error to
// pw.qrcode.bad_color with `source` (the attribute name) and returns `fallback`.
Rgba parse_css_color(std::string_view value, std::string_view source, Rgba fallback,
                     Error* error);

// WCAG 2 contrast ratio of two opaque colours, 1.0..21.0.
double contrast_ratio(Rgba a, Rgba b);

// Checks that a dark-on-light pair scans: both opaque, fg darker than bg and a
// contrast of at least 4.5:1. Returns pw.qrcode.low_contrast (source "fg") naming
// both colours and the ratio, or an empty Error when fine.
Error check_qr_colors(Rgba fg, Rgba bg, std::string_view fg_text, std::string_view bg_text);

// The code as an RGBA bitmap (4 bytes per pixel, row-major), `scale` pixels per
// module (1..64), quiet zone included: full_size()*scale pixels per side.
// Returns an empty vector for a scale outside 1..64 or an empty code.
std::vector<uint8_t> qr_rgba(const QrCode& code, int scale, Rgba fg, Rgba bg);

// Encodes an image as PNG. `pixels` holds width*height*channels bytes, row-major;
// channels is 1 (grey), 3 (RGB) or 4 (RGBA); width and height 1..8192. Returns an
// empty vector on bad arguments.
std::vector<uint8_t> encode_png(const uint8_t* pixels, int width, int height, int channels);

// qr_rgba() as PNG bytes (RGB, since QR colours are opaque). Empty on bad arguments.
std::vector<uint8_t> qr_png(const QrCode& code, int scale, Rgba fg, Rgba bg);

// The URL a page's QR code should carry. All inputs are URLs as the browser
// serialises them (absolute, ASCII, percent-encoded):
//  page_url       location.href
//  canonical_url  the resolved href of <link rel="canonical">, or empty
//  site_hosts     other hosts of this site, separated by spaces or commas
//  strip_params   query parameter names to drop, separated by spaces or commas; a
//                 trailing * matches a prefix ("utm_*"); "none" keeps every parameter
// The canonical URL wins when it is http(s) on the page's host or a site host;
// the fragment is always dropped. Bad strip_params: pw.qrcode.bad_strip_params
// (source "strip-params"), and nothing is stripped.
std::string qr_page_url(std::string_view page_url, std::string_view canonical_url,
                        std::string_view site_hosts, std::string_view strip_params,
                        Error* error);

// Removes query parameters whose names match `strip_params` (syntax as above, already
// validated) from `url`, keeping the order of the others; drops a "?" left empty.
std::string strip_query_params(std::string_view url, std::string_view strip_params);

// ---- <pw-qrcode> attributes -------------------------------------------------

// Parses the `size` attribute: the code's side in CSS px, an integer 64..1024
// (a trailing "px" is accepted). Empty means absent: `fallback`, no error. Otherwise
// sets *error to pw.qrcode.bad_size (source "size") and returns `fallback`.
int parse_qr_size(std::string_view value, int fallback, Error* error);

// What <pw-qrcode> asks for, as raw attribute strings (empty = absent).
struct QrElementInput {
  std::string text;  // what to encode (the page URL or the text attribute)
  std::string ecc;
  std::string fg;
  std::string bg;
  bool logo = false;  // a centre logo covers modules: the code needs level H
};

struct QrElementResult {
  QrCode code;          // empty (version 0) when the text cannot be encoded
  std::string fg, bg;   // effective colours, as CSS (the defaults replace bad values)
  std::string path;     // qr_svg_path(code)
  Errors errors;        // attribute problems (the defaults were used) and encoding errors
  bool ok() const { return code.version > 0; }
};

// Resolves the element's attributes into a code and colours. Rules: ecc defaults to
// M, and a logo raises it to H (the logo box, qr_logo_box, hides about 5 % of the
// modules, well within H's 30 % recovery); a bad
// colour or a pair below 4.5:1 contrast (or light on dark) reports its error and uses
// the defaults #000 on #fff. Encoding errors (pw.qrcode.data_too_long, ...) leave
// the code empty.
QrElementResult resolve_qr_element(const QrElementInput& input);

// The logo's box in module units, centred on the symbol (quiet zone included in the
// coordinates like qr_svg_path): side = about 22% of the symbol, so the hidden modules
// stay well under level H's 30% recovery. Returns {x, y, side}.
struct QrBox { int x = 0, y = 0, side = 0; };
QrBox qr_logo_box(const QrCode& code);

// ---- handing a code to another module ----------------------------------------

// The symbol's modules as text, so the lazy share-card module can draw the code the
// eager core already made instead of linking the encoder a second time: row-major,
// dark = 1, four modules per lowercase hex digit (most significant bit first), the
// last digit padded with zero bits. size*size/4 digits (rounded up); empty for an
// empty code.
std::string qr_matrix_hex(const QrCode& code);

// Rebuilds a code from qr_matrix_hex() text and the version (1..40) it was made at;
// ecc, mode and the ECI flag are not carried (the caller knows them if it needs them),
// quiet_zone is the default 4. On a version outside 1..40 or text of the wrong length
// or with a non-hex digit, sets *error to pw.qrcode.bad_matrix (source "matrix") and
// returns an empty code (version 0).
QrCode qr_code_from_matrix_hex(std::string_view hex, int version, Error* error);

// How "保存二维码图片" hands the card over: "download" on desktop browsers, "overlay"
// (an image the reader long-presses to save) on touch devices and in the in-app
// browsers of core/user_agent.h, which block downloads. `user_agent` is
// navigator.userAgent; `coarse_pointer` is matchMedia("(pointer: coarse)").matches.
const char* qr_save_method(std::string_view user_agent, bool coarse_pointer);

// ---- drawing the code as an image ---------------------------------------------

// How <pw-qrcode> draws its code.
enum class QrRender : int { Svg = 0, Img = 1 };

// The `render` attribute: "svg", "img" or "auto" (ASCII case-insensitive, surrounding
// spaces ignored; empty = absent = "auto"). "auto" is Img in the in-app browsers of
// core/user_agent.h (they recognise a code only by long-pressing an image) and Svg
// everywhere else. Anything else sets *error to pw.qrcode.bad_render (source
// "render") and is treated as "auto". `user_agent` is navigator.userAgent.
QrRender qr_render_for(std::string_view render, std::string_view user_agent, Error* error);

// Pixels per module for the <img> rendering (the element draws the qr_svg_path
// onto a canvas at this scale and hands the browser's PNG to the <img>: the
// browser's encoder costs the eager core nothing, where linking encode_png's
// deflate into it measured 4.3 KB gzip): enough to fill `device_px` (the code's
// side in device pixels: CSS px times devicePixelRatio) with whole pixels per module,
// and never fewer than 4 (phone readers decode a long-pressed image better when
// modules are several pixels wide), nor more than 32. `full_size` is
// QrCode::full_size(); returns 4 for a size <= 0 or a device_px <= 0.
int qr_image_scale(int device_px, int full_size);

}  // namespace pw
