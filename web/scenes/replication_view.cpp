// Scene "replication" (chapter: Technical Examples). Top: the mode and the
// read policy as radio buttons, the failover counters. Left: the users, the
// primary in its own slot (click it to crash it; the ring is the failure
// detector's timeout running) and the other nodes in a column, each with its
// log position against the primary's: cells of the newest writes, filled up
// to what it applied, and its lag in writes and in ms. Messages in flight
// move along the links. Beside it (below on a phone) the figures of
// replication_parts.cpp. Every figure comes from ReplicationModel.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "scenes/replication.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

// Nothing to remember beyond the open tab, which ImGui keeps: the model
// holds the run.
struct ReplicationView {};

// web/scenes/replication_parts.cpp: the controls, the counters, the figures
// and the log bars.
void replication_controls(ReplicationModel& m, bool tiny);
void replication_counters(const ReplicationModel& m, const Palette& pal);
void replication_key(ImU32 col, const char* text, bool line_swatch);
void replication_lag_plot(const ReplicationModel& m, const Palette& pal, float h);
void replication_figures(const ReplicationModel& m, const Palette& pal, float w, float h, bool lag_tab);
uint64_t replication_log_window(const ReplicationModel& m);
void replication_log_bar(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const ReplicationModel& m, uint32_t n, uint64_t window,
                         const Palette& pal);

namespace {

using RM = ReplicationModel;

std::string node_name(uint32_t n) { return "Node " + std::to_string(n + 1); }
const char* role_name(RM::Role r) {
  switch (r) {
    case RM::kPrimary: return "primary";
    case RM::kReplica: return "replica";
    case RM::kDown: return "down";
    case RM::kFencedOut: return "fenced";
    default: return "standby";
  }
}

//-----------------------------------------------------------------------------
// The diagram
//-----------------------------------------------------------------------------

ImU32 flow_color(RM::FlowKind k, const Palette& pal) {
  switch (k) {
    case RM::kFlowWrite: return pal.message;
    case RM::kFlowShip: return pal.hidden;
    case RM::kFlowAck: return pal.ok;
    case RM::kFlowWriteReply:
    case RM::kFlowReadReply: return pal.muted;
    case RM::kFlowRead: return pal.node_border;
    case RM::kFlowFence: return pal.failed;
    default: return pal.reply;
  }
}

struct Layout {
  ImVec2 pos[RM::kMaxNodes];
  ImVec2 users[RM::kUsers];
  float r = 14;
};

void node_tooltip(const RM& m, uint32_t n) {
  if (!begin_tip()) return;
  const RM::Role r = m.role(n);
  ImGui::Text("%s: %s, epoch %s", node_name(n).c_str(), role_name(r), fmt::grouped(m.node_epoch(n)).c_str());
  ImGui::Text("Applied up to position %s of %s", fmt::grouped(m.applied(n)).c_str(), fmt::grouped(m.log_end()).c_str());
  ImGui::Text("Link %s one way, applies %s, served %s", fmt::ms(m.link_ms(n)).c_str(), fmt::rate(m.apply_rate(n), "writes/s").c_str(),
              fmt::count(m.reads_served(n), "read", "reads").c_str());
  if (r == RM::kFencedOut)
    ImGui::TextWrapped("Back from a crash and still in epoch %s; the cluster is in epoch %s, so its writes are refused "
                       "until it steps down and rejoins as a replica.",
                       fmt::grouped(m.node_epoch(n)).c_str(), fmt::grouped(m.epoch()).c_str());
  if (r == RM::kPrimary) ImGui::TextDisabled("%s to crash it.", tap_word());
  else if (r == RM::kDown) ImGui::TextDisabled("%s to restart it.", tap_word());
  else ImGui::TextDisabled("Crash the primary to see a replica promoted.");
  end_tip();
}

void click_node(RM& m, uint32_t n) {
  if (m.role(n) == RM::kPrimary) m.crash_primary();
  else if (m.role(n) == RM::kDown) m.restart(n);
}

void diagram(RM& m, const ViewContext& ctx, const Palette& pal, float h) {
  const float s = ctx.scale;
  const Area ar = area_here();
  ImDrawList* dl = ar.dl;
  const ImVec2 a = ar.a;
  const float w = ar.w;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  // The primary's slot: where users send writes (the crashed primary stays
  // there, crossed out, until a replica is promoted).
  const int head = std::max(0, m.primary() >= 0 ? m.primary() : m.router_primary());
  std::vector<uint32_t> column;
  for (uint32_t n = 0; n < m.node_count(); ++n)
    if (int(n) != head) column.push_back(n);
  const float rows = float(std::max<size_t>(1, column.size()));
  const float rh = h / rows;
  Layout L;
  L.r = std::clamp(std::min(rh * 0.36f, w * 0.05f), 7 * s, 22 * s);
  const float ux = a.x + 10 * s, px = a.x + w * 0.22f, cx = a.x + w * 0.42f;
  const float uy = a.y + line * 1.2f, uh = h - line * 1.2f;
  for (uint32_t u = 0; u < RM::kUsers; ++u) L.users[u] = ImVec2(ux, uy + uh * (float(u) + 0.5f) / float(RM::kUsers));
  L.pos[head] = ImVec2(px, a.y + h * 0.5f - line * 0.5f);
  for (size_t i = 0; i < column.size(); ++i) L.pos[column[i]] = ImVec2(cx, a.y + rh * (float(i) + 0.5f));

  // Links, then the messages in flight along them.
  for (uint32_t u = 0; u < RM::kUsers; ++u) {
    dl->AddCircleFilled(L.users[u], 4 * s, pal.muted);
    for (uint32_t n = 0; n < m.node_count(); ++n) dl->AddLine(L.users[u], L.pos[n], alpha(pal.link, 0.18f), 1);
  }
  for (uint32_t n : column) dl->AddLine(L.pos[head], L.pos[n], pal.link, 1.5f * s);
  const Time now = m.now();
  const auto& flows = m.flows();
  auto where = [&](uint32_t id) { return id >= RM::kUserBase ? L.users[(id - RM::kUserBase) % RM::kUsers] : L.pos[id % RM::kMaxNodes]; };
  for (size_t i = 0; i < flows.size(); ++i) {
    const RM::Flow& f = flows[i];
    if (f.sent > now || f.arrives <= now) continue;
    const float t = float(double(now - f.sent) / double(std::max<Time>(1, f.arrives - f.sent)));
    const ImVec2 p0 = where(f.from), p1 = where(f.to);
    if (ctx.reduced_motion) {  // less motion: the link lit while the message is on it
      dl->AddLine(p0, p1, alpha(flow_color(f.kind, pal), 0.8f), 2.5f * s);
      continue;
    }
    dl->AddCircleFilled(ImVec2(p0.x + (p1.x - p0.x) * t, p0.y + (p1.y - p0.y) * t), 3.2f * s, flow_color(f.kind, pal), 8);
  }
  dl->AddText(ImVec2(a.x, a.y), pal.muted, "users");

  // The machines.
  const uint64_t window = replication_log_window(m);
  const Time detect = from_ms(m.get(RM::kDetectTimeoutMs));
  for (uint32_t n = 0; n < m.node_count(); ++n) {
    const RM::Role r = m.role(n);
    const std::string label = std::to_string(n + 1);
    Machine mc;
    mc.center = L.pos[n];
    mc.radius = int(n) == head ? L.r * 1.25f : L.r;
    mc.up = r != RM::kDown;
    mc.label = label.c_str();
    mc.overloaded = r == RM::kFencedOut;
    mc.highlight = r == RM::kPrimary;
    if (int(n) == head && r == RM::kDown && !m.failovers().empty() && m.failovers().back().promoted_at < 0)
      mc.ring_fill = float(double(now - m.failovers().back().crash_at) / double(std::max<Time>(1, detect)));
    if (machine(int(n), mc)) click_node(m, n);
    ctx.mark("node:" + std::to_string(n));
    node_tooltip(m, n);
  }
  // The primary's caption, and each other node's log against it.
  {
    const ImVec2 p = L.pos[head];
    const float y = p.y + L.r * 1.25f + 3 * s;
    const RM::Role r = m.role(uint32_t(head));
    const std::string t1 = r == RM::kPrimary ? "Primary, epoch " + fmt::grouped(m.node_epoch(uint32_t(head))) : "Primary DOWN";
    const std::string t2 = r == RM::kPrimary ? "log end " + fmt::grouped(m.log_end())
                                             : m.failovers().empty() || m.failovers().back().promoted_at >= 0 ? "no primary"
                                                                                                                 : "detecting...";
    text_at(dl, ImVec2(p.x, y + line * 0.5f), r == RM::kPrimary ? pal.text : pal.failed, t1);
    if (rh > 0) text_at(dl, ImVec2(p.x, y + line * 1.5f), pal.muted, t2);
  }
  const float bx0 = cx + L.r + 8 * s, bx1 = a.x + w - 2 * s;
  const float bar_h = std::clamp(rh * 0.22f, 5 * s, 12 * s);
  const bool two_lines = rh >= bar_h + line * 2.2f;
  for (uint32_t n : column) {
    const RM::Role r = m.role(n);
    const ImVec2 p = L.pos[n];
    const float by = two_lines ? p.y - bar_h * 0.5f : p.y - bar_h * 0.5f + line * 0.5f;
    if (bx1 - bx0 > 30 * s) replication_log_bar(dl, ImVec2(bx0, by), ImVec2(bx1, by + bar_h), m, n, window, pal);
    std::string what = node_name(n) + ": " + role_name(r);
    std::string lag;
    if (r == RM::kReplica) {
      lag = m.lag_writes(n) == 0 ? "caught up" : fmt::count(m.lag_writes(n), "write", "writes") + ", " + fmt::ms(m.lag_ms(n)) + " behind";
      if (m.catching_up(n)) what += " (catching up)";
    } else if (r == RM::kFencedOut) {
      const std::string e = fmt::grouped(m.node_epoch(n)), ce = fmt::grouped(m.epoch());
      const std::string full = what + ", its epoch " + e + " < the cluster's " + ce;
      what = ImGui::CalcTextSize(full.c_str()).x <= bx1 - bx0 ? full : what + ", epoch " + e + " < " + ce;
    } else if (r == RM::kDown) {
      const std::string full = what + ", at position " + fmt::grouped(m.applied(n)) + " of epoch " + fmt::grouped(m.node_epoch(n));
      what = ImGui::CalcTextSize(full.c_str()).x <= bx1 - bx0 ? full : what + (touch_input() ? " (tap: restart)" : " (click: restart)");
    }
    const ImU32 col = r == RM::kDown || r == RM::kFencedOut ? pal.failed : pal.text;
    ImGui::PushClipRect(ImVec2(bx0, a.y), ImVec2(bx1, a.y + h), true);
    if (two_lines) {
      dl->AddText(ImVec2(bx0, by - line - 1), col, what.c_str());
      dl->AddText(ImVec2(bx0, by + bar_h + 1), pal.muted, lag.c_str());
    } else {
      dl->AddText(ImVec2(bx0, by - line - 1), col, (lag.empty() ? what : node_name(n) + ": " + lag).c_str());
    }
    ImGui::PopClipRect();
  }
  if (bx1 - bx0 > 30 * s && !column.empty()) {
    const std::string t = "bars: the primary's newest " + fmt::grouped(window) + " writes";
    const float tw = ImGui::CalcTextSize(t.c_str()).x;
    if (tw < bx1 - bx0 && rh >= bar_h + line * 4) dl->AddText(ImVec2(bx1 - tw, a.y + h - line), pal.muted, t.c_str());
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
}

void legend(const Palette& pal) {
  ImGui::PushFont(fonts().small);
  replication_key(pal.message, "write", false);
  replication_key(pal.hidden, "log entry to a replica", false);
  replication_key(pal.ok, "replica's ack", false);
  replication_key(pal.node_border, "read", false);
  replication_key(pal.muted, "reply to a user", false);
  replication_key(pal.failed, "epoch refusal", false);
  ImGui::NewLine();
  ImGui::PopFont();
}

}  // namespace

void replication_view(RM& m, ReplicationView&, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 340 * s || avail.x < 300 * s;
  replication_controls(m, tiny);
  replication_counters(m, pal);
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  if (tiny) {  // an embed: the diagram only, the figures are in Settings
    ImGui::BeginGroup();
    diagram(m, ctx, pal, std::max(60 * s, rest.y - 4 * s));
    ImGui::EndGroup();
    ctx.mark("area:diagram");
    return;
  }
  const bool side = rest.x >= 860 * s;
  const float leg = ImGui::GetTextLineHeightWithSpacing() * (rest.x < 560 * s ? 2 : 1);
  if (side) {
    const float dw = std::floor(rest.x * 0.52f);
    ImGui::BeginChild("diagram", ImVec2(dw, rest.y), 0, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    // The diagram no taller than its rows need; the lag plot under it.
    const float rows = float(std::max(1u, m.node_count() - 1));
    ImGui::BeginGroup();
    diagram(m, ctx, pal, std::clamp(rows * 80 * s, 160 * s, rest.y * 0.6f));
    ImGui::EndGroup();
    ctx.mark("area:diagram");
    legend(pal);
    const float lh = ImGui::GetContentRegionAvail().y;
    const bool lag_left = lh >= 150 * s;
    if (lag_left) replication_lag_plot(m, pal, lh);
    ImGui::EndChild();
    ImGui::SameLine(0, 10 * s);
    ImGui::BeginChild("figures", ImVec2(0, rest.y), 0, ImGuiWindowFlags_NavFlattened);
    replication_figures(m, pal, ImGui::GetContentRegionAvail().x, rest.y, !lag_left);
    ImGui::EndChild();
    ctx.mark("area:figures");
    return;
  }
  // Stacked: the diagram over the figures, both inside the view's height
  // when it allows a readable plot, else the figures scroll below.
  const float dh = std::clamp((rest.y - leg) * 0.5f, 130 * s, 320 * s);
  ImGui::BeginGroup();
  diagram(m, ctx, pal, dh);
  ImGui::EndGroup();
  ctx.mark("area:diagram");
  legend(pal);
  const float fh = std::max(190 * s, ImGui::GetContentRegionAvail().y);
  ImGui::BeginChild("figures", ImVec2(0, fh), 0, ImGuiWindowFlags_NavFlattened);
  replication_figures(m, pal, ImGui::GetContentRegionAvail().x, fh, true);
  ImGui::EndChild();
  ctx.mark("area:figures");
}

ViewEntry replication_view_entry() { return view<RM, ReplicationView, replication_view>(replication_scene()); }

}  // namespace dsviz::ui
