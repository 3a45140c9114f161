// Stands in for Dear ImGui's examples/libs/emscripten/emscripten_mainloop_stub.h,
// which Debian's source package (the +ds repack) leaves out. The example's
// main.cpp writes its loop body as
//   EMSCRIPTEN_MAINLOOP_BEGIN { ...one frame, ending in SDL_GL_SwapWindow... }
//   EMSCRIPTEN_MAINLOOP_END;
// and this turns the body into a lambda that emscripten_set_main_loop runs
// once per animation frame, as upstream's stub does. Two additions for the
// benchmark (tests/bench/build-imgui-example.sh, tests/browser/perf.mjs):
// the page is marked ready after the third frame, by the same call at the
// same point as dsviz (web/platform.cpp, on_frame_drawn), and the frames
// drawn and the heap in use can be read, as window.dsviz.stats() gives them
// for dsviz.
#pragma once
#include <emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <functional>

static std::function<void()> MainLoopForEmscriptenP;
static int g_bench_frames = 0;

extern "C" EMSCRIPTEN_KEEPALIVE int bench_frames() { return g_bench_frames; }
extern "C" EMSCRIPTEN_KEEPALIVE unsigned bench_heap_bytes() { return unsigned(mallinfo().uordblks); }
extern "C" EMSCRIPTEN_KEEPALIVE unsigned bench_heap_size() { return unsigned(emscripten_get_heap_size()); }

static void MainLoopForEmscripten() {
  MainLoopForEmscriptenP();
  if (++g_bench_frames == 3) EM_ASM({ if (window.dsviz && window.dsviz._markReady) window.dsviz._markReady(); });
}

#define EMSCRIPTEN_MAINLOOP_BEGIN MainLoopForEmscriptenP = [&]()
#define EMSCRIPTEN_MAINLOOP_END ; emscripten_set_main_loop(MainLoopForEmscripten, 0, true)
