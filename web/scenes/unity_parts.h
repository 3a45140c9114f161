// Scene "unity": the ring's pieces, drawn by web/scenes/unity_parts.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"
#include "scenes/unity.h"
#include "theme.h"

namespace dsviz::ui::unity_parts {

// Screen positions: servers on a ring starting at the top, clockwise; the
// hidden dependency in the middle; the user at the left edge.
struct RingLayout {
  std::vector<ImVec2> pos;  // indexed by cluster node id
  float node_r = 12;
  float ring_r = 60;
};

// "Node 3", or "the auth service" for the hidden dependency.
std::string node_name(const UnityModel& m, uint32_t node);
RingLayout layout_ring(const UnityModel& m, ImVec2 a, ImVec2 b);
ImU32 message_color(uint32_t kind, const Palette& pal);
void draw_user_marker(ImDrawList* dl, ImVec2 p, const Palette& pal);
// One machine of the ring; a click crashes or restarts it.
void draw_node(UnityModel& m, uint32_t node, const RingLayout& L, bool caption);

}  // namespace dsviz::ui::unity_parts
