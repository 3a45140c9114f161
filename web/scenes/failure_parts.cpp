// Scene "failure", the chapter's state diagram and the strip of the recent
// past (web/scenes/failure_view.cpp draws the nodes, the load line and the
// buttons). Every figure comes from FailureModel.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "scenes/failure.h"
#include "theme.h"
#include "touch.h"
#include "views.h"

namespace dsviz::ui {

using FM = FailureModel;

namespace {
ImU32 state_color(FM::State s, const Palette& pal) {
  return s == FM::kAllHealthy ? pal.ok : s == FM::kPartialFailure ? pal.warning : pal.failed;
}

const char* state_name(FM::State s) {
  return s == FM::kAllHealthy ? "AllHealthy" : s == FM::kPartialFailure ? "PartialFailure" : "CompleteFailure";
}

}  // namespace

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
    if (begin_tip()) {
      ImGui::Text("%s%s", state_name(st), lit ? " (now)" : "");
      ImGui::Text("Time spent here: %s (%.2f %% of %s)", fmt::duration(m.time_in(st)).c_str(), 100.0 * m.share_in(st),
                  fmt::duration(m.now()).c_str());
      if (st == FM::kAllHealthy) ImGui::TextUnformatted("Every node up.");
      if (st == FM::kPartialFailure) ImGui::TextUnformatted("Some nodes down; the rest carry the load.");
      if (st == FM::kCompleteFailure)
        ImGui::TextUnformatted("No node up. The chapter's story ends here; in the simulation\n"
                               "operators restore every node together after ~MTTR.");
      end_tip();
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

}  // namespace dsviz::ui
