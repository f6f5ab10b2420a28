// The studio headless: Dear ImGui with no window and no platform backend, the
// studio font built into an atlas, frames driven by scripted mouse, keyboard and
// clipboard input. IM_ASSERT is active (imgui_config.h, PW_IMGUI_ASSERTS) and any
// failure fails the test.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <memory>
#include <iterator>
#include <string>
#include <vector>

#include "demo/studio/studio_model.h"
#include "demo/studio/studio_ui.h"
#include "imgui.h"

namespace {

using pw::studio::Settings;
using pw::studio::Studio;

std::vector<std::string> g_assert_failures;

// A stand-in for the browser's URL parser: absolute http(s)/other URLs and
// root-relative, fragment-only and path-relative references. Enough for the
// links these tests paste; the browser test checks the real parser.
class FakeBridge : public pw::studio::Bridge {
 public:
  pw::UrlParts parse(const std::string& href, const std::string& base) override {
    pw::UrlParts p;
    size_t colon = href.find(':');
    const bool absolute = colon != std::string::npos && colon > 0 && href.find_first_of("/?#") > colon;
    if (!absolute) {
      pw::UrlParts b = parse(base, base);
      if (href.rfind("//", 0) == 0) return parse(b.scheme + ":" + href, base);
      std::string path = b.path, query = b.query, fragment;
      std::string rest = href;
      size_t hash = rest.find('#');
      if (hash != std::string::npos) { fragment = rest.substr(hash); rest = rest.substr(0, hash); }
      if (!rest.empty()) {
        size_t q = rest.find('?');
        query = q == std::string::npos ? "" : rest.substr(q);
        std::string rel = rest.substr(0, q);
        if (!rel.empty()) path = rel[0] == '/' ? rel : path.substr(0, path.rfind('/') + 1) + rel;
      }
      b.path = path;
      b.query = query;
      b.fragment = fragment;
      return b;
    }
    p.scheme = href.substr(0, colon + 1);
    for (char& c : p.scheme) c = char(std::tolower(static_cast<unsigned char>(c)));
    std::string rest = href.substr(colon + 1);
    if (rest.rfind("//", 0) == 0) {
      rest = rest.substr(2);
      size_t end = rest.find_first_of("/?#");
      std::string authority = rest.substr(0, end);
      rest = end == std::string::npos ? "" : rest.substr(end);
      size_t port = authority.find(':');
      p.host = authority.substr(0, port);
      for (char& c : p.host) c = char(std::tolower(static_cast<unsigned char>(c)));
      if (port != std::string::npos) p.port = authority.substr(port + 1);
      if (p.host.empty() && (p.scheme == "http:" || p.scheme == "https:")) p.valid = false;
      if (rest.empty() || rest[0] != '/') rest = "/" + rest;
    }
    size_t hash = rest.find('#');
    if (hash != std::string::npos) { p.fragment = rest.substr(hash); rest = rest.substr(0, hash); }
    size_t q = rest.find('?');
    if (q != std::string::npos) { p.query = rest.substr(q); rest = rest.substr(0, q); }
    p.path = rest;
    return p;
  }
  void copy_text(const std::string& text) override { copied.push_back(text); }
  void fetch_text(const std::string& url, int request) override { fetches.emplace_back(url, request); }
  void fetch_font_file(const std::string& name, int request) override { font_files.emplace_back(name, request); }

  std::vector<std::string> copied;
  std::vector<std::pair<std::string, int>> fetches;
  std::vector<std::pair<std::string, int>> font_files;
};

// A file of the native build's share-card fonts (fonts/build_fonts.py --slices, the
// slices and index dist/ ships), as the browser bridge would hand it over.
std::string font_asset(const std::string& path) {
  std::ifstream in(std::string(PW_FONT_ASSETS) + "/" + path, std::ios::binary);
  EXPECT_TRUE(in) << PW_FONT_ASSETS << "/" << path << " is missing (the share_card_fonts target builds it)";
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string g_clipboard;

// One of the studio's fonts as the build wrote it (the studio_font target).
std::vector<char> read_font(const char* path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path << " is missing (the studio_font target builds it)";
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
Studio::FontFile font_file(const std::vector<char>& bytes) { return {bytes.data(), int(bytes.size())}; }

class StudioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_assert_failures.clear();
    pw::studio::set_assert_handler([](const char* expression, const char* file, int line) {
      g_assert_failures.push_back(std::string(expression) + " at " + file + ":" + std::to_string(line));
    });
    ui_font_ = read_font(PW_STUDIO_UI_FONT);
    rest_font_ = read_font(PW_STUDIO_FONT);
    ASSERT_FALSE(ui_font_.empty() || rest_font_.empty());
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 1000);
    io.DeltaTime = 1.0f / 60;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 100 + k;
    io.GetClipboardTextFn = [](void*) { return g_clipboard.c_str(); };
    io.SetClipboardTextFn = [](void*, const char* text) { g_clipboard = text; };
    studio_ = std::make_unique<Studio>(bridge_);
    build_atlas();
    // Tab bars settle their layout over the first frames.
    for (int i = 0; i < 3; ++i) frame();
  }
  void TearDown() override {
    studio_.reset();
    ImGui::DestroyContext();
    pw::studio::set_assert_handler(nullptr);
    EXPECT_TRUE(g_assert_failures.empty()) << g_assert_failures.front();
  }

  // What the web backend does between frames: the atlas (the whole studio font and
  // the slices loaded so far) built, then uploaded as the renderer's font texture.
  void build_atlas() {
    studio_->build_fonts(font_file(ui_font_), font_file(rest_font_), 16.f, 1.f, Studio::Glyphs::kFull);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    ASSERT_NE(pixels, nullptr);
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
  }
  // Hands every font file the studio asked for over, as the bridge would.
  void deliver_font_files(std::size_t from) {
    for (std::size_t i = from; i < bridge_.font_files.size(); ++i) {
      const auto& [name, request] = bridge_.font_files[i];
      const bool index = request == Studio::kFetchFontIndex;
      studio_->fetch_finished(request, true, font_asset((index ? "font-index/" : "font-slice/") + name));
    }
  }
  void frame() {
    ImGui::NewFrame();
    studio_->frame();
    ImGui::Render();
  }
  ImVec2 centre(const std::string& id) {
    ImVec2 a, b;
    EXPECT_TRUE(studio_->item_rect(id, &a, &b)) << id << " was not drawn";
    return ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2);
  }
  void click(const std::string& id) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = centre(id);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }
  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }
  void key(ImGuiKey k, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[io.KeyMap[k]] = true;
    frame();
    io.KeysDown[io.KeyMap[k]] = false;
    io.KeyCtrl = false;
    frame();
  }
  void paste(const std::string& text) {
    g_clipboard = text;
    key(ImGuiKey_V, true);
  }
  // Clicks a text field, selects what it holds and types over it.
  void fill(const std::string& id, const std::string& text) {
    click(id);
    key(ImGuiKey_A, true);
    type(text);
    frame();
  }

  std::vector<char> ui_font_, rest_font_;
  FakeBridge bridge_;
  std::unique_ptr<Studio> studio_;
};

TEST_F(StudioTest, BuildsTheAtlasWithTheUiStringsAndCommonHanzi) {
  ImFont* font = ImGui::GetFont();
  for (char32_t c : {U'站', U'点', U'链', U'测', U'码', U'繁', U'體', U'县', U'政', U'□', U'A'}) {
    EXPECT_NE(font->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::hex << unsigned(c);
  }
  EXPECT_EQ(font->FallbackChar, ImWchar(0x25A1));
  EXPECT_EQ(studio_->missing_glyphs(), 0);
}

TEST_F(StudioTest, SiteNameAndAllowPatternTypedIntoTheSitePanelReachSnippetAndFragment) {
  click("tab.site");
  fill("attr.site-name", "某某县人民政府门户网站");
  fill("attr.allow", "*.gov.cn");
  EXPECT_EQ(studio_->settings().get("site-name"), "某某县人民政府门户网站");
  EXPECT_EQ(studio_->settings().get("allow"), "*.gov.cn");
  EXPECT_TRUE(studio_->take_changed());
  EXPECT_EQ(studio_->snippet(),
            "<link rel=\"stylesheet\" href=\"/static/portal-widgets/portal-widgets.css\">\n"
            "<script src=\"/static/portal-widgets/portal-widgets.js\" defer data-site-name=\"某某县人民政府门户网站\" "
            "data-allow=\"*.gov.cn\"></script>\n"
            "<pw-font-size></pw-font-size>\n<pw-qrcode></pw-qrcode>\n<pw-related></pw-related>\n");
  EXPECT_EQ(studio_->fragment(),
            "site-name=%E6%9F%90%E6%9F%90%E5%8E%BF%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E9%97%A8%E6%88%B7%E7%BD%91%E7%AB%99"
            "&allow=*.gov.cn");
}

TEST_F(StudioTest, ABadValueShowsTheCoresOwnError) {
  click("tab.site");
  fill("attr.leave-countdown", "abc");
  const auto& errors = studio_->errors();
  ASSERT_EQ(errors.count("leave-countdown"), 1u);
  EXPECT_EQ(errors.at("leave-countdown").at(0).id, "pw.config.bad_leave_countdown");
  EXPECT_EQ(errors.at("leave-countdown").at(0).source, "data-leave-countdown");
  fill("attr.leave-countdown", "5");
  EXPECT_EQ(studio_->errors().count("leave-countdown"), 0u);
}

TEST_F(StudioTest, PastedLinksAreClassifiedAsTheWidgetDoes) {
  click("tab.site");
  fill("attr.allow", "*.gov.cn");
  click("tab.links");
  click("links.input");
  paste("https://www.gov.cn/zhengce/\nhttps://www.baidu.com/s?wd=1\nmailto:ban@example.gov.cn\n/art/2.html\n#top\nweixin://dl\n");
  frame();
  const auto& rows = studio_->link_rows();
  ASSERT_EQ(rows.size(), 6u);
  auto reason = [&](size_t i) { return std::string(pw::leave_reason_id(rows[i].decision.reason)); };
  EXPECT_EQ(reason(0), "allowlisted");
  EXPECT_EQ(reason(1), "external");
  EXPECT_EQ(rows[1].decision.action, pw::LeaveAction::confirm);
  EXPECT_EQ(rows[1].decision.host, "www.baidu.com");
  EXPECT_EQ(reason(2), "non-navigating");
  EXPECT_EQ(reason(3), "same-site");
  EXPECT_EQ(reason(4), "same-page");
  EXPECT_EQ(reason(5), "other-scheme");
}

TEST_F(StudioTest, PastedHtmlGivesItsHrefs) {
  EXPECT_EQ(pw::studio::extract_links("<p><a href=\"https://a.cn/?x=1&amp;y=2\">a</a> <A HREF='/b'>b</A>"
                                      "<a data-href=\"no\" href=c.html>c</a>"),
            (std::vector<std::string>{"https://a.cn/?x=1&y=2", "/b", "c.html"}));
}

TEST_F(StudioTest, APastedFeedShowsValidationErrorsByIndexAndFieldThenTheRankedList) {
  click("tab.related");
  click("related.feed");
  paste(R"json({"articles": [
    {"title": "县政府关于乡村振兴的通知", "url": "/a/1.html", "keywords": ["乡村振兴"], "date": "2024-05-01"},
    {"title": "坏链接", "url": "javascript:alert(1)"},
    {"title": "乡村振兴工作推进会召开", "url": "/a/3.html", "keywords": ["乡村振兴"], "date": "2024-05-02"},
    {"title": "天气预报", "url": "/a/4.html", "date": "2024-04-01"}
  ]})json");
  frame();
  const pw::studio::RelatedView& view = studio_->related();
  ASSERT_TRUE(view.feed.ok) << view.feed.error.message;
  ASSERT_EQ(view.feed.item_errors.size(), 1u);
  EXPECT_EQ(view.feed.item_errors[0].id, "pw.related.bad_url_scheme");
  EXPECT_EQ(view.feed.item_errors[0].source, "articles[1].url");
  ASSERT_EQ(view.feed.articles.size(), 3u);
  ASSERT_GE(view.items.size(), 2u);
  EXPECT_EQ(view.feed.articles[view.items[0].article].title, "乡村振兴工作推进会召开");
  EXPECT_GT(view.items[0].score, 0);
}

TEST_F(StudioTest, TheRankedListShowsEachItemsScoreParts) {
  click("tab.related");
  fill("related.today", "2024-05-03");
  click("related.feed");
  paste(R"json({"articles": [
    {"title": "县政府关于乡村振兴的通知", "url": "/a/1.html", "keywords": ["乡村振兴"], "date": "2024-05-01"},
    {"title": "乡村振兴工作推进会召开", "url": "/a/3.html", "keywords": ["乡村振兴"], "date": "2024-05-02"},
    {"title": "天气预报", "url": "/a/4.html", "date": "2024-04-01"}
  ]})json");
  frame();
  const pw::studio::RelatedView& view = studio_->related();
  ASSERT_TRUE(view.feed.ok) << view.feed.error.message;
  ASSERT_EQ(view.items.size(), 2u);
  const pw::RelatedItem& match = view.items[0];
  EXPECT_EQ(view.feed.articles[match.article].title, "乡村振兴工作推进会召开");
  EXPECT_GT(match.parts.relevance, 0);
  EXPECT_GT(match.parts.recency, 1.19);  // a day old: almost the full +20 %
  EXPECT_LE(match.parts.recency, 1.2);
  EXPECT_DOUBLE_EQ(match.score, match.parts.relevance * match.parts.recency);
  const pw::RelatedItem& unrelated = view.items[1];
  EXPECT_EQ(view.feed.articles[unrelated.article].title, "天气预报");
  EXPECT_EQ(unrelated.parts.relevance, 0);
  EXPECT_EQ(unrelated.score, 0);
  EXPECT_LT(unrelated.parts.recency, match.parts.recency);
  // The table: one row per item with the total and each part.
  ASSERT_EQ(studio_->related_rows().size(), 2u);
  EXPECT_EQ(studio_->related_rows()[0], "乡村振兴工作推进会召开 | " + pw::studio::format_score(match.score) + " | " +
                                            pw::studio::format_score(match.parts.relevance) + " | ×" +
                                            pw::studio::format_score(match.parts.recency));
}

TEST_F(StudioTest, TheFragmentRoundTripsAndOnlyNonDefaultsAreWritten) {
  studio_->open_fragment("#site-name=%E6%B5%8B%E8%AF%95&leave=dialog&pw-qrcode.fg=%23000&pw-qrcode.size=200&pw-font-size.levels=14%2016%2018%2020"
                         "&pw-qrcode.download=on&bogus=1&script=%2Fpw%2Fportal-widgets.js");
  frame();
  const Settings& s = studio_->settings();
  EXPECT_EQ(s.get("site-name"), "测试");
  EXPECT_EQ(s.get("leave"), "");  // defaults are not kept
  EXPECT_EQ(s.get("pw-qrcode.fg"), "");
  EXPECT_EQ(s.script_url, "/pw/portal-widgets.js");
  EXPECT_EQ(studio_->fragment(),
            "site-name=%E6%B5%8B%E8%AF%95&pw-font-size.levels=14%2016%2018%2020&pw-qrcode.size=200"
            "&pw-qrcode.download=on&script=%2Fpw%2Fportal-widgets.js");
  EXPECT_EQ(studio_->snippet(),
            "<link rel=\"stylesheet\" href=\"/pw/portal-widgets.css\">\n"
            "<script src=\"/pw/portal-widgets.js\" defer data-site-name=\"测试\"></script>\n"
            "<pw-font-size levels=\"14 16 18 20\"></pw-font-size>\n"
            "<pw-qrcode size=\"200\" download></pw-qrcode>\n<pw-related></pw-related>\n");
}

TEST_F(StudioTest, TheColourSchemeIsEditedRoundTrippedAndWrittenOnlyWhenNotTheDefault) {
  bool listed = false;
  for (const pw::studio::AttributeSpec& spec : pw::studio::attribute_specs()) {
    if (std::string(spec.element) == "script" && std::string(spec.name) == "color-scheme") {
      listed = true;
      EXPECT_STREQ(spec.type, "enum");
      EXPECT_STREQ(spec.default_value, "light");
    }
  }
  ASSERT_TRUE(listed) << "data-color-scheme is missing from the description of the elements";
  click("tab.site");
  ImVec2 a, b;
  EXPECT_TRUE(studio_->item_rect("attr.color-scheme", &a, &b)) << "the site panel has no colour scheme field";
  studio_->open_fragment("color-scheme=auto");
  frame();
  EXPECT_EQ(studio_->settings().get("color-scheme"), "auto");
  EXPECT_EQ(studio_->fragment(), "color-scheme=auto");
  EXPECT_EQ(studio_->snippet(),
            "<link rel=\"stylesheet\" href=\"/static/portal-widgets/portal-widgets.css\">\n"
            "<script src=\"/static/portal-widgets/portal-widgets.js\" defer data-color-scheme=\"auto\"></script>\n"
            "<pw-font-size></pw-font-size>\n<pw-qrcode></pw-qrcode>\n<pw-related></pw-related>\n");
  studio_->open_fragment("color-scheme=light");  // the default: not kept, not written
  frame();
  EXPECT_EQ(studio_->fragment(), "");
  EXPECT_EQ(studio_->snippet().find("color-scheme"), std::string::npos);
}

TEST_F(StudioTest, QrAndFontSizeErrorsComeFromTheCore) {
  studio_->open_fragment("pw-qrcode.fg=%23ccc&pw-qrcode.size=9000&pw-font-size.levels=14%2012");
  frame();
  const auto& errors = studio_->errors();
  ASSERT_EQ(errors.count("pw-qrcode.fg"), 1u);
  EXPECT_EQ(errors.at("pw-qrcode.fg")[0].id, "pw.qrcode.low_contrast");
  ASSERT_EQ(errors.count("pw-qrcode.size"), 1u);
  EXPECT_EQ(errors.at("pw-qrcode.size")[0].id, "pw.qrcode.bad_size");
  ASSERT_EQ(errors.count("pw-font-size.levels"), 1u);
  EXPECT_EQ(errors.at("pw-font-size.levels")[0].id, "pw.font_size.bad_levels");
  click("tab.qr");
  click("tab.font");
}

TEST_F(StudioTest, EveryPanelDrawsInEveryLanguageWithoutAssertions) {
  for (int lang = 0; lang < 3; ++lang) {
    for (const char* tab : {"tab.site", "tab.links", "tab.qr", "tab.font", "tab.related", "tab.dialog", "tab.snippet"}) {
      click(tab);
      frame();
    }
    click("ui_lang");
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 a, b;
    ASSERT_TRUE(studio_->item_rect("ui_lang", &a, &b));
    // The combo's list opens below it: one row per language.
    io.MousePos = ImVec2(a.x + 20, b.y + ImGui::GetFrameHeightWithSpacing() * float((lang + 1) % 3) + 8);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    EXPECT_EQ(int(studio_->language()), (lang + 1) % 3);
  }
}

TEST_F(StudioTest, TheDialogPreviewUsesTheWidgetsStrings) {
  studio_->open_fragment("site-name=%E6%9F%90%E5%8E%BF&lang=zh-Hant");
  const pw::studio::DialogPreview d = pw::studio::dialog_preview(studio_->settings(), "www.example.com");
  EXPECT_EQ(d.message, "您訪問的連結即將離開「某县」，是否繼續？");
  EXPECT_EQ(d.continue_label, "繼續訪問");
}

TEST_F(StudioTest, CopyGoesThroughTheBridgeAndARefusalShowsTheFallback) {
  click("tab.snippet");
  click("snippet.copy");
  ASSERT_EQ(bridge_.copied.size(), 1u);
  EXPECT_EQ(bridge_.copied[0], studio_->snippet());
  studio_->copy_finished(false);
  frame();
  EXPECT_TRUE(studio_->copy_failed());
}

// Whether the atlas holds a glyph for c with ink in the font texture.
bool rasterised(char32_t c) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const ImFontGlyph* g = atlas->Fonts[0]->FindGlyphNoFallback(ImWchar(c));
  if (!g) return false;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
  int ink = 0;
  for (int y = int(g->V0 * h); y < int(g->V1 * h); ++y) {
    for (int x = int(g->U0 * w); x < int(g->U1 * w); ++x) ink += pixels[y * w + x] > 128;
  }
  return ink > 10;
}

TEST_F(StudioTest, PastedTextOutsideTheStudioFontGetsItsGlyphsFromTheShareCardFontSlices) {
  // 䶮 (U+4DAE, as in 刘䶮) and 𬌗 (U+2C317, outside the BMP) are in the 通用规范汉字表 but
  // not among its 3,500 common hanzi; 𠀀 (U+20000) is in no font of the build.
  ASSERT_EQ(ImGui::GetFont()->FindGlyphNoFallback(ImWchar(U'䶮')), nullptr) << "pick a character the studio font lacks";
  click("tab.links");
  click("links.input");
  paste("https://www.example.gov.cn/刘䶮/\xF0\xAC\x8C\x97/\xF0\xA0\x80\x80");
  frame();
  // First the slice index, asked for once.
  ASSERT_EQ(bridge_.font_files.size(), 1u);
  EXPECT_EQ(bridge_.font_files[0], std::make_pair(std::string("share-card-fonts.txt"), int(Studio::kFetchFontIndex)));
  EXPECT_EQ(studio_->pending_glyphs(), 3);
  EXPECT_EQ(studio_->missing_glyphs(), 0);
  deliver_font_files(0);
  frame();
  // Then the slice of each character that has one, once each.
  ASSERT_EQ(bridge_.font_files.size(), 3u);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(bridge_.font_files[i].first.rfind("share-card-", 0), 0u) << bridge_.font_files[i].first;
    EXPECT_GE(bridge_.font_files[i].second, int(Studio::kFetchFontSlice));
  }
  EXPECT_EQ(studio_->pending_glyphs(), 2);
  EXPECT_EQ(studio_->missing_glyphs(), 1);  // 𠀀
  EXPECT_FALSE(studio_->atlas_outdated());
  deliver_font_files(1);
  EXPECT_TRUE(studio_->atlas_outdated());
  frame();
  EXPECT_EQ(bridge_.font_files.size(), 3u);
  // The backend rebuilds the atlas between frames: the pasted characters are drawn.
  build_atlas();
  EXPECT_FALSE(studio_->atlas_outdated());
  frame();
  EXPECT_TRUE(rasterised(U'䶮'));
  EXPECT_TRUE(rasterised(U'\U0002C317'));
  EXPECT_TRUE(rasterised(U'刘'));  // the studio font's own glyphs stay
  EXPECT_EQ(ImGui::GetFont()->FindGlyphNoFallback(ImWchar(0x20000)), nullptr);
  EXPECT_EQ(studio_->pending_glyphs(), 0);
  EXPECT_EQ(studio_->missing_glyphs(), 1);
  // Rebuilt again (a new devicePixelRatio), the slices stay in; nothing is fetched twice.
  build_atlas();
  paste("䶮");
  frame();
  EXPECT_TRUE(rasterised(U'䶮'));
  EXPECT_EQ(bridge_.font_files.size(), 3u);
}

TEST_F(StudioTest, WithoutTheFontSlicesPastedTextOutsideTheFontIsCountedAndShownAsABox) {
  click("tab.links");
  click("links.input");
  type("https://例.cn/䶮\xF0\xA0\x80\x80");
  frame();
  EXPECT_EQ(studio_->pending_glyphs(), 2);
  ASSERT_EQ(bridge_.font_files.size(), 1u);
  studio_->fetch_finished(Studio::kFetchFontIndex, false, "../manifest.json (HTTP 404)");
  frame();
  EXPECT_EQ(studio_->pending_glyphs(), 0);
  EXPECT_EQ(studio_->missing_glyphs(), 2);
  EXPECT_EQ(ImGui::GetFont()->FallbackChar, ImWchar(0x25A1));
  frame();
  EXPECT_EQ(bridge_.font_files.size(), 1u);  // not asked again and again
}

TEST_F(StudioTest, TheRelatedAssocFieldRoundTripsThroughTheFragmentIntoTheSnippet) {
  click("tab.related");
  fill("attr.pw-related.assoc", "/feeds/column-zcjd.assoc");
  fill("attr.pw-related.src", "/feeds/column-zcjd.json");
  EXPECT_EQ(studio_->settings().get("pw-related.assoc"), "/feeds/column-zcjd.assoc");
  const std::string fragment = studio_->fragment();
  EXPECT_EQ(fragment, "pw-related.src=%2Ffeeds%2Fcolumn-zcjd.json&pw-related.assoc=%2Ffeeds%2Fcolumn-zcjd.assoc");
  const std::string element = "<pw-related src=\"/feeds/column-zcjd.json\" assoc=\"/feeds/column-zcjd.assoc\"></pw-related>\n";
  EXPECT_NE(studio_->snippet().find(element), std::string::npos) << studio_->snippet();
  // A fresh studio opened on that fragment (a shared link) has the same snippet.
  Studio reopened(bridge_);
  reopened.open_fragment("#" + fragment);
  EXPECT_EQ(reopened.settings().get("pw-related.assoc"), "/feeds/column-zcjd.assoc");
  EXPECT_EQ(reopened.fragment(), fragment);
  EXPECT_EQ(reopened.snippet(), studio_->snippet());
  // Cleared, it leaves both.
  click("attr.pw-related.assoc");
  key(ImGuiKey_A, true);
  key(ImGuiKey_Delete);
  EXPECT_EQ(studio_->snippet().find("assoc="), std::string::npos);
  EXPECT_EQ(studio_->fragment().find("assoc"), std::string::npos);
}

}  // namespace

namespace {

TEST(StudioFont, TheFirstFrameNeedsOnlyTheUiFontAndItsAtlasHoldsTheCurrentLanguagesStringsAndTheSettings) {
  const std::vector<char> ui = read_font(PW_STUDIO_UI_FONT), rest = read_font(PW_STUDIO_FONT);
  // The first font is the small one.
  EXPECT_LT(ui.size() * 4, rest.size());
  ImGui::CreateContext();
  FakeBridge bridge;
  Studio studio(bridge);
  studio.open_fragment("#site-name=%E9%B9%A4%E5%9F%8E%E5%8E%BF");  // 鹤城县
  // Before the rest has arrived: the UI font alone.
  studio.build_fonts(font_file(ui), {}, 16.f, 2.f, Studio::Glyphs::kInterface);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
  EXPECT_EQ(f->FontSize, 32.f);  // rasterised at 16 px × devicePixelRatio 2
  EXPECT_EQ(ImGui::GetIO().FontGlobalScale, 0.5f);
  // The studio's strings in its language (简体中文 first), the language names, the box, ASCII.
  for (char32_t c : {U'站', U'点', U'链', U'县', U'繁', U'體', U'□', U'~'}) {
    EXPECT_NE(f->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::hex << unsigned(c);
  }
  // Another language's strings (離站提示) wait for the full atlas; a setting's
  // characters that no UI string has (鹤城) for the rest of the font.
  for (char32_t c : {U'離', U'鹤', U'城', U'鸭'}) EXPECT_EQ(f->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::hex << unsigned(c);
  EXPECT_LT(f->Glyphs.Size, 500);
  // Both fonts there before the first frame: the settings' characters come from the rest.
  studio.build_fonts(font_file(ui), font_file(rest), 16.f, 2.f, Studio::Glyphs::kInterface);
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  f = ImGui::GetIO().Fonts->Fonts[0];
  for (char32_t c : {U'鹤', U'城', U'县'}) EXPECT_NE(f->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::hex << unsigned(c);
  EXPECT_EQ(f->FindGlyphNoFallback(ImWchar(U'離')), nullptr);
  EXPECT_LT(f->Glyphs.Size, 500);
  // The full atlas: both fonts merged.
  studio.build_fonts(font_file(ui), font_file(rest), 16.f, 2.f, Studio::Glyphs::kFull);
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  f = ImGui::GetIO().Fonts->Fonts[0];
  for (char32_t c : {U'離', U'鸭', U'站', U'鹤'}) EXPECT_NE(f->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::hex << unsigned(c);
  EXPECT_GT(f->Glyphs.Size, 3800);
  ImGui::DestroyContext();
}

}  // namespace
