// Tooltips stay inside the screen: on a 390 px wide phone every tooltip of
// every scene, shown by hovering each item the first screen lays out, fits
// between the screen's left and right edges (long ones wrap; before
// widgets/touch.h's begin_tip() they ran off the right edge, e.g. the scene
// list's explanations).
#include <doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app.h"
#include "imgui_internal.h"
#include "imgui_item_hook.h"
#include "registry.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

struct Box {
  ImVec2 min, max;
};

std::vector<Box>* g_boxes = nullptr;

void on_add(const ItemSeen& s, void*) {
  if (g_boxes && s.has_data && !ImGui::FindWindowByID(s.id)) g_boxes->push_back({s.min, s.max});
}

void frame(App& app) {
  ImGuiStyle& st = ImGui::GetStyle();
  // No waiting for the hover delay: a tooltip shows on the next frame.
  st.HoverDelayNormal = st.HoverDelayShort = st.HoverStationaryDelay = 0.0f;
  ImGui::NewFrame();
  ImGui::GetCurrentContext()->TestEngineHookItems = g_boxes != nullptr;
  app.frame(1.0 / 60.0);
  ImGui::Render();
}

// Every tooltip window shown this frame, with its box.
std::vector<Box> tooltips() {
  std::vector<Box> out;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if ((w->Flags & ImGuiWindowFlags_Tooltip) && w->Active) out.push_back({w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y)});
  return out;
}

}  // namespace

TEST_CASE("every tooltip fits inside a 390 px wide screen") {
  constexpr float kW = 390, kH = 844;
  int shown = 0, wide = 0;
  for (const SceneInfo& s : scenes()) {
    CAPTURE(std::string(s.id));
    test::Headless ui(kW, kH);
    LaunchOptions opt;
    opt.scene = s.id;
    App app(opt);
    app.transport().playing = false;  // the layout holds still while we hover
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(1, 1);
    frame(app);
    std::vector<Box> boxes;
    g_boxes = &boxes;
    set_item_hooks(&on_add, nullptr, nullptr);
    frame(app);
    set_item_hooks(nullptr, nullptr, nullptr);
    g_boxes = nullptr;
    for (const Box& b : boxes) {
      const ImVec2 c((b.min.x + b.max.x) / 2, (b.min.y + b.max.y) / 2);
      if (c.x < 0 || c.x >= kW || c.y < 0 || c.y >= kH) continue;
      io.AddMousePosEvent(c.x, c.y);
      frame(app);
      frame(app);
      for (const Box& t : tooltips()) {
        ++shown;
        const float w = t.max.x - t.min.x;
        wide = std::max(wide, int(w));
        CAPTURE(c.x);
        CAPTURE(c.y);
        CAPTURE(w);
        CHECK(t.min.x >= 0);
        CHECK(t.max.x <= kW);
      }
    }
  }
  MESSAGE(shown << " tooltips shown at 390x844, the widest " << wide << " px");
  CHECK(shown > 20);  // the hover reached real tooltips
}
