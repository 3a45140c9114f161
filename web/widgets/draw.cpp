#include "draw.h"

#include <cmath>

namespace dsviz::ui {

void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col, float size) {
  const float dx = to.x - from.x, dy = to.y - from.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  const float ux = dx / len, uy = dy / len;
  const ImVec2 base(to.x - ux * size, to.y - uy * size);
  dl->AddTriangleFilled(to, ImVec2(base.x - uy * size * 0.5f, base.y + ux * size * 0.5f),
                        ImVec2(base.x + uy * size * 0.5f, base.y - ux * size * 0.5f), col);
}

float seg_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float l2 = dx * dx + dy * dy;
  float t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0;
  t = std::fmax(0.0f, std::fmin(1.0f, t));
  const float cx = a.x + t * dx - p.x, cy = a.y + t * dy - p.y;
  return std::sqrt(cx * cx + cy * cy);
}

void text_at(ImDrawList* dl, ImVec2 center, ImU32 col, const char* text) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  dl->AddText(ImVec2(center.x - ts.x * 0.5f, center.y - ts.y * 0.5f), col, text);
}

void curved_arrow(ImDrawList* dl, ImVec2 p0, ImVec2 ctrl, ImVec2 p1, ImU32 col, float thick, bool dashed, float head) {
  const int seg = dashed ? 24 : 16;
  ImVec2 prev = p0;
  for (int i = 1; i <= seg; ++i) {
    const float t = float(i) / float(seg), u = 1 - t;
    const ImVec2 p(u * u * p0.x + 2 * u * t * ctrl.x + t * t * p1.x, u * u * p0.y + 2 * u * t * ctrl.y + t * t * p1.y);
    if (!dashed || i % 2) dl->AddLine(prev, p, col, thick);
    prev = p;
  }
  arrow_head(dl, ctrl, p1, col, head);
}

Area area_here() { return Area{ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x}; }

ImU32 alpha(ImU32 c, float a) {
  const float k = a < 0 ? 0.0f : a > 1 ? 1.0f : a;
  return (c & ~IM_COL32_A_MASK) | (ImU32(k * 255.0f + 0.5f) << IM_COL32_A_SHIFT);
}

}  // namespace dsviz::ui
