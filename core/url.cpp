#include "core/url.h"

#include <vector>

namespace pw {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_slash(char c) { return c == '/' || c == '\\'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Percent-encodes what a browser would encode in that component, so that the
// text we hand out never carries raw controls, spaces or quotes.
void append_encoded(std::string& out, std::string_view text, std::string_view also) {
  static const char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || also.find(ch) != std::string_view::npos) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
}

// RFC 3986 section 5.2.4, on a path that starts with '/'.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t i = 1;  // skip the leading '/'
  bool trailing_slash = false;
  while (true) {
    const size_t end = path.find('/', i);
    const std::string_view seg = path.substr(i, end == std::string_view::npos ? end : end - i);
    const bool last = end == std::string_view::npos;
    if (seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = last;
    } else {
      segments.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    i = end + 1;
  }
  std::string out;
  for (const auto& seg : segments) {
    out += '/';
    out += seg;
  }
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return false;
    if (std::string_view("#%/:<>?@[\\]^|\"'`{}").find(ch) != std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

std::string preprocess_url(std::string_view url) {
  size_t begin = 0;
  size_t end = url.size();
  while (begin < end && static_cast<unsigned char>(url[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(url[end - 1]) <= 0x20) --end;
  std::string out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r') out += url[i];
  }
  return out;
}

std::string url_scheme(std::string_view text) {
  if (text.empty() || !is_alpha(text[0])) return "";
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':') {
      std::string scheme(text.substr(0, i));
      for (char& s : scheme) s = lower(s);
      return scheme;
    }
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return "";
  }
  return "";
}

bool parse_http_url(std::string_view text, UrlParts* out) {
  const std::string scheme = url_scheme(text);
  if (scheme != "http" && scheme != "https") return false;
  size_t i = scheme.size() + 1;
  while (i < text.size() && is_slash(text[i])) ++i;
  size_t authority_end = i;
  while (authority_end < text.size() && !is_slash(text[authority_end]) &&
         text[authority_end] != '?' && text[authority_end] != '#') {
    ++authority_end;
  }
  std::string_view authority = text.substr(i, authority_end - i);
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return false;
      port = after.substr(1);
    }
    for (char c : host.substr(1, host.size() - 2)) {
      if (!is_digit(c) && !is_alpha(c) && c != ':' && c != '.') return false;
    }
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (!valid_host(host)) return false;
  }
  if (port.size() > 5) return false;
  long port_number = 0;
  for (char c : port) {
    if (!is_digit(c)) return false;
    port_number = port_number * 10 + (c - '0');
  }
  if (port_number > 65535) return false;

  UrlParts parts;
  parts.scheme = scheme;
  parts.host.reserve(host.size());
  for (char c : host) parts.host += lower(c);
  if (!port.empty() && !((scheme == "http" && port_number == 80) ||
                         (scheme == "https" && port_number == 443))) {
    parts.port = std::to_string(port_number);
  }

  std::string_view rest = text.substr(authority_end);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    append_encoded(parts.fragment, rest.substr(hash), "\"<>`");
    rest = rest.substr(0, hash);
  }
  const size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    append_encoded(parts.query, rest.substr(question), "\"<>'");
    rest = rest.substr(0, question);
  }
  std::string path(rest);
  for (char& c : path) {
    if (c == '\\') c = '/';
  }
  if (path.empty()) path = "/";
  append_encoded(parts.path, remove_dot_segments(path), "\"<>`{}");
  *out = std::move(parts);
  return true;
}

std::string format_url(const UrlParts& parts) {
  std::string out = parts.scheme + "://" + parts.host;
  if (!parts.port.empty()) out += ":" + parts.port;
  out += parts.path;
  out += parts.query;
  out += parts.fragment;
  return out;
}

bool resolve_url(std::string_view reference, std::string_view base, std::string* out,
                 std::string* scheme) {
  scheme->clear();
  std::string ref = preprocess_url(reference);
  if (ref.empty()) return false;
  const std::string own_scheme = url_scheme(ref);
  UrlParts base_parts;
  const bool have_base = !base.empty() && parse_http_url(preprocess_url(base), &base_parts);
  UrlParts parts;
  if (!own_scheme.empty()) {
    if (own_scheme != "http" && own_scheme != "https") {
      *scheme = own_scheme;
      return false;
    }
    const std::string_view after = std::string_view(ref).substr(own_scheme.size() + 1);
    // WHATWG quirk: "http:page.html" under an http base is relative.
    const bool relative = have_base && own_scheme == base_parts.scheme &&
                          (after.empty() || !is_slash(after[0]));
    if (!relative) {
      if (!parse_http_url(ref, &parts)) return false;
      *out = format_url(parts);
      return true;
    }
    ref = std::string(after);
  }
  if (!have_base) {
    if (!base.empty()) return false;  // a base was given but is unusable
    for (char& c : ref) {
      if (c == '\\') c = '/';
    }
    *out = std::move(ref);
    return true;
  }
  std::string origin = base_parts.scheme + "://" + base_parts.host;
  if (!base_parts.port.empty()) origin += ":" + base_parts.port;
  std::string absolute;
  if (ref.size() >= 2 && is_slash(ref[0]) && is_slash(ref[1])) {
    absolute = base_parts.scheme + ":" + ref;
  } else if (is_slash(ref[0])) {
    absolute = origin + ref;
  } else if (ref[0] == '?') {
    absolute = origin + base_parts.path + ref;
  } else if (ref[0] == '#') {
    absolute = origin + base_parts.path + base_parts.query + ref;
  } else {
    const size_t last_slash = base_parts.path.rfind('/');
    absolute = origin + base_parts.path.substr(0, last_slash + 1) + ref;
  }
  if (!parse_http_url(absolute, &parts)) return false;
  *out = format_url(parts);
  return true;
}

std::string url_identity(std::string_view absolute_url) {
  UrlParts parts;
  if (parse_http_url(preprocess_url(absolute_url), &parts)) {
    parts.fragment.clear();
    return format_url(parts);
  }
  std::string_view text = absolute_url;
  const size_t hash = text.find('#');
  return std::string(text.substr(0, hash));
}

}  // namespace pw
