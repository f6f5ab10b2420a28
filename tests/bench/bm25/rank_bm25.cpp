// The old ranker, frozen for the bench (see rank_bm25.h): core/rank.cpp as it
// was before the relevance work, renamed into pw::bm25. Do not improve it.
#include "tests/bench/bm25/rank_bm25.h"

#include "core/feed.h"
#include "core/json_writer.h"

#include <algorithm>
#include <cmath>

#include "core/tokenize.h"
#include "core/url.h"
#include "core/utf8.h"

namespace pw {
namespace bm25 {
namespace {

constexpr float kK1 = 1.2f;
constexpr float kB = 0.75f;
constexpr float kTitleWeight = 3.0f;  // title and keyword tokens
constexpr float kBodyWeight = 1.0f;   // summary tokens, the column token
constexpr size_t kMaxLimit = 100;
constexpr size_t kMinDocsForStopTerms = 20;
// The common-term cut-off never skips a term found in this many articles or
// fewer (nor, below 400 articles, one in at most half of them): a site-wide
// fraction such as the CLI's 0.02 would otherwise leave a small site with no
// shared term at all (60 articles × 0.02 = 1: every term in two articles cut).
constexpr size_t kMinStopDf = 200;

// A token tokenize() can never produce (it has a control character), so a
// column name cannot collide with a word of the text.
std::string column_token(const std::string& column) {
  const std::string key = match_key(column);
  return key.empty() ? std::string() : "\x01" "c:" + key;
}

float recency(int32_t today, int32_t day) {
  if (today == Article::kNoDay || day == Article::kNoDay) return 1.0f;
  const int32_t age = std::max<int32_t>(0, today - day);
  return 1.0f + 0.2f * static_cast<float>(std::exp2(-static_cast<double>(age) / 180.0));
}

// Newer first; undated last.
bool newer(const Article& a, const Article& b) {
  if (a.day != b.day) return a.day > b.day;  // kNoDay is INT32_MIN, so undated sort last
  return a.minute > b.minute;
}

std::vector<std::string> query_tokens(const std::string& title,
                                      const std::vector<std::string>& keywords,
                                      const std::string& column) {
  std::vector<std::string> tokens = tokenize(title);
  for (const auto& keyword : keywords) {
    std::vector<std::string> more = tokenize(keyword);
    tokens.insert(tokens.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  }
  std::string col = column_token(column);
  if (!col.empty()) tokens.push_back(std::move(col));
  return tokens;
}

}  // namespace

Bm25Index::Bm25Index(const std::vector<Article>& articles, double common_fraction)
    : articles_(articles) {
  const size_t n = articles.size();
  std::vector<float> lengths(n, 0.0f);
  std::vector<std::pair<uint32_t, float>> doc_terms;
  double total_length = 0;
  identity_.reserve(n);
  title_key_.reserve(n);
  for (size_t d = 0; d < n; ++d) {
    const Article& a = articles[d];
    identity_.push_back(url_identity(a.url));
    title_key_.push_back(match_key(a.title));
    doc_terms.clear();
    auto add = [&](const std::string& token, float weight) {
      auto it = term_ids_.find(token);
      uint32_t id;
      if (it == term_ids_.end()) {
        id = static_cast<uint32_t>(postings_.size());
        term_ids_.emplace(token, id);
        postings_.emplace_back();
      } else {
        id = it->second;
      }
      doc_terms.emplace_back(id, weight);
      lengths[d] += weight;
    };
    for (const auto& t : tokenize(a.title)) add(t, kTitleWeight);
    for (const auto& keyword : a.keywords) {
      for (const auto& t : tokenize(keyword)) add(t, kTitleWeight);
    }
    for (const auto& t : tokenize(a.summary)) add(t, kBodyWeight);
    const std::string col = column_token(a.column);
    if (!col.empty()) add(col, kBodyWeight);
    std::sort(doc_terms.begin(), doc_terms.end());
    for (size_t k = 0; k < doc_terms.size();) {
      const uint32_t id = doc_terms[k].first;
      float tf = 0;
      for (; k < doc_terms.size() && doc_terms[k].first == id; ++k) tf += doc_terms[k].second;
      postings_[id].push_back(Posting{static_cast<uint32_t>(d), tf});
    }
    total_length += lengths[d];
  }
  const float average = n > 0 && total_length > 0 ? static_cast<float>(total_length / n) : 1.0f;
  length_norm_.resize(n);
  for (size_t d = 0; d < n; ++d) {
    length_norm_[d] = kK1 * (1.0f - kB + kB * lengths[d] / average);
  }
  idf_.resize(postings_.size());
  for (size_t t = 0; t < postings_.size(); ++t) {
    const double df = static_cast<double>(postings_[t].size());
    idf_[t] = static_cast<float>(std::log(1.0 + (static_cast<double>(n) - df + 0.5) / (df + 0.5)));
  }
  common_fraction = std::min(1.0, std::max(0.0, common_fraction));
  stop_df_ = n >= kMinDocsForStopTerms
                 ? std::max(static_cast<size_t>(static_cast<double>(n) * common_fraction),
                            std::min(kMinStopDf, n / 2))
                 : n;
  by_date_.resize(n);
  for (size_t d = 0; d < n; ++d) by_date_[d] = static_cast<uint32_t>(d);
  std::stable_sort(by_date_.begin(), by_date_.end(),
                   [&](uint32_t x, uint32_t y) { return newer(articles[x], articles[y]); });
}

std::vector<RelatedItem> Bm25Index::related(const CurrentArticle& current,
                                               const RankOptions& options,
                                               RankScratch* scratch) const {
  std::string identity;
  if (!current.url.empty()) identity = url_identity(current.url);
  return rank(query_tokens(current.title, current.keywords, current.column), identity,
              match_key(current.title), SIZE_MAX, options, scratch);
}

std::vector<RelatedItem> Bm25Index::related_to(size_t self, const RankOptions& options,
                                                  RankScratch* scratch) const {
  const Article& a = articles_[self];
  return rank(query_tokens(a.title, a.keywords, a.column), identity_[self], title_key_[self],
              self, options, scratch);
}

std::vector<RelatedItem> Bm25Index::rank(const std::vector<std::string>& tokens,
                                            const std::string& exclude_identity,
                                            const std::string& exclude_title_key,
                                            size_t exclude_doc, const RankOptions& options,
                                            RankScratch* scratch) const {
  const size_t n = articles_.size();
  std::vector<float>& scores = scratch->scores;
  std::vector<uint32_t>& touched = scratch->touched;
  if (scores.size() != n) scores.assign(n, 0.0f);
  touched.clear();

  // Query term frequencies, in term-id order so float sums are reproducible.
  std::vector<std::pair<uint32_t, float>> query;
  for (const auto& token : tokens) {
    const auto it = term_ids_.find(token);
    if (it != term_ids_.end()) query.emplace_back(it->second, 1.0f);
  }
  std::sort(query.begin(), query.end());
  if (options.feed_order) query.clear();
  for (size_t k = 0; k < query.size();) {
    const uint32_t id = query[k].first;
    float qtf = 0;
    for (; k < query.size() && query[k].first == id; ++k) qtf += 1.0f;
    const auto& list = postings_[id];
    if (list.size() > stop_df_) continue;
    const float weight = qtf * idf_[id] * (kK1 + 1.0f);
    for (const Posting& p : list) {
      if (scores[p.doc] == 0.0f) touched.push_back(p.doc);
      scores[p.doc] += weight * p.tf / (p.tf + length_norm_[p.doc]);
    }
  }

  auto excluded = [&](size_t d) {
    return d == exclude_doc || (!exclude_identity.empty() && identity_[d] == exclude_identity) ||
           (!exclude_title_key.empty() && title_key_[d] == exclude_title_key);
  };
  auto final_score = [&](size_t d) {
    return static_cast<double>(scores[d]) * recency(options.today, articles_[d].day);
  };

  const size_t limit = std::min(options.limit, kMaxLimit);
  std::vector<RelatedItem> out;
  std::vector<const std::string*> seen_identity;
  std::vector<const std::string*> seen_title;
  auto add = [&](size_t d, double score) {
    if (out.size() >= limit || excluded(d)) return;
    for (const std::string* s : seen_identity) {
      if (*s == identity_[d]) return;
    }
    for (const std::string* s : seen_title) {
      if (!s->empty() && *s == title_key_[d]) return;
    }
    seen_identity.push_back(&identity_[d]);
    seen_title.push_back(&title_key_[d]);
    RelatedItem item;
    item.article = d;
    item.score = score;
    item.pinned = articles_[d].pinned && options.pinned_first;
    // New: dated today or within the days_new - 1 days before. Feed dates are
    // the site's local time, `today` the reader's: a reader west of the site
    // (UTC against a UTC+8 site) can be a day behind, so the next day still
    // counts. Anything later (a typo, or an article scheduled ahead) is never new.
    const int32_t day = articles_[d].day;
    const int64_t age = static_cast<int64_t>(options.today) - day;
    item.is_new = options.today != Article::kNoDay && day != Article::kNoDay &&
                  options.days_new > 0 && age >= -1 && age < options.days_new;
    out.push_back(item);
  };

  if (options.pinned_first) {
    for (size_t d = 0; d < n && out.size() < limit; ++d) {
      if (articles_[d].pinned) add(d, final_score(d));
    }
  }
  const size_t pinned_count = out.size();

  struct Candidate {
    double score;
    uint32_t doc;
  };
  std::vector<Candidate> candidates;
  candidates.reserve(touched.size());
  for (uint32_t d : touched) {
    if (!excluded(d)) candidates.push_back(Candidate{final_score(d), d});
  }
  auto better = [&](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    const Article& a = articles_[x.doc];
    const Article& b = articles_[y.doc];
    if (a.day != b.day || a.minute != b.minute) return newer(a, b);
    return x.doc < y.doc;
  };
  // Usually only the first few candidates are needed; sort more only if
  // duplicates used them up.
  size_t sorted = 0;
  for (size_t next = 0; next < candidates.size() && out.size() < limit; ++next) {
    if (next == sorted) {
      const size_t want = std::min(candidates.size(), std::max<size_t>(sorted * 4, limit * 4 + 16));
      std::partial_sort(candidates.begin() + static_cast<std::ptrdiff_t>(sorted),
                        candidates.begin() + static_cast<std::ptrdiff_t>(want), candidates.end(),
                        better);
      sorted = want;
    }
    add(candidates[next].doc, candidates[next].score);
  }
  if (options.feed_order) {
    for (size_t d = 0; d < n && out.size() < limit; ++d) add(d, 0.0);
  } else if (options.include_unrelated) {
    for (size_t k = 0; k < by_date_.size() && out.size() < limit; ++k) {
      const uint32_t d = by_date_[k];
      if (scores[d] == 0.0f) add(d, 0.0);
    }
  }
  for (uint32_t d : touched) scores[d] = 0.0f;

  if (options.sort == SortOrder::kDate) {
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(pinned_count), out.end(),
                     [&](const RelatedItem& x, const RelatedItem& y) {
                       return newer(articles_[x.article], articles_[y.article]);
                     });
  }
  return out;
}

std::string related_list_json(const RelatedRequest& request) {
  Errors errors;
  RankOptions options = related_options(request.limit, request.sort, request.days_new, &errors);
  int32_t minute = 0;
  if (!request.today.empty() && !parse_article_date(request.today, &options.today, &minute)) {
    options.today = Article::kNoDay;
  }
  Feed feed = parse_feed(request.feed, request.feed_url);
  JsonWriter out;
  out.begin_object();
  out.key("ok").value(feed.ok);
  out.key("items").begin_array();
  if (feed.ok) {
    options.feed_order = feed.ranked;
    CurrentArticle current;
    current.title = clean_text(request.title);
    current.keywords = split_keywords(request.keywords);
    current.column = clean_text(request.column);
    current.url = std::string(request.page_url);
    const Bm25Index index(feed.articles);
    RankScratch scratch;
    for (const RelatedItem& item : index.related(current, options, &scratch)) {
      const Article& a = feed.articles[item.article];
      out.begin_object();
      out.key("title").value(a.title);
      out.key("url").value(a.url);
      out.key("date").value(a.date);
      out.end_object();
    }
  }
  out.end_array();
  out.end_object();
  return out.take();
}

}  // namespace bm25
}  // namespace pw
