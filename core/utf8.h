// UTF-8 helpers shared by the core units. Text inside the core is UTF-8 in
// std::string; these never throw and treat invalid bytes as U+FFFD.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace pw {

constexpr uint32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at text[*pos] and advances *pos past it.
/// Invalid, overlong, surrogate or truncated sequences yield U+FFFD and advance
/// by one byte. Precondition: *pos < text.size().
uint32_t next_code_point(std::string_view text, size_t* pos);

/// Appends the UTF-8 encoding of `cp` (U+0000–U+10FFFF; others become U+FFFD).
void append_utf8(std::string& out, uint32_t cp);

/// True when `text` is well-formed UTF-8 (no surrogates, no overlongs).
bool is_valid_utf8(std::string_view text);

/// The line of `text` starting at *pos, without its "\n" or "\r\n", and
/// advances *pos past its line break. Precondition: *pos < text.size().
std::string_view next_line(std::string_view text, size_t* pos);

/// Number of code points in `text` (invalid bytes count one each).
size_t code_point_count(std::string_view text);

/// True for Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs).
bool is_han(uint32_t cp);

/// True for white space as HTML and CJK text use it: ASCII space, tab, CR, LF,
/// form feed, NBSP and the ideographic space U+3000.
bool is_space(uint32_t cp);

/// True for every character that separates words in feed and page text:
/// is_space() plus vertical tab, NEL (U+0085), the typographic spaces
/// U+2000–U+200A, the line and paragraph separators U+2028/U+2029, and the
/// narrow and medium spaces U+202F, U+205F. Related titles collapse them to
/// one space; the share card draws them as a space.
bool is_text_space(uint32_t cp);

/// True for characters that draw nothing and mean nothing to a reader of a
/// title: C0 and C1 controls that are not is_text_space(), the zero width
/// space U+200B, the byte order mark U+FEFF, and the bidi marks, embeddings,
/// overrides and isolates (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069),
/// which in feed text could reorder what a reader sees. Both related titles
/// and the share card drop them.
bool is_invisible_control(uint32_t cp);

/// The first is_invisible_control() character of `text` (UTF-8), or 0 when it
/// has none: attributes shown to readers (the site name, the leave message)
/// refuse them.
uint32_t first_invisible_control(std::string_view text);

/// "U+0001", "U+FF76", "U+1D41A": a code point as messages name it.
std::string code_point_name(uint32_t cp);

/// `text` without leading and trailing is_space() characters.
std::string_view trim(std::string_view text);

/// ASCII-lowercases `text` (other bytes unchanged).
std::string ascii_lower(std::string_view text);

/// The parts joined: concat({"size=\"", value, "\" is …"}). Messages are built
/// with it rather than chains of std::string operator+, whose temporaries each
/// cost their own inlined code in the WebAssembly modules.
std::string concat(std::initializer_list<std::string_view> parts);

/// `n` in decimal ("-12"), without locale-aware formatting (std::to_string
/// would do, but keeps printf's machinery in the modules).
std::string decimal(long long n);

}  // namespace pw
