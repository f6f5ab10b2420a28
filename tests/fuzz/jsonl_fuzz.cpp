// The CLI's reader of a whole site (tools/pw-related/site_input.h): JSON lines
// or the feed format. Line 1: the input's file name ("site.jsonl",
// "site.json", "-"); the rest is the file. Invariants: every kept article has
// a title and an http(s) URL, and JSON lines keep the line order.
#include "tests/fuzz/fuzz_input.h"
#include "tools/pw-related/site_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> f = pw::fuzz::lines(data, size, 2);
  const bool lines = pw::cli::looks_like_lines(f[0], f[1]);
  const pw::Feed feed = pw::cli::read_site(f[0], f[1], "https://www.example.gov.cn/");
  if (!feed.ok && feed.error.message.empty()) pw::fuzz::fail("a rejection without a message");
  for (size_t i = 0; i < feed.articles.size(); ++i) {
    const pw::Article& a = feed.articles[i];
    if (a.title.empty()) pw::fuzz::fail("an article without a title was kept");
    if (a.url.rfind("http://", 0) != 0 && a.url.rfind("https://", 0) != 0) pw::fuzz::fail("a non-http(s) URL was kept");
    if (lines && i > 0 && a.index <= feed.articles[i - 1].index) pw::fuzz::fail("JSON lines out of order");
  }
  return 0;
}
