#include "backdrop.h"

#include <algorithm>
#include <numbers>
#include <vector>

namespace dsviz::ui {

namespace {
// The open corner between a rounded panel and its bounding box: the square
// corner point, then the quarter arc (a fan from the corner covers it
// exactly: the region is star-shaped around that point). Clockwise on
// screen, as ImGui's anti-aliased fill wants, so its fringe lies outside.
void fillet(ImDrawList& dl, ImVec2 corner, ImVec2 centre, float r, float from, ImU32 col) {
  dl.PathLineTo(corner);
  dl.PathArcTo(centre, r, from + std::numbers::pi_v<float> / 2, from);
  dl.PathFillConvex(col);
}
}  // namespace

void paint_around(ImDrawList& dl, Rect outer, std::span<const Rect> panels, float rounding, ImU32 col) {
  // The whole of `outer`, past the drawing window's own clip (which leaves
  // out half its padding).
  dl.PushClipRect(outer.min, outer.max, false);
  // Horizontal bands between every top and bottom edge; in each, the gaps
  // between the panels that span it.
  std::vector<float> ys{outer.min.y, outer.max.y};
  for (const Rect& p : panels) {
    ys.push_back(std::clamp(p.min.y, outer.min.y, outer.max.y));
    ys.push_back(std::clamp(p.max.y, outer.min.y, outer.max.y));
  }
  std::sort(ys.begin(), ys.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  std::vector<std::pair<float, float>> spans;
  for (size_t i = 0; i + 1 < ys.size(); ++i) {
    const float y0 = ys[i], y1 = ys[i + 1];
    spans.clear();
    for (const Rect& p : panels)
      if (p.min.y <= y0 && p.max.y >= y1 && p.max.x > p.min.x) spans.emplace_back(p.min.x, p.max.x);
    std::sort(spans.begin(), spans.end());
    float x = outer.min.x;
    for (const auto& [a, b] : spans) {
      if (a > x) dl.AddRectFilled(ImVec2(x, y0), ImVec2(std::min(a, outer.max.x), y1), col);
      x = std::max(x, b);
    }
    if (x < outer.max.x) dl.AddRectFilled(ImVec2(x, y0), ImVec2(outer.max.x, y1), col);
  }
  constexpr float kPi = std::numbers::pi_v<float>;
  for (const Rect& p : panels) {
    // As ImGui limits a rounded rectangle's radius.
    const float r = std::min({rounding, (p.max.x - p.min.x) * 0.5f - 1, (p.max.y - p.min.y) * 0.5f - 1});
    if (r < 0.5f) continue;
    fillet(dl, p.min, ImVec2(p.min.x + r, p.min.y + r), r, kPi, col);
    fillet(dl, ImVec2(p.max.x, p.min.y), ImVec2(p.max.x - r, p.min.y + r), r, 1.5f * kPi, col);
    fillet(dl, p.max, ImVec2(p.max.x - r, p.max.y - r), r, 0, col);
    fillet(dl, ImVec2(p.min.x, p.max.y), ImVec2(p.min.x + r, p.max.y - r), r, 0.5f * kPi, col);
  }
  dl.PopClipRect();
}

}  // namespace dsviz::ui
