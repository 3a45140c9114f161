// Scene "clocks" (chapter: 2. No Global Clock). Top: each node's clock
// ticking (HH:MM:SS.mmm), its error against true time and its drift. Middle:
// a space-time diagram of the last seconds in true time; a message stamped
// as received before it was sent (by the two local clocks) is drawn red.
// Bottom: the same events in true order, in local-timestamp order and, with
// the Lamport toggle, in Lamport order. Every figure comes from ClocksModel.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bars.h"
#include "format.h"
#include "imgui.h"
#include "scenes/clocks.h"
#include "spacetime.h"
#include "theme.h"
#include "touch.h"
#include "views.h"

namespace dsviz::ui {

struct ClocksView {};  // nothing to remember: the model holds clocks and log

namespace {

using CK = ClocksModel;

// Nodes are A, B, C, ... as the chapter's clocks.
std::string node_name(uint32_t i) { return std::string(1, char('A' + i)); }

// A local reading as the wall-clock time of day the node shows.
std::string hms(Time local) { return fmt::time_of_day(CK::wall(local)); }
std::string signed_ms(Time t) { return fmt::signed_ms(t); }

void draw_clocks(CK& m, const ViewContext& ctx) {
  const uint32_t n = m.node_count();
  const bool lamport = m.show_lamport();
  const bool narrow = ctx.compact || ImGui::GetContentRegionAvail().x < 520 * ctx.scale;
  if (narrow) {
    // As many clocks per line as fit; the error only when there is room.
    const bool with_error = ImGui::GetContentRegionAvail().x >= 420 * ctx.scale;
    float x_left = ImGui::GetContentRegionAvail().x;
    for (uint32_t i = 0; i < n; ++i) {
      std::string t = node_name(i) + " " + hms(m.local_now(i));
      if (with_error) t += "  " + signed_ms(m.clock_error(i));
      const float w = ImGui::CalcTextSize(t.c_str()).x + 16 * ctx.scale;
      if (i > 0) {
        if (x_left >= w) ImGui::SameLine(0, 16 * ctx.scale);
        else x_left = ImGui::GetContentRegionAvail().x;
      }
      ImGui::TextUnformatted(t.c_str());
      if (ImGui::IsItemHovered())
        tip_here("Node %s's clock: %s off true time, drift %+.1f ppm", node_name(i).c_str(),
                          signed_ms(m.clock_error(i)).c_str(), m.drift_ppm(i));
      x_left -= w;
    }
    return;
  }
  const int cols = lamport ? 5 : 4;
  if (!ImGui::BeginTable("clocks", cols, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
    return;
  ImGui::TableSetupColumn("Node");
  ImGui::TableSetupColumn("Its clock reads");
  ImGui::TableSetupColumn("Error vs true time");
  ImGui::TableSetupColumn("Drift");
  if (lamport) ImGui::TableSetupColumn("Lamport clock");
  ImGui::TableHeadersRow();
  // True time first, as the reference no node can read.
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("true time");
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", hms(m.now()).c_str());
  ImGui::TableNextColumn();
  ImGui::TextDisabled("(no node can read it)");
  for (uint32_t i = 0; i < n; ++i) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("Node %s", node_name(i).c_str());
    ImGui::TableNextColumn();
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(hms(m.local_now(i)).c_str());
    ImGui::PopFont();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(signed_ms(m.clock_error(i)).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%+.1f ppm", m.drift_ppm(i));
    if (lamport) {
      ImGui::TableNextColumn();
      ImGui::Text("%" PRIu64, m.lamport_now(i));
    }
  }
  ImGui::EndTable();
}

void draw_status(CK& m, const ViewContext& ctx, const Palette& pal) {
  bool lamport = m.show_lamport();
  if (ImGui::Checkbox(ctx.compact ? "Lamport" : "Lamport clocks", &lamport)) m.set(CK::kLamport, lamport ? 1 : 0);
  tip("Show logical timestamps: max(own, received) + 1. They never put a receive before its send.");
  char t[96];
  std::snprintf(t, sizeof t, "%s", fmt::count(m.anomalies(), "anomaly", "anomalies").c_str());
  same_line_if_fits(t);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
  ImGui::TextUnformatted(t);
  ImGui::PopStyleColor();
  tip("Messages stamped as received before they were sent, by the two nodes' own clocks");
  std::snprintf(t, sizeof t, "of %s", fmt::count(m.messages_delivered(), "message", "messages").c_str());
  same_line_if_fits(t);
  ImGui::TextDisabled("%s", t);
  std::snprintf(t, sizeof t, "skew %.1f ms", to_ms(m.skew_now()));
  same_line_if_fits(t);
  ImGui::TextUnformatted(t);
  tip("Largest difference between two clocks right now");
  if (lamport) {
    std::snprintf(t, sizeof t, "Lamport violations %" PRIu64, m.lamport_violations());
    same_line_if_fits(t);
    ImGui::PushStyleColor(ImGuiCol_Text, m.lamport_violations() ? pal.failed : pal.ok);
    ImGui::TextUnformatted(t);
    ImGui::PopStyleColor();
    tip("Checked on every one of the %" PRIu64 " sends and receives", m.lamport_checked());
  }
}

void draw_diagram(CK& m, const ViewContext& ctx, const Palette& pal, ImVec2 a, ImVec2 b) {
  const float s = ctx.scale;
  const uint32_t n = m.node_count();
  const bool lamport = m.show_lamport();
  const bool small = (b.x - a.x) < 420 * s || (b.y - a.y) < 150 * s;
  // Window of true time: long enough to hold a few messages, from the settings.
  const double total_rate = m.get(CK::kRate) * double(n);
  double win_s = total_rate > 0 ? 10.0 / total_rate : 20.0;
  win_s = std::fmax(win_s, 8.0 * (m.get(CK::kLatencyMs) + m.get(CK::kJitterMs)) / 1000.0);
  win_s = std::fmin(20.0, std::fmax(0.5, win_s));
  const Time win = from_s(win_s);
  const Time t1 = m.now(), t0 = t1 - win;

  std::vector<std::string> names;
  for (uint32_t i = 0; i < n; ++i) names.push_back(small ? node_name(i) : "Node " + node_name(i));
  Spacetime st(a, b, t0, win, names, TimeAxis::kBeforeNow, small);
  // Syncs: a tick across the lane where the clock was stepped.
  const auto& syncs = m.syncs();
  for (size_t i = 0; i < syncs.size(); ++i)
    if (syncs[i].t_true >= t0 && syncs[i].node < n) st.tick(int(syncs[i].node), syncs[i].t_true, pal.ok);

  // Walk back from the newest message; stop once sends are well before the
  // window, or after as many arrows as a reader can tell apart (the busiest
  // settings would otherwise draw ~500k vertices a frame).
  constexpr int kMaxArrows = 600;
  int drawn = 0;
  struct Stamp {
    uint64_t send, recv;
    ImVec2 p0, p1;
  };
  std::vector<Stamp> stamps;
  const auto& trace = m.cluster().trace;
  for (size_t k = trace.size(); k-- > 0 && drawn < kMaxArrows;) {
    const MessageRecord& r = trace[k];
    if (r.send_true < t0 - from_s(2.5)) break;  // beyond any jitter the settings allow
    if (r.to >= n || r.from >= n) continue;
    if ((r.delivered() ? r.recv_true : t1) < t0) continue;
    ++drawn;
    const bool bad = CK::is_anomaly(r);
    SpacetimeArrow ar = message_arrow(r, int(r.from), int(r.to), bad ? pal.failed : pal.message, k);
    ar.thickness = 1.5f;
    ar.emphasized = bad;
    const ImVec2 p1 = st.arrow(ar, t1);
    if (lamport && r.delivered()) stamps.push_back({r.lamport_send, r.lamport_recv, ImVec2(st.x(r.send_true), st.lane_y(ar.from)), p1});
  }
  // Lamport stamps beside each end, newest first; a stamp that would cover
  // another is left out (hover shows it), so numbers never run together.
  ImDrawList* dl = st.draw_list();
  const float lh = ImGui::GetTextLineHeight();
  for (const Stamp& sp : stamps) {
    char l0[24], l1[24];
    std::snprintf(l0, sizeof l0, "%" PRIu64, sp.send);
    std::snprintf(l1, sizeof l1, "%" PRIu64, sp.recv);
    const float w0 = ImGui::CalcTextSize(l0).x;
    const bool down = sp.p1.y > sp.p0.y;
    const ImVec2 c0[] = {ImVec2(sp.p0.x - 4 - w0, down ? sp.p0.y - lh : sp.p0.y + 2), ImVec2(sp.p0.x + 3, down ? sp.p0.y - lh : sp.p0.y + 2)};
    const ImVec2 c1[] = {ImVec2(sp.p1.x + 3, down ? sp.p1.y + 2 : sp.p1.y - lh), ImVec2(sp.p1.x - 4 - ImGui::CalcTextSize(l1).x, down ? sp.p1.y + 2 : sp.p1.y - lh)};
    st.labels().place(dl, l0, c0, 2, pal.ok);
    st.labels().place(dl, l1, c1, 2, pal.ok);
  }

  if (const SpacetimeArrow* h = st.hovered()) {
    const MessageRecord& r = trace[size_t(h->id)];
    begin_tip(false);
    ImGui::Text("Message %" PRIu64 ": Node %s -> Node %s", r.id, node_name(r.from).c_str(), node_name(r.to).c_str());
    ImGui::Text("sent      true t = %s, %s's clock %s", fmt::duration(r.send_true).c_str(), node_name(r.from).c_str(),
                hms(r.send_local).c_str());
    if (r.delivered()) {
      ImGui::Text("received  true t = %s, %s's clock %s", fmt::duration(r.recv_true).c_str(), node_name(r.to).c_str(),
                  hms(r.recv_local).c_str());
      ImGui::Text("took %s of true time; the local stamps differ by %s", fmt::ms(to_ms(r.recv_true - r.send_true)).c_str(),
                  signed_ms(r.recv_local - r.send_local).c_str());
      if (CK::is_anomaly(r)) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
        ImGui::TextUnformatted("Anomaly: stamped as received before it was sent.");
        ImGui::PopStyleColor();
      }
      if (lamport) ImGui::Text("Lamport: sent at %" PRIu64 ", received at %" PRIu64, r.lamport_send, r.lamport_recv);
    } else {
      ImGui::TextDisabled("in flight");
    }
    end_tip();
  }
}

// One column of the event log: `order` indexes m.log().
void draw_log_column(const CK& m, const Palette& pal, const char* title, const std::vector<size_t>& order, int key,
                     bool compact) {
  ImGui::TextDisabled("%s", title);
  for (size_t k = 0; k < order.size(); ++k) {
    const CK::LogEntry& e = m.log()[order[k]];
    char stamp[32];
    if (key == 2) std::snprintf(stamp, sizeof stamp, "L=%" PRIu64, e.lamport);
    else if (key == 1) std::snprintf(stamp, sizeof stamp, "%s", hms(e.local).c_str() + 3);  // MM:SS.mmm
    else std::snprintf(stamp, sizeof stamp, "t=%.3f s", to_s(e.t_true));
    char line[96];
    if (compact) {
      std::snprintf(line, sizeof line, "%s %s #%" PRIu64, node_name(e.node).c_str(), e.send ? "sends" : "gets", e.msg);
    } else {
      std::snprintf(line, sizeof line, "%s %s #%" PRIu64 " %s %s", node_name(e.node).c_str(), e.send ? "sends" : "receives",
                    e.msg, e.send ? "to" : "from", node_name(e.peer).c_str());
    }
    const bool red = e.anomaly && key != 2;
    if (red) ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
    ImGui::Text("%-10s %s", stamp, line);
    if (red) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && e.anomaly)
      tip_here("Received before it was sent, by the local clocks (message %" PRIu64 ")", e.msg);
  }
}

void draw_log(const CK& m, const ViewContext& ctx, const Palette& pal, float height) {
  if (m.log().empty()) {
    ImGui::TextDisabled("No messages yet.");
    return;
  }
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  int rows = int(height / line) - 1;
  if (rows > 16) rows = 16;
  if (rows < 2) {
    ImGui::PopFont();
    return;
  }
  std::vector<size_t> truth, local, lam;
  for (size_t i = m.log().size() - std::min(m.log().size(), size_t(rows)); i < m.log().size(); ++i) truth.push_back(i);
  m.order_by_local(size_t(rows), local);
  const bool lamport = m.show_lamport();
  if (lamport) m.order_by_lamport(size_t(rows), lam);
  const int cols = lamport ? 3 : 2;
  const bool compact = ctx.compact || ImGui::GetContentRegionAvail().x < float(cols) * 260 * ctx.scale;
  if (ImGui::BeginTable("log", cols, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_log_column(m, pal, "True order (no node can see it)", truth, 0, compact);
    ImGui::TableNextColumn();
    draw_log_column(m, pal, "By local timestamp (what the logs say)", local, 1, compact);
    if (lamport) {
      ImGui::TableNextColumn();
      draw_log_column(m, pal, "By Lamport timestamp", lam, 2, compact);
    }
    ImGui::EndTable();
  }
  ImGui::PopFont();
}

}  // namespace

void clocks_view(CK& m, ClocksView&, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  draw_clocks(m, ctx);
  draw_status(m, ctx, pal);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // The diagram takes what the log leaves; the log goes when space is short.
  const bool with_log = avail.y >= 260 * s;
  float log_h = with_log ? std::fmin(avail.y * 0.5f, line * 12) : 0;
  float diag_h = avail.y - log_h - (with_log ? ImGui::GetStyle().ItemSpacing.y : 0);
  if (diag_h < 80 * s) diag_h = 80 * s;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + avail.x, a.y + diag_h);
  draw_diagram(m, ctx, pal, a, b);
  ctx.mark("area:diagram", a, b);
  ImGui::Dummy(ImVec2(avail.x, diag_h));
  if (with_log) draw_log(m, ctx, pal, ImGui::GetContentRegionAvail().y);
}

ViewEntry clocks_view_entry() { return view<CK, ClocksView, clocks_view>(clocks_scene()); }

}  // namespace dsviz::ui
