#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace pw {
namespace {

std::string quote(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonWriter, EscapesForJsonAndHtml) {
  EXPECT_EQ(quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(quote("</script>&"), "\"\\u003c/script\\u003e\\u0026\"");
  EXPECT_EQ(quote(std::string("\x01\x7f", 2)), "\"\\u0001\\u007f\"");
  EXPECT_EQ(quote("\u2028\u2029"), "\"\\u2028\\u2029\"");
  EXPECT_EQ(quote("中文"), "\"中文\"");
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(quote("a\xff" "b"), "\"a\uFFFDb\"");
  EXPECT_EQ(quote("\xed\xa0\x80"), "\"\uFFFD\uFFFD\uFFFD\"");  // an encoded surrogate
  EXPECT_EQ(quote("\xe4\xb8"), "\"\uFFFD\uFFFD\"");            // truncated 中
}

TEST(JsonWriter, NestsObjectsAndArrays) {
  JsonWriter w;
  w.begin_object().key("a").value(1).key("b").begin_array().value(true).value("x").null().end_array();
  w.key("c").begin_object().end_object().end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[true,"x",null],"c":{}})");
}

TEST(JsonWriter, Numbers) {
  JsonWriter w;
  w.begin_array().value(int64_t{-9007199254740991}).number(0.5).number(-1.25, 1).number(2.0).number(1e300);
  w.number(0.0000004, 6).end_array();
  EXPECT_EQ(w.str(), "[-9007199254740991,0.5,-1.3,2,null,0]");
}

TEST(JsonWriter, Errors) {
  JsonWriter w;
  w.errors({{"pw.x.y", "data-x", "bad \"1\""}});
  EXPECT_EQ(w.str(), R"([{"id":"pw.x.y","source":"data-x","message":"bad \"1\""}])");
}

}  // namespace
}  // namespace pw
