// Scene "scaling", the plots under the two systems (web/scenes/scaling_view.cpp
// puts them in tabs): throughput against N with the USL fitted to the sweep,
// latency against load, cost per 1,000 req/s and the fast-server-or-pool
// lesson. Every figure comes from ScalingModel, its sweep, or the core's usl
// functions.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "plot.h"
#include "scenes/scaling.h"
#include "theme.h"
#include "touch.h"
#include "usl.h"

namespace dsviz::ui::scaling_plots {

using SM = ScalingModel;

std::string rps(double v) { return fmt::rate(v, "req/s"); }
std::string alpha_text(double a) { return fmt::percent(a, 2); }
std::string beta_text(double b) { return fmt::number(b); }

//-----------------------------------------------------------------------------
// Plots
//-----------------------------------------------------------------------------

void note(const char* t, ImU32 col = 0) {
  ImGui::PushFont(fonts().small);
  if (col) ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::TextWrapped("%s", t);
  if (col) ImGui::PopStyleColor();
  ImGui::PopFont();
}

struct Key {
  ImU32 col;
  std::string text;
  bool line = true;
};
void legend(const std::vector<Key>& keys) {
  ImGui::PushFont(fonts().small);
  for (size_t i = 0; i < keys.size(); ++i) {
    // Wraps before a key that would run off the right edge.
    if (i > 0 && ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(keys[i].text.c_str()).x + 24) ImGui::NewLine();
    legend_key(keys[i].col, keys[i].text.c_str(), keys[i].line);
  }
  ImGui::NewLine();
  ImGui::PopFont();
}

// The plot's size: what is left above its legend (at least readable).
ImVec2 plot_size(const std::vector<Key>* keys) {
  const ImVec2 r = ImGui::GetContentRegionAvail();
  float leg = 0;
  if (keys) {
    ImGui::PushFont(fonts().small);
    float x = 0;
    int lines = 1;
    for (const Key& k : *keys) {
      const float kw = ImGui::CalcTextSize(k.text.c_str()).x + 31;
      if (x > 0 && x + kw > r.x) {
        ++lines;
        x = 0;
      }
      x += kw;
    }
    leg = float(lines) * ImGui::GetTextLineHeightWithSpacing() + 2;
    ImGui::PopFont();
  }
  return ImVec2(r.x, std::max(110.0f, r.y - leg - 2));
}

void plot_throughput(const SM& m, const Palette& pal, bool tiny) {
  const ScalingSweep& sw = m.sweep();
  const UslFit& fit = sw.fit();
  std::vector<double> xs, ys;
  double top = 1;
  for (const ThroughputPoint& p : sw.throughput()) {
    xs.push_back(p.nodes);
    ys.push_back(p.throughput_rps);
    top = std::max(top, p.throughput_rps);
  }
  const double n_max = ScalingSweep::sweep_nodes().back();
  if (fit.ok) top = std::max(top, fit.amdahl(n_max));
  const double peak = fit.ok ? fit.peak_n() : 0;
  char t[320];
  if (!fit.ok) {
    std::snprintf(t, sizeof t, "Measuring capacity at each N (%s so far)...", fmt::count(xs.size(), "point", "points").c_str());
  } else if (peak > 0 && ImGui::GetContentRegionAvail().x < 520) {
    std::snprintf(t, sizeof t, "USL fit: alpha %s, beta %s, N* %s nodes", alpha_text(fit.alpha).c_str(), beta_text(fit.beta).c_str(),
                  fmt::number(std::round(peak)).c_str());
  } else if (peak > 0) {
    std::snprintf(t, sizeof t, "USL fitted to the sweep: alpha %s (contention), beta %s (coherence), N* = sqrt((1 - alpha) / beta) = %s nodes; one node %s.",
                  alpha_text(fit.alpha).c_str(), beta_text(fit.beta).c_str(), fmt::number(std::round(peak)).c_str(), rps(fit.lambda).c_str());
  } else {
    std::snprintf(t, sizeof t, "USL fitted to the sweep: alpha %s, beta 0: no peak N*, the curve only levels off (Amdahl); one node %s.",
                  alpha_text(fit.alpha).c_str(), rps(fit.lambda).c_str());
  }
  if (!tiny) note(t);
  const std::vector<Key> keys = {{pal.message, "simulated (sweep)", false}, {pal.ok, "USL fit"}, {pal.warning, "Amdahl (same alpha, beta 0)"}};
  {
    Plot plot("Capacity against nodes (closed loop)", plot_size(tiny ? nullptr : &keys), PlotAxis{1, n_max, [](double v) { return fmt::count(uint64_t(v), "node", "nodes"); }},
              PlotAxis{0, top * 1.08, rps});
    if (fit.ok) {
      plot.curve([&](double n) { return fit.amdahl(n); }, pal.warning, 1.5f);
      plot.curve([&](double n) { return fit.throughput(n); }, pal.ok, 2.0f);
      if (peak > 1 && peak <= n_max) plot.vline(peak, pal.ok, ("N* " + fmt::number(std::round(peak))).c_str(), 0);
    }
    plot.vline(m.nodes(), pal.node_border, ("now " + fmt::count(m.nodes(), "node", "nodes")).c_str(), 1);
    plot.points(xs.data(), ys.data(), int(xs.size()), pal.message);
  }
  if (!tiny) legend(keys);
}

void plot_latency(const SM& m, const Palette& pal, bool tiny) {
  const ScalingSweep& sw = m.sweep();
  const std::vector<LatencyPoint>* sets[2] = {&sw.vertical_latency(), &sw.horizontal_latency()};
  const ImU32 cols[2] = {pal.hidden, pal.node_border};
  double x_hi = 0, y_lo = 1e18, y_hi = 0;
  for (const auto* s : sets)
    for (const LatencyPoint& p : *s) {
      x_hi = std::max(x_hi, p.load_rps);
      if (p.p50_ms > 0) y_lo = std::min(y_lo, p.p50_ms);
      y_hi = std::max(y_hi, p.p99_ms);
    }
  if (x_hi <= 0 || y_hi <= 0) {
    note("Latency points come after the capacities: measuring...", pal.muted);
    return;
  }
  if (!tiny) note("Both systems on one load axis (fractions of the larger capacity); red dots: requests dropped, past capacity.");
  const std::vector<Key> keys = {{pal.hidden, "big machine, " + fmt::count(m.vertical_cores(), "core", "cores")},
          {pal.node_border, fmt::count(m.nodes(), "node", "nodes")},
          {pal.failed, "dropped some", false}, {alpha(pal.muted, 0.6f), "work per request (mean)"}};
  {
    Plot plot("Latency against offered load (p99 thick, p50 thin)", plot_size(tiny ? nullptr : &keys), PlotAxis{0, x_hi * 1.05, rps},
              PlotAxis{std::max(0.01, y_lo * 0.7), y_hi * 1.5, [](double v) { return fmt::ms(v); }, true});
    for (int k = 0; k < 2; ++k) {
      std::vector<double> xs, p50, p99;
      for (const LatencyPoint& p : *sets[k]) {
        xs.push_back(p.load_rps);
        p50.push_back(p.p50_ms);
        p99.push_back(p.p99_ms);
      }
      plot.line(xs.data(), p50.data(), int(xs.size()), alpha(cols[k], 0.7f), 1.2f);
      plot.line(xs.data(), p99.data(), int(xs.size()), cols[k], 2.5f);
      plot.points(xs.data(), p99.data(), int(xs.size()), cols[k], 3);
      for (const LatencyPoint& p : *sets[k])
        if (p.dropped_fraction > 0) plot.points(&p.load_rps, &p.p99_ms, 1, pal.failed, 5);
    }
    const double load = m.get(SM::kLoadRps);
    if (load <= x_hi * 1.05) plot.vline(load, pal.muted, "offered now");
    plot.hline(m.get(SM::kServiceMs), alpha(pal.muted, 0.6f));
  }
  if (!tiny) legend(keys);
}

void plot_cost(const SM& m, const Palette& pal, bool tiny) {
  const ScalingSweep& sw = m.sweep();
  if (!sw.capacity_done()) {
    note("Cost per 1,000 req/s needs the measured capacities: measuring...", pal.muted);
    return;
  }
  const double ch = metric_value(m, "cost_per_krps_horizontal_usd_h"), cv = metric_value(m, "cost_per_krps_vertical_usd_h");
  auto text = [](double usd_h, double per_k, double cap) {
    return fmt::usd(per_k) + "/h per 1,000 req/s (" + fmt::usd(usd_h) + "/h, " + rps(cap) + ")";
  };
  ImGui::PushFont(fonts().small);
  bar_rows("cost", {{"Big machine, " + fmt::count(m.vertical_cores(), "core", "cores"), cv, text(m.vertical_usd_h(), cv, sw.vertical_capacity_rps()), pal.hidden},
                    {fmt::count(m.nodes(), "node", "nodes"), ch, text(m.horizontal_usd_h(), ch, sw.horizontal_capacity_rps()), pal.node_border}},
           std::max(ch, cv));
  ImGui::PopFont();
  if (tiny) return;
  note("Capacity measured by the sweep at these sizes. The big machine's price per hour (below): linear within one family, then steep to the largest shape; nothing bigger exists.");
  std::vector<double> xs, ys;
  for (const LadderRung& r : vertical_ladder()) {
    xs.push_back(r.cores);
    ys.push_back(r.usd_h);
  }
  const std::vector<Key> keys = {{pal.hidden, "machines one can rent"}, {pal.node_border, "the " + fmt::count(m.nodes(), "node", "nodes") + " together"}};
  {
    Plot plot("Price of one machine by size", plot_size(&keys),
              PlotAxis{xs.front(), xs.back(), [](double v) { return fmt::count(uint64_t(std::lround(v)), "core", "cores"); }, true},
              PlotAxis{ys.front() * 0.7, ys.back() * 1.4, [](double v) { return fmt::usd(v) + "/h"; }, true});
    plot.line(xs.data(), ys.data(), int(xs.size()), pal.hidden, 2);
    plot.points(xs.data(), ys.data(), int(xs.size()), pal.hidden);
    plot.hline(m.horizontal_usd_h(), pal.node_border);
    plot.vline(m.vertical_cores(), pal.muted, ("now " + fmt::count(m.vertical_cores(), "core", "cores")).c_str());
  }
  if (!tiny) legend(keys);
}


void plot_lesson(const SM& m, const Palette& pal, bool tiny) {
  const ScalingSweep& sw = m.sweep();
  const double load = m.get(SM::kLoadRps), cross = m.lesson_crossover_rps();
  const uint32_t c = m.vertical_cores();
  if (!tiny) {
    char t[400];
    std::snprintf(t, sizeof t,
                  "At %s: one fast server (all %s on each request, %sx faster) answers in %s on average; %s one-core servers sharing a queue in %s "
                  "(Erlang C: %s of requests wait). %s",
                  rps(load).c_str(), fmt::count(c, "core", "cores").c_str(), fmt::number(m.lesson_speedup()).c_str(),
                  fmt::ms(m.lesson_fast_mean_ms(load)).c_str(), fmt::grouped(c).c_str(), fmt::ms(m.lesson_pool_mean_ms(load)).c_str(),
                  fmt::percent(m.lesson_erlang_c(load)).c_str(),
                  cross > 0 ? ("The pool answers sooner above " + rps(cross) + " (M/M/1 vs M/M/c).").c_str()
                            : "The fast server is sooner at every load here (M/M/1 vs M/M/c).");
    note(t);
  }
  double x_hi = 0;
  for (const auto* s : {&sw.fast_latency(), &sw.pool_latency()})
    for (const LatencyPoint& p : *s) x_hi = std::max(x_hi, p.load_rps);
  if (x_hi <= 0) x_hi = std::max(load, cross) * 1.2;
  x_hi = std::max(x_hi * 1.08, cross * 1.1);
  const double y_lo = m.lesson_fast_mean_ms(0) * 0.7, y_hi = m.lesson_pool_mean_ms(0) * 8;
  const std::vector<Key> keys = {{pal.hidden, "one fast server (M/M/1)"}, {pal.node_border, "pool (M/M/c)"}, {pal.muted, "simulated", false}};
  {
    Plot plot("Mean response against load: fast server vs pool", plot_size(tiny ? nullptr : &keys), PlotAxis{0, x_hi, rps},
              PlotAxis{y_lo, y_hi, [](double v) { return fmt::ms(v); }, true});
    plot.curve([&](double x) { return m.lesson_fast_mean_ms(x); }, pal.hidden);
    plot.curve([&](double x) { return m.lesson_pool_mean_ms(x); }, pal.node_border);
    const std::vector<LatencyPoint>* sets[2] = {&sw.fast_latency(), &sw.pool_latency()};
    const ImU32 cols[2] = {pal.hidden, pal.node_border};
    for (int k = 0; k < 2; ++k)
      for (const LatencyPoint& p : *sets[k]) plot.points(&p.load_rps, &p.mean_ms, 1, cols[k], 3.5f);
    if (cross > 0) plot.vline(cross, pal.ok, "flips here", 0);
    if (load <= x_hi) plot.vline(load, pal.muted, "offered now", 1);
  }
  if (!tiny) legend(keys);
}

}  // namespace dsviz::ui::scaling_plots
