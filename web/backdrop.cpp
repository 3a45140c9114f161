#include "backdrop.h"

#include <algorithm>
#include <numbers>

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

// A few values in place, smallest first (no std::sort: the page's bundle
// pays for every instantiation).
template <class T>
void sort_small(T* v, int n) {
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && v[j] < v[j - 1]; --j) std::swap(v[j], v[j - 1]);
}
}  // namespace

void paint_around(ImDrawList& dl, Rect outer, std::span<const Rect> panels, float rounding, ImU32 col) {
  constexpr int kMax = 8;  // panels painted around; more are ignored
  const int n = std::min(int(panels.size()), kMax);
  // The whole of `outer`, past the drawing window's own clip (which leaves
  // out half its padding).
  dl.PushClipRect(outer.min, outer.max, false);
  // Horizontal bands between every top and bottom edge; in each, the gaps
  // between the panels that span it.
  float ys[2 + 2 * kMax];
  int ny = 0;
  ys[ny++] = outer.min.y;
  ys[ny++] = outer.max.y;
  for (int k = 0; k < n; ++k) {
    ys[ny++] = std::clamp(panels[size_t(k)].min.y, outer.min.y, outer.max.y);
    ys[ny++] = std::clamp(panels[size_t(k)].max.y, outer.min.y, outer.max.y);
  }
  sort_small(ys, ny);
  for (int i = 0; i + 1 < ny; ++i) {
    const float y0 = ys[i], y1 = ys[i + 1];
    if (y1 <= y0) continue;
    float starts[kMax], ends[kMax];
    int ns = 0;
    for (int k = 0; k < n; ++k) {
      const Rect& p = panels[size_t(k)];
      if (p.min.y <= y0 && p.max.y >= y1 && p.max.x > p.min.x) {
        starts[ns] = p.min.x;
        ends[ns++] = p.max.x;
      }
    }
    sort_small(starts, ns);
    sort_small(ends, ns);  // the spans' ends, in order; overlaps merge below
    float x = outer.min.x;
    for (int k = 0; k < ns; ++k) {
      if (starts[k] > x) dl.AddRectFilled(ImVec2(x, y0), ImVec2(std::min(starts[k], outer.max.x), y1), col);
      x = std::max(x, ends[k]);
    }
    if (x < outer.max.x) dl.AddRectFilled(ImVec2(x, y0), ImVec2(outer.max.x, y1), col);
  }
  constexpr float kPi = std::numbers::pi_v<float>;
  for (int k = 0; k < n; ++k) {
    const Rect& p = panels[size_t(k)];
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
