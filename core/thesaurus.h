// A thesaurus of administrative domains for the association step (assoc.h).
//
// County and city portals publish on the same few dozen domains (flood
// defence, fishery, tourism, elderly care, …), and articles of one domain
// often share no characters (台风 ↔ 三防 ↔ 防汛). A thesaurus names each
// domain's typical terms; learn_associations() links the terms of one domain
// that a site uses as if they had occurred together, merged with the links it
// learns from the site's own text. The project's own thesaurus is
// tools/pw-related/thesaurus.txt (built into the CLI); a site can add its own.
//
// The format is UTF-8 text, one domain's terms a line:
//   # a comment
//   flood: 防汛 三防 台风 暴雨 山洪
//   flood: 水库 转移 抢险          (the same name again continues the domain)
// A domain name is 1–32 of a–z, 0–9, '-' and '_'; terms are 2–4 Han characters
// (text ranking_text() leaves as it is), separated by spaces or tabs. The
// ranker reads text as character bigrams (tokenize.h), so a term's links are
// those of its bigrams (暴雨预警 → 暴雨 雨预 预警).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pw {

/// The largest thesaurus parse_thesaurus() reads, in bytes.
constexpr size_t kMaxThesaurusBytes = 1024 * 1024;

struct Thesaurus {
  struct Domain {
    std::string name;
    std::vector<std::string> terms;  // in the order written, each once
  };
  std::vector<Domain> domains;
};

/// Parses a thesaurus and adds its domains to *out: a domain whose name *out
/// already has gets the new terms it lacks (so a site's file extends the
/// built-in one). On a malformed text returns false, leaves *out as it was and
/// sets *error: pw.related.bad_thesaurus, naming `source` (a file name), the
/// line and what was expected (a line "name: term term …", a domain name of
/// a–z 0–9 - _, terms of 2–4 Han characters, each once per domain, at least
/// two terms per domain, UTF-8, at most kMaxThesaurusBytes).
bool parse_thesaurus(std::string_view text, const std::string& source, Thesaurus* out, Error* error);

}  // namespace pw
