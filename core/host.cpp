#include "core/host.h"

#include <algorithm>

#include "core/utf8.h"

namespace pw {
namespace {

#ifdef PW_HOSTS_ASCII_ONLY
constexpr bool kAsciiOnly = true;
#else
constexpr bool kAsciiOnly = false;
#endif
bool g_full_parser_needed = false;

// In the ASCII-only build (host.h): notes that the full build must repeat the call.
bool needs_full_parser(std::string* why) {
  g_full_parser_needed = true;
  if (why) *why = "needs the full host parser";
  return false;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_hex(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
bool is_list_separator(char c) {
  return c == ' ' || c == ',' || c == ';' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Length of a list separator at the start of text, 0 if none: ASCII spaces,
// "," and ";", and as Chinese input methods type them "，" "、" "；" and U+3000
// (the same set as the other host lists of the script tag).
size_t separator_length(std::string_view text) {
  if (is_list_separator(text.front())) return 1;
  for (std::string_view wide : {"\xEF\xBC\x8C", "\xE3\x80\x81", "\xEF\xBC\x9B", "\xE3\x80\x80"}) {
    if (text.substr(0, wide.size()) == wide) return wide.size();
  }
  return 0;
}

// Decimal without snprintf (keeps printf out of the wasm).
void append_decimal(uint32_t value, std::string* out) {
  char digits[10];
  int count = 0;
  do {
    digits[count++] = char('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) out->push_back(digits[--count]);
}

// --- UTS #46 mapping (the part of it hosts typed by webmasters need) -------------

// How UTS #46 (nontransitional, as the WHATWG URL Standard uses it) treats a
// run of code points: kept as they are, mapped to first.. in order, or ignored.
// Only runs whose mapping is known exactly are listed; every other non-ASCII
// code point is refused, because the core cannot tell what a browser would make
// of it. tests/host_cases.json lists the same runs; the native tests check
// every code point against it and the Chromium tests check every listed code
// point against new URL().
struct Uts46Run {
  char32_t first, last;
  char32_t maps_to;  // kSelf, kIgnored, or the code point `first` maps to
};
constexpr char32_t kSelf = 0xFFFFFFFF, kIgnored = 0xFFFFFFFE;
constexpr Uts46Run kUts46Runs[] = {
    {0x00AD, 0x00AD, kIgnored},     // soft hyphen
    {0x00C0, 0x00D6, 0x00E0},       // À–Ö → à–ö
    {0x00D8, 0x00DE, 0x00F8},       // Ø–Þ → ø–þ
    {0x00E0, 0x00F6, kSelf},        // à–ö
    {0x00F8, 0x00FF, kSelf},        // ø–ÿ
    {0x034F, 0x034F, kIgnored},     // combining grapheme joiner
    {0x0391, 0x03A1, 0x03B1},       // Greek capitals → small
    {0x03A3, 0x03A9, 0x03C3},
    {0x03B1, 0x03C1, kSelf},        // Greek small (not final sigma: a deviation)
    {0x03C3, 0x03C9, kSelf},
    {0x0400, 0x040F, 0x0450},       // Cyrillic capitals → small
    {0x0410, 0x042F, 0x0430},
    {0x0430, 0x045F, kSelf},        // Cyrillic small
    {0x180B, 0x180D, kIgnored},     // Mongolian free variation selectors
    {0x180F, 0x180F, kIgnored},
    {0x200B, 0x200B, kIgnored},     // zero width space
    {0x2060, 0x2060, kIgnored},     // word joiner
    {0x2064, 0x2064, kIgnored},     // invisible plus
    {0x3002, 0x3002, U'.'},         // 。 ideographic full stop
    {0x3005, 0x3007, kSelf},        // 々 〆 〇
    {0x3041, 0x3096, kSelf},        // hiragana
    {0x309D, 0x309E, kSelf},        // ゝ ゞ
    {0x30A1, 0x30FA, kSelf},        // katakana
    {0x30FC, 0x30FE, kSelf},        // ー ヽ ヾ
    {0x3400, 0x4DB5, kSelf},        // CJK extension A
    {0x4E00, 0x9FEF, kSelf},        // CJK unified ideographs
    {0xAC00, 0xD7A3, kSelf},        // Hangul syllables
    {0xFE00, 0xFE0F, kIgnored},     // variation selectors
    {0xFEFF, 0xFEFF, kIgnored},     // zero width no-break space
    {0xFF0D, 0xFF0E, U'-'},         // full-width "-" "."
    {0xFF10, 0xFF19, U'0'},         // full-width digits
    {0xFF21, 0xFF3A, U'a'},         // full-width capitals → a–z
    {0xFF3F, 0xFF3F, U'_'},
    {0xFF41, 0xFF5A, U'a'},         // full-width small letters
    {0xFF61, 0xFF61, U'.'},         // ｡ halfwidth ideographic full stop
    {0x1BCA0, 0x1BCA3, kIgnored},   // shorthand format controls
    {0x20000, 0x2A6D6, kSelf},      // CJK extension B
    {0xE0100, 0xE01EF, kIgnored},   // variation selectors supplement
};

// Maps a host with non-ASCII characters code point by code point into *out
// (UTF-8, ASCII lower-cased). Fails naming the first character it cannot map.
bool map_host_code_points(std::string_view input, std::string* out, std::string* why) {
  std::u32string code_points;
  if (!utf8_decode(input, &code_points)) {
    *why = "is not valid UTF-8";
    return false;
  }
  out->clear();
  for (char32_t c : code_points) {
    if (c < 0x80) {
      out->push_back(ascii_lower(char(c)));
      continue;
    }
    const Uts46Run* run = nullptr;
    for (const Uts46Run& r : kUts46Runs) {
      if (c >= r.first && c <= r.last) run = &r;
    }
    std::string shown;
    utf8_append(c, &shown);
    if (run == nullptr) {
      if (c >= 0xFF01 && c <= 0xFF5E) {  // other full-width ASCII: punctuation
        const char ascii = char(c - 0xFEE0);
        *why = concat({"contains \"", shown, "\" (a full-width \"", std::string_view(&ascii, 1),
                       "\"), which is not allowed in host names"});
      } else {
        *why = concat({"contains \"", shown, "\" (", code_point_name(c),
                       "), which cannot be read as part of a host name here (write that label in "
                       "Punycode, \"xn--...\")"});
      }
      return false;
    }
    if (run->maps_to == kIgnored) continue;
    utf8_append(run->maps_to == kSelf ? c : run->maps_to + (c - run->first), out);
  }
  return true;
}

// --- IPv4 (WHATWG URL Standard, "IPv4 parser") -------------------------------

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, dot - start));
    start = dot + 1;
  }
}

// The URL Standard's "ends in a number" check, on a host without trailing dot.
bool ends_in_number(std::string_view host) {
  size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (std::all_of(last.begin(), last.end(), is_ascii_digit)) return true;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    return std::all_of(last.begin() + 2, last.end(), is_ascii_hex);
  }
  return false;
}

// True for an IPv4 address already in its canonical form: four decimal parts
// 0–255 without leading zeros ("10.0.0.1", as a browser gives a page's host).
bool is_dotted_decimal(std::string_view host) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t end = i;
    while (end < host.size() && is_ascii_digit(host[end])) ++end;
    const std::string_view part = host.substr(i, end - i);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0') ||
        (part.size() == 3 && part > "255")) {
      return false;
    }
    ++parts;
    if (end == host.size()) return parts == 4;
    if (host[end] != '.' || parts == 4) return false;
    i = end + 1;
  }
}

// Parses one IPv4 part: decimal, 0x-hex or 0-octal. Values above 2^32 fail.
bool parse_ipv4_number(std::string_view part, uint64_t* value) {
  if (part.empty()) return false;
  int radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    radix = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    radix = 8;
    part.remove_prefix(1);
  }
  uint64_t result = 0;
  for (char c : part) {
    int digit;
    if (radix == 16) {
      if (!is_ascii_hex(c)) return false;
      digit = hex_value(c);
    } else {
      if (!is_ascii_digit(c) || c - '0' >= radix) return false;
      digit = c - '0';
    }
    result = result * uint64_t(radix) + uint64_t(digit);
    if (result > 0xFFFFFFFFull) return false;
  }
  *value = result;
  return true;
}

bool parse_ipv4(std::string_view host, uint32_t* address) {
  std::vector<std::string_view> parts = split_dots(host);
  if (parts.size() > 4) return false;
  std::vector<uint64_t> numbers;
  for (std::string_view part : parts) {
    uint64_t n;
    if (!parse_ipv4_number(part, &n)) return false;
    numbers.push_back(n);
  }
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return false;
  }
  uint64_t limit = 1ull << (8 * (5 - numbers.size()));
  if (numbers.back() >= limit) return false;
  uint64_t result = numbers.back();
  for (size_t i = 0; i + 1 < numbers.size(); ++i) result += numbers[i] << (8 * (3 - i));
  *address = uint32_t(result);
  return true;
}

std::string serialize_ipv4(uint32_t address) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    append_decimal((address >> shift) & 0xFF, &out);
    if (shift != 0) out += '.';
  }
  return out;
}

// --- IPv6 (WHATWG URL Standard, "IPv6 parser" and serializer) -----------------

bool parse_ipv6(std::string_view input, uint16_t address[8]) {
  for (int i = 0; i < 8; ++i) address[i] = 0;
  int piece = 0;
  int compress = -1;
  size_t p = 0;
  const size_t n = input.size();
  auto at = [&](size_t i) { return i < n ? input[i] : '\0'; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return false;
    p += 2;
    ++piece;
    compress = piece;
  }
  while (p < n) {
    if (piece == 8) return false;
    if (at(p) == ':') {
      if (compress != -1) return false;
      ++p;
      ++piece;
      compress = piece;
      continue;
    }
    uint32_t value = 0;
    int length = 0;
    while (length < 4 && p < n && is_ascii_hex(at(p))) {
      value = value * 16 + uint32_t(hex_value(at(p)));
      ++p;
      ++length;
    }
    if (at(p) == '.' && p < n) {
      if (length == 0) return false;
      p -= size_t(length);
      if (piece > 6) return false;
      int numbers_seen = 0;
      while (p < n) {
        int ipv4_piece = -1;
        if (numbers_seen > 0) {
          if (at(p) == '.' && numbers_seen < 4) {
            ++p;
          } else {
            return false;
          }
        }
        if (!is_ascii_digit(at(p)) || p >= n) return false;
        while (p < n && is_ascii_digit(at(p))) {
          int number = at(p) - '0';
          if (ipv4_piece == -1) {
            ipv4_piece = number;
          } else if (ipv4_piece == 0) {
            return false;
          } else {
            ipv4_piece = ipv4_piece * 10 + number;
          }
          if (ipv4_piece > 255) return false;
          ++p;
        }
        address[piece] = uint16_t(address[piece] * 0x100 + ipv4_piece);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece;
      }
      if (numbers_seen != 4) return false;
      break;
    } else if (p < n && at(p) == ':') {
      ++p;
      if (p >= n) return false;
    } else if (p < n) {
      return false;
    }
    address[piece] = uint16_t(value);
    ++piece;
  }
  if (compress != -1) {
    int swaps = piece - compress;
    piece = 7;
    while (piece != 0 && swaps > 0) {
      std::swap(address[piece], address[compress + swaps - 1]);
      --piece;
      --swaps;
    }
  } else if (piece != 8) {
    return false;
  }
  return true;
}

std::string serialize_ipv6(const uint16_t address[8]) {
  // Compress the first longest run of two or more zero pieces.
  int best_start = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    if (address[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && address[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out = "[";
  bool ignore0 = false;
  for (int i = 0; i < 8; ++i) {
    if (ignore0 && address[i] == 0) continue;
    ignore0 = false;
    if (i == best_start) {
      out += (i == 0) ? "::" : ":";
      ignore0 = true;
      continue;
    }
    uint16_t v = address[i];
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int digit = (v >> shift) & 0xF;
      if (digit != 0 || started || shift == 0) {
        out += kHex[digit];
        started = true;
      }
    }
    if (i != 7) out += ':';
  }
  out += ']';
  return out;
}

// --- Punycode (RFC 3492) ------------------------------------------------------

constexpr uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
constexpr uint32_t kInitialBias = 72, kInitialN = 128;
constexpr uint32_t kMaxInt = 0xFFFFFFFFu;

uint32_t adapt(uint32_t delta, uint32_t num_points, bool first_time) {
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / num_points;
  uint32_t k = 0;
  while (delta > ((kBase - kTmin) * kTmax) / 2) {
    delta /= kBase - kTmin;
    k += kBase;
  }
  return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

char encode_digit(uint32_t d) { return char(d < 26 ? 'a' + d : '0' + (d - 26)); }

uint32_t threshold(uint32_t k, uint32_t bias) {
  if (k <= bias) return kTmin;
  if (k >= bias + kTmax) return kTmax;
  return k - bias;
}

// --- Scripts, for display_host --------------------------------------------------

enum Script : int {
  kCommon = 0, kLatin, kGreek, kCyrillic, kHan, kHiragana, kKatakana, kHangul, kBopomofo,
  kOtherBase = 100  // other scripts: kOtherBase + (code point >> 7), one per 128-block
};

int script_of(char32_t c) {
  if (c < 0x80) return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? kLatin : kCommon;
  if (c == 0xB7 || (c >= 0x300 && c <= 0x36F) || c == 0x30FC || c == 0x3099 || c == 0x309A ||
      c == 0x200C || c == 0x200D)
    return kCommon;
  if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF))
    return kLatin;
  if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF)) return kGreek;
  if (c >= 0x400 && c <= 0x52F) return kCyrillic;
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xAC00 && c <= 0xD7AF))
    return kHangul;
  if (c >= 0x3040 && c <= 0x309F) return kHiragana;
  if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) return kKatakana;
  if ((c >= 0x3100 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF)) return kBopomofo;
  if ((c >= 0x2E80 && c <= 0x2FDF) || c == 0x3005 || c == 0x3007 || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
    return kHan;
  return kOtherBase + int(c >> 7);
}

// Cyrillic and Greek letters that readers take for Latin ones.
bool looks_latin(char32_t c) {
  static const char32_t kLookalikes[] = {
      0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x0443, 0x0445, 0x0455, 0x0456, 0x0458,
      0x04BB, 0x04CF, 0x04AF, 0x0501, 0x051B, 0x051D, 0x043A, 0x0454, 0x0491,  // Cyrillic
      0x03B1, 0x03B9, 0x03BA, 0x03BD, 0x03BF, 0x03C1, 0x03C5, 0x03C4, 0x03C7,  // Greek
  };
  return std::find(std::begin(kLookalikes), std::end(kLookalikes), c) != std::end(kLookalikes);
}

bool is_subset(const std::vector<int>& scripts, std::initializer_list<int> allowed) {
  for (int s : scripts) {
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) return false;
  }
  return true;
}

// Han (and kana) characters that pass for Latin letters, digits or punctuation
// next to them: 〇 (o/0), 一 and ー (-), 丨 (l), 丶 (.), 丿 (/), 口 (o), 工 (I), 乙 (Z).
// "www.g〇v.cn" must not be shown as if it were a gov.cn host.
bool han_looks_latin(char32_t c) {
  static const char32_t kLookalikes[] = {0x3007, 0x4E00, 0x30FC, 0x4E28, 0x4E36,
                                         0x4E3F, 0x53E3, 0x5DE5, 0x4E59};
  return std::find(std::begin(kLookalikes), std::end(kLookalikes), c) != std::end(kLookalikes);
}

// True when a decoded label could pass for something it is not.
bool label_misleads(const std::u32string& label) {
  bool has_ascii_alnum = false;
  for (char32_t c : label) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) has_ascii_alnum = true;
  }
  if (has_ascii_alnum) {
    for (char32_t c : label) {
      if (han_looks_latin(c)) return true;
    }
  }
  std::vector<int> scripts;
  for (char32_t c : label) {
    int s = script_of(c);
    if (s != kCommon && std::find(scripts.begin(), scripts.end(), s) == scripts.end())
      scripts.push_back(s);
  }
  if (scripts.size() >= 2) {
    return !(is_subset(scripts, {kLatin, kHan, kHiragana, kKatakana}) ||
             is_subset(scripts, {kLatin, kHan, kBopomofo}) ||
             is_subset(scripts, {kLatin, kHan, kHangul}));
  }
  if (scripts.size() == 1 && (scripts[0] == kCyrillic || scripts[0] == kGreek)) {
    for (char32_t c : label) {
      if (script_of(c) != kCommon && !looks_latin(c)) return false;
    }
    return true;
  }
  return false;
}

// Decodes an "xn--" label. Fails unless the Punycode is valid, canonical (it
// encodes back to the same text) and holds a non-ASCII character, as IDNA
// requires: "xn--abc-" would otherwise show as a plain "abc".
bool decode_ace_label(std::string_view label, std::u32string* decoded) {
  std::string round_trip;
  return punycode_decode(label.substr(4), decoded) && punycode_encode(*decoded, &round_trip) &&
         round_trip == label.substr(4) &&
         !std::all_of(decoded->begin(), decoded->end(), [](char32_t c) { return c < 0x80; });
}

// Validates and converts one label (already lower-cased); appends to *out.
bool label_to_ascii(std::string_view label, std::string* out, std::string* why) {
  if (label.empty()) {
    if (why) *why = "has an empty label";
    return false;
  }
  bool has_non_ascii = false;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      has_non_ascii = true;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' || c == '_') continue;
    if (why) {
      if (c == '*') {
        *why = "has a \"*\" that is not a leading \"*.\"";
      } else {
        std::string shown(1, c);
        if (u < 0x20 || u == 0x7F) shown = "a control character";
        else shown = concat({"\"", shown, "\""});
        *why = concat({"contains ", shown, ", which is not allowed in host names"});
      }
    }
    return false;
  }
  std::string ascii;
  if (has_non_ascii) {
    std::u32string code_points;
    if (!utf8_decode(label, &code_points)) {
      if (why) *why = "is not valid UTF-8";
      return false;
    }
    for (char32_t c : code_points) {
      if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        if (why) *why = "contains a character that is not allowed in host names";
        return false;
      }
    }
    std::string encoded;
    if (!punycode_encode(code_points, &encoded)) {
      if (why) *why = "has a label that cannot be converted to Punycode";
      return false;
    }
    ascii = concat({"xn--", encoded});
  } else {
    ascii.assign(label.data(), label.size());
    if (ascii.size() >= 4 && ascii.compare(0, 4, "xn--") == 0) {
      if (kAsciiOnly) return needs_full_parser(why);
      std::u32string decoded;
      if (!decode_ace_label(ascii, &decoded)) {
        if (why) *why = concat({"has a label \"", ascii, "\" that is not valid Punycode"});
        return false;
      }
    }
  }
  if (ascii.size() > 63) {
    if (why) *why = "has a label longer than 63 characters";
    return false;
  }
  *out += ascii;
  return true;
}

}  // namespace

// --- UTF-8 ----------------------------------------------------------------------

bool utf8_decode(std::string_view text, std::u32string* out) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp;
    int extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      cp = c & 0x1F;
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      cp = c & 0x0F;
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      cp = c & 0x07;
      extra = 3;
    } else {
      return false;
    }
    if (i + size_t(extra) >= text.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + size_t(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    out->push_back(cp);
    i += size_t(extra) + 1;
  }
  return true;
}

void utf8_append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | (cp >> 6)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | (cp >> 12)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | (cp >> 18)));
    out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

// --- Punycode ---------------------------------------------------------------------

bool punycode_encode(const std::u32string& input, std::string* out) {
  out->clear();
  for (char32_t c : input) {
    if (c < 0x80) out->push_back(char(c));
  }
  uint32_t basic = uint32_t(out->size());
  uint32_t handled = basic;
  if (basic > 0) out->push_back('-');
  uint32_t n = kInitialN, delta = 0, bias = kInitialBias;
  while (handled < input.size()) {
    uint32_t m = kMaxInt;
    for (char32_t c : input) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > (kMaxInt - delta) / (handled + 1)) return false;
    delta += (m - n) * (handled + 1);
    n = m;
    for (char32_t c : input) {
      if (c < n && ++delta == 0) return false;
      if (c == n) {
        uint32_t q = delta;
        for (uint32_t k = kBase;; k += kBase) {
          uint32_t t = threshold(k, bias);
          if (q < t) break;
          out->push_back(encode_digit(t + (q - t) % (kBase - t)));
          q = (q - t) / (kBase - t);
        }
        out->push_back(encode_digit(q));
        bias = adapt(delta, handled + 1, handled == basic);
        delta = 0;
        ++handled;
      }
    }
    ++delta;
    ++n;
  }
  return true;
}

bool punycode_decode(std::string_view input, std::u32string* out) {
  out->clear();
  size_t basic_end = input.rfind('-');
  if (basic_end == std::string_view::npos) basic_end = 0;
  for (size_t j = 0; j < basic_end; ++j) {
    unsigned char c = static_cast<unsigned char>(input[j]);
    if (c >= 0x80) return false;
    out->push_back(c);
  }
  uint32_t n = kInitialN, i = 0, bias = kInitialBias;
  for (size_t in = basic_end > 0 ? basic_end + 1 : 0; in < input.size();) {
    uint32_t old_i = i, w = 1;
    for (uint32_t k = kBase;; k += kBase) {
      if (in >= input.size()) return false;
      char c = input[in++];
      uint32_t digit;
      if (c >= 'a' && c <= 'z') digit = uint32_t(c - 'a');
      else if (c >= 'A' && c <= 'Z') digit = uint32_t(c - 'A');
      else if (c >= '0' && c <= '9') digit = uint32_t(c - '0') + 26;
      else return false;
      if (digit > (kMaxInt - i) / w) return false;
      i += digit * w;
      uint32_t t = threshold(k, bias);
      if (digit < t) break;
      if (w > kMaxInt / (kBase - t)) return false;
      w *= kBase - t;
    }
    uint32_t length = uint32_t(out->size()) + 1;
    bias = adapt(i - old_i, length, old_i == 0);
    if (i / length > kMaxInt - n) return false;
    n += i / length;
    i %= length;
    if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || n < 0x80) return false;
    out->insert(out->begin() + i, char32_t(n));
    ++i;
  }
  return true;
}

// --- Hosts --------------------------------------------------------------------------

bool normalize_host(std::string_view input, std::string* out, std::string* why) {
  auto fail = [&](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  if (input.empty()) return fail("is empty");
  size_t scheme_end = input.find("://");
  if (scheme_end != std::string_view::npos) {
    return fail(concat({"has a scheme (\"", input.substr(0, scheme_end + 3), "\")"}));
  }
  size_t at = input.find('@');
  if (at != std::string_view::npos) return fail("has user information before \"@\"");
  size_t path = input.find_first_of("/\\");
  if (path != std::string_view::npos) return fail(concat({"has a path (\"", input.substr(path), "\")"}));
  size_t query = input.find_first_of("?#");
  if (query != std::string_view::npos) {
    return fail(concat({"has a ", input[query] == '?' ? "query" : "fragment", " (\"", input.substr(query), "\")"}));
  }

  if (input.front() == '[') {
    if (kAsciiOnly) return needs_full_parser(why);
    size_t close = input.find(']');
    if (close == std::string_view::npos) return fail("has \"[\" without \"]\"");
    if (close + 1 != input.size()) {
      std::string_view rest = input.substr(close + 1);
      if (rest.front() == ':') return fail(concat({"has a port (\"", rest, "\")"}));
      return fail("has text after \"]\"");
    }
    uint16_t address[8];
    if (!parse_ipv6(input.substr(1, close - 1), address)) return fail("is not a valid IPv6 address");
    *out = serialize_ipv6(address);
    return true;
  }
  size_t colon = input.find(':');
  if (colon != std::string_view::npos) {
    if (input.find(':', colon + 1) != std::string_view::npos) {
      return fail("looks like an IPv6 address without brackets (write it as \"[...]\")");
    }
    return fail(concat({"has a port (\"", input.substr(colon), "\")"}));
  }

  // Lower-case ASCII; map what a Chinese input method types (full-width forms,
  // ideographic full stops) and drop what UTS #46 ignores, as browsers do.
  std::string host;
  if (std::all_of(input.begin(), input.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (char c : input) host += ascii_lower(c);
  } else {
    if (kAsciiOnly) return needs_full_parser(why);
    std::string reason;
    if (!map_host_code_points(input, &host, &reason)) return fail(reason);
  }
  if (host.size() > 1 && host.back() == '.') host.pop_back();
  if (host == ".") return fail("has an empty label");

  std::string ascii;
  std::vector<std::string_view> labels = split_dots(host);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) ascii += '.';
    std::string reason;
    if (!label_to_ascii(labels[i], &ascii, &reason)) return fail(reason);
  }
  if (ascii.size() > 253) return fail("is longer than 253 characters");
  if (ends_in_number(ascii)) {
    if (is_dotted_decimal(ascii)) {
      *out = std::move(ascii);
      return true;
    }
    if (kAsciiOnly) return needs_full_parser(why);
    uint32_t address;
    if (!parse_ipv4(ascii, &address)) return fail("is not a valid IPv4 address");
    *out = serialize_ipv4(address);
    return true;
  }
  *out = std::move(ascii);
  return true;
}

std::vector<HostPattern> parse_host_list(std::string_view list, bool allow_wildcards,
                                         std::string_view source, std::string_view error_id,
                                         Errors* errors) {
  std::vector<HostPattern> patterns;
  size_t i = 0;
  while (i < list.size()) {
    if (size_t skip = separator_length(list.substr(i))) {
      i += skip;
      continue;
    }
    size_t end = i;
    while (end < list.size() && separator_length(list.substr(end)) == 0) ++end;
    std::string_view entry = list.substr(i, end - i);
    i = end;

    HostPattern pattern;
    std::string_view name = entry;
    std::string why;
    bool ok = true;
    if (name.size() >= 2 && name[0] == '*' && name[1] == '.') {
      if (allow_wildcards) {
        pattern.subdomains = true;
        name.remove_prefix(2);
      } else {
        why = "is a wildcard, which is not allowed here";
        ok = false;
      }
    }
    if (ok && name.find('*') != std::string_view::npos) {
      why = allow_wildcards ? "has a \"*\" that is not a leading \"*.\""
                            : "has a \"*\", which is not allowed here";
      ok = false;
    }
    if (ok && !normalize_host(name, &pattern.host, &why)) ok = false;
    if (ok && pattern.subdomains &&
        (pattern.host.front() == '[' || ends_in_number(pattern.host))) {
      why = "is a wildcard on an IP address; expected an exact address such as \"10.0.0.1\"";
      ok = false;
    }
    // A name readers would take for another one (Cyrillic "о" in "gоv.cn"):
    // the browser reads it as a different host, and the page would trust it.
    if (ok && display_host(pattern.host).show_ascii) {
      why = concat({"passes for another host (it is \"", pattern.host,
                    "\": its labels mix scripts or imitate Latin letters)"});
      ok = false;
    }
    if (!ok) {
      if (errors) {
        errors->push_back(Error{std::string(error_id), std::string(source),
                                concat({source, "=\"", list, "\": \"", entry, "\" ", why, "; expected ",
                                        allow_wildcards
                                            ? "host names such as \"www.gov.cn\" or wildcards such as \"*.gov.cn\""
                                            : "host names such as \"www.example.gov.cn\"",
                                        ", separated by spaces or commas"})});
      }
      continue;
    }
    bool duplicate = false;
    for (const HostPattern& p : patterns) {
      if (p.host == pattern.host && p.subdomains == pattern.subdomains) duplicate = true;
    }
    if (!duplicate) patterns.push_back(std::move(pattern));
  }
  return patterns;
}

bool host_matches(const HostPattern& pattern, std::string_view host) {
  if (!pattern.subdomains) return host == pattern.host;
  const std::string& suffix = pattern.host;
  return host.size() > suffix.size() + 1 &&
         host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
         host[host.size() - suffix.size() - 1] == '.' && host.front() != '[';
}

bool host_matches_any(const std::vector<HostPattern>& patterns, std::string_view host) {
  for (const HostPattern& p : patterns) {
    if (host_matches(p, host)) return true;
  }
  return false;
}

std::string canonical_host(std::string_view host) {
  std::string out;
  out.reserve(host.size());
  for (char c : host) out += ascii_lower(c);
  if (out.size() > 1 && out.back() == '.') out.pop_back();
  return out;
}

bool take_full_host_parser_needed() {
  const bool needed = g_full_parser_needed;
  g_full_parser_needed = false;
  return needed;
}

HostDisplay display_host(std::string_view host) {
  HostDisplay display;
  display.ascii = canonical_host(host);
  if (display.ascii.empty() || display.ascii.front() == '[') {
    display.unicode = display.ascii;
    return display;
  }
  std::vector<std::string_view> labels = split_dots(display.ascii);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) display.unicode += '.';
    std::string_view label = labels[i];
    std::u32string decoded;
    if (label.size() >= 4 && label.substr(0, 4) == "xn--") {
      if (kAsciiOnly) {
        needs_full_parser(nullptr);
        display.unicode = display.ascii;
        display.show_ascii = true;
        return display;
      }
      if (!decode_ace_label(label, &decoded)) {
        display.show_ascii = true;
        display.unicode.append(label.data(), label.size());
        continue;
      }
      if (label_misleads(decoded)) display.show_ascii = true;
      for (char32_t c : decoded) utf8_append(c, &display.unicode);
    } else {
      display.unicode.append(label.data(), label.size());
    }
  }
  return display;
}

}  // namespace pw
