#include "event_queue.h"

namespace dsviz {

void EventQueue::push(Time at, const Event& e) {
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    slab_[slot] = e;
  } else {
    slot = uint32_t(slab_.size());
    slab_.push_back(e);
  }
  const Key k{at, (seq_++ << kSlotBits) | slot};
  if (hole_) {
    hole_ = false;
    heap_[kRoot] = k;
    sift_down(kRoot);
    return;
  }
  heap_.push_back(k);
  sift_up(heap_.size() - 1);
}

void EventQueue::settle() {
  if (!hole_) return;
  hole_ = false;
  heap_[kRoot] = heap_.back();
  heap_.pop_back();
  if (heap_.size() > kRoot) sift_down(kRoot);
}

bool EventQueue::pop(Time& at, Event& e) {
  settle();
  if (heap_.size() == kRoot) return false;
  const Key top = heap_[kRoot];
  at = top.time;
  const uint32_t slot = uint32_t(top.order & ((1ULL << kSlotBits) - 1));
  e = slab_[slot];
  free_.push_back(slot);
  hole_ = true;
  return true;
}

void EventQueue::clear() {
  heap_.resize(kRoot);
  slab_.clear();
  free_.clear();
  seq_ = 0;
  hole_ = false;
}

void EventQueue::sift_up(size_t i) {
  Key k = heap_[i];
  while (i > kRoot) {
    const size_t parent = i / 4 + 2;
    if (!(k < heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = k;
}

void EventQueue::sift_down(size_t i) {
  const size_t n = heap_.size();
  Key* h = heap_.data();
  const Key k = h[i];
  for (;;) {
    const size_t first = 4 * i - 8;
    if (first >= n) break;
    size_t best = first;
    if (first + 3 < n) {
      // All four children exist: pick the least without data-dependent
      // branches (they mispredict half the time on random keys).
      const size_t a = h[first + 1] < h[first] ? first + 1 : first;
      const size_t b = h[first + 3] < h[first + 2] ? first + 3 : first + 2;
      best = h[b] < h[a] ? b : a;
    } else {
      for (size_t c = first + 1; c < n; ++c)
        if (h[c] < h[best]) best = c;
    }
    if (!(h[best] < k)) break;
    h[i] = h[best];
    i = best;
  }
  h[i] = k;
}

}  // namespace dsviz
