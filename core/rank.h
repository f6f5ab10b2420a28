// Ranking feed articles by relevance to the current article.
//
// Relevance is the cosine of TF-IDF vectors whose weights all come from the
// feed itself (nothing here is a fixed word list):
// - terms are the tokens of tokenize.h, read from titles normalised by
//   ranking_text() (widths folded, dates, numbers and 〔2024〕 frames dropped);
// - a term's weight is ln(1 + N / df) over the feed, so what a site writes on
//   every other page (我县, 全县, 开展, 工作, 召开, 通知) weighs little there,
//   and terms in more than `common_fraction` of the articles are not searched;
// - keywords count by how informative they are: ln(N / df) / ln(N) of the
//   keyword over the feed's keywords, times 3 (a keyword names the topic),
//   so one the CMS puts on a large share of the feed (安全, 民生, 检查, 宣传)
//   counts little and one few articles carry counts most; the column is a
//   keyword of the same kind (at 0.5);
// - single Han characters of the title count at half a bigram (渔船, 休渔
//   and 渔民 share 渔), the summary at 40 % of the title.
// Optionally an association table (assoc.h, learned by the CLI from the whole
// site) adds related terms to the query at a fraction of their link's weight,
// so articles of one topic that share no characters (台风 ↔ 三防) meet.
// Articles the feed itself ties to the best matches count too (neighbour
// smoothing, a form of pseudo-relevance feedback): the query's top
// `kNeighbours` articles each add their own strongest matches, at the product
// of the two similarities, so two articles of one topic that share no term
// but share a neighbour (台风 … 渔船回港避风 … 休渔) meet. The cost is a
// bounded number of extra queries per list, whatever the feed's size.
// A mild recency factor (at most +20 %, halving every 180 days of age)
// multiplies the score, so an article that shares nothing with the current one
// (score 0) never rises above one that does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/assoc.h"
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
  double relevance = 0;  // the text match (the cosine of the TF-IDF vectors, more with associations and neighbours); 0: nothing shared
  double recency = 1;    // the date factor, 1–1.2 (1 without the reader's date or the article's)
};

struct RelatedItem {
  size_t article = 0;  // index into the articles the index was built from
  double score = 0;    // cosine (0–1, more with associations) × recency; 0 for pinned-without-match and fill items
  ScoreParts parts;    // what `score` is made of (shown by the studio)
  bool pinned = false;
  bool is_new = false;
};

/// Reusable per-thread scratch memory for queries (one accumulator per article).
struct RankScratch {
  std::vector<float> scores;
  std::vector<uint32_t> touched;
  std::vector<float> row;  // a neighbour's own scores (second pass)
  std::vector<uint32_t> row_touched;
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
  /// `associations` (optional; must outlive the index) expands queries.
  explicit RelatedIndex(const std::vector<Article>& articles, double common_fraction = 0.5,
                        const Associations* associations = nullptr);

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

  /// Article `d`'s own best matches (its neighbour row in the second pass):
  /// (article, cosine) of the 20 articles sharing most with it, best first.
  std::vector<std::pair<uint32_t, float>> own_matches(size_t d, RankScratch* scratch) const;

  /// Hands over own_matches(d) for every article d, computed by the caller
  /// (the CLI, on its threads), so queries look them up instead of computing
  /// them (the same lists either way). Call before any query; rows of another
  /// count than the articles' are ignored.
  void use_own_matches(std::vector<std::vector<std::pair<uint32_t, float>>> rows);

  size_t size() const { return articles_.size(); }
  size_t term_count() const { return postings_.size(); }

 private:
  struct Posting {
    uint32_t doc;
    float weight;  // tf-idf weight / the article's vector length
  };
  // Adds query · article for every article sharing a term with the query;
  // articles new to `scores` are appended to `touched`.
  void accumulate(const std::vector<std::pair<uint32_t, float>>& query, std::vector<float>* scores,
                  std::vector<uint32_t>* touched) const;
  // The second pass: the query's best matches (not `excluded`) add their own
  // best matches, at the product of the two scores (see the top of this file).
  template <typename Excluded>
  void smooth_by_neighbours(const Excluded& excluded, RankScratch* scratch) const;
  std::vector<std::pair<uint32_t, float>> query_vector(const std::string& title,
                                                       const std::vector<std::string>& keywords,
                                                       const std::string& column) const;
  std::vector<RelatedItem> rank(const std::vector<std::pair<uint32_t, float>>& query,
                                const std::string& exclude_identity,
                                const std::string& exclude_title_key, size_t exclude_doc,
                                const RankOptions& options, RankScratch* scratch) const;

  const std::vector<Article>& articles_;
  std::unordered_map<std::string, uint32_t> term_ids_;  // tokens, columns and (character_key) title characters
  std::vector<std::vector<Posting>> postings_;
  // Per article its own weighted terms (term id, weight), as in postings_:
  // the query of a neighbour in the second pass.
  std::vector<std::vector<std::pair<uint32_t, float>>> vectors_;
  std::vector<float> idf_;
  // Per term id, 1 for a single-character term (they only refine). Not
  // vector<bool>: its code was 1.6 KB of wasm.
  std::vector<uint8_t> is_character_;
  std::unordered_map<std::string, uint32_t> keyword_df_;  // match_key(keyword or column) → articles
  const Associations* associations_;
  std::vector<std::vector<std::pair<uint32_t, float>>> own_matches_;  // use_own_matches(); empty: computed per query
  std::vector<std::string> identity_;    // url_identity per article
  std::vector<std::string> title_key_;   // match_key(title) per article
  std::vector<uint32_t> by_date_;        // article indices, newest first (undated last)
  size_t stop_df_;                       // terms in more articles than this are skipped
};

/// Text as the ranker reads it: full-width forms folded, numbers dropped
/// with the 第 before them and the units and date words after them
/// ("第3号台风" → "台风", "2024年6月" → "", "12.6万人次" → ""), frames holding
/// only a number or year dropped ("〔2024〕12号" → ""), other frames and book
/// titles kept as text ("《防汛抗旱条例》" → "防汛抗旱条例"). Roman numerals
/// (Ⅳ级) count as numbers. The result is for tokenize(), not for display.
std::string ranking_text(std::string_view text);

/// tokenize(ranking_text(text)): the terms the ranker and the association
/// learner read from any field.
std::vector<std::string> ranking_tokens(std::string_view text);

/// Splits a Keywords meta value: separators are ASCII and full-width commas
/// and semicolons, 、 and white space. Empty entries are dropped.
std::vector<std::string> split_keywords(std::string_view text);

}  // namespace pw
