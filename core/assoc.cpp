#include "core/assoc.h"

#include <algorithm>
#include <cmath>

#include "core/rank.h"
#include "core/thesaurus.h"
#include "core/utf8.h"

namespace pw {
namespace {

constexpr size_t kMaxTermBytes = 64;
constexpr size_t kSentencesPerWindow = 3;
// At most this many terms of one context are paired (the rarest ones), so a
// long window costs a bounded number of pairs.
constexpr size_t kMaxTermsPerContext = 24;
// The linked terms of a small site are never cut below this document frequency.
constexpr size_t kMinCommonDf = 10;

bool is_sentence_end(uint32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' || cp == '?' ||
         cp == ';' || cp == '\n';
}

// Body text cut into windows of kSentencesPerWindow sentences.
std::vector<std::string> windows(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  size_t sentences = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = next_code_point(text, &i);
    current.append(text, start, i - start);
    if (is_sentence_end(cp) && ++sentences == kSentencesPerWindow) {
      out.push_back(std::move(current));
      current.clear();
      sentences = 0;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool share_a_character(const std::string& a, const std::string& b) {
  for (size_t i = 0; i < a.size();) {
    const size_t start = i;
    next_code_point(a, &i);
    if (b.find(a.substr(start, i - start)) != std::string::npos) return true;
  }
  return false;
}

// Runs work(0) … work(shards - 1): through the caller's runner when there is
// one (the CLI runs shards on threads; the core itself starts none).
void run_shards(const AssocOptions& options, unsigned shards, const std::function<void(unsigned)>& work) {
  if (shards > 1 && options.run_shards) {
    options.run_shards(shards, work);
    return;
  }
  for (unsigned s = 0; s < shards; ++s) work(s);
}

bool is_term_byte_ok(char c) { return c != '\t' && c != ' ' && c != '\n' && c != '\r'; }

}  // namespace

Associations learn_associations(const std::vector<Article>& articles, const AssocOptions& options) {
  const size_t n = articles.size();
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> terms;
  std::vector<uint32_t> df;
  // Each article's contexts as term ids: [0] title, keywords and summary, then body windows.
  std::vector<std::vector<std::vector<uint32_t>>> contexts(n);
  auto intern = [&](const std::string& token) {
    auto it = ids.find(token);
    if (it != ids.end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(terms.size());
    ids.emplace(token, id);
    terms.push_back(token);
    df.push_back(0);
    return id;
  };
  // Only terms a feed carries (titles, keywords, summaries) can meet in a
  // query or an article; body text adds evidence about them, no new terms.
  auto add_tokens = [&](std::string_view text, std::vector<uint32_t>* context) {
    for (const auto& t : ranking_tokens(text)) {
      if (t.size() >= 4 || (static_cast<unsigned char>(t[0]) >= 0x80)) context->push_back(intern(t));
    }
  };
  auto add_known = [&](std::string_view text, std::vector<uint32_t>* context) {
    for (const auto& t : ranking_tokens(text)) {
      const auto it = ids.find(t);
      if (it != ids.end()) context->push_back(it->second);
    }
  };
  for (size_t d = 0; d < n; ++d) {
    const Article& a = articles[d];
    contexts[d].emplace_back();
    auto& head = contexts[d].back();
    add_tokens(a.title, &head);
    for (const auto& k : a.keywords) add_tokens(k, &head);
    add_tokens(a.summary, &head);
  }
  // Body windows, article by article over the shards (the vocabulary is fixed now).
  const unsigned threads = std::max(1u, options.shards);  // shards
  auto read_bodies = [&](unsigned shard) {
    for (size_t d = shard; d < n; d += threads) {
      auto& list = contexts[d];
      for (const auto& w : windows(articles[d].text)) {
        list.emplace_back();
        add_known(w, &list.back());
        if (list.back().size() < 2) list.pop_back();
      }
      for (auto& context : list) {
        std::sort(context.begin(), context.end());
        context.erase(std::unique(context.begin(), context.end()), context.end());
      }
    }
  };
  run_shards(options, threads, read_bodies);
  std::vector<uint32_t> seen;
  for (size_t d = 0; d < n; ++d) {
    seen.clear();
    for (const auto& context : contexts[d]) seen.insert(seen.end(), context.begin(), context.end());
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (uint32_t id : seen) ++df[id];
  }
  // Linkable terms: in at least min_count articles, and not in a large share of them.
  const size_t max_df = std::max(static_cast<size_t>(static_cast<double>(n) * options.common_fraction),
                                 std::min(kMinCommonDf, n / 2));
  std::vector<uint32_t> context_count(terms.size(), 0);
  size_t total = 0;
  for (auto& list : contexts) {
    for (auto& context : list) {
      context.erase(std::remove_if(context.begin(), context.end(),
                                   [&](uint32_t id) {
                                     return df[id] < options.min_count || df[id] > max_df;
                                   }),
                    context.end());
      if (context.size() > kMaxTermsPerContext) {
        // The rarest terms say most about the context; ties by id (deterministic).
        std::sort(context.begin(), context.end(), [&](uint32_t x, uint32_t y) {
          return df[x] != df[y] ? df[x] < df[y] : x < y;
        });
        context.resize(kMaxTermsPerContext);
        std::sort(context.begin(), context.end());
      }
      for (uint32_t id : context) ++context_count[id];
      ++total;
    }
  }
  // Pair counts, term by term: for term a, every context holding it adds one
  // to each later term b of that context, in a dense array (no hash map: at
  // 100,000 articles with bodies that held hundreds of millions of pairs).
  // The contexts of each term come from an index (term → contexts), and the
  // terms are split over the shards by id, each shard keeping its links.
  std::vector<const std::vector<uint32_t>*> all;
  std::vector<uint32_t> starts(terms.size() + 1, 0);
  for (const auto& list : contexts) {
    for (const auto& context : list) {
      if (context.size() < 2) continue;
      all.push_back(&context);
      for (uint32_t id : context) ++starts[id + 1];
    }
  }
  for (size_t t = 0; t < terms.size(); ++t) starts[t + 1] += starts[t];
  std::vector<uint32_t> holding(starts.back());
  {
    std::vector<uint32_t> fill(starts.begin(), starts.end() - 1);
    for (size_t c = 0; c < all.size(); ++c) {
      for (uint32_t id : *all[c]) holding[fill[id]++] = static_cast<uint32_t>(c);
    }
  }
  struct Link {
    uint32_t from, to;
    float strength;
  };
  const double u = static_cast<double>(total);
  std::vector<std::vector<Link>> shard_links(threads);
  auto count = [&](unsigned shard) {
    std::vector<uint32_t> together(terms.size(), 0);
    std::vector<uint32_t> partners;
    auto& out = shard_links[shard];
    for (uint32_t a = shard; a < terms.size(); a += threads) {
      for (uint32_t k = starts[a]; k < starts[a + 1]; ++k) {
        const std::vector<uint32_t>& context = *all[holding[k]];
        // Contexts are sorted: the later terms follow a.
        for (auto it = std::upper_bound(context.begin(), context.end(), a); it != context.end(); ++it) {
          if (together[*it]++ == 0) partners.push_back(*it);
        }
      }
      for (const uint32_t b : partners) {
        const uint32_t both = together[b];
        together[b] = 0;
        if (both < options.min_count) continue;
        const double pab = both / u;
        if (pab >= 1.0) continue;
        const double pmi = std::log(pab * u * u / (static_cast<double>(context_count[a]) * context_count[b]));
        const float npmi = static_cast<float>(pmi / -std::log(pab));
        if (npmi < options.min_strength || share_a_character(terms[a], terms[b])) continue;
        out.push_back(Link{a, b, npmi});
        out.push_back(Link{b, a, npmi});
      }
      partners.clear();
    }
  };
  run_shards(options, threads, count);
  std::vector<Link> links;
  for (auto& list : shard_links) {
    links.insert(links.end(), list.begin(), list.end());
    std::vector<Link>().swap(list);
  }
  std::sort(links.begin(), links.end(), [&](const Link& x, const Link& y) {
    if (x.from != y.from) return x.from < y.from;
    if (x.strength != y.strength) return x.strength > y.strength;
    return terms[x.to] < terms[y.to];
  });
  // Per term its strongest max_links partners; then, so the table stays small
  // beside its feed, the strongest links overall within max_bytes_per_article
  // bytes per article of text (a link costs its partner, a tab, a space and
  // the weight; a term's line its term and a line break).
  std::vector<Link> kept;
  for (size_t k = 0; k < links.size();) {
    const uint32_t from = links[k].from;
    for (size_t taken = 0; k < links.size() && links[k].from == from; ++k) {
      if (taken++ < options.max_links) kept.push_back(links[k]);
    }
  }
  std::sort(kept.begin(), kept.end(), [&](const Link& x, const Link& y) {
    if (x.strength != y.strength) return x.strength > y.strength;
    if (x.from != y.from) return terms[x.from] < terms[y.from];
    return terms[x.to] < terms[y.to];
  });
  const size_t budget = options.max_bytes_per_article * n;
  size_t bytes = 0;
  Associations out;
  // Per term id the groups it is a member of: (group, its weight there).
  std::vector<std::vector<std::pair<uint32_t, float>>> member_of(terms.size());
  if (options.thesaurus != nullptr) {
    // Each domain's bigrams, and per bigram how many domains list it.
    const auto& domains = options.thesaurus->domains;
    std::vector<std::vector<std::string>> domain_tokens(domains.size());
    std::unordered_map<std::string, uint32_t> domain_count;
    for (size_t d = 0; d < domains.size(); ++d) {
      auto& tokens = domain_tokens[d];
      for (const auto& term : domains[d].terms) {
        for (auto& t : ranking_tokens(term)) tokens.push_back(std::move(t));
      }
      std::sort(tokens.begin(), tokens.end());
      tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
      for (const auto& t : tokens) ++domain_count[t];
    }
    const size_t max_thesaurus_df =
        std::max(static_cast<size_t>(static_cast<double>(n) * options.thesaurus_common_fraction),
                 std::min(kMinCommonDf, n / 2));
    struct Member {
      uint32_t group, term;
      float weight;
    };
    std::vector<Member> members;
    std::vector<size_t> present(domains.size(), 0);
    for (size_t d = 0; d < domains.size(); ++d) {
      for (const auto& t : domain_tokens[d]) {
        const auto it = ids.find(t);
        if (it == ids.end() || df[it->second] == 0 || df[it->second] > max_thesaurus_df) continue;
        const double weight = std::sqrt(options.thesaurus_weight) / static_cast<double>(domain_count[t]);
        members.push_back(Member{static_cast<uint32_t>(d), it->second, static_cast<float>(weight)});
        ++present[d];
      }
    }
    // Within the budget: the strongest members first, then those more
    // articles use; a group's line costs its name, and each member its term,
    // a tab, a space and the weight.
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [&](const Member& m) { return present[m.group] < 2; }),
                  members.end());
    std::sort(members.begin(), members.end(), [&](const Member& x, const Member& y) {
      if (x.weight != y.weight) return x.weight > y.weight;
      if (df[x.term] != df[y.term]) return df[x.term] > df[y.term];
      if (x.group != y.group) return x.group < y.group;
      return terms[x.term] < terms[y.term];
    });
    std::vector<size_t> kept_members(domains.size(), 0);
    std::vector<Member> chosen;
    for (const Member& m : members) {
      const size_t cost = terms[m.term].size() + 5 + (kept_members[m.group] == 0 ? domains[m.group].name.size() + 2 : 0);
      if (bytes + cost > budget) continue;
      bytes += cost;
      ++kept_members[m.group];
      chosen.push_back(m);
    }
    for (const Member& m : chosen) {
      if (kept_members[m.group] < 2) continue;  // a group of one links nothing
      const std::string name = kGroupMark + domains[m.group].name;
      out.links[name].emplace_back(terms[m.term], m.weight);
      out.links[terms[m.term]].emplace_back(name, m.weight);
      member_of[m.term].emplace_back(m.group, m.weight);
    }
    bytes = write_associations(out).size() - 11;  // without the header
  }
  // How strongly the groups already link two terms.
  auto group_link = [&](uint32_t a, uint32_t b) {
    float best = 0;
    for (const auto& x : member_of[a]) {
      for (const auto& y : member_of[b]) {
        if (x.first == y.first) best = std::max(best, x.second * y.second);
      }
    }
    return best;
  };
  std::vector<uint8_t> has_line(terms.size(), 0);
  for (const Link& link : kept) {
    if (group_link(link.from, link.to) >= link.strength) continue;
    const size_t cost = terms[link.to].size() + 5 + (has_line[link.from] ? 0 : terms[link.from].size() + 1);
    if (bytes + cost > budget) continue;
    bytes += cost;
    has_line[link.from] = 1;
    out.links[terms[link.from]].emplace_back(terms[link.to], link.strength);
  }
  return out;
}

std::string write_associations(const Associations& associations) {
  std::vector<const std::string*> keys;
  for (const auto& entry : associations.links) keys.push_back(&entry.first);
  std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  std::string out = "pw-assoc 1\n";
  for (const std::string* key : keys) {
    const auto& partners = associations.links.at(*key);
    // A term's links to its groups are implied by the groups' lines.
    const bool group = (*key)[0] == kGroupMark;
    if (std::none_of(partners.begin(), partners.end(),
                     [&](const auto& p) { return group || p.first[0] != kGroupMark; })) {
      continue;
    }
    out += *key;
    for (const auto& p : partners) {
      if (!group && p.first[0] == kGroupMark) continue;
      const long percent = std::lround(p.second * 100.0f);
      out += '\t';
      out += p.first;
      out += ' ';
      out += decimal(std::min(100L, std::max(1L, percent)));
    }
    out += '\n';
  }
  return out;
}

bool parse_associations(std::string_view text, Associations* out, Error* error,
                        size_t max_bytes) {
  out->links.clear();
  auto fail = [&](size_t line, const std::string& what) {
    out->links.clear();
    *error = Error{"pw.related.bad_assoc", "assoc",
                   (line ? "line " + decimal(line) + " of the association table: " : "the association table: ") +
                       what + "; the list is ranked without it"};
    return false;
  };
  if (text.size() > max_bytes) {
    return fail(0, "is " + decimal(text.size()) + " bytes; expected at most " + decimal(max_bytes));
  }
  if (!is_valid_utf8(text)) return fail(0, "is not UTF-8; expected the text pw-related --assoc writes");
  auto valid_term = [](std::string_view term) {
    if (term.empty() || term.size() > kMaxTermBytes) return false;
    return std::all_of(term.begin(), term.end(), [](char c) {
      return is_term_byte_ok(c) && static_cast<unsigned char>(c) >= 0x20;
    });
  };
  size_t line_no = 0;
  std::vector<std::string> groups;
  for (size_t at = 0; at < text.size();) {
    std::string_view line = next_line(text, &at);
    ++line_no;
    if (line_no == 1) {
      if (line != "pw-assoc 1") {
        return fail(1, "starts with " + excerpt(line, 20) + "; expected the header \"pw-assoc 1\"");
      }
      continue;
    }
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    const std::string_view term = line.substr(0, tab);
    if (!valid_term(term) || term == std::string_view(&kGroupMark, 1)) {
      return fail(line_no, "has no valid term before its first tab; expected a term of 1–64 bytes without spaces");
    }
    if (tab == std::string_view::npos) {
      return fail(line_no, "has no partners; expected tab-separated \"term weight\" pairs");
    }
    std::vector<std::pair<std::string, float>> partners;
    while (tab != std::string_view::npos) {
      const size_t next = line.find('\t', tab + 1);
      const std::string_view field = line.substr(tab + 1, next == std::string_view::npos ? std::string_view::npos : next - tab - 1);
      tab = next;
      const size_t space = field.rfind(' ');
      const std::string_view partner = space == std::string_view::npos ? field : field.substr(0, space);
      const std::string_view weight = space == std::string_view::npos ? std::string_view() : field.substr(space + 1);
      int value = 0;
      bool digits = !weight.empty() && weight.size() <= 3;
      for (char c : weight) {
        if (c < '0' || c > '9') digits = false;
        else value = value * 10 + (c - '0');
      }
      if (!valid_term(partner) || partner[0] == kGroupMark || !digits || value < 1 || value > 100) {
        return fail(line_no, "has " + excerpt(field) + "; expected a term, a space and a whole-percent weight 1–100");
      }
      partners.emplace_back(std::string(partner), static_cast<float>(value) / 100.0f);
    }
    if (!out->links.emplace(std::string(term), std::move(partners)).second) {
      return fail(line_no, "repeats the term " + excerpt(term) + "; expected each term once");
    }
    if (term[0] == kGroupMark) groups.emplace_back(term);
  }
  // Each member links to its groups (references to the groups' own lists
  // survive the insertions).
  for (const std::string& group : groups) {
    for (const auto& member : out->links[group]) out->links[member.first].emplace_back(group, member.second);
  }
  if (line_no == 0) return fail(0, "is empty; expected the header \"pw-assoc 1\"");
  return true;
}

}  // namespace pw
