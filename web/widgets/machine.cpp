#include "machine.h"

#include <algorithm>
#include <cmath>

#include "detmath.h"
#include "draw.h"
#include "theme.h"

namespace dsviz::ui {

void cross(ImDrawList* dl, ImVec2 c, float k, ImU32 col, float th) {
  dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), col, th);
  dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), col, th);
}

bool machine(int id, const Machine& m) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = palette();
  const ImVec2 p = m.center;
  const float r = m.radius;
  const float half_w = m.box ? r * 1.4f : r;
  const ImU32 fill = !m.up ? pal.node_down : m.fill ? m.fill : m.box ? pal.dependency : pal.node;
  const ImU32 border = !m.up ? pal.failed : m.overloaded ? pal.warning : pal.node_border;
  const float th = std::max(1.5f, r * 0.12f);
  if (m.box) {
    dl->AddRectFilled(ImVec2(p.x - half_w, p.y - r), ImVec2(p.x + half_w, p.y + r), fill, 6);
    dl->AddRect(ImVec2(p.x - half_w, p.y - r), ImVec2(p.x + half_w, p.y + r), border, 6, 0, th);
  } else {
    dl->AddCircleFilled(p, r, fill);
    dl->AddCircle(p, r, border, 0, th);
  }
  if (m.highlight) dl->AddCircle(p, r + 4, pal.ok, 0, 2.5f);
  if (m.ring_fill >= 0) {
    const float f = std::clamp(m.ring_fill, 0.0f, 1.0f);
    const float start = -float(dm::kPi) / 2;
    dl->PathArcTo(p, r + 4, start, start + 2 * float(dm::kPi) * f, 32);
    dl->PathStroke(pal.warning, 0, 3);
  }
  if (m.up && m.slots > 0 && !m.box) {  // worker slots as dots across the lower half
    // At its smallest a dot is 3 px across: a square there, 2 triangles
    // instead of an anti-aliased circle's 18; a farm of hundreds of small
    // machines drew more dots than anything else.
    const float dot = std::max(1.5f, r * 0.1f);
    for (int w = 0; w < m.slots; ++w) {
      const float x = p.x - r * 0.5f + r * float(w) / float(m.slots > 1 ? m.slots - 1 : 1);
      const ImVec2 c(x, p.y + r * 0.45f);
      const ImU32 col = w < m.busy ? pal.message : pal.link;
      if (dot > 1.5f) dl->AddCircleFilled(c, dot, col);
      else dl->AddRectFilled(ImVec2(c.x - dot, c.y - dot), ImVec2(c.x + dot, c.y + dot), col);
    }
  }
  if (!m.up) cross(dl, p, r * 0.55f, pal.failed, 2.5f);
  ImGui::PushFont(fonts().small);
  if (m.label && (m.box || r >= 9)) {
    const ImVec2 ts = ImGui::CalcTextSize(m.label);
    const float lift = (m.slots > 0 && !m.box) ? r * 0.15f : 0.0f;
    dl->AddText(ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f - lift), pal.text, m.label);
  }
  if (m.caption) {
    const ImVec2 cs = ImGui::CalcTextSize(m.caption);
    dl->AddText(ImVec2(p.x - cs.x * 0.5f, p.y + r + 3), m.caption_alert ? pal.failed : pal.muted, m.caption);
  }
  ImGui::PopFont();
  // The click target covers the machine; on touch screens it is at least
  // 44 px across so a finger can hit a small node.
  const float min_touch = ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen ? 22.0f : 0.0f;
  const float hw = std::max(half_w, min_touch), hh = std::max(r, min_touch);
  const ImVec2 keep = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x - hw, p.y - hh));
  ImGui::PushID(id);
  const bool hit = ImGui::InvisibleButton("machine", ImVec2(2 * hw, 2 * hh));
  ImGui::PopID();
  ImGui::SetCursorScreenPos(keep);
  return hit;
}

}  // namespace dsviz::ui
