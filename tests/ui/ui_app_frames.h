// Driving the real shell frame by frame in the GPU-free UI tests: one frame
// at 60 fps, and a key pressed and released (with a modifier held) over two.
#pragma once
#include "app.h"
#include "imgui.h"

namespace dsviz::ui::test {

inline void frame(App& app) {
  ImGui::NewFrame();
  app.frame(1.0 / 60.0);
  ImGui::Render();
}

inline void key(App& app, ImGuiKey k, ImGuiKey mod = ImGuiKey_None) {
  ImGuiIO& io = ImGui::GetIO();
  if (mod != ImGuiKey_None) io.AddKeyEvent(mod, true);
  io.AddKeyEvent(k, true);
  frame(app);
  io.AddKeyEvent(k, false);
  if (mod != ImGuiKey_None) io.AddKeyEvent(mod, false);
  frame(app);
}

}  // namespace dsviz::ui::test
