// Scene "tradeoffs" (chapter: Trade-offs). Tab "Dilemma": the calculator's
// inputs (users, regions, availability target, a central database) through
// the model's typed settings, then what distribution buys and what it costs
// beside one region, every figure from core/tradeoffs.h's
// compute_tradeoffs(); under it the live run: the regions (click one to take
// it down) and what the sampled requests measured. Tabs "Trade-offs",
// "Examples" and "Check your understanding": the chapter's rows in our
// words, each with "Show me", a deep link into the scene that shows it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

#include "bars.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "scenes/tradeoffs.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

struct TradeoffsView {};  // nothing to remember: the model holds the run

namespace {

using TM = TradeoffsModel;

void region_buttons(TM& m, float tap, const ViewContext& ctx) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Regions");
  const float w = std::max(tap, 30 * ctx.scale);
  for (int n = 1; n <= kMaxRegions; ++n) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    ImGui::PushID(n);
    const bool on = m.regions() == n;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (ImGui::Button(std::to_string(n).c_str(), ImVec2(w, tap))) m.set(TM::kRegions, n);
    if (on) ImGui::PopStyleColor();
    tip("%s", deploy_order()[size_t(n - 1)]);
    ImGui::PopID();
  }
}

void inputs(TM& m, float tap, const ViewContext& ctx) {
  const float s = ctx.scale;
  double users = m.get(TM::kUsers);
  const double lo = 1000, hi = 1e8;
  const std::string users_text = fmt::count(uint64_t(users), "user", "users");
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 320 * s));
  if (ImGui::SliderScalar("##users", ImGuiDataType_Double, &users, &lo, &hi, users_text.c_str(), ImGuiSliderFlags_Logarithmic))
    m.set(TM::kUsers, std::round(users));
  same_line_if_fits("at peak, worldwide");
  ImGui::TextDisabled("at peak, worldwide");
  region_buttons(m, tap, ctx);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Target");
  const double targets[] = {99, 99.9, 99.99, 99.999, 99.9999};
  for (int d = 0; d < 5; ++d) {
    const double t = targets[d];
    const std::string label = fmt::percent(t / 100, d);
    same_line_if_fits(label.c_str());
    const bool on = std::abs(m.get(TM::kAvailabilityTargetPct) - t) < 1e-9;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (ImGui::Button(label.c_str(), ImVec2(0, tap))) m.set(TM::kAvailabilityTargetPct, t);
    if (on) ImGui::PopStyleColor();
  }
  bool db = m.has_database();
  if (ImGui::Checkbox("Central database", &db)) m.set(TM::kCentralDb, db ? 1 : 0);
  same_line_if_fits("(every request needs it, in Virginia)");
  ImGui::TextDisabled("(every request needs it, in Virginia)");
}

// "What it buys" and "what it costs", this many regions against one.
void figures(const TM& m, bool narrow) {
  const Palette& pal = palette();
  const TradeoffResult& r = m.result();
  const bool cmp = m.regions() > 1;
  const ImGuiTableFlags fl = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("fig", cmp ? 3 : 2, fl)) return;
  ImGui::TableSetupColumn("", 0, narrow ? 1.2f : 1.6f);
  if (cmp) ImGui::TableSetupColumn("1 region", 0, 1.0f);
  ImGui::TableSetupColumn(fmt::count(uint64_t(m.regions()), "region", "regions").c_str(), 0, 1.0f);
  ImGui::TableHeadersRow();
  auto section = [&](const char* title, ImU32 col) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::TextWrapped("%s", title);
    ImGui::PopStyleColor();
  };
  auto row = [&](const char* what, const std::string& one, const std::string& now) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", what);
    if (cmp) {
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", one.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", now.c_str());
  };
  section("What distribution buys", pal.ok);
  row("Mean round trip to the nearest region", fmt::ms(r.one_region_mean_rtt_ms), fmt::ms(r.mean_rtt_ms));
  row("Worst-served city", "", fmt::ms(r.worst_rtt_ms));
  row("Availability (regions in parallel)", fmt::availability(r.one_region_availability), fmt::availability(r.availability));
  row("Downtime per year", fmt::downtime_per_year(r.one_region_availability), fmt::downtime_per_year(r.availability));
  const std::string need = r.regions_for_target ? fmt::count(uint64_t(r.regions_for_target), "region", "regions")
                                                : std::string("none: the database caps it");
  row("Regions the target needs", "", (r.meets_target ? "met; " : "not met; ") + need);
  section("What it costs", pal.failed);
  row("Servers (load / capacity, +1 spare per region)", fmt::count(uint64_t(r.one_region_servers), "server", "servers"),
      fmt::count(uint64_t(r.servers), "server", "servers"));
  row("Bill per month", fmt::usd(r.one_region_usd_per_month), fmt::usd(r.usd_per_month));
  row("Components that can fail", "", fmt::count(uint64_t(r.components), "component", "components"));
  row("Links between regions that can partition", "", fmt::count(uint64_t(r.inter_region_links), "link", "links"));
  row("Clocks that never quite agree", "", fmt::count(uint64_t(r.clocks), "clock", "clocks"));
  if (cmp) row("A write every region confirms waits for", "", fmt::ms(r.sync_write_rtt_ms));
  row("Kinds of failure to handle", "", fmt::count(uint64_t(r.failure_modes), "kind", "kinds"));
  ImGui::EndTable();
  ImGui::PushFont(fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
  std::string names;
  for (const char* n : failure_mode_names(m.inputs())) names += (names.empty() ? "" : "; ") + std::string(n);
  ImGui::TextWrapped("Failure kinds: %s.", names.c_str());
  ImGui::TextWrapped("From compute_tradeoffs(): round trips by the core's geographic latency model, availability "
                     "1 - (1 - a)^n (times the database's in series), cost = servers x price x 730 h.");
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// The live run: regions as machines (click: down / back up), the database,
// and what the sampled requests measured.
void live(TM& m, float height, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const int n = m.regions(), parts = n + (m.has_database() ? 1 : 0);
  const float step = w / float(parts);
  const float r = std::clamp(std::min(step * 0.28f, height * 0.3f), 8 * s, 22 * s);
  ImGui::PushFont(fonts().small);
  for (int c = 0; c < parts; ++c) {
    const bool is_db = c == n;
    const std::string name = is_db ? "database" : deploy_order()[size_t(c)];
    Machine mc;
    mc.center = ImVec2(a.x + step * (float(c) + 0.5f), a.y + r + 4 * s);
    mc.radius = r;
    mc.box = is_db;
    mc.up = m.up(c);
    mc.highlight = c == m.last_region();
    mc.caption = name.c_str();
    mc.caption_alert = !mc.up;
    if (machine(c, mc)) m.toggle(c);
    ctx.mark("node:" + std::to_string(c));
    if (begin_tip()) {
      ImGui::Text("%s: %s", is_db ? "Central database" : name.c_str(), m.up(c) ? "up" : "down");
      ImGui::TextDisabled("%s to %s it", tap_word(), m.up(c) ? "take it down" : "bring it back");
      end_tip();
    }
  }
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, 2 * r + ImGui::GetTextLineHeight() + 10 * s));
  const TradeoffResult& res = m.result();
  std::string last = "none yet";
  if (m.last_city() >= 0)
    last = std::string(user_cities()[size_t(m.last_city())].city) + " -> " +
           (m.last_region() >= 0 ? deploy_order()[size_t(m.last_region())] : "nothing up: failed");
  ImGui::TextWrapped("Sampled requests: %s (last: %s). Region outages: %s.", fmt::grouped(m.requests()).c_str(),
                     last.c_str(), fmt::grouped(m.region_outages()).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, pal.message);
  ImGui::TextWrapped("Measured: availability %s, mean round trip %s", fmt::availability(m.measured_availability()).c_str(),
                     m.rtt_us().count() ? fmt::ms(m.rtt_us().mean() / 1000).c_str() : "n/a");
  ImGui::PopStyleColor();
  ImGui::TextDisabled("Calculated: %s, %s", fmt::availability(res.availability).c_str(), fmt::ms(res.mean_rtt_ms).c_str());
}

void rows(const char* id, std::span<const TradeoffRow> list, float tap, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  ImGui::PushID(id);
  for (size_t i = 0; i < list.size(); ++i) {
    const TradeoffRow& r = list[i];
    ImGui::PushID(int(i));
    ImGui::SeparatorText(r.title);
    ImGui::TextWrapped("%s", r.detail);
    if (ImGui::Button("Show me", ImVec2(0, tap)) && ctx.open_link) ctx.open_link(r.link);
    tip("Opens ?%s", r.link);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s", r.caption);
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::PopID();
}

}  // namespace

void tradeoffs_view(TM& m, TradeoffsView&, const ViewContext& ctx) {
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 300 * s;
  const bool narrow = avail.x < 560 * s;
  const float tap = ctx.compact ? 44 * s : ImGui::GetFrameHeight();
  ctx.mark("area:tabs", ImGui::GetCursorScreenPos(),
           ImVec2(ImGui::GetCursorScreenPos().x + avail.x, ImGui::GetCursorScreenPos().y + avail.y));
  if (!ImGui::BeginTabBar("tabs", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  if (ImGui::BeginTabItem("Dilemma")) {
    if (tiny) {
      region_buttons(m, ImGui::GetFrameHeight(), ctx);
      live(m, 60 * s, ctx);
    } else {
      inputs(m, tap, ctx);
      ImGui::SeparatorText(narrow ? (touch_input() ? "Live (tap a region)" : "Live (click a region)")
                           : (touch_input() ? "Live: requests go to the nearest region that is up (tap one)"
                                            : "Live: requests go to the nearest region that is up (click one)"));
      live(m, 70 * s, ctx);
      ImGui::Separator();
      figures(m, narrow);
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Trade-offs")) {
    rows("t", tradeoff_rows(), tap, ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Examples")) {
    rows("e", example_rows(), tap, ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(tiny || narrow ? "Check" : "Check your understanding")) {
    rows("c", understanding_prompts(), tap, ctx);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

ViewEntry tradeoffs_view_entry() { return view<TM, TradeoffsView, tradeoffs_view>(tradeoffs_scene()); }

}  // namespace dsviz::ui
