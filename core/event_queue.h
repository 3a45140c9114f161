// Pending events ordered by (time, sequence number): ties pop in the order
// they were scheduled, so a run never depends on heap internals.
// A 4-ary heap of 16-byte keys with payloads in a slab keeps the hot loop in
// cache (see `dsviz-cli bench`). The heap starts 3 slots into a 64-byte
// aligned buffer, so a node's four children share one cache line: a level of
// sift-down then costs one line fetch instead of two.
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
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
  bool pop(Time& at, Event& e);
  Time next_time() {
    settle();
    return heap_.size() == kRoot ? kTimeMax : heap_[kRoot].time;
  }
  size_t size() const { return heap_.size() - kRoot - (hole_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  void clear();

 private:
  struct Key {
    Time time;
    uint64_t order;  // sequence number << 24 | slab slot
    // Written as a select, not ||/&&: both compilers emit branch-free code.
    bool operator<(const Key& o) const { return (time ^ o.time) ? time < o.time : order < o.order; }
  };
  static constexpr uint64_t kSlotBits = 24;
  // Physical index of the root; the children of slot p are 4p-8 .. 4p-5,
  // its parent p/4+2. Slots 0-2 are padding.
  static constexpr size_t kRoot = 3;
  // std::allocator only promises 16-byte alignment.
  template <class T>
  struct LineAlloc {
    using value_type = T;
    LineAlloc() = default;
    template <class U>
    LineAlloc(const LineAlloc<U>&) {}
    T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(64))); }
    void deallocate(T* p, size_t) { ::operator delete(p, std::align_val_t(64)); }
    bool operator==(const LineAlloc&) const { return true; }
  };
  void sift_up(size_t i);
  void sift_down(size_t i);
  // pop() leaves a hole at the root; the usual next step, a push, fills it
  // with one sift-down instead of a sift-down and a sift-up.
  void settle();
  bool hole_ = false;

  std::vector<Key, LineAlloc<Key>> heap_ = std::vector<Key, LineAlloc<Key>>(kRoot);
  std::vector<Event> slab_;
  std::vector<uint32_t> free_;
  uint64_t seq_ = 0;
};

}  // namespace dsviz
