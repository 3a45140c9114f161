// Scene "replication", the parts around the diagram (web/scenes/
// replication_view.cpp draws it): the mode and read policy as radio
// buttons, the counters, and the figures: write and read latency as
// distributions, each node's lag over time, and the failovers with the
// acknowledged writes each one lost. Every figure comes from ReplicationModel.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "draw.h"
#include "format.h"
#include "histogram.h"
#include "imgui.h"
#include "plot.h"
#include "scenes/replication.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

namespace {

using RM = ReplicationModel;

std::string node_label(uint32_t n) { return "Node " + std::to_string(n + 1); }
std::string quantile_ms(const Histogram& h, double q) { return h.count() ? fmt::ms(to_ms(Time(h.quantile(q)))) : "-"; }

// Radio buttons and buttons a finger can hit: 44 px tall on touch screens.
struct TouchFrames {
  TouchFrames() {
    const ImVec2 fp = ImGui::GetStyle().FramePadding;
    const bool touch = ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fp.x, touch ? std::max(fp.y, 22 - ImGui::GetFontSize() * 0.5f) : fp.y));
  }
  ~TouchFrames() { ImGui::PopStyleVar(); }
};

void radio_row(RM& m, SettingId id, const char* title, const char* const* names, const char* const* tips, int n) {
  const int cur = int(m.get(id));
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", title);
  for (int k = 0; k < n; ++k) {
    const float w = ImGui::CalcTextSize(names[k]).x + ImGui::GetFrameHeight() + 12;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    if (ImGui::RadioButton(names[k], cur == k)) m.set(id, k);
    tip("%s", tips[k]);
  }
}

const char* const kModes[] = {"Async", "Semi-sync", "Sync"};
const char* const kModeTips[] = {"Acknowledge a write as soon as the primary has it",
                                    "Acknowledge once one replica has applied it",
                                    "Acknowledge once every replica has applied it"};
const char* const kReads[] = {"Any replica", "Primary", "Read-your-writes"};
const char* const kReadsShort[] = {"Any", "Primary", "RYW"};
const char* const kReadTips[] = {"Each read goes to a replica, whatever it has applied",
                                    "Every read goes to the primary: never stale, but it takes all the load",
                                    "A replica that has applied the user's last write, else the primary"};

void latency_tab(const RM& m, const Palette& pal, float w, float h) {
  const Histogram& wl = m.write_latency();
  const Histogram& rl = m.read_latency();
  ImGui::PushFont(fonts().small);
  ImGui::TextWrapped("Writes: p50 %s, p99 %s. Reads: p50 %s.", quantile_ms(wl, 0.5).c_str(), quantile_ms(wl, 0.99).c_str(),
                     quantile_ms(rl, 0.5).c_str());
  ImGui::PopFont();
  const float left = ImGui::GetContentRegionAvail().y;
  // Side by side in a wide or short space, stacked in a tall one.
  const bool side = left < w * 0.9f || h < 260;
  const ImVec2 size(side ? (w - 8) * 0.5f : w, std::max(90.0f, side ? left - 4 : (left - 6) * 0.5f));
  const bool short_titles = size.x < 300;
  latency_cdf(short_titles ? "Writes" : "Write latency (user to acknowledgement)", wl, size, pal.message);
  if (side) ImGui::SameLine(0, 8);
  latency_cdf(short_titles ? "Reads" : "Read latency", rl, size, pal.node_border);
}

void failover_tab(const RM& m, const Palette& pal) {
  ImGui::PushFont(fonts().small);
  const auto& fo = m.failovers();
  if (fo.empty()) ImGui::TextDisabled("No primary crash yet: %s the primary, or set Crash primary at.", tap_word(false));
  for (size_t i = fo.size(); i-- > 0;) {
    const RM::Failover& f = fo[i];
    std::string t = "#" + std::to_string(i + 1) + " " + node_label(f.old_primary) + " crashed at " + fmt::duration(f.crash_at) +
                    " (at position " + fmt::grouped(f.old_end) + ")";
    if (f.promoted_at >= 0)
      t += "; " + node_label(uint32_t(f.new_primary)) + " promoted " + fmt::duration(f.promoted_at - f.crash_at) + " later, epoch " +
           fmt::grouped(f.epoch) + ", keeping positions 1 to " + fmt::grouped(f.kept) + ": " +
           fmt::count(f.lost, "acknowledged write", "acknowledged writes") + " lost, " +
           fmt::count(f.failed, "unacknowledged write", "unacknowledged writes") + " failed.";
    else t += "; no promotion (yet, or the primary came back first).";
    ImGui::TextWrapped("%s", t.c_str());
  }
  const auto& lost = m.lost_list();
  if (!lost.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.failed), "Acknowledged to their users, then lost (newest failover first):");
    // The model lists each failover's losses from the end of the log down.
    std::vector<size_t> order(lost.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return lost[x].failover != lost[y].failover ? lost[x].failover > lost[y].failover : lost[x].pos < lost[y].pos;
    });
    const ImGuiTableFlags fl = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("lost", 5, fl, ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y)))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (const char* c : {"write", "user", "position", "acknowledged at", "failover"}) ImGui::TableSetupColumn(c);
      ImGui::TableHeadersRow();
      for (size_t k : order) {
        const RM::LostWrite& lw = lost[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("#%s", fmt::grouped(lw.id + 1).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%u", lw.user + 1);
        ImGui::TableNextColumn();
        ImGui::Text("%s (epoch %s)", fmt::grouped(lw.pos).c_str(), fmt::grouped(lw.epoch).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt::duration(lw.acked).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("#%u", lw.failover + 1);
      }
      ImGui::EndTable();
    }
  }
  ImGui::PopFont();
}

}  // namespace

void replication_controls(RM& m, bool tiny) {
  TouchFrames tf;
  radio_row(m, RM::kMode, "Mode", kModes, kModeTips, 3);
  if (tiny) ImGui::SameLine(0, 16);
  radio_row(m, RM::kReadPolicy, "Reads", tiny ? kReadsShort : kReads, kReadTips, 3);
  ImGui::SameLine(0, 16);
  const char* crash = "Crash primary";
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(crash).x + 20) ImGui::NewLine();
  ImGui::BeginDisabled(m.primary() < 0);
  if (ImGui::Button(crash)) m.crash_primary();
  ImGui::EndDisabled();
  tip("Crash the current primary (or %s it in the diagram)", tap_word(false));
}

void replication_counters(const RM& m, const Palette& pal) {
  counter_row({
      {"epoch " + fmt::grouped(m.epoch()), pal.text},
      {fmt::count(m.failovers().size(), "primary crash", "primary crashes"), pal.text},
      {fmt::count(uint64_t(metric_value(m, "failovers")), "failover", "failovers"), pal.text},
      {fmt::count(m.lost_writes(), "lost write", "lost writes"), m.lost_writes() ? pal.failed : pal.muted},
      {fmt::count(m.stale_reads(), "stale read", "stale reads"), m.stale_reads() ? pal.warning : pal.muted},
      {fmt::count(m.ryw_violations(), "read-your-writes violation", "read-your-writes violations"),
       m.ryw_violations() ? pal.failed : pal.muted},
      {fmt::count(m.fenced(), "return fenced", "returns fenced"), m.fenced() ? pal.hidden : pal.muted},
  });
}

// A legend key that starts a new line when it would not fit on this one.
void replication_key(ImU32 col, const char* text, bool line_swatch) {
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x + 32) ImGui::NewLine();
  legend_key(col, text, line_swatch);
}

void replication_lag_plot(const RM& m, const Palette& pal, float h) {
  const double now_s = to_s(m.now());
  double top = 10;
  for (uint32_t n = 0; n < m.node_count(); ++n) {
    const TimeSeries& ts = m.lag_series(n);
    for (size_t i = 0; i < ts.size(); ++i) top = std::max(top, ts[i].v);
  }
  const TimeSeries& first = m.lag_series(0);
  const double t0 = first.empty() ? 0 : to_s(first[0].t);
  const ImU32 cols[RM::kMaxNodes] = {pal.message, pal.hidden, pal.ok, pal.warning, pal.node_border, pal.reply};
  const float leg = ImGui::GetTextLineHeightWithSpacing() * (ImGui::GetContentRegionAvail().x < 420 ? 2.0f : 1.0f);
  {  // the plot claims its space when it goes out of scope
    Plot plot("Each replica's lag behind the primary", ImVec2(ImGui::GetContentRegionAvail().x, std::max(90.0f, h - leg - 4)),
              PlotAxis{t0, std::max(now_s, t0 + 1), [](double v) { return fmt::duration(from_s(v)); }},
              PlotAxis{0, top * 1.1, [](double v) { return fmt::ms(v); }});
    for (uint32_t n = 0; n < m.node_count(); ++n) plot.series(m.lag_series(n), now_s, m.lag_ms(n), cols[n]);
    plot.hline(m.get(RM::kReplicaLagMs), pal.muted);
  }
  ImGui::PushFont(fonts().small);
  for (uint32_t n = 0; n < m.node_count(); ++n) replication_key(cols[n], node_label(n).c_str(), true);
  replication_key(pal.muted, "replica_lag_ms", true);
  ImGui::NewLine();
  ImGui::PopFont();
}

// Tabs: latency, lag (unless the caller shows it already), failovers.
void replication_figures(const RM& m, const Palette& pal, float w, float h, bool lag_tab) {
  if (!ImGui::BeginTabBar("repl_tabs", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  if (ImGui::BeginTabItem("Latency")) {
    latency_tab(m, pal, w, h);
    ImGui::EndTabItem();
  }
  if (lag_tab && ImGui::BeginTabItem("Lag")) {
    replication_lag_plot(m, pal, ImGui::GetContentRegionAvail().y);
    ImGui::EndTabItem();
  }
  const std::string fo = m.lost_writes() ? "Failovers (" + fmt::grouped(m.lost_writes()) + " lost)###fo" : std::string("Failovers###fo");
  if (ImGui::BeginTabItem(fo.c_str())) {
    failover_tab(m, pal);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// The newest writes of the primary's log the bars show: a round number
// above the largest lag, so a bar's gap reads as writes not yet applied.
uint64_t replication_log_window(const RM& m) {
  uint64_t lag = 0;
  for (uint32_t n = 0; n < m.node_count(); ++n) lag = std::max(lag, m.lag_writes(n));
  for (uint64_t w : {20, 50, 100, 200, 500, 1000, 2000, 5000, 10000})
    if (double(w) >= double(lag) * 1.15) return w;
  return lag + lag / 5;
}

// One node's log against the primary's: the window's cells (or a plain bar
// when they would be too thin), filled up to what it applied.
void replication_log_bar(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const RM& m, uint32_t n, uint64_t window, const Palette& pal) {
  const uint64_t end = m.log_end(), start = end > window ? end - window : 0;
  const bool following = m.role(n) == RM::kReplica || m.role(n) == RM::kPrimary;
  const uint64_t have = following ? std::min(m.applied(n), end) : 0;
  const float w = p1.x - p0.x;
  dl->AddRectFilled(p0, p1, alpha(pal.muted, 0.18f), 2);
  const float cell = w / float(window);
  if (have > start) {
    const float x = p0.x + w * float(have - start) / float(window);
    dl->AddRectFilled(p0, ImVec2(x, p1.y), following ? pal.ok : alpha(pal.muted, 0.5f), 2);
    if (have < end) dl->AddRectFilled(ImVec2(x, p0.y), p1, alpha(pal.warning, 0.45f), 0);
  } else if (following && end > start) {
    dl->AddRectFilled(p0, p1, alpha(pal.warning, 0.45f), 2);
  }
  if (cell >= 4)
    for (uint64_t i = 1; i < window; ++i) {
      const float x = p0.x + cell * float(i);
      dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), alpha(pal.panel, 0.8f), 1);
    }
}

}  // namespace dsviz::ui
