// A fixed-capacity ring buffer: the newest `capacity` items, oldest first.
// Traces and time series use it so memory stays bounded on long runs. The
// capacity is rounded up to a power of two so indexing is a mask, not a
// division (which is slow in wasm's 64-bit arithmetic). The storage grows
// by doubling up to the capacity as items arrive, so a model that is built
// only to read its settings (links, --set checks, tours) allocates nothing.
#pragma once
#include <cstddef>
#include <vector>

namespace dsviz {

template <class T>
class Ring {
 public:
  explicit Ring(size_t capacity = 1024) : cap_(round_up(capacity)) {}
  void push(const T& v) {
    if (size_ == buf_.size() && size_ < cap_) grow();
    buf_[(start_ + size_) & mask_] = v;
    if (size_ < buf_.size()) ++size_;
    else start_ = (start_ + 1) & mask_;
    ++pushed_;
  }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }
  bool empty() const { return size_ == 0; }
  // i = 0 is the oldest item still held.
  const T& operator[](size_t i) const { return buf_[(start_ + i) & mask_]; }
  T& operator[](size_t i) { return buf_[(start_ + i) & mask_]; }
  const T& back() const { return (*this)[size_ - 1]; }
  // How many were ever pushed; item number k (0-based) is held when
  // k >= pushed() - size().
  size_t pushed() const { return pushed_; }
  T* find_pushed(size_t k) {
    if (k >= pushed_ || k + size_ < pushed_) return nullptr;
    return &(*this)[k - (pushed_ - size_)];
  }
  void clear() { start_ = size_ = pushed_ = 0; }

 private:
  static size_t round_up(size_t n) {
    size_t p = 1;
    while (p < n) p <<= 1;
    return p;
  }
  // Until the storage reaches cap_ nothing has been overwritten, so start_
  // is 0 and the items sit in order at the front: resizing keeps them.
  void grow() {
    const size_t n = buf_.empty() ? (cap_ < 16 ? cap_ : 16) : buf_.size() * 2;
    buf_.resize(n);
    mask_ = n - 1;
  }
  std::vector<T> buf_;
  size_t cap_;
  size_t mask_ = 0;
  size_t start_ = 0, size_ = 0, pushed_ = 0;
};

}  // namespace dsviz
