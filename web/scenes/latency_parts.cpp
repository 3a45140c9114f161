// The latency view's panels around the map: toolbar, formula, placement,
// RTT table and the RTT-against-distance scatter. Figures from LatencyModel.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "draw.h"
#include "format.h"
#include "latency_map.h"
#include "plot.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {
namespace {

using LM = LatencyModel;

std::string km(double v) { return fmt::grouped(uint64_t(std::llround(std::fabs(v)))) + " km"; }
bool touch() { return ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen; }

// Continues the line when an item `w` wide fits on it.
void next_if_fits(float w) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
}
float button_w(const char* label) { return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x + 2; }
float check_w(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().ItemInnerSpacing.x; }

}  // namespace

void push_touch_frames() {
  const ImVec2 fp = ImGui::GetStyle().FramePadding;
  const float pad = touch() ? std::max(fp.y, (44 - ImGui::GetFontSize()) * 0.5f) : fp.y;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fp.x, pad));
}
void pop_touch_frames() { ImGui::PopStyleVar(); }

void latency_toolbar(LM& m, bool& budget, bool& placement, float& zoom, bool& reset, bool tiny) {
  push_touch_frames();
  const float sq = ImGui::GetFrameHeight();
  if (ImGui::Button("-", ImVec2(sq, sq))) zoom /= 1.5f;
  tip("Zoom out (also the wheel, or the - key over the map)");
  ImGui::SameLine();
  if (ImGui::Button("+", ImVec2(sq, sq))) zoom *= 1.5f;
  tip("Zoom in (also the wheel, or the + key over the map; drag to pan)");
  ImGui::SameLine();
  if (ImGui::Button(tiny ? "World" : "Whole world")) reset = true;
  tip("Back to the whole map (key 0)");
  next_if_fits(button_w("Ping"));
  if (ImGui::Button("Ping")) m.send_ping();
  tip("Send one request now, besides the steady stream");
  const std::string within = (tiny ? "" : std::string("Reachable within ")) + fmt::ms(m.budget_ms());
  next_if_fits(check_w(within.c_str()));
  ImGui::Checkbox(within.c_str(), &budget);
  tip("Shade where the typical round trip from you is within the budget (setting RTT budget)");
  const char* pl = tiny ? "Placement" : "Show placement";
  next_if_fits(check_w(pl));
  ImGui::Checkbox(pl, &placement);
  tip("Ring the k sites the core chooses to minimise the worst city's RTT");
  pop_touch_frames();
}

void latency_formula(const LM& m, bool tiny) {
  const Palette& pal = palette();
  const RttModel r = m.rtt_model();
  const std::string fiber = fmt::grouped(uint64_t(kFiberKmPerS)) + " km/s";
  const int t = m.target();
  const int tp = t >= 0 ? m.datacenters()[t].place : -1;
  if (tiny) {
    ImGui::PushFont(fonts().small);
    if (tp >= 0)
      ImGui::TextDisabled("RTT = %s x 2 x route km / %s + %s. %s: %s", fmt::number(r.inflation).c_str(), fiber.c_str(),
                          fmt::ms(r.fixed_ms).c_str(), places()[tp].short_name, fmt::ms(m.rtt_to_place(tp).typical_ms).c_str());
    else
      ImGui::TextColored(ImColor(pal.failed), "No datacenter is up: requests fail");
    ImGui::PopFont();
    return;
  }
  ImGui::SeparatorText("The model");
  ImGui::TextWrapped("Fiber floor = 2 x distance / %s (light in glass).", fiber.c_str());
  ImGui::TextWrapped("Typical RTT = inflation x 2 x route km / %s + fixed = %s x 2 x route km / %s + %s.", fiber.c_str(),
                     fmt::number(r.inflation).c_str(), fiber.c_str(), fmt::ms(r.fixed_ms).c_str());
  ImGui::TextWrapped("Band: typical - (%s of the route's floor + %s) to typical + (%s of it + %s).",
                     fmt::percent(r.below_floor_frac, 0).c_str(), fmt::ms(r.below_ms).c_str(), fmt::percent(r.above_floor_frac, 0).c_str(),
                     fmt::ms(r.above_ms).c_str());
  ImGui::TextDisabled(r.routes ? "Between regions, routes follow submarine cables." : "Cable routes off: every route is the great circle.");
  ImGui::TextWrapped("Reachable within %s (shaded): up to %s without a detour = (budget - fixed) x %s / (2 x inflation).",
                     fmt::ms(m.budget_ms()).c_str(), km(m.budget_radius_km()).c_str(), fiber.c_str());
  if (tp < 0) {
    ImGui::TextColored(ImColor(pal.failed), "No datacenter is up: every request fails.");
  } else {
    const RttEstimate e = m.rtt_to_place(tp);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.message);
    ImGui::TextWrapped("Serving you: %s, %s away (%s by route): floor %s, typical %s, band %s to %s.", places()[tp].name,
                       km(e.distance_km).c_str(), km(e.route_km).c_str(), fmt::ms(e.floor_ms).c_str(), fmt::ms(e.typical_ms).c_str(),
                       fmt::ms(e.low_ms).c_str(), fmt::ms(e.high_ms).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
  ImGui::TextWrapped("Requests %s: answered %s, failed %s; %s lost, %s.", fmt::grouped(m.requests()).c_str(),
                      fmt::grouped(m.answered()).c_str(), fmt::grouped(m.failed()).c_str(),
                      fmt::count(m.lost_packets(), "packet", "packets").c_str(), fmt::count(m.failovers(), "failover", "failovers").c_str());
  ImGui::PopStyleColor();
}

void latency_placement(LM& m) {
  const Placement& p = m.placement();
  std::string names;
  for (int site : p.sites) names += (names.empty() ? "" : ", ") + std::string(places()[site].name);
  ImGui::SeparatorText("Replica placement");
  ImGui::TextWrapped("Best %s for the world's cities (%s): %s. Worst city: %s at %s.",
                     fmt::count(p.sites.size(), "site", "sites").c_str(), p.exact ? "exact" : "greedy", names.c_str(),
                     p.worst_user >= 0 ? places()[p.worst_user].name : "none", fmt::ms(p.worst_ms).c_str());
  push_touch_frames();
  const Param& k = m.params()[LM::kPlaceK];
  int kv = int(std::lround(m.get(LM::kPlaceK)));
  ImGui::SetNextItemWidth(std::min(160.0f, ImGui::GetContentRegionAvail().x * 0.45f));
  if (ImGui::SliderInt("##k", &kv, int(k.min), int(k.max), "k = %d")) m.set(LM::kPlaceK, kv);
  tip("How many datacenters to place (setting %s)", k.label.c_str());
  next_if_fits(button_w("Use placement"));
  if (ImGui::Button("Use placement")) m.use_placement();
  tip("Replace the datacenters with these sites");
  pop_touch_frames();
}

void latency_table(LM& m, bool& every, float height, bool narrow) {
  const Palette& pal = palette();
  ImGui::SeparatorText("Round trips from you, lowest first");
  ImGui::Checkbox("Every place", &every);
  tip("List every place, not only the datacenters; add one from its row");
  const auto rows = m.rtt_table(every);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("rtt", narrow ? 3 : 5, flags, ImVec2(0, std::max(height, 3 * ImGui::GetFrameHeightWithSpacing())))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Place", 0, narrow ? 0.7f : 1.3f);
  ImGui::TableSetupColumn("Typical", 0, 0.8f);
  if (!narrow) ImGui::TableSetupColumn("Band", 0, 1.1f);
  if (!narrow) ImGui::TableSetupColumn("Distance", 0, 0.9f);
  ImGui::TableSetupColumn("", 0, narrow ? 1.8f : 1.2f);
  ImGui::TableHeadersRow();
  push_touch_frames();
  for (const auto& row : rows) {
    ImGui::PushID(row.place);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool dc = row.datacenter >= 0;
    const bool up = dc && m.datacenters()[row.datacenter].state == LM::DcState::Up;
    const ImU32 col = !dc ? pal.muted : !up ? pal.failed : row.datacenter == m.target() ? pal.message : pal.text;
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(narrow ? places()[row.place].short_name : places()[row.place].name);
    ImGui::PopStyleColor();
    if (dc && begin_tip()) {
      ImGui::Text("%s: %s%s", places()[row.place].name, up ? "up" : "failed", row.datacenter == m.target() ? ", serving you" : "");
      end_tip();
    }
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(fmt::ms(row.rtt.typical_ms).c_str());
    if (!narrow) {
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::Text("%s to %s", fmt::ms(row.rtt.low_ms).c_str(), fmt::ms(row.rtt.high_ms).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(km(row.rtt.distance_km).c_str());
    }
    ImGui::TableNextColumn();
    if (!dc) {
      if (ImGui::Button("Add")) m.add_datacenter(row.place);
    } else {
      if (ImGui::Button(up ? "Fail" : "Restore")) up ? m.fail_datacenter(row.place) : m.restore_datacenter(row.place);
      ImGui::SameLine();
      if (ImGui::Button("Remove")) m.remove_datacenter(row.place);
    }
    ImGui::PopID();
  }
  pop_touch_frames();
  ImGui::EndTable();
}

void latency_scatter(const LM& m, ImVec2 size) {
  const Palette& pal = palette();
  const double xmax = 20000;  // half the Earth's circumference
  double lo = 0, ty = 0, hi = 0;
  m.band_at_km(xmax, lo, ty, hi);
  double ymax = hi;
  const auto cal = m.calibration();
  for (const auto& c : cal) ymax = std::max({ymax, c.pair->measured_high_ms, c.model.high_ms});
  std::vector<double> xs, ys;
  const auto& pings = m.pings();
  for (size_t i = 0; i < pings.size(); ++i) {
    xs.push_back(pings[i].distance_km);
    ys.push_back(pings[i].rtt_ms);
    ymax = std::max(ymax, pings[i].rtt_ms);
  }
  ymax = std::ceil(ymax / 50) * 50;
  ImGui::PushFont(fonts().small);
  const float legend_h = 2 * ImGui::GetTextLineHeightWithSpacing() + 4;
  ImGui::PopFont();
  ImGui::BeginGroup();
  {
    Plot plot("RTT against great-circle distance", ImVec2(size.x, std::max(60.0f, size.y - legend_h)),
              PlotAxis{0, xmax, [](double v) { return km(v); }}, PlotAxis{0, ymax, [](double v) { return fmt::ms(v); }});
    if (plot.ok()) {
      auto band = [&m](int which) {
        return [&m, which](double k) {
          double l, t, h;
          m.band_at_km(k, l, t, h);
          return which == 0 ? l : which == 1 ? t : h;
        };
      };
      plot.curve(fiber_floor_rtt_ms, pal.muted, 1.5f);
      plot.curve(band(0), alpha(pal.ok, 0.55f), 1.2f);
      plot.curve(band(2), alpha(pal.ok, 0.55f), 1.2f);
      plot.curve(band(1), pal.ok, 2.0f);
      plot.points(xs.data(), ys.data(), int(xs.size()), alpha(pal.message, 0.6f), 2.2f);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 mouse = ImGui::GetIO().MousePos;
      const LM::CalibrationPoint* hovered = nullptr;
      float best = 6;
      for (const auto& c : cal) {
        const ImVec2 p0 = plot.at(c.model.distance_km, c.pair->measured_low_ms), p1 = plot.at(c.model.distance_km, c.pair->measured_high_ms);
        const ImU32 col = c.inside ? pal.node_border : pal.failed;
        dl->AddLine(p0, p1, col, 3);
        dl->AddCircleFilled(ImVec2(p0.x, (p0.y + p1.y) * 0.5f), 3, col);
        const float d = seg_distance(mouse, p0, p1);
        if (d < best) best = d, hovered = &c;
      }
      if (hovered && ImGui::IsWindowHovered() && begin_tip(false)) {
        const auto& c = *hovered;
        ImGui::Text("%s - %s: measured %s to %s", places()[c.pair->a].name, places()[c.pair->b].name,
                    fmt::ms(c.pair->measured_low_ms).c_str(), fmt::ms(c.pair->measured_high_ms).c_str());
        ImGui::Text("Model: typical %s, band %s to %s (%s by route)", fmt::ms(c.model.typical_ms).c_str(), fmt::ms(c.model.low_ms).c_str(),
                    fmt::ms(c.model.high_ms).c_str(), km(c.model.route_km).c_str());
        ImGui::TextDisabled("%s. Source: %s", c.inside ? "Inside the band" : "Outside the band", c.pair->source);
        end_tip();
      }
    }
  }
  ImGui::PushFont(fonts().small);
  legend_key(pal.muted, "fiber floor");
  legend_key(pal.ok, "model: typical and band (no detour)");
  ImGui::NewLine();
  legend_key(pal.node_border, "measured pairs", false);
  legend_key(pal.failed, "outside their band", false);
  legend_key(pal.message, "your pings", false);
  ImGui::NewLine();
  ImGui::PopFont();
  ImGui::EndGroup();
}

// Inside the hover tooltip of a place on the map: its RTT from the user by
// the model, and its datacenter's counts when it has one.
void latency_place_tooltip(const LM& m, int place) {
  const Place& p = places()[place];
  const RttEstimate e = m.rtt_to_place(place);
  const int dc = m.datacenter_of(place);
  ImGui::Text("%s%s", p.name, p.kind == PlaceKind::CloudRegion ? " (cloud region)" : "");
  ImGui::Text("RTT from you: %s typical, %s to %s", fmt::ms(e.typical_ms).c_str(), fmt::ms(e.low_ms).c_str(), fmt::ms(e.high_ms).c_str());
  ImGui::TextDisabled("%s great circle, %s by route; fiber floor %s", km(e.distance_km).c_str(), km(e.route_km).c_str(),
                      fmt::ms(e.floor_ms).c_str());
  if (dc >= 0) {
    const auto& d = m.datacenters()[dc];
    ImGui::Text("Datacenter %s%s: answered %s, lost %s", d.state == LM::DcState::Up ? "up" : "FAILED",
                dc == m.target() ? ", serving you" : "", fmt::grouped(d.answered).c_str(), fmt::grouped(d.lost).c_str());
    if (touch_input())
      ImGui::TextDisabled("Tap: %s it.", d.state == LM::DcState::Up ? "fail" : "restore");
    else
      ImGui::TextDisabled("Click: %s it. Right-click: remove.", d.state == LM::DcState::Up ? "fail" : "restore");
  } else {
    ImGui::TextDisabled("%s: put a datacenter here.", tap_word());
  }
}

}  // namespace dsviz::ui
