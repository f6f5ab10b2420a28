#include "core/config.h"

#include <algorithm>

#include "core/host.h"
#include "core/utf8.h"

namespace pw {
namespace {

constexpr size_t kMaxSiteNameChars = 100;

// Edit distance between two short ASCII names, counting a swap of two
// neighbouring letters as one edit ("data-mdoe" is one typo away from data-mode).
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Other scripts put their own data-* attributes on the tag (Cloudflare's
// data-cfasync, RequireJS's data-main, Turbo's data-turbo-track, …). Only a
// name that looks meant for this suite is worth an error: one of our prefixes,
// or a typo of a known name — one edit away from a short one (data-lang,
// data-mode, data-allow, data-leave: two edits would also take in other
// scripts' data-role, data-tag, data-modal, data-algo), two from a longer
// one. Sets *suggestion to the closest known name within that reach.
bool looks_like_ours(const std::string& name, std::string* suggestion) {
  constexpr size_t kDataPrefix = 5;  // "data-"
  size_t best = 3;
  for (const std::string& known : known_script_attributes()) {
    const size_t reach = known.size() <= kDataPrefix + 5 ? 1 : 2;
    // The distance is at least the difference in length: names far longer or
    // shorter than a known one are never near it (and never cost a table).
    if (name.size() > known.size() + reach || known.size() > name.size() + reach) continue;
    const size_t d = edit_distance(name, known);
    if (d <= reach && d < best) {
      best = d;
      *suggestion = known;
    }
  }
  if (best <= 2) return true;
  for (const char* prefix : {"data-site", "data-allow", "data-leave", "data-lang", "data-mode", "data-pw"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

const char* language_tag(Language lang) {
  switch (lang) {
    case Language::kZhHant: return "zh-Hant";
    case Language::kEn: return "en";
    case Language::kZhHans: break;
  }
  return "zh-Hans";
}

const char* color_scheme_name(ColorScheme scheme) {
  return scheme == ColorScheme::kAuto ? "auto" : "light";
}

const std::vector<std::string>& known_script_attributes() {
  static const std::vector<std::string> names = {
      "data-site-name",       "data-site-hosts",     "data-allow", "data-leave",
      "data-leave-message",   "data-leave-countdown", "data-leave-remember",
      "data-lang",            "data-mode",           "data-color-scheme"};
  return names;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = next_code_point(text, &i);
    const bool separator = cp == ',' || cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */ ||
                           cp == 0xFF1B /* ； */ || cp == ';' || is_space(cp);
    if (separator) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.append(text, start, i - start);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

namespace {
// The site's name when the page gives none and has no host to show instead.
const char* default_site_name(Language lang) {
  return lang == Language::kEn ? "this site" : "本站";
}

// "zh_TW" (as CMS templates and server locales write it) reads as "zh-TW".
std::string language_tag_lower(const std::string& text) {
  std::string lang = ascii_lower(std::string(trim(text)));
  std::replace(lang.begin(), lang.end(), '_', '-');
  return lang;
}
}  // namespace

Language language_from_page(const std::string& html_lang, const std::string& title) {
  const std::string lang = language_tag_lower(html_lang);
  const auto has_subtag = [&](const char* sub) {
    const std::string s = concat({"-", sub});
    size_t pos = lang.find(s);
    while (pos != std::string::npos) {
      const size_t end = pos + s.size();
      if (end == lang.size() || lang[end] == '-') return true;
      pos = lang.find(s, pos + 1);
    }
    return false;
  };
  const bool primary_zh = lang == "zh" || lang.rfind("zh-", 0) == 0;
  const bool primary_en = lang == "en" || lang.rfind("en-", 0) == 0;
  if (primary_zh && (has_subtag("hant") || has_subtag("tw") || has_subtag("hk") || has_subtag("mo"))) {
    return Language::kZhHant;
  }
  if (primary_en) {
    for (size_t i = 0; i < title.size();) {
      if (is_han(next_code_point(title, &i))) return Language::kZhHans;
    }
    return Language::kEn;
  }
  return Language::kZhHans;
}

ConfigResult resolve_config(const ConfigInput& input) {
  ConfigResult result;
  SiteConfig& config = result.config;
  const auto attr = [&](const char* name) -> const std::string* {
    const auto it = input.attributes.find(name);
    return it == input.attributes.end() ? nullptr : &it->second;
  };
  const auto& known = known_script_attributes();
  for (const auto& [name, value] : input.attributes) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string suggestion;
    if (!looks_like_ours(ascii_lower(name), &suggestion)) continue;  // another script's attribute
    std::string expected;
    if (!suggestion.empty()) {
      expected = concat({"did you mean ", suggestion, "?"});
    } else {
      for (const auto& k : known) {
        expected += expected.empty() ? "expected one of " : ", ";
        expected += k;
      }
      expected += ".";
    }
    result.errors.push_back({"pw.config.unknown_attribute", name,
                             concat({"portal-widgets: the script tag's ", name, "=\"", value,
                                     "\" is not a known attribute; ", expected})});
  }

  // The page's own host always counts as this site.
  const std::string page_host = ascii_lower(input.page_host);
  if (!page_host.empty()) config.site_hosts.push_back(page_host);

  // Site name: data-site-name, else <meta name="SiteName">, else the host.
  std::string name;
  if (const std::string* value = attr("data-site-name")) {
    const std::string trimmed(trim(*value));
    if (trimmed.empty()) {
      result.errors.push_back({"pw.config.bad_site_name", "data-site-name",
                               "portal-widgets: data-site-name is empty; expected the site's name, "
                               "e.g. \"某某县人民政府门户网站\"."});
    } else if (code_point_count(trimmed) > kMaxSiteNameChars) {
      result.errors.push_back({"pw.config.bad_site_name", "data-site-name",
                               "portal-widgets: data-site-name is longer than 100 characters; "
                               "expected the site's name, e.g. \"某某县人民政府门户网站\"."});
    } else if (const uint32_t control = first_invisible_control(trimmed)) {
      result.errors.push_back({"pw.config.bad_site_name", "data-site-name",
                               concat({"portal-widgets: data-site-name contains an invisible control character (",
                                       code_point_name(control),
                                       "); expected the site's name as plain text, e.g. \"某某县人民政府门户网站\"."})});
    } else {
      name = trimmed;
    }
  }
  if (name.empty()) {
    const std::string meta(trim(input.meta_site_name));
    if (!meta.empty() && code_point_count(meta) <= kMaxSiteNameChars && !first_invisible_control(meta)) name = meta;
  }
  if (name.empty()) name = page_host;

  // data-site-hosts: the same host rules as data-allow (core/host.h), without wildcards.
  if (const std::string* value = attr("data-site-hosts")) {
    const size_t errors_before = result.errors.size();  // only this attribute's errors count below
    const std::vector<HostPattern> hosts = parse_host_list(*value, /*allow_wildcards=*/false,
                                                           "data-site-hosts", "pw.config.bad_site_host",
                                                           &result.errors);
    if (hosts.empty() && result.errors.size() == errors_before) {
      result.errors.push_back({"pw.config.bad_site_host", "data-site-hosts",
                               "portal-widgets: data-site-hosts is empty; expected host names "
                               "separated by spaces or commas, e.g. \"www.example.gov.cn example.gov.cn\"."});
    }
    for (const HostPattern& host : hosts) {
      if (std::find(config.site_hosts.begin(), config.site_hosts.end(), host.host) == config.site_hosts.end()) {
        config.site_hosts.push_back(host.host);
      }
    }
  }

  // data-mode: "auto" or "js". Validated now; the plain-JS build that "js" selects
  // is not shipped yet, so both load the WebAssembly core (README, data-mode).
  if (const std::string* value = attr("data-mode")) {
    const std::string mode = ascii_lower(std::string(trim(*value)));
    if (mode != "auto" && mode != "js") {
      result.errors.push_back({"pw.config.bad_mode", "data-mode",
                               concat({"portal-widgets: data-mode=\"", *value,
                                       "\" is not supported; expected auto or js. Using auto."})});
    }
  }

  // data-color-scheme: "light" (the default) or "auto".
  if (const std::string* value = attr("data-color-scheme")) {
    const std::string scheme = ascii_lower(std::string(trim(*value)));
    if (scheme == "auto") config.color_scheme = ColorScheme::kAuto;
    else if (scheme != "light")
      result.errors.push_back({"pw.config.bad_color_scheme", "data-color-scheme",
                               concat({"portal-widgets: data-color-scheme=\"", *value,
                                       "\" is not supported; expected light or auto. Using light."})});
  }

  config.lang = language_from_page(input.html_lang, input.title);
  // Set once the language is known: a page without a host (file:, about:blank
  // frames) and without a name still gets one.
  if (name.empty()) name = default_site_name(config.lang);
  config.site_name = name;
  if (const std::string* value = attr("data-lang")) {
    const std::string lang = language_tag_lower(*value);
    if (lang == "zh-hans") config.lang = Language::kZhHans;
    else if (lang == "zh-hant") config.lang = Language::kZhHant;
    else if (lang == "en") config.lang = Language::kEn;
    else {
      result.errors.push_back({"pw.config.bad_lang", "data-lang",
                               concat({"portal-widgets: data-lang=\"", *value,
                                       "\" is not supported; expected one of zh-Hans, zh-Hant, en. Using ",
                                       language_tag(config.lang), " (from the page's lang)."})});
    }
  }
  return result;
}

}  // namespace pw
