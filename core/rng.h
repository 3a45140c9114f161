// Our own seeded random generator and distributions. The standard library's
// distributions differ between libstdc++ and Emscripten's libc++, which would
// break replay across builds; everything here uses only IEEE + - * / and the
// deterministic math in detmath.h, so one seed gives one run everywhere.
#pragma once
#include <cstdint>

#include "detmath.h"

namespace dsviz {

// Inline, like next() and uniform01() below: every simulated event hashes
// three words through splitmix64 and most draw a number or two, and a call
// per use cost ~10% of the 1,000-node mesh loop (callgrind).
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
// One root seed derives every sub-seed: stream ids name the consumer.
uint64_t derive_seed(uint64_t root, uint64_t stream);

// xoshiro256** (Blackman & Vigna).
class Rng {
 public:
  explicit Rng(uint64_t seed = 0) { reseed(seed); }
  void reseed(uint64_t seed);
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  double uniform01() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double lo, double hi);         // [lo, hi)
  uint64_t below(uint64_t n);                   // [0, n), unbiased; n > 0
  int64_t range(int64_t lo, int64_t hi);        // [lo, hi] inclusive
  bool bernoulli(double p);
  // Inline: most models draw one per message. 1 - u is in (0, 1], so the
  // log never sees 0.
  double exponential(double mean) { return -mean * dm::log(1.0 - uniform01()); }
  double normal(double mean, double stddev);
  double lognormal(double mu, double sigma);    // exp(N(mu, sigma))
  double pareto(double xm, double alpha);       // heavy tail, support [xm, inf)

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace dsviz
