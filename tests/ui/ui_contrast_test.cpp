// Text contrast in every theme (issue 13): text and greyed text against the
// backgrounds they are drawn on, and the palette's text colours, at least
// 4.5:1 (WCAG AA for normal text), computed from the colours apply_theme()
// and palette() give.
#include <doctest.h>

#include <string>

#include "imgui.h"
#include "theme.h"
#include "ui_harness.h"

using namespace dsviz::ui;

namespace {

ImVec4 u32(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// A translucent colour as it shows over an opaque one.
ImVec4 over(ImVec4 fg, ImVec4 bg) {
  const float a = fg.w;
  return ImVec4(fg.x * a + bg.x * (1 - a), fg.y * a + bg.y * (1 - a), fg.z * a + bg.z * (1 - a), 1);
}

struct Theme {
  const char* name;
  bool dark, high;
};

}  // namespace

TEST_CASE("contrast_ratio follows the WCAG formula") {
  CHECK(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(21.0).epsilon(0.001));
  CHECK(contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(1.0));
  // #767676 on white is the classic just-passing grey: 4.54:1.
  const float g = 118.0f / 255.0f;
  CHECK(contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("every theme's text colours reach 4.5:1 on the backgrounds they are drawn on") {
  test::Headless ui(800, 600);
  const Theme themes[] = {{"dark", true, false}, {"light", false, false}, {"high contrast", true, true}};
  for (const Theme& t : themes) {
    CAPTURE(std::string(t.name));
    set_high_contrast(t.high);
    apply_theme(t.dark);
    const ImVec4* c = ImGui::GetStyle().Colors;
    const ImVec4 window = c[ImGuiCol_WindowBg], child = c[ImGuiCol_ChildBg];
    const ImVec4 backgrounds[] = {window,
                                  child,
                                  over(c[ImGuiCol_PopupBg], window),
                                  over(c[ImGuiCol_FrameBg], child),
                                  over(c[ImGuiCol_Button], child),
                                  over(c[ImGuiCol_Header], child),
                                  // A slider's value is written over its grab.
                                  over(c[ImGuiCol_SliderGrab], over(c[ImGuiCol_FrameBg], child)),
                                  over(c[ImGuiCol_SliderGrabActive], over(c[ImGuiCol_FrameBgActive], child))};
    const char* names[] = {"window", "panel", "popup", "field", "button", "selected row", "slider grab", "grabbed"};
    for (size_t i = 0; i < 8; ++i) {
      CAPTURE(std::string(names[i]));
      CHECK(contrast_ratio(c[ImGuiCol_Text], backgrounds[i]) >= 4.5f);
    }
    // Greyed text (labels, hints) sits on windows and panels.
    CHECK(contrast_ratio(c[ImGuiCol_TextDisabled], window) >= 4.5f);
    CHECK(contrast_ratio(c[ImGuiCol_TextDisabled], child) >= 4.5f);
    // The views' text colours, on the view's panel and on the window.
    // (text, muted and failed label most diagrams; warning the notices; ok
    // and message some figures), on the view's panel, on the window and on
    // the palette's own panel colour (boxes inside diagrams).
    const Palette& p = palette();
    const ImU32 texts[] = {p.text, p.muted, p.warning, p.failed, p.ok, p.message};
    const char* text_names[] = {"text", "muted", "warning", "failed", "ok", "message"};
    for (size_t i = 0; i < 6; ++i) {
      CAPTURE(std::string(text_names[i]));
      CHECK(contrast_ratio(u32(texts[i]), child) >= 4.5f);
      CHECK(contrast_ratio(u32(texts[i]), window) >= 4.5f);
    }
    CHECK(contrast_ratio(u32(p.text), u32(p.panel)) >= 4.5f);
    CHECK(contrast_ratio(u32(p.muted), u32(p.panel)) >= 4.5f);
    // A view drawn with palette(dark) gets the same colours.
    CHECK(palette(t.dark).text == p.text);
  }
  set_high_contrast(false);
}
