// Scrolling ImGui leaves to the app: whether the wheel would scroll anything
// under the pointer (if not, the browser page should get it), and scrolling
// a panel by dragging a finger on a touch screen.
#pragma once

namespace dsviz::ui {

// True when the window under the pointer, or a parent it passes the wheel
// to, can scroll, or the item under it takes the wheel. Uses the last
// frame's layout.
bool wheel_scrolls_under_pointer();

// Which ways the wheel would scroll something under the pointer now: 1 up,
// 2 down, 3 both (an item that takes the wheel), 0 none. At a panel's top
// or bottom the page passes that direction on to the browser (a host page).
int wheel_directions_under_pointer();

// Call once per frame after the UI is drawn: a finger dragged across a
// panel's background (not a widget) scrolls that panel, as on any phone page;
// so does a vertical swipe that began on a slider (touch.h).
void touch_drag_scroll();

}  // namespace dsviz::ui
