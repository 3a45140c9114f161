// Scene "scaling" (chapter: Scalability). Top: the two systems under the same
// requests, the big machine with its cores as slots and N commodity nodes
// with the serial section they share, each clickable to crash. Below, one
// plot at a time (tabs): throughput against N with the USL fitted to the
// sweep, latency against load, cost per 1,000 req/s, the $100,000 budget and
// the fast-server-or-pool queueing lesson. Every figure comes from
// ScalingModel, its sweep, or the core's usl functions.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "plot.h"
#include "scenes/scaling.h"
#include "theme.h"
#include "views.h"

namespace dsviz::ui {

// Which plot the reader picked (index into the tabs).
struct ScalingView {
  int plot = 0;
};

namespace {

using SM = ScalingModel;
enum PlotKind { kThroughput, kLatency, kCost, kBudget, kLesson, kPlots };
const char* const kTabNames[kPlots] = {"Throughput", "Latency", "Cost", "Budget", "Fast vs pool"};

std::string rps(double v) { return fmt::rate(v, "req/s"); }
std::string ns_ms(double ns) { return fmt::ms(ns / 1e6); }
std::string alpha_text(double a) { return fmt::percent(a, 2); }
std::string beta_text(double b) { return fmt::number(b); }

// The one figure the view reads from metrics(): its price per 1,000 req/s.
double metric(const SM& m, const char* key) {
  std::vector<Metric> out;
  m.metrics(out);
  for (const Metric& x : out)
    if (x.key == key) return x.value;
  return 0;
}

void farm_line(const Farm& f, const char* price) {
  char t[200];
  const Histogram& h = f.latency();
  std::snprintf(t, sizeof t, "served %s, dropped %s, p50 %s, p99 %s, %s", fmt::grouped(f.served()).c_str(),
                fmt::grouped(f.dropped()).c_str(), h.count() ? ns_ms(h.quantile(0.5)).c_str() : "-",
                h.count() ? ns_ms(h.quantile(0.99)).c_str() : "-", price);
  ImGui::PushFont(fonts().small);
  ImGui::TextWrapped("%s", t);
  ImGui::PopFont();
}

// The serial section a farm shares: how many requests are in it and whether
// every worker is waiting for it right now.
void serial_box(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const Farm& f, const Palette& pal, const char* what) {
  const bool st = f.stalled();
  dl->AddRectFilled(p0, p1, st ? alpha(pal.warning, 0.35f) : alpha(pal.muted, 0.12f), 4);
  dl->AddRect(p0, p1, st ? pal.warning : pal.muted, 4, 0, 1.5f);
  char t[96];
  std::snprintf(t, sizeof t, "%s: %s%s", what, fmt::count(f.serial_queued(), "request", "requests").c_str(),
                st ? ", all wait" : "");
  ImGui::PushClipRect(p0, p1, true);
  dl->AddText(ImVec2(p0.x + 4, (p0.y + p1.y) * 0.5f - ImGui::GetTextLineHeight() * 0.5f), st ? pal.text : pal.muted, t);
  ImGui::PopClipRect();
}

// The big machine: a chassis with one cell per core (lit: busy), its run
// queue and its on-chip serial section. Click it to crash or restart it.
void draw_vertical(SM& m, const Palette& pal, float w, float h) {
  const Farm& f = m.farm(SM::kVertical);
  const Area ar = area_here();
  ImDrawList* dl = ar.dl;
  const ImVec2 a = ar.a;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const bool up = f.workers_up() > 0;
  char head[120];
  std::snprintf(head, sizeof head, "One big machine: %s%s", fmt::count(f.workers(), "core", "cores").c_str(),
                up ? "" : " - DOWN (outage)");
  if (ImGui::CalcTextSize(head).x > w)
    std::snprintf(head, sizeof head, "Big machine: %s%s", fmt::count(f.workers(), "core", "cores").c_str(), up ? "" : ", DOWN");
  dl->AddText(a, up ? pal.text : pal.failed, head);
  const ImVec2 c0(a.x, a.y + line + 2), c1(a.x + w, a.y + h - line - 4);
  dl->AddRectFilled(c0, c1, up ? alpha(pal.node, 0.5f) : pal.node_down, 6);
  dl->AddRect(c0, c1, up ? pal.node_border : pal.failed, 6, 0, 2);
  // Cells: as square as the chassis allows.
  const uint32_t n = f.workers();
  const float iw = c1.x - c0.x - 8, ih = c1.y - c0.y - 8;
  const double ideal = std::sqrt(double(n) * iw / std::max(1.0f, ih));
  int cols = std::max(1, int(std::ceil(ideal)));
  for (int c = std::max(1, int(ideal * 0.75)); c <= int(ideal * 1.34) + 1; ++c)
    if ((uint32_t(c) - n % uint32_t(c)) % uint32_t(c) < (uint32_t(cols) - n % uint32_t(cols)) % uint32_t(cols)) cols = c;
  int rows = int((n + uint32_t(cols) - 1) / uint32_t(cols));
  const float cw = iw / float(cols), chh = ih / float(std::max(1, rows));
  for (uint32_t i = 0; i < n; ++i) {
    const float x = c0.x + 4 + cw * float(i % uint32_t(cols)), y = c0.y + 4 + chh * float(i / uint32_t(cols));
    const ImU32 col = !f.up(i) ? alpha(pal.failed, 0.4f) : f.busy(i) ? pal.message : alpha(pal.link, 0.6f);
    dl->AddRectFilled(ImVec2(x + 1, y + 1), ImVec2(x + std::max(2.0f, cw - 1), y + std::max(2.0f, chh - 1)), col, 1);
  }
  if (!up) cross(dl, ImVec2((c0.x + c1.x) * 0.5f, (c0.y + c1.y) * 0.5f), std::min(c1.y - c0.y, 60.0f) * 0.4f, pal.failed, 3);
  ImGui::SetCursorScreenPos(c0);
  if (ImGui::InvisibleButton("big", ImVec2(std::max(1.0f, c1.x - c0.x), std::max(44.0f, c1.y - c0.y)))) m.toggle_vertical();
  if (ImGui::BeginItemTooltip()) {
    uint32_t busy = 0;
    for (uint32_t i = 0; i < n; ++i) busy += f.busy(i) ? 1 : 0;
    ImGui::Text("%s busy of %s up; %s in the run queue", fmt::grouped(busy).c_str(), fmt::grouped(f.workers_up()).c_str(),
                fmt::count(f.shared_queued(), "request", "requests").c_str());
    ImGui::TextDisabled("Click to %s it: one machine, so a crash is an outage.", up ? "crash" : "restart");
    ImGui::EndTooltip();
  }
  const ImVec2 s0(a.x, a.y + h - line - 2), s1(a.x + w, a.y + h);
  char q[64];
  std::snprintf(q, sizeof q, "queue %s | ", fmt::grouped(f.shared_queued()).c_str());
  dl->AddText(s0, pal.muted, q);
  serial_box(dl, ImVec2(s0.x + ImGui::CalcTextSize(q).x, s0.y), s1, f, pal, "on-chip serial");
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
}

// N commodity nodes as a grid of small machines (click one to crash it) and
// the serial section they all share across the network.
void draw_horizontal(SM& m, const Palette& pal, float w, float h) {
  const Farm& f = m.farm(SM::kHorizontal);
  const Area ar = area_here();
  ImDrawList* dl = ar.dl;
  const ImVec2 a = ar.a;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const uint32_t n = f.workers();
  char head[120];
  std::snprintf(head, sizeof head, "%s behind a balancer: %s up", fmt::count(n, "commodity node", "commodity nodes").c_str(),
                fmt::grouped(f.workers_up()).c_str());
  if (ImGui::CalcTextSize(head).x > w)
    std::snprintf(head, sizeof head, "%s, %s up", fmt::count(n, "node", "nodes").c_str(), fmt::grouped(f.workers_up()).c_str());
  dl->AddText(a, f.workers_up() < n ? pal.warning : pal.text, head);
  const float gy0 = a.y + line + 4, gy1 = a.y + h - line - 4;
  const float gw = w, gh = std::max(8.0f, gy1 - gy0);
  int cols = std::max(1, int(std::ceil(std::sqrt(double(n) * gw / gh))));
  int rows = int((n + uint32_t(cols) - 1) / uint32_t(cols));
  while (rows > 1 && float(cols + 1) * (gh / float(rows)) <= gw && (n + uint32_t(cols)) / uint32_t(cols + 1) < uint32_t(rows)) {
    ++cols;
    rows = int((n + uint32_t(cols) - 1) / uint32_t(cols));
  }
  const float step = std::min(gw / float(cols), gh / float(rows));
  const float r = std::max(2.5f, std::min(18.0f, step * 0.42f));
  for (uint32_t i = 0; i < n; ++i) {
    const std::string label = std::to_string(i + 1);
    Machine mc;
    mc.center = ImVec2(a.x + step * (float(i % uint32_t(cols)) + 0.5f), gy0 + step * (float(i / uint32_t(cols)) + 0.5f));
    mc.radius = r;
    mc.up = f.up(i);
    mc.fill = f.busy(i) ? alpha(pal.message, 0.75f) : 0;  // busy: lit like the big machine's cores
    mc.overloaded = f.queued(i) >= 4;
    mc.label = r >= 11 ? label.c_str() : nullptr;
    if (machine(int(i), mc)) m.toggle_node(i);
    if (ImGui::BeginItemTooltip()) {
      ImGui::Text("Node %u: %s, %s, %s queued", i + 1, f.up(i) ? "up" : "down", f.busy(i) ? "busy" : "idle",
                  fmt::grouped(f.queued(i)).c_str());
      ImGui::TextDisabled("Click to %s it: 1 of %u nodes.", f.up(i) ? "crash" : "restart", n);
      ImGui::EndTooltip();
    }
  }
  serial_box(dl, ImVec2(a.x, a.y + h - line - 2), ImVec2(a.x + w, a.y + h), f, pal, "shared serial section (network)");
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
}

void draw_systems(SM& m, const ViewContext& ctx, const Palette& pal, bool side, bool tiny, float h) {
  const float w = ImGui::GetContentRegionAvail().x;
  const float gap = 12 * ctx.scale;
  const float cw = side ? (w - gap) * 0.5f : w;
  char price[64];
  ImGui::BeginGroup();
  draw_vertical(m, pal, cw, h);
  std::snprintf(price, sizeof price, "%s/h", fmt::usd(m.vertical_usd_h()).c_str());
  if (!tiny) farm_line(m.farm(SM::kVertical), price);
  ImGui::EndGroup();
  if (side) ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  draw_horizontal(m, pal, cw, h);
  std::snprintf(price, sizeof price, "%s/h", fmt::usd(m.horizontal_usd_h()).c_str());
  if (!tiny) farm_line(m.farm(SM::kHorizontal), price);
  ImGui::EndGroup();
}

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
  const double ch = metric(m, "cost_per_krps_horizontal_usd_h"), cv = metric(m, "cost_per_krps_vertical_usd_h");
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

// The availability scene measures the same contrast over months: one
// server against replicas.
void draw_links(const ViewContext& ctx, const Palette& pal) {
  const float tap = ctx.compact ? 44 * ctx.scale : ImGui::GetFrameHeight();
  note("The same contrast over months, in the availability scene:", pal.muted);
  const struct {
    const char* label;
    const char* link;
  } links[] = {{"One server", "scene=availability&replicas=1"}, {"7 replicas", "scene=availability&replicas=7"}};
  for (int i = 0; i < 2; ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::Button(links[i].label, ImVec2(0, tap)) && ctx.open_link) ctx.open_link(links[i].link);
    ImGui::SetItemTooltip("Opens ?%s", links[i].link);
  }
}

void plot_budget(const SM& m, const ViewContext& ctx, const Palette& pal, bool tiny) {
  if (!m.sweep().capacity_done()) {
    note("The budget view uses the fit of the sweep: measuring...", pal.muted);
    return;
  }
  const SM::Budget b = m.budget();
  note("ILLUSTRATIVE: the chapter's figures. No public price exists for a $100,000 server; it is taken as the top of the ladder.", pal.warning);
  char big[96], small[96];
  std::snprintf(big, sizeof big, "1 server of %s (%s)", fmt::usd(b.budget_usd).c_str(), fmt::count(b.big_cores, "core", "cores").c_str());
  std::snprintf(small, sizeof small, "%s of %s", fmt::count(b.small_servers, "server", "servers").c_str(),
                fmt::usd(b.budget_usd / b.small_servers).c_str());
  // Near or past the peak N*, one server fewer serves about as much: the
  // fit's figure is then ~0 or below; say so rather than print "-0.00 %".
  const bool flat = b.small_lost_on_crash < 0.5 / b.small_servers;
  const std::string lost_small = flat ? "about 0 % (near N*)" : fmt::percent(b.small_lost_on_crash, 2);
  ImGui::PushFont(fonts().small);
  ImGui::TextDisabled("Capacity");
  bar_rows("cap", {{big, b.big_capacity_rps, rps(b.big_capacity_rps), pal.hidden},
                   {small, b.small_capacity_rps, rps(b.small_capacity_rps), pal.node_border}},
           std::max(b.big_capacity_rps, b.small_capacity_rps));
  ImGui::TextDisabled("Capacity lost when one server crashes");
  bar_rows("lost", {{big, b.big_lost_on_crash, fmt::percent(b.big_lost_on_crash) + " (an outage)", pal.failed},
                    {small, b.small_lost_on_crash, lost_small, pal.warning}},
           1.0);
  ImGui::PopFont();
  if (!tiny)
    note(flat ? "Big: the USL at the on-chip settings. Small: the USL fitted to the sweep, at 100 and at 99 nodes; near its peak N* one node "
                "more or less changes little. Crash one of each above to watch it live."
              : "Big: the USL at the on-chip settings. Small: the USL fitted to the sweep, at 100 and at 99 nodes. Crash one of each above to "
                "watch it live.");
  draw_links(ctx, pal);
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

void draw_plot(const SM& m, int k, const ViewContext& ctx, const Palette& pal, bool tiny) {
  switch (k) {
    case kThroughput: plot_throughput(m, pal, tiny); break;
    case kLatency: plot_latency(m, pal, tiny); break;
    case kCost: plot_cost(m, pal, tiny); break;
    case kBudget: plot_budget(m, ctx, pal, tiny); break;
    default: plot_lesson(m, pal, tiny); break;
  }
}

void plot_tabs(const SM& m, ScalingView& v, const ViewContext& ctx, const Palette& pal, bool tiny, int first) {
  if (!ImGui::BeginTabBar(first == 0 ? "plots" : "plots2", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  for (int k = first; k < kPlots; ++k) {
    if (!ImGui::BeginTabItem(kTabNames[k])) continue;
    v.plot = k;
    draw_plot(m, k, ctx, pal, tiny);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

void scaling_view(SM& m, ScalingView& v, const ViewContext& ctx) {
  // The sweep behind the plots runs a little every frame (a setting change
  // restarts it), so no frame stalls.
  m.advance_sweep(20000);
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 300 * s || avail.x < 280 * s;
  const bool side = avail.x >= (tiny ? 360 : 480) * s;  // a small embed is wide, not tall
  const float sys_h = tiny ? std::clamp(avail.y * 0.3f, 56 * s, 80 * s)
                           : side ? std::clamp(avail.y * 0.3f, 110 * s, 190 * s) : std::clamp(avail.y * 0.17f, 96 * s, 140 * s);
  draw_systems(m, ctx, pal, side, tiny, sys_h);
  if (!tiny)
    note(ctx.compact ? "Tap a machine to crash or restart it."
                     : "Click the big machine to crash it (an outage), or one node (1/N of the capacity); click again to restart.",
         pal.muted);
  const ScalingSweep& sw = m.sweep();
  if (!sw.done()) {
    char t[64];
    std::snprintf(t, sizeof t, "measuring the sweep: %s", fmt::percent(sw.progress(), 0).c_str());
    ImGui::ProgressBar(float(sw.progress()), ImVec2(-1, 0), t);
  }
  const float w = ImGui::GetContentRegionAvail().x;
  if (w >= 900 * s && !tiny) {
    // Wide: capacity against N always in view, the rest in tabs beside it.
    const float h = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("tp", ImVec2((w - 12 * s) * 0.5f, h), 0, ImGuiWindowFlags_NoScrollbar);
    plot_throughput(m, pal, false);
    ImGui::EndChild();
    ImGui::SameLine(0, 12 * s);
    ImGui::BeginChild("rest", ImVec2(0, h));
    plot_tabs(m, v, ctx, pal, false, kLatency);
    ImGui::EndChild();
  } else {
    plot_tabs(m, v, ctx, pal, tiny, kThroughput);
  }
}

ViewEntry scaling_view_entry() { return view<SM, ScalingView, scaling_view>(scaling_scene()); }

}  // namespace dsviz::ui
