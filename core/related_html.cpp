#include "core/related_html.h"

#include "core/html.h"

namespace pw {

std::string related_list_html(const std::vector<const Article*>& items) {
  std::string out = "<ul class=\"pw-related-list\" data-pw-ranked>\n";
  for (const Article* a : items) {
    out += "<li class=\"pw-related-item\"><a class=\"pw-related-link\" href=\"";
    append_html_escaped(out, a->url);
    out += "\">";
    append_html_escaped(out, a->title);
    out += "</a>";
    if (!a->date.empty()) {
      // The machine-readable form takes a "T" between date and time (HTML's
      // valid local date and time string); the visible one is the day only,
      // as the widget shows it.
      std::string datetime = a->date;
      if (datetime.size() > 10) datetime[10] = 'T';
      out += " <time class=\"pw-related-date\" datetime=\"";
      append_html_escaped(out, datetime);
      out += "\">";
      append_html_escaped(out, std::string_view(a->date).substr(0, 10));
      out += "</time>";
    }
    out += "</li>\n";
  }
  out += "</ul>\n";
  return out;
}

}  // namespace pw
