// Fonts from the build-time embedded TTF (web/CMakeLists.txt turns Debian's
// LiberationSans-Regular.ttf into liberation_sans_regular[]).
#include "theme.h"

#include <cstddef>
#include <vector>

#include "quiz/check.h"

extern const unsigned char liberation_sans_regular[];
extern const size_t liberation_sans_regular_size;

namespace dsviz::ui {

static Fonts g_fonts;
static bool g_dark = true;

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
  ImVec4* c = s.Colors;
  if (dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    // ImGui's light frames are white: invisible on white panels.
    c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.85f, 0.93f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.72f, 0.80f, 0.92f, 1.0f);
  }
}

const Palette& palette(bool dark) {
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
      IM_COL32(215, 140, 0, 255),    // message
      IM_COL32(20, 150, 60, 255),    // reply
      IM_COL32(120, 50, 200, 255),   // hidden
      IM_COL32(200, 40, 30, 255),    // failed
      IM_COL32(20, 140, 60, 255),    // ok
      IM_COL32(180, 110, 0, 255),    // warning
      IM_COL32(240, 242, 245, 255),  // panel
  };
  return dark ? kDark : kLight;
}

const Palette& palette() { return palette(g_dark); }

}  // namespace dsviz::ui
