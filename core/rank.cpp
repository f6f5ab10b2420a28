#include "core/rank.h"

#include <algorithm>
#include <cmath>

#include "core/tokenize.h"
#include "core/url.h"
#include "core/utf8.h"

namespace pw {
namespace {

constexpr size_t kMaxLimit = 100;
constexpr size_t kMinDocsForStopTerms = 20;
// The common-term cut-off never skips a term found in this many articles or
// fewer (nor, below 400 articles, one in at most half of them): a site-wide
// fraction such as the CLI's 0.02 would otherwise leave a small site with no
// shared term at all (60 articles × 0.02 = 1: every term in two articles cut).
constexpr size_t kMinStopDf = 200;
// Field weights relative to the title (tuned on tests/bench/relevance/tune.txt).
constexpr float kSummaryWeight = 0.4f;
constexpr float kKeywordWeight = 3.0f;  // × the keyword's informativeness (0–1)
constexpr float kColumnWeight = 0.5f;
// Single Han characters count too, at this fraction (渔船 ~ 休渔 ~ 渔民 share 渔).
constexpr float kCharacterWeight = 0.5f;
// An associated term enters the query at this fraction of its link's weight;
// another member of a query term's group (a thesaurus domain) at this multiple
// of the product of their weights (tuned on tune.txt with the CLI's thesaurus:
// 0.5 gave precision@5 0.697, 1.0 0.755, 1.5 0.766, 2.0 0.766).
constexpr float kAssociationWeight = 0.5f;
constexpr float kGroupWeight = 1.5f;
// Neighbour smoothing: the query's best `kNeighbours` matches each add their
// own best `kNeighbourMatches` matches at kNeighbourWeight × the product of
// the two cosines.
constexpr size_t kNeighbours = 5;
constexpr size_t kNeighbourMatches = 20;
constexpr float kNeighbourWeight = 1.0f;

// The key of a single Han character in the term table: a control character
// first, so it never collides with a token of tokenize() (which gives a lone
// character as its own token too, with another weight and role). One table for
// both keeps one hash map instantiation in the wasm.
std::string character_key(uint32_t cp) {
  std::string key = "\x02";
  append_utf8(key, cp);
  return key;
}

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

bool is_digit_like(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x2160 && cp <= 0x217F);  // digits, Roman numerals
}

// Units, counters and date words that follow a number ("2024年", "12.6万人次").
bool is_number_suffix(uint32_t cp) {
  static const char32_t kSuffixes[] = U"年月日号级时点分秒期批届次个名人位户家条座项处件元万亿千百岁天周亩尾辆艘部株%％.．·多余";
  for (char32_t s : kSuffixes) {
    if (s && s == cp) return true;
  }
  return false;
}

// 〔〕 【】 [] () （） frames: true when what they hold is only digits and separators.
bool frame_close(uint32_t open, uint32_t* close) {
  switch (open) {
    case 0x3014: *close = 0x3015; return true;  // 〔〕
    case 0x3010: *close = 0x3011; return true;  // 【】
    case '[': *close = ']'; return true;
    case '(': *close = ')'; return true;
    default: return false;
  }
}

// How informative a keyword (or column) carried by `df` of `n` articles is:
// 1 for one carried by a single article, falling to 0 for one on every article.
float informativeness(size_t df, size_t n) {
  if (n < 2 || df <= 1) return 1.0f;
  return std::max(0.0f, static_cast<float>(std::log(static_cast<double>(n) / df) /
                                           std::log(static_cast<double>(n))));
}

// An order of article indices (or of positions in a list), for sort_indices.
struct IndexOrder {
  bool (*before)(const void* context, uint32_t x, uint32_t y);  // a strict total order
  const void* context;
  bool operator()(uint32_t x, uint32_t y) const { return before(context, x, y); }
};

// Sorts `items` by `order`. Every order of indices in this file goes through
// here, so the related module holds one std::sort instantiation for all of
// them instead of one per comparator (about 1.7 KB of wasm each). The orders
// are strict and total (ties end in an index), so the result is the one
// order any sort gives.
void sort_indices(std::vector<uint32_t>* items, IndexOrder order) {
  std::sort(items->begin(), items->end(), order);
}

// The `count` first of `items` by `order`, in that order: insertion into a
// short sorted list (count is small next to the items; most items are
// compared once, with the last of the list).
std::vector<uint32_t> first_of(const std::vector<uint32_t>& items, size_t count, IndexOrder order) {
  std::vector<uint32_t> out;
  for (const uint32_t x : items) {
    size_t at = out.size();
    while (at > 0 && order(x, out[at - 1])) --at;
    if (at >= count) continue;
    if (out.size() < count) out.push_back(x);
    for (size_t k = out.size() - 1; k > at; --k) out[k] = out[k - 1];
    out[at] = x;
  }
  return out;
}

// Newer first, undated last; then by index.
bool newer_or_first(const Article& a, uint32_t x, const Article& b, uint32_t y) {
  if (a.day != b.day || a.minute != b.minute) return newer(a, b);
  return x < y;
}

}  // namespace

std::string ranking_text(std::string_view text) {
  // Most text has nothing to drop: no digit (ASCII or full-width), Roman
  // numeral or frame. Checked on the bytes (this runs over whole site bodies).
  bool plain = true;
  for (size_t i = 0; i < text.size() && plain; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      plain = !((c >= '0' && c <= '9') || c == '[' || c == '(');
    } else if (i + 2 < text.size() && (c == 0xE2 || c == 0xE3 || c == 0xEF)) {
      const unsigned char b = static_cast<unsigned char>(text[i + 1]);
      const unsigned char d = static_cast<unsigned char>(text[i + 2]);
      plain = !((c == 0xE2 && b == 0x85 && d >= 0xA0) ||              // U+2160–217F Ⅰ…
                (c == 0xE2 && b == 0x86 && d <= 0x8F) ||
                (c == 0xE3 && b == 0x80 && (d == 0x94 || d == 0x90)) ||  // 〔 【
                (c == 0xEF && b == 0xBC && ((d >= 0x90 && d <= 0x99) || d == 0x88 || d == 0xBB)));  // ０–９ （ ［
    }
  }
  if (plain) return std::string(text);
  std::vector<uint32_t> cps;
  cps.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    uint32_t cp = next_code_point(text, &i);
    if (cp == kReplacementChar && i - start != 3) cp = ' ';
    cps.push_back(fold_code_point(cp));
  }
  std::string out;
  out.reserve(text.size());
  const size_t n = cps.size();
  for (size_t k = 0; k < n;) {
    uint32_t close = 0;
    if (frame_close(cps[k], &close)) {
      // A frame holding only a number ("〔2024〕", "[2025]") is a document number's year.
      size_t j = k + 1;
      bool numeric = false;
      while (j < n && cps[j] != close && (is_digit_like(cps[j]) || cps[j] == ' ')) {
        numeric = numeric || is_digit_like(cps[j]);
        ++j;
      }
      if (numeric && j < n && cps[j] == close) {
        out += ' ';
        k = j + 1;
        while (k < n && is_number_suffix(cps[k])) ++k;
        continue;
      }
    }
    if (is_digit_like(cps[k]) || (cps[k] == 0x7B2C /* 第 */ && k + 1 < n && is_digit_like(cps[k + 1]))) {
      if (cps[k] == 0x7B2C) ++k;
      while (k < n && (is_digit_like(cps[k]) || ((cps[k] == '.' || cps[k] == ',') && k + 1 < n &&
                                                 is_digit_like(cps[k + 1])))) {
        ++k;
      }
      for (int units = 0; units < 3 && k < n && is_number_suffix(cps[k]); ++units) ++k;
      out += ' ';
      continue;
    }
    append_utf8(out, cps[k]);
    ++k;
  }
  return out;
}

std::vector<std::string> ranking_tokens(std::string_view text) {
  return tokenize(ranking_text(text));
}

bool parse_sort_order(std::string_view text, SortOrder* out) {
  const std::string value = ascii_lower(trim(text));
  if (value == "relevance") {
    *out = SortOrder::kRelevance;
  } else if (value == "date") {
    *out = SortOrder::kDate;
  } else {
    return false;
  }
  return true;
}

std::vector<std::string> split_keywords(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = next_code_point(text, &i);
    const bool separator = is_space(cp) || cp == ',' || cp == ';' || cp == 0xFF0C ||
                           cp == 0xFF1B || cp == 0x3001;
    if (separator) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.append(text.substr(start, i - start));
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

namespace {

// The weighted terms of an article (title, keywords, column, summary), before
// idf: `add(token, weight)` for words, bigrams and the column, `add_character(cp,
// weight)` for the title's single Han characters.
template <typename KeywordInfo, typename Add, typename AddCharacter>
void article_terms(const std::string& title, const std::vector<std::string>& keywords,
                   const std::string& column, const std::string& summary,
                   const KeywordInfo& keyword_info, const Add& add,
                   const AddCharacter& add_character) {
  const std::string normal = ranking_text(title);
  for (const auto& t : tokenize(normal)) add(t, 1.0f);
  for (size_t i = 0; i < normal.size();) {
    const uint32_t cp = next_code_point(normal, &i);
    if (is_han(cp)) add_character(cp, kCharacterWeight);
  }
  for (const auto& keyword : keywords) {
    const std::string key = match_key(keyword);
    if (key.empty()) continue;
    const float weight = kKeywordWeight * keyword_info(key);
    if (weight <= 0.0f) continue;
    for (const auto& t : ranking_tokens(keyword)) add(t, weight);
  }
  const std::string col = column_token(column);
  if (!col.empty()) {
    const float weight = kColumnWeight * keyword_info(col);
    if (weight > 0.0f) add(col, weight);
  }
  // Summaries as written (numbers in them rarely decide a topic; normalising
  // every summary would cost more than it finds).
  for (const auto& t : tokenize(summary)) add(t, kSummaryWeight);
}

}  // namespace

RelatedIndex::RelatedIndex(const std::vector<Article>& articles, double common_fraction,
                           const Associations* associations)
    : articles_(articles), associations_(associations) {
  // A term's id, new ones getting the next posting list (find first: emplace
  // would build a node for every occurrence).
  const auto term_id = [&](auto* ids, const auto& key) {
    const auto it = ids->find(key);
    if (it != ids->end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(postings_.size());
    ids->emplace(key, id);
    postings_.emplace_back();
    return id;
  };
  const size_t n = articles.size();
  identity_.reserve(n);
  title_key_.reserve(n);
  // Keyword and column document frequencies: how informative each one is here.
  for (const Article& a : articles) {
    // Each key once per article. An article has a few keywords: a linear
    // check, which also keeps a string sort out of the related module.
    std::vector<std::string> keys;
    for (const auto& keyword : a.keywords) keys.push_back(match_key(keyword));
    keys.push_back(column_token(a.column));
    for (size_t k = 0; k < keys.size(); ++k) {
      if (keys[k].empty() || std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys[k]) !=
                                 keys.begin() + static_cast<std::ptrdiff_t>(k)) {
        continue;
      }
      ++keyword_df_[keys[k]];
    }
  }
  const auto keyword_info = [&](const std::string& key) {
    const auto it = keyword_df_.find(key);
    return informativeness(it == keyword_df_.end() ? 0 : it->second, n);
  };
  std::vector<std::pair<uint32_t, float>> doc_terms;
  std::vector<uint32_t> character_terms;  // ids of single-character terms
  for (size_t d = 0; d < n; ++d) {
    const Article& a = articles[d];
    identity_.push_back(url_identity(a.url));
    title_key_.push_back(match_key(a.title));
    doc_terms.clear();
    article_terms(
        a.title, a.keywords, a.column, a.summary, keyword_info,
        [&](const std::string& token, float weight) { doc_terms.emplace_back(term_id(&term_ids_, token), weight); },
        [&](uint32_t cp, float weight) {
          const size_t before = postings_.size();
          const uint32_t id = term_id(&term_ids_, character_key(cp));
          if (postings_.size() != before) character_terms.push_back(id);
          doc_terms.emplace_back(id, weight);
        });
    std::sort(doc_terms.begin(), doc_terms.end());
    for (size_t k = 0; k < doc_terms.size();) {
      const uint32_t id = doc_terms[k].first;
      float tf = 0;
      for (; k < doc_terms.size() && doc_terms[k].first == id; ++k) tf += doc_terms[k].second;
      postings_[id].push_back(Posting{static_cast<uint32_t>(d), tf});
    }
  }
  vectors_.resize(n);
  idf_.resize(postings_.size());
  is_character_.assign(postings_.size(), 0);
  for (const uint32_t id : character_terms) is_character_[id] = 1;
  for (size_t t = 0; t < postings_.size(); ++t) {
    idf_[t] = static_cast<float>(
        std::log(1.0 + static_cast<double>(n) / static_cast<double>(postings_[t].size())));
  }
  // Weights: tf × idf, divided by each article's vector length (cosine).
  std::vector<float> length(n, 0.0f);
  for (size_t t = 0; t < postings_.size(); ++t) {
    for (Posting& p : postings_[t]) {
      p.weight *= idf_[t];
      length[p.doc] += p.weight * p.weight;
    }
  }
  for (size_t t = 0; t < postings_.size(); ++t) {
    for (Posting& p : postings_[t]) {
      p.weight /= std::sqrt(length[p.doc]);
      vectors_[p.doc].emplace_back(static_cast<uint32_t>(t), p.weight);
    }
  }
  common_fraction = std::min(1.0, std::max(0.0, common_fraction));
  stop_df_ = n >= kMinDocsForStopTerms
                 ? std::max(static_cast<size_t>(static_cast<double>(n) * common_fraction),
                            std::min(kMinStopDf, n / 2))
                 : n;
  by_date_.resize(n);
  for (size_t d = 0; d < n; ++d) by_date_[d] = static_cast<uint32_t>(d);
  sort_indices(&by_date_, IndexOrder{[](const void* context, uint32_t x, uint32_t y) {
                                      const auto& all = *static_cast<const std::vector<Article>*>(context);
                                      return newer_or_first(all[x], x, all[y], y);
                                    },
                                    &articles});
}

std::vector<std::pair<uint32_t, float>> RelatedIndex::query_vector(
    const std::string& title, const std::vector<std::string>& keywords,
    const std::string& column) const {
  const size_t n = articles_.size();
  const auto keyword_info = [&](const std::string& key) {
    const auto it = keyword_df_.find(key);
    return informativeness(it == keyword_df_.end() ? 0 : it->second, n);
  };
  // Term weights by token first (expansions may name terms the feed lacks).
  std::vector<std::pair<std::string, float>> terms;
  std::vector<std::pair<uint32_t, float>> query;
  article_terms(
      title, keywords, column, std::string(), keyword_info,
      [&](const std::string& token, float weight) { terms.emplace_back(token, weight); },
      [&](uint32_t cp, float weight) {
        const auto it = term_ids_.find(character_key(cp));
        if (it != term_ids_.end()) query.emplace_back(it->second, weight * idf_[it->second]);
      });
  auto add = [&](const std::string& token, float weight) {
    const auto it = term_ids_.find(token);
    if (it != term_ids_.end()) query.emplace_back(it->second, weight * idf_[it->second]);
  };
  for (const auto& t : terms) add(t.first, t.second);
  if (associations_ != nullptr) {
    // Each partner the feed has once, at its strongest link from any query
    // term: sorted by term id, the last of a run of one id is its largest.
    std::vector<std::pair<uint32_t, float>> expansion;
    const auto expand = [&](const std::string& partner, float weight) {
      const auto term = term_ids_.find(partner);
      if (term != term_ids_.end()) expansion.emplace_back(term->second, weight);
    };
    for (const auto& t : terms) {
      const auto it = associations_->links.find(t.first);
      if (it == associations_->links.end()) continue;
      const float w = std::min(1.0f, t.second);
      for (const auto& link : it->second) {
        if (link.first[0] != kGroupMark) {
          expand(link.first, kAssociationWeight * link.second * w);
          continue;
        }
        // A group (assoc.h): its other members, at the product of the two weights.
        const auto group = associations_->links.find(link.first);
        if (group == associations_->links.end()) continue;
        for (const auto& member : group->second) {
          if (member.first != t.first) expand(member.first, kGroupWeight * link.second * member.second * w);
        }
      }
    }
    std::sort(expansion.begin(), expansion.end());
    for (size_t k = 0; k < expansion.size(); ++k) {
      if (k + 1 == expansion.size() || expansion[k + 1].first != expansion[k].first) {
        query.emplace_back(expansion[k].first, expansion[k].second * idf_[expansion[k].first]);
      }
    }
  }
  // Summed per term, in term-id order so float sums are reproducible.
  std::sort(query.begin(), query.end());
  size_t out = 0;
  for (size_t k = 0; k < query.size();) {
    const uint32_t id = query[k].first;
    float w = 0;
    for (; k < query.size() && query[k].first == id; ++k) w += query[k].second;
    query[out++] = {id, w};
  }
  query.resize(out);
  return query;
}

std::vector<RelatedItem> RelatedIndex::related(const CurrentArticle& current,
                                               const RankOptions& options,
                                               RankScratch* scratch) const {
  std::string identity;
  if (!current.url.empty()) identity = url_identity(current.url);
  return rank(query_vector(current.title, current.keywords, current.column), identity,
              match_key(current.title), SIZE_MAX, options, scratch);
}

std::vector<RelatedItem> RelatedIndex::related_to(size_t self, const RankOptions& options,
                                                  RankScratch* scratch) const {
  const Article& a = articles_[self];
  return rank(query_vector(a.title, a.keywords, a.column), identity_[self], title_key_[self],
              self, options, scratch);
}

void RelatedIndex::accumulate(const std::vector<std::pair<uint32_t, float>>& query,
                              std::vector<float>* scores, std::vector<uint32_t>* touched) const {
  // Words and bigrams first: they decide which articles are related at all.
  // Single characters then only refine the order among those (a shared 开 or
  // 县 alone relates nothing).
  for (const bool characters : {false, true}) {
    for (const auto& term : query) {
      if ((is_character_[term.first] != 0) != characters) continue;
      const auto& list = postings_[term.first];
      if (list.size() > stop_df_) continue;
      for (const Posting& p : list) {
        if ((*scores)[p.doc] == 0.0f) {
          if (characters) continue;
          touched->push_back(p.doc);
        }
        (*scores)[p.doc] += term.second * p.weight;
      }
    }
  }
}

namespace {

// (article, score) pairs, best first: the type the query vectors use too, so
// the neighbour pass adds no vector instantiation to the related module.
using Scored = std::pair<uint32_t, float>;

// The `count` best of `docs` by `scores` (higher first, ties by feed order),
// leaving out `skip(doc)`. `count` is small (the neighbours, their matches):
// insertion into a short sorted list, no sort instantiation of its own.
template <typename Skip>
std::vector<Scored> best_of(const std::vector<uint32_t>& docs, const std::vector<float>& scores,
                            size_t count, const Skip& skip) {
  std::vector<Scored> out;
  for (const uint32_t d : docs) {
    if (skip(d)) continue;
    const float score = scores[d];
    size_t at = out.size();
    while (at > 0 && (out[at - 1].second < score ||
                      (out[at - 1].second == score && out[at - 1].first > d))) {
      --at;
    }
    if (at >= count) continue;
    if (out.size() < count) out.emplace_back(d, score);
    for (size_t k = out.size() - 1; k > at; --k) out[k] = out[k - 1];
    out[at] = Scored(d, score);
  }
  return out;
}

}  // namespace

std::vector<std::pair<uint32_t, float>> RelatedIndex::own_matches(size_t d,
                                                                 RankScratch* scratch) const {
  std::vector<float>& row = scratch->row;
  if (row.size() != articles_.size()) row.assign(articles_.size(), 0.0f);
  scratch->row_touched.clear();
  accumulate(vectors_[d], &row, &scratch->row_touched);
  std::vector<Scored> best =
      best_of(scratch->row_touched, row, kNeighbourMatches, [&](uint32_t x) { return x == d; });
  for (const uint32_t x : scratch->row_touched) row[x] = 0.0f;
  return best;
}

void RelatedIndex::use_own_matches(std::vector<std::vector<std::pair<uint32_t, float>>> rows) {
  own_matches_ = rows.size() == articles_.size() ? std::move(rows) : decltype(rows)();
}

template <typename Excluded>
void RelatedIndex::smooth_by_neighbours(const Excluded& excluded, RankScratch* scratch) const {
  std::vector<float>& scores = scratch->scores;
  // The neighbours and their first-pass scores, before any is added to.
  const std::vector<Scored> neighbours = best_of(scratch->touched, scores, kNeighbours, excluded);
  std::vector<std::pair<uint32_t, float>> computed;
  for (const Scored& m : neighbours) {
    if (own_matches_.empty()) computed = own_matches(m.first, scratch);
    for (const auto& x : own_matches_.empty() ? computed : own_matches_[m.first]) {
      if (scores[x.first] == 0.0f) scratch->touched.push_back(x.first);
      scores[x.first] += kNeighbourWeight * m.second * x.second;
    }
  }
}

std::vector<RelatedItem> RelatedIndex::rank(const std::vector<std::pair<uint32_t, float>>& query_in,
                                            const std::string& exclude_identity,
                                            const std::string& exclude_title_key,
                                            size_t exclude_doc, const RankOptions& options,
                                            RankScratch* scratch) const {
  const size_t n = articles_.size();
  std::vector<float>& scores = scratch->scores;
  std::vector<uint32_t>& touched = scratch->touched;
  if (scores.size() != n) scores.assign(n, 0.0f);
  touched.clear();

  auto excluded = [&](size_t d) {
    return d == exclude_doc || (!exclude_identity.empty() && identity_[d] == exclude_identity) ||
           (!exclude_title_key.empty() && title_key_[d] == exclude_title_key);
  };
  if (!options.feed_order) {
    accumulate(query_in, &scores, &touched);
    smooth_by_neighbours(excluded, scratch);
  }
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
    item.parts.relevance = static_cast<double>(scores[d]);
    item.parts.recency = static_cast<double>(recency(options.today, articles_[d].day));
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

  // Candidates best first: score, then newer date, then feed order.
  struct Candidates {
    const std::vector<Article>* articles;
    std::vector<uint32_t> docs;
    std::vector<double> score;  // by position in docs
  } candidates{&articles_, {}, {}};
  std::vector<uint32_t> order;  // positions in candidates.docs
  for (uint32_t d : touched) {
    if (excluded(d)) continue;
    order.push_back(static_cast<uint32_t>(candidates.docs.size()));
    candidates.docs.push_back(d);
    candidates.score.push_back(final_score(d));
  }
  const IndexOrder better{[](const void* context, uint32_t x, uint32_t y) {
                            const auto& c = *static_cast<const Candidates*>(context);
                            if (c.score[x] != c.score[y]) return c.score[x] > c.score[y];
                            const uint32_t dx = c.docs[x], dy = c.docs[y];
                            return newer_or_first((*c.articles)[dx], dx, (*c.articles)[dy], dy);
                          },
                          &candidates};
  // Usually only the first few candidates are needed; all are sorted only
  // if duplicates used those up.
  const std::vector<uint32_t> first = first_of(order, limit * 4 + 16, better);
  for (size_t k = 0; k < first.size() && out.size() < limit; ++k) {
    add(candidates.docs[first[k]], candidates.score[first[k]]);
  }
  if (out.size() < limit && first.size() < order.size()) {
    sort_indices(&order, better);
    for (size_t k = first.size(); k < order.size() && out.size() < limit; ++k) {
      add(candidates.docs[order[k]], candidates.score[order[k]]);
    }
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
    // Same dates keep their relevance order (the position tie-break makes sort stable).
    struct Items {
      const std::vector<Article>* articles;
      const RelatedItem* items;
    } items{&articles_, out.data()};
    std::vector<uint32_t> by_date;  // positions in out
    for (size_t k = pinned_count; k < out.size(); ++k) by_date.push_back(static_cast<uint32_t>(k));
    sort_indices(&by_date, IndexOrder{[](const void* context, uint32_t x, uint32_t y) {
                                        const auto& it = *static_cast<const Items*>(context);
                                        return newer_or_first((*it.articles)[it.items[x].article], x,
                                                              (*it.articles)[it.items[y].article], y);
                                      },
                                      &items});
    std::vector<RelatedItem> ranked(out.begin(), out.end());
    for (size_t k = 0; k < by_date.size(); ++k) out[pinned_count + k] = ranked[by_date[k]];
  }
  return out;
}

}  // namespace pw
