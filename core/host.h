// Host names as the web platform sees them: normalising, matching against
// lists of hosts and wildcards, and showing them to readers.
//
// The browser's URL parser already gives the hosts of links in their canonical
// ASCII form (lower case, Punycode "xn--" labels, dotted-decimal IPv4, bracketed
// compressed IPv6). Webmasters write hosts by hand in attributes and feeds;
// normalize_host() brings those to the same form so that comparisons are plain
// string comparisons. display_host() goes the other way for the reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pw {

// Normalises one host name to the canonical ASCII form the browser uses.
// - ASCII letters are lower-cased; one trailing dot (the DNS root) is removed.
// - What a Chinese input method types is read as the browser's URL parser reads
//   it (UTS #46 mapping): full-width letters, digits, "-" and "_" as ASCII, the
//   ideographic full stops 。 ． ｡ as ".", Latin-1, Greek and Cyrillic capitals
//   lower-cased, and the characters UTS #46 ignores (soft hyphen, zero width
//   space, variation selectors, ...) dropped. Kept as they are: Han (CJK
//   unified ideographs, extensions A and B), kana, Hangul syllables, and small
//   Latin-1, Greek and Cyrillic letters. Any other non-ASCII character is
//   refused rather than guessed at (the exact runs: tests/host_cases.json).
// - Labels with non-ASCII characters become Punycode ("xn--...").
// - A host whose last label is a number is an IPv4 address in any WHATWG form
//   (0x7f.1, 2130706433, 0177.0.0.1) and becomes dotted decimal "127.0.0.1".
// - "[...]" is an IPv6 address and becomes its bracketed compressed form "[::1]".
// Labels may hold a-z, 0-9, "-", "_" and non-ASCII letters; labels are 1–63
// bytes and the whole host at most 253 bytes (after Punycode).
// Returns true and sets *out on success. On failure returns false, leaves *out
// unchanged and sets *why (if not null) to a lower-case phrase that completes
// "<entry> ..." in a message, e.g. "has a port (\":8080\")".
bool normalize_host(std::string_view input, std::string* out, std::string* why);

// One entry of a host list: an exact host, or "*.suffix" for every subdomain of
// suffix at a label boundary. The bare suffix itself is not matched (as in CSP
// source lists): write "gov.cn *.gov.cn" to allow both.
struct HostPattern {
  std::string host;         // normalised (normalize_host) without the "*."
  bool subdomains = false;  // true for "*.host"
};

// Parses a list of hosts separated by ASCII whitespace, "," or ";" (and the
// full-width "，", "、", "；" and U+3000 that Chinese input methods type).
// Wildcards "*.suffix" are accepted when allow_wildcards is true; a "*" anywhere
// else, a scheme, a path, a query, a port, userinfo, an empty label or a
// character not allowed in host names makes that entry bad, and so does a
// name display_host() flags (mixed scripts, Cyrillic or Greek letters that
// imitate Latin ones): readers would take it for another host. Each bad entry
// adds one Error{error_id, source, message} naming the entry, what is wrong and the
// expected form; the valid entries are still returned (in order, duplicates
// removed). An empty or all-separator list gives an empty result and no error.
std::vector<HostPattern> parse_host_list(std::string_view list, bool allow_wildcards,
                                         std::string_view source, std::string_view error_id,
                                         Errors* errors);

// True when the normalised host matches the pattern: equal to an exact
// pattern, or a strict subdomain of a wildcard's suffix ("a.gov.cn" and
// "x.a.gov.cn" match "*.gov.cn"; "gov.cn", "evilgov.cn" and
// "gov.cn.evil.example" do not). IP addresses only match exactly.
bool host_matches(const HostPattern& pattern, std::string_view host);

// True when the host matches any pattern of the list.
bool host_matches_any(const std::vector<HostPattern>& patterns, std::string_view host);

// Strips one trailing dot and lower-cases ASCII letters: the cheap
// normalisation applied to hosts that already come from a URL parser.
std::string canonical_host(std::string_view host);

// How a host is shown to a reader.
struct HostDisplay {
  std::string unicode;      // labels decoded from Punycode, UTF-8 ("政府.cn")
  std::string ascii;        // the canonical ASCII form ("xn--mxtq1m.cn")
  bool show_ascii = false;  // true when the Unicode form could mislead and the
                            // ASCII form must be shown next to it
};

// Describes a host (normalised ASCII, as from normalize_host or a browser) for
// display. show_ascii is true when a decoded label mixes scripts (other than
// the combinations of UTS #39 "highly restrictive": Latin with Han and kana,
// with Han and Bopomofo, or with Han and Hangul), or is written entirely in
// Cyrillic or Greek letters that look like Latin ones ("аррӏе"), or puts Han
// characters that pass for Latin ones (〇 一 丨 丶 …) beside Latin letters or
// digits ("g〇v"). Labels that
// are not valid Punycode stay in ASCII and set show_ascii. Never fails.
HostDisplay display_host(std::string_view host);

// RFC 3492 Punycode for one label, without the "xn--" prefix. Return false on
// malformed input or overflow (and leave *out unspecified).
bool punycode_encode(const std::u32string& label, std::string* out);
bool punycode_decode(std::string_view label, std::u32string* out);

// UTF-8 <-> code points. utf8_decode returns false on malformed UTF-8
// (overlong forms, surrogates, values above U+10FFFF).
bool utf8_decode(std::string_view text, std::u32string* out);
void utf8_append(char32_t code_point, std::string* out);

// The eager core's build of this file (compiled with PW_HOSTS_ASCII_ONLY, the
// `core` module; CMakeLists.txt) leaves out what few pages need: IDN (UTS #46
// mapping, Punycode both ways, the mixed-script checks) and IP address parsing.
// There normalize_host() refuses a host that needs them (non-ASCII, an "xn--"
// label, "[...]", a last label that is a number but not in dotted decimal
// "10.0.0.1") and display_host() one with
// an "xn--" label, and both note it; every other host gets the same result as
// in the full build. True when such a call happened since the last
// take_full_host_parser_needed() call (which clears it): the caller's result is
// then incomplete and the same call must be repeated in a full build (the
// `core-full` module; web/runtime/boot.js). Always false in a full build.
bool take_full_host_parser_needed();

}  // namespace pw
