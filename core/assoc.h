// Term associations learned from a whole site: which terms of one topic occur
// together although they share no characters (台风 ↔ 三防 ↔ 防汛, 渔船 ↔ 避风).
//
// The CLI sees every article of a site, so it counts, over "contexts" (one per
// article for its title, keywords and summary, and one per window of three
// sentences of its body text), how often two informative terms occur in the
// same context, and keeps for each term its strongest partners by normalised
// pointwise mutual information, NPMI = ln(p(a,b) / (p(a) p(b))) / -ln p(a,b),
// which is 1 for terms that always occur together and 0 for independent ones.
// Only terms of titles, keywords and summaries are linked (body text is
// evidence, not vocabulary: a feed carries no bodies). Terms that share a
// character are not linked (they already match), a pair must occur together
// in at least `min_count` contexts, and the table keeps the strongest links
// within max_bytes_per_article bytes per article (about 40 KB per 1,000).
//
// With a thesaurus (thesaurus.h) the terms of each of its domains that the
// site uses form a group: every member is associated with every other one, as
// if they had occurred together. A group is a hub: its members link to it and
// it links to its members, and a link through it carries the product of the
// two members' weights (so a group of k terms costs k entries, not k²).
//
// The table travels as text, one term or group a line (written by
// `pw-related --assoc`, read by <pw-related assoc>):
//   pw-assoc 1
//   台风<TAB>三防 62<TAB>防汛 48
//   =flood<TAB>台风 100<TAB>三防 100<TAB>暴雨 100<TAB>安全 41
// weights are whole percent, 1–100; terms are tokens of rank.h's
// ranking_tokens() (at most 64 bytes, no tab, space or line break). A group's
// name starts with '=' (no token does); in memory it is a key of `links`
// whose partners are its members, and each member's partners include the group
// with the member's weight.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/feed.h"

namespace pw {

struct Thesaurus;

/// The largest association table parse_associations() reads, in bytes (the
/// widget checks a fetched table against it before handing it over).
constexpr size_t kMaxAssocBytes = 4 * 1024 * 1024;

/// The first byte of a group's name (never the first byte of a token).
constexpr char kGroupMark = '=';

struct Associations {
  /// term → its partners with weights in (0, 1], strongest first; group (a
  /// name starting with kGroupMark) → its members with their weights. A term's
  /// link to another member of one of its groups is the product of the two
  /// members' weights there.
  std::unordered_map<std::string, std::vector<std::pair<std::string, float>>> links;
};

struct AssocOptions {
  size_t max_links = 6;         // partners kept per term
  size_t max_bytes_per_article = 40;  // the table's size: at most this many bytes per article
  uint32_t min_count = 2;       // contexts a pair must share
  float min_strength = 0.25f;   // NPMI below this is not kept
  double common_fraction = 0.05;  // terms in more than this share of the articles are not linked
  /// Domains of terms (thesaurus.h; optional, must outlive the call): the
  /// tokens of a domain's terms that the site's titles, keywords or summaries
  /// use form its group, each at weight sqrt(thesaurus_weight) / m, m being
  /// how many domains list the token (its evidence is split among them), so
  /// two members are linked at thesaurus_weight / (m(a) m(b)).
  /// Tokens in more than `thesaurus_common_fraction` of the articles are left
  /// out. Groups come first within the byte cap (members by weight, then by
  /// how many articles use them); learned links fill the rest, except those a
  /// group already makes at least as strong.
  const Thesaurus* thesaurus = nullptr;
  float thesaurus_weight = 1.0f;
  double thesaurus_common_fraction = 0.2;
  /// Counting is split into this many independent shards (the result is the
  /// same for any number). They run one after the other unless `run_shards`
  /// is set: a caller with threads (the CLI) passes a function that runs
  /// work(0) … work(count - 1) concurrently and returns when all are done.
  /// The core starts no threads itself (it also runs as WebAssembly).
  unsigned shards = 1;
  std::function<void(unsigned count, const std::function<void(unsigned shard)>& work)> run_shards;
};

/// Learns the associations of a site's articles (titles, keywords, summaries,
/// body text). Deterministic for any number of shards.
Associations learn_associations(const std::vector<Article>& articles, const AssocOptions& options);

/// The table as text (format above), terms in byte order.
std::string write_associations(const Associations& associations);

/// Parses a table. On a malformed table returns false, leaves *out empty and
/// sets *error: pw.related.bad_assoc, naming the line and what was expected
/// (the header, a term, "term weight" pairs with weights 1–100, UTF-8, at
/// most `max_bytes` bytes).
bool parse_associations(std::string_view text, Associations* out, Error* error,
                        size_t max_bytes = kMaxAssocBytes);

}  // namespace pw
