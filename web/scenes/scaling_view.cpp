// Scene "scaling" (chapter: Scalability). Top: the two systems under the same
// requests, the big machine with its cores as slots and N commodity nodes
// with the serial section they share, each clickable to crash. Below, one
// plot at a time (tabs): throughput against N with the USL fitted to the
// sweep, latency against load, cost per 1,000 req/s, the $100,000 budget and
// the fast-server-or-pool queueing lesson (the systems and the budget are in
// scaling_parts.cpp, the plots in scaling_plots.cpp). Every figure comes from
// ScalingModel, its sweep, or the core's usl functions.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "plot.h"
#include "scenes/scaling.h"
#include "theme.h"
#include "touch.h"
#include "views.h"
#include "work_budget.h"

namespace dsviz::ui {

// Which plot the reader picked (index into the tabs).
struct ScalingView {
  int plot = 0;
  // The sweep's slice per frame, sized by wall time whatever an event costs
  // on this machine (20,000 events is ~2 ms natively, ~20 ms in wasm in
  // headless Chromium on a loaded machine): starts small, then a share of
  // the frame interval (scaling_view).
  WorkBudget sweep{5000, 1000, 200000, 6.0};
};

// web/scenes/scaling_parts.cpp: the two systems and the budget.
void scaling_systems(ScalingModel& m, const ViewContext& ctx, bool side, bool tiny, float h);
void scaling_budget(const ScalingModel& m, const ViewContext& ctx, bool tiny);
// web/scenes/scaling_plots.cpp: the plots, and notes in the small font.
namespace scaling_plots {
void note(const char* t, ImU32 col = 0);
void plot_throughput(const ScalingModel& m, const Palette& pal, bool tiny);
void plot_latency(const ScalingModel& m, const Palette& pal, bool tiny);
void plot_cost(const ScalingModel& m, const Palette& pal, bool tiny);
void plot_lesson(const ScalingModel& m, const Palette& pal, bool tiny);
}  // namespace scaling_plots

namespace {

using namespace scaling_plots;
using SM = ScalingModel;
enum PlotKind { kThroughput, kLatency, kCost, kBudget, kLesson, kPlots };
const char* const kTabNames[kPlots] = {"Throughput", "Latency", "Cost", "Budget", "Fast vs pool"};

void draw_plot(const SM& m, int k, const ViewContext& ctx, const Palette& pal, bool tiny) {
  switch (k) {
    case kThroughput: plot_throughput(m, pal, tiny); break;
    case kLatency: plot_latency(m, pal, tiny); break;
    case kCost: plot_cost(m, pal, tiny); break;
    case kBudget: scaling_budget(m, ctx, tiny); break;
    default: plot_lesson(m, pal, tiny); break;
  }
}

void plot_tabs(const SM& m, ScalingView& v, const ViewContext& ctx, const Palette& pal, bool tiny, int first) {
  if (!ImGui::BeginTabBar(first == 0 ? "plots" : "plots2", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  for (int k = first; k < kPlots; ++k) {
    if (!ImGui::BeginTabItem(kTabNames[k])) continue;
    v.plot = k;
    draw_plot(m, k, ctx, pal, tiny);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

void scaling_view(SM& m, ScalingView& v, const ViewContext& ctx) {
  // The sweep behind the plots runs a little every frame (a setting change
  // restarts it), so no frame stalls.
  // Its wall time: a fifth of the interval between frames, 6 to 20 ms. At
  // 60 frames a second that is 6 ms; when frames come slower because the
  // GPU side is behind (SwiftShader rasterising 1400x900 in headless
  // Chromium on a loaded machine: 60-130 ms a frame, with ~10 ms of it on
  // the page's thread), the sweep finishes in fewer frames.
  v.sweep.set_target_ms(WorkBudget::frame_share_ms(1000.0 * ImGui::GetIO().DeltaTime, 0.2, 6.0, 20.0));
  v.sweep.run([&](uint64_t events) { return m.advance_sweep(events); });
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 300 * s || avail.x < 280 * s;
  const bool side = avail.x >= (tiny ? 360 : 480) * s;  // a small embed is wide, not tall
  const float sys_h = tiny ? std::clamp(avail.y * 0.3f, 56 * s, 80 * s)
                           : side ? std::clamp(avail.y * 0.3f, 110 * s, 190 * s) : std::clamp(avail.y * 0.17f, 96 * s, 140 * s);
  ImGui::BeginGroup();
  scaling_systems(m, ctx, side, tiny, sys_h);
  ImGui::EndGroup();
  ctx.mark("area:machines");
  if (!tiny)
    note(ctx.compact ? (touch_input() ? "Tap a machine to crash or restart it." : "Click a machine to crash or restart it.")
         : touch_input()
             ? "Tap the big machine to crash it (an outage), or one node (1/N of the capacity); tap again to restart."
             : "Click the big machine to crash it (an outage), or one node (1/N of the capacity); click again to restart.",
         pal.muted);
  const ScalingSweep& sw = m.sweep();
  if (!sw.done()) {
    char t[64];
    std::snprintf(t, sizeof t, "measuring the sweep: %s", fmt::percent(sw.progress(), 0).c_str());
    ImGui::ProgressBar(float(sw.progress()), ImVec2(-1, 0), t);
  }
  const float w = ImGui::GetContentRegionAvail().x;
  if (w >= 900 * s && !tiny) {
    // Wide: capacity against N always in view, the rest in tabs beside it.
    const float h = ImGui::GetContentRegionAvail().y;
    const ImVec2 tp_min = ImGui::GetCursorScreenPos();
    ImGui::BeginChild("tp", ImVec2((w - 12 * s) * 0.5f, h), 0, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
    plot_throughput(m, pal, false);
    ImGui::EndChild();
    ImGui::SameLine(0, 12 * s);
    ImGui::BeginChild("rest", ImVec2(0, h), 0, ImGuiWindowFlags_NavFlattened);
    plot_tabs(m, v, ctx, pal, false, kLatency);
    ImGui::EndChild();
    ctx.mark("area:plots", tp_min, ImGui::GetItemRectMax());
  } else {
    ImGui::BeginGroup();
    plot_tabs(m, v, ctx, pal, tiny, kThroughput);
    ImGui::EndGroup();
    ctx.mark("area:plots");
  }
}

ViewEntry scaling_view_entry() { return view<SM, ScalingView, scaling_view>(scaling_scene()); }

}  // namespace dsviz::ui
