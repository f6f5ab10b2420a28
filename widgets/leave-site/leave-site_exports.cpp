// C ABI of leave-site confirmation (core/leave_site.h, core/host.h).
// Binding only: strings in, JSON out; every rule lives in the core.
#include "core/leave_site.h"
#include "web/bindings.h"
#include "widgets/leave-site/leave-site_state.h"

namespace pw::bind {

LeaveConfig& leave_config() {
  static LeaveConfig config;
  return config;
}

const char* leave_mode_id(LeaveMode mode) {
  switch (mode) {
    case LeaveMode::mark: return "mark";
    case LeaveMode::off: return "off";
    case LeaveMode::dialog: break;
  }
  return "dialog";
}

}  // namespace pw::bind

/// Classifies a link from the parts the browser's URL parser gave (valid = 0
/// when it could not parse the href) against the page's parts.
/// Returns {"action", "reason", "host"}.
PW_EXPORT const char* pw_leave_classify(const char* scheme, const char* host, const char* port,
                                        const char* path, const char* query, const char* fragment,
                                        int valid, const char* page_scheme, const char* page_host,
                                        const char* page_port, const char* page_path,
                                        const char* page_query, int opted_out) {
  pw::UrlParts link{pw::bind::str(scheme), pw::bind::str(host),  pw::bind::str(port),
                    pw::bind::str(path),   pw::bind::str(query), pw::bind::str(fragment),
                    valid != 0};
  pw::UrlParts page{pw::bind::str(page_scheme), pw::bind::str(page_host), pw::bind::str(page_port),
                    pw::bind::str(page_path),   pw::bind::str(page_query), std::string(), true};
  const pw::LeaveDecision d = pw::classify_link(link, page, pw::bind::leave_config(), opted_out != 0);
  pw::JsonWriter w;
  w.begin_object();
  w.key("action").value(pw::leave_action_id(d.action));
  w.key("reason").value(pw::leave_reason_id(d.reason));
  w.key("host").value(d.host);
  w.end_object();
  return pw::bind::result(w.take());
}

/// How to show a host: {"unicode", "ascii", "showAscii"}; in the `core` module
/// {"full": true} for a host with an "xn--" label (core/host.h): ask `core-full`.
PW_EXPORT const char* pw_leave_display_host(const char* host) {
  const pw::HostDisplay d = pw::display_host(pw::bind::str(host));
  if (pw::take_full_host_parser_needed()) return "{\"full\":true}";
  pw::JsonWriter w;
  w.begin_object();
  w.key("unicode").value(d.unicode);
  w.key("ascii").value(d.ascii);
  w.key("showAscii").value(d.show_ascii);
  w.end_object();
  return pw::bind::result(w.take());
}

/// Fills a message template's {site} and {host}: {"text"}.
PW_EXPORT const char* pw_leave_format_message(const char* message_template, const char* site,
                                              const char* host) {
  pw::JsonWriter w;
  w.begin_object();
  w.key("text").value(pw::format_leave_message(pw::bind::str(message_template), pw::bind::str(site),
                                               pw::bind::str(host)));
  w.end_object();
  return pw::bind::result(w.take());
}

/// {"remove"}: what to remove for the page's own leave prompt on a link (""
/// when none); `code` its onclick and href, `classes` its class attribute.
PW_EXPORT const char* pw_leave_legacy_prompt(const char* code, const char* classes) {
  pw::JsonWriter w;
  w.begin_object().key("remove").value(pw::legacy_leave_prompt(pw::bind::str(code), pw::bind::str(classes)));
  w.end_object();
  return pw::bind::result(w.take());
}
