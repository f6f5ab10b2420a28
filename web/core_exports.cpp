// C ABI of the loader's part of the core module: version and script-tag config.
// Binding only: types in, JSON out; every rule lives in core/config.cpp.
#include "core/config.h"
#include "core/version.h"
#include "web/bindings.h"

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

/// Resolves the configuration collected since pw_config_begin():
/// {"config": {"siteName", "siteHosts", "lang"}, "errors": [{id, source, message}]}.
PW_EXPORT const char* pw_config_resolve() {
  const pw::ConfigResult r = pw::resolve_config(g_config_input);
  pw::JsonWriter w;
  w.begin_object().key("config").begin_object();
  w.key("siteName").value(r.config.site_name);
  w.key("siteHosts").begin_array();
  for (const std::string& host : r.config.site_hosts) w.value(host);
  w.end_array();
  w.key("lang").value(pw::language_tag(r.config.lang));
  w.end_object();
  w.key("errors").errors(r.errors);
  w.end_object();
  return pw::bind::result(w.take());
}
