// Which in-app browser a page runs in, from navigator.userAgent.
//
// Chinese messaging and payment apps open links in their own web views. Two things
// differ there from a normal browser, and both widgets that care ask this unit:
//  - they recognise a QR code only when the reader long-presses an *image*
//    (an inline <svg> offers nothing on long-press), so <pw-qrcode render="auto">
//    draws a PNG <img> there (core/qr.h, qr_render_for);
//  - they block downloads, so the share card is shown as an image to long-press
//    (core/qr.h, qr_save_method).
// The table is the one list of these apps; docs/qrcode.md prints it.
#pragma once

#include <string_view>

namespace pw {

// One in-app browser: `marker` is a substring of its user agent (case-sensitive, as
// the apps write it), `name` what the docs and tests call it.
struct InAppBrowser {
  const char* name;
  const char* marker;
};

// The known in-app browsers, in the order they are tried; `*count` gets the length.
const InAppBrowser* in_app_browsers(int* count);

// The in-app browser whose marker `user_agent` contains, or nullptr for any other
// browser (and for an empty user agent).
const InAppBrowser* in_app_browser(std::string_view user_agent);

}  // namespace pw
