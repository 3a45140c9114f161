// Scene "balancing", the figures beside the diagram (web/scenes/
// balancing_view.cpp draws the rest): the live latency distribution with its
// p50/p95/p99, and "Compare all": every strategy on the same seeded
// requests, as a table and as bars; the counters under the diagram. Every
// figure comes from BalancingModel.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bars.h"
#include "format.h"
#include "histogram.h"
#include "imgui.h"
#include "plot.h"
#include "scenes/balancing.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

namespace {

using BM = BalancingModel;

const char* const kBarNames[] = {"p50", "p95", "p99", "dropped", "herd ratio"};

double bar_value(const BM::CompareRow& r, int k) {
  switch (k) {
    case 0: return r.p50_ms;
    case 1: return r.p95_ms;
    case 2: return r.p99_ms;
    case 3: return double(r.dropped);
    default: return r.herd_ratio;
  }
}

std::string bar_text(const BM::CompareRow& r, int k) {
  return k < 3 ? fmt::ms(bar_value(r, k)) : k == 3 ? fmt::grouped(r.dropped) : fmt::number(r.herd_ratio);
}

void compare_table(const BM& m, const Palette& pal, bool herd) {
  const auto& rows = m.compare_results();
  const ImGuiTableFlags fl = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
  if (!ImGui::BeginTable("cmp", herd ? 7 : 6, fl)) return;
  for (const char* c : {"strategy", "p50", "p95", "p99", "dropped", "failed"}) ImGui::TableSetupColumn(c);
  if (herd) ImGui::TableSetupColumn("herd");
  ImGui::TableHeadersRow();
  for (const BM::CompareRow& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool cur = r.strategy == int(m.get(BM::kStrategy));
    if (cur) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.ok), "%s", BM::strategy_name(r.strategy));
    else ImGui::TextUnformatted(BM::strategy_name(r.strategy));
    if (!r.done) {
      ImGui::TableNextColumn();
      ImGui::TextDisabled("waiting");
      continue;
    }
    for (int k = 0; k < 3; ++k) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(fmt::ms(bar_value(r, k)).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fmt::grouped(r.dropped).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fmt::grouped(r.errors).c_str());
    if (herd) {
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(r.herd_ratio > 1.2 ? pal.failed : pal.text), "%s", fmt::number(r.herd_ratio).c_str());
    }
  }
  ImGui::EndTable();
}

void latency_tab(const BM& m, const Palette& pal, float w) {
  const Histogram& h = m.latency();
  ImGui::PushFont(fonts().small);
  if (h.count())
    ImGui::TextWrapped("%s since %s: p50 %s, p95 %s, p99 %s.", fmt::count(h.count(), "request served", "requests served").c_str(),
                       m.stats_since() > 0 ? ("the change at " + fmt::duration(m.stats_since())).c_str() : "the start",
                       fmt::ms(m.latency_ms(0.5)).c_str(), fmt::ms(m.latency_ms(0.95)).c_str(), fmt::ms(m.latency_ms(0.99)).c_str());
  ImGui::PopFont();
  const float left = ImGui::GetContentRegionAvail().y;
  latency_cdf(w < 300 ? "Latency" : "Latency of served requests (share answered within x)", h, ImVec2(w, std::max(100.0f, left - 4)),
              pal.message);
}

}  // namespace

// A legend key that starts a new line when it would not fit on this one.
void balancing_key(ImU32 col, const char* text, bool line_swatch) {
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x + 32) ImGui::NewLine();
  legend_key(col, text, line_swatch);
}

void balancing_compare(const BM& m, int& bars, const std::vector<double>& compared, bool tiny) {
  const Palette& pal = palette();
  const auto& rows = m.compare_results();
  ImGui::PushFont(fonts().small);
  if (rows.empty()) {
    ImGui::TextWrapped("Press 'Compare all': the same requests (this seed and these settings) under each strategy for %s, one after the other, "
                       "in the background.",
                       fmt::duration(m.compare_duration()).c_str());
    ImGui::PopFont();
    return;
  }
  bool changed = compared.size() != m.params().size();
  for (size_t i = 0; !changed && i < compared.size(); ++i)
    changed = i != BM::kStrategy && compared[i] != m.param(i);
  if (changed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.warning), "Settings changed since: press 'Compare all' again.");
  else if (!tiny) ImGui::TextDisabled("Same seeded requests, %s per strategy, %s.", fmt::duration(m.compare_duration()).c_str(),
                                      fmt::count(m.balancers(), "balancer", "balancers").c_str());
  const bool herd = m.balancers() > 1;
  if (!herd && bars > 3) bars = 2;
  // Wide: the bars beside the table; else the bars, then the table.
  const bool beside = !tiny && ImGui::GetContentRegionAvail().x >= 760;
  if (beside) ImGui::BeginGroup();
  const float bars_w = beside ? ImGui::GetContentRegionAvail().x * 0.42f : 0;
  {  // the choice of figure, wrapped to the bars' width; 44 px tall on touch
    const float room = beside ? bars_w : ImGui::GetContentRegionAvail().x;
    const ImVec2 fp = ImGui::GetStyle().FramePadding;
    const bool touch = ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fp.x, touch ? std::max(fp.y, 22 - ImGui::GetFontSize() * 0.5f) : fp.y));
    float used = 0;
    for (int k = 0; k < (herd ? 5 : 4); ++k) {
      const float need = ImGui::CalcTextSize(kBarNames[k]).x + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().ItemSpacing.x;
      if (k && used + need <= room) ImGui::SameLine();
      else used = 0;
      used += need;
      if (ImGui::RadioButton(kBarNames[k], bars == k)) bars = k;
    }
    ImGui::PopStyleVar();
  }
  std::vector<BarRow> br;
  double top = 0;
  for (const BM::CompareRow& r : rows) {
    if (!r.done) continue;
    const bool cur = r.strategy == int(m.get(BM::kStrategy));
    br.push_back({BM::strategy_name(r.strategy), bar_value(r, bars), bar_text(r, bars), cur ? pal.ok : pal.message});
    top = std::max(top, bar_value(r, bars));
  }
  if (beside) ImGui::BeginChild("cmp_left", ImVec2(bars_w, ImGui::GetTextLineHeightWithSpacing() * 7), 0, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  bar_rows("cmp_bars", br, top > 0 ? top : 1);
  if (beside) {
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine(0, 12);
  }
  if (tiny) {
    ImGui::PopFont();
    return;
  }
  ImGui::BeginGroup();
  compare_table(m, pal, herd);
  ImGui::EndGroup();
  if (herd)
    ImGui::TextWrapped("Herd ratio: the mean queue at the server a request was sent to, over the mean queue of all servers at that "
                       "moment. Above 1: the balancers, each seeing only its own requests, pile onto the same servers.");
  ImGui::PopFont();
}

void balancing_figures(const BM& m, int& bars, const std::vector<double>& compared, bool& open_compare, float w) {
  if (!ImGui::BeginTabBar("bal_tabs", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  if (ImGui::BeginTabItem("Latency")) {
    latency_tab(m, palette(), w);
    ImGui::EndTabItem();
  }
  const ImGuiTabItemFlags sel = open_compare ? ImGuiTabItemFlags_SetSelected : 0;
  open_compare = false;
  if (ImGui::BeginTabItem("Compare all", nullptr, sel)) {
    balancing_compare(m, bars, compared, false);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// The run's counters in one wrapping line under the diagram.
void balancing_counters(const BM& m, const Palette& pal) {
  counter_row({
      {"offered " + fmt::rate(m.offered_rps(), "req/s"), pal.text},
      {fmt::grouped(m.in_flight()) + " in flight", pal.text},
      {fmt::grouped(m.served()) + " served", pal.text},
      {fmt::grouped(m.dropped()) + " dropped", m.dropped() ? pal.warning : pal.muted},
      {fmt::grouped(m.errors()) + " failed", m.errors() ? pal.failed : pal.muted},
      {"longest queue " + fmt::count(m.max_queue(), "request", "requests"), pal.muted},
      {"herd ratio " + fmt::number(m.herd_ratio()), m.herd_ratio() > 1.2 ? pal.failed : pal.muted,
       "Mean queue at the server each request was sent to, over the mean queue of all servers then: "
       "about 1 for random, below 1 for a good choice, above 1 when balancers pile onto the same servers."},
      {fmt::percent(m.misrouted_pct() / 100, 1) + " sent past an idle server", pal.muted},
  });
}

}  // namespace dsviz::ui
