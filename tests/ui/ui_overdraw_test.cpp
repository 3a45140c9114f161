// Overdraw (web/overdraw.h): how often a frame fills each pixel, measured on
// a frame drawn by hand, then on every scene at 1280x800. A software
// renderer pays per filled pixel; the app's own backgrounds once filled the
// page four times over before the first line of text (the window under the
// page, the page, the view box, the view's columns), each layer ~5 ms in
// SwiftShader at 1280x800.
#include <doctest.h>

#include <cstdio>
#include <string>

#include "app.h"
#include "backdrop.h"
#include "overdraw.h"
#include "registry.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

TEST_CASE("overdraw: a full-screen window and a half-screen rectangle fill 1.5 screens") {
  test::Headless ui(400, 300);
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("full", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(200, 300), IM_COL32(255, 0, 0, 255));
  // Cut by a clip rectangle to a quarter of the screen.
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->PushClipRect(ImVec2(0, 0), ImVec2(200, 150));
  fg->AddRectFilled(ImVec2(0, 0), ImVec2(400, 300), IM_COL32(0, 255, 0, 255));
  fg->PopClipRect();
  ImGui::Render();
  CHECK(overdraw(*ImGui::GetDrawData()) == doctest::Approx(1.75).epsilon(0.01));
}

TEST_CASE("backdrop: paint_around fills the screen but the panels, and the corners their rounding opens") {
  test::Headless ui(400, 300);
  const Rect screen{ImVec2(0, 0), ImVec2(400, 300)};
  // A sidebar and a page side by side, 10 px margins and an 8 px gutter;
  // then one panel with a taller neighbour, to make more than one band.
  const Rect side_by_side[] = {{ImVec2(10, 10), ImVec2(110, 290)}, {ImVec2(118, 10), ImVec2(390, 290)}};
  const Rect stepped[] = {{ImVec2(10, 10), ImVec2(110, 200)}, {ImVec2(118, 40), ImVec2(390, 290)}};
  const double quarter_open = 16 * (1 - 3.14159265358979 / 4);  // a 4 px corner's open area
  struct Case { std::span<const Rect> panels; float rounding; double painted; };
  const double area = 400.0 * 300;
  for (const Case& c : {Case{side_by_side, 0, area - 100 * 280 - 272 * 280},
                        Case{side_by_side, 4, area - 100 * 280 - 272 * 280 + 8 * quarter_open},
                        Case{stepped, 0, area - 100 * 190 - 272 * 250}}) {
    CAPTURE(c.rounding);
    ImGui::NewFrame();
    paint_around(*ImGui::GetForegroundDrawList(), screen, c.panels, c.rounding, IM_COL32(255, 0, 0, 255));
    ImGui::Render();
    // overdraw() counts a fillet's anti-aliased fringe (1 px, along its
    // outline of 2r + pi r / 2) as filled, and the fringe meets the strips:
    // up to 1.5 px along the outline of each of the 8 fillets.
    const double painted = overdraw(*ImGui::GetDrawData()) * area;
    const double fringe = 8 * 1.5 * (2 * c.rounding + 3.14159265358979 * c.rounding / 2);
    CHECK(painted >= c.painted - 0.5);
    CHECK(painted <= c.painted + fringe + 0.5);
  }
}

// The panels draw no background (web/backdrop.h): at 1280x800 scenes fill
// 0.33-0.57 screens, embedded at 480x320 0.24-1.16 (the map's land is the
// most), and a full-screen layer coming back (0.7-0.9) fails.
TEST_CASE("overdraw: a scene fills its page less than once at 1280x800, less than 1.5 times embedded at 480x320") {
  for (const bool embed : {false, true})
  for (const SceneInfo& s : scenes()) {
    CAPTURE(std::string(s.id));
    CAPTURE(embed);
    test::Headless ui(embed ? 480 : 1280, embed ? 320 : 800);
    LaunchOptions opt;
    opt.scene = s.id;
    opt.embed = embed;
    App app(opt);
    double od = 0;
    for (int f = 0; f < 30; ++f) {
      ImGui::NewFrame();
      app.frame(1.0 / 60.0);
      ImGui::Render();
      od = overdraw(*ImGui::GetDrawData());
    }
    std::printf("overdraw %-12s %s %.2f\n", s.id, embed ? "embed 480x320" : "1280x800", od);
    CHECK(od < (embed ? 1.5 : 1.0));
  }
}
