#include "histogram.h"

#include <algorithm>
#include <cstdio>

#include "format.h"
#include "plot.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

void histogram_bars(const std::vector<uint32_t>& bins, double lo_ms, double width_ms, float h, ImU32 col, const char* what) {
  if (bins.empty() || h < 10) return;
  const Palette& pal = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  uint32_t peak = 1;
  for (uint32_t c : bins) peak = std::max(peak, c);
  const float bw = w / float(bins.size());
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (size_t i = 0; i < bins.size(); ++i) {
    const float bh = h * float(bins[i]) / float(peak);
    const float x = p.x + bw * float(i);
    dl->AddRectFilled(ImVec2(x + 1, p.y + h - bh), ImVec2(x + bw - 1, p.y + h), col);
    if (ImGui::IsWindowHovered() && mouse.x >= x && mouse.x < x + bw && mouse.y >= p.y && mouse.y <= p.y + h) hovered = int(i);
  }
  dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + w, p.y + h), pal.muted);
  ImGui::Dummy(ImVec2(w, h));
  ImGui::PushFont(fonts().small);
  const std::string lo = fmt::ms(lo_ms), hi = fmt::ms(lo_ms + width_ms * double(bins.size()));
  const float left = ImGui::GetCursorPosX();
  ImGui::TextDisabled("%s", lo.c_str());
  ImGui::SameLine(left + w - ImGui::CalcTextSize(hi.c_str()).x);
  ImGui::TextDisabled("%s", hi.c_str());
  ImGui::PopFont();
  if (hovered >= 0) {
    begin_tip(false);
    ImGui::Text("%s to %s: %s", fmt::ms(lo_ms + width_ms * hovered).c_str(), fmt::ms(lo_ms + width_ms * (hovered + 1)).c_str(),
                fmt::count(bins[size_t(hovered)], what, what).c_str());
    end_tip();
  }
}

void latency_cdf(const char* title, const Histogram& h, ImVec2 size, ImU32 col) {
  const Palette& pal = palette();
  if (h.count() == 0) {
    ImGui::TextDisabled("%s: no samples yet", title);
    return;
  }
  // Up to the 99.9th percentile: the last few samples would squash the rest.
  const double hi_ms = std::max(to_ms(Time(h.quantile(0.999))) * 1.05, 0.01);
  PlotAxis x{0, hi_ms, [](double v) { return fmt::ms(v); }};
  PlotAxis y{0, 1, [](double v) { return fmt::percent(v, 0); }};
  Plot plot(title, size, x, y);
  if (!plot.ok()) return;
  constexpr int kSteps = 100;
  double xs[kSteps + 1], ys[kSteps + 1];
  for (int i = 0; i <= kSteps; ++i) {
    ys[i] = double(i) / kSteps;
    xs[i] = to_ms(Time(h.quantile(ys[i])));
  }
  plot.line(xs, ys, kSteps + 1, col);
  const struct {
    double q;
    const char* name;
  } marks[] = {{0.5, "p50"}, {0.95, "p95"}, {0.99, "p99"}};
  int row = 0;
  for (const auto& mk : marks) {
    char lb[48];
    std::snprintf(lb, sizeof lb, "%s %s", mk.name, fmt::ms(to_ms(Time(h.quantile(mk.q)))).c_str());
    plot.vline(to_ms(Time(h.quantile(mk.q))), mk.q == 0.5 ? pal.ok : mk.q == 0.95 ? pal.warning : pal.failed,
               size.x >= 300 ? lb : mk.name, row++);
  }
}

}  // namespace dsviz::ui
