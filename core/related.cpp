#include "core/related.h"

#include "core/assoc.h"
#include "core/feed.h"
#include "core/json_writer.h"
#include "core/utf8.h"

namespace pw {
namespace {

// A whole number in [min, max], digits only (spaces around allowed).
bool parse_whole(std::string_view text, int32_t min, int32_t max, int32_t* out) {
  text = trim(text);
  if (text.empty() || text.size() > 6) return false;
  int32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return false;
  *out = value;
  return true;
}

std::string quoted(std::string_view text) {
  std::string cleaned = clean_text(text);
  if (code_point_count(cleaned) > 40) {
    size_t i = 0;
    for (int k = 0; k < 40; ++k) next_code_point(cleaned, &i);
    cleaned = cleaned.substr(0, i) + "…";
  }
  return "\"" + cleaned + "\"";
}

}  // namespace

RankOptions related_options(std::string_view limit, std::string_view sort,
                            std::string_view days_new, Errors* errors) {
  RankOptions options;
  int32_t value = 0;
  if (!limit.empty()) {
    if (parse_whole(limit, 1, 100, &value)) {
      options.limit = static_cast<size_t>(value);
    } else {
      errors->push_back(Error{"pw.related.bad_limit", "limit",
                              "limit=" + quoted(limit) +
                                  " is not a whole number from 1 to 100; using 8"});
    }
  }
  if (!sort.empty() && !parse_sort_order(sort, &options.sort)) {
    errors->push_back(Error{"pw.related.bad_sort", "sort",
                            "sort=" + quoted(sort) +
                                " is not \"relevance\" or \"date\"; using \"relevance\""});
  }
  if (!days_new.empty()) {
    if (parse_whole(days_new, 0, 365, &value)) {
      options.days_new = value;
    } else {
      errors->push_back(Error{"pw.related.bad_days_new", "days-new",
                              "days-new=" + quoted(days_new) +
                                  " is not a whole number of days from 0 to 365; using 3"});
    }
  }
  return options;
}

std::string related_list_json(const RelatedRequest& request) {
  Errors errors;
  RankOptions options = related_options(request.limit, request.sort, request.days_new, &errors);
  int32_t minute = 0;
  if (!request.today.empty() && !parse_article_date(request.today, &options.today, &minute)) {
    options.today = Article::kNoDay;
  }

  FeedLimits limits;
  limits.received_bytes = request.received_bytes;
  Feed feed = parse_feed(request.feed, request.feed_url, limits);
  JsonWriter out;
  out.begin_object();
  if (!feed.ok) {
    out.key("ok").value(false);
    out.key("error").begin_object();
    out.key("id").value(feed.error.id);
    out.key("source").value(feed.error.source);
    out.key("message").value(feed.error.message);
    out.end_object();
    out.key("errors").errors(errors);
    out.end_object();
    return out.take();
  }

  options.feed_order = feed.ranked;
  CurrentArticle current;
  current.title = clean_text(request.title);
  current.keywords = split_keywords(request.keywords);
  current.column = clean_text(request.column);
  current.url = std::string(request.page_url);
  Associations associations;
  bool with_associations = false;
  if (!request.assoc.empty() && !feed.ranked) {
    Error error;
    with_associations = parse_associations(request.assoc, &associations, &error);
    if (!with_associations) errors.push_back(std::move(error));
  }
  const RelatedIndex index(feed.articles, 0.5, with_associations ? &associations : nullptr);
  RankScratch scratch;
  const std::vector<RelatedItem> items = index.related(current, options, &scratch);

  out.key("ok").value(true);
  out.key("items").begin_array();
  for (const RelatedItem& item : items) {
    const Article& a = feed.articles[item.article];
    out.begin_object();
    out.key("title").value(a.title);
    out.key("url").value(a.url);
    out.key("date").value(a.date);
    out.key("new").value(item.is_new);
    out.key("pinned").value(item.pinned);
    if (request.debug) out.key("score").number(item.score, 4);
    out.end_object();
  }
  out.end_array();
  out.key("skipped").value(static_cast<int64_t>(feed.skipped));
  errors.insert(errors.end(), feed.item_errors.begin(), feed.item_errors.end());
  out.key("errors").errors(errors);
  out.end_object();
  return out.take();
}

}  // namespace pw
