// Accessibility (issue 13): every control reachable with Tab while Space
// still pauses the scene, and less motion (prefers-reduced-motion) drawing
// state changes only.
#include <doctest.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "app.h"
#include "imgui_internal.h"
#include "imgui_item_hook.h"
#include "options.h"
#include "scenes/unity.h"
#include "ui_app_frames.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

using test::frame;
using test::key;

// Each item's label by id, from ImGui's test-engine hook.
struct Labels {
  std::map<ImGuiID, std::string> by_id;
  static void info(ImGuiID id, const char* label, void* user) {
    if (label) static_cast<Labels*>(user)->by_id[id] = label;
  }
};

// Vertices drawn in the scene's view (the "view" child and those inside it).
uint64_t view_picture() {
  uint64_t h = 1469598103934665603ull;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (!w->WasActive || std::string(w->Name).find("/view_") == std::string::npos) continue;
    for (const ImDrawVert& v : w->DrawList->VtxBuffer) {
      uint32_t bits[2];
      std::memcpy(bits, &v.pos, sizeof bits);
      h = (h ^ bits[0]) * 1099511628211ull;
      h = (h ^ bits[1]) * 1099511628211ull;
    }
  }
  return h;
}

}  // namespace

TEST_CASE("keyboard: Tab reaches every control, Space works it; Escape gives Space back to the scene") {
  test::Headless ui(1280, 800);
  Labels labels;
  set_item_hooks(nullptr, &Labels::info, &labels);
  App app(parse_query("?scene=unity"));
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE_FALSE(app.keyboard_navigating());

  // No control focused: Space is play/pause.
  const bool playing = app.transport().playing;
  key(app, ImGuiKey_Space);
  CHECK(app.transport().playing != playing);
  key(app, ImGuiKey_Space);
  CHECK(app.transport().playing == playing);

  // Tab shows the keyboard focus; repeated, it walks every control of the
  // page (sidebar, transport, the view's own controls, settings, figures)
  // and comes round again.
  key(app, ImGuiKey_Tab);
  REQUIRE(app.keyboard_navigating());
  const ImGuiID first = ImGui::GetCurrentContext()->NavId;
  std::set<std::string> seen;
  int tabs = 0;
  for (; tabs < 400; ++tabs) {
    const ImGuiID id = ImGui::GetCurrentContext()->NavId;
    if (labels.by_id.count(id)) seen.insert(labels.by_id[id]);
    key(app, ImGuiKey_Tab);
    if (ImGui::GetCurrentContext()->NavId == first) break;
  }
  CAPTURE(tabs);
  std::string all;
  for (const auto& s : seen) all += s + " | ";
  CAPTURE(all);
  CHECK(tabs < 400);  // came round
  for (const char* want : {"Dark theme", "Defaults", "Send request", "Reveal reality"}) {
    CAPTURE(std::string(want));
    CHECK(seen.count(want) == 1);
  }
  CHECK(seen.size() >= 15);

  // Walk to "Dark theme" and press Space: the checkbox toggles, the run
  // does not pause.
  for (int i = 0; i < 400 && labels.by_id[ImGui::GetCurrentContext()->NavId] != "Dark theme"; ++i) key(app, ImGuiKey_Tab);
  REQUIRE(labels.by_id[ImGui::GetCurrentContext()->NavId] == "Dark theme");
  const bool dark = app.dark();
  const bool run = app.transport().playing;
  key(app, ImGuiKey_Space);
  CHECK(app.dark() != dark);
  CHECK(app.transport().playing == run);
  // Shift+Tab goes back.
  const ImGuiID here = ImGui::GetCurrentContext()->NavId;
  key(app, ImGuiKey_Tab, ImGuiMod_Shift);
  CHECK(ImGui::GetCurrentContext()->NavId != here);

  // Escape: no control has the keys now; Space pauses again.
  key(app, ImGuiKey_Escape);
  CHECK_FALSE(app.keyboard_navigating());
  key(app, ImGuiKey_Space);
  CHECK(app.transport().playing != run);
  // A click also ends keyboard navigation.
  key(app, ImGuiKey_Tab);
  REQUIRE(app.keyboard_navigating());
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(640, 790);
  io.AddMouseButtonEvent(0, true);
  frame(app);
  io.AddMouseButtonEvent(0, false);
  frame(app);
  CHECK_FALSE(app.keyboard_navigating());
  set_item_hooks(nullptr, nullptr, nullptr);
}

TEST_CASE("keyboard: in presenter mode the arrows step the scene and do not start navigation") {
  test::Headless ui(1920, 1080);
  App app(parse_query("?scene=unity&present=1"));
  for (int i = 0; i < 3; ++i) frame(app);
  const uint64_t events = app.model().events();
  key(app, ImGuiKey_RightArrow);
  CHECK(app.model().events() == events + 1);
  key(app, ImGuiKey_DownArrow);
  CHECK_FALSE(app.keyboard_navigating());
  // Tab still reaches the presets and, with S, the settings.
  key(app, ImGuiKey_Tab);
  CHECK(app.keyboard_navigating());
  key(app, ImGuiKey_Escape);
  CHECK_FALSE(app.keyboard_navigating());
  CHECK(app.present());  // the first Escape only ended navigation
}

TEST_CASE("reduced motion: a message in flight does not move; only state changes redraw the view") {
  // Two runs of the same scene, one with less motion: move virtual time on
  // while messages are in flight but no event happens, and compare the
  // view's pictures before and after.
  for (const bool reduced : {false, true}) {
    CAPTURE(reduced);
    test::Headless ui(1280, 800);
    LaunchOptions opt = parse_query("?scene=unity&rate=40");
    opt.reduced_motion = reduced;
    App app(opt);
    CHECK(app.reduced_motion() == reduced);
    auto& m = static_cast<UnityModel&>(app.model());
    app.transport().playing = false;
    // Find a moment with messages in flight and room before the next event.
    bool found = false;
    for (int tries = 0; tries < 2000 && !found; ++tries) {
      m.step();
      if (m.cluster().in_flight() == 0) continue;
      found = m.sim().pending() > 0 && m.sim().next_time() > m.now() + from_ms(2);
    }
    REQUIRE(found);
    frame(app);
    frame(app);
    const uint64_t before = view_picture();
    const uint64_t ev = m.events();
    m.run_until(m.now() + from_ms(2));
    REQUIRE(m.events() == ev);
    frame(app);
    frame(app);
    const uint64_t after = view_picture();
    if (reduced) CHECK(after == before);
    else CHECK(after != before);  // the dots moved
  }
}
