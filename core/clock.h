// Clocks: each node's local clock (offset + linear drift, optionally reset by
// NTP-like synchronisation with an error bound) and Lamport logical clocks.
// True time is the simulator's; a node only ever sees its local reading.
#pragma once
#include <cstdint>

#include "rng.h"
#include "vtime.h"

namespace dsviz {

class LocalClock {
 public:
  LocalClock() = default;
  // offset: local minus true time at true time 0; drift in parts per million
  // (positive runs fast: +100 ppm gains 8.64 s a day).
  LocalClock(Time offset, double drift_ppm) : base_local_(offset), drift_ppm_(drift_ppm) {}

  Time read(Time true_t) const {
    const Time dt = true_t - base_true_;
    return base_local_ + dt + Time(double(dt) * drift_ppm_ * 1e-6);
  }
  Time error(Time true_t) const { return read(true_t) - true_t; }
  double drift_ppm() const { return drift_ppm_; }
  void set_drift_ppm(double ppm, Time true_t);
  // Steps the clock so it reads `local` at `true_t` (what a sync does).
  void set(Time true_t, Time local) {
    base_true_ = true_t;
    base_local_ = local;
  }
  // NTP-like synchronisation: afterwards the clock is off by an error drawn
  // uniformly from [-error_bound, +error_bound] (asymmetric paths, jitter).
  void sync(Time true_t, Time error_bound, Rng& rng);

 private:
  Time base_true_ = 0;   // true time of the last step
  Time base_local_ = 0;  // local reading at that moment
  double drift_ppm_ = 0;
};

// Lamport's logical clock: timestamps that never contradict causality.
class LamportClock {
 public:
  uint64_t tick() { return ++c_; }  // a local event or a send
  uint64_t receive(uint64_t stamp) {
    c_ = (stamp > c_ ? stamp : c_) + 1;
    return c_;
  }
  uint64_t value() const { return c_; }

 private:
  uint64_t c_ = 0;
};

}  // namespace dsviz
