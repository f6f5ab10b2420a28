// pw-related: precomputes every article's related list for a whole site with
// the same core the <pw-related> widget runs (docs/related.md "CLI").
//
//   pw-related [options] INPUT
//   INPUT      the site's articles: the feed format (.json) or JSON lines
//              (.jsonl/.ndjson, or any file whose first line is one article
//              object); "-" reads standard input.
//   --out DIR        one file per article: DIR/<article URL path>.json, each a
//                    feed {"version":1,"ranked":true,"articles":[…]} that a
//                    <pw-related src> can load as it is
//   --html DIR       one file per article: DIR/<article URL path>.html, an
//                    escaped <ul data-pw-ranked> fragment for the CMS to include
//                    inside <pw-related> (pages without JavaScript see it too),
//                    in the input's --encoding
//   --encoding E     the input's encoding: utf-8 (default), gbk or gb18030
//                    (decoded with the C library's iconv)
//   --combined FILE  one file: {"version":1,"related":{"<url>":[{title,url,date},…],…}}
//   --assoc FILE     the site's term associations (core/assoc.h) as a table that
//                    <pw-related assoc="…"> loads beside its feed; with neither
//                    --out nor --combined only the table is written. The lists
//                    of --out and --combined always use the associations.
//   --thesaurus FILE add FILE's domains (core/thesaurus.h) to the built-in
//                    thesaurus (thesaurus.txt); repeatable
//   --no-thesaurus   leave the built-in thesaurus out (with --thesaurus: use
//                    only the given files)
//   --base URL       resolve relative article URLs against URL
//   --top N          related articles per article, 1–100 (default 8)
//   --today DATE     YYYY-MM-DD for the recency factor (default: the newest article date)
//   --pins           list pinned articles first in every list (default: ignore pins)
//   --fill           fill short lists with the newest unrelated articles
//   --common F       skip terms found in more than F of all articles (default 0.02:
//                    site-wide stop words; the widget uses 0.5 on one column's feed);
//                    terms in at most 200 articles (or half, below 400) always count
//   --threads N      worker threads (default: the number of cores)
//   --quiet          no progress bar and no summary
//   --generate N     write N synthetic articles as JSON lines to standard output
//                    (placeholder text with a body of about 500 characters, for
//                    benchmarks and tests) and exit
// JSON lines may carry a "text" field (the body): it is read only to learn the
// associations.
//
// Exit status: 0 on success (skipped articles are reported on stderr), 1 when
// the input was rejected (nothing is written) or an output could not be
// written (the other outputs are still written), 2 on bad usage. Every file is
// written under a temporary name and renamed into place when complete, so no
// reader ever sees half a file.

#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/assoc.h"
#include "core/feed.h"
#include "core/version.h"
#include "core/json_writer.h"
#include "core/rank.h"
#include "core/related_html.h"
#include "core/thesaurus.h"
#include "core/url.h"
#include "core/utf8.h"
#include "tools/pw-related/site_input.h"

// thesaurus.txt, embedded at build time (embed_text.cmake).
extern const char kBuiltinThesaurus[];
extern const unsigned long kBuiltinThesaurus_size;

namespace {

using pw::Article;

struct Options {
  std::string input;
  std::string out_dir;
  std::string html_dir;
  std::string combined;
  std::string encoding = "utf-8";  // as the user spells it: utf-8, gbk or gb18030
  std::string assoc;
  std::vector<std::string> thesauri;  // --thesaurus files, in order
  bool no_thesaurus = false;
  std::string base;
  std::string today;
  size_t top = 8;
  bool pins = false;
  bool fill = false;
  bool quiet = false;
  unsigned threads = 0;
  double common = 0.02;
  long generate = -1;
};

int usage(const char* message) {
  std::fprintf(stderr,
               "pw-related: %s\n"
               "usage: pw-related [--out DIR] [--html DIR] [--combined FILE] [--assoc FILE]\n"
               "                  [--thesaurus FILE]... [--no-thesaurus] [--encoding E] [--base URL] [--top N] [--today YYYY-MM-DD] [--pins]\n"
               "                  [--fill] [--common F] [--threads N] [--quiet] INPUT\n"
               "       pw-related --generate N > articles.jsonl\n"
               "       pw-related --version\n",
               message);
  return 2;
}

bool parse_count(const char* text, long min, long max, long* out) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) return false;
  *out = value;
  return true;
}

bool read_all(const std::string& path, std::string* out) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out->append(buffer, n);
  const bool ok = !std::ferror(f);
  if (f != stdin) std::fclose(f);
  return ok;
}

// A file written under a temporary name beside its final one and renamed into
// place by commit(), so that a reader (a web server, a CMS include) sees either
// the old file or the whole new one, never half of it. An AtomicFile destroyed
// without a successful commit() removes its temporary file. errno tells why a
// step failed.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path)
      : path_(std::move(path)), temp_(path_ + ".tmp~" + std::to_string(getpid())) {
    file_ = std::fopen(temp_.c_str(), "wb");
  }
  ~AtomicFile() {
    if (file_) std::fclose(file_);
    if (!committed_) std::remove(temp_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return file_ != nullptr && ok_; }
  void write(std::string_view text) {
    if (ok() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) ok_ = false;
  }
  bool commit() {
    if (!file_) return false;
    const bool written = ok_ && std::fflush(file_) == 0;
    const int saved = errno;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!written || !closed) {
      if (!written) errno = saved;
      return false;
    }
    committed_ = std::rename(temp_.c_str(), path_.c_str()) == 0;
    return committed_;
  }

 private:
  std::string path_;
  std::string temp_;
  FILE* file_ = nullptr;
  bool ok_ = true;
  bool committed_ = false;
};

bool write_file(const std::string& path, std::string_view text) {
  AtomicFile file(path);
  file.write(text);
  return file.commit();
}

// ------------------------------------------------------------- encodings ----

// The encodings --encoding takes, as the user spells them and as glibc's
// iconv names them. GB2312 text is GBK text (GBK extends it).
const char* iconv_name(const std::string& encoding) {
  const std::string e = pw::ascii_lower(encoding);
  if (e == "utf-8" || e == "utf8") return "UTF-8";
  if (e == "gbk") return "GBK";
  if (e == "gb18030") return "GB18030";
  return nullptr;
}

// "line 3, byte 57 (byte 12 of the line)": where `offset` is in `bytes`. Lines
// are counted by 0x0A bytes, which in GBK and GB18030 never occur inside a
// multi-byte character.
std::string byte_position(std::string_view bytes, size_t offset) {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", byte " + std::to_string(offset) + " (byte " +
         std::to_string(offset - line_start) + " of the line)";
}

std::string hex_bytes(std::string_view bytes, size_t offset, size_t count) {
  std::string out;
  for (size_t i = offset; i < bytes.size() && i < offset + count; ++i) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%s0x%02X", out.empty() ? "" : " ",
                  static_cast<unsigned char>(bytes[i]));
    out += hex;
  }
  return out;
}

// Converts `in` from `from` to `to` with iconv. Where `to` cannot represent a
// character (only when converting from UTF-8), `unmappable` is called with it
// and must append a replacement; without it the conversion fails. On failure
// returns false with *failed_at the offset of the first byte that did not
// convert and *truncated true when the input ended inside a character.
bool convert(std::string_view in, const char* from, const char* to, std::string* out,
             size_t* failed_at, bool* truncated, void (*unmappable)(std::string&, uint32_t)) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out->clear();
  out->resize(in.size() + in.size() / 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t used = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = &(*out)[used];
    size_t dst_left = out->size() - used;
    const size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    used = out->size() - dst_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out->resize(out->size() * 2);
      continue;
    }
    const size_t at = static_cast<size_t>(src - in.data());
    if (errno == EILSEQ && unmappable) {
      size_t next = at;
      const uint32_t cp = pw::next_code_point(in, &next);
      out->resize(used);
      unmappable(*out, cp);
      used = out->size();
      out->resize(used + src_left + 16);
      src += next - at;
      src_left -= next - at;
      continue;
    }
    *failed_at = at;
    *truncated = errno == EINVAL;
    ok = false;
    break;
  }
  iconv_close(cd);
  out->resize(ok ? used : 0);
  return ok;
}

// The input in UTF-8, or an error message (the id is pw.related.bad_charset).
bool decode_input(std::string_view bytes, const std::string& encoding, std::string* text,
                  std::string* error) {
  size_t at = 0;
  bool truncated = false;
  if (convert(bytes, iconv_name(encoding), "UTF-8", text, &at, &truncated, nullptr)) return true;
  if (truncated) {
    *error = "the input ends inside a " + encoding + " character, " + hex_bytes(bytes, at, 4) +
             " at " + byte_position(bytes, at) + "; expected whole " + encoding + " characters";
  } else {
    *error = "the bytes " + hex_bytes(bytes, at, 2) + " at " + byte_position(bytes, at) +
             " are not " + encoding + "; expected " + encoding +
             " text (or the input's own encoding in --encoding)";
  }
  return false;
}

// `utf8` in the output encoding; characters it cannot represent (GBK has no
// emoji, say) become numeric character references, which HTML reads the same
// in every encoding.
bool encode_html(const std::string& utf8, const std::string& encoding, std::string* out) {
  if (std::string(iconv_name(encoding)) == "UTF-8") {
    *out = utf8;
    return true;
  }
  size_t at = 0;
  bool truncated = false;
  return convert(utf8, "UTF-8", iconv_name(encoding), out, &at, &truncated,
                 [](std::string& o, uint32_t cp) {
                   char ref[16];
                   std::snprintf(ref, sizeof ref, "&#x%X;", static_cast<unsigned>(cp));
                   o += ref;
                 });
}

bool make_dirs(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      const std::string part = path.substr(0, i);
      if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return false;
    }
  }
  return true;
}

// 64-bit FNV-1a, as 16 hex digits: a stable short stand-in for a long name.
std::string hash_hex(const std::string& text) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// Path segments longer than this are shortened: file systems refuse names over
// 255 bytes, and ".json" and a "~N" clash number are still to be added.
constexpr size_t kMaxSegment = 200;
constexpr size_t kKeptPrefix = 100;

// A file name for an article's list: its URL path (and query), with anything
// outside [A-Za-z0-9._-] replaced by '_' and no empty or dot-only segments. A
// segment longer than kMaxSegment bytes keeps its first kKeptPrefix bytes plus
// '_' and a hash of the whole segment as written.
std::string file_for(const std::string& url) {
  pw::UrlParts parts;
  std::string path = url;
  if (pw::parse_http_url(url, &parts)) path = parts.path + parts.query;
  const size_t hash = path.find('#');
  if (hash != std::string::npos) path.resize(hash);
  std::string out;
  std::string segment;
  std::string raw;  // the segment as written, for the hash
  auto flush = [&]() {
    if (segment.empty()) return;
    if (segment.find_first_not_of('.') == std::string::npos) segment = "_";
    if (segment.size() > kMaxSegment) segment = segment.substr(0, kKeptPrefix) + "_" + hash_hex(raw);
    if (!out.empty()) out += '/';
    out += segment;
    segment.clear();
    raw.clear();
  };
  for (char c : path) {
    if (c == '/') {
      flush();
      continue;
    }
    raw += c;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '.' || c == '_' || c == '-') {
      segment += c;
    } else {
      segment += '_';
    }
  }
  const bool directory = path.empty() || path.back() == '/';
  flush();
  if (out.empty() || directory) out += out.empty() ? "index" : "/index";
  return out;
}

class Progress {
 public:
  Progress(size_t total, bool enabled) : total_(total), enabled_(enabled && isatty(2)) {}
  // Called by the reporter thread while ranking runs, then once more by main
  // after it has joined: the finished line is printed only once.
  void update(size_t done) {
    if (!enabled_ || total_ == 0 || finished_) return;
    const int percent = static_cast<int>(done * 100 / total_);
    if (percent == last_ && done != total_) return;
    last_ = percent;
    finished_ = done == total_;
    const int width = 30;
    const int filled = percent * width / 100;
    std::fprintf(stderr, "\r[%.*s%*s] %3d%% %zu/%zu articles", filled,
                 "##############################", width - filled, "", percent, done, total_);
    if (done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  size_t total_;
  bool enabled_;
  int last_ = -1;
  bool finished_ = false;
};

// ------------------------------------------------------------ --generate ----

// Placeholder vocabulary in the style of county portal headlines (invented
// for benchmarks; not taken from any site).
const char* const kWords[] = {
    "防汛", "抗旱", "乡村振兴", "疫情防控", "政务公开", "招聘", "公告", "通知", "会议", "工作",
    "建设", "项目", "教育", "医疗", "卫生", "交通", "环境", "保护", "安全生产", "检查",
    "农业", "旅游", "文化", "体育", "社区", "服务", "群众", "企业", "经济", "发展",
    "规划", "财政", "预算", "审计", "税务", "人才", "就业", "养老", "保险", "住房",
    "改造", "水利", "道路", "桥梁", "学校", "医院", "疫苗", "接种", "培训", "考试",
    "公示", "名单", "结果", "方案", "意见", "办法", "实施", "专项", "行动", "整治",
    "消防", "应急", "演练", "值班", "节日", "慰问", "调研", "督导", "座谈", "宣传",
    "志愿", "文明", "创建", "卫生城市", "垃圾分类", "污水", "治理", "河长制", "林长制", "森林",
    "防火", "耕地", "粮食", "补贴", "发放", "低保", "救助", "残疾人", "儿童", "妇女",
    "老年人", "电商", "物流", "招商", "引资", "园区", "产业", "茶叶", "水果", "畜牧",
    "扶贫", "产业园", "新能源", "光伏", "充电桩", "公交", "高速", "铁路", "机场", "港口",
    "人大", "政协", "代表", "委员", "提案", "建议", "答复", "信访", "法治", "普法",
    "禁毒", "反诈", "平安", "网格", "户籍", "身份证", "社保卡", "医保", "公积金", "不动产",
    "登记", "审批", "许可", "备案", "营商环境", "一网通办", "政务服务", "便民", "热线", "投诉"};
const char* const kColumns[] = {"通知公告", "工作动态", "部门动态", "乡镇动态", "政策文件",
                                "政策解读", "人事信息", "财政信息", "应急管理", "公示公告",
                                "招标采购", "民生实事", "重点项目", "图片新闻", "媒体聚焦"};
const char* const kTowns[] = {"城关镇", "东山乡", "西河镇", "南岭乡", "北湖街道", "青石镇",
                              "白沙乡", "红星街道", "金桥镇", "玉泉乡"};

class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint32_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state_ >> 33);
  }
  // Roughly Zipf-distributed index in [0, n): common words recur, rare ones do not.
  size_t zipf(size_t n) {
    const double u = (next() + 0.5) / 2147483648.0;
    const size_t k = static_cast<size_t>(static_cast<double>(n) * u * u);
    return k < n ? k : n - 1;
  }

 private:
  uint64_t state_;
};

int generate(long count) {
  Lcg rng(20220618);
  const size_t words = sizeof kWords / sizeof kWords[0];
  std::string line;
  for (long i = 0; i < count; ++i) {
    std::string title = kTowns[rng.next() % 10];
    const int title_words = 3 + static_cast<int>(rng.next() % 4);
    for (int w = 0; w < title_words; ++w) title += kWords[rng.zipf(words)];
    std::string summary;
    for (int w = 0; w < 12; ++w) {
      summary += kWords[rng.zipf(words)];
      if (w % 4 == 3 && w < 11) summary += "，";
    }
    summary += "。";
    // A body of about 500 characters: sentences of 4–9 words.
    std::string body;
    while (pw::code_point_count(body) < 480) {
      const int sentence_words = 4 + static_cast<int>(rng.next() % 6);
      for (int w = 0; w < sentence_words; ++w) body += kWords[rng.zipf(words)];
      body += rng.next() % 3 == 0 ? "，" : "。";
    }
    const int year = 2019 + static_cast<int>(rng.next() % 4);
    const int month = 1 + static_cast<int>(rng.next() % 12);
    const int day = 1 + static_cast<int>(rng.next() % 28);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    char url[96];
    std::snprintf(url, sizeof url, "/art/%d/%d/%d/art_%ld.html", year, month, day, i + 1);
    pw::JsonWriter w;
    w.begin_object();
    w.key("title").value(title);
    w.key("url").value(url);
    w.key("date").value(date);
    w.key("column").value(kColumns[rng.next() % 15]);
    w.key("keywords").begin_array();
    w.value(kWords[rng.zipf(words)]).value(kWords[rng.zipf(words)]);
    w.end_array();
    w.key("summary").value(summary);
    w.key("text").value(body);
    w.end_object();
    line = w.take();
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}

// ---------------------------------------------------------------- output ----

void write_item(pw::JsonWriter& w, const Article& a) {
  w.begin_object();
  w.key("title").value(a.title);
  w.key("url").value(a.url);
  if (!a.date.empty()) w.key("date").value(a.date);
  w.end_object();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto need = [&](const char* name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    long number = 0;
    const char* value = nullptr;
    if (arg == "--out" || arg == "--html" || arg == "--combined" || arg == "--assoc" ||
        arg == "--encoding" || arg == "--base" || arg == "--today" || arg == "--top" ||
        arg == "--threads" || arg == "--common" || arg == "--generate" || arg == "--thesaurus") {
      value = need(arg.c_str());
      if (!value) return usage((arg + " needs a value").c_str());
    }
    if (arg == "--out") {
      o.out_dir = value;
    } else if (arg == "--html") {
      o.html_dir = value;
    } else if (arg == "--encoding") {
      if (!iconv_name(value)) return usage("--encoding: expected utf-8, gbk or gb18030");
      o.encoding = pw::ascii_lower(value);
    } else if (arg == "--combined") {
      o.combined = value;
    } else if (arg == "--assoc") {
      o.assoc = value;
    } else if (arg == "--thesaurus") {
      o.thesauri.push_back(value);
    } else if (arg == "--no-thesaurus") {
      o.no_thesaurus = true;
    } else if (arg == "--base") {
      o.base = value;
    } else if (arg == "--today") {
      o.today = value;
    } else if (arg == "--top") {
      if (!parse_count(value, 1, 100, &number)) return usage("--top: expected a whole number 1-100");
      o.top = static_cast<size_t>(number);
    } else if (arg == "--threads") {
      if (!parse_count(value, 1, 256, &number)) return usage("--threads: expected a whole number 1-256");
      o.threads = static_cast<unsigned>(number);
    } else if (arg == "--common") {
      char* end = nullptr;
      o.common = std::strtod(value, &end);
      if (end == value || *end != '\0' || !(o.common > 0.0 && o.common <= 1.0)) {
        return usage("--common: expected a fraction such as 0.02 (0 < F <= 1)");
      }
    } else if (arg == "--generate") {
      if (!parse_count(value, 0, 100000000, &number)) return usage("--generate: expected a count");
      o.generate = number;
    } else if (arg == "--pins") {
      o.pins = true;
    } else if (arg == "--fill") {
      o.fill = true;
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--version") {
      std::printf("pw-related %s\n", pw::version());
      return 0;
    } else if (arg == "--help" || arg == "-h") {
      usage("precomputes related-article lists");
      return 0;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return usage(("unknown option " + arg).c_str());
    } else if (o.input.empty()) {
      o.input = arg;
    } else {
      return usage("only one INPUT");
    }
  }
  if (o.generate >= 0) return generate(o.generate);
  if (o.input.empty()) return usage("no INPUT");
  if (o.out_dir.empty() && o.html_dir.empty() && o.combined.empty() && o.assoc.empty()) {
    return usage("nothing to write: give --out DIR, --html DIR, --combined FILE and/or --assoc FILE");
  }
  if (!o.base.empty()) {
    pw::UrlParts base;
    if (!pw::parse_http_url(pw::preprocess_url(o.base), &base)) {
      return usage("--base: expected an absolute http(s) URL such as https://www.example.gov.cn/");
    }
  }

  // The thesaurus first: a bad file stops the run before anything is read or written.
  pw::Thesaurus thesaurus;
  {
    pw::Error error;
    if (!o.no_thesaurus &&
        !pw::parse_thesaurus(std::string_view(kBuiltinThesaurus, kBuiltinThesaurus_size),
                             "the built-in thesaurus", &thesaurus, &error)) {
      std::fprintf(stderr, "pw-related: %s [%s]\n", error.message.c_str(), error.id.c_str());
      return 1;
    }
    for (const std::string& file : o.thesauri) {
      std::string content;
      if (!read_all(file, &content)) {
        std::fprintf(stderr, "pw-related: cannot read %s: %s\n", file.c_str(), std::strerror(errno));
        return 1;
      }
      if (!pw::parse_thesaurus(content, file, &thesaurus, &error)) {
        std::fprintf(stderr, "pw-related: %s [%s]\n", error.message.c_str(), error.id.c_str());
        return 1;
      }
    }
  }

  const auto started = std::chrono::steady_clock::now();
  std::string text;
  if (!read_all(o.input, &text)) {
    std::fprintf(stderr, "pw-related: cannot read %s: %s\n", o.input.c_str(), std::strerror(errno));
    return 1;
  }
  const bool utf8_input = std::string(iconv_name(o.encoding)) == "UTF-8";
  if (!utf8_input) {
    // Decoded before anything is written: input that does not decode stops the run.
    std::string decoded;
    std::string message;
    if (!decode_input(text, o.encoding, &decoded, &message)) {
      std::fprintf(stderr, "pw-related: %s: %s [pw.related.bad_charset]\n", o.input.c_str(), message.c_str());
      return 1;
    }
    text.swap(decoded);
  }
  const pw::Feed feed = pw::cli::read_site(o.input, text, o.base);
  std::string().swap(text);
  if (!feed.ok) {
    std::fprintf(stderr, "pw-related: %s: %s [%s]\n", o.input.c_str(), feed.error.message.c_str(),
                 feed.error.id.c_str());
    if (feed.error.id == "pw.related.not_utf8" && utf8_input) {
      std::fprintf(stderr, "pw-related: if %s is a GBK or GB18030 export, say so with --encoding gbk or --encoding gb18030\n",
                   o.input.c_str());
    }
    return 1;
  }
  for (const pw::Error& e : feed.item_errors) {
    std::fprintf(stderr, "pw-related: skipped %s [%s]\n", e.message.c_str(), e.id.c_str());
  }
  if (feed.skipped > feed.item_errors.size()) {
    std::fprintf(stderr, "pw-related: … and %zu more skipped\n", feed.skipped - feed.item_errors.size());
  }
  const std::vector<Article>& articles = feed.articles;
  const auto parsed = std::chrono::steady_clock::now();

  pw::RankOptions options;
  options.limit = o.top;
  options.pinned_first = o.pins;
  options.include_unrelated = o.fill;
  options.today = Article::kNoDay;
  if (!o.today.empty()) {
    int32_t minute = 0;
    if (!pw::parse_article_date(o.today, &options.today, &minute)) {
      return usage("--today: expected a date YYYY-MM-DD");
    }
  } else {
    for (const Article& a : articles) options.today = std::max(options.today, a.day);
  }

  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  pw::AssocOptions assoc_options;
  assoc_options.shards = threads;
  if (!thesaurus.domains.empty()) assoc_options.thesaurus = &thesaurus;
  assoc_options.run_shards = [](unsigned count, const std::function<void(unsigned)>& work) {
    std::vector<std::thread> pool;
    for (unsigned s = 1; s < count; ++s) pool.emplace_back(work, s);
    work(0);
    for (auto& t : pool) t.join();
  };
  const pw::Associations associations = pw::learn_associations(articles, assoc_options);
  size_t failed_files = 0;
  if (!o.assoc.empty()) {
    if (!write_file(o.assoc, pw::write_associations(associations))) {
      std::fprintf(stderr, "pw-related: cannot write %s: %s\n", o.assoc.c_str(), std::strerror(errno));
      ++failed_files;
    }
  }
  const auto learned = std::chrono::steady_clock::now();
  if (o.out_dir.empty() && o.html_dir.empty() && o.combined.empty()) {
    if (!o.quiet) {
      std::fprintf(stderr, "pw-related: %zu articles (%zu skipped), %zu associated terms; read+parse %ld ms, associations %ld ms\n",
                   articles.size(), feed.skipped, associations.links.size(),
                   static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(parsed - started).count()),
                   static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(learned - parsed).count()));
    }
    return failed_files > 0 ? 1 : 0;
  }

  pw::RelatedIndex index(articles, o.common, &associations);
  {
    // Every article's own best matches once (each list's neighbour pass looks
    // them up), split over the threads like the lists below.
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(articles.size());
    std::atomic<size_t> next_row{0};
    auto work = [&]() {
      pw::RankScratch scratch;
      while (true) {
        const size_t begin = next_row.fetch_add(256);
        if (begin >= articles.size()) break;
        const size_t end = std::min(articles.size(), begin + 256);
        for (size_t i = begin; i < end; ++i) rows[i] = index.own_matches(i, &scratch);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    index.use_own_matches(std::move(rows));
  }
  const auto indexed = std::chrono::steady_clock::now();

  std::vector<std::vector<pw::RelatedItem>> lists(articles.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  Progress progress(articles.size(), !o.quiet);
  auto work = [&]() {
    pw::RankScratch scratch;
    while (true) {
      const size_t begin = next.fetch_add(256);
      if (begin >= articles.size()) break;
      const size_t end = std::min(articles.size(), begin + 256);
      for (size_t i = begin; i < end; ++i) lists[i] = index.related_to(i, options, &scratch);
      done.fetch_add(end - begin);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  std::thread reporter;
  std::atomic<bool> finished{false};
  if (!o.quiet) {
    reporter = std::thread([&]() {
      while (!finished.load()) {
        progress.update(done.load());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  work();
  for (auto& t : pool) t.join();
  finished = true;
  if (reporter.joinable()) reporter.join();
  progress.update(articles.size());
  const auto ranked = std::chrono::steady_clock::now();

  size_t files = 0;
  size_t failures_reported = 0;
  auto report_failure = [&](const std::string& message) {
    if (failures_reported++ < 20) std::fprintf(stderr, "pw-related: %s\n", message.c_str());
  };
  // Same path from two URLs (another host or query): number the later ones.
  // '~' never appears in file_for() names, so numbered names cannot collide.
  std::vector<std::string> names;
  if (!o.out_dir.empty() || !o.html_dir.empty()) {
    names.resize(articles.size());
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < articles.size(); ++i) {
      names[i] = file_for(articles[i].url);
      const size_t n = ++seen[names[i]];
      if (n > 1) names[i] += "~" + std::to_string(n);
    }
  }
  // One file per article under `dir`, named as above plus `extension`. One
  // file that cannot be written does not stop the others (or --combined); the
  // run still ends with exit status 1.
  auto write_per_article = [&](const std::string& dir_root, const char* extension,
                               auto content) {
    std::string last_dir;
    bool dir_ok = true;
    std::string text;
    for (size_t i = 0; i < articles.size(); ++i) {
      const std::string path = dir_root + "/" + names[i] + extension;
      const std::string dir = path.substr(0, path.rfind('/'));
      if (dir != last_dir) {
        dir_ok = make_dirs(dir);
        if (!dir_ok) report_failure("cannot create " + dir + ": " + std::strerror(errno));
        last_dir = dir;
      }
      if (!dir_ok) {
        ++failed_files;
        continue;
      }
      if (!content(i, &text)) {
        report_failure("cannot encode " + path + " in " + o.encoding);
        ++failed_files;
        continue;
      }
      if (!write_file(path, text)) {
        report_failure("cannot write " + path + ": " + std::strerror(errno));
        ++failed_files;
        continue;
      }
      ++files;
    }
  };
  if (!o.out_dir.empty()) {
    write_per_article(o.out_dir, ".json", [&](size_t i, std::string* text) {
      pw::JsonWriter w;
      w.begin_object().key("version").value(1).key("ranked").value(true);
      w.key("articles").begin_array();
      for (const auto& item : lists[i]) write_item(w, articles[item.article]);
      w.end_array().end_object();
      *text = w.take();
      return true;
    });
  }
  if (!o.html_dir.empty()) {
    std::vector<const Article*> items;
    write_per_article(o.html_dir, ".html", [&](size_t i, std::string* text) {
      items.clear();
      for (const auto& item : lists[i]) items.push_back(&articles[item.article]);
      return encode_html(pw::related_list_html(items), o.encoding, text);
    });
  }
  if (!o.combined.empty()) {
    // Streamed article by article: the whole file never sits in memory.
    AtomicFile file(o.combined);
    bool ok = file.ok();
    std::string chunk = "{\"version\":1,\"related\":{";
    // JSON keys must be unique: an article whose URL an earlier one already
    // has is left out (its list is the first one's anyway, bar the order).
    std::unordered_set<std::string_view> keys;
    size_t repeated = 0;
    for (size_t i = 0; ok && i < articles.size(); ++i) {
      if (!keys.insert(articles[i].url).second) {
        ++repeated;
        continue;
      }
      if (keys.size() > 1) chunk += ',';
      pw::append_json_string(chunk, articles[i].url);
      chunk += ':';
      pw::JsonWriter w;
      w.begin_array();
      for (const auto& item : lists[i]) write_item(w, articles[item.article]);
      w.end_array();
      chunk += w.str();
      if (chunk.size() > (1 << 20)) {
        file.write(chunk);
        ok = file.ok();
        chunk.clear();
      }
    }
    chunk += "}}";
    if (repeated > 0) {
      std::fprintf(stderr, "pw-related: %zu articles repeat an earlier article's URL; %s lists the first of each\n",
                   repeated, o.combined.c_str());
    }
    file.write(chunk);
    ok = file.commit();
    if (ok) {
      ++files;
    } else {
      std::fprintf(stderr, "pw-related: cannot write %s: %s\n", o.combined.c_str(), std::strerror(errno));
      ++failed_files;
    }
  }
  if (failures_reported > 20) {
    std::fprintf(stderr, "pw-related: … and %zu more write errors\n", failures_reported - 20);
  }
  const auto written = std::chrono::steady_clock::now();
  if (!o.quiet) {
    auto ms = [](auto a, auto b) {
      return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
    };
    std::fprintf(stderr,
                 "pw-related: %zu articles (%zu skipped), %zu terms; read+parse %ld ms, associations %ld ms "
                 "(%zu terms linked), index %ld ms, rank %ld ms on %u threads, write %ld ms (%zu files)\n",
                 articles.size(), feed.skipped, index.term_count(), ms(started, parsed), ms(parsed, learned),
                 associations.links.size(), ms(learned, indexed), ms(indexed, ranked), threads,
                 ms(ranked, written), files);
  }
  if (failed_files > 0) {
    std::fprintf(stderr, "pw-related: %zu files could not be written\n", failed_files);
    return 1;
  }
  return 0;
}
