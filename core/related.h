// The related-articles list, end to end: the <pw-related> attributes and page
// facts in, a JSON text of items ready to render out. This is what the lazy
// `related` module exports; feed.h and rank.h hold the parts.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/rank.h"

namespace pw {

/// What the element and the page provide, as raw strings.
struct RelatedRequest {
  std::string_view feed;        // the feed document as UTF-8 (fetched `src`, or the inline JSON)
  size_t received_bytes = 0;    // the feed's bytes as received, when `feed` was decoded
                                // from another encoding (a GBK feed): the size limit
                                // applies to them (FeedLimits::received_bytes); 0: as received
  std::string_view feed_url;    // absolute URL relative article URLs resolve against
  std::string_view title;       // ArticleTitle meta, else <h1>, else document.title
  std::string_view keywords;    // Keywords meta ("a,b、c")
  std::string_view column;      // ColumnName meta
  std::string_view page_url;    // location.href: this page is never listed
  std::string_view limit;       // attribute `limit`: 1–100, default 8
  std::string_view sort;        // attribute `sort`: relevance (default) | date
  std::string_view days_new;    // attribute `days-new`: 0–365, default 3
  std::string_view today;       // the reader's local date "YYYY-MM-DD" ("" = none)
  std::string_view assoc;       // attribute `assoc`: the fetched association table ("" = none)
  bool debug = false;           // add each item's score
};

/// Resolves the element's attributes. Absent (empty) values take the
/// defaults; a bad value adds an Error and takes the default:
///   pw.related.bad_limit     limit is not a whole number 1–100
///   pw.related.bad_sort      sort is not "relevance" or "date"
///   pw.related.bad_days_new  days-new is not a whole number 0–365
RankOptions related_options(std::string_view limit, std::string_view sort,
                            std::string_view days_new, Errors* errors);

/// Builds the list. Never fails; a malformed association table adds
/// pw.related.bad_assoc to `errors` and the list is ranked without it. The
/// JSON text is one of
///   {"ok":true,"items":[{"title","url","date","new","pinned"[,"score"]}…],
///    "skipped":N,"errors":[…]}      (errors: bad attributes, skipped articles)
///   {"ok":false,"error":{"id","source","message"},"errors":[…]}
/// `date` is "" for undated articles; `url` is absolute http(s).
std::string related_list_json(const RelatedRequest& request);

}  // namespace pw
