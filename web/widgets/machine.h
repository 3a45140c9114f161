// A machine on a diagram: a circle (or a box for a service) that shows
// whether it is up, overloaded or busy, with a caption, and is clickable.
// After machine() the invisible button is ImGui's last item, so the caller
// adds its own tooltip with ImGui::BeginItemTooltip().
#pragma once
#include "imgui.h"

namespace dsviz::ui {

struct Machine {
  ImVec2 center;
  float radius = 12;
  bool up = true;
  bool box = false;          // a service drawn as a rounded box, 2.8 r wide
  bool overloaded = false;   // warning border
  bool highlight = false;    // a ring around it (e.g. served the last request)
  float ring_fill = -1;      // 0..1: an arc around it (a timer running out); < 0: none
  int slots = 0, busy = 0;   // worker slots as dots, busy ones lit
  ImU32 fill = 0;            // 0: the palette's node colour (dependency colour for boxes)
  const char* label = nullptr;    // inside: "3", "auth"
  const char* caption = nullptr;  // under it: "Node 3 (down)"
  bool caption_alert = false;     // caption in the failure colour
};

// Draws the machine and returns true when it was clicked or tapped.
// `id` must be unique within the window.
bool machine(int id, const Machine& m);

// A cross through a point: "down".
void cross(ImDrawList* dl, ImVec2 c, float k, ImU32 col, float thickness);

}  // namespace dsviz::ui
