// Touch: 44 px targets, swipes that scroll instead of moving sliders, step
// buttons for exact values, tooltips that leave with the finger, and the
// timeline's zoom and event steps. Items are seen through ImGui's item hooks
// (web/imgui_item_hook.h), so the checks read the real layout.
#include <doctest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app.h"
#include "imgui_item_hook.h"
#include "imgui_internal.h"
#include "panels.h"
#include "registry.h"
#include "touch.h"
#include "transport.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

// What one frame laid out: every item with an id, its box and label.
struct Items {
  struct Item {
    ImGuiID id;
    ImVec2 min, max;
    int flags;
    std::string label;
    std::string window;
  };
  std::vector<Item> list;
  std::map<ImGuiID, size_t> by_id;
  static void on_add(const ItemSeen& s, void* user) {
    auto* self = static_cast<Items*>(user);
    if (!s.has_data) return;  // scrollbars and the like, registered without ItemAdd
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    if (ImGui::FindWindowByID(s.id)) return;  // a child window, not a control
    if (w && s.id == w->MoveId) return;        // a window's title bar (ours have none)
    // A table's column headers take no tap unless the table sorts, reorders
    // or hides columns.
    if (const ImGuiTable* t = ImGui::GetCurrentContext()->CurrentTable)
      if ((t->RowFlags & ImGuiTableRowFlags_Headers) &&
          !(t->Flags & (ImGuiTableFlags_Sortable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable)))
        return;
    self->by_id[s.id] = self->list.size();
    self->list.push_back({s.id, s.min, s.max, s.item_flags, "", w ? w->Name : ""});
  }
  static void on_info(ImGuiID id, const char* label, void* user) {
    auto* self = static_cast<Items*>(user);
    auto it = self->by_id.find(id);
    if (it != self->by_id.end() && label) self->list[it->second].label = label;
  }
  void clear() {
    list.clear();
    by_id.clear();
  }
};

struct Hooked {
  Items items;
  Hooked() { set_item_hooks(&Items::on_add, &Items::on_info, &items); }
  ~Hooked() { set_item_hooks(nullptr, nullptr, nullptr); }
};

void frame(App& app, Items* items = nullptr) {
  if (items) items->clear();
  ImGui::NewFrame();
  if (items) ImGui::GetCurrentContext()->TestEngineHookItems = true;
  app.frame(1.0 / 60.0);
  ImGui::Render();
}

void touch_at(float x, float y) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(x, y);
}

std::vector<double> settings_of(Model& m) {
  std::vector<double> v;
  for (size_t i = 0; i < m.params().size(); ++i) v.push_back(m.param(i));
  return v;
}

// The settings' sliders ("##v") fully on screen, between y0 and y1.
std::vector<Items::Item> sliders_between(const Items& items, float y0, float y1) {
  std::vector<Items::Item> out;
  for (const auto& it : items.list)
    if (it.label == "##v" && it.min.y >= y0 && it.max.y <= y1) out.push_back(it);
  return out;
}

}  // namespace

TEST_CASE("step_setting moves by the last digit shown and stays in range") {
  Param ms{"link_ms", 0.1, 200, 10, "ms", "", false, true, ""};
  CHECK(setting_step(ms, 10) == doctest::Approx(0.1));
  CHECK(step_setting(ms, 10, +1) == 10.1);
  CHECK(step_setting(ms, 10, -1) == 9.99);  // the finer digit below 10
  CHECK(step_setting(ms, 200, +1) == 200);
  CHECK(step_setting(ms, 0.1, -1) == 0.1);
  CHECK(step_setting(ms, 0.5, +1) == 0.501);
  Param nodes{"nodes", 1, 16, 3, "nodes", "", true, false, ""};
  CHECK(step_setting(nodes, 3, +1) == 4);
  CHECK(step_setting(nodes, 1, -1) == 1);
  Param rate{"rate", 0, 2000, 250, "req/s", "", false, false, ""};
  CHECK(step_setting(rate, 250, +1) == 251);
  CHECK(step_setting(rate, 0, -1) == 0);
}

TEST_CASE("every tappable item is at least 44 px tall at 390x844 with touch input") {
  for (const SceneInfo& s : scenes()) {
    CAPTURE(std::string(s.id));
    test::Headless ui(390, 844);
    Hooked hook;
    LaunchOptions opt;
    opt.scene = s.id;
    App app(opt);
    touch_at(195, 2);  // a finger on the page (the top margin: nothing there)
    frame(app);
    frame(app);
    REQUIRE(touch_input());
    std::map<std::string, float> small;  // label -> height, each reported once
    // Scroll the page through: every item on screen at some point.
    for (int step = 0; step < 40; ++step) {
      frame(app, &hook.items);
      for (const auto& it : hook.items.list) {
        const bool on_screen = it.max.y > 0 && it.min.y < 844 && it.max.x > 0 && it.min.x < 390;
        const float h = it.max.y - it.min.y;
        if (!on_screen || h >= kTouchTarget - 0.5f) continue;
        if (it.flags & ImGuiItemFlags_Disabled) continue;  // cannot be tapped
        if (it.window == "Debug##Default") continue;  // ImGui's implicit window: never shown when empty
        char where[64];
        std::snprintf(where, sizeof where, " at (%.0f, %.0f), %.0f wide", it.min.x, it.min.y, it.max.x - it.min.x);
        small.emplace(it.window + " / " + (it.label.empty() ? "(no label)" : it.label) + where, h);
      }
      ImGuiIO& io = ImGui::GetIO();
      io.AddMousePosEvent(372, 600);  // on the page's scrollbar
      io.AddMouseWheelEvent(0, -1);
    }
    std::string report;
    for (const auto& [name, h] : small) report += "  " + name + ": " + std::to_string(int(h)) + " px\n";
    CAPTURE(report);
    CHECK(small.empty());
  }
}

TEST_CASE("on touch, a vertical swipe over a slider scrolls the settings and changes nothing") {
  test::Headless ui(390, 844);
  Hooked hook;
  LaunchOptions opt;
  opt.scene = "failure";
  App app(opt);
  app.transport().playing = false;
  touch_at(195, 2);
  frame(app);
  // Bring the settings on screen with the wheel.
  std::vector<Items::Item> sl;
  for (int i = 0; i < 60 && sl.size() < 2; ++i) {
    ImGui::GetIO().AddMousePosEvent(372, 600);
    ImGui::GetIO().AddMouseWheelEvent(0, -1);
    frame(app, &hook.items);
    sl = sliders_between(hook.items, 250, 800);
  }
  REQUIRE(sl.size() >= 2);
  const std::vector<double> before = settings_of(app.model());
  const auto target = sl.back();
  // Three quarters along: away from every default handle of this scene
  // (a press on the handle would take the slider).
  const float x = target.min.x + (target.max.x - target.min.x) * 0.75f, y0 = (target.min.y + target.max.y) / 2;
  // A finger down on the slider, then up the screen by 150 px (a little
  // sideways too, as real swipes go).
  touch_at(x, y0);
  frame(app);
  ImGui::GetIO().AddMouseButtonEvent(0, true);
  frame(app);
  for (int k = 1; k <= 10; ++k) {
    touch_at(x + float(k), y0 - 15.0f * float(k));
    frame(app);
  }
  ImGui::GetIO().AddMouseButtonEvent(0, false);
  frame(app);
  frame(app, &hook.items);
  CHECK(settings_of(app.model()) == before);
  auto it = hook.items.by_id.find(target.id);
  REQUIRE(it != hook.items.by_id.end());
  const float moved = target.min.y - hook.items.list[it->second].min.y;
  CHECK(moved > 100.0f);  // the settings went up with the finger
  CHECK(moved < 200.0f);

  // A sideways drag on the same slider moves it.
  const auto now_at = hook.items.list[it->second];
  const float y1 = (now_at.min.y + now_at.max.y) / 2;
  const float xs = now_at.min.x + (now_at.max.x - now_at.min.x) * 0.15f;
  touch_at(xs, y1);
  frame(app);
  ImGui::GetIO().AddMouseButtonEvent(0, true);
  frame(app);
  for (int k = 1; k <= 8; ++k) {
    touch_at(xs + 20.0f * float(k), y1 + 1.0f);
    frame(app);
  }
  ImGui::GetIO().AddMouseButtonEvent(0, false);
  frame(app);
  CHECK(settings_of(app.model()) != before);
}

TEST_CASE("the + and - buttons beside a slider step one shown digit, by mouse") {
  test::Headless ui(1280, 800);
  Hooked hook;
  LaunchOptions opt;
  opt.scene = "failure";
  App app(opt);
  app.transport().playing = false;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(640, 2);  // a mouse on the page: the mouse layout
  for (int f = 0; f < 5; ++f) frame(app);  // the layout settles (scrollbars)
  frame(app, &hook.items);
  // The first "+" in the settings: the first slider's (nodes, 4 -> 5).
  const Items::Item* plus = nullptr;
  for (const auto& it : hook.items.list)
    if (it.label == "+" && it.window.find("side") != std::string::npos) {
      plus = &it;
      break;
    }
  REQUIRE(plus != nullptr);
  const Items::Item p = *plus;
  CAPTURE(p.window);
  CAPTURE(p.min.x);
  CAPTURE(p.min.y);
  const double v0 = app.model().param(0);
  io.AddMousePosEvent((p.min.x + p.max.x) / 2, (p.min.y + p.max.y) / 2);
  frame(app);
  io.AddMouseButtonEvent(0, true);
  frame(app);
  io.AddMouseButtonEvent(0, false);
  frame(app);
  CHECK(app.model().param(0) == v0 + 1);
  CHECK_FALSE(touch_input());
  CHECK(std::string(tap_word()) == "Click");
}

TEST_CASE("a touch tooltip closes when the finger lifts") {
  test::Headless ui(390, 844);
  LaunchOptions opt;
  opt.scene = "unity";
  App app(opt);
  ImGuiIO& io = ImGui::GetIO();
  touch_at(30, 2);
  frame(app);
  CHECK(std::string(tap_word()) == "Tap");
  // Press and hold on the Play button's row (the transport), then lift.
  io.AddMouseButtonEvent(0, true);
  frame(app);
  io.AddMouseButtonEvent(0, false);
  frame(app);
  frame(app);
  CHECK_FALSE(ImGui::IsMousePosValid());  // hovering nothing: no tooltip can stay
}

TEST_CASE("timeline: zoom around the playhead, previous and next event") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "unity";
  App app(opt);
  for (int f = 0; f < 120; ++f) frame(app);
  app.transport().playing = false;
  Model& m = app.model();
  Transport& t = app.transport();
  const Time now = m.now();
  zoom_timeline(m, t, 8);
  Time lo = 0, hi = 0;
  timeline_window(m, t, lo, hi);
  CHECK(t.zoom == 8);
  CHECK(lo <= now);
  CHECK(hi >= now);
  CHECK(double(hi - lo) == doctest::Approx(double(t.furthest) / 8).epsilon(0.01));
  zoom_timeline(m, t, 0.01);
  CHECK(t.zoom == 1);

  // Next event (key .), then back (key ,): the same event count as before.
  auto key = [&](ImGuiKey k) {
    ImGui::GetIO().AddKeyEvent(k, true);
    frame(app);
    ImGui::GetIO().AddKeyEvent(k, false);
    frame(app);
  };
  const uint64_t n0 = m.events();
  key(ImGuiKey_Period);
  const uint64_t n1 = m.events();
  CHECK(n1 == n0 + 1);
  const Time t1 = m.now();
  key(ImGuiKey_Comma);
  for (int f = 0; f < 200 && (m.replaying() || t.back_to_events != kNoEventTarget); ++f) frame(app);
  CHECK(m.events() == n0);
  CHECK(m.now() <= t1);
  key(ImGuiKey_Comma);  // and one more
  for (int f = 0; f < 200 && (m.replaying() || t.back_to_events != kNoEventTarget); ++f) frame(app);
  CHECK(m.events() + 1 == n0);
  bool restarted = false;
  for (const auto& n : app.notices()) restarted |= n.find("Run restarted") != std::string::npos;
  CHECK_FALSE(restarted);  // going back is not a restart
  CHECK(t.furthest >= t1);  // the timeline keeps the run's length
}
