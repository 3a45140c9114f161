#include "overdraw.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"

namespace dsviz::ui {

double overdraw(const ImDrawData& dd) {
  const double screen = double(dd.DisplaySize.x) * double(dd.DisplaySize.y);
  if (screen <= 0) return 0;
  double covered = 0;
  for (int l = 0; l < dd.CmdListsCount; ++l) {
    const ImDrawList& list = *dd.CmdLists[l];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback || cmd.ElemCount == 0) continue;
      const ImVec4 clip = cmd.ClipRect;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImVec2& a = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i)])].pos;
        const ImVec2& b = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i + 1)])].pos;
        const ImVec2& c = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i + 2)])].pos;
        const double area = std::fabs(double(b.x - a.x) * double(c.y - a.y) - double(c.x - a.x) * double(b.y - a.y)) / 2;
        if (area == 0) continue;
        const double x0 = std::min({a.x, b.x, c.x}), x1 = std::max({a.x, b.x, c.x});
        const double y0 = std::min({a.y, b.y, c.y}), y1 = std::max({a.y, b.y, c.y});
        const double box = (x1 - x0) * (y1 - y0);
        const double ix = std::max(0.0, std::min(x1, double(clip.z)) - std::max(x0, double(clip.x)));
        const double iy = std::max(0.0, std::min(y1, double(clip.w)) - std::max(y0, double(clip.y)));
        covered += box > 0 ? area * (ix * iy) / box : 0;
      }
    }
  }
  return covered / screen;
}

}  // namespace dsviz::ui
