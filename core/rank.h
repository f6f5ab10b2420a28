// Ranking feed articles by relevance to the current article.
//
// Relevance is Okapi BM25 over the tokens of tokenize.h. An article's text is
// its title and keywords (each token counted 3 times: they say what the
// article is about), its summary (once) and its column (one whole-column
// token). The query is the current article's title, keywords and column.
// Terms found in more than half of the articles (of a feed with at least 20)
// carry almost no information and are skipped. The CLI lowers that fraction
// for whole sites (a query costs the summed lengths of its terms' posting
// lists, so site-wide stop words like 工作 or 通知 would dominate the time),
// but a term in at most 200 articles (or, for fewer than 400, in at most half)
// is always used. A mild recency factor (at most +20 %, halving every 180
// days of age) multiplies the score, so an article that shares nothing with
// the current one (score 0) never rises above one that does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/feed.h"

namespace pw {

/// The article a related list is for (from ArticleTitle/<h1>/title, Keywords,
/// ColumnName and the page URL).
struct CurrentArticle {
  std::string title;
  std::vector<std::string> keywords;
  std::string column;
  std::string url;  // absolute; "" when unknown
};

enum class SortOrder { kRelevance, kDate };

/// Parses a sort attribute: "relevance" or "date" (ASCII case-insensitive,
/// surrounding spaces ignored). Returns false for anything else.
bool parse_sort_order(std::string_view text, SortOrder* out);

struct RankOptions {
  size_t limit = 8;                 // items returned, 1–100 (0 returns none)
  SortOrder sort = SortOrder::kRelevance;
  int32_t today = Article::kNoDay;  // the reader's date (days since 1970-01-01); kNoDay: no recency, nothing new
  int32_t days_new = 3;             // "new" = dated today or up to days_new - 1 days before (0: never; future dates: never)
  bool pinned_first = true;         // pinned articles lead the list, in feed order
  bool include_unrelated = true;    // fill up with unrelated articles, newest first
  bool feed_order = false;          // the feed is already ranked ("ranked": true): keep its order
};

/// The parts an item's score is made of: score = relevance × recency.
struct ScoreParts {
  double relevance = 0;  // the text match (BM25 summed over the shared query terms); 0: nothing shared
  double recency = 1;    // the date factor, 1–1.2 (1 without the reader's date or the article's)
};

struct RelatedItem {
  size_t article = 0;  // index into the articles the index was built from
  double score = 0;    // BM25 × recency; 0 for pinned-without-match and fill items
  ScoreParts parts;    // what `score` is made of (shown by the studio)
  bool pinned = false;
  bool is_new = false;
};

/// Reusable per-thread scratch memory for queries (one accumulator per article).
struct RankScratch {
  std::vector<float> scores;
  std::vector<uint32_t> touched;
};

/// An inverted index over a set of articles. Build once, query many times;
/// queries are const and may run on several threads, each with its own scratch.
class RelatedIndex {
 public:
  /// Indexes `articles`, which must outlive the index and not change. Terms in
  /// more than `common_fraction` (0–1) of the articles are skipped in queries,
  /// once there are at least 20 articles; the cut-off is never below 200
  /// articles or half of them, whichever is smaller, so a small fraction
  /// (the CLI's 0.02) cannot strip a small site of every shared term.
  explicit RelatedIndex(const std::vector<Article>& articles, double common_fraction = 0.5);

  /// The related list for `current`: pinned articles first (when
  /// options.pinned_first), then articles by descending score, ties broken by
  /// newer date, then by feed order; then (options.include_unrelated) the
  /// unrelated ones, newest first. The current page (same URL without fragment,
  /// or same title after match_key) and duplicates of an earlier item (same URL
  /// or same title) are left out. SortOrder::kDate picks the same items and
  /// orders all but the pinned ones by date, newest first (undated last).
  /// With options.feed_order no scores are computed: the articles follow in
  /// feed order (exclusions, duplicates, pins and limit as above).
  std::vector<RelatedItem> related(const CurrentArticle& current, const RankOptions& options,
                                   RankScratch* scratch) const;

  /// The related list for article `self` of the index itself (the CLI): the
  /// query is that article's title, keywords and column, and it is excluded.
  std::vector<RelatedItem> related_to(size_t self, const RankOptions& options,
                                      RankScratch* scratch) const;

  size_t size() const { return articles_.size(); }
  size_t term_count() const { return postings_.size(); }

 private:
  struct Posting {
    uint32_t doc;
    float tf;
  };
  std::vector<RelatedItem> rank(const std::vector<std::string>& query_tokens,
                                const std::string& exclude_identity,
                                const std::string& exclude_title_key, size_t exclude_doc,
                                const RankOptions& options, RankScratch* scratch) const;

  const std::vector<Article>& articles_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;
  std::vector<float> idf_;
  std::vector<float> length_norm_;       // k1 * (1 - b + b * length / average length)
  std::vector<std::string> identity_;    // url_identity per article
  std::vector<std::string> title_key_;   // match_key(title) per article
  std::vector<uint32_t> by_date_;        // article indices, newest first (undated last)
  size_t stop_df_;                       // terms in more articles than this are skipped
};

/// The query tokens of an article: title and keywords, plus its column token.
std::vector<std::string> query_tokens(const std::string& title,
                                      const std::vector<std::string>& keywords,
                                      const std::string& column);

/// Splits a Keywords meta value: separators are ASCII and full-width commas
/// and semicolons, 、 and white space. Empty entries are dropped.
std::vector<std::string> split_keywords(std::string_view text);

}  // namespace pw
