// Small ImDrawList helpers the widgets and views share: arrows for space-time
// and state diagrams, hit-testing a segment, centred text, colour alpha.
#pragma once
#include <string>

#include "imgui.h"

namespace dsviz::ui {

// A filled arrow head of `size` pixels at `to`, pointing away from `from`.
void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col, float size);
// Distance in pixels from p to the segment a-b (hovering an arrow).
float seg_distance(ImVec2 p, ImVec2 a, ImVec2 b);
// Text centred on a point.
void text_at(ImDrawList* dl, ImVec2 center, ImU32 col, const char* text);
inline void text_at(ImDrawList* dl, ImVec2 center, ImU32 col, const std::string& text) {
  text_at(dl, center, col, text.c_str());
}
// A quadratic curve from p0 to p1 bending towards ctrl (ctrl = midpoint: a
// straight line), dashed or solid, with an arrow head at p1.
void curved_arrow(ImDrawList* dl, ImVec2 p0, ImVec2 ctrl, ImVec2 p1, ImU32 col, float thick, bool dashed, float head);
// Where a view starts drawing by hand: the draw list, the cursor's screen
// position and the width left on the line.
struct Area {
  ImDrawList* dl;
  ImVec2 a;
  float w;
};
Area area_here();
// The colour with alpha a in [0, 1].
ImU32 alpha(ImU32 c, float a);

}  // namespace dsviz::ui
