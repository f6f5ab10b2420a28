// Tokens for ranking Chinese (and mixed) portal text.
//
// Chinese has no spaces and word segmenters need megabytes of dictionary, so
// Han text is cut into overlapping character bigrams ("政府信息公开" → 政府 府信
// 信息 息公 公开), the approach Lucene's CJK analyzer takes: it needs no
// dictionary and still rewards shared words, because every shared word of two
// or more characters shares its bigrams. Latin letters and digits form words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// Folds one code point for matching: full-width ASCII forms (U+FF01–U+FF5E)
/// become ASCII, the ideographic space U+3000 becomes a space, and ASCII and
/// Latin-1 capital letters become lower case. Other code points are unchanged.
uint32_t fold_code_point(uint32_t cp);

/// True for code points tokenised as bigrams: Han ideographs, kana and Hangul.
bool is_bigram_script(uint32_t cp);

/// True for code points that make up words: ASCII letters and digits, and the
/// letters of the Latin, Greek and Cyrillic blocks (after fold_code_point).
bool is_word_char(uint32_t cp);

/// Splits `text` (UTF-8; invalid bytes count as separators) into tokens, in
/// order, with repeats. Runs of word characters become one token (lower case,
/// full-width folded: "ＣＯＶＩＤ－１９" → "covid", "19"). Runs of bigram-script
/// characters become their overlapping bigrams; a run of one character becomes
/// that character. Everything else (spaces, punctuation of any width, symbols)
/// separates tokens. Tokens longer than 64 bytes are cut to 64 bytes at a code
/// point boundary, so a hostile feed cannot make huge index keys.
std::vector<std::string> tokenize(std::string_view text);

/// A key for "is this the same title?": the folded word and bigram-script
/// characters of `text` with everything else dropped, so "关于 2022 年工作。"
/// and "关于2022年工作" compare equal. Returns "" for text without any.
std::string match_key(std::string_view text);

}  // namespace pw
