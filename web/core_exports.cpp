// C ABI of the loader's part of the core module: version and script-tag config.
// Binding only: types in, JSON out; every rule lives in core/config.cpp.
#include "core/config.h"
#include "core/host.h"
#include "core/version.h"
#include "web/bindings.h"
#include "widgets/leave-site/leave-site_state.h"

namespace {
pw::ConfigInput g_config_input;  // filled attribute by attribute, then resolved
}

PW_EXPORT const char* pw_version() { return pw::version(); }

/// Starts a new configuration: forgets the previous input.
PW_EXPORT void pw_config_begin() { g_config_input = pw::ConfigInput(); }

/// Adds one input. `key` is a script-tag attribute ("data-site-name") or one of
/// the page facts "page:meta-site-name", "page:html-lang", "page:title", "page:host".
PW_EXPORT void pw_config_set(const char* key, const char* value) {
  const std::string k = pw::bind::str(key);
  const std::string v = pw::bind::str(value);
  if (k == "page:meta-site-name") g_config_input.meta_site_name = v;
  else if (k == "page:html-lang") g_config_input.html_lang = v;
  else if (k == "page:title") g_config_input.title = v;
  else if (k == "page:host") g_config_input.page_host = v;
  else g_config_input.attributes[k] = v;
}

/// Resolves the configuration collected since pw_config_begin(), the leave-site
/// options included (kept for pw_leave_classify: the configuration is built once):
/// {"config": {"siteName", "siteHosts", "lang", "allow", "leave", "leaveMessage",
/// "leaveCountdown", "leaveRemember", "colorScheme"}, "errors": [{id, source, message}]}.
/// In the `core` module (hosts in ASCII only, core/host.h) a host list that needs
/// IDN or IP parsing gives {"full": true} instead: the page then resolves its
/// configuration in the `core-full` module (web/runtime/boot.js).
PW_EXPORT const char* pw_config_resolve() {
  pw::ConfigResult r = pw::resolve_config(g_config_input);
  auto attribute = [](const char* name) -> std::string_view {
    auto it = g_config_input.attributes.find(name);
    return it == g_config_input.attributes.end() ? std::string_view() : std::string_view(it->second);
  };
  std::string site_hosts;
  for (const std::string& host : r.config.site_hosts) site_hosts += host + " ";
  pw::LeaveAttributes leave_attributes;
  leave_attributes.site_hosts = site_hosts;
  leave_attributes.allow = attribute("data-allow");
  leave_attributes.leave = attribute("data-leave");
  leave_attributes.message = attribute("data-leave-message");
  leave_attributes.countdown = attribute("data-leave-countdown");
  leave_attributes.remember = attribute("data-leave-remember");
  pw::LeaveConfig& leave = pw::bind::leave_config();
  leave = pw::parse_leave_config(leave_attributes, &r.errors);
  if (pw::take_full_host_parser_needed()) return "{\"full\":true}";

  pw::JsonWriter w;
  w.begin_object().key("config").begin_object();
  w.key("siteName").value(r.config.site_name);
  w.key("siteHosts").begin_array();
  for (const std::string& host : r.config.site_hosts) w.value(host);
  w.end_array();
  w.key("lang").value(pw::language_tag(r.config.lang));
  w.key("allow").begin_array();
  for (const pw::HostPattern& p : leave.allow) w.value((p.subdomains ? "*." : "") + p.host);
  w.end_array();
  w.key("leave").value(pw::bind::leave_mode_id(leave.mode));
  w.key("leaveMessage").value(leave.message);
  w.key("leaveCountdown").value(leave.countdown_seconds);
  w.key("leaveRemember").value(leave.remember == pw::LeaveRemember::visit ? "visit" : "off");
  w.key("colorScheme").value(pw::color_scheme_name(r.config.color_scheme));
  w.end_object();
  w.key("errors").errors(r.errors);
  w.end_object();
  return pw::bind::result(w.take());
}
