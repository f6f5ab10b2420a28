#include "core/json_writer.h"

#include <cmath>

#include "core/utf8.h"

namespace pw {
namespace {

const char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, uint32_t unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = next_code_point(text, &i);  // invalid bytes come back as U+FFFD
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': case '>': case '&': case 0x2028: case 0x2029: append_u_escape(out, cp); break;
      default:
        if (cp < 0x20 || cp == 0x7F) append_u_escape(out, cp);
        else if (cp == kReplacementChar) append_utf8(out, cp);
        else out.append(text.data() + start, i - start);
    }
  }
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back() == '1') out_ += ',';
    has_items_.back() = '1';
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  has_items_.push_back('0');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  if (!has_items_.empty()) has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  has_items_.push_back('0');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  if (!has_items_.empty()) has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  separate();
  append_int(n);
  return *this;
}

void JsonWriter::append_int(int64_t n) { out_ += decimal(n); }

JsonWriter& JsonWriter::number(double x, int decimals) {
  if (!std::isfinite(x)) return null();
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const bool negative = x < 0;
  const double scaled = std::round(std::fabs(x) * static_cast<double>(scale));
  if (scaled >= 9.0e18) return null();  // beyond what the fixed form can hold
  const auto units = static_cast<int64_t>(scaled);
  int64_t whole = units / scale;
  int64_t frac = units % scale;
  separate();
  if (negative && units != 0) out_ += '-';
  append_int(whole);
  if (frac != 0) {
    std::string digits(static_cast<size_t>(decimals), '0');
    for (int i = decimals - 1; i >= 0; --i) {
      digits[static_cast<size_t>(i)] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out_ += '.';
    out_ += digits;
  }
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::errors(const Errors& errors) {
  begin_array();
  for (const Error& e : errors) {
    begin_object().key("id").value(e.id).key("source").value(e.source).key("message").value(e.message).end_object();
  }
  return end_array();
}

}  // namespace pw
