#include "core/thesaurus.h"

#include <algorithm>

#include "core/feed.h"
#include "core/utf8.h"

namespace pw {
namespace {

constexpr size_t kMaxNameBytes = 32;
constexpr size_t kMinTermChars = 2;
constexpr size_t kMaxTermChars = 4;

bool is_name_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// 2–4 Han characters: text that ranking_text() leaves as it is and tokenize()
// cuts into bigrams only.
bool is_term(std::string_view term) {
  size_t count = 0;
  for (size_t i = 0; i < term.size();) {
    if (!is_han(next_code_point(term, &i)) || ++count > kMaxTermChars) return false;
  }
  return count >= kMinTermChars;
}

}  // namespace

bool parse_thesaurus(std::string_view text, const std::string& source, Thesaurus* out, Error* error) {
  auto fail = [&](size_t line, const std::string& what) {
    *error = Error{"pw.related.bad_thesaurus", source,
                   source + (line ? ", line " + std::to_string(line) : std::string()) + ": " + what};
    return false;
  };
  if (text.size() > kMaxThesaurusBytes) {
    return fail(0, "is " + std::to_string(text.size()) + " bytes; expected at most " +
                       std::to_string(kMaxThesaurusBytes));
  }
  if (!is_valid_utf8(text)) return fail(0, "is not UTF-8; expected UTF-8 text");
  Thesaurus result = *out;
  std::vector<size_t> first_line(result.domains.size(), 0);  // where a domain of this text starts
  size_t line_no = 0;
  for (size_t at = 0; at < text.size();) {
    std::string_view line = next_line(text, &at);
    ++line_no;
    while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon == std::string_view::npos ? 0 : colon);
    if (name.empty() || name.size() > kMaxNameBytes || !std::all_of(name.begin(), name.end(), is_name_byte)) {
      return fail(line_no, "starts with " + excerpt(line, 20) +
                               "; expected \"domain: term term …\", a domain name of 1–32 a–z, 0–9, - or _ and a colon");
    }
    auto domain = std::find_if(result.domains.begin(), result.domains.end(),
                               [&](const Thesaurus::Domain& d) { return d.name == name; });
    if (domain == result.domains.end()) {
      result.domains.push_back(Thesaurus::Domain{std::string(name), {}});
      first_line.push_back(line_no);
      domain = result.domains.end() - 1;
    }
    size_t terms_on_line = 0;
    std::string_view rest = line.substr(colon + 1);
    while (!rest.empty()) {
      while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
      size_t length = 0;
      while (length < rest.size() && !is_blank(rest[length])) ++length;
      if (length == 0) break;
      const std::string_view term = rest.substr(0, length);
      rest.remove_prefix(length);
      if (!is_term(term)) {
        return fail(line_no, "has " + excerpt(term) +
                                 "; expected terms of 2–4 Han characters separated by spaces");
      }
      auto& terms = domain->terms;
      if (std::find(terms.begin(), terms.end(), term) != terms.end()) {
        // Extending a domain with a term it has is fine; writing one twice is not.
        if (first_line[static_cast<size_t>(domain - result.domains.begin())] == 0) {
          ++terms_on_line;
          continue;
        }
        return fail(line_no, "repeats " + excerpt(term) + " in the domain " + std::string(name) +
                                 "; expected each term once per domain");
      }
      terms.emplace_back(term);
      ++terms_on_line;
    }
    if (terms_on_line == 0) {
      return fail(line_no, "names the domain " + std::string(name) +
                               " but no terms; expected terms of 2–4 Han characters after the colon");
    }
  }
  for (size_t d = 0; d < result.domains.size(); ++d) {
    if (result.domains[d].terms.size() < 2) {
      return fail(first_line[d], "gives the domain " + result.domains[d].name +
                                     " a single term; expected at least two terms per domain");
    }
  }
  *out = std::move(result);
  return true;
}

}  // namespace pw
