// Needs ImGui internals: the active item, its rect, the window to scroll.
#include "touch.h"

#include <cfloat>
#include <cmath>

#include "imgui_internal.h"
#include "theme.h"

namespace dsviz::ui {
namespace {

// What a finger on a slider is doing. One per ImGui context (the UI test
// makes several in turn); only the UI thread touches it.
struct TouchState {
  ImGuiContext* ctx = nullptr;
  bool coarse = false;      // the platform's default before any input
  bool seen_input = false;  // a pointer event has arrived
  bool last_touch = false;  // ... and the last one came from a finger
  ImVec2 last_pos{-FLT_MAX, -FLT_MAX};  // where the pointer was last seen
  enum Mode { kNone, kUndecided, kSlide, kScroll } mode = kNone;
  ImGuiID slider = 0;           // the slider the finger went down on
  ImGuiWindow* scroll = nullptr;  // the panel a vertical swipe scrolls
  int decided_frame = -1;       // the frame the swipe turned into a scroll
  ImVector<ImGuiKey> claimed;   // keys the page acts on this frame
  int frame = 0;                // the context's frame count when last seen
};
TouchState g_state;

TouchState& state() {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  // A new context (the UI test makes one per case) may reuse the old one's
  // address: its frame count starts again from zero.
  if (g_state.ctx != ctx || (ctx && ctx->FrameCount < g_state.frame)) {
    const bool coarse = g_state.coarse;
    g_state = TouchState{};
    g_state.ctx = ctx;
    g_state.coarse = coarse;
  }
  g_state.frame = ctx ? ctx->FrameCount : 0;
  return g_state;
}

// A finger moves this far before the gesture counts as a swipe or a slide.
constexpr float kDecidePx = 8.0f;

bool can_scroll(const ImGuiWindow* w) {
  return w->ScrollMax.y > 0 && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse);
}

// The panel under the finger that can scroll, or a parent it would pass the
// scroll to.
ImGuiWindow* scroll_target(ImGuiWindow* w) {
  while (w && !can_scroll(w)) w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr;
  return w;
}

}  // namespace

void set_coarse_pointer(bool coarse) { state().coarse = coarse; }

bool touch_input() {
  const TouchState& s = state();
  return s.seen_input ? s.last_touch : s.coarse;
}

const char* tap_word(bool capital) {
  if (touch_input()) return capital ? "Tap" : "tap";
  return capital ? "Click" : "click";
}

void take_wheel() {
  if (ImGui::IsItemHovered()) ImGui::SetItemKeyOwner(ImGuiKey_MouseWheelY);
}

void claim_key(ImGuiKey key) {
  TouchState& s = state();
  if (!s.claimed.contains(key)) s.claimed.push_back(key);
}

bool key_claimed(ImGuiKey key) { return state().claimed.contains(key); }

void apply_input_style() {
  TouchState& s = state();
  s.claimed.clear();
  const ImGuiIO& io = ImGui::GetIO();
  // The source of the last real pointer event: a press, a release or a move.
  const bool valid = ImGui::IsMousePosValid();
  bool any = valid && (io.MousePos.x != s.last_pos.x || io.MousePos.y != s.last_pos.y);
  if (valid) s.last_pos = io.MousePos;
  for (int b = 0; b < 3; ++b) any = any || io.MouseDown[b] || io.MouseReleased[b];
  if (any) {
    s.seen_input = true;
    s.last_touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  }
  ImGuiStyle& st = ImGui::GetStyle();
  const float font = ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : 16.0f;
  st.FramePadding.y = touch_input() ? std::ceil((kTouchTarget - font) / 2) : kFramePadY;
  if (st.FramePadding.y < kFramePadY) st.FramePadding.y = kFramePadY;
}

float tap_height(float mouse_h) { return touch_input() && mouse_h < kTouchTarget ? kTouchTarget : mouse_h; }

bool small_button(const char* label) { return touch_input() ? ImGui::Button(label) : ImGui::SmallButton(label); }

namespace {

// At most ~28 characters' worth of em, and never wider than the screen.
float tip_wrap_x() {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = ImGui::GetMainViewport()->Size.x - 2 * st.WindowPadding.x - 16.0f;
  const float wmax = ImGui::GetFontSize() * 28.0f;
  if (w > wmax) w = wmax;
  if (w < 80.0f) w = 80.0f;
  return st.WindowPadding.x + w;
}

}  // namespace

bool begin_tip(bool for_item) {
  if (!(for_item ? ImGui::BeginItemTooltip() : ImGui::BeginTooltip())) return false;
  ImGui::PushTextWrapPos(tip_wrap_x());
  return true;
}

void end_tip() {
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void tip(const char* fmt, ...) {
  if (!begin_tip()) return;
  va_list args;
  va_start(args, fmt);
  ImGui::TextV(fmt, args);
  va_end(args);
  end_tip();
}

void tip_here(const char* fmt, ...) {
  if (!begin_tip(false)) return;
  va_list args;
  va_start(args, fmt);
  ImGui::TextV(fmt, args);
  va_end(args);
  end_tip();
}

bool touch_slider_gate(bool changed, float grab_fraction) {
  TouchState& s = state();
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = g.IO;
  const ImGuiID id = g.LastItemData.ID;
  if (!ImGui::IsItemActive()) {
    if (s.slider == id && s.mode != TouchState::kScroll) s.slider = 0, s.mode = TouchState::kNone;
    return changed;
  }
  if (ImGui::IsItemActivated()) {
    s.slider = 0;
    s.mode = TouchState::kNone;
    if (io.MouseSource != ImGuiMouseSource_TouchScreen) return changed;  // a mouse moves sliders at once
    s.slider = id;
    s.mode = TouchState::kUndecided;
    if (grab_fraction >= 0) {
      // A press on the handle (with a finger's slack) takes the slider.
      const ImRect r = g.LastItemData.Rect;
      const float x = r.Min.x + g.Style.FramePadding.x + grab_fraction * (r.GetWidth() - 2 * g.Style.FramePadding.x);
      if (std::fabs(io.MouseClickedPos[0].x - x) <= kTouchTarget / 2) s.mode = TouchState::kSlide;
    }
  }
  if (s.slider != id) return changed;
  if (s.mode == TouchState::kUndecided) {
    const float dx = io.MousePos.x - io.MouseClickedPos[0].x;
    const float dy = io.MousePos.y - io.MouseClickedPos[0].y;
    if (std::fabs(dx) < kDecidePx && std::fabs(dy) < kDecidePx) return false;
    if (std::fabs(dx) > std::fabs(dy)) {
      s.mode = TouchState::kSlide;
    } else {
      // A swipe: the page scrolls and the slider lets go, untouched.
      s.mode = TouchState::kScroll;
      s.scroll = scroll_target(g.CurrentWindow);
      s.decided_frame = g.FrameCount;
      ImGui::ClearActiveID();
      return false;
    }
  }
  return s.mode == TouchState::kSlide ? changed : false;
}

void touch_frame_end() {
  TouchState& s = state();
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiIO& io = g.IO;
  if (s.mode == TouchState::kScroll) {
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      s.mode = TouchState::kNone;
      s.slider = 0;
      s.scroll = nullptr;
    } else if (s.scroll) {
      // The frame that decided scrolls by the whole way the finger came.
      const float dy = s.decided_frame == g.FrameCount ? io.MousePos.y - io.MouseClickedPos[0].y : io.MouseDelta.y;
      if (dy != 0) ImGui::SetScrollY(s.scroll, s.scroll->Scroll.y - dy);
    }
  }
  // A lifted finger hovers nothing: tooltips and hover highlights close.
  if (io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseReleased[0]) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
}

}  // namespace dsviz::ui
