// Touch and mouse: which one the reader is using, and what follows from it.
// A finger needs targets at least 44 px tall, a tooltip that leaves with the
// finger and words that say "Tap"; a slider must not steal a swipe that was
// meant to scroll the page.
#pragma once
#include <cstdarg>

#include "imgui.h"

namespace dsviz::ui {

// The smallest height of anything tappable on a touch screen, in logical
// (CSS) pixels.
constexpr float kTouchTarget = 44.0f;

// True when the last pointer input came from a finger, or, before any input,
// when the platform said the screen's main pointer is coarse (a phone).
bool touch_input();
// The platform's answer to "is the main pointer a finger?" (the browser's
// (pointer: coarse)); the desktop never sets it.
void set_coarse_pointer(bool coarse);

// "Tap" on touch, "Click" with a mouse; tap_word(false): "tap" / "click".
const char* tap_word(bool capital = true);

// Call at the start of every frame: frame padding that makes buttons,
// sliders and checkboxes kTouchTarget tall on touch, the theme's otherwise.
void apply_input_style();
// The height a hand-made tappable item (selectable row, invisible button)
// should have: `mouse_h` with a mouse, at least kTouchTarget on touch.
float tap_height(float mouse_h);

// ImGui::SmallButton with a mouse, a full-height Button on touch.
bool small_button(const char* label);

// A tooltip for the last item that wraps inside the screen (a long text
// never runs off its edge). Word the text with tap_word() where it names
// the gesture.
void tip(const char* fmt, ...) IM_FMTARGS(1);
// The same for a tooltip that is not about the last item (a hovered node
// drawn by hand): shown now, wrapped inside the screen.
void tip_here(const char* fmt, ...) IM_FMTARGS(1);
// ImGui::BeginItemTooltip (for_item) or BeginTooltip with tip()'s wrapping,
// for tooltips with more than one line of text; end_tip() only when it
// returned true.
bool begin_tip(bool for_item = true);
void end_tip();

// Call right after a slider. On touch, a press on the slider is undecided
// until the finger has moved: a mostly vertical move gives the gesture to
// the scrolling panel behind (the slider keeps its value), a mostly
// horizontal one, or a press on the slider's handle (`grab_fraction`: where
// the handle sits, 0..1, or a negative value when unknown), moves the slider.
// Returns `changed` when the slider may change now, false while the gesture
// is undecided or scrolling. With a mouse it returns `changed` as is.
bool touch_slider_gate(bool changed, float grab_fraction = -1.0f);

// The last item takes the mouse wheel while hovered (a map that zooms, the
// timeline): the panel behind does not scroll, and the browser hands the
// wheel to the app instead of a host page.
void take_wheel();

// Keys the page acts on this frame (Space: play/pause; a view's arrows
// while the pointer is on it). Embedded in a host page, the browser gives
// the host the scrolling keys nobody claimed (web/platform.cpp).
void claim_key(ImGuiKey key);
bool key_claimed(ImGuiKey key);

// Call once per frame after the UI is drawn (scroll.cpp's touch_drag_scroll
// does): carries on a scroll a slider gave up, and lets go of hover when a
// finger lifts, so tooltips close on touch-up.
void touch_frame_end();

}  // namespace dsviz::ui
