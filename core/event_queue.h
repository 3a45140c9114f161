// Pending events ordered by (time, sequence number): ties pop in the order
// they were scheduled, so a run never depends on the queue's internals.
//
// A radix queue on the 64-bit time (a hierarchy of timing wheels with exact
// keys), not a comparison heap: virtual time never runs backwards, so every
// pending time is at or after `origin_`, and an event waits in the bucket
// named by the highest 6-bit digit in which its time differs from the origin
// (the level) and that digit's value. The earliest events are in the lowest
// non-empty bucket; when it holds a few it is sorted into `bottom_`, the run
// pops come from, else it is spread over the finer levels below it. An event
// moves a few times in its life and is compared only inside small sorted
// runs, where (time, sequence) decides. Events travel with their keys, so a
// bucket is read front to back. `dsviz-cli bench` times it.
//
// A push before the origin (possible when the queue is used outside Sim, or
// when something is scheduled after next_time() looked past it) goes to a
// small binary heap that pops first: every key in it is below every other.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "vtime.h"

namespace dsviz {

// An event's payload: what happens and to whom. Models give `kind` meaning.
struct Event {
  uint32_t kind = 0;
  uint32_t node = 0;  // usually the node it happens at
  uint64_t a = 0;     // model-defined (message id, request id, ...)
  uint64_t b = 0;
};

class EventQueue {
 public:
  void push(Time at, const Event& e);
  // Removes the earliest event; returns false when empty.
  bool pop(Time& at, Event& e) { return pop_until(kTimeMax, at, e); }
  // Removes the earliest event if it is due by `limit`; false otherwise (or
  // when empty). One look at the head instead of next_time() then pop().
  bool pop_until(Time limit, Time& at, Event& e);
  // The earliest pending time, kTimeMax when empty.
  Time next_time() {
    if (!early_.empty()) return time_of(early_.front().key);
    if (head_ == bottom_.size() && !settle()) return kTimeMax;
    return time_of(bottom_[head_].key);
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear();

 private:
  struct Key {
    uint64_t key;  // the time with its sign bit flipped: unsigned order = time order
    uint64_t seq;  // scheduling order
    Event e;
  };
  static constexpr int kDigit = 6;                      // bits per level
  static constexpr int kFan = 1 << kDigit;              // buckets per level
  static constexpr int kLevels = (64 + kDigit - 1) / kDigit;
  static constexpr size_t kSortMax = 32;                // a bucket this small is sorted, not spread
  static uint64_t key_of(Time t) { return uint64_t(t) ^ (1ULL << 63); }
  static Time time_of(uint64_t k) { return Time(k ^ (1ULL << 63)); }
  void place(const Key& k);
  // Refills bottom_ from the lowest non-empty bucket; false when none.
  bool settle();
  void split();

  std::vector<Key> bucket_[kLevels][kFan];
  uint64_t occupied_[kLevels] = {};  // bit d: bucket d of that level holds events
  uint32_t levels_ = 0;              // bit L: level L holds events
  // The sorted run being popped, [head_, end); it holds every pending key
  // in [origin_, bottom_hi_], the buckets those above (any origin at or
  // below every pending key buckets them in the right order).
  std::vector<Key> bottom_;
  size_t head_ = 0;
  uint64_t origin_ = 0, bottom_hi_ = 0;
  std::vector<Key> early_;  // binary min-heap on (key, seq): pushes below origin_
  size_t size_ = 0;
  uint64_t seq_ = 0;
};

}  // namespace dsviz
