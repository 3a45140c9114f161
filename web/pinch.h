// Two-finger pinch from raw touch points: ImGui follows one pointer, so the
// platform feeds SDL's fingers here and hands each frame's pinch to the view
// (ViewContext::Pinch). Pure: positions in, zoom factor and midpoint out.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

#include "scenes/views.h"

namespace dsviz::ui {

class PinchTracker {
 public:
  // A finger touched, moved or lifted; x, y in the window's pixels.
  void down(int64_t id, float x, float y) {
    for (Finger& f : fingers_)
      if (f.id == id) return move(id, x, y);
    fingers_.push_back({id, x, y});
    update();
  }
  void move(int64_t id, float x, float y) {
    for (Finger& f : fingers_)
      if (f.id == id) f.x = x, f.y = y;
    update();
  }
  void up(int64_t id) {
    for (size_t i = 0; i < fingers_.size(); ++i)
      if (fingers_[i].id == id) fingers_.erase(fingers_.begin() + long(i));
    update();
  }
  // Every finger gone at once (the window lost focus, the touch was cancelled).
  void clear() {
    fingers_.clear();
    update();
  }

  // This frame's pinch: the spread's growth and the midpoint's move since
  // the last take(); active while exactly two fingers are down.
  ViewContext::Pinch take() {
    ViewContext::Pinch p = frame_;
    frame_.zoom = 1;
    frame_.dx = frame_.dy = 0;
    return p;
  }

 private:
  struct Finger {
    int64_t id;
    float x, y;
  };
  void update() {
    if (fingers_.size() != 2) {
      tracking_ = false;
      frame_.active = false;
      return;
    }
    const Finger &a = fingers_[0], &b = fingers_[1];
    const float spread = std::hypot(a.x - b.x, a.y - b.y);
    const float cx = (a.x + b.x) * 0.5f, cy = (a.y + b.y) * 0.5f;
    // Fingers closer than a few pixels give no usable ratio.
    if (tracking_ && spread > 4 && spread_ > 4) {
      frame_.zoom *= spread / spread_;
      frame_.dx += cx - frame_.x;
      frame_.dy += cy - frame_.y;
    }
    tracking_ = true;
    spread_ = spread;
    frame_.active = true;
    frame_.x = cx;
    frame_.y = cy;
  }

  std::vector<Finger> fingers_;
  bool tracking_ = false;
  float spread_ = 0;
  ViewContext::Pinch frame_;
};

}  // namespace dsviz::ui
