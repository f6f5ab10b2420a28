// The related-articles feed: parsing and validating untrusted JSON.
//
// Format (docs/related.md "Feed format", schema/feed.schema.json):
//   {"version":1,"articles":[{"title":"…","url":"…","date":"2022-06-18",
//     "column":"…","keywords":["…"],"summary":"…","text":"…","pinned":false}, …]}
// or a bare array of article objects. `title` and `url` are required.
// "ranked": true at the top level says the articles are already in relevance
// order (the CLI writes such lists); the widget then keeps that order.
//
// A feed is data from elsewhere: it is validated field by field. Problems with
// the document as a whole (not UTF-8, not JSON, trailing data, too large, too
// deep, wrong shape) reject it with one Error; a bad article is skipped with an
// Error naming its index and field, and the other articles are kept.
//
// This unit is the only user of nlohmann/json in the core; it is linked into
// the lazily loaded `related` module and the CLI, never into the eager module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pw {

/// The largest feed a page reads, in bytes. <pw-related> checks it before the
/// bytes reach the module (web/package.mjs injects it into related.element.js).
constexpr size_t kMaxFeedBytes = 2 * 1024 * 1024;

/// Documented limits. The defaults suit one column's feed in a browser; the
/// CLI raises max_bytes and max_articles for whole sites.
struct FeedLimits {
  size_t max_bytes = kMaxFeedBytes;    // whole document, bytes
  size_t max_depth = 16;               // nested arrays/objects (a valid feed needs 4)
  size_t max_articles = 5000;          // array elements under "articles"
  size_t max_title = 500;              // code points, after cleaning
  size_t max_url = 2048;               // bytes, as written
  size_t max_column = 100;             // code points
  size_t max_summary = 1000;           // code points
  size_t max_text = 20000;             // code points of body text (the CLI learns term associations from it)
  size_t max_keyword = 50;             // code points per keyword
  size_t max_keywords = 32;            // keywords per article
  size_t max_item_errors = 100;        // item errors kept (the rest are only counted)
  // When the text was decoded into UTF-8 from the bytes received (a GBK
  // feed, say): their number. max_bytes then limits them, and the UTF-8 text
  // may be up to kMaxUtf8Growth times max_bytes. 0: the text is as received.
  size_t received_bytes = 0;
  // One byte of a single-byte encoding can become three bytes of UTF-8.
  static constexpr size_t kMaxUtf8Growth = 3;
};

/// One valid article, cleaned: text fields carry no control characters, no
/// bidi controls and no runs of white space; `url` is absolute http(s) (or
/// root-relative when the feed was parsed without a base URL).
struct Article {
  std::string title;
  std::string url;
  std::string column;
  std::string summary;
  std::string text;      // body text, optional (the CLI's JSON lines; used to learn term associations)
  std::vector<std::string> keywords;
  std::string date;      // as written ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM"), "" when absent
  int32_t day = kNoDay;  // days since 1970-01-01, kNoDay when absent
  int32_t minute = 0;    // minutes since midnight (site-local), 0 when absent
  bool pinned = false;
  size_t index = 0;      // position in the feed (0-based; the CLI: line number - 1)

  static constexpr int32_t kNoDay = INT32_MIN;
};

struct Feed {
  std::vector<Article> articles;
  Errors item_errors;        // at most limits.max_item_errors
  size_t skipped = 0;        // articles skipped (>= item_errors.size())
  bool ranked = false;       // "ranked": true — the articles are already in relevance order
  bool ok = true;            // false: the document was rejected, see `error`
  Error error;               // when !ok
};

/// Parses a feed. `base_url` is the absolute http(s) URL that relative article
/// URLs resolve against (the feed's own URL; the page's URL for inline feeds);
/// "" keeps relative URLs relative.
///
/// Document errors (Feed::ok false, nothing else filled):
///   pw.related.too_large     more than limits.max_bytes bytes (received: see
///                            FeedLimits::received_bytes)
///   pw.related.not_utf8      an invalid UTF-8 byte sequence or a lone surrogate escape
///   pw.related.not_json      a JSON syntax error (including raw control characters in strings)
///   pw.related.trailing_data anything but white space after the JSON value (including a NUL byte)
///   pw.related.too_deep      nesting deeper than limits.max_depth
///   pw.related.bad_root      the top level is not an object or an array
///   pw.related.bad_version   "version" is present and not 1
///   pw.related.no_articles   an object without an "articles" array
///   pw.related.too_many_articles  more than limits.max_articles articles
///   pw.related.bad_type      "ranked" is present and not true or false
/// Article errors (the article is skipped; source "articles[3].url" or "[3].url"):
///   pw.related.item_not_object, pw.related.missing_field, pw.related.bad_type,
///   pw.related.too_long, pw.related.bad_url_scheme (javascript:, data:, ...),
///   pw.related.bad_url, pw.related.bad_date, pw.related.empty_title
Feed parse_feed(std::string_view json, std::string_view base_url, const FeedLimits& limits = {});

/// Parses JSON lines: one article object per line (blank lines ignored), as
/// the CLI reads a whole site. Article errors name the line ("line 12: url").
/// A line that is not valid JSON skips that line (pw.related.not_json); only
/// the whole-input limits (max_bytes, max_articles) reject everything.
Feed parse_feed_lines(std::string_view text, std::string_view base_url,
                      const FeedLimits& limits = {});

/// Removes C0/C1 control characters, bidi controls (U+200E/F, U+202A–E,
/// U+2066–9, U+061C) and U+FEFF; turns every run of white space (is_space,
/// line and paragraph separators) into one space; trims. Input must be UTF-8.
std::string clean_text(std::string_view text);

/// A short excerpt of untrusted text for an error message: clean_text()ed,
/// at most `max_code_points` code points (then "…"), in double quotes.
std::string excerpt(std::string_view text, size_t max_code_points = 40);

/// Parses "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (years 1000–9999, a real
/// calendar day, 00:00–23:59). Returns false for anything else.
bool parse_article_date(std::string_view text, int32_t* day, int32_t* minute);

/// Days since 1970-01-01 of a proleptic Gregorian date (no validation).
int32_t days_from_civil(int32_t year, int32_t month, int32_t day);

}  // namespace pw
