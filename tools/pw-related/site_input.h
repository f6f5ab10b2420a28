// How pw-related reads a whole site's articles: the feed format or JSON lines,
// told apart by the file name or the first line. A unit of its own so the
// fuzz target (tests/fuzz/jsonl_fuzz.cpp) runs exactly what the CLI runs.
#pragma once

#include <string>
#include <string_view>

#include "core/feed.h"

namespace pw::cli {

/// True when the input is JSON lines: a .jsonl or .ndjson file, or (for any
/// name but .json, and standard input "-") a first line that is one complete
/// object on its own and not a feed ({"articles": …}).
bool looks_like_lines(std::string_view path, std::string_view text);

/// The limits the CLI reads a site with: inputs up to 2 GiB and ten million
/// articles, the first 20 skipped articles reported.
FeedLimits site_limits();

/// Parses the site's articles from `text` (read from `path`), resolving
/// relative URLs against `base` ("" keeps them relative).
Feed read_site(std::string_view path, std::string_view text, std::string_view base);

}  // namespace pw::cli
