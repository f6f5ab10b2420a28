// The script tag's and the elements' attributes (core/config.h,
// core/leave_site.h, core/qr.h, core/related.h). Each line is "name=value" as
// the loader passes them: script-tag attributes ("data-site-hosts=..."), the
// page facts ("page:title=..."), and element attributes ("qrcode:fg=...",
// "related:limit=..."). Invariants: every error has an id, a source and a
// message; the site name is never empty; every site host is already in the
// form normalize_host() gives (normalising it again changes nothing).
#include <map>

#include "core/config.h"
#include "core/host.h"
#include "core/leave_site.h"
#include "core/qr.h"
#include "core/related.h"
#include "core/utf8.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

void check(const pw::Errors& errors) {
  for (const pw::Error& e : errors) {
    if (e.id.rfind("pw.", 0) != 0 || e.source.empty() || e.message.empty()) pw::fuzz::fail("an error without id, source or message");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pw::ConfigInput input;
  std::map<std::string, std::string> element;
  for (std::string_view line : pw::fuzz::split(text, '\n')) {
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string key(line.substr(0, eq));
    const std::string value(line.substr(eq + 1));
    if (key == "page:meta-site-name") input.meta_site_name = value;
    else if (key == "page:html-lang") input.html_lang = value;
    else if (key == "page:title") input.title = value;
    else if (key == "page:host") input.page_host = value;
    else if (key.rfind("data-", 0) == 0) input.attributes[key] = value;
    else element[key] = value;
  }
  const pw::ConfigResult config = pw::resolve_config(input);
  check(config.errors);
  if (config.config.site_name.empty()) pw::fuzz::fail("empty site name");
  for (const std::string& host : config.config.site_hosts) {
    std::string again;
    if (host == pw::ascii_lower(input.page_host)) continue;  // the page's host comes from the browser
    if (!pw::normalize_host(host, &again, nullptr) || again != host) pw::fuzz::fail("a site host is not normalised");
  }

  auto attr = [&](const char* name) -> std::string_view {
    auto it = input.attributes.find(name);
    return it == input.attributes.end() ? std::string_view() : std::string_view(it->second);
  };
  pw::Errors leave_errors;
  pw::LeaveAttributes leave{attr("data-site-hosts"), attr("data-allow"), attr("data-leave"),
                            attr("data-leave-message"), attr("data-leave-countdown"), attr("data-leave-remember")};
  const pw::LeaveConfig leave_config = pw::parse_leave_config(leave, &leave_errors);
  check(leave_errors);
  if (leave_config.countdown_seconds < 0 || leave_config.countdown_seconds > pw::kMaxLeaveCountdown) pw::fuzz::fail("countdown out of range");
  for (const pw::HostPattern& p : leave_config.allow) {
    std::string again;
    if (!pw::normalize_host(p.host, &again, nullptr) || again != p.host) pw::fuzz::fail("an allow-listed host is not normalised");
  }
  pw::format_leave_message(leave_config.message, config.config.site_name, "www.example.com");

  pw::Errors related_errors;
  pw::related_options(element["related:limit"], element["related:sort"], element["related:days-new"], &related_errors);
  check(related_errors);

  // Encoding a code is the qr target's work: only when the input has <pw-qrcode> attributes.
  if (element.find("qrcode:ecc") == element.end() && element.find("qrcode:fg") == element.end() &&
      element.find("qrcode:bg") == element.end() && element.find("qrcode:text") == element.end()) {
    return 0;
  }
  pw::QrElementInput qr;
  // A short default keeps the encoding (the qr target's work) to version 1.
  qr.text = element["qrcode:text"].empty() ? "https://a.gov.cn/" : element["qrcode:text"];
  qr.ecc = element["qrcode:ecc"];
  qr.fg = element["qrcode:fg"];
  qr.bg = element["qrcode:bg"];
  qr.logo = !element["qrcode:logo"].empty();
  const pw::QrElementResult code = pw::resolve_qr_element(qr);
  check(code.errors);
  pw::Error size_error;
  const int qr_size = pw::parse_qr_size(element["qrcode:size"], 160, &size_error);
  if (qr_size <= 0) pw::fuzz::fail("a QR size of 0 or less");

  pw::Error url_error;
  const std::string page_url = element["qrcode:page"].empty() ? std::string(qr.text) : element["qrcode:page"];
  pw::qr_page_url(page_url, element["qrcode:canonical"], attr("data-site-hosts"), element["qrcode:strip-params"], &url_error);

  return 0;
}
