// A simulated computer: up or down, a number of workers, a bounded request
// queue, a local clock, a Lamport clock and its failure process.
#pragma once
#include <cstdint>
#include <deque>

#include "clock.h"
#include "faults.h"
#include "vtime.h"

namespace dsviz {

struct Node {
  bool up = true;
  uint32_t workers = 1;         // requests served at once (capacity)
  uint32_t busy = 0;
  uint32_t queue_limit = 1000;  // requests waiting beyond this are refused
  std::deque<uint64_t> queue;   // waiting request ids
  LocalClock clock;
  LamportClock lamport;
  FailureSpec failures;
  uint64_t epoch = 0;  // bumped on every crash: stale completions are ignored

  // Bookkeeping for availability figures.
  uint64_t crashes = 0;
  Time down_since = 0;
  Time downtime = 0;

  void crash(Time now) {
    if (!up) return;
    up = false;
    ++crashes;
    ++epoch;
    down_since = now;
    busy = 0;
    queue.clear();
  }
  void recover(Time now) {
    if (up) return;
    up = true;
    downtime += now - down_since;
  }
  Time downtime_until(Time now) const { return downtime + (up ? 0 : now - down_since); }
};

}  // namespace dsviz
