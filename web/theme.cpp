// Fonts from the build-time embedded TTF (web/CMakeLists.txt turns Debian's
// LiberationSans-Regular.ttf into liberation_sans_regular[]).
#include "theme.h"

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "quiz/check.h"

extern const unsigned char liberation_sans_regular[];
extern const size_t liberation_sans_regular_size;

namespace dsviz::ui {

static Fonts g_fonts;
static bool g_dark = true;
static bool g_high = false;
static float g_scale = 1.0f;

// The glyphs come from the one coverage list the quiz checker also uses
// (core/quiz/check.h): Latin-1 and Latin Extended-A (French quizzes: the oe
// ligature), typographic dashes, quotes and guillemets, bullet, ellipsis,
// arrows, math signs and the shapes used as play/stop/dot glyphs, all in
// Liberation Sans. A short list keeps the atlas small at density 3. ImGui
// keeps a pointer to the ranges: they live as long as the app.
static std::vector<ImWchar> g_glyphs;

static const ImWchar* glyph_ranges() {
  if (g_glyphs.empty()) {
    for (const quiz::GlyphRange& r : quiz::font_coverage()) {
      g_glyphs.push_back(ImWchar(r.first));
      g_glyphs.push_back(ImWchar(r.last));
    }
    g_glyphs.push_back(0);
  }
  return g_glyphs.data();
}

static ImFont* add_font(float size, float density) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the array is static
  cfg.RasterizerDensity = density;
  // Oversampling sharpens sub-pixel positions; at density >= 2 the extra
  // pixels already do that, and the atlas would grow fourfold.
  cfg.OversampleH = density >= 2.0f ? 1 : 2;
  cfg.OversampleV = 1;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(
      const_cast<unsigned char*>(liberation_sans_regular), int(liberation_sans_regular_size), size, &cfg,
      glyph_ranges());
}

void load_fonts(float density) {
  if (density < 1.0f) density = 1.0f;
  if (density > 4.0f) density = 4.0f;  // atlas memory grows with density squared
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  g_fonts.body = add_font(16.0f, density);
  g_fonts.title = add_font(22.0f, density);
  g_fonts.small = add_font(13.0f, density);
  atlas->Build();
}

const Fonts& fonts() { return g_fonts; }

void apply_theme(bool dark) {
  g_dark = dark;
  ImGuiStyle& s = ImGui::GetStyle();
  if (dark) {
    ImGui::StyleColorsDark(&s);
  } else {
    ImGui::StyleColorsLight(&s);
  }
  s.WindowRounding = 0.0f;
  s.ChildRounding = 4.0f;
  s.FrameRounding = 4.0f;
  s.GrabRounding = 4.0f;
  s.PopupRounding = 4.0f;
  s.FramePadding = ImVec2(8, kFramePadY);
  s.ItemSpacing = ImVec2(8, 6);
  s.WindowPadding = ImVec2(10, 10);
  s.ScrollbarSize = 12.0f;
  // Touch screens need a grab that a finger can find.
  s.GrabMinSize = 14.0f;
  s.FrameBorderSize = 0.0f;  // the high-contrast theme outlines fields
  s.ChildBorderSize = 1.0f;
  ImVec4* c = s.Colors;
  // ImGui's greyed text (0.5 on dark, 0.6 on light) is under 4.5:1 on our
  // panels; these pass on window, panel and field backgrounds alike
  // (tests/ui/ui_contrast_test.cpp).
  c[ImGuiCol_TextDisabled] = dark ? ImVec4(0.62f, 0.64f, 0.68f, 1.0f) : ImVec4(0.36f, 0.37f, 0.40f, 1.0f);
  if (g_high) {
    ImGui::StyleColorsDark(&s);
    c[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.80f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
    c[ImGuiCol_ChildBg] = ImVec4(0.03f, 0.03f, 0.03f, 1);
    c[ImGuiCol_PopupBg] = ImVec4(0.05f, 0.05f, 0.05f, 1);
    c[ImGuiCol_Border] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.20f, 0.20f, 0.28f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.26f, 0.26f, 0.36f, 1);
    c[ImGuiCol_Button] = ImVec4(0.10f, 0.22f, 0.45f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.32f, 0.62f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.22f, 0.40f, 0.75f, 1);
    c[ImGuiCol_Header] = ImVec4(0.10f, 0.22f, 0.45f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.16f, 0.32f, 0.62f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.22f, 0.40f, 0.75f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(1, 0.85f, 0.1f, 1);
    // A slider's value is written over its grab: white must read on it.
    c[ImGuiCol_SliderGrab] = ImVec4(0.20f, 0.38f, 0.78f, 1);
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.26f, 0.44f, 0.86f, 1);
    c[ImGuiCol_NavHighlight] = ImVec4(1, 0.85f, 0.1f, 1);
    s.FrameBorderSize = 1.0f;
    s.ChildBorderSize = 1.0f;
  } else if (dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
    // ImGui's grab (0.24, 0.52, 0.88) under a slider's white value is 3.7:1.
    c[ImGuiCol_SliderGrab] = ImVec4(0.20f, 0.42f, 0.78f, 1.0f);
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.21f, 0.44f, 0.82f, 1.0f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    // ImGui's light frames are white: invisible on white panels.
    c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.85f, 0.93f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.72f, 0.80f, 0.92f, 1.0f);
  }
  if (g_scale != 1.0f) s.ScaleAllSizes(g_scale);
}

static const Palette& high_contrast_palette();

const Palette& palette(bool dark) {
  if (g_high) return high_contrast_palette();
  static const Palette kDark = {
      IM_COL32(230, 232, 235, 255),  // text
      IM_COL32(150, 156, 166, 255),  // muted
      IM_COL32(110, 118, 130, 255),  // link
      IM_COL32(52, 101, 164, 255),   // node
      IM_COL32(140, 180, 230, 255),  // node_border
      IM_COL32(90, 60, 60, 255),     // node_down
      IM_COL32(120, 86, 160, 255),   // dependency
      IM_COL32(250, 200, 70, 255),   // message
      IM_COL32(120, 220, 140, 255),  // reply
      IM_COL32(190, 120, 255, 255),  // hidden
      IM_COL32(240, 100, 90, 255),   // failed
      IM_COL32(110, 210, 130, 255),  // ok
      IM_COL32(245, 190, 80, 255),   // warning
      IM_COL32(36, 40, 48, 255),     // panel
  };
  static const Palette kLight = {
      IM_COL32(25, 28, 32, 255),     // text
      IM_COL32(100, 105, 115, 255),  // muted
      IM_COL32(160, 166, 175, 255),  // link
      IM_COL32(200, 220, 245, 255),  // node
      IM_COL32(40, 90, 160, 255),    // node_border
      IM_COL32(235, 200, 200, 255),  // node_down
      IM_COL32(220, 205, 240, 255),  // dependency
      IM_COL32(155, 95, 0, 255),     // message (darker than amber: 4.5:1 as text on white)
      IM_COL32(20, 150, 60, 255),    // reply
      IM_COL32(120, 50, 200, 255),   // hidden
      IM_COL32(200, 40, 30, 255),    // failed
      IM_COL32(20, 120, 50, 255),    // ok
      IM_COL32(150, 90, 0, 255),     // warning
      IM_COL32(240, 242, 245, 255),  // panel
  };
  return dark ? kDark : kLight;
}

static const Palette& high_contrast_palette() {
  static const Palette kHigh = {
      IM_COL32(255, 255, 255, 255),  // text
      IM_COL32(205, 205, 205, 255),  // muted
      IM_COL32(190, 190, 190, 255),  // link
      IM_COL32(20, 70, 160, 255),    // node
      IM_COL32(255, 255, 255, 255),  // node_border
      IM_COL32(120, 20, 20, 255),    // node_down
      IM_COL32(110, 40, 170, 255),   // dependency
      IM_COL32(255, 225, 0, 255),    // message
      IM_COL32(60, 255, 140, 255),   // reply
      IM_COL32(235, 150, 255, 255),  // hidden
      IM_COL32(255, 110, 110, 255),  // failed
      IM_COL32(80, 255, 130, 255),   // ok
      IM_COL32(255, 205, 0, 255),    // warning
      IM_COL32(0, 0, 0, 255),        // panel
  };
  return kHigh;
}

const Palette& palette() { return palette(g_dark); }

void set_high_contrast(bool on) { g_high = on; }
bool high_contrast() { return g_high; }
void set_ui_scale(float scale) { g_scale = scale > 0 ? scale : 1.0f; }

static float luminance(ImVec4 c) {
  auto lin = [](float v) { return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
  return 0.2126f * lin(c.x) + 0.7152f * lin(c.y) + 0.0722f * lin(c.z);
}

float contrast_ratio(ImVec4 a, ImVec4 b) {
  float la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05f) / (lb + 0.05f);
}

}  // namespace dsviz::ui
