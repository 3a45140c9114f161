// Dear ImGui build configuration for dsviz (IMGUI_USER_CONFIG), used by the
// app and the GPU-free UI test alike. ImGui's assertions stay on in release
// builds and go through a hook: the app logs them (a console error in the
// browser, which the browser test catches), the UI test turns them into
// failures.
#pragma once

// Called with the failed expression; never returns normally in the test.
using DsvizImGuiAssertHook = void (*)(const char* expr, const char* file, int line);
extern DsvizImGuiAssertHook dsviz_imgui_assert_hook;
void dsviz_imgui_assert_failed(const char* expr, const char* file, int line);

#ifdef __EMSCRIPTEN__
// The page keeps every check but not its text (issue 14: ImGui's assertion
// expressions were ~1,700 strings in index.wasm): a failure still reaches the
// console as ImGui's file and line, in the pinned version's sources.
#define IM_ASSERT(expr) ((expr) ? (void)0 : dsviz_imgui_assert_failed(nullptr, __FILE__, __LINE__))
#else
#define IM_ASSERT(expr) ((expr) ? (void)0 : dsviz_imgui_assert_failed(#expr, __FILE__, __LINE__))
#endif

// 32-bit indices: a busy scene (hundreds of nodes, thousands of messages in
// flight) can pass 65,536 vertices in one window, and WebGL2 has no base
// vertex to split draws the way desktop GL 3.2 does.
#define ImDrawIdx unsigned int

// Old names removed in 1.90.1 stay removed: new code only.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO

// Not used by the app or its tests; left out of the page (bundle size).
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
