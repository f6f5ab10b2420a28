// The input of a fuzz target as text fields: libFuzzer hands over bytes, the
// targets read them as lines (each seed in tests/fuzz/<target>/ is a readable
// text file), the last field taking the rest of the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace pw::fuzz {

/// Splits the input at its first count - 1 newlines: always `count` fields
/// (missing ones are empty), the last one with every newline after it.
inline std::vector<std::string_view> lines(const uint8_t* data, size_t size, size_t count) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < count) {
    size_t newline = text.find('\n');
    if (newline == std::string_view::npos) break;
    fields.push_back(text.substr(0, newline));
    text.remove_prefix(newline + 1);
  }
  fields.push_back(text);
  fields.resize(count);
  return fields;
}

/// Splits a field at `separator` (every occurrence).
inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

/// A field read as a small decimal number (at most 4 digits), else `fallback`.
inline int number(std::string_view w, int fallback) {
  if (w.empty() || w.size() > 4) return fallback;
  int n = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return fallback;
    n = n * 10 + (c - '0');
  }
  return n;
}

/// A broken invariant: a finding like a crash (libFuzzer keeps the input).
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

}  // namespace pw::fuzz
