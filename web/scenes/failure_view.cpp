// Scene "failure" (chapter: 3. Independent Failure). Top: the nodes, each
// with its share of the offered load against its capacity; a click crashes
// or repairs one. Middle: the chapter's state diagram with the current state
// lit, every arrow's count and the time spent in each state. Bottom: the
// last two hours as a strip (those two in failure_parts.cpp). Every figure
// comes from FailureModel.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "scenes/failure.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

struct FailureView {};  // nothing to remember: the model holds the state

// web/scenes/failure_parts.cpp: the state diagram and the recent past.
void draw_diagram(FailureModel& m, const ViewContext& ctx, const Palette& pal, float height);
void draw_timeline(FailureModel& m, const ViewContext& ctx, const Palette& pal);

namespace {

using FM = FailureModel;


const char* cause_name(FM::Cause c) {
  switch (c) {
    case FM::kRandom: return "failed on its own";
    case FM::kClick: return "crashed by you";
    case FM::kOverload: return "overloaded";
    case FM::kShared: return "power unit";
    default: return "";
  }
}

std::string rps(double v) { return fmt::rate(v, "req/s"); }

//-----------------------------------------------------------------------------
// Nodes and load
//-----------------------------------------------------------------------------

void draw_nodes(FM& m, const ViewContext& ctx, float height) {
  const Palette& pal = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.scale;
  const uint32_t n = m.nodes();
  ImVec2 a = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const bool captions = height >= 70 * s;
  float r = std::fmin(w / (float(n) * 2.8f), (height - (captions ? 2 * line + 14 * s : 8 * s)) * 0.5f);
  r = std::fmax(8 * s, std::fmin(30 * s, r));
  const float step = w / float(n);
  const Time now = m.now();
  for (uint32_t i = 0; i < n; ++i) {
    const ImVec2 c(a.x + step * (float(i) + 0.5f), a.y + r + 2 * s);
    const bool up = m.node_up(i);
    const Time over = m.over_since(i);
    const std::string label = std::to_string(i + 1);
    Machine mc;
    mc.center = c;
    mc.radius = r;
    mc.up = up;
    mc.overloaded = over >= 0;
    mc.label = label.c_str();
    // The grace period running out, as an arc around the node.
    if (over >= 0 && m.grace() > 0) mc.ring_fill = float(double(now - over) / double(m.grace()));
    if (machine(int(i), mc)) m.toggle_node(i);
    ctx.mark("node:" + std::to_string(i));
    if (begin_tip()) {
      ImGui::Text("Node %u: %s", i + 1, up ? "up" : "down");
      if (up) {
        ImGui::Text("Load %s of %s capacity", rps(m.load_per_node_rps()).c_str(), rps(m.capacity_rps()).c_str());
        if (over >= 0)
          ImGui::Text("Over capacity for %s; fails after %s", fmt::duration(now - over).c_str(), fmt::duration(m.grace()).c_str());
      } else {
        ImGui::Text("Down: %s", cause_name(m.last_cause(i)));
      }
      ImGui::Text("Crashes so far: %" PRIu64, m.node(i).crashes);
      ImGui::TextDisabled("%s%s", tap_word(), m.state() == FM::kCompleteFailure ? ": operators restore every node now"
                                          : up ? " to crash it" : " to repair it now");
      end_tip();
    }
    if (captions) {
      // Load gauge: this node's share against its capacity (full = capacity).
      const float bw = std::fmin(step * 0.8f, 90 * s), bh = 5 * s;
      const ImVec2 b0(c.x - bw * 0.5f, c.y + r + 6 * s);
      const double load = up ? m.load_per_node_rps() : 0.0;
      const float f = float(load / m.capacity_rps());
      gauge(dl, b0, bw, bh, up ? f : 0.0f);
      std::string cap = up ? rps(load) : std::string("down: ") + cause_name(m.last_cause(i));
      if (ImGui::CalcTextSize(cap.c_str()).x > step) cap = up ? rps(load) : "down";
      text_at(dl, ImVec2(c.x, b0.y + bh + 2 * s + line * 0.5f), up ? (f > 1 ? pal.failed : pal.muted) : pal.failed, cap);
    }
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, height));
}

void draw_load_text(FM& m, const ViewContext& ctx, const Palette& pal) {
  const uint32_t n = m.nodes();
  if (!m.cascading()) {
    ImGui::TextDisabled("Cascading off: overloaded nodes slow down but do not fail.");
    return;
  }
  // The threshold from the model's own capacity figures, with its formula.
  char f[200];
  std::snprintf(f, sizeof f, "One failure cascades when load > (n - 1) x capacity = %u x %s = %s", n - 1,
                rps(m.capacity_rps()).c_str(), rps(m.cascade_threshold_rps()).c_str());
  if (ImGui::GetContentRegionAvail().x < 300 * ctx.scale)
    std::snprintf(f, sizeof f, "Cascade above %s", rps(m.cascade_threshold_rps()).c_str());
  ImGui::TextWrapped("%s", f);
  const int tol = m.failures_tolerated();
  char t[160];
  if (tol < 0) {
    std::snprintf(t, sizeof t, "Load %s is more than all %u nodes can serve: they fail after the grace period.",
                  rps(m.offered_load_rps()).c_str(), n);
  } else if (tol == 0) {
    std::snprintf(t, sizeof t, "Load %s: any single failure overloads the survivors.", rps(m.offered_load_rps()).c_str());
  } else {
    std::snprintf(t, sizeof t, "Load %s: the survivors absorb %d failure%s at once.", rps(m.offered_load_rps()).c_str(),
                  tol, tol == 1 ? "" : "s");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, tol < 1 ? pal.failed : pal.muted);
  ImGui::TextWrapped("%s", t);
  ImGui::PopStyleColor();
}


void draw_buttons(FM& m, const ViewContext& ctx, const Palette& pal) {
  if (ImGui::Button(ctx.compact ? "Trip power" : "Trip shared power unit")) m.trip_shared_unit();
  tip("Every node depends on it: all go down at once (AllHealthy -> CompleteFailure)");
  ImGui::SameLine();
  if (ImGui::Button(ctx.compact ? "Restore" : "Restore all nodes")) m.restore_all();
  tip("Operators bring every down node back now");
  if (m.state() == FM::kCompleteFailure && m.restore_at() > m.now()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
    if (ctx.compact) {
      ImGui::Text("restore in %s", fmt::duration(m.restore_at() - m.now()).c_str());
    } else {
      ImGui::Text("Complete failure: operators restore all in %s", fmt::duration(m.restore_at() - m.now()).c_str());
    }
    ImGui::PopStyleColor();
  }
}

}  // namespace

void failure_view(FM& m, FailureView&, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  // Tiny (an embed down to 320x240): the nodes and a plain diagram only.
  const bool tiny = avail.y < 220 * s;

  if (!tiny) draw_buttons(m, ctx, pal);
  float nodes_h = tiny ? std::fmax(28 * s, std::fmin(60 * s, avail.y * 0.3f))
                       : std::fmax(60 * s, std::fmin(120 * s, avail.y * 0.22f));
  ImGui::BeginGroup();
  draw_nodes(m, ctx, nodes_h);
  ImGui::EndGroup();
  ctx.mark("area:nodes");
  if (!tiny) {
    draw_load_text(m, ctx, pal);
    ImGui::SeparatorText("State machine (chapter: Independent Failure)");
  }
  float rest = ImGui::GetContentRegionAvail().y - (tiny ? 0 : line + 4 * s);
  ImGui::BeginGroup();
  draw_diagram(m, ctx, pal, std::fmax((tiny ? 40 : 90) * s, rest));
  ImGui::EndGroup();
  ctx.mark("area:states");
  if (!tiny) draw_timeline(m, ctx, pal);
}

ViewEntry failure_view_entry() { return view<FM, FailureView, failure_view>(failure_scene()); }

}  // namespace dsviz::ui
