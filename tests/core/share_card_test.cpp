// core/share_card: the font slice index, font validation and the rendered card.
//
// Rendering tests use the slices fonts/build_fonts.py writes into the build folder
// (assets/font-index/share-card-fonts.txt, assets/font-slice/*.otf; ctest runs in the
// build folder, natively and under node). $PW_FONT_DIR may name a folder holding the
// index and the slices together instead. Where neither exists those tests skip.
#include "core/share_card.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/core/stb_image_png.h"

// The test's own copy, to check the slices independently of the card code.
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb/stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace {

bool read_file(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  out->clear();
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

struct Slices {
  pw::FontSliceIndex index;
  std::vector<std::string> bytes;  // all slices, by index
  bool loaded = false;
};

const Slices& slices() {
  static Slices s = [] {
    Slices r;
    const char* env = std::getenv("PW_FONT_DIR");
    const std::string env_dir = env ? env : "";
    const std::pair<std::string, std::string> places[] = {
        {env_dir + "/share-card-fonts.txt", env_dir},
        {"assets/font-index/share-card-fonts.txt", "assets/font-slice"}};
    for (const auto& [index_path, dir] : places) {
      if (index_path[0] == '/' && env_dir.empty()) continue;
      std::string index_text;
      if (!read_file(index_path, &index_text)) continue;
      pw::Error e;
      r.index = pw::parse_font_slice_index(index_text, &e);
      if (!e.id.empty()) continue;
      r.bytes.resize(r.index.files.size());
      bool all = true;
      for (size_t i = 0; i < r.index.files.size(); ++i) all = all && read_file(dir + "/" + r.index.files[i], &r.bytes[i]);
      r.loaded = all;
      if (all) break;
    }
    return r;
  }();
  return s;
}

std::vector<pw::FontData> fonts_for(const std::string& text) {
  std::vector<pw::FontData> out;
  for (int i : pw::font_slices_for(slices().index, text)) {
    const std::string& b = slices().bytes[size_t(i)];
    out.push_back({reinterpret_cast<const uint8_t*>(b.data()), b.size()});
  }
  return out;
}

// The code of `url` as the card receives it from the core module.
pw::QrCode code_of(const std::string& url) {
  pw::QrResult r = pw::encode_qr(url);
  EXPECT_TRUE(r.ok()) << r.error.message;
  return r.code;
}

#define REQUIRE_FONTS() \
  if (!slices().loaded) GTEST_SKIP() << "font slices not built here (fonts/build_fonts.py)"

TEST(FontSliceIndex, ParsesRangesAndPicksSlices) {
  pw::Error e;
  pw::FontSliceIndex idx = pw::parse_font_slice_index(
      "share-card-0.otf 20+5e,1fa7,fd9+3f\n\nshare-card-1.otf 4e00+f\r\nshare-card-2.otf 4e10+51ef\n", &e);
  ASSERT_TRUE(e.id.empty()) << e.message;
  ASSERT_EQ(idx.files.size(), 3u);
  EXPECT_EQ(idx.files[1], "share-card-1.otf");
  ASSERT_EQ(idx.ranges[0].size(), 3u);
  EXPECT_EQ(idx.ranges[0][0].first, char32_t(0x20));
  EXPECT_EQ(idx.ranges[0][0].second, char32_t(0x7e));
  EXPECT_EQ(idx.ranges[0][1].first, char32_t(0x2026));
  EXPECT_EQ(idx.ranges[0][1].second, char32_t(0x2026));
  EXPECT_EQ(idx.ranges[0][2].first, char32_t(0x3000));
  EXPECT_EQ(idx.ranges[0][2].second, char32_t(0x303f));
  EXPECT_EQ(idx.ranges[2][0].first, char32_t(0x4e10));
  EXPECT_EQ(idx.ranges[2][0].second, char32_t(0x9fff));
  EXPECT_EQ(pw::font_slices_for(idx, "abc"), (std::vector<int>{0}));
  EXPECT_EQ(pw::font_slices_for(idx, ""), (std::vector<int>{0}));  // slice 0 always (ellipsis)
  EXPECT_EQ(pw::font_slices_for(idx, "\xe4\xb8\x80"), (std::vector<int>{0, 1}));           // U+4E00
  EXPECT_EQ(pw::font_slices_for(idx, "\xe4\xb8\x90\xe4\xb8\x80"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(pw::font_slices_for(idx, "\xf0\xa0\x80\x80"), (std::vector<int>{0}));  // U+20000: none has it
}

TEST(FontSliceIndex, MalformedLinesAreErrors) {
  for (const char* bad : {"share-card-0.otf", "share-card-0.otf 20+", "share-card-0.otf 20-7e",
                          "share-card-0.otf 20,,30", "share-card-0.otf zz", " 20+5e",
                          "share-card-0.otf 110000", "share-card-0.otf 10ffff,1"}) {
    pw::Error e;
    pw::parse_font_slice_index(std::string("a.otf 20\n") + bad + "\n", &e);
    EXPECT_EQ(e.id, "pw.sharecard.bad_font_index") << bad;
    EXPECT_EQ(e.source, "font index line 2") << bad;
  }
}

TEST(ShareCard, BadFontsAndWidthAreErrors) {
  pw::ShareCardInput in;
  in.code = code_of("https://www.example.gov.cn/");
  EXPECT_EQ(pw::render_share_card(in, {}).error.id, "pw.sharecard.no_font");
  const std::string html = "<!doctype html><title>404</title>";
  pw::ShareCard c = pw::render_share_card(in, {{reinterpret_cast<const uint8_t*>(html.data()), html.size()}});
  EXPECT_EQ(c.error.id, "pw.sharecard.bad_font");
  EXPECT_EQ(c.error.source, "fonts[0]");
  EXPECT_TRUE(c.png.empty());
  // An sfnt header whose table directory points past the end (a truncated download).
  std::string truncated("OTTO\0\1\0\0\0\0\0\0" "CFF \0\0\0\0\0\0\0\x20\0\0\x10\0", 28);
  EXPECT_EQ(pw::render_share_card(in, {{reinterpret_cast<const uint8_t*>(truncated.data()), truncated.size()}})
                .error.id,
            "pw.sharecard.bad_font");
  in.width = 100;
  EXPECT_EQ(pw::render_share_card(in, {}).error.id, "pw.sharecard.bad_width");
}

TEST(ShareCard, RendersACardWhoseCodeMatchesTheMatrix) {
  REQUIRE_FONTS();
  pw::ShareCardInput in;
  in.code = code_of("https://www.example.gov.cn/art/2024/5/1/art_1229_4567890.html");
  in.site_name = "某某县人民政府门户网站";
  in.title = "某某县人民政府办公室关于印发《某某县2024年政务公开工作要点》的通知，请各乡镇、各部门认真贯彻执行";
  in.caption = "扫一扫在手机打开当前页";
  std::vector<pw::FontData> fonts = fonts_for(in.site_name + in.title + in.caption);
  pw::ShareCard card = pw::render_share_card(in, fonts);
  ASSERT_TRUE(card.ok()) << card.error.message;
  EXPECT_EQ(card.missing_glyphs, 0);
  int w = 0, h = 0, comp = 0;
  unsigned char* px = stbi_load_from_memory(card.png.data(), int(card.png.size()), &w, &h, &comp, 3);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 720);
  EXPECT_EQ(h, card.height);
  int left = card.qr_x, top = card.qr_y, scale = card.qr_scale;
  EXPECT_GE(scale, 3);
  EXPECT_EQ(left, (w - card.code.full_size() * scale) / 2);  // centred
  int wrong = 0;
  for (int my = -card.code.quiet_zone; my < card.code.size + card.code.quiet_zone; ++my)
    for (int mx = -card.code.quiet_zone; mx < card.code.size + card.code.quiet_zone; ++mx) {
      int cx = left + (mx + card.code.quiet_zone) * scale + scale / 2;
      int cy = top + (my + card.code.quiet_zone) * scale + scale / 2;
      bool dark = px[(size_t(cy) * w + cx) * 3] < 128;
      wrong += dark != card.code.dark(mx, my);
    }
  EXPECT_EQ(wrong, 0);
  // Text was drawn above the code (site name and two title lines): dark pixels there.
  int dark_above = 0;
  for (int y = 0; y < top; ++y)
    for (int x = 0; x < w; ++x) dark_above += px[(size_t(y) * w + x) * 3] < 128;
  EXPECT_GT(dark_above, 2000);
  stbi_image_free(px);
}

TEST(ShareCard, MissingCharactersBecomeVisibleBoxes) {
  REQUIRE_FONTS();
  pw::ShareCardInput in;
  in.code = code_of("https://www.example.gov.cn/");
  in.title = "\xf0\xa0\x80\x80\xf0\xa0\x80\x81";  // U+20000 U+20001: in no slice
  std::vector<pw::FontData> fonts = fonts_for(in.title);
  pw::ShareCard card = pw::render_share_card(in, fonts);
  ASSERT_TRUE(card.ok()) << card.error.message;
  EXPECT_EQ(card.missing_glyphs, 2);
  in.title.clear();
  pw::ShareCard plain = pw::render_share_card(in, fonts);
  // The boxes are drawn: the card with them differs from the card without the title.
  EXPECT_GT(card.height, plain.height);
}

TEST(ShareCard, LongTitleIsCutToTwoLinesWithAnEllipsis) {
  REQUIRE_FONTS();
  pw::ShareCardInput in;
  in.code = code_of("https://www.example.gov.cn/");
  std::string long_title;
  for (int i = 0; i < 20; ++i) long_title += "政务公开工作要点";
  in.title = long_title;
  pw::ShareCard two = pw::render_share_card(in, fonts_for(in.title));
  in.title = "政务公开";
  pw::ShareCard one = pw::render_share_card(in, fonts_for(in.title));
  ASSERT_TRUE(two.ok());
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(two.height - one.height, int(38 * 1.45f));  // exactly one more title line
}

// The card scans with two independent readers (native only, when they are installed).
TEST(ShareCard, ZbarAndZxingDecodeTheCard) {
  REQUIRE_FONTS();
  auto run = [](const char* cmd) {
    std::string out;
    FILE* p = popen(cmd, "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  };
  // Under node system() and popen() are stubs: only a real shell counts.
  if (std::system(nullptr) == 0 ||
      run("command -v zbarimg >/dev/null 2>&1 && command -v ZXingReader >/dev/null 2>&1 && echo yes") != "yes\n")
    GTEST_SKIP() << "zbarimg or ZXingReader not available here";
  pw::ShareCardInput in;
  const std::string url = "https://www.example.gov.cn/art/2024/5/1/art_1229_4567890.html?id=%E6%94%BF";
  in.code = code_of(url);
  in.site_name = "某某县人民政府门户网站";
  in.title = "关于印发政务公开工作要点的通知\xf0\xa0\x80\x80";
  in.caption = "扫一扫在手机打开当前页";
  pw::ShareCard card = pw::render_share_card(in, fonts_for(in.site_name + in.title + in.caption));
  ASSERT_TRUE(card.ok());
  const char* path = "share_card_roundtrip.png";
  FILE* f = std::fopen(path, "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(card.png.data(), 1, card.png.size(), f);
  std::fclose(f);
  std::string zbar = run("zbarimg -q --raw -Sdisable -Sqrcode.enable share_card_roundtrip.png 2>/dev/null");
  std::string zxing = run("ZXingReader -format QRCode -bytes share_card_roundtrip.png 2>/dev/null");
  std::remove(path);
  EXPECT_EQ(zbar, url + "\n");
  EXPECT_EQ(zxing, url);
}

TEST(ShareCard, DrawsTheCodeItIsGivenAndNeedsOne) {
  // The matrix made by the core, handed over as text, is what the card draws.
  pw::QrCode made = code_of("https://www.example.gov.cn/art/2024/5/1/art_1229_4567890.html");
  pw::Error e;
  pw::ShareCardInput in;
  in.code = pw::qr_code_from_matrix_hex(pw::qr_matrix_hex(made), made.version, &e);
  ASSERT_TRUE(e.id.empty());
  std::string font = "not a font";
  pw::FontData junk{reinterpret_cast<const uint8_t*>(font.data()), font.size()};
  pw::ShareCardInput empty;
  EXPECT_EQ(pw::render_share_card(empty, {junk}).error.id, "pw.sharecard.bad_font");
  if (!slices().loaded) GTEST_SKIP() << "font slices not built here (fonts/build_fonts.py)";
  pw::ShareCard none = pw::render_share_card(empty, fonts_for(""));
  EXPECT_EQ(none.error.id, "pw.sharecard.no_code");
  EXPECT_TRUE(none.png.empty());
  pw::ShareCard card = pw::render_share_card(in, fonts_for(""));
  ASSERT_TRUE(card.ok()) << card.error.message;
  EXPECT_EQ(card.code.modules, made.modules);
  int w = 0, h = 0, comp = 0;
  unsigned char* px = stbi_load_from_memory(card.png.data(), int(card.png.size()), &w, &h, &comp, 3);
  ASSERT_NE(px, nullptr);
  int wrong = 0;
  for (int my = 0; my < made.size; ++my)
    for (int mx = 0; mx < made.size; ++mx) {
      int cx = card.qr_x + (mx + made.quiet_zone) * card.qr_scale + card.qr_scale / 2;
      int cy = card.qr_y + (my + made.quiet_zone) * card.qr_scale + card.qr_scale / 2;
      wrong += (px[(size_t(cy) * w + cx) * 3] < 128) != made.dark(mx, my);
    }
  EXPECT_EQ(wrong, 0);
  stbi_image_free(px);
}

TEST(ShareCard, InvisibleCharactersInTitlesAreNotDrawnAsBoxes) {
  REQUIRE_FONTS();
  pw::ShareCardInput in;
  in.code = code_of("https://www.example.gov.cn/");
  // U+200B zero width space, U+FEFF, U+200E, U+202A..U+202C, U+2028: as CMS titles carry them.
  in.title = "\u5173\u4e8e\u200b\u901a\u77e5\ufeff\u200e\u202a\u653f\u52a1\u202c\u2028\u516c\u5f00";
  in.site_name = "\u200b\u67d0\u67d0\u53bf";
  pw::ShareCard card = pw::render_share_card(in, fonts_for(in.title + in.site_name));
  ASSERT_TRUE(card.ok()) << card.error.message;
  EXPECT_EQ(card.missing_glyphs, 0);
}

std::string hex(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", unsigned(c));
  return buf;
}

// The index claims a character for a slice only when that slice has a glyph for it,
// so anything else counts (and is drawn) as missing rather than silently blank.
TEST(FontSliceIndex, EveryIndexedCharacterHasAGlyphInItsSlice) {
  REQUIRE_FONTS();
  const Slices& all = slices();
  int claimed = 0;
  std::string without;
  for (size_t i = 0; i < all.index.files.size(); ++i) {
    stbtt_fontinfo info;
    const auto* data = reinterpret_cast<const unsigned char*>(all.bytes[i].data());
    ASSERT_TRUE(stbtt_InitFont(&info, data, 0)) << all.index.files[i];
    for (const auto& [first, last] : all.index.ranges[i])
      for (char32_t c = first; c <= last; ++c) {
        ++claimed;
        if (!stbtt_FindGlyphIndex(&info, int(c)) && without.size() < 200)
          without += all.index.files[i] + ":U+" + hex(c) + " ";
      }
  }
  EXPECT_GT(claimed, 8105);
  EXPECT_EQ(without, "");
}

}  // namespace
