#include "core/feed.h"

#include "core/json_sax.h"
#include "core/url.h"
#include "core/utf8.h"

namespace pw {

// ---------------------------------------------------------------- messages --

// A short, printable excerpt of untrusted text for an error message.
std::string excerpt(std::string_view text, size_t max_code_points) {
  std::string cleaned = clean_text(text);
  std::string out = "\"";
  size_t n = 0;
  for (size_t i = 0; i < cleaned.size();) {
    const size_t start = i;
    next_code_point(cleaned, &i);
    if (++n > max_code_points) {
      out += "…";
      break;
    }
    out.append(cleaned, start, i - start);
  }
  out += '"';
  return out;
}

namespace {

using json = nlohmann::json;

// "line 3, column 7" for a byte offset.
std::string where(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + decimal(line) + ", column " + decimal(column);
}

const char kShape[] =
    "expected {\"version\":1,\"articles\":[{\"title\":…,\"url\":…},…]} or an array of articles";

// ------------------------------------------------------------------- SAX ----

// Validates while nlohmann/json's lexer reads (core/json_sax.h), so no DOM is ever built:
// memory stays proportional to the articles kept, and hostile nesting is cut
// off at max_depth before anything recursive could run.
class FeedReader {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  enum class Mode { kFeed, kLine };

  // `line_index`: the 0-based line an article line comes from (Mode::kLine).
  FeedReader(Feed* feed, std::string_view base_url, const FeedLimits& limits, Mode mode,
             size_t line_index)
      : feed_(feed), base_url_(base_url), limits_(limits), mode_(mode),
        article_index_(line_index) {}

  // --- nlohmann::json_sax interface ---
  bool null() { return scalar(Kind::kNull, nullptr, false); }
  bool boolean(bool b) { return scalar(Kind::kBool, nullptr, b); }
  bool number_integer(number_integer_t n) {
    number_text_ = std::to_string(n);
    return scalar(n == 1 ? Kind::kOne : Kind::kNumber, nullptr, false);
  }
  bool number_unsigned(number_unsigned_t n) {
    number_text_ = std::to_string(n);
    return scalar(n == 1 ? Kind::kOne : Kind::kNumber, nullptr, false);
  }
  // 1.0 and 1e0 are the number 1 too (as for JSON Schema's "const": 1).
  bool number_float(number_float_t x, const string_t& text) {
    number_text_ = text;
    return scalar(x == 1.0 ? Kind::kOne : Kind::kNumber, nullptr, false);
  }
  bool string(string_t& s) { return scalar(Kind::kString, &s, false); }
  bool binary(binary_t&) { return scalar(Kind::kNumber, nullptr, false); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool key(string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string& reason) {
    parse_error_position_ = position;
    parse_error_text_ = reason;
    return false;
  }

  // --- results ---
  bool failed() const { return fatal_; }
  const Error& fatal_error() const { return fatal_error_; }
  bool has_parse_error() const { return !parse_error_text_.empty(); }
  size_t parse_error_position() const { return parse_error_position_; }
  const std::string& parse_error_text() const { return parse_error_text_; }
  bool saw_articles() const { return saw_articles_; }

 private:
  enum class Frame { kRootObject, kArticles, kArticle, kKeywords, kSkip };
  enum class Kind { kNull, kBool, kOne, kNumber, kString };

  struct Pending {
    bool has_title = false, has_url = false;
    std::string title, url, date, column, summary, text;
    std::vector<std::string> keywords;
    size_t keyword_count = 0;
    bool pinned = false;
    bool failed = false;
    Error error;
  };

  static const char* kind_name(Kind kind) {
    switch (kind) {
      case Kind::kNull: return "null";
      case Kind::kBool: return "a boolean";
      case Kind::kOne:
      case Kind::kNumber: return "a number";
      case Kind::kString: return "a string";
    }
    return "a value";
  }

  std::string source(const std::string& field) const {
    std::string s;
    if (mode_ == Mode::kLine) {
      s = "line " + decimal(article_index_ + 1);
      return field.empty() ? s : s + ": " + field;
    }
    s = (bare_array_ ? "[" : "articles[") + decimal(article_index_) + "]";
    return field.empty() ? s : s + "." + field;
  }

  bool fail(const char* id, std::string src, std::string message) {
    fatal_ = true;
    fatal_error_ = Error{id, std::move(src), std::move(message)};
    return false;
  }

  void item_error(const char* id, const std::string& field, std::string message) {
    if (pending_.failed) return;  // the first problem is the reason
    pending_.failed = true;
    const std::string src = source(field);
    pending_.error = Error{id, src, src + ": " + message};
  }

  void skip_item(Error error) {
    ++feed_->skipped;
    if (feed_->item_errors.size() < limits_.max_item_errors) {
      feed_->item_errors.push_back(std::move(error));
    }
  }

  // An element of the articles array that is not an object.
  void non_object_item(const char* what) {
    const std::string src = source("");
    skip_item(Error{"pw.related.item_not_object", src,
                    src + " is " + what + "; expected an article object {\"title\":…,\"url\":…}"});
  }

  bool begin_article_slot() {
    ++article_count_;
    if (article_count_ > limits_.max_articles) {
      return fail("pw.related.too_many_articles", mode_ == Mode::kLine ? "lines" : "articles",
                  "the feed has more than " + decimal(limits_.max_articles) +
                      " articles; expected at most " + decimal(limits_.max_articles) +
                      " (split it, or lower the number per column)");
    }
    if (mode_ == Mode::kFeed) article_index_ = article_count_ - 1;
    return true;
  }

  bool is_known_string_field() const {
    return key_ == "title" || key_ == "url" || key_ == "date" || key_ == "column" ||
           key_ == "summary" || key_ == "text";
  }

  bool open(bool object) {
    if (frames_.size() + 1 > limits_.max_depth) {
      return fail("pw.related.too_deep", "feed",
                  "the feed nests arrays and objects more than " + decimal(limits_.max_depth) +
                      " levels deep; a feed needs 4");
    }
    Frame next = Frame::kSkip;
    if (frames_.empty()) {
      if (mode_ == Mode::kLine) {
        if (object) {
          pending_ = Pending();
          next = Frame::kArticle;
        } else {
          non_object_item("an array");
        }
      } else if (object) {
        next = Frame::kRootObject;
      } else {
        bare_array_ = true;
        saw_articles_ = true;
        next = Frame::kArticles;
      }
    } else {
      switch (frames_.back()) {
        case Frame::kRootObject:
          if (key_ == "articles") {
            if (object) {
              return fail("pw.related.no_articles", "articles",
                          "\"articles\" is an object; expected an array of articles");
            }
            saw_articles_ = true;
            next = Frame::kArticles;
          } else if (key_ == "version") {
            return fail("pw.related.bad_version", "version",
                        std::string("\"version\" is ") + (object ? "an object" : "an array") +
                            "; expected the number 1");
          } else if (key_ == "ranked") {
            return fail("pw.related.bad_type", "ranked",
                        std::string("\"ranked\" is ") + (object ? "an object" : "an array") +
                            "; expected true or false");
          }
          break;
        case Frame::kArticles:
          if (!begin_article_slot()) return false;
          if (object) {
            pending_ = Pending();
            next = Frame::kArticle;
          } else {
            non_object_item("an array");
          }
          break;
        case Frame::kArticle:
          if (key_ == "keywords" && !object) {
            next = Frame::kKeywords;
          } else if (is_known_string_field() || key_ == "keywords" || key_ == "pinned") {
            item_error("pw.related.bad_type", key_,
                       std::string("is ") + (object ? "an object" : "an array") + "; expected " +
                           expected_type(key_));
          }
          break;
        case Frame::kKeywords:
          item_error("pw.related.bad_type", "keywords[" + decimal(pending_.keyword_count) + "]",
                     std::string("is ") + (object ? "an object" : "an array") +
                         "; expected a string");
          ++pending_.keyword_count;
          break;
        case Frame::kSkip:
          break;
      }
    }
    frames_.push_back(next);
    return true;
  }

  static const char* expected_type(const std::string& field) {
    if (field == "keywords") return "an array of strings";
    if (field == "pinned") return "true or false";
    if (field == "date") return "a string \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM\"";
    return "a string";
  }

  bool close() {
    const Frame done = frames_.back();
    frames_.pop_back();
    if (done == Frame::kArticle) finish_article();
    return true;
  }

  bool scalar(Kind kind, string_t* text, bool flag) {
    if (frames_.empty()) {
      if (mode_ == Mode::kLine) {
        non_object_item(kind_name(kind));
        return true;
      }
      return fail("pw.related.bad_root", "feed",
                  std::string("the feed is ") + kind_name(kind) + "; " + kShape);
    }
    switch (frames_.back()) {
      case Frame::kRootObject:
        if (key_ == "version" && kind != Kind::kOne) {
          std::string what = kind_name(kind);
          if (kind == Kind::kString) what = "the string " + excerpt(*text);
          if (kind == Kind::kNumber) what = number_text_.substr(0, 24);  // digits, sign, '.', 'e'
          return fail("pw.related.bad_version", "version",
                      "\"version\" is " + what +
                          "; expected the number 1 (the only feed version so far)");
        }
        if (key_ == "ranked") {
          if (kind != Kind::kBool) {
            return fail("pw.related.bad_type", "ranked",
                        std::string("\"ranked\" is ") + kind_name(kind) + "; expected true or false");
          }
          feed_->ranked = flag;
          return true;
        }
        if (key_ == "articles") {
          return fail("pw.related.no_articles", "articles",
                      std::string("\"articles\" is ") + kind_name(kind) +
                          "; expected an array of articles");
        }
        return true;
      case Frame::kArticles:
        if (!begin_article_slot()) return false;
        non_object_item(kind_name(kind));
        return true;
      case Frame::kArticle:
        article_field(kind, text, flag);
        return true;
      case Frame::kKeywords: {
        const std::string field = "keywords[" + decimal(pending_.keyword_count++) + "]";
        if (kind == Kind::kString) {
          if (pending_.keywords.size() < limits_.max_keywords + 1) {
            pending_.keywords.push_back(std::move(*text));
          }
        } else {
          item_error("pw.related.bad_type", field,
                     std::string("is ") + kind_name(kind) + "; expected a string");
        }
        return true;
      }
      case Frame::kSkip:
        return true;
    }
    return true;
  }

  void article_field(Kind kind, string_t* text, bool flag) {
    if (key_ == "pinned") {
      if (kind == Kind::kBool) {
        pending_.pinned = flag;
      } else if (kind != Kind::kNull) {
        item_error("pw.related.bad_type", "pinned",
                   std::string("is ") + kind_name(kind) + "; expected true or false");
      }
      return;
    }
    if (key_ == "keywords") {
      if (kind != Kind::kNull) {
        item_error("pw.related.bad_type", "keywords",
                   std::string("is ") + kind_name(kind) + "; expected an array of strings");
      }
      return;
    }
    if (!is_known_string_field()) return;  // unknown fields are ignored (forward compatible)
    if (kind != Kind::kString) {
      if (kind == Kind::kNull) return;  // null = absent; required fields are checked at the end
      item_error("pw.related.bad_type", key_,
                 std::string("is ") + kind_name(kind) + "; expected " + expected_type(key_));
      return;
    }
    if (key_ == "title") {
      pending_.has_title = true;
      pending_.title = std::move(*text);
    } else if (key_ == "url") {
      pending_.has_url = true;
      pending_.url = std::move(*text);
    } else if (key_ == "date") {
      pending_.date = std::move(*text);
    } else if (key_ == "column") {
      pending_.column = std::move(*text);
    } else if (key_ == "summary") {
      pending_.summary = std::move(*text);
    } else {
      pending_.text = std::move(*text);
    }
  }

  // Cleans `raw` into *out; false (with an item error) when longer than `max` code points.
  bool clean_field(const std::string& field, const std::string& raw, size_t max, std::string* out) {
    *out = clean_text(raw);
    const size_t length = code_point_count(*out);
    if (length > max) {
      item_error("pw.related.too_long", field,
                 "is " + decimal(length) + " characters long (" + excerpt(*out) +
                     "); expected at most " + decimal(max));
      return false;
    }
    return true;
  }

  void finish_article() {
    Pending& p = pending_;
    Article a;
    a.index = article_index_;
    if (!p.failed && !p.has_title) {
      item_error("pw.related.missing_field", "title", "has no \"title\"; expected a string");
    }
    if (!p.failed && !p.has_url) {
      item_error("pw.related.missing_field", "url", "has no \"url\"; expected a string");
    }
    if (!p.failed && clean_field("title", p.title, limits_.max_title, &a.title) &&
        a.title.empty()) {
      item_error("pw.related.empty_title", "title",
                 "is " + excerpt(p.title) + ", which has no visible text; expected a title");
    }
    if (!p.failed) {
      if (p.url.size() > limits_.max_url) {
        item_error("pw.related.too_long", "url",
                   "is " + decimal(p.url.size()) + " bytes long (" + excerpt(p.url) +
                       "); expected at most " + decimal(limits_.max_url));
      } else {
        std::string scheme;
        if (!resolve_url(p.url, base_url_, &a.url, &scheme)) {
          if (!scheme.empty()) {
            item_error("pw.related.bad_url_scheme", "url",
                       excerpt(p.url) + " uses the " + excerpt(scheme, 20) +
                           " scheme; expected an http(s) URL or a relative URL");
          } else {
            item_error("pw.related.bad_url", "url",
                       excerpt(p.url) +
                           " is not a usable URL; expected an http(s) URL with a host, or a "
                           "relative URL such as \"/art/2022/6/18/art_1.html\"");
          }
        }
      }
    }
    if (!p.failed && !p.date.empty()) {
      if (!parse_article_date(p.date, &a.day, &a.minute)) {
        item_error("pw.related.bad_date", "date",
                   "is " + excerpt(p.date) +
                       "; expected a calendar date \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM\"");
      } else {
        a.date = p.date;
      }
    }
    if (!p.failed) clean_field("column", p.column, limits_.max_column, &a.column);
    if (!p.failed) clean_field("summary", p.summary, limits_.max_summary, &a.summary);
    if (!p.failed) clean_field("text", p.text, limits_.max_text, &a.text);
    if (!p.failed && p.keyword_count > limits_.max_keywords) {
      item_error("pw.related.too_long", "keywords",
                 "has " + decimal(p.keyword_count) + " keywords; expected at most " +
                     decimal(limits_.max_keywords));
    }
    for (size_t k = 0; !p.failed && k < p.keywords.size(); ++k) {
      std::string keyword;
      if (clean_field("keywords[" + decimal(k) + "]", p.keywords[k], limits_.max_keyword, &keyword) &&
          !keyword.empty()) {
        a.keywords.push_back(std::move(keyword));
      }
    }
    a.pinned = p.pinned;
    if (p.failed) {
      skip_item(std::move(p.error));
    } else {
      feed_->articles.push_back(std::move(a));
    }
  }

  Feed* feed_;
  std::string_view base_url_;
  const FeedLimits& limits_;
  Mode mode_;
  std::vector<Frame> frames_;
  std::string key_;
  Pending pending_;
  size_t article_count_ = 0;
  size_t article_index_ = 0;
  bool bare_array_ = false;
  bool saw_articles_ = false;
  bool fatal_ = false;
  Error fatal_error_;
  size_t parse_error_position_ = 0;
  std::string parse_error_text_;
  std::string number_text_;  // the last number read, as written (for messages)
};

// nlohmann/json's reason for a parse error (core/json_sax.h), short enough
// for a message: ours say where.
std::string parse_reason(const std::string& what) {
  std::string reason = what;
  if (reason.empty()) reason = "unexpected input";
  if (reason.size() > 160) {
    size_t cut = 160;
    while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
    reason = reason.substr(0, cut) + "…";
  }
  return clean_text(reason);
}

// Runs the SAX parser over text[0, end) and turns every way it can fail into
// one document Error. Returns false when the document was rejected.
bool run_parser(std::string_view text, FeedReader* reader, Error* error) {
  // nlohmann/json ends its input at a NUL byte; JSON text never contains one.
  const size_t nul = text.find('\0');
  const std::string_view json_text = text.substr(0, nul);
  const bool parsed = parse_json_sax(json_text, reader);
  if (reader->failed()) {
    *error = reader->fatal_error();
    return false;
  }
  if (!parsed || reader->has_parse_error()) {
    const size_t pos = reader->parse_error_position();
    const std::string reason = parse_reason(reader->parse_error_text());
    const std::string at = where(text, pos > 0 ? pos - 1 : 0);
    if (reason.find("surrogate") != std::string::npos) {
      *error = Error{"pw.related.not_utf8", "feed",
                     "the feed has a lone surrogate escape at " + at + " (" + reason +
                         "); expected valid Unicode text"};
    } else if (reason.rfind("number overflow", 0) == 0) {
      // A number beyond a double's range: nlohmann/json cannot read past it,
      // whatever field it is in, so the whole feed is refused.
      *error = Error{"pw.related.not_json", "feed",
                     "the feed has a number too large to read at " + at + " (" + reason +
                         "); expected numbers within a double's range (about ±1.8e308)"};
    } else if (reason.find("; expected end of input") != std::string::npos) {
      *error = Error{"pw.related.trailing_data", "feed",
                     "the feed has more data after its JSON value at " + at +
                         "; expected one JSON value and nothing after it"};
    } else if (nul != std::string_view::npos && pos >= json_text.size()) {
      *error = Error{"pw.related.not_json", "feed",
                     "the feed has a NUL byte at " + where(text, nul) +
                         "; expected JSON text (write \\u0000 inside strings)"};
    } else {
      *error = Error{"pw.related.not_json", "feed",
                     "the feed is not valid JSON at " + at + ": " + reason + "; " + kShape};
    }
    return false;
  }
  if (nul != std::string_view::npos) {
    *error = Error{"pw.related.trailing_data", "feed",
                   "the feed has a NUL byte after its JSON value at " + where(text, nul) +
                       "; expected one JSON value and nothing after it"};
    return false;
  }
  return true;
}

bool check_document(std::string_view text, const FeedLimits& limits, Feed* feed) {
  const size_t received = limits.received_bytes > 0 ? limits.received_bytes : text.size();
  const size_t max_text =
      limits.received_bytes > 0 ? limits.max_bytes * FeedLimits::kMaxUtf8Growth : limits.max_bytes;
  if (received > limits.max_bytes || text.size() > max_text) {
    feed->ok = false;
    feed->error = Error{"pw.related.too_large", "feed",
                        "the feed is " + decimal(received > limits.max_bytes ? received : text.size()) +
                            " bytes; expected at most " + decimal(limits.max_bytes) + " bytes"};
    return false;
  }
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = next_code_point(text, &i);
    if (cp == kReplacementChar && i - start != 3) {
      feed->ok = false;
      feed->error = Error{"pw.related.not_utf8", "feed",
                          "the feed has an invalid UTF-8 byte 0x" +
                              std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[start]) >> 4]) +
                              std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[start]) & 15]) +
                              " at byte " + decimal(start) + " (" + where(text, start) +
                              "); expected UTF-8 text (convert GBK/GB18030 feeds to UTF-8)"};
      return false;
    }
  }
  return true;
}

}  // namespace

Feed parse_feed(std::string_view json_text, std::string_view base_url, const FeedLimits& limits) {
  Feed feed;
  if (!check_document(json_text, limits, &feed)) return feed;
  FeedReader reader(&feed, base_url, limits, FeedReader::Mode::kFeed, 0);
  Error error;
  if (!run_parser(json_text, &reader, &error)) {
    feed = Feed();
    feed.ok = false;
    feed.error = std::move(error);
    return feed;
  }
  if (!reader.saw_articles()) {
    feed = Feed();
    feed.ok = false;
    feed.error = Error{"pw.related.no_articles", "articles",
                       std::string("the feed has no \"articles\"; ") + kShape};
  }
  return feed;
}

Feed parse_feed_lines(std::string_view text, std::string_view base_url, const FeedLimits& limits) {
  Feed feed;
  if (!check_document(text, limits, &feed)) return feed;
  size_t line_index = 0;
  size_t count = 0;
  for (size_t begin = 0; begin < text.size(); ++line_index) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (trim(line).empty()) continue;
    if (++count > limits.max_articles) {
      feed = Feed();
      feed.ok = false;
      feed.error = Error{"pw.related.too_many_articles", "lines",
                         "the input has more than " + decimal(limits.max_articles) +
                             " articles; expected at most " + decimal(limits.max_articles)};
      return feed;
    }
    FeedReader reader(&feed, base_url, limits, FeedReader::Mode::kLine, line_index);
    Error error;
    if (!run_parser(line, &reader, &error)) {
      ++feed.skipped;
      if (feed.item_errors.size() < limits.max_item_errors) {
        const std::string src = "line " + decimal(line_index + 1);
        // Positions inside the line read better without the "line 1" prefix.
        feed.item_errors.push_back(Error{error.id, src, src + ": " + error.message});
      }
    }
  }
  return feed;
}

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = next_code_point(text, &i);
    if (is_text_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_invisible_control(cp)) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, cp);
  }
  return out;
}

int32_t days_from_civil(int32_t y, int32_t m, int32_t d) {
  // Howard Hinnant's algorithm (public domain), valid for the proleptic Gregorian calendar.
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const int32_t yoe = y - era * 400;
  const int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool parse_article_date(std::string_view text, int32_t* day, int32_t* minute) {
  auto digits = [&](size_t at, size_t n, int32_t* value) {
    *value = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (text[k] < '0' || text[k] > '9') return false;
      *value = *value * 10 + (text[k] - '0');
    }
    return true;
  };
  if (text.size() != 10 && text.size() != 16) return false;
  int32_t y, m, d, hh = 0, mm = 0;
  if (!digits(0, 4, &y) || text[4] != '-' || !digits(5, 2, &m) || text[7] != '-' ||
      !digits(8, 2, &d)) {
    return false;
  }
  if (text.size() == 16 &&
      (text[10] != ' ' || !digits(11, 2, &hh) || text[13] != ':' || !digits(14, 2, &mm))) {
    return false;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
  *day = days_from_civil(y, m, d);
  *minute = hh * 60 + mm;
  return true;
}

}  // namespace pw
