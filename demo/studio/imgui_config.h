// Dear ImGui configuration for the studio (IMGUI_USER_CONFIG): the one header every
// translation unit that includes imgui.h sees, in the native and the WASM build alike
// (demo/studio/CMakeLists.txt passes it to the imgui library and to its users).
#pragma once

// --- stb: one implementation, shared with the core -------------------------------
// The core compiles stb_truetype and stb_rect_pack once (core/stb_truetype.cpp) for the
// share card; Dear ImGui's font atlas links against those definitions instead of
// compiling its own bundled copies (imstb_truetype.h 1.20 here would be a second,
// older rasteriser). Both come from Debian's libstb-dev.
#define IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION
#define IMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION
#define IMGUI_STB_TRUETYPE_FILENAME <stb/stb_truetype.h>
#define IMGUI_STB_RECT_PACK_FILENAME <stb/stb_rect_pack.h>

// --- characters beyond the BMP ----------------------------------------------------
// The 通用规范汉字表 has about 200 characters outside the BMP (CJK Ext. B-F, e.g. 𬌗),
// which the share-card font slices carry; a 32-bit ImWchar lets the atlas hold them.
#define IMGUI_USE_WCHAR32

// --- what the studio does not use ------------------------------------------------
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_FILE_FUNCTIONS  // no imgui.ini: the studio's state lives in the URL fragment

// --- asserts -----------------------------------------------------------------------
// Release builds define NDEBUG, which would compile Dear ImGui's asserts out. The
// headless tests build with PW_IMGUI_ASSERTS, which routes every IM_ASSERT to a
// handler the test installs (tests/studio/studio_test.cpp counts failures and fails
// the test), so a misuse of the API (an unbalanced Begin/End, a bad ID stack) is
// caught even in the Release build the test suite runs.
#ifdef PW_IMGUI_ASSERTS
namespace pw::studio {
using AssertHandler = void (*)(const char* expression, const char* file, int line);
// Installs the handler called on a failed IM_ASSERT; nullptr restores the default,
// which prints the expression and aborts.
void set_assert_handler(AssertHandler handler);
void assert_failed(const char* expression, const char* file, int line);
}  // namespace pw::studio
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::pw::studio::assert_failed(#_EXPR, __FILE__, __LINE__))
#endif
