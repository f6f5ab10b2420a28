// Host lists and link classification (core/host.h, core/leave_site.h).
// Line 1: data-site-hosts; line 2: data-allow; every further line a link as
// the browser's URL parser gives its parts, tab-separated: scheme, host, port,
// path, query, fragment (a line starting with "!" is opted out).
// Invariants: every listed host is normalised (normalising it again changes
// nothing) and normalize_host() is idempotent on anything it accepts; a
// decision is pass or confirm with a reason of that action; display_host()
// gives the ASCII form back.
#include "core/host.h"
#include "core/leave_site.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

void check_normalised(const std::string& host) {
  std::string again, why;
  if (!pw::normalize_host(host, &again, &why) || again != host) pw::fuzz::fail("a normalised host changes when normalised again");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> fields = pw::fuzz::lines(data, size, 3);
  pw::Errors errors;
  const auto hosts = pw::parse_host_list(fields[0], false, "data-site-hosts", "pw.config.bad_site_hosts", &errors);
  const auto allow = pw::parse_host_list(fields[1], true, "data-allow", "pw.config.bad_allow", &errors);
  for (const auto& p : hosts) check_normalised(p.host);
  for (const auto& p : allow) check_normalised(p.host);
  for (const pw::Error& e : errors) {
    if (e.message.empty()) pw::fuzz::fail("an error without a message");
  }
  for (std::string_view entry : {fields[0], fields[1]}) {
    std::string out, why;
    if (pw::normalize_host(entry, &out, &why)) check_normalised(out);
    else if (why.empty()) pw::fuzz::fail("a refusal without a reason");
  }

  pw::LeaveConfig config;
  config.site_hosts = hosts;
  config.allow = allow;
  pw::UrlParts page;
  page.scheme = "https:";
  page.host = "www.example.gov.cn";
  page.path = "/art/2024/5/20/art_1_2.html";
  page.query = "?id=1";
  for (std::string_view line : pw::fuzz::split(fields[2], '\n')) {
    const bool opted_out = !line.empty() && line.front() == '!';
    if (opted_out) line.remove_prefix(1);
    std::vector<std::string_view> parts = pw::fuzz::split(line, '\t');
    parts.resize(6);
    pw::UrlParts link;
    link.valid = !line.empty();
    link.scheme = std::string(parts[0]);
    link.host = std::string(parts[1]);
    link.port = std::string(parts[2]);
    link.path = std::string(parts[3]);
    link.query = std::string(parts[4]);
    link.fragment = std::string(parts[5]);
    const pw::LeaveDecision d = pw::classify_link(link, page, config, opted_out);
    const bool confirm_reason = d.reason == pw::LeaveReason::external || d.reason == pw::LeaveReason::other_scheme;
    if ((d.action == pw::LeaveAction::confirm) != confirm_reason) pw::fuzz::fail("action and reason disagree");
    const pw::HostDisplay shown = pw::display_host(d.host);
    if (shown.ascii != pw::canonical_host(d.host)) pw::fuzz::fail("display_host changed the ASCII form");
  }
  return 0;
}
