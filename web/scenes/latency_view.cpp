// Scene "latency" (chapter: Latency, Geographic Distribution). A world map:
// the user (drag to move), datacenters (click to fail or restore, right-click
// to remove), places (click to put a datacenter there), packets on their
// great-circle legs, the route to the serving datacenter and the region
// reachable within the RTT budget. Under it: the model's formula with its
// values, the sorted RTT table, and RTT against distance with the fiber
// floor, the model's band, the measured pairs and the live pings. Every
// figure comes from LatencyModel; latency_map.* only projects and draws.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "latency_map.h"
#include "machine.h"
#include "plot.h"
#include "scenes/latency.h"
#include "spacetime.h"
#include "theme.h"
#include "touch.h"
#include "views.h"

namespace dsviz::ui {

namespace {

using LM = LatencyModel;
constexpr int kCols = 120, kRows = 60;  // the budget grid: 3 degrees a cell

bool touch() { return ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen; }
float dist(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }
const char* label_of(int place, bool full) { return full ? places()[place].name : places()[place].short_name; }
// An opaque mix of two colours (t of b over a).
ImU32 mix(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1));
}

// What lies under the pointer: the user, else the nearest place (a
// datacenter wins a near tie), within r pixels.
int hit_place(const LM& m, const MapFrame& f, ImVec2 p, float r) {
  int best = -1;
  float bd = r;
  for (int i = 0; i < int(places().size()); ++i) {
    float d = dist(p, f.at(places()[i].lat, places()[i].lon));
    if (m.datacenter_of(i) >= 0) d *= 0.7f;
    if (d <= bd) best = i, bd = d;
  }
  return best;
}

void click_place(LM& m, int place) {
  const int dc = m.datacenter_of(place);
  if (dc < 0) m.add_datacenter(place);
  else if (m.datacenters()[dc].state == LM::DcState::Up) m.fail_datacenter(place);
  else m.restore_datacenter(place);
}

void place_menu(LM& m, LatencyView& v) {
  if (!ImGui::BeginPopup("place")) return;
  const int p = v.menu_place, dc = p >= 0 ? m.datacenter_of(p) : -1;
  if (p >= 0) ImGui::TextDisabled("%s", places()[p].name);
  if (p >= 0 && dc < 0 && ImGui::MenuItem("Add a datacenter")) m.add_datacenter(p);
  if (dc >= 0 && ImGui::MenuItem(m.datacenters()[dc].state == LM::DcState::Up ? "Fail it" : "Restore it")) click_place(m, p);
  if (dc >= 0 && ImGui::MenuItem("Remove the datacenter")) m.remove_datacenter(p);
  if (p >= 0 && ImGui::MenuItem("Move the user here")) m.move_user(places()[p].lat, places()[p].lon);
  ImGui::EndPopup();
}

// Two fingers on the map: zoom around their midpoint and pan as it moves.
// A pinch is no tap and no one-finger drag: the pointer's gesture ends.
bool handle_pinch(LatencyView& v, MapFrame& f, ImVec2 a, ImVec2 b, const ViewContext::Pinch& pz) {
  if (!pz.active && pz.zoom == 1 && pz.dx == 0 && pz.dy == 0) return false;
  const ImVec2 c(pz.x, pz.y);
  if (v.grab == LatencyView::Grab::None && !f.inside(c)) return false;  // a pinch elsewhere on the page
  if (v.grab != LatencyView::Grab::None) v.grab = LatencyView::Grab::Pan, v.moved = true;
  pan_by(v.cam, f, ImVec2(pz.dx, pz.dy));
  f = map_frame(v.cam, a, b);
  if (pz.zoom > 0 && pz.zoom != 1) zoom_at(v.cam, f, c, pz.zoom);
  f = map_frame(v.cam, a, b);
  return pz.active;
}

void handle_input(LM& m, LatencyView& v, MapFrame& f, ImVec2 a, ImVec2 b, float r, const ViewContext& ctx) {
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mp = io.MousePos;
  const bool pinching = handle_pinch(v, f, a, b, ctx.pinch);
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive() && !pinching;
  if (hovered) take_wheel();  // the wheel zooms the map, in a page or a host's frame
  const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  if (ImGui::IsItemActivated() && !pinching) {
    v.press = mp;
    v.moved = false;
    v.user_drag = m.user();
    v.grab_place = hit_place(m, f, mp, r);
    v.grab = dist(mp, f.at(m.user())) <= r ? LatencyView::Grab::User : v.grab_place >= 0 ? LatencyView::Grab::Place : LatencyView::Grab::Pan;
  }
  if (active) {
    v.moved = v.moved || dist(mp, v.press) > 6;
    double lat, lon;
    if (v.grab == LatencyView::Grab::User) {
      if (natural_earth_inverse(f.to_map(mp), lat, lon)) v.user_drag = {lat, lon};
    } else if (v.moved) {
      pan_by(v.cam, f, io.MouseDelta);
    }
  }
  if (ImGui::IsItemDeactivated()) {
    if (v.grab == LatencyView::Grab::User && v.moved) m.move_user(v.user_drag.lat, v.user_drag.lon);
    // A tap on the user standing on a datacenter is meant for the datacenter.
    const bool dc_under_user = v.grab == LatencyView::Grab::User && v.grab_place >= 0 && m.datacenter_of(v.grab_place) >= 0;
    if ((v.grab == LatencyView::Grab::Place || dc_under_user) && !v.moved) click_place(m, v.grab_place);
    v.grab = LatencyView::Grab::None;
  }
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && (v.menu_place = hit_place(m, f, mp, r)) >= 0)
    ImGui::OpenPopup("place");
  float zoom = v.zoom_request;
  v.zoom_request = 1;
  if (hovered && io.MouseWheel != 0) zoom_at(v.cam, f, mp, std::pow(1.25f, io.MouseWheel));
  if ((hovered || ImGui::IsItemFocused()) && !io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd)) zoom *= 1.25f;
    if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract)) zoom /= 1.25f;
    if (ImGui::IsKeyPressed(ImGuiKey_0)) v.cam.placed = false;
    const float step = 40;
    for (ImGuiKey k : {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow}) claim_key(k);
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) pan_by(v.cam, f, ImVec2(step, 0));
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) pan_by(v.cam, f, ImVec2(-step, 0));
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) pan_by(v.cam, f, ImVec2(0, step));
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) pan_by(v.cam, f, ImVec2(0, -step));
  }
  if (zoom != 1) zoom_at(v.cam, f, mid, zoom);
  f = map_frame(v.cam, a, b);
}

// A label beside a marker at p: right, above, below, left (the user's
// label: left first, leaving the right to a datacenter under it).
void label(LabelPlacer& lp, ImDrawList* dl, ImVec2 p, float d, const char* text, ImU32 col, bool force, bool left_first = false) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 right(p.x + d, p.y - ts.y * 0.5f), left(p.x - d - ts.x, p.y - ts.y * 0.5f);
  const ImVec2 c[4] = {left_first ? left : right, ImVec2(p.x - ts.x * 0.5f, p.y - d - ts.y), ImVec2(p.x - ts.x * 0.5f, p.y + d),
                       left_first ? right : left};
  lp.place(dl, text, c, 4, col, force);
}

void draw_map(LM& m, LatencyView& v, const ViewContext& ctx, ImVec2 size) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale, r = touch() ? 22.0f : 12.0f * s;
  if (!v.land.loaded) load_land(v.land);
  if (v.grid_rev != m.revision()) v.grid = m.rtt_grid(kCols, kRows), v.grid_rev = m.revision();
  // The map's own child: the wheel zooms it. One pixel of content past its
  // height lets the shell see a window that takes the wheel; the scroll
  // itself is held at 0.
  ImGui::SetNextWindowScroll(ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("map", size, ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleVar();
  const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + size.x, a.y + size.y);
  MapFrame f = map_frame(v.cam, a, b);
  ImGui::InvisibleButton("##map", size, ImGuiButtonFlags_MouseButtonLeft);
  handle_input(m, v, f, a, b, r, ctx);
  const int hover = ImGui::IsItemHovered() && !ImGui::IsItemActive() ? hit_place(m, f, ImGui::GetIO().MousePos, r) : -1;
  const bool hover_user = ImGui::IsItemHovered() && !ImGui::IsItemActive() && dist(ImGui::GetIO().MousePos, f.at(m.user())) <= r;
  place_menu(m, v);
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
  ImGui::Dummy(ImVec2(1, 1));

  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_base(dl, f, v.land, mix(pal.panel, pal.node, 0.3f), mix(pal.panel, pal.muted, 0.25f), alpha(pal.muted, 0.25f),
            alpha(pal.text, 0.45f), 1.0f * s);
  if (v.show_budget)
    draw_budget(dl, f, v.grid, kCols, kRows, m.budget_ms(), alpha(pal.node_border, 0.22f), alpha(pal.node_border, 0.9f), 1.3f * s);
  if (hover >= 0 && !hover_user) draw_path(dl, f, m.route_to({places()[hover].lat, places()[hover].lon}), alpha(pal.muted, 0.8f), 1.5f * s);
  if (m.target() >= 0) {
    const Place& t = places()[m.datacenters()[m.target()].place];
    draw_path(dl, f, m.route_to({t.lat, t.lon}), alpha(pal.message, 0.6f), 2.2f * s);
  }
  // Less motion: no packets crossing the map; the route above stays lit.
  if (!ctx.reduced_motion)
    for (const auto& p : m.packets()) dl->AddCircleFilled(f.at(m.position(p)), 3.5f * s, p.reply ? pal.reply : pal.message);

  ImGui::PushFont(fonts().small);
  LabelPlacer lp(a, b);
  const ImVec2 you = f.at(v.grab == LatencyView::Grab::User ? v.user_drag : m.user());
  lp.reserve(ImVec2(you.x - 7 * s, you.y - 7 * s), ImVec2(you.x + 7 * s, you.y + 7 * s));
  for (int i = 0; i < int(places().size()); ++i) {
    const ImVec2 p = f.at(places()[i].lat, places()[i].lon);
    const float k = m.datacenter_of(i) >= 0 ? 7 * s : 2.5f * s;
    if (f.inside(p, 10)) lp.reserve(ImVec2(p.x - k, p.y - k), ImVec2(p.x + k, p.y + k));
  }
  if (v.show_placement)
    for (int site : m.placement().sites) dl->AddCircle(f.at(places()[site].lat, places()[site].lon), 10 * s, pal.hidden, 0, 2 * s);
  const bool full = f.scale > 130 * s;  // zoomed in: full names
  for (int i = 0; i < int(places().size()); ++i) {
    if (m.datacenter_of(i) >= 0) continue;
    const ImVec2 p = f.at(places()[i].lat, places()[i].lon);
    if (!f.inside(p, 4)) continue;
    const ImU32 col = places()[i].kind == PlaceKind::City ? alpha(pal.text, 0.75f) : pal.muted;
    dl->AddCircleFilled(p, (places()[i].kind == PlaceKind::City ? 2.5f : 2.0f) * s, col);
  }
  // Datacenters (the serving one ringed, failed ones crossed), then the
  // user over them; their labels before any place's.
  for (int i = 0; i < int(m.datacenters().size()); ++i) {
    const auto& d = m.datacenters()[i];
    const ImVec2 p = f.at(places()[d.place].lat, places()[d.place].lon);
    const bool up = d.state == LM::DcState::Up;
    dl->AddRectFilled(ImVec2(p.x - 6 * s, p.y - 6 * s), ImVec2(p.x + 6 * s, p.y + 6 * s), up ? pal.ok : pal.node_down, 2 * s);
    dl->AddRect(ImVec2(p.x - 6 * s, p.y - 6 * s), ImVec2(p.x + 6 * s, p.y + 6 * s), up ? pal.node_border : pal.failed, 2 * s, 0, 1.5f * s);
    if (!up) cross(dl, p, 5 * s, pal.failed, 2 * s);
    if (i == m.target()) dl->AddCircle(p, 11 * s, pal.message, 0, 2.2f * s);
  }
  dl->AddCircleFilled(you, 6 * s, pal.node_border);
  dl->AddCircle(you, 6 * s, pal.text, 0, 2 * s);
  label(lp, dl, you, 10 * s, v.grab == LatencyView::Grab::User ? "You: release to move" : "You", pal.text, true, true);
  char t[96];
  for (const auto& d : m.datacenters()) {
    const bool up = d.state == LM::DcState::Up;
    std::snprintf(t, sizeof t, "%s %s", label_of(d.place, full || ctx.scale > 1), up ? fmt::ms(m.rtt_to_place(d.place).typical_ms).c_str() : "failed");
    label(lp, dl, f.at(places()[d.place].lat, places()[d.place].lon), 12 * s, t, up ? pal.text : pal.failed, true);
  }
  if (v.show_placement)
    for (int site : m.placement().sites)
      if (m.datacenter_of(site) < 0) label(lp, dl, f.at(places()[site].lat, places()[site].lon), 11 * s, label_of(site, full), pal.hidden, false);
  for (int i = 0; i < int(places().size()); ++i)
    if (m.datacenter_of(i) < 0) label(lp, dl, f.at(places()[i].lat, places()[i].lon), 4 * s, label_of(i, full), pal.muted, false);
  if (!v.land.error.empty()) dl->AddText(ImVec2(a.x + 6, a.y + 6), pal.failed, v.land.error.c_str());
  ImGui::PopFont();

  if (hover_user && begin_tip(false)) {
    ImGui::Text("You, at %.2f, %.2f", m.user().lat, m.user().lon);
    ImGui::TextDisabled("Drag to move. Requests go to the live datacenter with the lowest typical RTT.");
    end_tip();
  } else if (hover >= 0 && begin_tip(false)) {
    latency_place_tooltip(m, hover);
    end_tip();
  }
  ImGui::EndChild();
}

}  // namespace

void latency_view(LM& m, LatencyView& v, const ViewContext& ctx) {
  const float s = ctx.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiny = avail.y < 330 * s || avail.x < 300 * s;
  bool reset = false;
  latency_toolbar(m, v.show_budget, v.show_placement, v.zoom_request, reset, tiny || avail.x < 520 * s);
  if (reset) v.cam.placed = false;
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (tiny) {  // an embed: the map and the formula's line
    draw_map(m, v, ctx, ImVec2(rest.x, std::max(80 * s, rest.y - line - 2 * s)));
    ctx.mark("area:map");
    latency_formula(m, true);
    return;
  }
  // The world is about 2.25 times as wide as tall at zoom 1.
  const float map_h = std::clamp(rest.x / 2.25f, 150 * s, std::max(150 * s, rest.y * 0.62f));
  draw_map(m, v, ctx, ImVec2(rest.x, map_h));
  ctx.mark("area:map");
  const ImVec2 panel_min = ImGui::GetCursorScreenPos();
  const bool wide = rest.x >= 760 * s;
  const float h = std::max(230 * s, ImGui::GetContentRegionAvail().y - 2 * s);
  if (wide) {
    ImGui::BeginChild("left", ImVec2(rest.x * 0.5f, h), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    latency_formula(m, false);
    latency_placement(m);
    latency_table(m, v.every_place, std::max(120 * s, ImGui::GetContentRegionAvail().y - line - 4 * s), false);
    ImGui::EndChild();
    ImGui::SameLine(0, 8 * s);
    latency_scatter(m, ImVec2(ImGui::GetContentRegionAvail().x, h));
    ctx.mark("area:panel", panel_min, ImVec2(panel_min.x + rest.x, panel_min.y + h));
    return;
  }
  latency_formula(m, false);
  latency_placement(m);
  latency_table(m, v.every_place, 8 * line, true);
  ctx.mark("area:panel", panel_min, ImGui::GetItemRectMax());
  latency_scatter(m, ImVec2(rest.x, std::max(220 * s, rest.x * 0.62f)));
}

ViewEntry latency_view_entry() { return view<LM, LatencyView, latency_view>(latency_scene()); }

}  // namespace dsviz::ui
