// Scene "availability", the formulas and figures under the components
// (web/scenes/availability_view.cpp draws the rest): each formula with its
// numbers, the value it gives, what the run measured and the downtime per
// year, then the nines. Every figure comes from AvailabilityModel.
#include <cinttypes>
#include <cstdio>
#include <string>

#include "faults.h"
#include "format.h"
#include "imgui.h"
#include "scenes/availability.h"
#include "theme.h"

namespace dsviz::ui {

namespace {

using AM = AvailabilityModel;

std::string pct(double a) { return fmt::availability(a); }
std::string hours_per_year(double a) { return fmt::downtime_per_year(a); }
std::string minutes(double v) { return fmt::minutes(v); }

}  // namespace

void availability_figures(AM& m, bool tiny, const Palette& pal) {
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
  std::snprintf(f, sizeof f, "a = %s / (%s + %s)", minutes(m.get(AM::kMtbfMin)).c_str(), minutes(m.get(AM::kMtbfMin)).c_str(),
                minutes(m.get(AM::kMttrMin)).c_str());
  row("Single server", f, a, m.single_simulated_availability(), true);
  // The replicas alone: the service itself unless a rack or a database adds to it.
  char what[48];
  std::snprintf(what, sizeof what, "%u %s", n, n == 1 ? "server" : "replicas");
  std::string formula = n == 1 ? std::string("a") : "1 - (1 - a)^" + std::to_string(n);
  if (rack) formula += " (assumes independent failures)";
  row(what, formula, m.replicas_availability(), m.simulated_availability(), !rack && !db);
  if (rack) {
    std::snprintf(f, sizeof f, "r = %s / (%s + %s)", minutes(m.get(AM::kRackMtbfMin)).c_str(),
                  minutes(m.get(AM::kRackMtbfMin)).c_str(), minutes(m.get(AM::kRackMttrMin)).c_str());
    row("Shared rack", f, m.rack_availability(), 0, false);
  }
  if (db) {
    std::snprintf(f, sizeof f, "b = %s / (%s + %s)", minutes(m.get(AM::kDbMtbfMin)).c_str(),
                  minutes(m.get(AM::kDbMtbfMin)).c_str(), minutes(m.get(AM::kDbMttrMin)).c_str());
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

}  // namespace dsviz::ui
