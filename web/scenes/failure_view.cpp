// Scene "failure" (chapter: 3. Independent Failure). Top: the nodes, each
// with its share of the offered load against its capacity; a click crashes
// or repairs one. Middle: the chapter's state diagram with the current state
// lit, every arrow's count and the time spent in each state. Bottom: the
// last two hours as a strip. Every figure comes from FailureModel.
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

namespace {

using FM = FailureModel;

ImU32 state_color(FM::State s, const Palette& pal) {
  return s == FM::kAllHealthy ? pal.ok : s == FM::kPartialFailure ? pal.warning : pal.failed;
}

const char* state_name(FM::State s) {
  return s == FM::kAllHealthy ? "AllHealthy" : s == FM::kPartialFailure ? "PartialFailure" : "CompleteFailure";
}

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
    if (ImGui::BeginItemTooltip()) {
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
      ImGui::EndTooltip();
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

//-----------------------------------------------------------------------------
// The state diagram
//-----------------------------------------------------------------------------

void draw_diagram(FM& m, const ViewContext& ctx, const Palette& pal, float height) {
  const Area area = area_here();
  ImDrawList* dl = area.dl;
  const ImVec2 a = area.a;
  const float w = area.w;
  const float s = ctx.scale;
  ImVec2 b(a.x + w, a.y + height);
  dl->PushClipRect(a, b, true);
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const bool arcs = height >= 110 * s;  // else the straight arrows only

  // Three boxes in a row, as the story goes left to right; margins for the
  // start dot and the chapter's end marker. Gaps wide enough for the arrow
  // names when they fit, else counts only.
  const float margin = 30 * s;
  const float label_w = ImGui::CalcTextSize("cascading failure").x + 24 * s;
  bool words = !ctx.compact && (w - 2 * margin - 2 * label_w) / 3.0f >= 120 * s;
  float gap = words ? label_w : std::fmax(40 * s, (w - 2 * margin) * 0.12f);
  float bw = (w - 2 * margin - 2 * gap) / 3.0f;
  if (bw > 200 * s) {  // wide: spend the spare room on the gaps
    gap += (bw - 200 * s) * 1.5f;
    bw = 200 * s;
  }
  const float side = (w - 3 * bw - 2 * gap) * 0.5f;
  float bh = std::fmin(line * 1.9f, std::fmax(line * 0.8f, height * 0.17f));
  const float cy = a.y + height * 0.5f;
  ImVec2 ctr[3];
  for (int i = 0; i < 3; ++i) ctr[i] = ImVec2(a.x + side + bw * 0.5f + float(i) * (bw + gap), cy);
  auto left = [&](int i, float dy) { return ImVec2(ctr[i].x - bw * 0.5f, cy + dy); };
  auto right = [&](int i, float dy) { return ImVec2(ctr[i].x + bw * 0.5f, cy + dy); };
  auto mid = [](ImVec2 p, ImVec2 q) { return ImVec2((p.x + q.x) * 0.5f, (p.y + q.y) * 0.5f); };

  // The last transition taken is drawn stronger.
  const auto& hist = m.history();
  int last_from = -1, last_to = -1;
  if (hist.size() >= 2) {
    last_from = hist[hist.size() - 2].to;
    last_to = hist.back().to;
  }
  auto edge_col = [&](int from, int to) { return from == last_from && to == last_to ? pal.text : pal.muted; };
  const float th = 1.8f * s, head = 8 * s;
  auto count = [&](FM::Transition t) {
    char c[32];
    std::snprintf(c, sizeof c, "x%" PRIu64, m.transitions(t));
    return std::string(c);
  };

  // [*] -> AllHealthy
  if (arcs) {
    ImVec2 start(left(0, 0).x - margin * 0.75f, cy);
    dl->AddCircleFilled(start, 5 * s, pal.text);
    curved_arrow(dl, start, mid(start, left(0, 0)), left(0, 0), pal.muted, th, false, head);
  }

  // AllHealthy <-> PartialFailure, PartialFailure -> CompleteFailure; with
  // words, each name on the line beyond its count.
  const float off = bh * 0.45f;
  auto label = [&](ImVec2 at, float dir, ImU32 col, const char* name, const std::string& n) {
    text_at(dl, ImVec2(at.x, at.y + dir * line * 0.6f), col, n);
    if (words) text_at(dl, ImVec2(at.x, at.y + dir * line * 1.6f), col, name);
  };
  {
    ImVec2 p0 = right(0, -off), p1 = left(1, -off);
    curved_arrow(dl, p0, mid(p0, p1), p1, edge_col(0, 1), th, false, head);
    label(mid(p0, p1), -1, edge_col(0, 1), "one node fails", count(FM::kOneFails));
    ImVec2 q0 = left(1, off), q1 = right(0, off);
    curved_arrow(dl, q0, mid(q0, q1), q1, edge_col(1, 0), th, false, head);
    label(mid(q0, q1), 1, edge_col(1, 0), "recovery", count(FM::kRecovery));
  }
  {
    ImVec2 p0 = right(1, 0), p1 = left(2, 0);
    curved_arrow(dl, p0, mid(p0, p1), p1, edge_col(1, 2), th * 1.3f, false, head);
    char c[64];
    std::snprintf(c, sizeof c, "x%" PRIu64, m.cascades());
    label(mid(p0, p1), -1, edge_col(1, 2), "cascading failure", c);
    // The last nodes can also go down by chance, by click or by the power unit.
    const uint64_t other = m.transitions(FM::kToComplete) - m.cascades();
    std::snprintf(c, sizeof c, "+%" PRIu64, other);
    label(mid(p0, p1), 1, pal.muted, "other causes", c);
  }

  // AllHealthy -> CompleteFailure over the top: critical nodes (the shared unit).
  const float arc = std::fmax(line, height * 0.5f - bh - line * 1.3f);
  if (arcs) {
    ImVec2 p0(ctr[0].x, cy - bh), p1(ctr[2].x, cy - bh);
    ImVec2 c(ctr[1].x, cy - bh - arc * 2);
    curved_arrow(dl, p0, c, p1, edge_col(0, 2), th, false, head);
    std::string t = (words ? "critical nodes fail (shared power unit) " : "") + count(FM::kCriticalFails);
    text_at(dl, ImVec2(ctr[1].x, cy - bh - arc - line * 0.6f), edge_col(0, 2), t);
  }
  // CompleteFailure -> AllHealthy under the bottom, dashed: not in the chapter.
  if (arcs) {
    ImVec2 p0(ctr[2].x, cy + bh), p1(ctr[0].x, cy + bh);
    ImVec2 c(ctr[1].x, cy + bh + arc * 2);
    curved_arrow(dl, p0, c, p1, edge_col(2, 0), th, true, head);
    std::string t = (words ? "operators restore all (not in the chapter) " : "restore ") + count(FM::kRestore);
    text_at(dl, ImVec2(ctr[1].x, cy + bh + arc + line * 0.6f), edge_col(2, 0), t);
  }
  // CompleteFailure -> [*]: where the chapter's diagram ends.
  if (arcs) {
    ImVec2 p0 = right(2, 0), end(p0.x + margin * 0.75f, cy);
    curved_arrow(dl, p0, mid(p0, end), ImVec2(end.x - 8 * s, cy), alpha(pal.muted, 0.5f), th, true, head * 0.8f);
    dl->AddCircle(end, 7 * s, alpha(pal.muted, 0.7f), 0, 1.5f * s);
    dl->AddCircleFilled(end, 4 * s, alpha(pal.muted, 0.7f));
  }

  // The boxes last, over the arrows' ends.
  const FM::State now = m.state();
  for (int i = 0; i < 3; ++i) {
    const auto st = FM::State(i);
    const bool lit = st == now;
    ImVec2 p0(ctr[i].x - bw * 0.5f, cy - bh), p1(ctr[i].x + bw * 0.5f, cy + bh);
    dl->AddRectFilled(p0, p1, lit ? alpha(state_color(st, pal), 0.85f) : pal.panel, 6 * s);
    dl->AddRect(p0, p1, lit ? pal.text : alpha(state_color(st, pal), 0.8f), 6 * s, 0, lit ? 3 * s : 1.5f * s);
    ImU32 tc = lit ? (ctx.dark ? IM_COL32(20, 22, 26, 255) : IM_COL32(255, 255, 255, 255)) : pal.text;
    std::string name = state_name(st);
    if (ImGui::CalcTextSize(name.c_str()).x > bw - 4) name = i == 0 ? "Healthy" : i == 1 ? "Partial" : "Complete";
    const Time spent = m.time_in(st);
    const std::string when = spent > 0 ? fmt::duration(spent) : "0 s";
    char share[32];
    std::snprintf(share, sizeof share, "%.1f %%", 100.0 * m.share_in(st));
    const int rows = bh * 2 >= line * 3.2f ? 3 : bh * 2 >= line * 2.1f ? 2 : 1;
    if (rows == 3) {
      text_at(dl, ImVec2(ctr[i].x, cy - line), tc, name);
      text_at(dl, ImVec2(ctr[i].x, cy), tc, when);
      text_at(dl, ImVec2(ctr[i].x, cy + line), tc, share);
    } else if (rows == 2) {
      text_at(dl, ImVec2(ctr[i].x, cy - line * 0.5f), tc, name);
      text_at(dl, ImVec2(ctr[i].x, cy + line * 0.5f), tc, share);
    } else {
      text_at(dl, ImVec2(ctr[i].x, cy), tc, name);
    }
    ImGui::SetCursorScreenPos(p0);
    ImGui::PushID(i);
    ImGui::InvisibleButton("state", ImVec2(p1.x - p0.x, tap_height(p1.y - p0.y)));
    ImGui::PopID();
    if (ImGui::BeginItemTooltip()) {
      ImGui::Text("%s%s", state_name(st), lit ? " (now)" : "");
      ImGui::Text("Time spent here: %s (%.2f %% of %s)", fmt::duration(m.time_in(st)).c_str(), 100.0 * m.share_in(st),
                  fmt::duration(m.now()).c_str());
      if (st == FM::kAllHealthy) ImGui::TextUnformatted("Every node up.");
      if (st == FM::kPartialFailure) ImGui::TextUnformatted("Some nodes down; the rest carry the load.");
      if (st == FM::kCompleteFailure)
        ImGui::TextUnformatted("No node up. The chapter's story ends here; in the simulation\n"
                               "operators restore every node together after ~MTTR.");
      ImGui::EndTooltip();
    }
  }
  ImGui::PopFont();
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, height));
}

// The recent past as a strip coloured by state.
void draw_timeline(FM& m, const ViewContext& ctx, const Palette& pal) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Time span = 2 * kHour;
  const Time now = m.now(), t0 = now > span ? now - span : 0;
  ImGui::TextDisabled("Last %s", fmt::duration(now - t0 > 0 ? now - t0 : span).c_str());
  ImGui::SameLine();
  ImVec2 a = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
  ImVec2 b(a.x + w, a.y + h);
  dl->AddRectFilled(a, b, alpha(pal.muted, 0.25f));
  const auto& hist = m.history();
  if (now > t0) {
    const double k = double(w) / double(now - t0);
    for (size_t i = 0; i < hist.size(); ++i) {
      Time from = hist[i].t, to = i + 1 < hist.size() ? hist[i + 1].t : now;
      if (to <= t0) continue;
      if (from < t0) from = t0;
      float x0 = a.x + float(double(from - t0) * k), x1 = a.x + float(double(to - t0) * k);
      if (x1 - x0 < 1) x1 = x0 + 1;
      dl->AddRectFilled(ImVec2(x0, a.y), ImVec2(x1, b.y), state_color(hist[i].to, pal));
    }
  }
  dl->AddRect(a, b, alpha(pal.muted, 0.6f), 0, 0, 1 * s);
  ImGui::Dummy(ImVec2(w, h));
}

void draw_buttons(FM& m, const ViewContext& ctx, const Palette& pal) {
  if (ImGui::Button(ctx.compact ? "Trip power" : "Trip shared power unit")) m.trip_shared_unit();
  ImGui::SetItemTooltip("Every node depends on it: all go down at once (AllHealthy -> CompleteFailure)");
  ImGui::SameLine();
  if (ImGui::Button(ctx.compact ? "Restore" : "Restore all nodes")) m.restore_all();
  ImGui::SetItemTooltip("Operators bring every down node back now");
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
