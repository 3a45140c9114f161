// Both need ImGui internals (hovered window, scroll limits, active id).
#include "scroll.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "touch.h"

namespace dsviz::ui {

static bool can_scroll(const ImGuiWindow* w) {
  return (w->ScrollMax.y > 0 || w->ScrollMax.x > 0) && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse);
}

// ImGui hands the wheel from a child that cannot scroll to its parent.
static ImGuiWindow* scrollable_under_pointer() {
  ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow;
  while (w && !can_scroll(w)) w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr;
  return w;
}

bool wheel_scrolls_under_pointer() {
  // An item that takes the wheel itself (the timeline zooms with it).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (ImGui::GetKeyOwnerData(&g, ImGuiKey_MouseWheelY)->OwnerNext != ImGuiKeyOwner_None) return true;
  return scrollable_under_pointer() != nullptr;
}

int wheel_directions_under_pointer() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (ImGui::GetKeyOwnerData(&g, ImGuiKey_MouseWheelY)->OwnerNext != ImGuiKeyOwner_None) return 3;
  const ImGuiWindow* w = scrollable_under_pointer();
  if (!w) return 0;
  return (w->Scroll.y > 0.5f ? 1 : 0) | (w->Scroll.y < w->ScrollMax.y - 0.5f ? 2 : 0);
}

void touch_drag_scroll() {
  touch_frame_end();  // a swipe that began on a slider; touch-up closes tooltips
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.IO.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
  // A press on a window's background makes the window's move id active (even
  // with NoMove); a press on a widget makes the widget active: leave those be.
  if (g.ActiveId == 0 || !g.ActiveIdWindow || g.ActiveId != g.ActiveIdWindow->MoveId) return;
  ImGuiWindow* w = scrollable_under_pointer();
  if (!w || g.IO.MouseDelta.y == 0) return;
  ImGui::SetScrollY(w, w->Scroll.y - g.IO.MouseDelta.y);
}

}  // namespace dsviz::ui
