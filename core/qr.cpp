#include "core/qr.h"

#include "core/html.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/qr_mask.h"
#include "core/user_agent.h"
#include "core/utf8.h"
#include "qrcodegen.h"

// PNG output only; no stdio (keeps file APIs and printf out of the wasm).
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace pw {
namespace {

// ISO/IEC 18004 table 9: error correction codewords per block and number of blocks,
// indexed [ecc][version]. Needed to state the capacity in the data-too-long error.
const int8_t kEccCodewordsPerBlock[4][41] = {
    {-1, 7,  10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
     28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
     26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
    {-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
     28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
     30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
};
const int8_t kEccBlocks[4][41] = {
    {-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
     8,  9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
    {-1, 1,  1,  1,  2,  2,  4,  4,  4,  5,  5,  5,  8,  9,  9,  10, 10, 11, 13, 14, 16,
     17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
    {-1, 1,  1,  2,  2,  4,  4,  6,  6,  8,  8,  8,  10, 12, 16, 12, 17, 16, 18, 21, 20,
     23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
    {-1, 1,  1,  2,  4,  4,  4,  5,  6,  8,  8,  11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
     25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
};

const char kAlphanumeric[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const char kEccLetters[] = "LMQH";

int data_codewords(int version, QrEcc ecc) {
  int raw = (16 * version + 128) * version + 64;
  if (version >= 2) {
    int align = version / 7 + 2;
    raw -= (25 * align - 10) * align - 55;
    if (version >= 7) raw -= 36;
  }
  int e = static_cast<int>(ecc);
  return raw / 8 - kEccCodewordsPerBlock[e][version] * kEccBlocks[e][version];
}

int char_count_bits(QrMode mode, int version) {
  int i = (version + 7) / 17;
  static const int numeric[] = {10, 12, 14}, alnum[] = {9, 11, 13}, byte[] = {8, 16, 16};
  switch (mode) {
    case QrMode::Numeric: return numeric[i];
    case QrMode::Alphanumeric: return alnum[i];
    default: return byte[i];
  }
}

// True when `s` is well-formed UTF-8 without NUL (overlongs and surrogates rejected).
bool valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) { ++i; continue; }
    int len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

// ASCII white space only (attribute values as HTML reads them).
std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r' || s.front() == '\f'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r' || s.back() == '\f'))
    s.remove_suffix(1);
  return s;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Splits on spaces and commas, skipping empty items.
std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n')) ++i;
    size_t start = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n')) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// The host of an absolute URL as the browser serialises it ("https://user@h:8080/p"
// -> "h"); empty for anything that is not http(s).
std::string_view url_host(std::string_view url, std::string_view* scheme_out) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view scheme = url.substr(0, colon);
  if (scheme_out) *scheme_out = scheme;
  if (!(iequals(scheme, "http") || iequals(scheme, "https"))) return {};
  if (url.substr(colon + 1, 2) != "//") return {};
  std::string_view rest = url.substr(colon + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end == std::string_view::npos ? rest.size() : end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    size_t close = authority.find(']');
    return authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
  }
  size_t port = authority.find(':');
  return authority.substr(0, port == std::string_view::npos ? authority.size() : port);
}

bool valid_param_pattern(std::string_view p) {
  if (p.empty()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || (c == '*' && i + 1 == p.size() && i > 0);
    if (!ok) return false;
  }
  return true;
}

bool name_matches(std::string_view name, const std::vector<std::string_view>& patterns) {
  for (std::string_view p : patterns) {
    if (p.back() == '*') {
      std::string_view prefix = p.substr(0, p.size() - 1);
      if (name.size() >= prefix.size() && name.substr(0, prefix.size()) == prefix) return true;
    } else if (name == p) {
      return true;
    }
  }
  return false;
}

void png_sink(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const uint8_t* p = static_cast<const uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

}  // namespace

QrMode qr_mode_for(std::string_view text, bool* utf8_eci) {
  bool numeric = true, alnum = true, ascii = true;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80) ascii = false;
    if (c < '0' || c > '9') numeric = false;
    if (c == 0 || !std::strchr(kAlphanumeric, c)) alnum = false;
  }
  if (utf8_eci) *utf8_eci = !ascii;
  if (numeric) return QrMode::Numeric;
  if (alnum) return QrMode::Alphanumeric;
  return QrMode::Byte;
}

int qr_capacity(int version, QrEcc ecc, QrMode mode, bool utf8_eci) {
  if (version < 1 || version > 40) return 0;
  int bits = data_codewords(version, ecc) * 8 - 4 - char_count_bits(mode, version);
  if (utf8_eci) bits -= 12;  // 4-bit ECI mode + 8-bit assignment number 26
  if (bits < 0) return 0;
  switch (mode) {
    case QrMode::Numeric: {
      int n = bits / 10 * 3, rest = bits % 10;
      n += rest >= 7 ? 2 : rest >= 4 ? 1 : 0;
      return n;
    }
    case QrMode::Alphanumeric: return bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0);
    default: return bits / 8;
  }
}

QrResult encode_qr(std::string_view text, const QrOptions& options) {
  QrResult result;
  result.code.quiet_zone = options.quiet_zone;
  if (options.min_version < 1 || options.max_version > 40 ||
      options.min_version > options.max_version) {
    result.error = {"pw.qrcode.bad_options", "version",
                    concat({"versions ", decimal(options.min_version), "..", decimal(options.max_version),
                            " are not a range within 1..40"})};
    return result;
  }
  if (options.quiet_zone < 0 || options.quiet_zone > 16) {
    result.error = {"pw.qrcode.bad_options", "quiet-zone",
                    concat({"quiet zone ", decimal(options.quiet_zone), " is outside 0..16 modules"})};
    return result;
  }
  if (text.empty()) {
    result.error = {"pw.qrcode.empty_text", "text", "text is empty; expected the text or URL to encode"};
    return result;
  }
  if (!valid_utf8(text)) {
    result.error = {"pw.qrcode.not_utf8", "text",
                    "text is not valid UTF-8 or contains a NUL character; expected Unicode text"};
    return result;
  }
  bool eci = false;
  QrMode mode = qr_mode_for(text, &eci);
  int capacity = qr_capacity(options.max_version, options.ecc, mode, eci);
  size_t length = text.size();  // bytes; also characters in numeric/alphanumeric mode
  if (length > static_cast<size_t>(capacity)) {
    const char* unit = mode == QrMode::Byte ? " bytes" : " characters";
    result.error = {"pw.qrcode.data_too_long", "text",
                    concat({"text is ", decimal(static_cast<long long>(length)), unit,
                            " long; a QR code at error correction ", std::string_view(kEccLetters + int(options.ecc), 1),
                            " (version ", decimal(options.max_version), ") holds at most ",
                            decimal(capacity), unit, "; shorten the text or lower ecc"})};
    return result;
  }

  std::vector<uint8_t> seg_buf(qrcodegen_calcSegmentBufferSize(
      mode == QrMode::Numeric ? qrcodegen_Mode_NUMERIC
      : mode == QrMode::Alphanumeric ? qrcodegen_Mode_ALPHANUMERIC : qrcodegen_Mode_BYTE,
      length));
  uint8_t eci_buf[4];
  qrcodegen_Segment segs[2];
  size_t nsegs = 0;
  if (eci) segs[nsegs++] = qrcodegen_makeEci(26, eci_buf);  // 26 = UTF-8
  std::string z(text);  // the numeric/alphanumeric factories want a NUL-terminated string
  if (mode == QrMode::Numeric)
    segs[nsegs++] = qrcodegen_makeNumeric(z.c_str(), seg_buf.data());
  else if (mode == QrMode::Alphanumeric)
    segs[nsegs++] = qrcodegen_makeAlphanumeric(z.c_str(), seg_buf.data());
  else
    segs[nsegs++] = qrcodegen_makeBytes(reinterpret_cast<const uint8_t*>(z.data()), length, seg_buf.data());

  size_t buf_len = qrcodegen_BUFFER_LEN_FOR_VERSION(options.max_version);
  std::vector<uint8_t> temp(buf_len), qr(buf_len);
  // The mask: encoded once with mask 0, scored eight times by choose_qr_mask
  // (core/qr_mask.h: qrcodegen's own choice, about 5x faster than
  // qrcodegen_Mask_AUTO), then drawn by qrcodegen with the chosen mask.
  auto encode = [&](qrcodegen_Mask mask) {
    return qrcodegen_encodeSegmentsAdvanced(segs, nsegs, static_cast<qrcodegen_Ecc>(options.ecc),
                                            options.min_version, options.max_version, mask,
                                            options.boost_ecc, temp.data(), qr.data());
  };
  bool ok = encode(qrcodegen_Mask_0);
  if (ok) {
    const int mask = choose_qr_mask(qr.data());
    if (mask != 0) ok = encode(static_cast<qrcodegen_Mask>(mask));
  }
  if (!ok) {  // unreachable after the capacity check; kept so a mismatch is an error, not garbage
    result.error = {"pw.qrcode.data_too_long", "text",
                    concat({"text does not fit a QR code at error correction ",
                            std::string_view(kEccLetters + int(options.ecc), 1), "; shorten the text or lower ecc"})};
    return result;
  }
  QrCode& code = result.code;
  code.size = qrcodegen_getSize(qr.data());
  code.version = (code.size - 17) / 4;
  code.mode = mode;
  code.utf8_eci = eci;
  code.modules.resize(size_t(code.size) * code.size);
  for (int y = 0; y < code.size; ++y)
    for (int x = 0; x < code.size; ++x)
      code.modules[size_t(y) * code.size + x] = qrcodegen_getModule(qr.data(), x, y) ? 1 : 0;
  // The level actually used: the highest whose capacity at this version still holds the text.
  code.ecc = options.ecc;
  if (options.boost_ecc)
    for (int e = int(options.ecc) + 1; e <= 3; ++e)
      if (length <= size_t(qr_capacity(code.version, QrEcc(e), mode, eci))) code.ecc = QrEcc(e);
  return result;
}

QrEcc parse_qr_ecc(std::string_view value, QrEcc fallback, Error* error) {
  std::string_view v = trim_ascii(value);
  if (v.size() == 1) {
    for (int i = 0; i < 4; ++i)
      if (lower(v[0]) == lower(kEccLetters[i])) return QrEcc(i);
  }
  if (error)
    *error = {"pw.qrcode.bad_ecc", "ecc",
              concat({"ecc=\"", value, "\" is not an error correction level; expected L, M, Q or H"})};
  return fallback;
}

std::string qr_svg_path(const QrCode& code) {
  std::string d;
  int q = code.quiet_zone;
  for (int y = 0; y < code.size; ++y) {
    int x = 0;
    while (x < code.size) {
      if (!code.dark(x, y)) { ++x; continue; }
      int start = x;
      while (x < code.size && code.dark(x, y)) ++x;
      std::string run = decimal(x - start);
      d += 'M'; d += decimal(start + q); d += ','; d += decimal(y + q);
      d += 'h'; d += run; d += "v1h-"; d += run; d += 'z';
    }
  }
  return d;
}

std::string qr_svg(const QrCode& code, std::string_view fg, std::string_view bg,
                   std::string_view title) {
  std::string n = decimal(code.full_size());
  std::string s = concat({"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", n, " ", n,
                          "\" shape-rendering=\"crispEdges\">"});
  if (!title.empty()) {
    s += "<title>";
    append_html_escaped(s, title);
    s += "</title>";
  }
  s += concat({"<rect width=\"", n, "\" height=\"", n, "\" fill=\""});
  append_html_escaped(s, bg);
  s += "\"/><path fill=\"";
  append_html_escaped(s, fg);
  s += concat({"\" d=\"", qr_svg_path(code), "\"/></svg>"});
  return s;
}

Rgba parse_css_color(std::string_view value, std::string_view source, Rgba fallback, Error* error) {
  std::string_view v = trim_ascii(value);
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (!v.empty() && v[0] == '#' && (v.size() == 4 || v.size() == 7)) {
    int d[6];
    bool ok = true;
    for (size_t i = 1; i < v.size(); ++i) ok = ok && (d[i - 1] = hex(v[i])) >= 0;
    if (ok) {
      if (v.size() == 4)
        return Rgba{uint8_t(d[0] * 17), uint8_t(d[1] * 17), uint8_t(d[2] * 17), 255};
      return Rgba{uint8_t(d[0] * 16 + d[1]), uint8_t(d[2] * 16 + d[3]), uint8_t(d[4] * 16 + d[5]), 255};
    }
  } else if (iequals(v, "black")) {
    return Rgba{0, 0, 0, 255};
  } else if (iequals(v, "white")) {
    return Rgba{255, 255, 255, 255};
  } else if (iequals(v, "transparent")) {
    return Rgba{0, 0, 0, 0};
  } else if (v.size() > 5 && iequals(v.substr(0, 4), "rgb(") && v.back() == ')') {
    std::string_view inner = v.substr(4, v.size() - 5);
    int channels[3], count = 0;
    bool ok = true;
    size_t i = 0;
    while (ok && i <= inner.size()) {
      size_t end = inner.find(',', i);
      std::string_view part = trim_ascii(inner.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
      int val = 0;
      ok = !part.empty() && part.size() <= 3 && count < 3;
      for (char c : part) {
        if (c < '0' || c > '9') ok = false;
        else val = val * 10 + (c - '0');
      }
      ok = ok && val <= 255;
      if (ok) channels[count++] = val;
      if (end == std::string_view::npos) break;
      i = end + 1;
    }
    if (ok && count == 3) return Rgba{uint8_t(channels[0]), uint8_t(channels[1]), uint8_t(channels[2]), 255};
  }
  if (error)
    *error = {"pw.qrcode.bad_color", std::string(source),
              concat({source, "=\"", value,
                      "\" is not a colour this widget reads; expected #rgb, #rrggbb, rgb(r, g, b), black or white"})};
  return fallback;
}

double contrast_ratio(Rgba a, Rgba b) {
  auto luminance = [](Rgba c) {
    auto lin = [](uint8_t v) {
      double s = v / 255.0;
      return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  double la = luminance(a), lb = luminance(b);
  if (la < lb) { double t = la; la = lb; lb = t; }
  return (la + 0.05) / (lb + 0.05);
}

Error check_qr_colors(Rgba fg, Rgba bg, std::string_view fg_text, std::string_view bg_text) {
  std::string pair = concat({"fg=\"", fg_text, "\" on bg=\"", bg_text, "\""});
  if (fg.a != 255 || bg.a != 255)
    return {"pw.qrcode.low_contrast", "fg", concat({pair, " is not opaque; expected opaque colours so the code scans on any page"})};
  double ratio = contrast_ratio(fg, bg);
  auto lum = [](Rgba c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; };
  if (lum(fg) >= lum(bg))
    return {"pw.qrcode.low_contrast", "fg", concat({pair, " is light on dark; expected a dark fg on a light bg (many phone readers reject inverted codes)"})};
  if (ratio < 4.5) {
    int tenths = static_cast<int>(ratio * 10);  // floor, so "4.4" never reads as passing
    return {"pw.qrcode.low_contrast", "fg",
            concat({pair, " has a contrast of ", decimal(tenths / 10), ".", decimal(tenths % 10),
                    ":1; expected at least 4.5:1"})};
  }
  return {};
}

std::vector<uint8_t> qr_rgba(const QrCode& code, int scale, Rgba fg, Rgba bg) {
  if (scale < 1 || scale > 64 || code.size <= 0) return {};
  int q = code.quiet_zone, side = code.full_size() * scale;
  std::vector<uint8_t> px(size_t(side) * side * 4);
  for (int py = 0; py < side; ++py) {
    int my = py / scale - q;
    uint8_t* row = &px[size_t(py) * side * 4];
    for (int pxl = 0; pxl < side; ++pxl) {
      Rgba c = code.dark(pxl / scale - q, my) ? fg : bg;
      row[pxl * 4 + 0] = c.r;
      row[pxl * 4 + 1] = c.g;
      row[pxl * 4 + 2] = c.b;
      row[pxl * 4 + 3] = c.a;
    }
  }
  return px;
}

std::vector<uint8_t> encode_png(const uint8_t* pixels, int width, int height, int channels) {
  std::vector<uint8_t> out;
  if (!pixels || width < 1 || height < 1 || width > 8192 || height > 8192 ||
      !(channels == 1 || channels == 3 || channels == 4))
    return out;
  if (!stbi_write_png_to_func(png_sink, &out, width, height, channels, pixels, width * channels))
    out.clear();
  return out;
}

std::vector<uint8_t> qr_png(const QrCode& code, int scale, Rgba fg, Rgba bg) {
  std::vector<uint8_t> rgba = qr_rgba(code, scale, fg, bg);
  if (rgba.empty()) return {};
  int side = code.full_size() * scale;
  std::vector<uint8_t> rgb(size_t(side) * side * 3);
  for (size_t i = 0, j = 0; i < rgba.size(); i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return encode_png(rgb.data(), side, side, 3);
}

std::string strip_query_params(std::string_view url, std::string_view strip_params) {
  std::vector<std::string_view> patterns = split_list(strip_params);
  if (patterns.empty() || (patterns.size() == 1 && iequals(patterns[0], "none"))) return std::string(url);
  size_t hash = url.find('#');
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : url.substr(hash);
  std::string_view before = url.substr(0, hash == std::string_view::npos ? url.size() : hash);
  size_t qmark = before.find('?');
  if (qmark == std::string_view::npos) return std::string(url);
  std::string out(before.substr(0, qmark));
  std::string_view query = before.substr(qmark + 1);
  std::string kept;
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    std::string_view pair = query.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i);
    std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty() && !name_matches(name, patterns)) {
      if (!kept.empty()) kept += '&';
      kept += pair;
    }
    if (amp == std::string_view::npos) break;
    i = amp + 1;
  }
  if (!kept.empty()) {
    out += '?';
    out += kept;
  }
  out += fragment;
  return out;
}

std::string qr_page_url(std::string_view page_url, std::string_view canonical_url,
                        std::string_view site_hosts, std::string_view strip_params, Error* error) {
  std::string_view page_scheme, canon_scheme;
  std::string_view page_host = url_host(page_url, &page_scheme);
  std::string_view chosen = page_url;
  if (!canonical_url.empty()) {
    std::string_view canon_host = url_host(canonical_url, &canon_scheme);
    bool same_site = !canon_host.empty() && iequals(canon_host, page_host);
    for (std::string_view h : split_list(site_hosts))
      same_site = same_site || (!canon_host.empty() && iequals(canon_host, h));
    if (same_site) chosen = canonical_url;
  }
  size_t hash = chosen.find('#');
  if (hash != std::string_view::npos) chosen = chosen.substr(0, hash);

  std::vector<std::string_view> patterns = split_list(strip_params);
  bool none = patterns.size() == 1 && iequals(patterns[0], "none");
  if (!none) {
    for (std::string_view p : patterns) {
      if (!valid_param_pattern(p)) {
        if (error)
          *error = {"pw.qrcode.bad_strip_params", "strip-params",
                    concat({"strip-params=\"", strip_params, "\": \"", p,
                            "\" is not a parameter name; expected names of letters, digits, _ - . "
                            "with an optional trailing * (\"utm_* spm\"), or none"})};
        return std::string(chosen);
      }
    }
  }
  return strip_query_params(chosen, strip_params);
}

int parse_qr_size(std::string_view value, int fallback, Error* error) {
  std::string_view v = trim_ascii(value);
  if (v.empty()) return fallback;
  std::string_view digits = v;
  if (digits.size() > 2 && iequals(digits.substr(digits.size() - 2), "px")) digits.remove_suffix(2);
  int n = 0;
  bool ok = !digits.empty() && digits.size() <= 4;
  for (char c : digits) {
    if (c < '0' || c > '9') { ok = false; break; }
    n = n * 10 + (c - '0');
  }
  if (ok && n >= 64 && n <= 1024) return n;
  if (error)
    *error = {"pw.qrcode.bad_size", "size",
              concat({"size=\"", value, "\" is not a size this widget draws; expected a whole number of CSS px from 64 to 1024, such as \"160\""})};
  return fallback;
}

QrElementResult resolve_qr_element(const QrElementInput& input) {
  QrElementResult out;
  Error e;
  QrOptions options;
  options.ecc = input.ecc.empty() ? QrEcc::Medium : parse_qr_ecc(input.ecc, QrEcc::Medium, &e);
  if (!e.id.empty()) out.errors.push_back(e);
  if (input.logo) options.ecc = QrEcc::High;

  const Rgba black{0, 0, 0, 255}, white{255, 255, 255, 255};
  std::string fg_text = input.fg.empty() ? "#000" : std::string(trim_ascii(input.fg));
  std::string bg_text = input.bg.empty() ? "#fff" : std::string(trim_ascii(input.bg));
  Error fg_error, bg_error;
  Rgba fg = parse_css_color(fg_text, "fg", black, &fg_error);
  Rgba bg = parse_css_color(bg_text, "bg", white, &bg_error);
  if (!fg_error.id.empty()) out.errors.push_back(fg_error);
  if (!bg_error.id.empty()) out.errors.push_back(bg_error);
  Error contrast;
  if (fg_error.id.empty() && bg_error.id.empty()) contrast = check_qr_colors(fg, bg, fg_text, bg_text);
  if (!fg_error.id.empty() || !bg_error.id.empty() || !contrast.id.empty()) {
    if (!contrast.id.empty()) {
      contrast.message += "; using #000 on #fff";
      out.errors.push_back(contrast);
    }
    fg_text = "#000";
    bg_text = "#fff";
  }
  out.fg = fg_text;
  out.bg = bg_text;

  QrResult r = encode_qr(input.text, options);
  if (!r.ok()) {
    const std::string lower_ecc = "; shorten the text or lower ecc";
    if (input.logo && r.error.id == "pw.qrcode.data_too_long" && r.error.message.size() > lower_ecc.size() &&
        r.error.message.compare(r.error.message.size() - lower_ecc.size(), lower_ecc.size(), lower_ecc) == 0) {
      r.error.message.resize(r.error.message.size() - lower_ecc.size());
      r.error.message += "; shorten the text or remove the logo (a logo needs level H)";
    }
    out.errors.push_back(r.error);
    return out;
  }
  out.code = std::move(r.code);
  out.path = qr_svg_path(out.code);
  return out;
}

QrBox qr_logo_box(const QrCode& code) {
  QrBox box;
  if (code.size <= 0) return box;
  int side = code.size * 22 / 100;
  if ((code.size - side) % 2) ++side;  // centred on whole modules
  box.side = side;
  box.x = box.y = code.quiet_zone + (code.size - side) / 2;
  return box;
}

std::string qr_matrix_hex(const QrCode& code) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  size_t n = code.size > 0 ? size_t(code.size) * size_t(code.size) : 0;
  if (code.modules.size() < n) return out;
  out.reserve((n + 3) / 4);
  for (size_t i = 0; i < n; i += 4) {
    int nibble = 0;
    for (size_t k = 0; k < 4; ++k) nibble = nibble << 1 | (i + k < n && code.modules[i + k] ? 1 : 0);
    out += kHex[nibble];
  }
  return out;
}

QrCode qr_code_from_matrix_hex(std::string_view hex, int version, Error* error) {
  QrCode code;
  auto fail = [&](const std::string& why) {
    if (error) *error = {"pw.qrcode.bad_matrix", "matrix", concat({"the code's matrix ", why})};
    return QrCode();
  };
  if (version < 1 || version > 40)
    return fail(concat({"claims version ", decimal(version), "; expected 1..40"}));
  int size = 17 + 4 * version;
  size_t n = size_t(size) * size_t(size);
  if (hex.size() != (n + 3) / 4)
    return fail(concat({"has ", decimal(static_cast<long long>(hex.size())), " hex digits; expected ",
                        decimal(static_cast<long long>((n + 3) / 4)), " for version ", decimal(version)}));
  code.modules.assign(n, 0);
  for (size_t d = 0; d < hex.size(); ++d) {
    char c = lower(hex[d]);
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return fail(concat({"has \"", hex.substr(d, 1), "\" at digit ", decimal(static_cast<long long>(d)), "; expected 0-9 or a-f"}));
    for (size_t k = 0; k < 4 && d * 4 + k < n; ++k) code.modules[d * 4 + k] = uint8_t((v >> (3 - k)) & 1);
  }
  code.version = version;
  code.size = size;
  return code;
}

const char* qr_save_method(std::string_view user_agent, bool coarse_pointer) {
  if (in_app_browser(user_agent) || coarse_pointer) return "overlay";
  return "download";
}

QrRender qr_render_for(std::string_view render, std::string_view user_agent, Error* error) {
  std::string_view value = trim_ascii(render);
  if (iequals(value, "svg")) return QrRender::Svg;
  if (iequals(value, "img")) return QrRender::Img;
  if (!value.empty() && !iequals(value, "auto") && error)
    *error = {"pw.qrcode.bad_render", "render",
              concat({"render=\"", render,
                      "\" is not a way to draw the code; expected \"auto\" (an image in WeChat, DingTalk "
                      "and the other in-app browsers, SVG elsewhere), \"svg\" or \"img\""})};
  return in_app_browser(user_agent) ? QrRender::Img : QrRender::Svg;
}

int qr_image_scale(int device_px, int full_size) {
  constexpr int kMin = 4, kMax = 32;
  if (device_px <= 0 || full_size <= 0) return kMin;
  int scale = (device_px + full_size - 1) / full_size;
  return scale < kMin ? kMin : scale > kMax ? kMax : scale;
}

}  // namespace pw
