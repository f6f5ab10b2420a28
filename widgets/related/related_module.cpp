// C ABI of the lazily loaded `related` module (nlohmann/json, tokenizer,
// ranking). Binding only: it converts types; the rules live in core/related.cpp,
// core/feed.cpp and core/rank.cpp. Deliberately not named *_exports.cpp, which
// the top-level CMakeLists.txt globs into the eager core module.
#include <string_view>

#include "core/related.h"
#include "web/bindings.h"

/// The related list as JSON text (see pw::related_list_json). The feed is
/// passed as bytes (`feed`, `feed_length`), not as a C string, so that a NUL
/// byte or invalid UTF-8 in a fetched feed reaches the validator intact; so is
/// the association table (`assoc`, `assoc_length`; 0 bytes: none).
/// `received_length` is the feed's size as received (before it was decoded to
/// UTF-8 from another encoding; the same as `feed_length` otherwise).
PW_EXPORT const char* pw_related_list(const char* feed, int feed_length, int received_length,
                                      const char* feed_url,
                                      const char* title, const char* keywords, const char* column,
                                      const char* page_url, const char* limit, const char* sort,
                                      const char* days_new, const char* today, int debug,
                                      const char* assoc, int assoc_length) {
  const std::string feed_url_s = pw::bind::str(feed_url), title_s = pw::bind::str(title),
                    keywords_s = pw::bind::str(keywords), column_s = pw::bind::str(column),
                    page_url_s = pw::bind::str(page_url), limit_s = pw::bind::str(limit),
                    sort_s = pw::bind::str(sort), days_new_s = pw::bind::str(days_new),
                    today_s = pw::bind::str(today);
  pw::RelatedRequest request;
  request.feed = std::string_view(feed ? feed : "", feed && feed_length > 0 ? size_t(feed_length) : 0);
  request.received_bytes =
      received_length > 0 && received_length != feed_length ? size_t(received_length) : 0;
  request.feed_url = feed_url_s;
  request.title = title_s;
  request.keywords = keywords_s;
  request.column = column_s;
  request.page_url = page_url_s;
  request.limit = limit_s;
  request.sort = sort_s;
  request.days_new = days_new_s;
  request.today = today_s;
  request.debug = debug != 0;
  request.assoc = std::string_view(assoc ? assoc : "", assoc && assoc_length > 0 ? size_t(assoc_length) : 0);
  return pw::bind::result(pw::related_list_json(request));
}
