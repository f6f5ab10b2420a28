#include "core/leave_site.h"

#include "core/config.h"
#include "core/utf8.h"

namespace pw {
namespace {

std::string_view trim_spaces(std::string_view text) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

Error attribute_error(const char* id, const char* attribute, std::string_view value,
                      std::string_view problem, std::string_view expected) {
  return Error{id, attribute, concat({attribute, "=\"", value, "\": ", problem, "; expected ", expected})};
}

// Scheme without ":" in lower case, query without "?", fragment without "#".
std::string scheme_of(const UrlParts& url) {
  std::string scheme;
  for (char c : url.scheme) scheme += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  if (!scheme.empty() && scheme.back() == ':') scheme.pop_back();
  return scheme;
}
std::string_view without_prefix(std::string_view text, char prefix) {
  if (!text.empty() && text.front() == prefix) text.remove_prefix(1);
  return text;
}

bool same_document(const UrlParts& link, const UrlParts& page) {
  return scheme_of(link) == scheme_of(page) && canonical_host(link.host) == canonical_host(page.host) &&
         link.port == page.port && link.path == page.path &&
         without_prefix(link.query, '?') == without_prefix(page.query, '?');
}

// Checks a message template: only {site} and {host}, every "{" closed.
bool check_message(std::string_view message, std::string* problem) {
  if (message.size() > kMaxLeaveMessageBytes) {
    *problem = "the message is longer than 500 bytes";
    return false;
  }
  std::u32string ignored;
  if (!utf8_decode(message, &ignored)) {
    *problem = "the message is not valid UTF-8";
    return false;
  }
  if (const uint32_t control = first_invisible_control(message)) {
    *problem = concat({"the message contains an invisible control character (", code_point_name(control), ")"});
    return false;
  }
  for (size_t i = 0; i < message.size(); ++i) {
    if (message[i] != '{') continue;
    size_t close = message.find('}', i);
    if (close == std::string_view::npos) {
      *problem = "\"{\" is not closed by \"}\"";
      return false;
    }
    std::string_view name = message.substr(i + 1, close - i - 1);
    if (name != "site" && name != "host") {
      *problem = concat({"\"", message.substr(i, close - i + 1), "\" is not a placeholder"});
      return false;
    }
    i = close;
  }
  return true;
}

// host is already canonical (canonical_host): canonicalising twice would turn
// "site.cn.." into "site.cn".
bool is_site_host(const LeaveConfig& config, std::string_view page_host, std::string_view host) {
  if (host.empty()) return false;
  if (host == canonical_host(page_host)) return true;
  for (const HostPattern& site : config.site_hosts) {
    if (site.host == host) return true;
  }
  return false;
}

}  // namespace

const char* leave_reason_id(LeaveReason reason) {
  switch (reason) {
    case LeaveReason::same_page: return "same-page";
    case LeaveReason::same_site: return "same-site";
    case LeaveReason::allowlisted: return "allowlisted";
    case LeaveReason::non_navigating: return "non-navigating";
    case LeaveReason::opted_out: return "opted-out";
    case LeaveReason::invalid: return "invalid";
    case LeaveReason::external: return "external";
    case LeaveReason::other_scheme: return "other-scheme";
  }
  return "invalid";
}

const char* leave_action_id(LeaveAction action) {
  return action == LeaveAction::confirm ? "confirm" : "pass";
}

LeaveConfig parse_leave_config(const LeaveAttributes& attributes, Errors* errors) {
  LeaveConfig config;
  auto report = [&](Error error) {
    if (errors) errors->push_back(std::move(error));
  };
  config.site_hosts = parse_host_list(attributes.site_hosts, /*allow_wildcards=*/false,
                                      "data-site-hosts", "pw.config.bad_site_hosts", errors);
  config.allow = parse_host_list(attributes.allow, /*allow_wildcards=*/true, "data-allow",
                                 "pw.config.bad_allow", errors);

  std::string_view leave = trim_spaces(attributes.leave);
  if (leave.empty() || equals_ignoring_ascii_case(leave, "dialog")) {
    config.mode = LeaveMode::dialog;
  } else if (equals_ignoring_ascii_case(leave, "mark")) {
    config.mode = LeaveMode::mark;
  } else if (equals_ignoring_ascii_case(leave, "off")) {
    config.mode = LeaveMode::off;
  } else {
    report(attribute_error("pw.config.bad_leave", "data-leave", attributes.leave,
                           concat({"\"", leave, "\" is not a mode"}),
                           "\"dialog\" (ask), \"mark\" (mark external links) or \"off\""));
  }

  if (!attributes.message.empty()) {
    std::string problem;
    if (check_message(attributes.message, &problem)) {
      config.message.assign(attributes.message.data(), attributes.message.size());
    } else {
      report(attribute_error("pw.config.bad_leave_message", "data-leave-message",
                             attributes.message, problem,
                             "text of at most 500 bytes with the placeholders {site} and {host}, "
                             "such as \"即将离开“{site}”，前往 {host}，是否继续？\""));
    }
  }

  std::string_view countdown = trim_spaces(attributes.countdown);
  if (!countdown.empty()) {
    // Digits only; the value saturates above the limit, so any length of
    // digits reads as "more than 60" and nothing overflows.
    int seconds = 0;
    bool ok = true;
    for (char c : countdown) {
      if (c < '0' || c > '9') ok = false;
      else if (seconds <= kMaxLeaveCountdown) seconds = seconds * 10 + (c - '0');
    }
    if (ok && seconds <= kMaxLeaveCountdown) {
      config.countdown_seconds = seconds;
    } else {
      report(attribute_error(
          "pw.config.bad_leave_countdown", "data-leave-countdown", attributes.countdown,
          concat({"\"", countdown, ok ? "\" is more than 60 seconds" : "\" is not a whole number of seconds"}),
          "a whole number of seconds from 0 (never continue automatically) to 60, such as \"5\""));
    }
  }

  std::string_view remember = trim_spaces(attributes.remember);
  if (remember.empty() || equals_ignoring_ascii_case(remember, "off")) {
    config.remember = LeaveRemember::off;
  } else if (equals_ignoring_ascii_case(remember, "visit")) {
    config.remember = LeaveRemember::visit;
  } else {
    report(attribute_error("pw.config.bad_leave_remember", "data-leave-remember",
                           attributes.remember, concat({"\"", remember, "\" is not a choice"}),
                           "\"visit\" (don't ask again for that host during this visit) or \"off\""));
  }
  return config;
}

LeaveDecision classify_link(const UrlParts& link, const UrlParts& page, const LeaveConfig& config,
                            bool opted_out) {
  LeaveDecision decision;
  decision.host = canonical_host(link.host);
  auto verdict = [&](LeaveAction action, LeaveReason reason) {
    decision.action = action;
    decision.reason = reason;
    return decision;
  };
  if (opted_out) return verdict(LeaveAction::pass, LeaveReason::opted_out);
  std::string scheme = scheme_of(link);
  if (!link.valid || scheme.empty()) return verdict(LeaveAction::pass, LeaveReason::invalid);
  // Browsers refuse top-level navigation to data: URLs.
  if (scheme == "data") return verdict(LeaveAction::pass, LeaveReason::invalid);
  if (scheme == "javascript" || scheme == "mailto" || scheme == "tel" || scheme == "sms") {
    return verdict(LeaveAction::pass, LeaveReason::non_navigating);
  }
  if (scheme != "http" && scheme != "https") {
    return verdict(LeaveAction::confirm, LeaveReason::other_scheme);
  }
  if (decision.host.empty()) return verdict(LeaveAction::pass, LeaveReason::invalid);
  if (same_document(link, page)) return verdict(LeaveAction::pass, LeaveReason::same_page);
  if (is_site_host(config, page.host, decision.host)) {
    return verdict(LeaveAction::pass, LeaveReason::same_site);
  }
  if (host_matches_any(config.allow, decision.host)) {
    return verdict(LeaveAction::pass, LeaveReason::allowlisted);
  }
  return verdict(LeaveAction::confirm, LeaveReason::external);
}

std::string format_leave_message(std::string_view message_template, std::string_view site,
                                 std::string_view host) {
  std::string out;
  for (size_t i = 0; i < message_template.size(); ++i) {
    std::string_view rest = message_template.substr(i);
    if (rest.substr(0, 6) == "{site}") {
      out.append(site.data(), site.size());
      i += 5;
    } else if (rest.substr(0, 6) == "{host}") {
      out.append(host.data(), host.size());
      i += 5;
    } else {
      out += message_template[i];
    }
  }
  return out;
}

std::string legacy_leave_prompt(std::string_view code, std::string_view classes) {
  static const char* const kClasses[] = {"out_href_warn", "out-href-warn", "outlink_warn", "wailian_warn"};
  for (const std::string& token : split_list(std::string(classes))) {
    const std::string lower = ascii_lower(token);
    for (const char* known : kClasses) {
      if (lower == known) return concat({"the class ", token, " on its links and the script that binds a prompt to it"});
    }
  }
  const std::string lower = ascii_lower(code);
  static const char* const kWords[] = {"\u79bb\u5f00", "\u96e2\u958b", "\u5916\u90e8", "\u5916\u7f51",
                                       "\u5916\u7db2", "leave", "leaving"};
  for (std::size_t at = lower.find("confirm"); at != std::string::npos; at = lower.find("confirm", at + 1)) {
    std::size_t i = at + 7;
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    if (i >= lower.size() || lower[i] != '(') continue;
    const std::string rest = lower.substr(i);
    for (const char* word : kWords) {
      if (rest.find(word) != std::string::npos) return "the inline confirm(…) in its onclick or href";
    }
  }
  return "";
}

}  // namespace pw
