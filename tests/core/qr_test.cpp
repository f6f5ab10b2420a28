// core/qr: segmentation, capacity, renderers, colours and the page URL.
#include "core/qr.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tests/core/stb_image_png.h"

namespace {

using pw::QrEcc;
using pw::QrMode;

struct Reference {
  const char* text;
  char requested_ecc;
  int version;
  const char* ecc;      // the level after boosting
  const char* modules;  // rows of '0'/'1', top to bottom
};

const Reference kReferences[] = {
#include "tests/qr/qr_reference.inc"
};

QrEcc ecc_from_letter(char c) {
  return c == 'L' ? QrEcc::Low : c == 'M' ? QrEcc::Medium : c == 'Q' ? QrEcc::Quartile : QrEcc::High;
}

pw::QrCode encode_ok(const std::string& text, QrEcc ecc = QrEcc::Medium) {
  pw::QrOptions o;
  o.ecc = ecc;
  pw::QrResult r = pw::encode_qr(text, o);
  EXPECT_TRUE(r.ok()) << r.error.id << ": " << r.error.message;
  return r.code;
}

TEST(QrEncode, MatricesEqualTheIndependentReference) {
  for (const Reference& ref : kReferences) {
    SCOPED_TRACE(ref.text);
    pw::QrCode code = encode_ok(ref.text, ecc_from_letter(ref.requested_ecc));
    EXPECT_EQ(code.version, ref.version);
    EXPECT_EQ(int(code.ecc), int(ecc_from_letter(ref.ecc[0])));
    ASSERT_EQ(code.modules.size(), std::strlen(ref.modules));
    int mismatches = 0;
    for (size_t i = 0; i < code.modules.size(); ++i)
      mismatches += code.modules[i] != (ref.modules[i] == '1');
    EXPECT_EQ(mismatches, 0);
  }
}

TEST(QrEncode, ChineseTextCarriesUtf8Eci) {
  pw::QrCode code = encode_ok("扫一扫在手机打开当前页");
  EXPECT_TRUE(code.utf8_eci);
  EXPECT_EQ(code.mode, QrMode::Byte);
  pw::QrCode url = encode_ok("https://www.example.gov.cn/a?b=%E4%B8%AD");
  EXPECT_FALSE(url.utf8_eci);
  EXPECT_EQ(url.mode, QrMode::Byte);
  bool eci = true;
  EXPECT_EQ(pw::qr_mode_for("12345", &eci), QrMode::Numeric);
  EXPECT_FALSE(eci);
  EXPECT_EQ(pw::qr_mode_for("HTTP://X.CN/A", &eci), QrMode::Alphanumeric);
  EXPECT_EQ(pw::qr_mode_for("é", &eci), QrMode::Byte);
  EXPECT_TRUE(eci);
}

TEST(QrEncode, CapacityMatchesTheStandardTables) {
  // ISO/IEC 18004 table 7, version 1 and version 40.
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::Low, QrMode::Byte, false), 17);
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::Medium, QrMode::Byte, false), 14);
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::Quartile, QrMode::Byte, false), 11);
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::High, QrMode::Byte, false), 7);
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::Low, QrMode::Numeric, false), 41);
  EXPECT_EQ(pw::qr_capacity(1, QrEcc::Low, QrMode::Alphanumeric, false), 25);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Low, QrMode::Byte, false), 2953);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Medium, QrMode::Byte, false), 2331);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Quartile, QrMode::Byte, false), 1663);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::High, QrMode::Byte, false), 1273);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Low, QrMode::Numeric, false), 7089);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Low, QrMode::Alphanumeric, false), 4296);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::High, QrMode::Numeric, false), 3057);
  EXPECT_EQ(pw::qr_capacity(40, QrEcc::Low, QrMode::Byte, true), 2952);  // 12 bits of ECI
  EXPECT_EQ(pw::qr_capacity(0, QrEcc::Low, QrMode::Byte, false), 0);
  EXPECT_EQ(pw::qr_capacity(41, QrEcc::Low, QrMode::Byte, false), 0);
}

// At every level and in every mode, the largest payload that fits encodes and one
// character more gives pw.qrcode.data_too_long with the capacity in the message.
TEST(QrEncode, LargestPayloadFitsAndOneMoreIsTooLong) {
  struct Fill { QrMode mode; const char* unit; bool eci; };
  const Fill fills[] = {{QrMode::Numeric, "7", false}, {QrMode::Alphanumeric, "Z", false},
                        {QrMode::Byte, "z", false}, {QrMode::Byte, "\xC3\xA9", true}};
  for (int max_version : {1, 10, 40}) {
    for (int e = 0; e < 4; ++e) {
      for (const Fill& f : fills) {
        int cap = pw::qr_capacity(max_version, QrEcc(e), f.mode, f.eci);
        size_t unit_len = std::strlen(f.unit);
        std::string text;
        while (text.size() + unit_len <= size_t(cap)) text += f.unit;
        while (text.size() < size_t(cap)) text += 'z';  // pads a UTF-8 fill to the exact capacity
        std::string more = text + (unit_len == 1 ? f.unit : "z");  // one byte more
        SCOPED_TRACE(std::string("v") + std::to_string(max_version) + " ecc " + "LMQH"[e] +
                     " bytes " + std::to_string(text.size()));
        pw::QrOptions o;
        o.ecc = QrEcc(e);
        o.max_version = max_version;
        pw::QrResult fits = pw::encode_qr(text, o);
        ASSERT_TRUE(fits.ok()) << fits.error.message;
        EXPECT_EQ(fits.code.version, max_version);
        pw::QrResult over = pw::encode_qr(more, o);
        ASSERT_FALSE(over.ok());
        EXPECT_EQ(over.error.id, "pw.qrcode.data_too_long");
        EXPECT_EQ(over.error.source, "text");
        EXPECT_NE(over.error.message.find("at most " + std::to_string(cap)), std::string::npos)
            << over.error.message;
      }
    }
  }
}

TEST(QrEncode, DataTooLongMessageStatesLengthLevelAndCapacity) {
  pw::QrResult r = pw::encode_qr(std::string(2400, 'a'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.message,
            "text is 2400 bytes long; a QR code at error correction M (version 40) holds at most "
            "2331 bytes; shorten the text or lower ecc");
}

TEST(QrEncode, BoostsTheLevelOnlyWithinTheSameVersion) {
  pw::QrCode code = encode_ok("HELLO", QrEcc::Low);
  EXPECT_EQ(code.version, 1);
  EXPECT_EQ(code.ecc, QrEcc::High);  // 5 alphanumeric characters fit 1-H
  pw::QrOptions o;
  o.ecc = QrEcc::Low;
  o.boost_ecc = false;
  EXPECT_EQ(pw::encode_qr("HELLO", o).code.ecc, QrEcc::Low);
  o.min_version = 5;
  EXPECT_EQ(pw::encode_qr("HELLO", o).code.version, 5);
}

TEST(QrEncode, BadInputIsAnErrorValue) {
  EXPECT_EQ(pw::encode_qr("").error.id, "pw.qrcode.empty_text");
  EXPECT_EQ(pw::encode_qr("\xff\xfe").error.id, "pw.qrcode.not_utf8");
  EXPECT_EQ(pw::encode_qr(std::string("a\0b", 3)).error.id, "pw.qrcode.not_utf8");
  EXPECT_EQ(pw::encode_qr("\xed\xa0\x80").error.id, "pw.qrcode.not_utf8");  // surrogate
  pw::QrOptions o;
  o.min_version = 0;
  EXPECT_EQ(pw::encode_qr("x", o).error.id, "pw.qrcode.bad_options");
  o = {};
  o.min_version = 12;
  o.max_version = 11;
  EXPECT_EQ(pw::encode_qr("x", o).error.id, "pw.qrcode.bad_options");
  o = {};
  o.quiet_zone = 17;
  pw::QrResult r = pw::encode_qr("x", o);
  EXPECT_EQ(r.error.id, "pw.qrcode.bad_options");
  EXPECT_EQ(r.error.message, "quiet zone 17 is outside 0..16 modules");
}

TEST(QrSvg, PathCoversExactlyTheDarkModules) {
  for (const char* text : {"HELLO WORLD", "扫一扫在手机打开当前页", "https://www.example.gov.cn/"}) {
    pw::QrCode code = encode_ok(text);
    std::string d = pw::qr_svg_path(code);
    int n = code.full_size();
    std::vector<int> cover(size_t(n) * n, 0);
    // Grammar written by qr_svg_path: M<x>,<y>h<w>v1h-<w>z, repeated.
    size_t i = 0;
    auto number = [&](void) {
      int v = 0;
      bool any = false;
      while (i < d.size() && d[i] >= '0' && d[i] <= '9') { v = v * 10 + (d[i++] - '0'); any = true; }
      EXPECT_TRUE(any) << "number expected at " << i;
      return v;
    };
    auto expect = [&](const char* lit) {
      ASSERT_EQ(d.compare(i, std::strlen(lit), lit), 0) << "at " << i << " in " << d.substr(i, 20);
      i += std::strlen(lit);
    };
    while (i < d.size()) {
      expect("M");
      int x = number();
      expect(",");
      int y = number();
      expect("h");
      int w = number();
      expect("v1h-");
      EXPECT_EQ(number(), w);
      expect("z");
      for (int k = 0; k < w; ++k) cover[size_t(y) * n + x + k] += 1;
    }
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        int q = code.quiet_zone;
        ASSERT_EQ(cover[size_t(y) * n + x], code.dark(x - q, y - q) ? 1 : 0) << x << "," << y;
      }
  }
}

TEST(QrSvg, DocumentHasViewBoxInModulesAndEscapesTheTitle) {
  pw::QrCode code = encode_ok("01234567");  // version 1: 21 + 2*4 = 29 modules
  std::string svg = pw::qr_svg(code, "#000", "#fff", "Open <a&b>");
  EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Open &lt;a&amp;b&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("d=\"" + pw::qr_svg_path(code) + "\""), std::string::npos);
}

TEST(QrBitmap, PngDecodesBackToTheSameModules) {
  for (int scale : {1, 3}) {
    pw::QrCode code = encode_ok("https://www.example.gov.cn/art/2024/5/1/art_123_456.html");
    pw::Rgba fg{0x12, 0x34, 0x56, 255}, bg{255, 255, 255, 255};
    std::vector<uint8_t> png = pw::qr_png(code, scale, fg, bg);
    ASSERT_GT(png.size(), 8u);
    int w = 0, h = 0, comp = 0;
    unsigned char* px = stbi_load_from_memory(png.data(), int(png.size()), &w, &h, &comp, 3);
    ASSERT_NE(px, nullptr);
    EXPECT_EQ(w, code.full_size() * scale);
    EXPECT_EQ(h, w);
    int q = code.quiet_zone, wrong = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const unsigned char* p = px + (size_t(y) * w + x) * 3;
        pw::Rgba want = code.dark(x / scale - q, y / scale - q) ? fg : bg;
        wrong += p[0] != want.r || p[1] != want.g || p[2] != want.b;
      }
    stbi_image_free(px);
    EXPECT_EQ(wrong, 0);
  }
  pw::QrCode code = encode_ok("x");
  EXPECT_TRUE(pw::qr_rgba(code, 0, {}, {}).empty());
  EXPECT_TRUE(pw::qr_rgba(code, 65, {}, {}).empty());
  EXPECT_TRUE(pw::qr_png(pw::QrCode{}, 2, {}, {}).empty());
  uint8_t one = 0;
  EXPECT_TRUE(pw::encode_png(&one, 1, 1, 2).empty());
}

TEST(QrOptionsParsing, Ecc) {
  pw::Error e;
  EXPECT_EQ(pw::parse_qr_ecc(" h ", QrEcc::Medium, &e), QrEcc::High);
  EXPECT_EQ(pw::parse_qr_ecc("L", QrEcc::Medium, &e), QrEcc::Low);
  EXPECT_TRUE(e.id.empty());
  EXPECT_EQ(pw::parse_qr_ecc("high", QrEcc::Medium, &e), QrEcc::Medium);
  EXPECT_EQ(e.id, "pw.qrcode.bad_ecc");
  EXPECT_EQ(e.source, "ecc");
  EXPECT_EQ(e.message, "ecc=\"high\" is not an error correction level; expected L, M, Q or H");
}

TEST(QrColors, ParsesTheDocumentedForms) {
  pw::Error e;
  pw::Rgba fb{1, 2, 3, 255};
  auto same = [](pw::Rgba a, pw::Rgba b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; };
  EXPECT_TRUE(same(pw::parse_css_color("#1a2B3c", "fg", fb, &e), {0x1a, 0x2b, 0x3c, 255}));
  EXPECT_TRUE(same(pw::parse_css_color("#fff", "bg", fb, &e), {255, 255, 255, 255}));
  EXPECT_TRUE(same(pw::parse_css_color("rgb( 10, 20 ,30 )", "fg", fb, &e), {10, 20, 30, 255}));
  EXPECT_TRUE(same(pw::parse_css_color("Black", "fg", fb, &e), {0, 0, 0, 255}));
  EXPECT_EQ(pw::parse_css_color("transparent", "bg", fb, &e).a, 0);
  EXPECT_TRUE(e.id.empty());
  for (const char* bad : {"#12", "#ggg", "rgb(1,2)", "rgb(1,2,256)", "rgb(1,2,3,4)", "red", ""}) {
    pw::Error err;
    EXPECT_TRUE(same(pw::parse_css_color(bad, "bg", fb, &err), fb)) << bad;
    EXPECT_EQ(err.id, "pw.qrcode.bad_color") << bad;
    EXPECT_EQ(err.source, "bg");
  }
  pw::Error err;
  pw::parse_css_color("red", "fg", fb, &err);
  EXPECT_EQ(err.message,
            "fg=\"red\" is not a colour this widget reads; expected #rgb, #rrggbb, rgb(r, g, b), black or white");
}

TEST(QrColors, ContrastAndDirection) {
  pw::Rgba black{0, 0, 0, 255}, white{255, 255, 255, 255}, grey{0x77, 0x77, 0x77, 255};
  EXPECT_NEAR(pw::contrast_ratio(black, white), 21.0, 1e-9);
  EXPECT_NEAR(pw::contrast_ratio(white, black), 21.0, 1e-9);
  EXPECT_NEAR(pw::contrast_ratio(grey, white), 4.48, 0.01);
  EXPECT_TRUE(pw::check_qr_colors(black, white, "#000", "#fff").id.empty());
  EXPECT_TRUE(pw::check_qr_colors({0x76, 0x76, 0x76, 255}, white, "#767676", "#fff").id.empty());
  pw::Error low = pw::check_qr_colors(grey, white, "#777", "#fff");
  EXPECT_EQ(low.id, "pw.qrcode.low_contrast");
  EXPECT_EQ(low.message, "fg=\"#777\" on bg=\"#fff\" has a contrast of 4.4:1; expected at least 4.5:1");
  pw::Error inverted = pw::check_qr_colors(white, black, "#fff", "#000");
  EXPECT_EQ(inverted.id, "pw.qrcode.low_contrast");
  EXPECT_NE(inverted.message.find("light on dark"), std::string::npos);
  EXPECT_EQ(pw::check_qr_colors(black, {0, 0, 0, 0}, "#000", "transparent").id, "pw.qrcode.low_contrast");
}

TEST(QrPageUrl, CanonicalFragmentAndTrackingParameters) {
  pw::Error e;
  EXPECT_EQ(pw::qr_page_url("https://www.example.gov.cn/a.html?utm_source=x&id=3#top", "", "", "utm_*", &e),
            "https://www.example.gov.cn/a.html?id=3");
  EXPECT_EQ(pw::qr_page_url("https://www.example.gov.cn/a.html?x=1", "https://www.example.gov.cn/c.html", "", "", &e),
            "https://www.example.gov.cn/c.html");
  // A canonical link on another site is ignored (a scraped copy must not send readers away)...
  EXPECT_EQ(pw::qr_page_url("https://www.example.gov.cn/a.html", "https://evil.example.com/c.html", "", "", &e),
            "https://www.example.gov.cn/a.html");
  // ...unless that host is one of the site's hosts.
  EXPECT_EQ(pw::qr_page_url("https://www.example.gov.cn/a.html", "https://example.gov.cn:443/c.html#x",
                            "www.example.gov.cn, example.gov.cn", "", &e),
            "https://example.gov.cn:443/c.html");
  EXPECT_EQ(pw::qr_page_url("https://www.example.gov.cn/a", "javascript:alert(1)", "", "", &e),
            "https://www.example.gov.cn/a");
  EXPECT_EQ(pw::qr_page_url("https://h.cn/a?utm_source=1&utm_medium=2", "", "", "utm_*", &e), "https://h.cn/a");
  EXPECT_EQ(pw::qr_page_url("https://h.cn/a?spm=1&from=2&k=v&from2=3", "", "", "spm from", &e),
            "https://h.cn/a?k=v&from2=3");
  EXPECT_EQ(pw::qr_page_url("https://h.cn/a?utm_source=1", "", "", "none", &e), "https://h.cn/a?utm_source=1");
  EXPECT_TRUE(e.id.empty());
  EXPECT_EQ(pw::qr_page_url("https://h.cn/a?utm_source=1", "", "", "utm_* a*b", &e), "https://h.cn/a?utm_source=1");
  EXPECT_EQ(e.id, "pw.qrcode.bad_strip_params");
  EXPECT_EQ(e.source, "strip-params");
  EXPECT_NE(e.message.find("\"a*b\" is not a parameter name"), std::string::npos) << e.message;
}

}  // namespace

// ---- Independent round trip: zbarimg (zbar-tools) and ZXingReader (zxing-cpp-tools) ----
// Native only: they are separate programs, so the test skips where there is no shell
// (the WASM build under node) or the readers are not installed.
namespace roundtrip {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// True when a real shell runs commands (not so under node, where system() and popen()
// are stubs) and `name` is installed.
bool have_shell_tool(const char* name) {
  if (std::system(nullptr) == 0 || run("echo ok") != "ok\n") return false;
  return run(std::string("command -v ") + name + " >/dev/null 2>&1 && echo yes") == "yes\n";
}

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

// Decodes with both readers; returns "" when either disagrees with `expected`,
// describing the first disagreement in *why.
bool decodes_to(const std::string& png_path, const std::string& expected, std::string* why) {
  // zbarimg prints the data and a newline; --raw keeps bytes as they are (UTF-8 via ECI).
  std::string z = run("zbarimg -q --raw -Sdisable -Sqrcode.enable '" + png_path + "' 2>/dev/null");
  if (!z.empty() && z.back() == '\n') z.pop_back();
  if (z != expected) { *why = "zbarimg read \"" + z.substr(0, 80) + "\""; return false; }
  std::string x = run("ZXingReader -format QRCode -bytes '" + png_path + "' 2>/dev/null");
  if (x != expected) { *why = "ZXingReader read \"" + x.substr(0, 80) + "\""; return false; }
  return true;
}

// ASCII filler that stays in byte mode (lower case) and varies, so masks differ.
std::string filler(size_t n, unsigned seed) {
  std::string s;
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%";
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    s += alphabet[(seed >> 16) % 45];
  }
  return s;
}

TEST(QrRoundTrip, ZbarAndZxingDecodeEveryRenderedVersionAndLevel) {
  if (!have_shell_tool("zbarimg") || !have_shell_tool("ZXingReader"))
    GTEST_SKIP() << "zbarimg or ZXingReader not available here";
  struct Case { std::string text; int version; QrEcc ecc; };
  std::vector<Case> cases;
  // Versions 1..40, every level in turn, each payload filling its version to capacity.
  for (int v = 1; v <= 40; v += (v < 10 ? 1 : 3)) {
    QrEcc ecc = QrEcc(v % 4);
    int cap = pw::qr_capacity(v, ecc, QrMode::Byte, false);
    std::string prefix = cap > 40 ? "https://www.example.gov.cn/" : "";
    cases.push_back({prefix + filler(size_t(cap) - prefix.size(), unsigned(v)), v, ecc});
  }
  cases.push_back({"扫一扫在手机打开当前页", 0, QrEcc::Medium});
  cases.push_back({"某某县人民政府门户网站：关于印发《2024年政务公开工作要点》的通知（全文）", 0, QrEcc::High});
  cases.push_back({"https://www.example.gov.cn/art/2024/5/1/art_1229_4567890.html?" + filler(900, 7), 0, QrEcc::Low});
  int i = 0;
  for (const Case& c : cases) {
    pw::QrOptions o;
    o.ecc = c.ecc;
    o.boost_ecc = false;
    if (c.version) o.min_version = o.max_version = c.version;
    pw::QrResult r = pw::encode_qr(c.text, o);
    ASSERT_TRUE(r.ok()) << r.error.message;
    if (c.version) {
      ASSERT_EQ(r.code.version, c.version);
    }
    std::string path = "qr_roundtrip_" + std::to_string(i++) + ".png";
    ASSERT_TRUE(write_file(path, pw::qr_png(r.code, 4, {0, 0, 0, 255}, {255, 255, 255, 255})));
    std::string why;
    EXPECT_TRUE(decodes_to(path, c.text, &why))
        << "version " << r.code.version << " ecc " << "LMQH"[int(r.code.ecc)] << ": " << why;
    std::remove(path.c_str());
  }
}

// A centre logo (forced level H) hides the modules under qr_logo_box. The worst case
// is an opaque logo: its box painted in the background colour. Every version still
// reads, filled to its capacity at H, with both readers.
TEST(QrRoundTrip, CodesWithAnOpaqueLogoDecodeAtLevelHAcrossVersions) {
  if (!have_shell_tool("zbarimg") || !have_shell_tool("ZXingReader"))
    GTEST_SKIP() << "zbarimg or ZXingReader not available here";
  const pw::Rgba fg{0, 0, 0, 255}, bg{255, 255, 255, 255};
  const int scale = 4;
  int i = 0;
  for (int v = 1; v <= 40; v += (v < 10 ? 1 : 3)) {
    for (int version : {v, v == 37 ? 40 : 0}) {
      if (!version) continue;
      int cap = pw::qr_capacity(version, QrEcc::High, QrMode::Byte, false);
      std::string prefix = cap > 40 ? "https://www.example.gov.cn/" : "";
      std::string text = prefix + filler(size_t(cap) - prefix.size(), unsigned(version) + 100);
      pw::QrElementInput in;
      in.text = text;
      in.logo = true;
      pw::QrElementResult r = pw::resolve_qr_element(in);
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r.code.ecc, QrEcc::High);
      ASSERT_EQ(r.code.version, version);
      std::vector<uint8_t> rgba = pw::qr_rgba(r.code, scale, fg, bg);
      int side = r.code.full_size() * scale;
      pw::QrBox box = pw::qr_logo_box(r.code);
      for (int y = box.y * scale; y < (box.y + box.side) * scale; ++y)
        for (int x = box.x * scale; x < (box.x + box.side) * scale; ++x)
          for (int k = 0; k < 3; ++k) rgba[(size_t(y) * side + x) * 4 + k] = 255;
      std::vector<uint8_t> rgb;
      for (size_t p = 0; p < rgba.size(); p += 4) rgb.insert(rgb.end(), {rgba[p], rgba[p + 1], rgba[p + 2]});
      std::string path = "qr_logo_roundtrip_" + std::to_string(i++) + ".png";
      ASSERT_TRUE(write_file(path, pw::encode_png(rgb.data(), side, side, 3)));
      std::string why;
      EXPECT_TRUE(decodes_to(path, text, &why)) << "version " << version << " with a logo: " << why;
      std::remove(path.c_str());
    }
  }
}

}  // namespace roundtrip

TEST(QrMatrixHex, RoundTripsEveryModuleAndRejectsBadText) {
  for (const std::string& text : {std::string("1"), std::string("https://www.example.gov.cn/") + std::string(300, 'a'),
                                  std::string(2900, 'b')}) {
    pw::QrCode code = encode_ok(text, QrEcc::Low);
    std::string hex = pw::qr_matrix_hex(code);
    EXPECT_EQ(hex.size(), (size_t(code.size) * code.size + 3) / 4);
    pw::Error e;
    pw::QrCode back = pw::qr_code_from_matrix_hex(hex, code.version, &e);
    EXPECT_TRUE(e.id.empty()) << e.message;
    EXPECT_EQ(back.version, code.version);
    EXPECT_EQ(back.size, code.size);
    EXPECT_EQ(back.quiet_zone, 4);
    EXPECT_EQ(back.modules, code.modules) << "version " << code.version;
  }
  EXPECT_EQ(pw::qr_matrix_hex(pw::QrCode()), "");
  pw::QrCode v1 = encode_ok("1");
  std::string hex = pw::qr_matrix_hex(v1);
  EXPECT_EQ(hex.size(), 111u);  // 21 * 21 = 441 modules, 4 per digit
  for (auto [text, version] : {std::pair<std::string, int>{hex, 2}, {hex, 0}, {hex, 41}, {hex.substr(1), 1},
                               {hex + "0", 1}, {hex.substr(1) + "g", 1}}) {
    pw::Error e;
    pw::QrCode bad = pw::qr_code_from_matrix_hex(text, version, &e);
    EXPECT_EQ(e.id, "pw.qrcode.bad_matrix") << version << " " << text.size();
    EXPECT_EQ(e.source, "matrix");
    EXPECT_EQ(bad.version, 0);
  }
}

namespace element {

TEST(QrElement, SizeAttribute) {
  pw::Error e;
  EXPECT_EQ(pw::parse_qr_size("", 160, &e), 160);
  EXPECT_EQ(pw::parse_qr_size("200", 160, &e), 200);
  EXPECT_EQ(pw::parse_qr_size(" 64px ", 160, &e), 64);
  EXPECT_TRUE(e.id.empty());
  for (const char* bad : {"63", "1025", "12.5", "big", "-100", "px", "100em"}) {
    pw::Error err;
    EXPECT_EQ(pw::parse_qr_size(bad, 160, &err), 160) << bad;
    EXPECT_EQ(err.id, "pw.qrcode.bad_size") << bad;
  }
  pw::Error err;
  pw::parse_qr_size("big", 160, &err);
  EXPECT_EQ(err.message, "size=\"big\" is not a size this widget draws; expected a whole number of CSS px from 64 to 1024, such as \"160\"");
}

TEST(QrElement, DefaultsLogoAndBadAttributes) {
  pw::QrElementInput in;
  in.text = "https://www.example.gov.cn/a.html";
  pw::QrElementResult r = pw::resolve_qr_element(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.errors.empty());
  EXPECT_GE(int(r.code.ecc), int(QrEcc::Medium));
  EXPECT_EQ(r.fg, "#000");
  EXPECT_EQ(r.bg, "#fff");
  EXPECT_EQ(r.path, pw::qr_svg_path(r.code));

  in.logo = true;
  in.ecc = "L";
  EXPECT_EQ(pw::resolve_qr_element(in).code.ecc, QrEcc::High);  // a logo always gets H

  in = {};
  in.text = "x";
  in.ecc = "Z";
  in.fg = "#bbb";  // 1.9:1 on white
  in.bg = "#fff";
  r = pw::resolve_qr_element(in);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].id, "pw.qrcode.bad_ecc");
  EXPECT_EQ(r.errors[1].id, "pw.qrcode.low_contrast");
  EXPECT_EQ(r.fg, "#000");
  EXPECT_EQ(r.bg, "#fff");

  in.ecc = "";
  in.fg = "#1a3d7c";
  in.bg = "#fffbe6";
  r = pw::resolve_qr_element(in);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.fg, "#1a3d7c");

  in.fg = "navy";
  r = pw::resolve_qr_element(in);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.qrcode.bad_color");
  EXPECT_EQ(r.errors[0].source, "fg");
  EXPECT_EQ(r.fg, "#000");
  EXPECT_EQ(r.bg, "#fff");

  in = {};
  in.text = std::string(3000, 'a');
  r = pw::resolve_qr_element(in);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.qrcode.data_too_long");
  EXPECT_TRUE(r.path.empty());
  EXPECT_EQ(r.errors[0].message.find("logo"), std::string::npos);

  // With a logo the level is H whatever ecc says, so the advice is to drop the logo.
  in.text = std::string(1300, 'a');  // fits at M (2331 bytes), not at H (1273)
  in.logo = true;
  r = pw::resolve_qr_element(in);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "pw.qrcode.data_too_long");
  EXPECT_EQ(r.errors[0].message,
            "text is 1300 bytes long; a QR code at error correction H (version 40) holds at most 1273 bytes; "
            "shorten the text or remove the logo (a logo needs level H)");
}

TEST(QrElement, LogoBoxIsCentredAndSmallEnoughForLevelH) {
  for (int v : {1, 2, 5, 10, 40}) {
    pw::QrOptions o;
    o.min_version = v;
    o.ecc = QrEcc::High;
    pw::QrCode code = pw::encode_qr("https://www.example.gov.cn/", o).code;
    pw::QrBox box = pw::qr_logo_box(code);
    EXPECT_EQ(box.x - code.quiet_zone, code.size - (box.x - code.quiet_zone) - box.side) << v;  // centred
    EXPECT_EQ(box.x, box.y);
    EXPECT_LE(box.side * box.side * 100, code.size * code.size * 7) << v;  // under 7% of the modules
    EXPECT_GT(box.side, 0);
  }
}

TEST(QrBitmap, ImageScaleFillsTheDevicePixelsWithAtLeastFourPerModule) {
  EXPECT_EQ(pw::qr_image_scale(160, 41), 4);      // 160 CSS px at 1x: 3.9 would blur, so 4
  EXPECT_EQ(pw::qr_image_scale(320, 41), 8);      // at 2x: ceil(7.8)
  EXPECT_EQ(pw::qr_image_scale(480, 41), 12);     // at 3x: ceil(11.7)
  EXPECT_EQ(pw::qr_image_scale(328, 41), 8);      // exact fit
  EXPECT_EQ(pw::qr_image_scale(3000, 29), 32);    // capped
  EXPECT_EQ(pw::qr_image_scale(0, 41), 4);
  EXPECT_EQ(pw::qr_image_scale(320, 0), 4);
}

TEST(QrElement, SaveMethod) {
  const char* desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
  const char* wechat = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.40";
  EXPECT_STREQ(pw::qr_save_method(desktop, false), "download");
  EXPECT_STREQ(pw::qr_save_method(desktop, true), "overlay");
  EXPECT_STREQ(pw::qr_save_method(wechat, false), "overlay");
  EXPECT_STREQ(pw::qr_save_method("Mozilla/5.0 QQ/8.9.0 V1_AND_SQ", false), "overlay");
}

}  // namespace element
