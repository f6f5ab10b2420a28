// The feed parser and the related list built from it (core/feed.h,
// core/related.h): the whole input is a feed as <pw-related> fetches it.
// Invariants: the list is valid JSON; every kept article has a title and an
// http(s) URL.
#include <nlohmann/json.hpp>

#include "core/feed.h"
#include "core/related.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char* base = "https://www.example.gov.cn/col/col1/index.html";
  const pw::Feed feed = pw::parse_feed(text, base);
  for (const pw::Article& a : feed.articles) {
    if (a.title.empty()) pw::fuzz::fail("an article without a title was kept");
    if (a.url.rfind("http://", 0) != 0 && a.url.rfind("https://", 0) != 0) pw::fuzz::fail("a non-http(s) URL was kept");
  }
  if (!feed.ok || feed.articles.empty()) return 0;  // nothing to rank: the list would only repeat the error
  pw::RelatedRequest request;
  request.feed = text;
  request.feed_url = base;
  request.title = "关于印发某某县2024年政务公开工作要点的通知";
  request.keywords = "政务公开,工作要点";
  request.column = "通知公告";
  request.page_url = "https://www.example.gov.cn/art/2024/5/20/art_1_2.html";
  request.today = "2024-05-20";
  const std::string list = pw::related_list_json(request);
  if (!nlohmann::json::accept(list)) pw::fuzz::fail("related_list_json gave invalid JSON");
  return 0;
}
