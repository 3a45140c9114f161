// A space-time diagram: one lane per machine, time to the right, each
// message an arrow from its send to its receive (in flight: as far as it has
// travelled). Labels never collide: each tries a few places beside its
// anchor and is left out when all are taken (hover still tells). Used by the
// concurrency and clocks scenes, and by any scene that draws message flows.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"
#include "trace.h"
#include "vtime.h"

namespace dsviz::ui {

// Places text boxes without overlap; a box that fits nowhere is skipped.
class LabelPlacer {
 public:
  explicit LabelPlacer(ImVec2 clip_min, ImVec2 clip_max) : lo_(clip_min), hi_(clip_max) {}
  // Tries each top-left corner in turn; `force` draws at the first one even
  // if it overlaps. Returns true when drawn. Draws a backing plate so the
  // text stays readable over lines.
  bool place(ImDrawList* dl, const char* text, const ImVec2* corners, int n, ImU32 col, bool force = false);
  // Reserves a box so later labels avoid it.
  void reserve(ImVec2 a, ImVec2 b) { boxes_.push_back(ImVec4(a.x, a.y, b.x, b.y)); }

 private:
  bool free(const ImVec4& q) const;
  ImVec2 lo_, hi_;
  std::vector<ImVec4> boxes_;
};

enum class TimeAxis {
  kSinceStart,  // ticks in ms from the window's start ("0 ms", "20 ms", ...)
  kBeforeNow,   // ticks in s before the window's end ("-2 s", ..., "now")
};

struct SpacetimeArrow {
  int from = 0, to = 0;  // lanes
  Time send = 0, due = 0;
  bool delivered = true;  // false: in flight, drawn up to `now`
  ImU32 col = 0;
  float thickness = 1.8f;
  bool dashed = false;     // replies
  bool emphasized = false; // bigger head (an anomaly, a lost write)
  uint64_t id = 0;         // returned by hovered()
};

// The arrow of one simulated message between two lanes.
SpacetimeArrow message_arrow(const MessageRecord& r, int from_lane, int to_lane, ImU32 col, uint64_t id);

class Spacetime {
 public:
  // Lanes top to bottom in [a, b]; the time window is [t0, t0 + span].
  // `small`: short lane names and fewer ticks (phones, small embeds).
  Spacetime(ImVec2 a, ImVec2 b, Time t0, Time span, const std::vector<std::string>& lanes, TimeAxis axis, bool small);
  ~Spacetime();  // pops the clip rect and the font

  float x(Time t) const;
  float lane_y(int lane) const;
  bool small() const { return small_; }
  ImDrawList* draw_list() const { return dl_; }
  LabelPlacer& labels() { return labels_; }

  // A vertical line at t across every lane (the present moment).
  void now_line(Time t, ImU32 col);
  // A tick across one lane (a clock synchronisation).
  void tick(int lane, Time t, ImU32 col);
  // Draws one arrow; `now` ends arrows still in flight. Returns its end point.
  ImVec2 arrow(const SpacetimeArrow& a, Time now);
  // The arrow under the pointer so far (the closest within a few pixels).
  const SpacetimeArrow* hovered() const { return has_hover_ ? &hover_ : nullptr; }
  // A label beside an arrow from p0 to p1, in the gap near its lower end.
  void arrow_label(const std::string& text, ImVec2 p0, ImVec2 p1, ImU32 col, bool force);

 private:
  ImDrawList* dl_;
  ImVec2 a_, b_;
  Time t0_, span_;
  int lanes_;
  bool small_;
  float x0_, x1_, y_top_, y_bot_;
  LabelPlacer labels_;
  bool hover_area_ = false;
  bool has_hover_ = false;
  float best_ = 0;
  SpacetimeArrow hover_;
};

// A dashed line, for replies.
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash);
// A round tick step (1, 2 or 5 x 10^k) giving about `target` ticks over span.
double tick_step(double span, int target);

}  // namespace dsviz::ui
