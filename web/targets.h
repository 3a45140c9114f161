// Where named things are on screen this frame: views, the settings panel
// and the shell report the rectangle of each tour target they draw
// ("node:2", "plot:availability", "control:nodes"; vocabulary in
// core/tour/targets.cpp), and the shell outlines the one a tour step names.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "imgui.h"

namespace dsviz::ui {

class TargetRects {
 public:
  void clear() { rects_.clear(); }
  // A later report of the same name replaces the earlier one. The part
  // outside the current window (scrolled away, cut off) is not on screen:
  // it is clipped, and nothing is kept when nothing is left.
  void add(std::string_view name, ImVec2 min, ImVec2 max) {
    const ImVec2 wmin = ImGui::GetWindowPos();
    const ImVec2 wmax(wmin.x + ImGui::GetWindowSize().x, wmin.y + ImGui::GetWindowSize().y);
    min = ImVec2(min.x > wmin.x ? min.x : wmin.x, min.y > wmin.y ? min.y : wmin.y);
    max = ImVec2(max.x < wmax.x ? max.x : wmax.x, max.y < wmax.y ? max.y : wmax.y);
    if (max.x <= min.x || max.y <= min.y) return;
    for (auto& r : rects_)
      if (r.name == name) {
        r.min = min;
        r.max = max;
        return;
      }
    rects_.push_back({std::string(name), min, max});
  }
  // ImGui's last item (a button, a child window, a group).
  void add_item(std::string_view name) { add(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }
  const ImVec2* find(std::string_view name, ImVec2* max) const {
    for (const auto& r : rects_)
      if (r.name == name) {
        *max = r.max;
        return &r.min;
      }
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& r : rects_) out.push_back(r.name);
    return out;
  }

 private:
  struct Rect {
    std::string name;
    ImVec2 min, max;
  };
  std::vector<Rect> rects_;
};

}  // namespace dsviz::ui
