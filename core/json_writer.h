// A tiny JSON text writer for the boundaries of the core: the C ABI that the
// widgets call (results cross into JS as JSON text) and the CLI's output files.
// Parsing JSON is the related module's business (nlohmann/json); writing is
// needed everywhere and must stay small enough for the eager module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pw {

/// Appends `text` to `out` as a JSON string literal (with the quotes).
/// Invalid UTF-8 sequences become U+FFFD; control characters, quotes and
/// backslashes are escaped; so are '<', '>', '&', U+2028 and U+2029, so the
/// output can be embedded in an HTML <script> block unchanged.
void append_json_string(std::string& out, std::string_view text);

/// Builds one JSON value. Calls must nest correctly (begin/end pairs, a key
/// before each value inside an object); misuse is a programming error that
/// produces invalid JSON rather than undefined behaviour.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text ? text : "")); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(int64_t n);
  JsonWriter& value(uint32_t n) { return value(static_cast<int64_t>(n)); }
  /// A finite number with at most `decimals` (0–9) digits after the point,
  /// trailing zeros trimmed. NaN and infinities are written as null.
  JsonWriter& number(double x, int decimals = 6);
  JsonWriter& null();
  /// Writes `errors` as an array of {"id","source","message"} objects.
  JsonWriter& errors(const Errors& errors);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  void append_int(int64_t n);
  std::string out_;
  // One flag per open object/array ('1' once it has an item). A string, not
  // std::vector<bool>: the bit vector's push_back alone was 1.8 KB of wasm.
  std::string has_items_;
  bool after_key_ = false;
};

}  // namespace pw
