#include "metrics.h"

#include <algorithm>

namespace dsviz {

int Histogram::bucket_of(uint64_t v) {
  if (v < uint64_t(kSub)) return int(v);
  int e = 63 - __builtin_clzll(v);  // v in [2^e, 2^(e+1))
  int sub = int((v >> (e - 5)) & (kSub - 1));  // next 5 bits below the top one
  return (e - 4) * kSub + sub;
}

double Histogram::bucket_mid(int b) {
  if (b < kSub) return b;
  int e = b / kSub + 4, sub = b % kSub;
  double lo = double(1ULL << e) + double(sub) * double(1ULL << (e - 5));
  return lo + double(1ULL << (e - 5)) / 2;
}

void Histogram::add(int64_t v) {
  if (v < 0) v = 0;
  ++counts_[bucket_of(uint64_t(v))];
  if (count_ == 0 || v < min_) min_ = v;
  if (count_ == 0 || v > max_) max_ = v;
  ++count_;
  sum_ += double(v);
}

void Histogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);  // one memset, not 2,048 checked stores (under the fuzzers' sanitizers)
  count_ = 0;
  min_ = max_ = 0;
  sum_ = 0;
}

double Histogram::quantile(double q) const {
  if (count_ == 0) return 0;
  if (q <= 0) return double(min_);
  if (q >= 1) return double(max_);
  // The rank of the q-quantile, 1-based, as in "nearest rank".
  uint64_t rank = uint64_t(q * double(count_));
  if (double(rank) < q * double(count_)) ++rank;
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += counts_[b];
    if (seen >= rank) {
      double m = bucket_mid(b);
      if (m < double(min_)) m = double(min_);
      if (m > double(max_)) m = double(max_);
      return m;
    }
  }
  return double(max_);
}

}  // namespace dsviz
