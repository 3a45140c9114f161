// Scene "concurrency", the batch of 1,000 seeded rounds under the diagram
// (web/scenes/concurrency_view.cpp draws the rest): which reply came first
// or how many updates were lost, the latency figures and their histogram.
// Every figure comes from ConcurrencyModel::batch().
#include <cinttypes>
#include <cmath>

#include "bars.h"
#include "format.h"
#include "histogram.h"
#include "imgui.h"
#include "scenes/concurrency.h"
#include "theme.h"
#include "views.h"

namespace dsviz::ui {

using CM = ConcurrencyModel;

void concurrency_batch(const CM& m, const ViewContext& ctx, const Palette& pal, float max_h) {
  const CM::Batch& bt = m.batch();
  const bool two = m.mode() == CM::kTwoUsers;
  const float s = ctx.scale;
  if (bt.runs == 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::TextWrapped(two ? "Run 1,000 times: how often is an update lost?"
                           : "Run 1,000 times: how often does each reply come first, and how long does the user wait?");
    ImGui::PopStyleColor();
    return;
  }
  const double n = double(bt.runs);
  if (!two) {
    ImGui::Text("%d runs: B first %" PRIu64 " (%.1f%%), C first %" PRIu64 " (%.1f%%)", bt.runs, bt.b_first,
                100.0 * double(bt.b_first) / n, bt.c_first, 100.0 * double(bt.c_first) / n);
    // A bar split by the two orders.
    split_bar({float(double(bt.b_first) / n), float(double(bt.c_first) / n)}, {pal.node_border, pal.hidden}, 6 * s);
    ImGui::TextWrapped("Latency p50 %.1f ms, p99 %.1f ms. Mean %.1f ms = user links + slower branch (%.1f ms); "
                       "the sum of both branches would be %.1f ms.",
                       to_ms(Time(bt.latency.quantile(0.5))), to_ms(Time(bt.latency.quantile(0.99))), bt.mean_latency_ms,
                       bt.mean_slower_ms, bt.mean_sum_ms);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
    ImGui::Text("%d runs: an update was lost in %" PRIu64 " (%.1f%%)", bt.runs, bt.lost, 100.0 * double(bt.lost) / n);
    ImGui::PopStyleColor();
    ImGui::Text("Per increment: p50 %s, p99 %s", fmt::ms(to_ms(Time(bt.latency.quantile(0.5)))).c_str(),
                fmt::ms(to_ms(Time(bt.latency.quantile(0.99)))).c_str());
  }
  // The latency histogram.
  float h = std::fmin(max_h, ImGui::GetContentRegionAvail().y) - ImGui::GetTextLineHeightWithSpacing();
  if (h < 30 * s || bt.bins.empty()) return;
  if (h > 160 * s) h = 160 * s;
  histogram_bars(bt.bins, bt.lo_ms, bt.bin_ms, h, pal.message, two ? "increments" : "runs");
}

}  // namespace dsviz::ui
