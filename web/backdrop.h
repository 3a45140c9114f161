// The page's backdrop. The panels that cover most of the screen (sidebar,
// page) share one colour, so the frame is cleared to it and they draw no
// background of their own; only the margins around them are painted, in the
// window's colour. A software renderer (SwiftShader, as on school machines
// with blocklisted GPUs) pays per blended pixel: the two panel backgrounds
// were 1.1 of the 1.3 screens a frame filled at 1280x800, a glClear is far
// cheaper than a blended quad.
#pragma once

#include <span>

#include "imgui.h"

namespace dsviz::ui {

struct Rect {
  ImVec2 min, max;
};

// Paints `col` over `outer` wherever none of `panels` lies, including the
// corners a panel's `rounding` leaves open, so the result looks as if the
// panels had been drawn, rounded, on a window of colour `col`.
void paint_around(ImDrawList& dl, Rect outer, std::span<const Rect> panels, float rounding, ImU32 col);

}  // namespace dsviz::ui
