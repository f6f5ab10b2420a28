// The studio's model: the settings a webmaster edits, their URL fragment, the embed
// snippet, and every check and preview, each computed by the same core functions
// the widgets run. No Dear ImGui and no platform code here: the panels
// (studio_ui.cpp) draw this model, the tests assert on it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/error.h"
#include "core/feed.h"
#include "core/font_scale.h"
#include "core/leave_site.h"
#include "core/qr.h"
#include "core/rank.h"

namespace pw::studio {

/// One attribute of the script tag or of an element, as the description of the
/// elements gives it (generated into studio_tables.cpp at build time).
struct AttributeSpec {
  const char* element;        // "script" for the script tag, else "pw-qrcode", …
  const char* name;           // the attribute as written ("site-name" for data-site-name, "size")
  const char* type;           // "string", "enum", "number", "list", "url", "color", "boolean"
  const char* default_value;  // the default as text ("" when it is derived from the page)
  const char* values;         // enum values, space-separated ("" otherwise)
};

/// Every attribute, script tag first, then the elements in the description's order.
const std::vector<AttributeSpec>& attribute_specs();

/// The elements the snippet writes, in order ("pw-font-size", "pw-qrcode", "pw-related").
std::vector<std::string> element_names();

/// The fragment key of an attribute: "site-name" for the script tag's
/// data-site-name, "pw-qrcode.size" for an element's. Null when unknown.
const AttributeSpec* find_attribute(std::string_view key);
std::string fragment_key(const AttributeSpec& spec);

/// The script URL the docs use; `script=` in the fragment when it differs.
constexpr const char* kDefaultScriptUrl = "/static/portal-widgets/portal-widgets.js";

/// What the webmaster chose. A key that is absent (or set to "") takes the
/// widget's default and is not written into the snippet or the fragment.
class Settings {
 public:
  std::string script_url = kDefaultScriptUrl;

  /// The value for a fragment key ("" when absent).
  const std::string& get(std::string_view key) const;
  /// Sets a value; "" or the attribute's default (as the description writes it) removes it.
  void set(std::string_view key, std::string_view value);
  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

  /// The URL fragment without "#": the script tag's attributes, then each
  /// element's as "<element>.<attribute>", then "script=" when the URL is not
  /// the default; values percent-encoded (encodeURIComponent's set).
  std::string fragment() const;
  /// Restores settings from a fragment (with or without "#"). Unknown keys are
  /// listed in *unknown (may be null) and otherwise ignored.
  static Settings from_fragment(std::string_view fragment, std::vector<std::string>* unknown);

  /// The embed snippet: the <head> lines (stylesheet, script tag with the
  /// non-default data-* attributes), then one line per element with its
  /// non-default attributes. Values are HTML-escaped inside double quotes.
  std::string snippet() const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

/// Percent-encoding as encodeURIComponent does it (UTF-8 bytes; A–Z a–z 0–9 - _ . ! ~ * ' ( ) kept).
std::string encode_component(std::string_view text);
/// The inverse; "+" is read as a space (as URLSearchParams does); a bad escape is kept as text.
std::string decode_component(std::string_view text);
/// Escapes & < > " for a double-quoted HTML attribute value.
std::string escape_attribute(std::string_view text);

/// The errors the widgets would report for these settings, by fragment key
/// ("leave-countdown", "pw-font-size.levels"): the core's own ids and messages.
std::map<std::string, Errors> check_settings(const Settings& settings);

/// The script tag's configuration as the core resolves it for a page on `page_host`.
struct SiteView {
  SiteConfig site;
  LeaveConfig leave;
};
SiteView site_view(const Settings& settings, std::string_view page_host);

// --- 链接测试 Links --------------------------------------------------------------

/// The hrefs in pasted text: when it looks like HTML (it has "<a" or "href="), the
/// values of href attributes (entities &amp; &quot; &#39; &lt; &gt; decoded);
/// otherwise each non-empty line, trimmed.
std::vector<std::string> extract_links(std::string_view text);

/// What the platform provides: the browser's URL parser (the web backend calls
/// new URL(href, base); the tests use a double).
class UrlParser {
 public:
  virtual ~UrlParser() = default;
  /// The parts of `href` resolved against `base`; valid = false when it cannot be parsed.
  virtual UrlParts parse(const std::string& href, const std::string& base) = 0;
};

struct LinkRow {
  std::string href;
  UrlParts parts;
  LeaveDecision decision;
};

/// Classifies each href as the widget does on a page at `page_url`.
std::vector<LinkRow> classify_links(const std::vector<std::string>& hrefs, const std::string& page_url,
                                    const Settings& settings, UrlParser& parser);

// --- 二维码 QR -------------------------------------------------------------------

struct QrView {
  QrElementResult result;  // the code, effective colours, errors (ecc, colours, contrast)
  int size_px = 160;       // the element's size
  Errors size_errors;
  int data_bytes = 0;      // bytes of the encoded text
  int capacity = 0;        // bytes the chosen version holds at the level used
};
/// `text` is what the element encodes (the text attribute, else the page URL).
QrView qr_view(const Settings& settings, std::string_view text);

// --- 字号 Font size --------------------------------------------------------------

/// The element's configuration (levels, labels, default) as the core resolves it.
FontSizeConfigResult font_size_view(const Settings& settings);

// --- 相关文章 Related -------------------------------------------------------------

struct RelatedView {
  Feed feed;                       // articles and item errors (by index and field)
  Errors option_errors;            // limit, sort, days-new
  std::vector<RelatedItem> items;  // the list for the chosen article
};
/// Parses `feed_text` (relative URLs against `feed_url`) and ranks it for the
/// article at index `current` (as the page of that article would), with the
/// element's limit, sort and days-new, on `today` ("YYYY-MM-DD" or "").
RelatedView related_view(const Settings& settings, std::string_view feed_text, std::string_view feed_url,
                         std::size_t current, std::string_view today);
/// A score or one of its parts as the related table shows it: three decimals.
std::string format_score(double value);

// --- 离站提示 Dialog preview ------------------------------------------------------

struct DialogPreview {
  std::string title, message, destination, continue_label, cancel_label;
};
/// The dialog for a link to `host` as a reader with the page's language sees it.
DialogPreview dialog_preview(const Settings& settings, std::string_view host);

/// A widget's UI string in a language (the tables of widgets/*/*.element.js,
/// extracted at build time); "" when unknown.
std::string widget_string(Language lang, std::string_view key);
/// All the widgets' UI strings, by index (for the font atlas).
std::size_t widget_string_count();
const char* widget_string_at(std::size_t index);

}  // namespace pw::studio
