// pw-bench: the native reference rows of `make bench`. The same core code the
// WASM modules run, compiled natively (release), timed the same way as the JS
// harness (tests/bench/lib/harness.js): interleaved rounds of batches lasting
// at least 1 ms, median and best µs per call.
//
//   pw-bench qr <text-file>...      each file holds one QR input (UTF-8)
//   pw-bench related <feed-file> <title> <keywords> <column> <page-url> <today>
//       times the current and the old ranker; with PW_BENCH_ONCE=old|new set,
//       calls that one ranker once (for instruction counts under callgrind)
//   pw-bench relevance <feed-file> <assoc-file or ""> <today>
//       every article of the feed as the current one: one line per article,
//       {"old":[…],"new":[…]} (the indices of the top 5 of the old BM25 ranker
//       and of the current one, with the table when given), then one timing line
//       per ranker over the whole feed
//
// Prints one JSON object per line: {"case", "us", "min", "batch", "rounds", ...}.
// For QR it splits the element's work (pw_qrcode_render) into its parts:
// encode_qr alone, + qr_svg_path, and resolve_qr_element (encode, colour
// checks, path), so the tables can tell encoding from rendering. Not shipped.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/qr.h"
#include "core/related.h"
#include "tests/bench/bm25/rank_bm25.h"

namespace {

struct Case {
  std::string name;
  std::function<size_t()> run;  // returns something derived from the result, so nothing is optimised away
};

double now_us() {
  using namespace std::chrono;
  return duration<double, std::micro>(steady_clock::now().time_since_epoch()).count();
}

/// Times `cases` like harness.js measure(): warm-up, batch calibration, then
/// `rounds` interleaved rounds. Prints one JSON line per case with `extra`.
void measure(const std::vector<Case>& cases, const std::string& extra, int rounds = 61,
             double batch_us = 1000, double warmup_us = 100000) {
  size_t sink = 0;
  std::vector<long> batch(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    double start = now_us();
    long calls = 0;
    while (now_us() - start < warmup_us || calls < 3) { sink += cases[i].run(); ++calls; }
    double per_call = (now_us() - start) / double(calls);
    batch[i] = std::max(1L, long(batch_us / per_call + 0.999));
  }
  std::vector<std::vector<double>> samples(cases.size());
  for (int r = 0; r < rounds; ++r) {
    for (size_t j = 0; j < cases.size(); ++j) {
      size_t i = (j + size_t(r)) % cases.size();
      double t0 = now_us();
      for (long k = 0; k < batch[i]; ++k) sink += cases[i].run();
      samples[i].push_back((now_us() - t0) / double(batch[i]));
    }
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    std::vector<double>& s = samples[i];
    std::sort(s.begin(), s.end());
    size_t m = s.size() / 2;
    double median = s.size() % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    std::printf("{\"case\":\"%s\",\"us\":%.3f,\"min\":%.3f,\"batch\":%ld,\"rounds\":%d%s%s}\n",
                cases[i].name.c_str(), median, s.front(), batch[i], rounds, extra.empty() ? "" : ",",
                extra.c_str());
  }
  if (sink == 42) std::fprintf(stderr, " ");  // keeps sink alive
}

bool read_file(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

int bench_qr(int argc, char** argv) {
  for (int a = 2; a < argc; ++a) {
    std::string text;
    if (!read_file(argv[a], &text)) {
      std::fprintf(stderr, "pw-bench: cannot read %s\n", argv[a]);
      return 2;
    }
    pw::QrOptions options;  // ecc M, boosted when free: what the element asks for
    pw::QrResult probe = pw::encode_qr(text, options);
    if (!probe.ok()) {
      std::fprintf(stderr, "pw-bench: %s: %s\n", argv[a], probe.error.message.c_str());
      return 1;
    }
    pw::QrElementInput element;
    element.text = text;
    element.ecc = "M";
    std::vector<Case> cases = {
        {"encode_qr", [&] { return pw::encode_qr(text, options).code.modules.size(); }},
        {"encode_qr + qr_svg_path", [&] { return pw::qr_svg_path(pw::encode_qr(text, options).code).size(); }},
        {"resolve_qr_element", [&] { return pw::resolve_qr_element(element).path.size(); }},
    };
    measure(cases, "\"input\":" + std::to_string(a - 2) + ",\"version\":" + std::to_string(probe.code.version));
  }
  return 0;
}

int bench_related(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: pw-bench related <feed-file> <title> <keywords> <column> <page-url> <today>\n");
    return 2;
  }
  std::string feed;
  if (!read_file(argv[2], &feed)) {
    std::fprintf(stderr, "pw-bench: cannot read %s\n", argv[2]);
    return 2;
  }
  pw::RelatedRequest request;
  request.feed = feed;
  request.feed_url = argv[6];
  request.title = argv[3];
  request.keywords = argv[4];
  request.column = argv[5];
  request.page_url = argv[6];
  request.limit = "5";
  request.today = argv[7];
  if (const char* once = std::getenv("PW_BENCH_ONCE")) {
    // One call of one ranker and nothing else, for instruction counts (callgrind).
    std::printf("%s\n", (std::string(once) == "old" ? pw::bm25::related_list_json(request)
                                                   : pw::related_list_json(request)).c_str());
    return 0;
  }
  std::vector<Case> cases = {{"related_list_json", [&] { return pw::related_list_json(request).size(); }},
                             {"old ranker (BM25)", [&] { return pw::bm25::related_list_json(request).size(); }}};
  measure(cases, "", 11, 0, 200000);
  // The list itself, for the agreement check (one JSON text on the last line).
  std::printf("%s\n", pw::related_list_json(request).c_str());
  return 0;
}

int bench_relevance(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: pw-bench relevance <feed-file> <assoc-file or \"\"> <today>\n");
    return 2;
  }
  std::string feed_text, assoc;
  if (!read_file(argv[2], &feed_text) || (argv[3][0] && !read_file(argv[3], &assoc))) {
    std::fprintf(stderr, "pw-bench: cannot read %s or %s\n", argv[2], argv[3]);
    return 2;
  }
  const pw::Feed feed = pw::parse_feed(feed_text, "");
  if (!feed.ok) {
    std::fprintf(stderr, "pw-bench: %s: %s\n", argv[2], feed.error.message.c_str());
    return 1;
  }
  std::unordered_map<std::string, size_t> by_url;
  for (size_t i = 0; i < feed.articles.size(); ++i) by_url[feed.articles[i].url] = i;
  // The indices of a list's items (its urls are the feed's, as written).
  auto indices = [&](const std::string& json) {
    std::string out = "[";
    for (size_t at = json.find("\"url\":\""); at != std::string::npos; at = json.find("\"url\":\"", at + 1)) {
      const size_t start = at + 7, end = json.find('"', start);
      const auto it = by_url.find(json.substr(start, end - start));
      if (out.size() > 1) out += ",";
      out += it == by_url.end() ? "-1" : std::to_string(it->second);
    }
    return out + "]";
  };
  std::vector<pw::RelatedRequest> requests;
  std::vector<std::string> keywords(feed.articles.size());
  for (size_t i = 0; i < feed.articles.size(); ++i) {
    const pw::Article& a = feed.articles[i];
    for (const auto& k : a.keywords) keywords[i] += (keywords[i].empty() ? "" : "、") + k;
  }
  for (size_t i = 0; i < feed.articles.size(); ++i) {
    const pw::Article& a = feed.articles[i];
    pw::RelatedRequest r;
    r.feed = feed_text;
    r.title = a.title;
    r.keywords = keywords[i];
    r.column = a.column;
    r.page_url = a.url;
    r.limit = "5";
    r.today = argv[4];
    r.assoc = assoc;
    requests.push_back(r);
  }
  for (const pw::RelatedRequest& r : requests) {
    std::printf("{\"old\":%s,\"new\":%s}\n", indices(pw::bm25::related_list_json(r)).c_str(),
                indices(pw::related_list_json(r)).c_str());
  }
  // One render's work (feed bytes in, top 5 out) for the first article, per ranker.
  std::vector<Case> cases = {
      {"old", [&] { return pw::bm25::related_list_json(requests[0]).size(); }},
      {"new", [&] { return pw::related_list_json(requests[0]).size(); }},
  };
  measure(cases, "", 11, 0, 100000);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "qr") return bench_qr(argc, argv);
  if (mode == "related") return bench_related(argc, argv);
  if (mode == "relevance") return bench_relevance(argc, argv);
  std::fprintf(stderr, "usage: pw-bench qr <text-file>... | pw-bench related <feed-file> <title> <keywords> <column> <page-url> <today>\n");
  return 2;
}
