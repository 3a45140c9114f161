// How much background work (simulated events) a frame may do, sized by wall
// time. The core counts events, not milliseconds (it has no clock); what an
// event costs differs by a factor of ten between a native build and wasm on
// a busy school laptop, so a fixed count either stalls frames there or
// wastes time here. The front end times each slice and scales the next one
// toward a target, growing slowly and shrinking at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace dsviz {

class WorkBudget {
 public:
  WorkBudget(uint64_t first, uint64_t min, uint64_t max, double target_ms)
      : events_(first), min_(min), max_(max), target_ms_(target_ms) {}

  uint64_t events() const { return events_; }
  double target_ms() const { return target_ms_; }
  // A new target: the next record() sizes the slice for it.
  void set_target_ms(double ms) { target_ms_ = ms; }
  // A target that is a share of the interval between frames, within
  // [min_ms, max_ms]. When frames come slowly because the GPU side is
  // behind (a software renderer rasterising a large window), the page's
  // thread is idle most of each frame: background work may take more of it
  // and finish in fewer frames.
  static double frame_share_ms(double interval_ms, double share, double min_ms, double max_ms) {
    return std::clamp(share * interval_ms, min_ms, max_ms);
  }

  // A whole slice of events() took `ms` of wall time.
  void record(double ms) {
    const double per_event = std::max(ms, 0.01) / double(events_);
    const double fit = target_ms_ / per_event;
    // Up by at most 2x a frame (one fast frame can be luck), down at once.
    const double next = std::min(fit, 2.0 * double(events_));
    events_ = std::clamp(uint64_t(std::max(next, 1.0)), min_, max_);
  }

  // Runs work(events()) -> true once the work is finished, timed. A slice
  // that finished the work may have used less than it was given, so it says
  // nothing about the rate and is not recorded.
  template <class F>
  bool run(F&& work) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool finished = work(events_);
    if (!finished) record(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    return finished;
  }

 private:
  uint64_t events_, min_, max_;
  double target_ms_;
};

}  // namespace dsviz
