// The studio's web backend: GLFW (Emscripten's built-in -sUSE_GLFW=3) and
// OpenGL3 on WebGL2 (#version 300 es) from Dear ImGui's backends, plus the
// browser bridges of studio_bridge.js. Everything the studio shows is drawn by
// studio_ui.cpp; this file only wires the platform to it.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/json_writer.h"
#include "core/utf8.h"
#include "demo/studio/studio_ui.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

extern "C" {
void pw_studio_js_init();
unsigned char* pw_studio_js_font(int which, int* size);
char* pw_studio_js_take_text();
void pw_studio_js_text_input(int want);
void pw_studio_js_ime_position(float x, float y, float line_height);
char* pw_studio_js_parse_url(const char* href, const char* base);
void pw_studio_js_copy(const char* text, int report);
void pw_studio_js_fetch(const char* url, int request);
void pw_studio_js_fetch_font(const char* name, int request);
char* pw_studio_js_next_event(int* kind, int* request, int* ok, int* size);
char* pw_studio_js_hash();
int pw_studio_js_hash_changed();
void pw_studio_js_publish(const char* fragment, const char* snippet);
void pw_studio_js_frame(int frames);
void pw_studio_js_mark(const char* name);
}

namespace {

constexpr float kFontPx = 16.f;

// Takes a string malloc'ed by studio_bridge.js.
std::string take(char* p) {
  if (!p) return std::string();
  std::string s(p);
  std::free(p);
  return s;
}

class WebBridge : public pw::studio::Bridge {
 public:
  pw::UrlParts parse(const std::string& href, const std::string& base) override {
    const std::string joined = take(pw_studio_js_parse_url(href.c_str(), base.c_str()));
    pw::UrlParts p;
    if (joined.empty() || joined[0] != '1') {
      p.valid = false;
      return p;
    }
    std::string* fields[] = {&p.scheme, &p.host, &p.port, &p.path, &p.query, &p.fragment};
    size_t start = 2;
    for (std::string* field : fields) {
      size_t end = joined.find('\x1f', start);
      *field = joined.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? joined.size() : end + 1;
    }
    return p;
  }
  void copy_text(const std::string& text) override { pw_studio_js_copy(text.c_str(), 1); }
  void fetch_text(const std::string& url, int request) override { pw_studio_js_fetch(url.c_str(), request); }
  void fetch_font_file(const std::string& name, int request) override { pw_studio_js_fetch_font(name.c_str(), request); }
};

struct App {
  GLFWwindow* window = nullptr;
  WebBridge bridge;
  std::unique_ptr<pw::studio::Studio> studio;
  // The studio's fonts as they arrive: [0] what the first frame needs
  // (studio-ui-font.otf), [1] the rest (studio-font.otf).
  pw::studio::Studio::FontFile fonts[2];
  float scale = 0;  // devicePixelRatio the atlas was built for
  pw::studio::Studio::Glyphs glyphs = pw::studio::Studio::Glyphs::kInterface;
  double css_w = 0, css_h = 0;
  int frames = 0;
};
App g_app;

// Canvas backing store = its CSS size × devicePixelRatio, so text is crisp on HiDPI
// screens and the canvas follows the page (GLFW here knows neither).
void fit_canvas() {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int fb_w = int(std::lround(w * dpr)), fb_h = int(std::lround(h * dpr));
  int cur_w = 0, cur_h = 0;
  emscripten_get_canvas_element_size("#canvas", &cur_w, &cur_h);
  if (cur_w != fb_w || cur_h != fb_h) emscripten_set_canvas_element_size("#canvas", fb_w, fb_h);
  g_app.css_w = w;
  g_app.css_h = h;
  const float scale = float(dpr);
  // The first frame draws with the glyphs it shows (the studio's strings in its
  // language, the settings); the frame after it rasterises the whole font (every
  // language's strings, the 3,500 common hanzi) for other languages and pasted text.
  const pw::studio::Studio::Glyphs glyphs = g_app.frames == 0 || !g_app.fonts[1].data
                                                ? pw::studio::Studio::Glyphs::kInterface
                                                : pw::studio::Studio::Glyphs::kFull;
  if (scale != g_app.scale || glyphs != g_app.glyphs || g_app.studio->atlas_outdated()) {
    // Glyphs rasterised at the device's pixel size, not scaled up; between frames,
    // with the font slices loaded for pasted text merged in.
    g_app.studio->build_fonts(g_app.fonts[0], g_app.fonts[1], kFontPx, scale, glyphs);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    if (g_app.scale == 0) pw_studio_js_mark("atlasMs");
    g_app.scale = scale;
    if (glyphs != g_app.glyphs) {
      g_app.glyphs = glyphs;
      if (glyphs == pw::studio::Studio::Glyphs::kFull) pw_studio_js_mark("fullFontMs");
    }
  }
}

void loop() {
  for (int i = 0; i < 2; ++i) {
    if (g_app.fonts[i].data) continue;
    g_app.fonts[i].data = pw_studio_js_font(i, &g_app.fonts[i].size);
    if (g_app.fonts[i].data && i == 0) pw_studio_js_mark("fontMs");
  }
  if (!g_app.fonts[0].data) return;  // the first frame's font is still on its way
  fit_canvas();
  ImGuiIO& io = ImGui::GetIO();
  if (pw_studio_js_hash_changed()) g_app.studio->open_fragment(take(pw_studio_js_hash()));
  int kind = 0, request = 0, ok = 0, size = 0;
  while (char* data = pw_studio_js_next_event(&kind, &request, &ok, &size)) {
    const std::string body(data, std::size_t(size));  // text or a font file's bytes
    std::free(data);
    if (kind == 1) g_app.studio->copy_finished(ok != 0);
    else g_app.studio->fetch_finished(request, ok != 0, body);
  }
  const std::string typed = take(pw_studio_js_take_text());
  if (!typed.empty()) io.AddInputCharactersUTF8(typed.c_str());

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // GLFW reports the canvas's backing-store size and mouse positions in its pixels;
  // Dear ImGui works in CSS px with the device pixel ratio as framebuffer scale.
  io.DisplaySize = ImVec2(float(g_app.css_w), float(g_app.css_h));
  io.DisplayFramebufferScale = ImVec2(g_app.scale, g_app.scale);
  if (io.MousePos.x != -FLT_MAX) io.MousePos = ImVec2(io.MousePos.x / g_app.scale, io.MousePos.y / g_app.scale);
  ImGui::NewFrame();
  g_app.studio->frame();
  ImGui::Render();

  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(g_app.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.94f, 0.94f, 0.94f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  pw_studio_js_text_input(io.WantTextInput);
  if (g_app.studio->take_changed() || g_app.frames == 0) {
    pw_studio_js_publish(g_app.studio->fragment().c_str(), g_app.studio->snippet().c_str());
  }
  pw_studio_js_frame(++g_app.frames);
}

}  // namespace

/// For tests and the benchmark (window.pwStudio.inspect(what) in studio_bridge.js):
/// "rect:<id>" gives a tracked item's [x, y, w, h] in CSS px of the canvas (or
/// null); "links" the links panel's rows [{href, action, reason, host}];
/// "glyphs:<text>" {has: [whether the atlas has each character], atlas: its glyph
/// count, missing, pending: the last frame's characters without a glyph}.
extern "C" EMSCRIPTEN_KEEPALIVE const char* pw_studio_inspect(const char* what) {
  static std::string result;
  const std::string w = what ? what : "";
  pw::JsonWriter json;
  if (!g_app.studio) {
    json.null();
  } else if (w.rfind("rect:", 0) == 0) {
    ImVec2 a, b;
    if (g_app.studio->item_rect(w.substr(5), &a, &b)) {
      json.begin_array().number(a.x, 1).number(a.y, 1).number(b.x - a.x, 1).number(b.y - a.y, 1).end_array();
    } else {
      json.null();
    }
  } else if (w.rfind("glyphs:", 0) == 0) {
    // Whether the atlas has each character of the text, and the last frame's counts.
    std::u32string cps;
    pw::utf8_decode(w.substr(7), &cps);
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    json.begin_object().key("has").begin_array();
    for (char32_t c : cps) json.value(bool(font && c <= IM_UNICODE_CODEPOINT_MAX && font->FindGlyphNoFallback(ImWchar(c))));
    json.end_array().key("atlas").value(font ? font->Glyphs.Size : 0);
    json.key("missing").value(g_app.studio->missing_glyphs()).key("pending").value(g_app.studio->pending_glyphs());
    json.end_object();
  } else if (w == "links") {
    json.begin_array();
    for (const pw::studio::LinkRow& row : g_app.studio->link_rows()) {
      json.begin_object().key("href").value(row.href).key("action").value(pw::leave_action_id(row.decision.action));
      json.key("reason").value(pw::leave_reason_id(row.decision.reason)).key("host").value(row.decision.host).end_object();
    }
    json.end_array();
  } else {
    json.null();
  }
  result = json.take();
  return result.c_str();
}

int main() {
  pw_studio_js_mark("mainMs");
  pw_studio_js_init();
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  g_app.window = glfwCreateWindow(1024, 768, "studio", nullptr, nullptr);
  if (!g_app.window) return 1;
  glfwMakeContextCurrent(g_app.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // Ctrl+C in a field goes to navigator.clipboard; Ctrl+V arrives as the page's
  // paste event (studio_bridge.js), so Dear ImGui's own paste gets nothing.
  io.SetClipboardTextFn = [](void*, const char* text) { pw_studio_js_copy(text, 0); };
  io.GetClipboardTextFn = [](void*) { return ""; };
  io.ImeSetInputScreenPosFn = [](int x, int y) {
    pw_studio_js_ime_position(float(x), float(y), ImGui::GetFontSize());
  };
  ImGui::StyleColorsLight();
  ImGui_ImplGlfw_InitForOpenGL(g_app.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g_app.studio = std::make_unique<pw::studio::Studio>(g_app.bridge);
  g_app.studio->open_fragment(take(pw_studio_js_hash()));
  emscripten_set_main_loop(loop, 0, false);
  return 0;
}
