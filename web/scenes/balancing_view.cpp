// Scene "balancing" (chapter: Technical Examples). Top: the strategy, the
// "Compare all" button and the run's counters. Left: users -> balancers ->
// servers, each server a machine (slow ones tinted, crashed ones crossed;
// click to crash or restart) with its queue as a bar up to the queue limit;
// each routing decision flashes from its balancer to its server (dropped
// ones orange, failed ones red). Beside it (below on a phone) the figures of
// balancing_parts.cpp: the latency distribution and the comparison of every
// strategy. Every figure comes from BalancingModel.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "scenes/balancing.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

// The reader's choices in this view.
struct BalancingView {
  bool open_compare = false;     // select the comparison's tab on the next frame
  bool compare_in_embed = false; // a small embed shows the comparison instead of the diagram
  int bars = 2;                  // what the comparison's bars show: p50, p95, p99, drops, herd ratio
  std::vector<double> compared;  // the settings the comparison ran with
};

// web/scenes/balancing_parts.cpp: the figures.
void balancing_key(ImU32 col, const char* text, bool line_swatch);
void balancing_compare(const BalancingModel& m, int& bars, const std::vector<double>& compared, bool tiny);
void balancing_figures(const BalancingModel& m, int& bars, const std::vector<double>& compared, bool& open_compare, float w);
void balancing_counters(const BalancingModel& m, const Palette& pal);

namespace {

using BM = BalancingModel;

// Work the comparison does per frame: a few milliseconds at most.
constexpr uint64_t kCompareEvents = 20000;

void start_compare(BM& m, BalancingView& v) {
  m.start_compare();
  v.compared.clear();
  for (size_t i = 0; i < m.params().size(); ++i) v.compared.push_back(m.param(i));
  v.open_compare = true;
  v.compare_in_embed = true;
}

void controls(BM& m, BalancingView& v, bool tiny) {
  const bool touch = ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen;
  const ImVec2 fp = ImGui::GetStyle().FramePadding;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fp.x, touch ? std::max(fp.y, 22 - ImGui::GetFontSize() * 0.5f) : fp.y));
  const int cur = int(m.get(BM::kStrategy));
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Strategy");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * (tiny ? 0.5f : 0.6f), 260.0f));
  if (ImGui::BeginCombo("##strategy", BM::strategy_name(cur))) {
    for (int k = 0; k < BM::kStrategies; ++k)
      if (ImGui::Selectable(BM::strategy_name(k), k == cur, 0, ImVec2(0, tap_height(0)))) m.set(BM::kStrategy, k);
    ImGui::EndCombo();
  }
  tip("How each balancer picks a server (setting strategy)");
  ImGui::SameLine();
  ImGui::BeginDisabled(m.compare_running());
  if (ImGui::Button("Compare all")) start_compare(m, v);
  ImGui::EndDisabled();
  tip("Run the same seeded requests under every strategy (%s each), in the background",
                        fmt::duration(m.compare_duration()).c_str());
  if (tiny && !m.compare_results().empty()) {
    ImGui::SameLine();
    ImGui::Checkbox("Results", &v.compare_in_embed);
  }
  ImGui::PopStyleVar();
  if (m.compare_running()) {
    char t[64];
    std::snprintf(t, sizeof t, "comparing: %s", fmt::percent(m.compare_progress(), 0).c_str());
    ImGui::ProgressBar(float(m.compare_progress()), ImVec2(-1, 0), t);
  }
}

//-----------------------------------------------------------------------------
// The diagram
//-----------------------------------------------------------------------------

void server_tooltip(const BM& m, uint32_t s) {
  if (!begin_tip()) return;
  ImGui::Text("Server %u: %s%s, power %s, can serve %s", s + 1, m.server_up(s) ? "up" : "down", m.slow(s) ? ", slow" : "",
              fmt::number(m.power(s)).c_str(), fmt::rate(m.capacity_rps(s), "req/s").c_str());
  ImGui::Text("Queue %s (limit %s waiting); served %s, dropped %s, failed %s", fmt::grouped(m.queue_length(s)).c_str(),
              fmt::grouped(uint64_t(m.get(BM::kQueueLimit))).c_str(), fmt::grouped(m.served_by(s)).c_str(),
              fmt::grouped(m.dropped_at(s)).c_str(), fmt::grouped(m.errors_at(s)).c_str());
  for (uint32_t b = 0; b < m.balancers() && b < 8; ++b)
    ImGui::TextDisabled("Balancer %u: %s of its own open here, %s, recent latency %s", b + 1, fmt::grouped(m.open_requests(b, s)).c_str(),
                        m.routable(b, s) ? "in rotation" : "taken out", fmt::ms(m.ewma_ms(b, s)).c_str());
  ImGui::TextDisabled("%s to %s it.", tap_word(), m.server_up(s) ? "crash" : "restart");
  end_tip();
}

void diagram(BM& m, const ViewContext& ctx, const Palette& pal, float h) {
  const float s = ctx.scale;
  const Area ar = area_here();
  ImDrawList* dl = ar.dl;
  const ImVec2 a = ar.a;
  const float w = ar.w;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const uint32_t nb = m.balancers(), ns = m.servers();
  const float top = a.y + line + 2 * s, hh = h - line - 2 * s;  // a heading line, then the machines

  // Users, balancers, then a grid of servers as square as the room allows.
  const ImVec2 users(a.x + 12 * s, top + hh * 0.5f);
  const float bx = a.x + std::max(40 * s, w * 0.13f);
  const float rb = std::clamp(hh / (float(nb) * 2.6f), 6 * s, 14 * s);
  std::vector<ImVec2> bpos(nb);
  for (uint32_t b = 0; b < nb; ++b) bpos[b] = ImVec2(bx, top + hh * (float(b) + 0.5f) / float(nb));
  const float gx0 = bx + rb * 1.4f + std::max(36 * s, w * 0.07f), gw = a.x + w - gx0;
  const uint32_t cols = std::max(1u, uint32_t(std::ceil(double(ns) * 34.0 * s / double(std::max(hh, 1.0f)) - 1e-9)));
  const uint32_t rows = (ns + cols - 1) / cols;
  const float cw = gw / float(cols), chh = hh / float(rows);
  const float r = std::clamp(std::min(chh * 0.38f, cw * 0.14f), 4 * s, 14 * s);
  auto center = [&](uint32_t i) { return ImVec2(gx0 + cw * float(i / rows) + r + 2 * s, top + chh * (float(i % rows) + 0.5f)); };

  dl->AddText(ImVec2(a.x, users.y + 13 * s), pal.muted, "users");
  const char* bname = nb == 1 ? "balancer" : "balancers";
  dl->AddText(ImVec2(std::max(a.x, bx - ImGui::CalcTextSize(bname).x * 0.5f), a.y), pal.muted, bname);
  const std::string limit = "queues up to the limit of " + fmt::grouped(uint64_t(m.get(BM::kQueueLimit)));
  if (ImGui::CalcTextSize(limit.c_str()).x < gw) dl->AddText(ImVec2(gx0, a.y), pal.muted, limit.c_str());
  dl->AddCircleFilled(ImVec2(users.x, users.y - 5 * s), 4 * s, pal.muted);
  dl->AddCircleFilled(ImVec2(users.x, users.y + 6 * s), 6 * s, pal.muted);
  for (uint32_t b = 0; b < nb; ++b) dl->AddLine(users, bpos[b], alpha(pal.link, 0.5f), 1.5f * s);
  if (nb * ns <= 64)
    for (uint32_t b = 0; b < nb; ++b)
      for (uint32_t i = 0; i < ns; ++i) dl->AddLine(bpos[b], center(i), alpha(pal.link, 0.15f), 1);

  // The newest routing decisions, fading over a few ms of virtual time.
  const Time now = m.now(), fade = 20 * kMs;
  const auto& picks = m.picks();
  for (size_t k = 0; k < picks.size(); ++k) {
    const BM::Pick& p = picks[k];
    if (p.t > now || now - p.t > fade || p.balancer >= nb || p.server >= ns) continue;
    const float f = 1.0f - float(double(now - p.t) / double(fade));
    const ImU32 col = p.outcome == BM::kQueued ? pal.node_border : p.outcome == BM::kDropped ? pal.warning : pal.failed;
    dl->AddLine(bpos[p.balancer], center(p.server), alpha(col, 0.25f + 0.75f * f), 1.5f * s);
  }

  for (uint32_t b = 0; b < nb; ++b) {
    const std::string label = "B" + std::to_string(b + 1);
    Machine mc;
    mc.center = bpos[b];
    mc.radius = rb;
    mc.box = true;
    mc.label = rb >= 9 * s ? label.c_str() : nullptr;
    machine(1000 + int(b), mc);
    if (begin_tip()) {
      uint64_t open = 0;
      for (uint32_t i = 0; i < ns; ++i) open += m.open_requests(b, i);
      ImGui::Text("Balancer %u: %s open; it sees only its own, not the other balancers'", b + 1, fmt::count(open, "request", "requests").c_str());
      end_tip();
    }
  }

  // Servers: the machine, its queue against the limit, its length.
  const double cap = m.get(BM::kQueueLimit) + 1;  // waiting + the one in service
  const float bar_h = std::clamp(chh * 0.34f, 3 * s, 12 * s);
  for (uint32_t i = 0; i < ns; ++i) {
    const ImVec2 c = center(i);
    const bool up = m.server_up(i);
    const uint32_t q = m.queue_length(i);
    const std::string label = std::to_string(i + 1);
    Machine mc;
    mc.center = c;
    mc.radius = r;
    mc.up = up;
    mc.fill = m.slow(i) ? alpha(pal.warning, 0.55f) : 0;
    mc.overloaded = q >= uint32_t(cap);
    mc.slots = r >= 8 * s ? 1 : 0;
    mc.busy = q > 0 ? 1 : 0;
    mc.label = r >= 10 * s ? label.c_str() : nullptr;
    if (machine(int(i), mc)) m.toggle_server(i);
    ctx.mark("node:" + std::to_string(i));
    server_tooltip(m, i);
    const float x0 = c.x + r + 5 * s, x1 = gx0 + cw * float(i / rows + 1) - 6 * s;
    const float num_w = ImGui::CalcTextSize("000").x;
    if (x1 - x0 < num_w + 12 * s) continue;
    const float bx1 = x1 - num_w - 4 * s, y0 = c.y - bar_h * 0.5f;
    bool routed = false;
    for (uint32_t b = 0; b < nb; ++b) routed |= m.routable(b, i);
    if (!up) {
      const char* t = routed ? "down, still routed" : "down";
      ImGui::PushClipRect(ImVec2(x0, c.y - line), ImVec2(x1, c.y + line), true);
      dl->AddText(ImVec2(x0, c.y - line * 0.5f), pal.failed, t);
      ImGui::PopClipRect();
      continue;
    }
    const float f = float(std::min(1.0, double(q) / cap));
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(bx1, y0 + bar_h), alpha(pal.muted, 0.25f), 2);
    if (q > 0) dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + (bx1 - x0) * f, y0 + bar_h), f >= 1 ? pal.failed : f > 0.5f ? pal.warning : pal.ok, 2);
    dl->AddLine(ImVec2(bx1, y0 - 2 * s), ImVec2(bx1, y0 + bar_h + 2 * s), pal.failed, 2 * s);  // the limit
    dl->AddText(ImVec2(bx1 + 4 * s, c.y - line * 0.5f), q ? pal.text : pal.muted, std::to_string(q).c_str());
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
}

void legend(const BM& m, const Palette& pal) {
  ImGui::PushFont(fonts().small);
  balancing_key(pal.node_border, "routed", true);
  balancing_key(pal.warning, "dropped (queue full)", true);
  balancing_key(pal.failed, "failed (server down)", true);
  const std::string slow = "slow server (" + fmt::number(m.get(BM::kSlowFactor)) + "x)";
  balancing_key(alpha(pal.warning, 0.55f), slow.c_str(), false);
  balancing_key(pal.failed, "tick: queue limit", true);
  ImGui::NewLine();
  ImGui::PopFont();
}

}  // namespace

void balancing_view(BM& m, BalancingView& v, const ViewContext& ctx) {
  // The comparison runs a bounded slice every frame, so no frame stalls.
  if (m.compare_running()) m.compare_step(kCompareEvents);
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 340 * s || avail.x < 300 * s;
  controls(m, v, tiny);
  balancing_counters(m, pal);
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  if (tiny) {  // an embed: the diagram, or the comparison once asked for
    if (v.compare_in_embed && !m.compare_results().empty()) balancing_compare(m, v.bars, v.compared, true);
    else diagram(m, ctx, pal, std::max(60 * s, rest.y - 4 * s));
    return;
  }
  const bool side = rest.x >= 860 * s;
  const float leg = ImGui::GetTextLineHeightWithSpacing() * (rest.x < 560 * s ? 2 : 1);
  if (side) {
    const float dw = std::floor(rest.x * 0.55f);
    ImGui::BeginChild("diagram", ImVec2(dw, rest.y), 0, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    ImGui::BeginGroup();
    diagram(m, ctx, pal, std::max(120 * s, rest.y - leg - 6 * s));
    ImGui::EndGroup();
    ctx.mark("area:diagram");
    legend(m, pal);
    ImGui::EndChild();
    ImGui::SameLine(0, 10 * s);
    ImGui::BeginChild("figures", ImVec2(0, rest.y), 0, ImGuiWindowFlags_NavFlattened);
    balancing_figures(m, v.bars, v.compared, v.open_compare, ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();
    ctx.mark("area:figures");
    return;
  }
  const float dh = std::clamp((rest.y - leg) * 0.5f, 130 * s, 360 * s);
  ImGui::BeginGroup();
  diagram(m, ctx, pal, dh);
  ImGui::EndGroup();
  ctx.mark("area:diagram");
  legend(m, pal);
  ImGui::BeginChild("figures", ImVec2(0, std::max(200 * s, ImGui::GetContentRegionAvail().y)), 0, ImGuiWindowFlags_NavFlattened);
  balancing_figures(m, v.bars, v.compared, v.open_compare, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
  ctx.mark("area:figures");
}

ViewEntry balancing_view_entry() { return view<BM, BalancingView, balancing_view>(balancing_scene()); }

}  // namespace dsviz::ui
