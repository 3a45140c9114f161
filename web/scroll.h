// Scrolling ImGui leaves to the app: whether the wheel would scroll anything
// under the pointer (if not, the browser page should get it), and scrolling
// a panel by dragging a finger on a touch screen.
#pragma once

namespace dsviz::ui {

// True when the window under the pointer, or a parent it passes the wheel
// to, can scroll. Uses the last frame's layout.
bool wheel_scrolls_under_pointer();

// Call once per frame after the UI is drawn: a finger dragged across a
// panel's background (not a widget) scrolls that panel, as on any phone page.
void touch_drag_scroll();

}  // namespace dsviz::ui
