// core/json_sax.h against nlohmann/json's own SAX parser: the same events,
// in the same order, and the same error (position and text) on every input.
#include "core/json_sax.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/core/test_data.h"

namespace pw {
namespace {

// Writes every event as a line; `Ours` selects the parse_error signature.
template <bool Ours>
struct Recorder {
  using json = nlohmann::json;
  std::string log;
  size_t stop_after = SIZE_MAX;  // return false from the n-th event (a SAX that gives up)

  bool event(const std::string& line) {
    log += line;
    log += '\n';
    return stop_after-- != 0;
  }
  bool null() { return event("null"); }
  bool boolean(bool b) { return event(b ? "true" : "false"); }
  bool number_integer(json::number_integer_t n) { return event("int " + std::to_string(n)); }
  bool number_unsigned(json::number_unsigned_t n) { return event("unsigned " + std::to_string(n)); }
  bool number_float(json::number_float_t x, const std::string& text) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return event("float " + std::string(buffer) + " " + text);
  }
  bool string(std::string& s) { return event("string " + s); }
  bool binary(json::binary_t&) { return event("binary"); }
  bool start_object(std::size_t n) { return event("{ " + std::to_string(n)); }
  bool key(std::string& k) { return event("key " + k); }
  bool end_object() { return event("}"); }
  bool start_array(std::size_t n) { return event("[ " + std::to_string(n)); }
  bool end_array() { return event("]"); }
  // nlohmann's: the reason is its exception's message without the prefix
  // parse_json_sax() documents.
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    const size_t bracket = what.find("] ");
    if (what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    if (what.rfind("parse error at line ", 0) == 0) {
      const size_t colon = what.find(": ");
      if (colon != std::string::npos) what = what.substr(colon + 2);
    }
    return parse_error(position, what);
  }
  bool parse_error(std::size_t position, const std::string& reason) {
    log += "error at " + std::to_string(position) + ": " + reason + "\n";
    return false;
  }
};

// Both parsers over `text`; the logs and results must match.
void expect_same(const std::string& text, size_t stop_after = SIZE_MAX) {
  Recorder<false> theirs;
  Recorder<true> ours;
  theirs.stop_after = ours.stop_after = stop_after;
  const bool theirs_ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &theirs,
                                                   nlohmann::json::input_format_t::json, true);
  const bool ours_ok = parse_json_sax(text, &ours);
  ASSERT_EQ(ours.log, theirs.log) << "input: " << text;
  ASSERT_EQ(ours_ok, theirs_ok) << "input: " << text;
}

const char* const kCases[] = {
    "", " ", "null", "true", "false", "0", "-0", "1", "-1", "1.5", "-1.5e-3", "1E+2", "1e999",
    "-1e999", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
    "-9223372036854775809", "1.0000000000000001", "01", "1.", ".5", "-", "1e", "1e+", "+1",
    "\"\"", "\"a\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\x\"",
    "\"\\u12\"", "\"a\x01\"", "\"a\tb\"", "\"\xff\"", "\"\xe4\xb8\"", "\"\xe4\xb8\xad\"",
    "\"unterminated", "tru", "nul", "fals", "truex", "[]", "{}", "[1]", "[1,]", "[,1]", "[1 2]",
    "[1,2", "[[[]]]", "[[[", "]]]", "{\"a\":1}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{a:1}",
    "{\"a\":1 \"b\":2}", "{\"a\":1,\"b\":[true,false,null,{}]}", "{1:2}", "{\"a\":1}}",
    "{\"a\":1} x", "[1] [2]", "1 2", "  [ 1 , { \"k\" : \"v\" } ]  ", "\xef\xbb\xbf[1]",
    "\xef\xbb[1]", "[1]\xef\xbb\xbf", "/* c */ 1", "// c\n1", "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]",
    "{\"a\":{\"b\":{\"c\":[1,[2,[3,{\"d\":null}]]]}}}", "[1.5e308, 2e-400, -0.0]", "[\x7f]",
    "{\"version\":1,\"articles\":[{\"title\":\"关于开展防汛工作的通知\",\"url\":\"/a.html\"}]}",
};

TEST(JsonSax, SameEventsAndErrorsAsNlohmannsParser) {
  for (const char* text : kCases) expect_same(text);
}

TEST(JsonSax, SameWhenTheSaxStopsAtAnyEvent) {
  const std::string text = "{\"a\":[1,2.5,\"x\",{\"b\":null},[true,false]],\"c\":-1}";
  for (size_t stop = 0; stop < 20; ++stop) expect_same(text, stop);
}

// Every prefix of real feeds, and every byte of them replaced by characters
// that change the grammar or the lexer's state.
TEST(JsonSax, SameOnEveryPrefixAndByteChangeOfTheFuzzCorpora) {
  const char* const files[] = {
      "tests/fuzz/feed/array.json",     "tests/fuzz/feed/bad-version.json",
      "tests/fuzz/feed/deep.json",      "tests/fuzz/feed/demo-column.json",
      "tests/fuzz/feed/ranked.json",    "tests/fuzz/feed/surrogate.json",
      "tests/fuzz/feed/truncated.json",
  };
  const char replacements[] = {'"', '{', '}', '[', ']', ',', ':', '\\', 'x', '0',
                               'e', '-', '.', ' ', '\x01', '\xff'};
  size_t documents = 0;
  for (const char* file : files) {
    std::string text = test::read_source_file(file);
    ASSERT_FALSE(text.empty()) << file;
    ++documents;
    if (text.size() > 400) text.resize(400);  // the start of each holds every kind of token
    for (size_t n = 0; n <= text.size(); ++n) expect_same(text.substr(0, n));
    for (size_t i = 0; i < text.size(); ++i) {
      for (char c : replacements) {
        std::string changed = text;
        changed[i] = c;
        expect_same(changed);
      }
    }
  }
  EXPECT_EQ(documents, 7u);
}

}  // namespace
}  // namespace pw
