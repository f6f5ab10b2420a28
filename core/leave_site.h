// Leave-site confirmation: which links ask before the reader leaves the site.
//
// The browser's URL parser decides where a click goes; this unit classifies the
// parsed parts of the link and of the page (pw::UrlParts) against the site's
// configuration (pw::LeaveConfig), so the rules are plain functions tested
// natively with the same table of link cases the browser tests use.
//
// Order of the rules (the first that applies wins):
//   1. the link element opted out (data-pw-leave="off")  -> pass  "opted-out"
//   2. the browser would not navigate (unparsable href,
//      data: URL, special scheme without host)           -> pass  "invalid"
//   3. javascript:, mailto:, tel:, sms:                    -> pass  "non-navigating"
//   4. any scheme other than http/https                    -> confirm "other-scheme"
//   5. same URL as the page but the fragment               -> pass  "same-page"
//   6. host is the page's host or a site host (any port)   -> pass  "same-site"
//   7. host matches an allow entry                         -> pass  "allowlisted"
//   8. anything else                                       -> confirm "external"
// The scheme is checked before the host, so "javascript://www.example.gov.cn"
// never counts as same-site, and "weixin://" always asks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/host.h"
#include "core/url.h"

namespace pw {

enum class LeaveAction { pass, confirm };

enum class LeaveReason {
  same_page, same_site, allowlisted, non_navigating, opted_out, invalid,  // pass
  external, other_scheme                                                  // confirm
};

// The contract's reason ids: "same-page", "same-site", "allowlisted",
// "non-navigating", "opted-out", "invalid", "external", "other-scheme".
const char* leave_reason_id(LeaveReason reason);

// "pass" or "confirm".
const char* leave_action_id(LeaveAction action);

struct LeaveDecision {
  LeaveAction action = LeaveAction::pass;
  LeaveReason reason = LeaveReason::invalid;
  std::string host;  // the link's host, canonical ASCII (no trailing dot); "" if none
};

// data-leave: what happens to links that need confirmation.
enum class LeaveMode { dialog, mark, off };
// data-leave-remember: whether 继续访问 is remembered per host for this visit.
enum class LeaveRemember { off, visit };

// The leave-site part of the script tag's configuration.
struct LeaveConfig {
  std::vector<HostPattern> site_hosts;  // data-site-hosts (exact hosts)
  std::vector<HostPattern> allow;       // data-allow (exact hosts and "*." wildcards)
  LeaveMode mode = LeaveMode::dialog;
  std::string message;                  // data-leave-message; "" = the language's default
  int countdown_seconds = 0;            // data-leave-countdown, 0..kMaxLeaveCountdown
  LeaveRemember remember = LeaveRemember::off;
};

constexpr int kMaxLeaveCountdown = 60;      // seconds
constexpr size_t kMaxLeaveMessageBytes = 500;

// The raw attribute values (UTF-8). An empty value means "absent": the default.
struct LeaveAttributes {
  std::string_view site_hosts;  // data-site-hosts
  std::string_view allow;       // data-allow
  std::string_view leave;       // data-leave
  std::string_view message;     // data-leave-message
  std::string_view countdown;   // data-leave-countdown
  std::string_view remember;    // data-leave-remember
};

// Parses and validates the attributes. Never fails as a whole: each bad
// attribute (or each bad entry of a host list) appends one Error to *errors
// (may be null) and falls back to its default, the valid entries of a list
// still apply. Error ids (source = the attribute name):
//   pw.config.bad_site_hosts       an entry of data-site-hosts (no wildcards)
//   pw.config.bad_allow            an entry of data-allow
//   pw.config.bad_leave            data-leave not dialog|mark|off
//   pw.config.bad_leave_message    data-leave-message with a "{name}" other than
//                                  {site}/{host}, an unclosed "{", invalid UTF-8
//                                  or more than kMaxLeaveMessageBytes bytes
//   pw.config.bad_leave_countdown  not a whole number of seconds 0..60
//   pw.config.bad_leave_remember   data-leave-remember not visit|off
// Keyword values are matched ASCII-case-insensitively after trimming spaces.
LeaveConfig parse_leave_config(const LeaveAttributes& attributes, Errors* errors);

// Classifies a link (see the rule order at the top of this file). page is the
// document's URL (not the base URL: relative hrefs are resolved by the caller).
// opted_out = the link element (or its select) has data-pw-leave="off".
// Never fails: an invalid link gives pass/"invalid".
LeaveDecision classify_link(const UrlParts& link, const UrlParts& page, const LeaveConfig& config,
                            bool opted_out);

// Fills a message template: "{site}" becomes site, "{host}" becomes host; other
// text is copied as is (the caller renders it as text, never as HTML). A
// template that parse_leave_config rejected never reaches here; an unknown
// "{name}" is copied unchanged.
std::string format_leave_message(std::string_view message_template, std::string_view site,
                                 std::string_view host);

// A page's own leave prompt on a link, as old templates write it: an inline
// confirm( in `code` (the onclick text and a javascript: href, joined) whose
// text mentions leaving — 离开, 離開, 外部, 外网, 外網, "leave"/"leaving" (any
// case) — or a class that an old script binds its prompt to: out_href_warn,
// out-href-warn, outlink_warn, wailian_warn. Returns what the webmaster should
// remove so readers are not asked twice (e.g. "the inline confirm(…) in its
// onclick"), or "" when the link carries no such prompt.
std::string legacy_leave_prompt(std::string_view code, std::string_view classes);

}  // namespace pw
