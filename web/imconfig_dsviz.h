// Dear ImGui build configuration for dsviz (IMGUI_USER_CONFIG), used by the
// app and the GPU-free UI test alike. Natively, ImGui's assertions stay on in
// release builds and go through a hook: the desktop app logs them, the UI
// test turns them into failures. The page has none (below).
#pragma once

// Called with the failed expression; never returns normally in the test.
using DsvizImGuiAssertHook = void (*)(const char* expr, const char* file, int line);
extern DsvizImGuiAssertHook dsviz_imgui_assert_hook;
void dsviz_imgui_assert_failed(const char* expr, const char* file, int line);

#ifdef __EMSCRIPTEN__
// The page compiles ImGui's assertions out (issue 14: their checks and
// expression texts were 9.2 + 7.0 KiB of the page gzip -9). The same shell
// and views run with them on in the native UI test, which turns a failure
// into a test failure; the desktop app logs them.
#define IM_ASSERT(expr) ((void)0)
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
