// The ranker <pw-related> used before the relevance work (Okapi BM25 over
// character bigrams, title and keyword tokens counted 3 times, terms in more
// than half of a 20+ article feed skipped), frozen here so that `make bench`
// can measure the current ranker against it in the same run (relevance on the
// labelled corpora, speed in Chromium and natively). Bench only; never shipped.
#pragma once

#include "core/rank.h"
#include "core/related.h"

namespace pw {
namespace bm25 {

/// An inverted index over a set of articles. Build once, query many times;
/// queries are const and may run on several threads, each with its own scratch.
class Bm25Index {
 public:
  /// Indexes `articles`, which must outlive the index and not change. Terms in
  /// more than `common_fraction` (0–1) of the articles are skipped in queries,
  /// once there are at least 20 articles; the cut-off is never below 200
  /// articles or half of them, whichever is smaller, so a small fraction
  /// (the CLI's 0.02) cannot strip a small site of every shared term.
  explicit Bm25Index(const std::vector<Article>& articles, double common_fraction = 0.5);

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

/// The items of the old related list as the old module returned them.
std::string related_list_json(const RelatedRequest& request);

}  // namespace bm25
}  // namespace pw
