// Scene "scaling", the parts beside the plots (web/scenes/scaling_view.cpp
// draws the rest): the two systems under the same requests (the big machine
// with its cores as cells, N commodity nodes as a grid, each with the serial
// section it shares; click to crash) and the illustrative $100,000 budget.
// Every figure comes from ScalingModel.
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
#include "scenes/scaling.h"
#include "theme.h"
#include "touch.h"
#include "views.h"

namespace dsviz::ui {

// A note in the small font (web/scenes/scaling_plots.cpp).
namespace scaling_plots {
void note(const char* t, ImU32 col = 0);
}

namespace {

using scaling_plots::note;

using SM = ScalingModel;

std::string rps(double v) { return fmt::rate(v, "req/s"); }
std::string ns_ms(double ns) { return fmt::ms(ns / 1e6); }

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
    // Square cells: a rounded one is ~30 anti-aliased triangles instead of
    // 2, and hundreds of them are most of what a software renderer draws.
    dl->AddRectFilled(ImVec2(x + 1, y + 1), ImVec2(x + std::max(2.0f, cw - 1), y + std::max(2.0f, chh - 1)), col);
  }
  if (!up) cross(dl, ImVec2((c0.x + c1.x) * 0.5f, (c0.y + c1.y) * 0.5f), std::min(c1.y - c0.y, 60.0f) * 0.4f, pal.failed, 3);
  ImGui::SetCursorScreenPos(c0);
  if (ImGui::InvisibleButton("big", ImVec2(std::max(1.0f, c1.x - c0.x), std::max(44.0f, c1.y - c0.y)))) m.toggle_vertical();
  if (begin_tip()) {
    uint32_t busy = 0;
    for (uint32_t i = 0; i < n; ++i) busy += f.busy(i) ? 1 : 0;
    ImGui::Text("%s busy of %s up; %s in the run queue", fmt::grouped(busy).c_str(), fmt::grouped(f.workers_up()).c_str(),
                fmt::count(f.shared_queued(), "request", "requests").c_str());
    ImGui::TextDisabled("%s to %s it: one machine, so a crash is an outage.", tap_word(), up ? "crash" : "restart");
    end_tip();
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
    if (begin_tip()) {
      ImGui::Text("Node %u: %s, %s, %s queued", i + 1, f.up(i) ? "up" : "down", f.busy(i) ? "busy" : "idle",
                  fmt::grouped(f.queued(i)).c_str());
      ImGui::TextDisabled("%s to %s it: 1 of %u nodes.", tap_word(), f.up(i) ? "crash" : "restart", n);
      end_tip();
    }
  }
  serial_box(dl, ImVec2(a.x, a.y + h - line - 2), ImVec2(a.x + w, a.y + h), f, pal, "shared serial section (network)");
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

void scaling_systems(SM& m, const ViewContext& ctx, bool side, bool tiny, float h) {
  const Palette& pal = palette(ctx.dark);
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

namespace {

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
    tip("Opens ?%s", links[i].link);
  }
}

}  // namespace

void scaling_budget(const SM& m, const ViewContext& ctx, bool tiny) {
  const Palette& pal = palette(ctx.dark);
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

}  // namespace dsviz::ui
