// URL text helpers for places where no browser parses the URL for us (feeds
// read by the CLI, feed items before the widget re-checks them).
//
// They implement only what deciding a URL's scheme and resolving a relative
// reference needs, following the WHATWG URL Standard's preprocessing: leading
// and trailing C0 controls and spaces are stripped, ASCII tab and newline are
// removed anywhere, the scheme is ASCII-lowercased, and for the special
// schemes http/https a backslash counts as a slash. That is enough to see that
// " JaVa\tScRiPt:alert(1)" is a javascript: URL, exactly as a browser would.
// Hosts are compared as written (lower-cased); no IDNA, no IP canonicalisation.
#pragma once

#include <string>
#include <string_view>

namespace pw {

/// WHATWG preprocessing: strips leading/trailing C0 controls and U+0020, then
/// removes every ASCII tab, LF and CR. Never fails; other bytes are unchanged.
std::string preprocess_url(std::string_view url);

/// The ASCII-lowercased scheme of an already preprocessed URL ("https",
/// "javascript", ...), or "" when the text has no scheme (a relative
/// reference). A scheme is an ASCII letter followed by letters, digits, '+',
/// '-' or '.', then ':'.
std::string url_scheme(std::string_view preprocessed);

/// The parts of a URL as the browser's URL parser gives them (URL.protocol,
/// .hostname, .port, .pathname, .search, .hash), or as parse_http_url gives
/// them for an absolute http(s) URL. `path` starts with '/'. The scheme may
/// keep its ':', the query its '?' and the fragment its '#': link
/// classification compares both spellings equal. valid = false when the href
/// could not be parsed at all. One definition for the whole core: leave-site
/// classification, feeds and the CLI all share it.
struct UrlParts {
  std::string scheme;    // "https" or "https:"; compared case-insensitively
  std::string host;      // lower case ASCII form ("xn--..", "[::1]"), no userinfo or port
  std::string port;      // "" for the scheme's default port
  std::string path;      // "/a/b.html"
  std::string query;     // "?a=1" or "a=1"; "" when absent
  std::string fragment;  // "#top" or "top"; "" when absent
  bool valid = true;
};

/// Parses an absolute http or https URL (after preprocess_url). Returns false
/// when the scheme is not http(s) or the host is empty or contains characters
/// no host may contain (space, '<', '>', '^', '|', '%' followed by non-hex, ...).
/// Dot segments in the path are removed; backslashes become slashes.
bool parse_http_url(std::string_view preprocessed, UrlParts* out);

/// Serialises `parts` as scheme://host[:port]path[query][fragment].
std::string format_url(const UrlParts& parts);

/// Resolves `reference` (raw, e.g. as written in a feed) against the absolute
/// http(s) URL `base`. On success stores the absolute URL in *out and returns
/// true. Returns false, with `*scheme` set to the reference's own scheme, when
/// the reference has a scheme other than http/https (javascript:, data:, ...),
/// and with `*scheme` empty when it cannot be resolved (empty reference, bad
/// host, or a relative reference with an unusable `base`). When `base` is empty
/// a relative reference is returned preprocessed, with backslashes turned into
/// slashes, so tools without a site URL can still emit root-relative links.
bool resolve_url(std::string_view reference, std::string_view base, std::string* out,
                 std::string* scheme);

/// A comparison key for "is this the same page?": the URL without its
/// fragment, with an empty path as "/". Feed it URLs produced by resolve_url.
std::string url_identity(std::string_view absolute_url);

}  // namespace pw
