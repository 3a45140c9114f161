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

#include "imgui.h"
#include "scenes/clocks.h"
#include "theme.h"
#include "draw.h"
#include "views.h"

namespace dsviz::ui {
namespace {

using CK = ClocksModel;

// Nodes are A, B, C, ... as the chapter's clocks.
std::string node_name(uint32_t i) { return std::string(1, char('A' + i)); }

// A local reading as a wall-clock time of day, HH:MM:SS.mmm.
std::string hms(Time local) {
  Time t = CK::wall(local);
  const Time day = 24 * kHour;
  t %= day;
  if (t < 0) t += day;
  const int64_t ms = t / kMs;
  char b[32];
  std::snprintf(b, sizeof b, "%02d:%02d:%02d.%03d", int(ms / 3600000), int(ms / 60000 % 60), int(ms / 1000 % 60),
                int(ms % 1000));
  return b;
}

std::string signed_ms(Time t) {
  char b[32];
  std::snprintf(b, sizeof b, "%+.1f ms", to_ms(t));
  return b;
}

void draw_clocks(CK& m, const ViewContext& ctx) {
  const uint32_t n = m.node_count();
  const bool lamport = m.show_lamport();
  const bool narrow = ctx.compact || ImGui::GetContentRegionAvail().x < 520 * ctx.dpi_scale;
  if (narrow) {
    // As many clocks per line as fit; the error only when there is room.
    const bool with_error = ImGui::GetContentRegionAvail().x >= 420 * ctx.dpi_scale;
    float x_left = ImGui::GetContentRegionAvail().x;
    for (uint32_t i = 0; i < n; ++i) {
      std::string t = node_name(i) + " " + hms(m.local_now(i));
      if (with_error) t += "  " + signed_ms(m.clock_error(i));
      const float w = ImGui::CalcTextSize(t.c_str()).x + 16 * ctx.dpi_scale;
      if (i > 0) {
        if (x_left >= w) ImGui::SameLine(0, 16 * ctx.dpi_scale);
        else x_left = ImGui::GetContentRegionAvail().x;
      }
      ImGui::TextUnformatted(t.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Node %s's clock: %s off true time, drift %+.1f ppm", node_name(i).c_str(),
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

// Continues the line when `text` fits on it, else starts a new one.
void same_line_if_fits(const char* text) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x) ImGui::NewLine();
}

void draw_status(CK& m, const ViewContext& ctx, const Palette& pal) {
  bool lamport = m.show_lamport();
  if (ImGui::Checkbox(ctx.compact ? "Lamport" : "Lamport clocks", &lamport)) m.set("lamport", lamport ? 1 : 0);
  ImGui::SetItemTooltip("Show logical timestamps: max(own, received) + 1. They never put a receive before its send.");
  char t[96];
  std::snprintf(t, sizeof t, "%" PRIu64 " anomalies", m.anomalies());
  same_line_if_fits(t);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
  ImGui::TextUnformatted(t);
  ImGui::PopStyleColor();
  ImGui::SetItemTooltip("Messages stamped as received before they were sent, by the two nodes' own clocks");
  std::snprintf(t, sizeof t, "of %" PRIu64 " messages", m.messages_delivered());
  same_line_if_fits(t);
  ImGui::TextDisabled("%s", t);
  std::snprintf(t, sizeof t, "skew %.1f ms", to_ms(m.skew_now()));
  same_line_if_fits(t);
  ImGui::TextUnformatted(t);
  ImGui::SetItemTooltip("Largest difference between two clocks right now");
  if (lamport) {
    std::snprintf(t, sizeof t, "Lamport violations %" PRIu64, m.lamport_violations());
    same_line_if_fits(t);
    ImGui::PushStyleColor(ImGuiCol_Text, m.lamport_violations() ? pal.failed : pal.ok);
    ImGui::TextUnformatted(t);
    ImGui::PopStyleColor();
    ImGui::SetItemTooltip("Checked on every one of the %" PRIu64 " sends and receives", m.lamport_checked());
  }
}

void draw_diagram(CK& m, const ViewContext& ctx, const Palette& pal, ImVec2 a, ImVec2 b) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.dpi_scale;
  const uint32_t n = m.node_count();
  const bool lamport = m.show_lamport();
  const bool small = (b.x - a.x) < 420 * s || (b.y - a.y) < 150 * s;
  // Window of true time: long enough to hold a few messages, from the settings.
  const double total_rate = m.get("rate") * double(n);
  double win_s = total_rate > 0 ? 10.0 / total_rate : 20.0;
  win_s = std::fmax(win_s, 8.0 * (m.get("latency_ms") + m.get("jitter_ms")) / 1000.0);
  win_s = std::fmin(20.0, std::fmax(0.5, win_s));
  const Time win = from_s(win_s);
  const Time t1 = m.now(), t0 = t1 - win;

  ImGui::PushFont(fonts().small);
  const float label_w = (small ? 18.0f : 56.0f) * s;
  const float axis_h = ImGui::GetTextLineHeight() + 6 * s;
  const float x0 = a.x + label_w, x1 = b.x - 8 * s;
  const float y_top = a.y + 6 * s, y_bot = b.y - axis_h;
  auto lane_y = [&](uint32_t i) { return y_top + (y_bot - y_top) * (float(i) + 0.5f) / float(n); };
  auto tx = [&](Time t) { return x0 + float(double(t - t0) / double(win)) * (x1 - x0); };

  dl->PushClipRect(a, b, true);
  for (uint32_t i = 0; i < n; ++i) {
    const float y = lane_y(i);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), pal.link, 1.5f * s);
    const std::string name = small ? node_name(i) : "Node " + node_name(i);
    const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
    dl->AddText(ImVec2(a.x + 2 * s, y - ts.y * 0.5f), pal.text, name.c_str());
  }
  // Axis: true seconds before now.
  const double step_s = win_s <= 1 ? 0.1 : win_s <= 3 ? 0.5 : win_s <= 8 ? 1 : 2;
  for (double v = 0; v <= win_s + 1e-9; v += step_s) {
    const float x = x1 - float(v / win_s) * (x1 - x0);
    dl->AddLine(ImVec2(x, y_bot), ImVec2(x, y_bot + 4 * s), pal.muted, 1.0f);
    char lb[32];
    if (v == 0) std::snprintf(lb, sizeof lb, "now");
    else std::snprintf(lb, sizeof lb, step_s < 1 ? "-%.1f s" : "-%.0f s", v);
    const ImVec2 ts = ImGui::CalcTextSize(lb);
    float lx = x - ts.x * 0.5f;
    if (lx + ts.x > b.x) lx = b.x - ts.x;
    if (lx >= x0 - ts.x * 0.5f) dl->AddText(ImVec2(lx, y_bot + 4 * s), pal.muted, lb);
  }
  // Syncs: a tick across the lane where the clock was stepped.
  const auto& syncs = m.syncs();
  for (size_t i = 0; i < syncs.size(); ++i) {
    const auto& sm = syncs[i];
    if (sm.t_true < t0 || sm.node >= n) continue;
    const float x = tx(sm.t_true), y = lane_y(sm.node);
    dl->AddLine(ImVec2(x, y - 7 * s), ImVec2(x, y + 7 * s), pal.ok, 2.0f * s);
  }

  const auto& trace = m.cluster().trace;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hover_area = ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y;
  const MessageRecord* hovered = nullptr;
  float best = 7 * s;
  // Walk back from the newest message; stop once sends are well before the
  // window, or after as many arrows as a reader can tell apart (the busiest
  // settings would otherwise draw ~500k vertices a frame).
  constexpr int kMaxArrows = 600;
  int drawn = 0;
  for (size_t k = trace.size(); k-- > 0 && drawn < kMaxArrows;) {
    const MessageRecord& r = trace[k];
    if (r.send_true < t0 - from_s(2.5)) break;  // beyond any jitter the settings allow
    if (r.to >= n || r.from >= n) continue;
    const Time end = r.delivered() ? r.recv_true : t1;
    if (end < t0) continue;
    ++drawn;
    const bool bad = CK::is_anomaly(r);
    const ImU32 col = bad ? pal.failed : pal.message;
    const ImVec2 p0(tx(r.send_true), lane_y(r.from));
    ImVec2 p1(tx(r.due_true), lane_y(r.to));
    if (!r.delivered() && r.due_true > r.send_true) {
      const float f = float(double(t1 - r.send_true) / double(r.due_true - r.send_true));
      p1 = ImVec2(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
    }
    dl->AddLine(p0, p1, col, (bad ? 2.5f : 1.5f) * s);
    if (r.delivered()) arrow_head(dl, p0, p1, col, (bad ? 10.0f : 7.0f) * s);
    dl->AddCircleFilled(p0, 2.5f * s, col);
    if (lamport && !small && r.delivered()) {
      char l0[24], l1[24];
      std::snprintf(l0, sizeof l0, "%" PRIu64, r.lamport_send);
      std::snprintf(l1, sizeof l1, "%" PRIu64, r.lamport_recv);
      const float up0 = p1.y > p0.y ? -ImGui::GetTextLineHeight() : 2 * s;
      const float up1 = p1.y > p0.y ? 2 * s : -ImGui::GetTextLineHeight();
      dl->AddText(ImVec2(p0.x - 4 * s - ImGui::CalcTextSize(l0).x, p0.y + up0), pal.ok, l0);
      dl->AddText(ImVec2(p1.x + 3 * s, p1.y + up1), pal.ok, l1);
    }
    if (hover_area) {
      const float d = seg_distance(mouse, p0, p1);
      if (d < best) {
        best = d;
        hovered = &r;
      }
    }
  }
  dl->PopClipRect();
  ImGui::PopFont();

  if (hovered) {
    const MessageRecord& r = *hovered;
    ImGui::BeginTooltip();
    ImGui::Text("Message %" PRIu64 ": Node %s -> Node %s", r.id, node_name(r.from).c_str(), node_name(r.to).c_str());
    ImGui::Text("sent      true t = %s, %s's clock %s", format_duration(r.send_true).c_str(), node_name(r.from).c_str(),
                hms(r.send_local).c_str());
    if (r.delivered()) {
      ImGui::Text("received  true t = %s, %s's clock %s", format_duration(r.recv_true).c_str(), node_name(r.to).c_str(),
                  hms(r.recv_local).c_str());
      ImGui::Text("took %.1f ms of true time; the local stamps differ by %s", to_ms(r.recv_true - r.send_true),
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
    ImGui::EndTooltip();
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
      std::snprintf(line, sizeof line, "%s %s m%" PRIu64, e.send ? "snd" : "rcv", node_name(e.node).c_str(), e.msg);
    } else {
      std::snprintf(line, sizeof line, "%s %s m%" PRIu64 " %s %s", node_name(e.node).c_str(), e.send ? "sends" : "receives",
                    e.msg, e.send ? "to" : "from", node_name(e.peer).c_str());
    }
    const bool red = e.anomaly && key != 2;
    if (red) ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
    ImGui::Text("%-10s %s", stamp, line);
    if (red) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && e.anomaly)
      ImGui::SetTooltip("Received before it was sent, by the local clocks (message %" PRIu64 ")", e.msg);
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
  const bool compact = ctx.compact || ImGui::GetContentRegionAvail().x < float(cols) * 260 * ctx.dpi_scale;
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

void clocks_view(Model& model, const ViewContext& ctx) {
  auto* m = model_as<CK>(model, "clocks");
  if (!m) return;
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.dpi_scale;
  draw_clocks(*m, ctx);
  draw_status(*m, ctx, pal);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // The diagram takes what the log leaves; the log goes when space is short.
  const bool with_log = avail.y >= 260 * s;
  float log_h = with_log ? std::fmin(avail.y * 0.5f, line * 12) : 0;
  float diag_h = avail.y - log_h - (with_log ? ImGui::GetStyle().ItemSpacing.y : 0);
  if (diag_h < 80 * s) diag_h = 80 * s;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + avail.x, a.y + diag_h);
  ImGui::GetWindowDrawList()->AddRect(a, b, (pal.link & 0x00FFFFFF) | 0x60000000);
  draw_diagram(*m, ctx, pal, a, b);
  ImGui::Dummy(ImVec2(avail.x, diag_h));
  if (with_log) draw_log(*m, ctx, pal, ImGui::GetContentRegionAvail().y);
}

}  // namespace dsviz::ui
