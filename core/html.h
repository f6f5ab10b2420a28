// Escaping text for HTML and XML (the QR code's SVG, the CLI's server-rendered
// related lists). One escaper for both: the five characters that can end a
// text node or a quoted attribute value.
#pragma once

#include <string>
#include <string_view>

namespace pw {

/// Appends `text` to `out` with '<', '>', '&', '"' and '\'' written as
/// character references (&lt; &gt; &amp; &quot; &#39;), so the result is safe
/// as an HTML or XML text node and inside a single- or double-quoted attribute
/// value. Other bytes, UTF-8 included, are copied unchanged; the caller passes
/// valid UTF-8.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace pw
