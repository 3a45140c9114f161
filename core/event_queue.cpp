#include "event_queue.h"

#include <algorithm>
#include <bit>

namespace dsviz {

namespace {
template <class K>
bool earlier(const K& x, const K& y) {
  return x.key != y.key ? x.key < y.key : x.seq < y.seq;
}
struct Later {
  template <class K>
  bool operator()(const K& x, const K& y) const { return earlier(y, x); }
};
}  // namespace

inline void EventQueue::place(const Key& k) {
  const uint64_t diff = k.key ^ origin_;
  const int level = diff ? (63 - std::countl_zero(diff)) / kDigit : 0;
  const int d = int(k.key >> (level * kDigit)) & (kFan - 1);
  bucket_[level][d].push_back(k);
  occupied_[level] |= 1ULL << d;
  levels_ |= 1u << level;
}

void EventQueue::push(Time at, const Event& e) {
  const Key k{key_of(at), seq_++, e};
  ++size_;
  if (k.key > bottom_hi_) {
    place(k);
  } else if (k.key >= origin_) {
    // Into the sorted run, after every equal key (they were scheduled first).
    auto it = bottom_.end();
    const auto first = bottom_.begin() + std::ptrdiff_t(head_);
    while (it != first && (it - 1)->key > k.key) --it;
    bottom_.insert(it, k);
    if (bottom_.size() - head_ > 2 * kSortMax) split();
  } else {
    early_.push_back(k);
    std::push_heap(early_.begin(), early_.end(), Later{});
  }
}

// Keeps insertions into the run short: the run's later half goes back to
// the buckets. Equal keys stay together, on one side.
void EventQueue::split() {
  size_t m = head_ + kSortMax;
  while (m < bottom_.size() && bottom_[m].key == bottom_[m - 1].key) ++m;
  if (m == bottom_.size()) return;
  for (size_t i = m; i < bottom_.size(); ++i) place(bottom_[i]);
  bottom_.resize(m);
  bottom_hi_ = bottom_.back().key;
}

bool EventQueue::settle() {
  bottom_.clear();
  head_ = 0;
  for (;;) {
    if (!levels_) return false;
    const int level = std::countr_zero(levels_);
    const int d = std::countr_zero(occupied_[level]);
    const int shift = level * kDigit;
    // The bucket's lowest possible key becomes the origin: the digits above
    // `level` are the origin's already, the ones below are zero.
    const uint64_t below = shift + kDigit >= 64 ? ~0ULL : (1ULL << (shift + kDigit)) - 1;
    origin_ = (origin_ & ~below) | (uint64_t(d) << shift);
    std::vector<Key>& from = bucket_[level][d];
    occupied_[level] &= ~(1ULL << d);
    if (!occupied_[level]) levels_ &= ~(1u << level);
    if (level == 0 || from.size() <= kSortMax) {
      bottom_.swap(from);  // `from` takes the spent run's storage
      // A level-0 bucket holds one time, already in scheduling order.
      if (level) std::sort(bottom_.begin(), bottom_.end(), [](const Key& x, const Key& y) { return earlier(x, y); });
      // The run covers up to its last key, not its bucket's whole range: a
      // lone event in a wide bucket would otherwise draw every later push
      // in that range into sorted insertion.
      bottom_hi_ = bottom_.back().key;
      return true;
    }
    // Every key here differs from the new origin below `level`: each lands
    // in a finer level. Walking in order keeps each bucket in scheduling
    // order, which level 0 relies on.
    for (const Key& k : from) place(k);
    from.clear();
  }
}

bool EventQueue::pop_until(Time limit, Time& at, Event& e) {
  if (!early_.empty()) {
    if (time_of(early_.front().key) > limit) return false;
    std::pop_heap(early_.begin(), early_.end(), Later{});
    at = time_of(early_.back().key);
    e = early_.back().e;
    early_.pop_back();
  } else {
    if (head_ == bottom_.size() && !settle()) return false;
    const Key& top = bottom_[head_];
    if (top.key > key_of(limit)) return false;
    ++head_;
    at = time_of(top.key);
    e = top.e;
  }
  --size_;
  return true;
}

void EventQueue::clear() {
  for (auto& level : bucket_)
    for (auto& v : level) v.clear();
  for (auto& o : occupied_) o = 0;
  levels_ = 0;
  bottom_.clear();
  head_ = 0;
  origin_ = bottom_hi_ = 0;
  early_.clear();
  size_ = 0;
  seq_ = 0;
}

}  // namespace dsviz
