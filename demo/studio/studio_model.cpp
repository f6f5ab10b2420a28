#include "demo/studio/studio_model.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/related.h"
#include "demo/studio/studio_tables.h"

namespace pw::studio {
namespace {

bool is_script(const AttributeSpec& spec) { return std::strcmp(spec.element, "script") == 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_boolean(const AttributeSpec& spec) { return std::strcmp(spec.type, "boolean") == 0; }

Language page_language(const Settings& s) {
  return language_from_page(s.get("lang").empty() ? std::string() : s.get("lang"), "");
}

// The site's hosts for previews: data-site-hosts' first valid entry, else an example.
std::string first_site_host(const Settings& s) {
  for (const std::string& h : split_list(s.get("site-hosts"))) {
    std::string out, why;
    if (normalize_host(h, &out, &why)) return out;
  }
  return "www.example.gov.cn";
}

}  // namespace

const std::vector<AttributeSpec>& attribute_specs() {
  static const std::vector<AttributeSpec> specs(kAttributes, kAttributes + kAttributeCount);
  return specs;
}

std::vector<std::string> element_names() {
  std::vector<std::string> names;
  for (const AttributeSpec& spec : attribute_specs()) {
    if (!is_script(spec) && std::find(names.begin(), names.end(), spec.element) == names.end()) names.push_back(spec.element);
  }
  return names;
}

std::string fragment_key(const AttributeSpec& spec) {
  return is_script(spec) ? std::string(spec.name) : std::string(spec.element) + "." + spec.name;
}

const AttributeSpec* find_attribute(std::string_view key) {
  for (const AttributeSpec& spec : attribute_specs()) {
    if (fragment_key(spec) == key) return &spec;
  }
  return nullptr;
}

// --- Settings -------------------------------------------------------------------

const std::string& Settings::get(std::string_view key) const {
  static const std::string kEmpty;
  auto it = values_.find(key);
  return it == values_.end() ? kEmpty : it->second;
}

void Settings::set(std::string_view key, std::string_view value) {
  const AttributeSpec* spec = find_attribute(key);
  // A value equal to the default writes nothing: the snippet leaves defaults out.
  const bool is_default = spec && *spec->default_value && value == spec->default_value;
  if (value.empty() || is_default) values_.erase(std::string(key));
  else values_[std::string(key)] = std::string(value);
}

std::string encode_component(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || std::strchr("-_.!~*'()", c)) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string decode_component(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += char(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string escape_attribute(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Settings::fragment() const {
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    if (!out.empty()) out += '&';
    out += key + "=" + encode_component(value);
  };
  for (const AttributeSpec& spec : attribute_specs()) {
    const std::string key = fragment_key(spec);
    if (!get(key).empty()) add(key, get(key));
  }
  if (script_url != kDefaultScriptUrl) add("script", script_url);
  return out;
}

Settings Settings::from_fragment(std::string_view fragment, std::vector<std::string>* unknown) {
  Settings s;
  if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
  while (!fragment.empty()) {
    size_t amp = fragment.find('&');
    std::string_view pair = fragment.substr(0, amp);
    fragment = amp == std::string_view::npos ? std::string_view() : fragment.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    const std::string key = decode_component(pair.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? std::string() : decode_component(pair.substr(eq + 1));
    if (key == "script") s.script_url = value.empty() ? kDefaultScriptUrl : value;
    else if (find_attribute(key)) s.set(key, value);
    else if (unknown) unknown->push_back(key);
  }
  return s;
}

std::string Settings::snippet() const {
  std::string css = script_url;
  const std::string js_name = "portal-widgets.js";
  if (css.size() >= js_name.size() && css.compare(css.size() - js_name.size(), js_name.size(), js_name) == 0) {
    css.replace(css.size() - js_name.size(), js_name.size(), "portal-widgets.css");
  } else {
    size_t slash = css.find_last_of('/');
    css = (slash == std::string::npos ? std::string() : css.substr(0, slash + 1)) + "portal-widgets.css";
  }
  std::string out = "<link rel=\"stylesheet\" href=\"" + escape_attribute(css) + "\">\n";
  out += "<script src=\"" + escape_attribute(script_url) + "\" defer";
  auto attribute = [&](const AttributeSpec& spec, const std::string& name) {
    const std::string& value = get(fragment_key(spec));
    if (value.empty()) return std::string();
    if (is_boolean(spec)) return " " + name;
    return " " + name + "=\"" + escape_attribute(value) + "\"";
  };
  for (const AttributeSpec& spec : attribute_specs()) {
    if (is_script(spec)) out += attribute(spec, std::string("data-") + spec.name);
  }
  out += "></script>\n";
  for (const std::string& element : element_names()) {
    out += "<" + element;
    for (const AttributeSpec& spec : attribute_specs()) {
      if (element == spec.element) out += attribute(spec, spec.name);
    }
    out += "></" + element + ">\n";
  }
  return out;
}

// --- checks ---------------------------------------------------------------------

namespace {

// The script tag as the loader reads it off a page on `page_host`.
ConfigInput config_input(const Settings& s, std::string_view page_host) {
  ConfigInput input;
  for (const AttributeSpec& spec : attribute_specs()) {
    if (is_script(spec) && !s.get(spec.name).empty()) input.attributes[std::string("data-") + spec.name] = s.get(spec.name);
  }
  input.page_host = std::string(page_host);
  return input;
}

// The leave-site attributes (views into `s`, which must outlive the result).
LeaveAttributes leave_attributes(const Settings& s) {
  LeaveAttributes leave;
  leave.site_hosts = s.get("site-hosts");
  leave.allow = s.get("allow");
  leave.leave = s.get("leave");
  leave.message = s.get("leave-message");
  leave.countdown = s.get("leave-countdown");
  leave.remember = s.get("leave-remember");
  return leave;
}

}  // namespace

SiteView site_view(const Settings& s, std::string_view page_host) {
  SiteView view;
  view.site = resolve_config(config_input(s, page_host)).config;
  view.leave = parse_leave_config(leave_attributes(s), nullptr);
  return view;
}

std::map<std::string, Errors> check_settings(const Settings& s) {
  std::map<std::string, Errors> out;
  auto file = [&](const std::string& element, const Error& e) {
    // Sources name the attribute ("data-lang", "levels"); the key adds the element.
    std::string name = e.source;
    if (element == "script" && name.rfind("data-", 0) == 0) name = name.substr(5);
    out[element == "script" ? name : element + "." + name].push_back(e);
  };

  for (const Error& e : resolve_config(config_input(s, first_site_host(s))).errors) {
    if (e.id != "pw.config.unknown_attribute") file("script", e);
  }
  Errors leave_errors;
  parse_leave_config(leave_attributes(s), &leave_errors);
  for (const Error& e : leave_errors) {
    // resolve_config checks data-site-hosts too: one message per bad value is enough.
    const std::string key = e.source.rfind("data-", 0) == 0 ? e.source.substr(5) : e.source;
    bool seen = false;
    for (const Error& other : out[key]) seen = seen || other.message == e.message;
    if (!seen) file("script", e);
  }
  for (auto it = out.begin(); it != out.end();) it = it->second.empty() ? out.erase(it) : std::next(it);

  for (const Error& e : font_size_view(s).errors) file("pw-font-size", e);

  QrView qr = qr_view(s, s.get("pw-qrcode.text").empty() ? "https://" + first_site_host(s) + "/" : s.get("pw-qrcode.text"));
  for (const Error& e : qr.size_errors) file("pw-qrcode", e);
  for (const Error& e : qr.result.errors) file("pw-qrcode", e);

  Errors related_errors;
  related_options(s.get("pw-related.limit"), s.get("pw-related.sort"), s.get("pw-related.days-new"), &related_errors);
  for (const Error& e : related_errors) file("pw-related", e);
  return out;
}

// --- links ----------------------------------------------------------------------

std::vector<std::string> extract_links(std::string_view text) {
  std::vector<std::string> out;
  const bool html = text.find("<a") != std::string_view::npos || text.find("<A") != std::string_view::npos ||
                    text.find("href=") != std::string_view::npos || text.find("HREF=") != std::string_view::npos;
  if (!html) {
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = trim(text.substr(0, nl));
      if (!line.empty()) out.emplace_back(line);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
    return out;
  }
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
  for (size_t i = 0; i + 4 < text.size(); ++i) {
    if (lower(text[i]) != 'h' || lower(text[i + 1]) != 'r' || lower(text[i + 2]) != 'e' || lower(text[i + 3]) != 'f') continue;
    // An attribute name starts after white space (not "data-href").
    if (i > 0 && !(text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' || text[i - 1] == '\r')) continue;
    size_t j = i + 4;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n')) ++j;
    if (j >= text.size() || text[j] != '=') continue;
    ++j;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n')) ++j;
    if (j >= text.size()) break;
    std::string raw;
    if (text[j] == '"' || text[j] == '\'') {
      size_t end = text.find(text[j], j + 1);
      if (end == std::string_view::npos) break;
      raw = std::string(text.substr(j + 1, end - j - 1));
      i = end;
    } else {
      size_t end = j;
      while (end < text.size() && text[end] != ' ' && text[end] != '>' && text[end] != '\t' && text[end] != '\n') ++end;
      raw = std::string(text.substr(j, end - j));
      i = end;
    }
    std::string value;
    for (size_t k = 0; k < raw.size(); ++k) {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}};
      bool replaced = false;
      for (const auto& [entity, c] : kEntities) {
        if (raw.compare(k, std::strlen(entity), entity) == 0) {
          value += c;
          k += std::strlen(entity) - 1;
          replaced = true;
          break;
        }
      }
      if (!replaced) value += raw[k];
    }
    out.push_back(value);
  }
  return out;
}

std::vector<LinkRow> classify_links(const std::vector<std::string>& hrefs, const std::string& page_url,
                                    const Settings& settings, UrlParser& parser) {
  UrlParts page = parser.parse(page_url, page_url);
  page.fragment.clear();  // as the widget passes the page: its fragment never matters
  const LeaveConfig config = site_view(settings, page.host).leave;
  std::vector<LinkRow> rows;
  for (const std::string& href : hrefs) {
    LinkRow row;
    row.href = href;
    row.parts = parser.parse(href, page_url);
    row.decision = classify_link(row.parts, page, config, false);
    rows.push_back(std::move(row));
  }
  return rows;
}

// --- previews -------------------------------------------------------------------

QrView qr_view(const Settings& s, std::string_view text) {
  QrView view;
  QrElementInput input;
  input.text = std::string(text);
  input.ecc = s.get("pw-qrcode.ecc");
  input.fg = s.get("pw-qrcode.fg");
  input.bg = s.get("pw-qrcode.bg");
  input.logo = !s.get("pw-qrcode.logo").empty();
  view.result = resolve_qr_element(input);
  Error size_error;
  view.size_px = parse_qr_size(s.get("pw-qrcode.size"), 160, &size_error);
  if (!size_error.id.empty()) view.size_errors.push_back(size_error);
  view.data_bytes = int(text.size());
  if (view.result.ok()) {
    const QrCode& code = view.result.code;
    view.capacity = qr_capacity(code.version, code.ecc, code.mode, code.utf8_eci);
  }
  return view;
}

FontSizeConfigResult font_size_view(const Settings& s) {
  FontSizeAttributes a;
  a.levels = s.get("pw-font-size.levels");
  a.labels = s.get("pw-font-size.labels");
  a.default_level = s.get("pw-font-size.default");
  a.remember = s.get("pw-font-size.remember");
  a.order = s.get("pw-font-size.order");
  return parse_font_size_config(a, {}, page_language(s));
}

RelatedView related_view(const Settings& s, std::string_view feed_text, std::string_view feed_url,
                         std::size_t current, std::string_view today) {
  RelatedView view;
  view.feed = parse_feed(feed_text, feed_url);
  RankOptions options = related_options(s.get("pw-related.limit"), s.get("pw-related.sort"),
                                        s.get("pw-related.days-new"), &view.option_errors);
  int32_t minute = 0;
  if (today.empty() || !parse_article_date(today, &options.today, &minute)) options.today = Article::kNoDay;
  options.feed_order = view.feed.ranked;
  if (!view.feed.ok || current >= view.feed.articles.size()) return view;
  const Article& a = view.feed.articles[current];
  CurrentArticle page{a.title, a.keywords, a.column, a.url};
  const RelatedIndex index(view.feed.articles);
  RankScratch scratch;
  view.items = index.related(page, options, &scratch);
  return view;
}

std::string format_score(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::string widget_string(Language lang, std::string_view key) {
  const char* tag = language_tag(lang);
  for (std::size_t i = 0; i < kWidgetStringCount; ++i) {
    if (key == kWidgetStrings[i].key && std::strcmp(tag, kWidgetStrings[i].lang) == 0) return kWidgetStrings[i].text;
  }
  return std::string();
}

std::size_t widget_string_count() { return kWidgetStringCount; }
const char* widget_string_at(std::size_t index) { return index < kWidgetStringCount ? kWidgetStrings[index].text : ""; }

DialogPreview dialog_preview(const Settings& s, std::string_view host) {
  const SiteView site = site_view(s, first_site_host(s));
  const Language lang = site.site.lang;
  DialogPreview d;
  d.title = widget_string(lang, "leave.title");
  const std::string message = s.get("leave-message").empty() || !site.leave.message.size()
                                  ? widget_string(lang, "leave.message") : site.leave.message;
  d.message = format_leave_message(message, site.site.site_name, host);
  d.destination = widget_string(lang, "leave.destination") + std::string(host);
  d.continue_label = widget_string(lang, "leave.continue");
  d.cancel_label = widget_string(lang, "leave.cancel");
  return d;
}

}  // namespace pw::studio
