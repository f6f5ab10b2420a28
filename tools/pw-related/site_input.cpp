#include "tools/pw-related/site_input.h"

namespace pw::cli {

bool looks_like_lines(std::string_view path, std::string_view text) {
  const auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return true;
  if (ends_with(".json")) return false;
  // Otherwise: JSON lines when the first line is a complete object on its own.
  const std::string_view first = text.substr(0, text.find('\n'));
  const size_t b = first.find_first_not_of(" \t\r");
  const size_t e = first.find_last_not_of(" \t\r");
  return b != std::string_view::npos && first[b] == '{' && first[e] == '}' &&
         first.find("\"articles\"") == std::string_view::npos;
}

FeedLimits site_limits() {
  FeedLimits limits;
  limits.max_bytes = static_cast<size_t>(1) << 31;
  limits.max_articles = 10000000;
  limits.max_item_errors = 20;
  return limits;
}

Feed read_site(std::string_view path, std::string_view text, std::string_view base) {
  return looks_like_lines(path, text) ? parse_feed_lines(text, base, site_limits())
                                      : parse_feed(text, base, site_limits());
}

}  // namespace pw::cli
