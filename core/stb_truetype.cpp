// The one implementation of stb_truetype (and of stb_rect_pack, which its packing
// API needs) in the project. The share card (core/share_card.cpp) and the studio's
// Dear ImGui font atlas (demo/studio/imgui_config.h: IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION)
// both link against these definitions, so both rasterise with the same code and the
// stbtt_fontinfo / stbrp_rect layouts cannot disagree between two copies.
//
// stb_rect_pack comes first: without it stb_truetype compiles a private packer whose
// stbrp_rect has another field order than the one Dear ImGui packs with.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb/stb_rect_pack.h>
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
