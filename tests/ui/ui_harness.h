// A headless ImGui for tests: a context with the app's fonts built into an
// atlas nobody uploads, and ImGui assertions turned into exceptions.
#pragma once
#include <stdexcept>
#include <string>

#include "imgui.h"
#include "theme.h"

namespace dsviz::ui::test {

struct ImGuiAssertion : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void throw_on_assert(const char* expr, const char* file, int line) {
  throw ImGuiAssertion(std::string("ImGui assertion failed: ") + expr + " at " + file + ":" + std::to_string(line));
}

// One ImGui context per test run. If a run failed mid-frame the context is
// left as it is (leaked): tearing down a half-built frame would only assert
// again and hide the first failure.
class Headless {
 public:
  Headless(float w, float h, float density = 1.0f) {
    dsviz_imgui_assert_hook = throw_on_assert;
    ctx_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx_);  // CreateContext only sets it when none is current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    load_fonts(density);
    unsigned char* px = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);  // what a renderer would upload
  }
  ~Headless() {
    if (!failed_) ImGui::DestroyContext(ctx_);
  }
  void mark_failed() { failed_ = true; }

 private:
  ImGuiContext* ctx_ = nullptr;
  bool failed_ = false;
};

}  // namespace dsviz::ui::test
