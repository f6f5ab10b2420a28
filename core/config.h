// The script tag's configuration: the data-* attributes of
// <script src="portal-widgets.js">, plus the page facts used as defaults
// (《政府网站发展指引》 meta tags, <html lang>, the title, the page's host).
//
// The loader only collects raw strings; every rule about what they mean lives
// here so the browser, the studio and the tests agree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace pw {

/// UI languages the suite ships strings for.
enum class Language { kZhHans, kZhHant, kEn };

/// "zh-Hans", "zh-Hant" or "en".
const char* language_tag(Language lang);

/// The widgets' colours: always light (portals are), or following the reader's
/// prefers-color-scheme (the QR code itself stays dark on light either way).
enum class ColorScheme { kLight, kAuto };

/// "light" or "auto".
const char* color_scheme_name(ColorScheme scheme);

/// What the loader read off the page. Absent attributes are simply not in
/// `attributes`; present-but-empty ones map to "".
struct ConfigInput {
  std::map<std::string, std::string> attributes;  // "data-site-name" -> value, as written
  std::string meta_site_name;  // <meta name="SiteName" content>
  std::string html_lang;       // <html lang>
  std::string title;           // document.title
  std::string page_host;       // location.hostname as the browser serialises it (punycode, lower case)
};

/// The effective site configuration.
struct SiteConfig {
  std::string site_name;                // never empty: data-site-name, meta SiteName, the page's host, else 本站 / "this site"
  std::vector<std::string> site_hosts;  // page host first, then data-site-hosts; normalised (core/host.h), unique
  Language lang = Language::kZhHans;
  ColorScheme color_scheme = ColorScheme::kLight;  // data-color-scheme
};

struct ConfigResult {
  SiteConfig config;
  Errors errors;  // one per bad attribute value; the config then uses the default
};

/// The script-tag attributes the suite understands (the contract's table).
const std::vector<std::string>& known_script_attributes();

/// Resolves the configuration. Never fails: each bad value produces one Error
/// (ids: pw.config.unknown_attribute, pw.config.bad_site_name,
/// pw.config.bad_site_host, pw.config.bad_lang, pw.config.bad_mode,
/// pw.config.bad_color_scheme) and its
/// default is used instead. An unknown attribute is reported only when it
/// looks meant for the suite (prefix data-site, data-allow, data-leave,
/// data-lang, data-mode or data-pw, or within two edits of a known name);
/// other scripts' attributes (data-cfasync, data-main, …) are ignored.
ConfigResult resolve_config(const ConfigInput& input);

/// The language rule: `data_lang` when valid ("zh-Hans", "zh-Hant", "en",
/// ASCII case-insensitive); otherwise from <html lang>: zh-TW/zh-HK/zh-MO/*-Hant*
/// → zh-Hant; en* → en unless `title` contains Han characters; anything else
/// (including empty) → zh-Hans. "_" counts as "-" in both ("zh_TW", "zh_Hant").
Language language_from_page(const std::string& html_lang, const std::string& title);

/// Splits a list written with spaces and/or commas (ASCII or full-width: ，、；
/// and U+3000 are accepted, as Chinese input methods type them; ';' too).
/// Empty entries are dropped.
std::vector<std::string> split_list(const std::string& text);

}  // namespace pw
