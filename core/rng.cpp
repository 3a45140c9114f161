#include "rng.h"

#include "detmath.h"

namespace dsviz {

uint64_t derive_seed(uint64_t root, uint64_t stream) {
  uint64_t s = root ^ (stream * 0xd1b54a32d192ed03ULL);
  splitmix64(s);
  return splitmix64(s);
}

void Rng::reseed(uint64_t seed) {
  uint64_t sm = seed;
  for (auto& w : s_) w = splitmix64(sm);
  has_spare_ = false;
}

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

// The 128-bit product of two 64-bit numbers as (high, low) from 32-bit
// halves: wasm has no 64x64->128 multiply, and __int128 there becomes a call.
// Native x86-64 and ARM64 have that multiply: the same product in one
// instruction.
static inline uint64_t mul_wide(uint64_t a, uint64_t b, uint64_t& low) {
#if defined(__SIZEOF_INT128__) && !defined(__EMSCRIPTEN__)
  const unsigned __int128 p = (unsigned __int128)a * b;
  low = uint64_t(p);
  return uint64_t(p >> 64);
#else
  const uint64_t a_lo = uint32_t(a), a_hi = a >> 32, b_lo = uint32_t(b), b_hi = b >> 32;
  const uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
  const uint64_t mid = (ll >> 32) + uint32_t(lh) + uint32_t(hl);
  low = (mid << 32) | uint32_t(ll);
  return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

uint64_t Rng::below(uint64_t n) {
  // Lemire's multiply-shift with rejection: unbiased and branch-light.
  uint64_t low;
  uint64_t high = mul_wide(next(), n, low);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) high = mul_wide(next(), n, low);
  }
  return high;
}

int64_t Rng::range(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  return lo + int64_t(below(uint64_t(hi - lo) + 1));
}

bool Rng::bernoulli(double p) { return p > 0 && (p >= 1 || uniform01() < p); }


double Rng::normal(double mean, double stddev) {
  // Marsaglia's polar method: needs only log and sqrt, no trigonometry.
  if (has_spare_) {
    has_spare_ = false;
    return mean + stddev * spare_;
  }
  double u, v, s;
  do {
    u = uniform(-1, 1);
    v = uniform(-1, 1);
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  double f = dm::sqrt(-2 * dm::log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return mean + stddev * u * f;
}

double Rng::lognormal(double mu, double sigma) { return dm::exp(normal(mu, sigma)); }

double Rng::pareto(double xm, double alpha) {
  return xm / dm::pow(1.0 - uniform01(), 1.0 / alpha);
}

}  // namespace dsviz
