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

TEST_CASE("overdraw: no scene fills its page more than twice, at 1280x800 or embedded at 480x320") {
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
    CHECK(od < 2.0);
  }
}
