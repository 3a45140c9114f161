// Scene "unity", the ring's pieces (web/scenes/unity_view.cpp lays them out
// and draws the messages): where each machine sits, the colour of each kind of
// message, the user's marker and one machine with its tooltip.
#include <cmath>
#include <string>

#include "detmath.h"
#include "machine.h"
#include "theme.h"
#include "touch.h"
#include "unity_parts.h"

namespace dsviz::ui::unity_parts {

std::string node_name(const UnityModel& m, uint32_t node) {
  if (node == m.dependency_node()) return "the auth service";
  return "Node " + std::to_string(node + 1);  // 1-based, as in the chapter
}

RingLayout layout_ring(const UnityModel& m, ImVec2 a, ImVec2 b) {
  const uint32_t n = m.servers();
  RingLayout L;
  L.pos.resize(m.user_node() + 1);
  const float user_w = 36.0f * ImGui::GetFontSize() / 16.0f;  // strip on the left for the user marker
  ImVec2 c((a.x + user_w + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  // Room around the ring for a node and its caption ("Node 2 (down)" is
  // wide, so more at the sides); past 12 servers there are no captions.
  const bool captions = n <= 12;
  float R = std::fmin((b.x - a.x - user_w) * 0.5f - (captions ? 52.0f : 30.0f),
                      (b.y - a.y) * 0.5f - (captions ? 44.0f : 30.0f));
  if (R < 20) R = 20;
  L.ring_r = R;
  float chord = n > 1 ? 2.0f * R * float(std::sin(dm::kPi / double(n))) : R;
  L.node_r = std::fmax(7.0f, std::fmin(24.0f, std::fmin(chord * 0.38f, R * 0.3f)));
  for (uint32_t i = 0; i < n; ++i) {
    double ang = -dm::kPi / 2 + 2 * dm::kPi * double(i) / double(n);
    L.pos[i] = ImVec2(c.x + R * float(std::cos(ang)), c.y + R * float(std::sin(ang)));
  }
  L.pos[m.dependency_node()] = c;
  L.pos[m.user_node()] = ImVec2(a.x + user_w * 0.5f, c.y);  // "user" fits under it at any text size
  return L;
}

ImU32 message_color(uint32_t kind, const Palette& pal) {
  switch (kind) {
    case UnityModel::kRequest: return pal.message;
    case UnityModel::kResponse: return pal.reply;
    case UnityModel::kAuthCall:
    case UnityModel::kAuthReply: return pal.hidden;
    default: return pal.node_border;  // peer calls and replies
  }
}

void draw_user_marker(ImDrawList* dl, ImVec2 p, const Palette& pal) {
  dl->AddCircleFilled(ImVec2(p.x, p.y - 9), 5, pal.muted);
  dl->PathArcTo(ImVec2(p.x, p.y + 8), 9, float(dm::kPi), float(2 * dm::kPi));
  dl->PathFillConvex(pal.muted);
  ImGui::PushFont(fonts().small);
  ImVec2 ts = ImGui::CalcTextSize("user");
  dl->AddText(ImVec2(p.x - ts.x * 0.5f, p.y + 12), pal.muted, "user");
  ImGui::PopFont();
}

void draw_node(UnityModel& m, uint32_t node, const RingLayout& L, bool caption) {
  const bool dep = node == m.dependency_node();
  const bool up = m.node_up(node);
  const Node& nd = m.cluster().nodes[node];
  const char* state = !up ? "down" : (!dep && !m.routable(node)) ? "rejoining" : nullptr;
  const std::string inner = dep ? "auth" : std::to_string(node + 1);
  std::string cap = dep ? "hidden service" : "Node " + std::to_string(node + 1);
  if (state) cap += std::string(" (") + state + ")";
  Machine mc;
  mc.center = L.pos[node];
  mc.radius = L.node_r;
  mc.up = up;
  mc.box = dep;
  mc.highlight = !dep && int(node) == m.last_served_by();
  mc.slots = dep ? 0 : int(nd.workers);
  mc.busy = int(nd.busy);
  mc.label = inner.c_str();
  mc.caption = caption ? cap.c_str() : nullptr;
  mc.caption_alert = state != nullptr;
  if (machine(int(node), mc)) m.toggle_node(node);
  if (begin_tip()) {
    ImGui::Text("%s: %s", node_name(m, node).c_str(), up ? "up" : "down");
    if (!dep && up) ImGui::Text("%u of %u workers busy, %zu queued", nd.busy, nd.workers, nd.queue.size());
    if (!dep && !m.routable(node)) ImGui::TextUnformatted("The load balancer skips it until its next health check (every 1 s).");
    if (dep) ImGui::TextUnformatted("Every request checks the user with it. Users never see it.");
    ImGui::TextDisabled("%s to %s it.", tap_word(), up ? "crash" : "restart");
    end_tip();
  }
}

}  // namespace dsviz::ui::unity_parts
