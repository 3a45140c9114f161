// Our own seeded random generator and distributions. The standard library's
// distributions differ between libstdc++ and Emscripten's libc++, which would
// break replay across builds; everything here uses only IEEE + - * / and the
// deterministic math in detmath.h, so one seed gives one run everywhere.
#pragma once
#include <cstdint>

namespace dsviz {

uint64_t splitmix64(uint64_t& state);
// One root seed derives every sub-seed: stream ids name the consumer.
uint64_t derive_seed(uint64_t root, uint64_t stream);

// xoshiro256** (Blackman & Vigna).
class Rng {
 public:
  explicit Rng(uint64_t seed = 0) { reseed(seed); }
  void reseed(uint64_t seed);
  uint64_t next();
  double uniform01();                           // [0, 1)
  double uniform(double lo, double hi);         // [lo, hi)
  uint64_t below(uint64_t n);                   // [0, n), unbiased; n > 0
  int64_t range(int64_t lo, int64_t hi);        // [lo, hi] inclusive
  bool bernoulli(double p);
  double exponential(double mean);
  double normal(double mean, double stddev);
  double lognormal(double mu, double sigma);    // exp(N(mu, sigma))
  double pareto(double xm, double alpha);       // heavy tail, support [xm, inf)

 private:
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace dsviz
