// [SECTION] Browser and desktop differences (the only #ifdef __EMSCRIPTEN__)
// [SECTION] Window, GL context and fonts
// [SECTION] The frame
// [SECTION] run()
#include "platform.h"

#include <SDL.h>

#include <algorithm>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <memory>
#include <vector>

#include "app.h"
#include "frame_stats.h"
#include "overdraw.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "link.h"
#include "pinch.h"
#include "png.h"
#include "quiz/quiz.h"
#include "quiz_host.h"
#include "scroll.h"
#include "theme.h"
#include "touch.h"

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <malloc.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#else
#define GL_GLEXT_PROTOTYPES 1  // framebuffer objects (PNG export); libOpenGL exports them
#include <SDL_opengl.h>
#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <system_error>
#endif

namespace dsviz::ui {

// A hidden tab or a stall (GC, a slow frame) must not turn into one huge
// step of virtual time that the work cap then chews on for seconds.
constexpr double kMaxFrameDelta = 0.1;

struct Platform {
  LaunchOptions opt;
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  std::unique_ptr<App> app;
  PinchTracker pinch;  // SDL's fingers: ImGui follows one pointer only
  float density = 0;  // device pixels per logical pixel the fonts were built for
  Uint64 last_counter = 0;
  int frames = 0;
  // Idle (issue 14): a paused scene with no input stops drawing once the
  // last frames drew the same picture and input has settled (hover delays).
  int same_frames = 0;         // consecutive drawn frames with the same draw lists
  uint64_t last_picture = 0;   // hash of the last frame's draw lists (0: not taken)
  Uint64 last_input = 0;       // performance counter at the last input event
  Uint64 last_frame_start = 0; // when the last drawn frame began (0: after an idle spell)
  bool sleeping = false;
  FrameStats stats;
  Uint64 last_stats_line = 0;  // desktop --stats: when the last line was printed
  bool quit = false;
  int exit_code = 0;
  bool png_pending = false;  // "Save PNG": the next frame is also drawn at 2x and saved
};
static Platform* g_platform = nullptr;

// The frame just drawn into the bound framebuffer as RGBA rows, top row first.
static std::vector<uint8_t> read_rgba(int w, int h);
// PNG export's file name: dsviz-<scene>-<seed>-<virtual time>.png.
static std::string png_name(App& app);

//-----------------------------------------------------------------------------
// [SECTION] Browser and desktop differences
//-----------------------------------------------------------------------------

#ifdef __EMSCRIPTEN__

// The page's query string, e.g. "?scene=unity&embed=1".
EM_JS(char*, page_query, (), {
  var q = window.location.search || "";
  var n = lengthBytesUTF8(q) + 1;
  var p = _malloc(n);
  stringToUTF8(q, p, n);
  return p;
});

// The reader's wishes from the browser (matchMedia): less motion, and a
// light or dark first theme unless the address names one. shell.js follows
// later changes (dsviz_set_reduced_motion, window.dsviz.setTheme).
bool read_launch_options(int, char**, LaunchOptions& out, std::string&) {
  char* q = page_query();
  out = parse_query(q);
  free(q);
  out.reduced_motion = EM_ASM_INT({
    try { return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 0; } catch (e) { return 0; }
  }) != 0;
  if (!out.theme_named)
    out.dark = EM_ASM_INT({
      try { return window.matchMedia("(prefers-color-scheme: light)").matches ? 0 : 1; } catch (e) { return 1; }
    }) != 0;
  return true;
}

static float screen_density(SDL_Window*) { return float(emscripten_get_device_pixel_ratio()); }

static void show_fatal(const std::string& msg) {
  EM_ASM({ if (Module.dsvizFail) Module.dsvizFail(UTF8ToString($0)); }, msg.c_str());
}

// Deep links: the address bar (or the iframe's src) follows the scene.
static void on_scene_changed(const App& app) {
  EM_ASM({
    try {
      var u = new URL(window.location.href);
      u.searchParams.set("scene", UTF8ToString($0));
      history.replaceState(history.state, "", u.toString());
    } catch (e) {}
    document.title = UTF8ToString($1) + " - dsviz";
  }, app.scene_id(), app.scene_title());
}

// The address is a deep link to the run on screen: seed and every setting
// that differs from its default ("" = at its default: leave it out).
static void on_link_changed(App& app) {
  std::string lines;
  for (const auto& [k, v] : app.link_params()) lines += k + "=" + v + "\n";
  EM_ASM({
    try {
      var u = new URL(window.location.href);
      UTF8ToString($0).split("\n").forEach(function(line) {
        var eq = line.indexOf("=");
        if (eq <= 0) return;
        var k = line.slice(0, eq), v = line.slice(eq + 1);
        if (v === "") u.searchParams.delete(k); else u.searchParams.set(k, v);
      });
      if (u.toString() !== window.location.href) history.replaceState(history.state, "", u.toString());
    } catch (e) {}
    if (window.dsviz && window.dsviz._changed) window.dsviz._changed();  // dsviz:state to a host
  }, lines.c_str());
}

// ready once a few frames are on screen: ImGui sizes auto-fitting panels on
// the first frame and shows them on the next, so frame 1 is not the page.
static void on_frame_drawn(int frame) {
  if (frame == 3) EM_ASM({ if (window.dsviz && window.dsviz._markReady) window.dsviz._markReady(); });
}

// window.dsviz.runTo() waits for the run to get there (App::run_to).
static bool g_run_to_pending = false;

// After each frame, what shell.js passes on: the height an embed wants when
// it changed (dsviz:resize to the host) and the end of a runTo().
static void report_to_page(Platform& p) {
  static int last_height = -1;
  if (p.app->embed()) {
    const int h = int(std::ceil(p.app->embed_height()));
    if (h > 0 && h != last_height) {
      last_height = h;
      EM_ASM({ if (window.dsviz && window.dsviz._resized) window.dsviz._resized($0); }, h);
    }
  }
  if (g_run_to_pending && !p.app->model().replaying()) {
    g_run_to_pending = false;
    EM_ASM({ if (window.dsviz && window.dsviz._ranTo) window.dsviz._ranTo(); });
  }
}
// Tour captions for screen readers: the canvas has no text, so the caption
// goes into an offscreen live region of the page, made on first use.
EM_JS(void, set_tour_caption, (const char* text), {
  var el = document.getElementById("dsviz-tour-caption");
  if (!el) {
    el = document.createElement("div");
    el.id = "dsviz-tour-caption";
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    var s = el.style;
    s.position = "absolute"; s.left = "-10000px"; s.top = "auto";
    s.width = "1px"; s.height = "1px"; s.overflow = "hidden";
    document.body.appendChild(el);
  }
  el.textContent = UTF8ToString(text);
});
static void on_tour_caption(const std::string& text) { set_tour_caption(text.c_str()); }

// SDL 2.26 calls preventDefault on every wheel event over the canvas, so an
// embedded scene would stop the host page from scrolling. Let go of the wheel
// unless the window under the mouse can scroll.
static void update_wheel_capture() {
  SDL_EventState(SDL_MOUSEWHEEL, wheel_scrolls_under_pointer() ? SDL_ENABLE : SDL_IGNORE);
}

// The page's own input rules, set up on the first frame: the theme of
// touch (a phone's coarse pointer before the first tap), "Open full view"
// for an embed too small to read, and capture listeners that run before
// SDL's: a wheel turn the app cannot use (the panel under the pointer is at
// its top or bottom, or nothing scrolls) and, embedded, the scrolling keys
// the scene does not use (arrows, Page Up/Down, Home, End) never reach SDL,
// so nothing calls preventDefault and the browser scrolls the host page.
// Module.dsvizPass says what the app uses: bits 1/2 wheel up/down, 4 and up
// the keys (sync_page_input keeps it current).
EM_JS(void, install_input_pass, (int embed), {
  var keys = { ArrowUp: 4, ArrowDown: 8, PageUp: 16, PageDown: 32, Home: 64, End: 128, Space: 256 };
  Module.dsvizPass = 3 | 508;
  var onKey = function(e) {
    var bit = keys[e.code];
    if (!embed || !bit || e.ctrlKey || e.altKey || e.metaKey) return;
    if (!(Module.dsvizPass & bit)) e.stopImmediatePropagation();
  };
  window.addEventListener("keydown", onKey, true);
  window.addEventListener("keyup", onKey, true);
  window.addEventListener("wheel", function(e) {
    if (e.ctrlKey || e.deltaY == 0) return;  // pinch-zoom gestures stay with the app
    if (!(Module.dsvizPass & (e.deltaY < 0 ? 1 : 2))) e.stopImmediatePropagation();
  }, { capture: true, passive: true });
});

static void sync_page_input(Platform& p) {
  static bool installed = false;
  if (!installed) {
    installed = true;
    set_coarse_pointer(EM_ASM_INT({
      try { return window.matchMedia("(pointer: coarse)").matches ? 1 : 0; } catch (e) { return 0; }
    }) != 0);
    p.app->set_open_full_view([] {
      EM_ASM({
        try {
          var u = new URL(window.location.href);
          u.searchParams.delete("embed");
          window.open(u.toString(), "_blank", "noopener");
        } catch (e) {}
      });
    });
    install_input_pass(p.app->embed() ? 1 : 0);
  }
  int pass = wheel_directions_under_pointer();
  static const ImGuiKey kKeys[] = {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp, ImGuiKey_PageDown,
                                   ImGuiKey_Home,    ImGuiKey_End,       ImGuiKey_Space};
  const bool typing = ImGui::GetIO().WantTextInput;
  for (int i = 0; i < 7; ++i)
    if (typing || key_claimed(kKeys[i])) pass |= 4 << i;
  static int last = -1;
  if (pass != last) {
    last = pass;
    EM_ASM({ Module.dsvizPass = $0; }, pass);
  }
}

// SDL sizes the canvas backing store (CSS size x devicePixelRatio) on the
// window's resize event only; a new ratio (browser zoom, a window moved to
// another screen) does not always fire one. When the backing store is off,
// send the event, once per distinct mismatch.
static void follow_pixel_ratio() {
  static int last_wanted = -1;
  double css_w = 0, css_h = 0;
  int w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  emscripten_get_canvas_element_size("#canvas", &w, &h);
  int wanted = int(css_w * emscripten_get_device_pixel_ratio());
  if (css_w <= 0 || std::abs(wanted - w) <= 1 || wanted == last_wanted) return;
  last_wanted = wanted;
  EM_ASM({ window.dispatchEvent(new Event("resize")); });
}

// ?quiz=<path>: fetched from the page's own site only (the path was checked
// by check_quiz_path; the resolved URL must keep the page's origin, and
// mode "same-origin" refuses a redirect elsewhere), at most max_bytes. The
// text, or why there is none, comes back through dsviz_quiz_fetched().
EM_JS(void, fetch_quiz, (const char* path, int max_bytes), {
  var done = false;
  var back = function(bytes, why) {
    if (done) return;
    done = true;
    var n = bytes ? bytes.length : 0;
    var data = _malloc(n + 1);
    if (bytes) HEAPU8.set(bytes, data);
    var err = 0;
    if (why) {
      var k = lengthBytesUTF8(why) + 1;
      err = _malloc(k);
      stringToUTF8(why, err, k);
    }
    _dsviz_quiz_fetched(data, n, err);
    _free(data);
    if (err) _free(err);
  };
  var tooBig = "it is larger than " + (max_bytes / 1024) + " KB";
  var url;
  try {
    url = new URL(UTF8ToString(path), window.location.href);
  } catch (e) {
    back(null, "the path is not a valid address");
    return;
  }
  if (url.origin !== window.location.origin) {
    back(null, "it is not on this site");
    return;
  }
  fetch(url.href, { mode: "same-origin", credentials: "same-origin", cache: "no-cache" }).then(function(r) {
    if (!r.ok) throw new Error("the server answered " + r.status + (r.statusText ? " " + r.statusText : ""));
    if (Number(r.headers.get("Content-Length") || 0) > max_bytes) throw new Error(tooBig);
    return r.arrayBuffer();
  }).then(function(b) {
    if (b.byteLength > max_bytes) throw new Error(tooBig);
    back(new Uint8Array(b), null);
  }).catch(function(e) {
    back(null, "it could not be fetched (" + String(e && e.message || e) + ")");
  });
});

static void load_quiz(Platform& p) {
  if (p.opt.quiz.empty()) return;
  const std::string why = check_quiz_path(p.opt.quiz);
  if (!why.empty()) {
    p.app->quiz_failed(p.opt.quiz, why);
    return;
  }
  fetch_quiz(p.opt.quiz.c_str(), int(quiz::kMaxQuizBytes));
}

// The reader's answers in the page's localStorage (per site), under
// "dsviz.<key>". A browser that refuses storage keeps them for the visit.
EM_JS(char*, storage_load, (const char* key), {
  var v = null;
  try { v = window.localStorage.getItem("dsviz." + UTF8ToString(key)); } catch (e) {}
  if (v === null) v = "";
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});
EM_JS(void, storage_save, (const char* key, const char* value), {
  try { window.localStorage.setItem("dsviz." + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

static Storage make_storage(const Platform&) {
  Storage st;
  st.load = [](const std::string& key) {
    char* v = storage_load(key.c_str());
    std::string out = v;
    free(v);
    return out;
  };
  st.save = [](const std::string& key, const std::string& value) { storage_save(key.c_str(), value.c_str()); };
  return st;
}

static void report_unknown_scene(const LaunchOptions&) {}  // the notice in the page says it

// Bytes malloc has handed out, and the wasm memory's size.
static uint64_t heap_bytes() { return uint64_t(mallinfo().uordblks); }
static uint64_t heap_size() { return uint64_t(emscripten_get_heap_size()); }

// Idle: the loop stops altogether, so a paused page costs no CPU at all
// (it used to tick 4 times a second to notice the page's script). What can
// change the picture wakes it: input on the page (watch_input) and every
// command from the page's script (the exports below call dsviz_wake).
static void begin_sleep(Platform&) {
  emscripten_pause_main_loop();
  EM_ASM({ Module["dsvizAsleep"] = true; });  // shell.js stops describing the page
}
static void end_sleep(Platform&) {
  EM_ASM({ Module["dsvizAsleep"] = false; });
  emscripten_resume_main_loop();
}
static void print_stats_line(Platform&, bool) {}  // window.dsviz.stats() instead

// Any input on the page ends an idle spell before SDL even sees it.
EM_JS(void, watch_input, (), {
  var wake = function() { if (Module["_dsviz_wake"]) Module["_dsviz_wake"](); };
  var opts = { capture: true, passive: true };
  ["pointerdown", "pointermove", "pointerup", "mousedown", "mousemove", "mouseup", "wheel", "keydown", "keyup",
   "touchstart", "touchmove", "touchend", "focus", "blur", "resize"].forEach(function(t) {
    window.addEventListener(t, wake, opts);
  });
  document.addEventListener("visibilitychange", wake);
});
static bool write_screenshot(Platform&) { return true; }
static void set_window_title(Platform&) {}

// PNG export: shell.js encodes the pixels with the browser's PNG encoder
// (compressed, unlike ours) and downloads the file; window.dsviz.exportPng()
// resolves then.
static void deliver_png(Platform&, const std::string& name, const std::vector<uint8_t>& rgba, int w, int h) {
  EM_ASM({
    if (window.dsviz && window.dsviz._pngReady)
      window.dsviz._pngReady(HEAPU8.slice($0, $0 + $1 * $2 * 4), $1, $2, UTF8ToString($3));
  }, rgba.data(), w, h, name.c_str());
}
static void png_failed(Platform&, const std::string& why) {
  EM_ASM({ if (window.dsviz && window.dsviz._pngFailed) window.dsviz._pngFailed(UTF8ToString($0)); }, why.c_str());
}

static void main_loop_step();
static void start_loop() { emscripten_set_main_loop(main_loop_step, 0, true); }

extern "C" {
// The page's JS handle (shell.html) calls these through Module.ccall. Those
// that change what the page shows wake an idle page first.
EMSCRIPTEN_KEEPALIVE void dsviz_wake();
EMSCRIPTEN_KEEPALIVE int dsviz_set_scene(const char* id) {
  dsviz_wake();
  return g_platform && g_platform->app && g_platform->app->open_scene(id) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE const char* dsviz_scene() {
  return g_platform && g_platform->app ? g_platform->app->scene_id() : "";
}
// The notices on screen, one a line: ImGui draws them on the canvas, out of
// reach of the DOM, so tests and embedders read them here.
EMSCRIPTEN_KEEPALIVE const char* dsviz_notices() {
  static std::string text;
  text.clear();
  if (g_platform && g_platform->app)
    for (const auto& n : g_platform->app->notices()) text += n + "\n";
  return text.c_str();
}
// The open scene's figures (Model::metrics), one "name value" a line: the
// quiz's score for tests (questions, submitted, correct, ...).
EMSCRIPTEN_KEEPALIVE const char* dsviz_metrics() {
  static std::string text;
  text.clear();
  if (!g_platform || !g_platform->app) return "";
  std::vector<Metric> ms;
  g_platform->app->model().metrics(ms);
  char buf[64];
  for (const Metric& m : ms) {
    std::snprintf(buf, sizeof buf, " %.17g\n", m.value);
    text += m.key + buf;
  }
  return text.c_str();
}
// fetch_quiz's answer: the file's bytes, or why there are none.
EMSCRIPTEN_KEEPALIVE void dsviz_quiz_fetched(const char* data, int size, const char* error) {
  if (!g_platform || !g_platform->app) return;
  dsviz_wake();
  Platform& p = *g_platform;
  if (error) p.app->quiz_failed(p.opt.quiz, error);
  else p.app->supply_quiz(p.opt.quiz, std::string(data, size_t(size)));
}
// window.dsviz.stats(): frame times and the last frame's geometry as JSON
// (web/frame_stats.h). Reading it does not wake an idle page.
EMSCRIPTEN_KEEPALIVE const char* dsviz_stats_json() {
  static std::string text;
  if (!g_platform || !g_platform->app) return "{}";
  text = g_platform->stats.json(heap_bytes(), heap_size(), g_platform->sleeping);
  return text.c_str();
}
EMSCRIPTEN_KEEPALIVE void dsviz_wake() {
  if (!g_platform) return;
  g_platform->last_input = SDL_GetPerformanceCounter();
  g_platform->same_frames = 0;
  if (g_platform->sleeping) {
    g_platform->sleeping = false;
    end_sleep(*g_platform);
  }
}
// window.dsviz.exportPng(): the next frame is saved as a PNG (as the
// page's "Save PNG" button does).
EMSCRIPTEN_KEEPALIVE int dsviz_export_png() {
  if (!g_platform || !g_platform->app) return 0;
  g_platform->app->request_png();
  dsviz_wake();
  return 1;
}
// Where a named control was drawn last frame (web/targets.h: "control:save_png",
// "area:view", ...), as "x y width height" in CSS pixels, or "" when it was not:
// the browser test clicks the canvas's buttons with it.
EMSCRIPTEN_KEEPALIVE const char* dsviz_where(const char* name) {
  static std::string text;
  text.clear();
  if (!g_platform || !g_platform->app) return "";
  ImVec2 max;
  if (const ImVec2* min = g_platform->app->targets().find(name, &max)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%g %g %g %g", min->x, min->y, max.x - min->x, max.y - min->y);
    text = buf;
  }
  return text.c_str();
}
// Scene ids in menu order, one a line.
EMSCRIPTEN_KEEPALIVE const char* dsviz_scenes() {
  static std::string text;
  text.clear();
  for (const auto& s : scenes()) text += std::string(s.id) + "\n";
  return text.c_str();
}
// window.dsviz.state(): the run as JSON. The seed and the trace hash are
// strings (64 bits do not fit a JS number); "link" is the deep link's query
// (core/link.h), which shell.js turns into the address.
EMSCRIPTEN_KEEPALIVE const char* dsviz_state() {
  static std::string text;
  text.clear();
  if (!g_platform || !g_platform->app) return "";
  App& app = *g_platform->app;
  const Model& m = app.model();
  auto quoted = [](const std::string& v) {
    std::string q = "\"";
    for (char c : v) {
      if (c == '"' || c == '\\') q += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) q += c;
    }
    return q + "\"";
  };
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "\"seed\":\"%llu\",\"time\":%.17g,\"time_ns\":%lld,\"events\":%llu,\"trace_hash\":\"%016llx\","
                "\"playing\":%s,\"speed\":%.9g,\"replaying\":%s,\"present\":%s,\"reduced_motion\":%s,\"keyboard_nav\":%s,",
                (unsigned long long)m.seed(), to_s(m.now()), (long long)m.now(), (unsigned long long)m.events(),
                (unsigned long long)m.trace_hash(), app.transport().playing ? "true" : "false",
                double(app.transport().speed), m.replaying() ? "true" : "false", app.present() ? "true" : "false",
                app.reduced_motion() ? "true" : "false", app.keyboard_navigating() ? "true" : "false");
  text = "{\"scene\":" + quoted(app.scene_id()) + ",\"title\":" + quoted(app.scene_title()) + "," + buf +
         "\"dark\":" + (app.dark() ? "true" : "false") + ",\"link\":" + quoted(format_link(app.scene_id(), m).query) +
         "}";
  return text.c_str();
}
EMSCRIPTEN_KEEPALIVE void dsviz_set_playing(int playing) {
  dsviz_wake();
  if (g_platform && g_platform->app) g_platform->app->transport().playing = playing != 0;
}
// window.dsviz.runTo(seconds): 0 when the time is not a finite number of
// seconds from 0 to a year (shell.js says why); report_to_page() tells the
// page when the run is there.
EMSCRIPTEN_KEEPALIVE int dsviz_run_to(double seconds) {
  if (!g_platform || !g_platform->app || !(seconds >= 0) || seconds > 365.0 * 24 * 3600) return 0;
  dsviz_wake();
  g_platform->app->run_to(from_s(seconds));
  g_run_to_pending = true;
  return 1;
}
EMSCRIPTEN_KEEPALIVE void dsviz_set_theme(int dark) {
  dsviz_wake();
  if (g_platform && g_platform->app) g_platform->app->set_dark(dark != 0);
}
// prefers-reduced-motion changed (shell.js listens to matchMedia).
EMSCRIPTEN_KEEPALIVE void dsviz_set_reduced_motion(int on) {
  dsviz_wake();
  if (g_platform && g_platform->app) g_platform->app->set_reduced_motion(on != 0);
}
// window.dsviz.present(on): presenter mode on (1) or off (0); -1 only asks.
// Returns whether it is on (never in an embed).
EMSCRIPTEN_KEEPALIVE int dsviz_present(int on) {
  if (!g_platform || !g_platform->app) return 0;
  if (on == 0 || on == 1) {
    dsviz_wake();
    g_platform->app->set_present(on == 1);
  }
  return g_platform->app->present() ? 1 : 0;
}
// A notice from the page's script (a bad ?origin=), shown like the app's own.
EMSCRIPTEN_KEEPALIVE void dsviz_add_notice(const char* text) {
  dsviz_wake();
  if (g_platform && g_platform->app && text) g_platform->app->add_notice(text);
}
// window.dsviz.describe(): what the canvas shows, in words: the scene's
// own Model::describe(), else its clock and first figures.
EMSCRIPTEN_KEEPALIVE const char* dsviz_describe() {
  static std::string text;
  text.clear();
  if (!g_platform || !g_platform->app) return "";
  App& app = *g_platform->app;
  const Model& m = app.model();
  text = m.describe();
  if (!text.empty()) return text.c_str();
  text = std::string(app.scene_title()) + ": virtual time " + format_duration(m.now()) + ", " +
         std::to_string(m.events()) + " events, " + (app.transport().playing ? "running." : "paused.");
  std::vector<Metric> ms;
  m.metrics(ms);
  char buf[64];
  for (size_t i = 0; i < ms.size() && i < 6; ++i) {
    std::string key = ms[i].key;
    std::replace(key.begin(), key.end(), '_', ' ');
    std::snprintf(buf, sizeof buf, " %.4g", ms[i].value);
    text += (i == 0 ? " Figures: " : "; ") + key + buf;
  }
  if (!ms.empty()) text += ".";
  return text.c_str();
}
}

#else  // desktop

bool read_launch_options(int argc, char** argv, LaunchOptions& out, std::string& error) {
  return parse_args(argc, argv, out, error);
}

// Retina / scaled desktops: the drawable is bigger than the window.
static float screen_density(SDL_Window* w) {
  int ww = 0, wh = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(w, &ww, &wh);
  SDL_GL_GetDrawableSize(w, &dw, &dh);
  return ww > 0 ? float(dw) / float(ww) : 1.0f;
}

static void show_fatal(const std::string& msg) { std::fprintf(stderr, "dsviz: %s\n", msg.c_str()); }
static void on_scene_changed(const App&) {}
static void on_link_changed(const App&) {}  // no address bar: --set and --seed say it
static void on_frame_drawn(int) {}
static void report_to_page(Platform&) {}
static void on_tour_caption(const std::string&) {}  // the window shows it
static void follow_pixel_ratio() {}  // SDL reports size changes itself
static void update_wheel_capture() {}
static void sync_page_input(Platform&) {}  // a desktop window has no host page

// --quiz FILE: read whole, refused past the quiz size limit. A problem goes
// to stderr and to the window's notices; dsviz's own quiz stays.
static void load_quiz(Platform& p) {
  if (p.opt.quiz.empty()) return;
  std::string why, text;
  std::error_code ec;
  const auto size = std::filesystem::file_size(p.opt.quiz, ec);
  if (ec) {
    why = "cannot read it (" + ec.message() + ")";
  } else if (size > quiz::kMaxQuizBytes) {
    why = "it is larger than " + std::to_string(quiz::kMaxQuizBytes / 1024) + " KB";
  } else {
    std::ifstream in(p.opt.quiz, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) why = "cannot read it";
  }
  const std::string notice = why.empty() ? p.app->supply_quiz(p.opt.quiz, std::move(text)) : QuizHost::failed(p.opt.quiz, why);
  if (!why.empty()) p.app->add_notice(notice);
  if (!notice.empty()) std::fprintf(stderr, "dsviz: %s\n", notice.c_str());
}

// The reader's answers in $XDG_CONFIG_HOME/dsviz/<key> (or
// ~/.config/dsviz/<key>). Scripted runs (--frames) neither read nor write
// them, so screenshots do not depend on who ran them.
static std::filesystem::path config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return std::filesystem::path(xdg) / "dsviz";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".config" / "dsviz";
  return {};
}

static Storage make_storage(const Platform& p) {
  Storage st;
  const std::filesystem::path dir = config_dir();
  if (p.opt.frames > 0 || dir.empty()) return st;
  st.load = [dir](const std::string& key) {
    std::error_code ec;
    const auto f = dir / key;
    if (std::filesystem::file_size(f, ec) > 1024 * 1024 || ec) return std::string();
    std::ifstream in(f, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  st.save = [dir](const std::string& key, const std::string& value) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto f = dir / key, tmp = dir / (key + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << value;
      if (!out) return;
    }
    std::filesystem::rename(tmp, f, ec);  // whole or not at all
  };
  return st;
}

static void report_unknown_scene(const LaunchOptions& opt) {
  if (!opt.scene.empty() && !find_scene(opt.scene))
    std::fprintf(stderr, "dsviz: no scene '%s'; opening '%s' (scenes: see dsviz-cli list)\n", opt.scene.c_str(),
                 scenes().front().id);
}

static bool finished(const Platform& p) { return p.quit || (p.opt.frames > 0 && p.frames >= p.opt.frames); }

static uint64_t heap_bytes() {
  const struct mallinfo2 mi = mallinfo2();
  return uint64_t(mi.uordblks) + uint64_t(mi.hblkhd);  // small blocks + mmap'd ones
}
// Idle: block until the next event (input, a window change, quit). Nothing
// else can end an idle spell: it needs a paused, settled app, and only an
// event changes that, as in the browser, where the loop stops altogether.
static void begin_sleep(Platform&) {}
static void end_sleep(Platform&) {}
static void watch_input() {}
static void idle_wait() { SDL_WaitEvent(nullptr); }

// --stats: a line every 2 s while running, and one at the end.
static void print_stats_line(Platform& p, bool last) {
  if (!p.opt.stats) return;
  const Uint64 now = SDL_GetPerformanceCounter();
  if (!last && p.last_stats_line && double(now - p.last_stats_line) < 2.0 * double(SDL_GetPerformanceFrequency())) return;
  if (!last && !p.last_stats_line) {
    p.last_stats_line = now;
    return;
  }
  p.last_stats_line = now;
  std::printf("%s\n", p.stats.line(heap_bytes()).c_str());
  std::fflush(stdout);
}

static void set_window_title(Platform& p) {
  std::string t = std::string(p.app->scene_title()) + " - dsviz";
  SDL_SetWindowTitle(p.window, t.c_str());
}

// Reads the back buffer of the frame just drawn (before the swap).
static bool write_screenshot(Platform& p) {
  if (p.opt.screenshot.empty() || p.frames < p.opt.frames) return true;
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(p.window, &w, &h);
  glReadBuffer(GL_BACK);
  const std::vector<uint8_t> flipped = read_rgba(w, h);
  std::string err;
  if (!write_png(p.opt.screenshot, flipped.data(), w, h, err)) {
    std::fprintf(stderr, "dsviz: %s\n", err.c_str());
    return false;
  }
  return true;
}

// PNG export: the file goes to the working directory, under a new name if
// one is taken; the window says where (a notice) or why it could not.
static void deliver_png(Platform& p, const std::string& name, const std::vector<uint8_t>& rgba, int w, int h) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::current_path(ec) / name;
  for (int n = 2; std::filesystem::exists(path, ec) && n < 1000; ++n)
    path.replace_filename(name.substr(0, name.size() - 4) + "-" + std::to_string(n) + ".png");
  std::string err;
  if (!write_png(path.string(), rgba.data(), w, h, err)) {
    std::fprintf(stderr, "dsviz: %s\n", err.c_str());
    p.app->add_notice("The PNG was not saved: " + err);
    return;
  }
  std::printf("dsviz: saved %s (%dx%d px)\n", path.c_str(), w, h);
  std::fflush(stdout);
  p.app->add_notice("Saved " + path.string() + " (" + std::to_string(w) + "x" + std::to_string(h) + " px)");
}
static void png_failed(Platform& p, const std::string& why) {
  std::fprintf(stderr, "dsviz: %s\n", why.c_str());
  p.app->add_notice(why);
}

static void main_loop_step();
static void start_loop() {
  while (!finished(*g_platform)) {
    main_loop_step();
    if (g_platform->sleeping) idle_wait();
  }
  print_stats_line(*g_platform, true);
}

#endif

//-----------------------------------------------------------------------------
// [SECTION] Window, GL context and fonts
//-----------------------------------------------------------------------------

static bool open_window(Platform& p) {
  // Keys go to the canvas only, not the whole page (mdBook binds arrows and
  // 's'); a no-op on the desktop.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    show_fatal(std::string("cannot start SDL video (is DISPLAY set?): ") + SDL_GetError());
    return false;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl = "#version 300 es";  // WebGL2
  // SDL makes the canvas's one context after SDL_CreateWindow has sized the
  // canvas (web/shell.js keeps its GL state and shows the message when the
  // browser refuses WebGL2).
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl = "#version 130";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  // RESIZABLE + a CSS-sized canvas: SDL follows the canvas box (iframe,
  // window); ALLOW_HIGHDPI: the backing store is devicePixelRatio times it.
  auto flags = SDL_WindowFlags(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  p.window = SDL_CreateWindow("dsviz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, p.opt.width, p.opt.height, flags);
  if (!p.window) {
    show_fatal(std::string("cannot open a window: ") + SDL_GetError());
    return false;
  }
  p.gl = SDL_GL_CreateContext(p.window);
  if (!p.gl) {
    show_fatal(std::string("cannot create an OpenGL 3 / WebGL2 context: ") + SDL_GetError());
    return false;
  }
  SDL_GL_MakeCurrent(p.window, p.gl);
  // Vsync paces the desktop loop; a --frames run for screenshots goes flat out.
  SDL_GL_SetSwapInterval(p.opt.frames > 0 ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed every frame; nothing to save
  ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
  ImGui_ImplOpenGL3_Init(glsl);
  return true;
}

constexpr float kPngScale = 2.0f;  // "Save PNG" draws at twice the page's size in CSS / window pixels

// Rebuilds the font atlas when the pixel density changes (a window dragged
// to another screen, browser zoom), so text stays sharp.
static void update_fonts(Platform& p) {
  // Presenter mode's larger text is rasterised at its size, so it stays sharp.
  // A PNG export draws at kPngScale: its text is rasterised for that.
  float d = (p.png_pending ? kPngScale : screen_density(p.window)) * p.app->font_scale();
  if (d == p.density) return;
  bool had_texture = p.density != 0;
  p.density = d;
  load_fonts(d);
  if (had_texture) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

//-----------------------------------------------------------------------------
// [SECTION] The frame
//-----------------------------------------------------------------------------

static double frame_delta(Platform& p) {
  // Screenshot runs use a fixed step so the same flags give the same picture.
  if (p.opt.frames > 0) return 1.0 / 60.0;
  Uint64 now = SDL_GetPerformanceCounter();
  double dt = p.last_counter ? double(now - p.last_counter) / double(SDL_GetPerformanceFrequency()) : 0.0;
  p.last_counter = now;
  return dt < kMaxFrameDelta ? dt : kMaxFrameDelta;
}

// Fingers come normalised to the window (0..1); the view wants pixels.
static void track_fingers(Platform& p, const SDL_Event& ev) {
  if (ev.type != SDL_FINGERDOWN && ev.type != SDL_FINGERMOTION && ev.type != SDL_FINGERUP) return;
  int w = 0, h = 0;
  SDL_GetWindowSize(p.window, &w, &h);
  const float x = ev.tfinger.x * float(w), y = ev.tfinger.y * float(h);
  const int64_t id = int64_t(ev.tfinger.fingerId);
  if (ev.type == SDL_FINGERDOWN) p.pinch.down(id, x, y);
  else if (ev.type == SDL_FINGERMOTION) p.pinch.move(id, x, y);
  else p.pinch.up(id);
}

static double ms_between(Uint64 a, Uint64 b) { return 1000.0 * double(b - a) / double(SDL_GetPerformanceFrequency()); }

// The frame's draw lists, hashed: two equal hashes in a row mean the
// picture stopped changing.
static uint64_t picture_hash(const ImDrawData* dd) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  auto mix = [&h](uint64_t v) { h = (h ^ v) * 0x100000001B3ull; h ^= h >> 29; };
  for (int i = 0; i < dd->CmdListsCount; ++i) {
    const ImDrawList* dl = dd->CmdLists[i];
    const auto* v = reinterpret_cast<const uint32_t*>(dl->VtxBuffer.Data);
    const size_t nv = size_t(dl->VtxBuffer.Size) * sizeof(ImDrawVert) / sizeof(uint32_t);
    for (size_t k = 0; k < nv; ++k) mix(v[k]);
    for (const ImDrawIdx& idx : dl->IdxBuffer) mix(idx);
    for (const ImDrawCmd& c : dl->CmdBuffer) {
      mix(uint64_t(c.ElemCount) << 32 | c.IdxOffset);
      mix(uint64_t(reinterpret_cast<uintptr_t>(c.TextureId)));
    }
  }
  mix(uint64_t(dd->CmdListsCount));
  return h == 0 ? 1 : h;
}

// Nothing to draw: not a scripted run, the app has nothing in flight, no
// input for a second (tooltips and hover colours have settled), no button
// or key held, and the last frames drew the same picture.
constexpr double kSettleSeconds = 1.0;
constexpr int kSameFramesToIdle = 2;
static bool quiet_input(const Platform& p, Uint64 now) {
  if (p.opt.frames > 0 || !p.app->idle()) return false;
  if (p.last_input && ms_between(p.last_input, now) < 1000.0 * kSettleSeconds) return false;
  const ImGuiIO& io = ImGui::GetIO();
  for (bool down : io.MouseDown)
    if (down) return false;
  for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END; ++k)
    if (ImGui::IsKeyDown(ImGuiKey(k))) return false;
  return true;
}

static std::vector<uint8_t> read_rgba(int w, int h) {
  std::vector<uint8_t> px(size_t(w) * size_t(h) * 4), out(px.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  const size_t row = size_t(w) * 4;
  for (int y = 0; y < h; ++y) {  // GL rows run bottom-up, PNG rows top-down
    std::copy(px.begin() + long(row * size_t(h - 1 - y)), px.begin() + long(row * size_t(h - y)),
              out.begin() + long(row * size_t(y)));
  }
  for (size_t i = 3; i < out.size(); i += 4) out[i] = 255;  // the window is opaque
  return out;
}

static std::string png_name(App& app) {
  char t[48];
  std::snprintf(t, sizeof t, "%.3f", to_s(app.model().now()));
  std::string secs = t;
  while (secs.back() == '0') secs.pop_back();
  if (secs.back() == '.') secs.pop_back();
  return std::string("dsviz-") + app.scene_id() + "-" + std::to_string(app.model().seed()) + "-" + secs + "s.png";
}

// "Save PNG": this frame's draw lists drawn again into an offscreen
// framebuffer at kPngScale times the page's size (the fonts were rasterised
// for that), read back, and downloaded (browser) or written (desktop).
static void save_png(Platform& p, ImDrawData* dd) {
  GLint max_rb = 0, max_vp[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_rb);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, max_vp);
  const float limit = float(std::min({max_rb, max_vp[0], max_vp[1]}));
  const float longest = std::max(dd->DisplaySize.x, dd->DisplaySize.y);
  float scale = kPngScale;
  // A window larger than the GPU's limit at 2x: as large as it allows.
  if (longest * scale > limit) scale = std::floor(100.0f * limit / longest) / 100.0f;
  const int w = int(dd->DisplaySize.x * scale), h = int(dd->DisplaySize.y * scale);
  if (w <= 0 || h <= 0) {
    png_failed(p, "The PNG was not saved: the window has no area.");
    return;
  }
  GLuint fbo = 0, rb = 0;
  glGenFramebuffers(1, &fbo);
  glGenRenderbuffers(1, &rb);
  glBindRenderbuffer(GL_RENDERBUFFER, rb);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  std::vector<uint8_t> rgba;
  if (complete) {
    const ImVec2 keep = dd->FramebufferScale;
    dd->FramebufferScale = ImVec2(scale, scale);
    glViewport(0, 0, w, h);
    const ImVec4 bg = p.app->backdrop();
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
    dd->FramebufferScale = keep;
    rgba = read_rgba(w, h);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glBindRenderbuffer(GL_RENDERBUFFER, 0);
  glDeleteFramebuffers(1, &fbo);
  glDeleteRenderbuffers(1, &rb);
  if (!complete) {
    png_failed(p, "The PNG was not saved: the graphics driver refused a " + std::to_string(w) + "x" +
                      std::to_string(h) + " px offscreen picture.");
    return;
  }
  deliver_png(p, png_name(*p.app), rgba, w, h);
}

static void main_loop_step() {
  Platform& p = *g_platform;
  const Uint64 t_start = SDL_GetPerformanceCounter();
  SDL_Event ev;
  bool input = false;
  while (SDL_PollEvent(&ev)) {
    input = true;
    ImGui_ImplSDL2_ProcessEvent(&ev);
    if (ev.type == SDL_QUIT) p.quit = true;
    if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE) p.quit = true;
    track_fingers(p, ev);
  }
  if (input) {
    p.last_input = t_start;
    p.same_frames = 0;
  }
  follow_pixel_ratio();
  const bool quiet = quiet_input(p, t_start);
  if (quiet && p.same_frames >= kSameFramesToIdle && !p.png_pending) {
    if (!p.sleeping) {
      p.sleeping = true;
      p.last_counter = 0;      // the next frame's dt starts from 0, not the idle spell
      p.last_frame_start = 0;  // and its interval is not a frame time
    }
    begin_sleep(p);  // again when the page's script resumed the loop (an embed back in view)
    p.stats.skip();
    return;
  }
  if (p.sleeping) {
    p.sleeping = false;
    end_sleep(p);
  }
  update_fonts(p);
  double dt = frame_delta(p);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // Screenshots show the page, not tooltips under wherever the pointer is.
  // A PNG export neither (the pointer comes back after this frame).
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (p.opt.frames > 0 || p.png_pending) ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  const Uint64 t_ui = SDL_GetPerformanceCounter();
  ImGui::NewFrame();
  p.app->set_pinch(p.pinch.take());
  p.app->frame(dt);
  ImGui::Render();
  const Uint64 t_render = SDL_GetPerformanceCounter();

  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(p.window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = p.app->backdrop();
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const Uint64 t_end = SDL_GetPerformanceCounter();
  {
    const ImDrawData* dd = ImGui::GetDrawData();
    FrameSample s;
    s.interval_ms = p.last_frame_start ? ms_between(p.last_frame_start, t_start) : 0;
    s.work_ms = ms_between(t_start, t_end);
    s.sim_ms = p.app->sim_ms();
    s.ui_ms = std::max(0.0, ms_between(t_ui, t_render) - s.sim_ms);
    s.render_ms = ms_between(t_render, t_end);
    s.vertices = dd->TotalVtxCount;
    s.indices = dd->TotalIdxCount;
    for (int i = 0; i < dd->CmdListsCount; ++i)
      for (const ImDrawCmd& c : dd->CmdLists[i]->CmdBuffer) s.draw_calls += c.ElemCount > 0 && !c.UserCallback;
    s.overdraw = overdraw(*dd);
    p.stats.add(s);
    p.last_frame_start = t_start;
    // Only hashed when the frame could be the last before an idle spell.
    const uint64_t pic = quiet ? picture_hash(dd) : 0;
    p.same_frames = pic != 0 && pic == p.last_picture ? p.same_frames + 1 : 0;
    p.last_picture = pic;
  }
  print_stats_line(p, false);
  if (p.png_pending) {
    p.png_pending = false;
    save_png(p, ImGui::GetDrawData());
    if (p.opt.frames == 0) ImGui::GetIO().AddMousePosEvent(mouse.x, mouse.y);
  }
  ++p.frames;
  if (!write_screenshot(p)) p.exit_code = 1;
  SDL_GL_SwapWindow(p.window);

  update_wheel_capture();
  sync_page_input(p);
  if (p.app->take_scene_changed()) {
    on_scene_changed(*p.app);
    set_window_title(p);
  }
  if (p.app->take_link_changed()) on_link_changed(*p.app);
  if (p.app->take_png_request()) p.png_pending = true;  // drawn and saved next frame
  std::string caption;
  if (p.app->take_tour_caption(caption)) on_tour_caption(caption);
  on_frame_drawn(p.frames);
  report_to_page(p);
}

//-----------------------------------------------------------------------------
// [SECTION] run()
//-----------------------------------------------------------------------------

int run(const LaunchOptions& opt) {
  static Platform platform;  // lives past main() in the browser's loop
  g_platform = &platform;
  platform.opt = opt;
  if (!open_window(platform)) return 1;
  report_unknown_scene(opt);
  platform.app = std::make_unique<App>(opt);
  platform.app->set_storage(make_storage(platform));
  load_quiz(platform);
  platform.last_input = SDL_GetPerformanceCounter();  // the first second draws, as after input
  watch_input();
  start_loop();  // never returns in the browser

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  platform.app.reset();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(platform.gl);
  SDL_DestroyWindow(platform.window);
  SDL_Quit();
  return platform.exit_code;
}

}  // namespace dsviz::ui
