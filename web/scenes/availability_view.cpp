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

#include "faults.h"
#include "imgui.h"
#include "scenes/availability.h"
#include "theme.h"
#include "draw.h"
#include "views.h"

namespace dsviz::ui {
namespace {

using AM = AvailabilityModel;

std::string pct(double a) {
  // Enough digits to see the nines: 90.91 %, 99.925 %, 99.99990 %.
  char b[32];
  if (a >= 1.0) return "100 %";
  const double n = nines(a);
  int digits = n < 1.5 ? 2 : n < 5 ? int(n) + 1 : 5;
  std::snprintf(b, sizeof b, "%.*f %%", digits, 100.0 * a);
  return b;
}

std::string hours_per_year(double a) {
  const double h = downtime_per_year_h(a);
  char b[40];
  if (h >= 48) std::snprintf(b, sizeof b, "%.1f d", h / 24);
  else if (h >= 1) std::snprintf(b, sizeof b, "%.2f h", h);
  else if (h * 60 >= 1) std::snprintf(b, sizeof b, "%.1f min", h * 60);
  else std::snprintf(b, sizeof b, "%.1f s", h * 3600);
  return b;
}

std::string minutes(double v) {
  char b[32];
  std::snprintf(b, sizeof b, v < 10 ? "%.3g min" : "%.0f min", v);
  return b;
}

void cross(ImDrawList* dl, ImVec2 c, float k, ImU32 col, float th) {
  dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), col, th);
  dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), col, th);
}

bool click_area(const char* id, int n, ImVec2 p0, ImVec2 p1) {
  ImGui::SetCursorScreenPos(p0);
  ImGui::PushID(n);
  bool hit = ImGui::InvisibleButton(id, ImVec2(std::fmax(1.0f, p1.x - p0.x), std::fmax(1.0f, p1.y - p0.y)));
  ImGui::PopID();
  return hit;
}

//-----------------------------------------------------------------------------
// Components
//-----------------------------------------------------------------------------

void component_tooltip(const AM& m, uint32_t c, const char* name, double mtbf_min, double mttr_min) {
  if (!ImGui::BeginItemTooltip()) return;
  ImGui::Text("%s: %s", name, m.up(c) ? "up" : "down");
  ImGui::Text("MTBF %s, MTTR %s", minutes(mtbf_min).c_str(), minutes(mttr_min).c_str());
  ImGui::Text("Failures so far: %" PRIu64, m.failures(c));
  ImGui::TextDisabled("Click to %s it (counts in the measured figure)", m.up(c) ? "crash" : "repair");
  ImGui::EndTooltip();
}

void draw_components(AM& m, const ViewContext& ctx, const Palette& pal, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.dpi_scale;
  ImVec2 a = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
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
    component_tooltip(m, m.rack(), "Shared rack", m.get("rack_mtbf_min"), m.get("rack_mttr_min"));
  }

  const float step = (rx1 - rx0) / float(n);
  for (uint32_t i = 0; i < n; ++i) {
    ImVec2 c(rx0 + step * (float(i) + 0.5f), cy);
    const bool up = m.up(i);
    // A replica without power serves nothing, whatever its own state.
    const bool serving = up && rack_up;
    dl->AddCircleFilled(c, r, up ? (serving ? pal.node : alpha(pal.node, 0.4f)) : pal.node_down);
    dl->AddCircle(c, r, up ? (serving ? pal.ok : pal.muted) : pal.failed, 0, 2.2f * s);
    if (!up) cross(dl, c, r * 0.5f, pal.failed, 2.2f * s);
    else {
      char t[16];
      std::snprintf(t, sizeof t, "%u", i + 1);
      text_at(dl, c, pal.text, t);
    }
    if (click_area("replica", int(i), ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r))) m.toggle(i);
    char name[24];
    std::snprintf(name, sizeof name, "Replica %u", i + 1);
    component_tooltip(m, i, name, m.get("mtbf_min"), m.get("mttr_min"));
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
    component_tooltip(m, d, "Database", m.get("db_mtbf_min"), m.get("db_mttr_min"));
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, height));
}

//-----------------------------------------------------------------------------
// Formulas and figures
//-----------------------------------------------------------------------------

void draw_figures(AM& m, bool tiny, const Palette& pal) {
  const uint32_t n = m.replicas();
  const double a = m.node_availability();
  char f[160];
  if (tiny) {
    std::snprintf(f, sizeof f, "Formula %s, measured %s (%s down / yr)", pct(m.analytic_availability()).c_str(),
                  pct(m.simulated_availability()).c_str(), hours_per_year(m.simulated_availability()).c_str());
    ImGui::TextWrapped("%s", f);
    return;
  }
  // Narrow (a phone): three columns, the formula's value and each downtime
  // under their figures.
  const bool narrow = ImGui::GetContentRegionAvail().x < 560.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("fig", narrow ? 3 : 5, flags)) return;
  ImGui::TableSetupColumn("", 0, 1.1f);
  ImGui::TableSetupColumn("formula", 0, 2.2f);
  if (!narrow) ImGui::TableSetupColumn("gives", 0, 1.0f);
  ImGui::TableSetupColumn("measured", 0, 1.0f);
  if (!narrow) ImGui::TableSetupColumn("downtime / year", 0, 1.2f);
  ImGui::TableHeadersRow();

  auto measured_text = [&](const std::string& t) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.message);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopStyleColor();
  };
  auto row = [&](const char* what, const std::string& formula, double analytic, double measured, bool has_measured) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", what);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", formula.c_str());
    if (narrow) {
      ImGui::Text("= %s", pct(analytic).c_str());
      ImGui::TextDisabled("%s down / yr", hours_per_year(analytic).c_str());
      ImGui::TableNextColumn();
      if (has_measured) {
        measured_text(pct(measured));
        measured_text(hours_per_year(measured) + " / yr");
      } else {
        ImGui::TextDisabled("-");
      }
      return;
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(pct(analytic).c_str());
    ImGui::TableNextColumn();
    if (has_measured) measured_text(pct(measured));
    else ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hours_per_year(analytic).c_str());
    if (has_measured) measured_text(hours_per_year(measured));
  };
  const bool rack = m.correlated(), db = m.has_database();
  std::snprintf(f, sizeof f, "a = %s / (%s + %s)", minutes(m.get("mtbf_min")).c_str(), minutes(m.get("mtbf_min")).c_str(),
                minutes(m.get("mttr_min")).c_str());
  row("Single server", f, a, m.single_simulated_availability(), true);
  // The replicas alone: the service itself unless a rack or a database adds to it.
  char what[48];
  std::snprintf(what, sizeof what, "%u %s", n, n == 1 ? "server" : "replicas");
  std::string formula = n == 1 ? std::string("a") : "1 - (1 - a)^" + std::to_string(n);
  if (rack) formula += " (assumes independent failures)";
  row(what, formula, m.replicas_availability(), m.simulated_availability(), !rack && !db);
  if (rack) {
    std::snprintf(f, sizeof f, "r = %s / (%s + %s)", minutes(m.get("rack_mtbf_min")).c_str(),
                  minutes(m.get("rack_mtbf_min")).c_str(), minutes(m.get("rack_mttr_min")).c_str());
    row("Shared rack", f, m.rack_availability(), 0, false);
  }
  if (db) {
    std::snprintf(f, sizeof f, "b = %s / (%s + %s)", minutes(m.get("db_mtbf_min")).c_str(),
                  minutes(m.get("db_mtbf_min")).c_str(), minutes(m.get("db_mttr_min")).c_str());
    row("Database", f, m.database_availability(), 0, false);
  }
  if (rack || db) {
    // Series: every part needed. Both numbers, then their product.
    std::string prod = pct(m.replicas_availability());
    if (rack) prod += " x " + pct(m.rack_availability());
    if (db) prod += " x " + pct(m.database_availability());
    const std::string names = std::string(n == 1 ? "a" : "replicas") + (rack ? " x r" : "") + (db ? " x b" : "");
    row("Service", names + " = " + prod, m.rack_aware_availability(), m.simulated_availability(), true);
  }
  ImGui::EndTable();
  std::snprintf(f, sizeof f, "Nines: formula %.2f, measured %.2f. %" PRIu64 " outages so far.", nines(m.analytic_availability()),
                nines(m.simulated_availability()), m.outages());
  ImGui::TextDisabled("%s", f);
}

//-----------------------------------------------------------------------------
// Convergence plot
//-----------------------------------------------------------------------------

void draw_plot(const AM& m, const ViewContext& ctx, const Palette& pal, const char* title, const TimeSeries& series,
               double measured_now, double analytic, double second_line, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.dpi_scale;
  ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::PushFont(fonts().small);
  const float line = ImGui::GetTextLineHeight();
  const float left = std::fmin(70 * s, size.x * 0.25f);
  ImVec2 p0(a.x + left, a.y + line + 2 * s), p1(a.x + size.x - 4 * s, a.y + size.y - line - 2 * s);
  if (p1.y - p0.y < 10 * s || p1.x - p0.x < 20 * s) {
    ImGui::PopFont();
    ImGui::Dummy(size);
    return;
  }
  dl->AddText(a, pal.text, title);
  dl->AddRectFilled(p0, p1, alpha(pal.muted, 0.08f));
  dl->AddRect(p0, p1, alpha(pal.muted, 0.5f));

  // Vertical range: from a little below the lowest reference down to 100 %,
  // so the formula's line sits in view and the measured curve falls onto it.
  double low = analytic < second_line ? analytic : second_line;
  if (measured_now < low) low = measured_now;
  double lo = low - 1.5 * (1.0 - low), hi = 1.0;
  if (lo < 0) lo = 0;
  if (hi - lo < 1e-9) lo = hi - 1e-9;
  const Time now = m.now();
  auto X = [&](Time t) { return p0.x + (p1.x - p0.x) * float(now > 0 ? double(t) / double(now) : 0.0); };
  auto Y = [&](double v) {
    double f = (v - lo) / (hi - lo);
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return p1.y - (p1.y - p0.y) * float(f);
  };
  dl->PushClipRect(p0, p1, true);
  // The formula (and, with a shared rack, the rack-aware figure).
  dl->AddLine(ImVec2(p0.x, Y(analytic)), ImVec2(p1.x, Y(analytic)), pal.ok, 2 * s);
  if (second_line != analytic) dl->AddLine(ImVec2(p0.x, Y(second_line)), ImVec2(p1.x, Y(second_line)), pal.hidden, 1.5f * s);
  // The measured figure over time, then its current value.
  ImVec2 prev(p0.x, Y(1.0));
  for (size_t i = 0; i < series.size(); ++i) {
    ImVec2 p(X(series[i].t), Y(series[i].v));
    dl->AddLine(prev, p, pal.message, 2 * s);
    prev = p;
  }
  ImVec2 last(X(now), Y(measured_now));
  dl->AddLine(prev, last, pal.message, 2 * s);
  dl->AddCircleFilled(last, 3.5f * s, pal.message);
  dl->PopClipRect();

  // Axis labels.
  const std::string hi_t = pct(hi), lo_t = pct(lo), an_t = pct(analytic);
  dl->AddText(ImVec2(a.x, p0.y), pal.muted, hi_t.c_str());
  const bool room = p1.y - p0.y >= 3 * line;
  if (room) dl->AddText(ImVec2(a.x, p1.y - line), pal.muted, lo_t.c_str());
  if (room && Y(analytic) - p0.y > line && p1.y - Y(analytic) > line)
    dl->AddText(ImVec2(a.x, Y(analytic) - line * 0.5f), pal.ok, an_t.c_str());
  const std::string se_t = pct(second_line);
  if (room && second_line != analytic && Y(second_line) - p0.y > line && p1.y - Y(second_line) > line &&
      std::fabs(Y(second_line) - Y(analytic)) > line)
    dl->AddText(ImVec2(a.x, Y(second_line) - line * 0.5f), pal.hidden, se_t.c_str());
  dl->AddText(ImVec2(p0.x, p1.y + 1), pal.muted, "0");
  const std::string t_end = format_duration(now);
  dl->AddText(ImVec2(p1.x - ImGui::CalcTextSize(t_end.c_str()).x, p1.y + 1), pal.muted, t_end.c_str());
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(size);
}

void draw_legend(const AM& m, const Palette& pal) {
  ImGui::PushFont(fonts().small);
  auto key = [&](ImU32 col, const char* text) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + 14, p.y + h * 0.5f), col, 2.5f);
    ImGui::Dummy(ImVec2(16, h));
    ImGui::SameLine(0, 3);
    ImGui::TextDisabled("%s", text);
    ImGui::SameLine(0, 12);
  };
  key(pal.ok, "formula (independent failures)");
  if (m.correlated()) key(pal.hidden, "with the shared rack");
  key(pal.message, "measured in this run");
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
    if (ImGui::SmallButton(j.label)) m.run_until(m.now() + j.dt);
  }
  if (!tiny && !ctx.compact) {
    ImGui::SameLine();
    ImGui::TextDisabled("(teaching scale: MTBF in minutes, not months)");
  }
}

}  // namespace

void availability_view(Model& model, const ViewContext& ctx) {
  auto* m = model_as<AvailabilityModel>(model, "availability");
  if (!m) return;
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.dpi_scale;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  // Tiny (an embed down to 320x240): components, one line of figures, one plot.
  const bool tiny = avail.y < 300 * s || avail.x < 280 * s;

  draw_skip(*m, ctx, tiny);
  float comp_h = tiny ? std::fmax(34 * s, std::fmin(60 * s, avail.y * 0.28f))
                      : std::fmax(60 * s, std::fmin(130 * s, avail.y * 0.22f));
  draw_components(*m, ctx, pal, comp_h);
  draw_figures(*m, tiny, pal);
  if (!tiny) draw_legend(*m, pal);

  ImVec2 rest = ImGui::GetContentRegionAvail();
  float h = std::fmax(80 * s, rest.y - 2 * s);
  const double second = m->correlated() ? m->rack_aware_availability() : m->analytic_availability();
  char title[64];
  std::snprintf(title, sizeof title, "Service (%u %s)", m->replicas(), m->replicas() == 1 ? "server" : "replicas");
  if (tiny) {
    if (rest.y < 60 * s) return;  // no room for a readable plot
    draw_plot(*m, ctx, pal, title, m->service_series(), m->simulated_availability(), m->analytic_availability(), second,
              ImVec2(rest.x, h));
    return;
  }
  const bool side = rest.x >= 640 * s;
  ImVec2 size = side ? ImVec2((rest.x - 8 * s) * 0.5f, h) : ImVec2(rest.x, (h - 4 * s) * 0.5f);
  draw_plot(*m, ctx, pal, title, m->service_series(), m->simulated_availability(), m->analytic_availability(), second, size);
  if (side) ImGui::SameLine(0, 8 * s);
  draw_plot(*m, ctx, pal, "Single server (replica 1)", m->single_series(), m->single_simulated_availability(),
            m->node_availability(), m->node_availability(), size);
}

}  // namespace dsviz::ui
