// Metrics the scenes report: counters are plain integers in the models;
// histograms give p50/p99 with bounded memory; time series are rings.
#pragma once
#include <cstdint>
#include <vector>

#include "ring.h"
#include "vtime.h"

namespace dsviz {

// Log-linear buckets (32 per power of two, so a quantile is within ~3% of the
// true value) over non-negative integers, e.g. latencies in nanoseconds.
class Histogram {
 public:
  Histogram() : counts_(kBuckets, 0) {}
  void add(int64_t v);
  void clear();
  uint64_t count() const { return count_; }
  int64_t min() const { return count_ ? min_ : 0; }
  int64_t max() const { return count_ ? max_ : 0; }
  double mean() const { return count_ ? sum_ / double(count_) : 0; }
  // q in [0, 1]; 0 when empty. Exact at min and max, bucket midpoint between.
  double quantile(double q) const;

 private:
  static constexpr int kSub = 32;
  static constexpr int kBuckets = 64 * kSub;
  static int bucket_of(uint64_t v);
  static double bucket_mid(int b);
  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  int64_t min_ = 0, max_ = 0;
  double sum_ = 0;
};

// A sampled time series for plots: (virtual time, value) pairs.
struct Sample {
  Time t = 0;
  double v = 0;
};
using TimeSeries = Ring<Sample>;

}  // namespace dsviz
