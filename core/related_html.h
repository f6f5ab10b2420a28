// A related list as a server-rendered HTML fragment: what `pw-related --html`
// writes for a CMS to include inside <pw-related> (docs/related.md
// "Server-rendered lists"). Pages without JavaScript show it as it is; the
// widget keeps its order and only adds the 新 badge.
#pragma once

#include <string>
#include <vector>

#include "core/feed.h"

namespace pw {

/// One <ul> fragment, UTF-8, ending in a newline:
///   <ul class="pw-related-list" data-pw-ranked>
///   <li class="pw-related-item"><a class="pw-related-link" href="URL">TITLE</a>
///    <time class="pw-related-date" datetime="2022-06-18T09:30">2022-06-18</time></li>
///   …
///   </ul>
/// (each <li> on one line). Titles and URLs are escaped with
/// append_html_escaped(), so no feed text becomes markup; the <time> is left
/// out for undated articles. `items` are written in the order given (the
/// ranked order); an empty list is an empty <ul>, so an include never fails.
/// Articles are assumed valid (as parse_feed() leaves them: http(s) or
/// relative URLs, dates "YYYY-MM-DD" or "YYYY-MM-DD HH:MM").
std::string related_list_html(const std::vector<const Article*>& items);

}  // namespace pw
