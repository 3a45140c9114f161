// Scene "availability" (chapter: Reliability & Availability). Top: the
// replicas (inside their shared rack when failures are correlated) and the
// database they need, each clickable. Middle: the formulas with their numbers
// beside what the run measured, nines and downtime per year. Bottom: the
// measured availability over time converging to the formula's line. Every
// figure comes from AvailabilityModel or the core's availability functions.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw.h"
#include "faults.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "plot.h"
#include "scenes/availability.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

struct AvailabilityView {};  // nothing to remember: the model holds the run

// The formulas beside what the run measured (availability_parts.cpp).
void availability_figures(AvailabilityModel& m, bool tiny, const Palette& pal);

namespace {

using AM = AvailabilityModel;

bool click_area(const char* id, int n, ImVec2 p0, ImVec2 p1) {
  // A finger gets a 44 px tall target, centred on the row.
  const float h = std::fmax(1.0f, p1.y - p0.y), th = tap_height(h);
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y - (th - h) / 2));
  ImGui::PushID(n);
  bool hit = ImGui::InvisibleButton(id, ImVec2(std::fmax(1.0f, p1.x - p0.x), th));
  ImGui::PopID();
  return hit;
}

//-----------------------------------------------------------------------------
// Components
//-----------------------------------------------------------------------------

void component_tooltip(const AM& m, uint32_t c, const char* name, double mtbf_min, double mttr_min) {
  if (!begin_tip()) return;
  ImGui::Text("%s: %s", name, m.up(c) ? "up" : "down");
  ImGui::Text("MTBF %s, MTTR %s", fmt::minutes(mtbf_min).c_str(), fmt::minutes(mttr_min).c_str());
  ImGui::Text("Failures so far: %" PRIu64, m.failures(c));
  ImGui::TextDisabled("%s to %s it (counts in the measured figure)", tap_word(), m.up(c) ? "crash" : "repair");
  end_tip();
}

void draw_components(AM& m, const ViewContext& ctx, const Palette& pal, float height) {
  const float s = ctx.scale;
  const Area area = area_here();
  ImDrawList* dl = area.dl;
  const ImVec2 a = area.a;
  const float w = area.w;
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const uint32_t n = m.replicas();
  const bool db = m.has_database(), rack = m.correlated();

  // Service light on the left, replicas in the middle, the database right.
  const float light_w = ImGui::CalcTextSize("service DOWN").x + 10 * s;
  const float db_w = db ? std::fmin(110 * s, w * 0.22f) : 0;
  const float rx0 = a.x + light_w, rx1 = a.x + w - db_w - (db ? 16 * s : 0);
  const float cy = a.y + height * 0.5f + (rack ? line * 0.4f : 0);
  float r = std::fmin((rx1 - rx0) / (float(n) * 2.7f), height * 0.5f - line - 6 * s);
  r = std::fmax(7 * s, std::fmin(26 * s, r));

  // The service as its users see it.
  {
    ImVec2 c(a.x + light_w * 0.5f - 5 * s, cy);
    float lr = std::fmax(5 * s, std::fmin(14 * s, height * 0.5f - line - 2 * s));
    dl->AddCircleFilled(c, lr, m.service_up() ? pal.ok : pal.failed);
    text_at(dl, ImVec2(c.x, c.y + lr + line * 0.7f), m.service_up() ? pal.ok : pal.failed,
            m.service_up() ? "service up" : "service DOWN");
  }

  // The shared rack: a box around the replicas that can fail as one.
  const bool rack_up = !rack || m.up(m.rack());
  if (rack) {
    ImVec2 p0(rx0, cy - r - line - 6 * s), p1(rx1, cy + r + line + 4 * s);
    dl->AddRectFilled(p0, p1, rack_up ? alpha(pal.muted, 0.12f) : alpha(pal.failed, 0.22f), 6 * s);
    dl->AddRect(p0, p1, rack_up ? pal.muted : pal.failed, 6 * s, 0, 1.5f * s);
    char t[80];
    std::snprintf(t, sizeof t, "shared rack / power unit%s", rack_up ? "" : ": DOWN");
    dl->AddText(ImVec2(p0.x + 6 * s, p0.y + 2 * s), rack_up ? pal.muted : pal.failed, t);
    if (click_area("rack", 0, p0, ImVec2(p1.x, p0.y + line + 4 * s))) m.toggle(m.rack());
    component_tooltip(m, m.rack(), "Shared rack", m.get(AM::kRackMtbfMin), m.get(AM::kRackMttrMin));
  }

  const float step = (rx1 - rx0) / float(n);
  for (uint32_t i = 0; i < n; ++i) {
    const bool up = m.up(i);
    // A replica without power serves nothing, whatever its own state.
    const bool serving = up && rack_up;
    const std::string label = std::to_string(i + 1);
    Machine mc;
    mc.center = ImVec2(rx0 + step * (float(i) + 0.5f), cy);
    mc.radius = r;
    mc.up = up;
    mc.fill = serving ? 0 : alpha(pal.node, 0.4f);
    mc.label = label.c_str();
    if (machine(int(i), mc)) m.toggle(i);
    ctx.mark("node:" + std::to_string(i));
    component_tooltip(m, i, ("Replica " + label).c_str(), m.get(AM::kMtbfMin), m.get(AM::kMttrMin));
  }
  if (!rack && height > 2 * r + line * 2.5f) {
    char t[64];
    std::snprintf(t, sizeof t, n == 1 ? "a single server" : "%u replicas: any one can serve", n);
    text_at(dl, ImVec2((rx0 + rx1) * 0.5f, cy + r + line * 0.8f), pal.muted, t);
  }

  // The database every request needs: in series with the replicas.
  if (db) {
    const uint32_t d = m.database();
    ImVec2 p0(a.x + w - db_w, cy - r), p1(a.x + w, cy + r);
    dl->AddLine(ImVec2(rx1 + 2 * s, cy), ImVec2(p0.x - 2 * s, cy), pal.link, 2 * s);
    dl->AddRectFilled(p0, p1, m.up(d) ? pal.dependency : pal.node_down, 6 * s);
    dl->AddRect(p0, p1, m.up(d) ? pal.node_border : pal.failed, 6 * s, 0, 2 * s);
    if (!m.up(d)) cross(dl, ImVec2((p0.x + p1.x) * 0.5f, cy), r * 0.45f, pal.failed, 2.2f * s);
    else text_at(dl, ImVec2((p0.x + p1.x) * 0.5f, cy), pal.text, "database");
    const char* cap = "every request needs it";
    const float cw = ImGui::CalcTextSize(cap).x;
    const float cx = std::fmin((p0.x + p1.x) * 0.5f, a.x + w - cw * 0.5f);
    text_at(dl, ImVec2(cx, p1.y + line * 0.7f), pal.muted, cap);
    if (click_area("db", 0, p0, p1)) m.toggle(d);
    component_tooltip(m, d, "Database", m.get(AM::kDbMtbfMin), m.get(AM::kDbMttrMin));
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, height));
}

//-----------------------------------------------------------------------------
// Convergence plot
//-----------------------------------------------------------------------------

void draw_plot(const AM& m, const char* title, const TimeSeries& series, double measured_now, double analytic,
               double second_line, ImVec2 size) {
  const Palette& pal = palette();
  // Vertical range: from a little below the lowest reference up to 100 %,
  // so the formula's line sits in view and the measured curve falls onto it.
  double low = std::fmin(std::fmin(analytic, second_line), measured_now);
  double lo = std::fmax(0.0, low - 1.5 * (1.0 - low));
  if (1.0 - lo < 1e-9) lo = 1.0 - 1e-9;
  const double now_s = to_s(m.now());
  PlotAxis x{0, now_s > 0 ? now_s : 1, [](double v) { return v == 0 ? std::string("0") : fmt::duration(from_s(v)); }};
  PlotAxis y{lo, 1.0, [](double v) { return fmt::availability(v); }};
  Plot plot(title, size, x, y);
  plot.hline(analytic, pal.ok);
  if (second_line != analytic) plot.hline(second_line, pal.hidden);
  plot.series(series, now_s, measured_now, pal.message);
}

void draw_legend(const AM& m, const Palette& pal) {
  ImGui::PushFont(fonts().small);
  legend_key(pal.ok, "formula (independent failures)");
  if (m.correlated()) legend_key(pal.hidden, "with the shared rack");
  legend_key(pal.message, "measured in this run");
  ImGui::NewLine();
  ImGui::PopFont();
}

void draw_skip(AM& m, const ViewContext& ctx, bool tiny) {
  // Convergence takes thousands of failures: let the reader jump ahead
  // instead of waiting. The model runs exactly as it would have at speed.
  ImGui::TextDisabled(tiny ? "Skip" : "Skip ahead");
  struct {
    const char* label;
    Time dt;
  } jumps[] = {{"+1 day", 24 * kHour}, {"+30 days", 30 * 24 * kHour}, {"+1 year", Time(365.25 * 24) * kHour}};
  for (const auto& j : jumps) {
    ImGui::SameLine();
    // A replay toward the later moment: the transport runs it a frame's
    // budget at a time with its progress shown, so a year of a busy run
    // never freezes the page.
    if (small_button(j.label) && !m.replaying()) m.replay_begin(m.now() + j.dt);
  }
  if (!tiny && !ctx.compact) {
    ImGui::SameLine();
    ImGui::TextDisabled("(teaching scale: MTBF in minutes, not months)");
  }
}

}  // namespace

void availability_view(AM& m, AvailabilityView&, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  // Tiny (an embed down to 320x240): components, one line of figures, one plot.
  const bool tiny = avail.y < 300 * s || avail.x < 280 * s;

  draw_skip(m, ctx, tiny);
  float comp_h = tiny ? std::fmax(34 * s, std::fmin(60 * s, avail.y * 0.28f))
                      : std::fmax(60 * s, std::fmin(130 * s, avail.y * 0.22f));
  ImGui::BeginGroup();
  draw_components(m, ctx, pal, comp_h);
  ImGui::EndGroup();
  ctx.mark("area:replicas");
  availability_figures(m, tiny, pal);
  if (!tiny) draw_legend(m, pal);

  ImVec2 rest = ImGui::GetContentRegionAvail();
  float h = std::fmax(80 * s, rest.y - 2 * s);
  // The textbook line assumes independent failures; with a shared rack the
  // model's own figure (rack included) is drawn beside it.
  const double textbook = m.independent_availability();
  const double second = m.analytic_availability();
  char title[64];
  std::snprintf(title, sizeof title, "Service (%u %s)", m.replicas(), m.replicas() == 1 ? "server" : "replicas");
  if (tiny) {
    if (rest.y < 60 * s) return;  // no room for a readable plot
    ImGui::BeginGroup();
    draw_plot(m, title, m.service_series(), m.simulated_availability(), textbook, second,
              ImVec2(rest.x, h));
    ImGui::EndGroup();
    ctx.mark("plot:availability");
    return;
  }
  const bool side = rest.x >= 640 * s;
  ImVec2 size = side ? ImVec2((rest.x - 8 * s) * 0.5f, h) : ImVec2(rest.x, (h - 4 * s) * 0.5f);
  ImGui::BeginGroup();
  draw_plot(m, title, m.service_series(), m.simulated_availability(), textbook, second, size);
  ImGui::EndGroup();
  ctx.mark("plot:availability");
  if (side) ImGui::SameLine(0, 8 * s);
  ImGui::BeginGroup();
  draw_plot(m, "Single server (replica 1)", m.single_series(), m.single_simulated_availability(),
            m.node_availability(), m.node_availability(), size);
  ImGui::EndGroup();
  ctx.mark("plot:single");
}

ViewEntry availability_view_entry() {
  return view<AM, AvailabilityView, availability_view>(availability_scene());
}

}  // namespace dsviz::ui
