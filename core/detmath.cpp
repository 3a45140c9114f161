#include "detmath.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace dsviz::dm {
namespace {

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 significant bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln2 - kLn2Hi

// 1/(2k+1) and 1/n!, computed by the compiler (IEEE, the same in every build).
struct Tables {
  double inv_odd[15];
  double inv_fact[19];
  constexpr Tables() : inv_odd(), inv_fact() {
    for (int k = 0; k < 15; ++k) inv_odd[k] = 1.0 / (2 * k + 1);
    double f = 1;
    for (int n = 0; n < 19; ++n) {
      if (n > 0) f *= n;
      inv_fact[n] = 1.0 / f;
    }
  }
};
constexpr Tables kTables;
constexpr const double* kInvOdd = kTables.inv_odd;
constexpr const double* kInvFact = kTables.inv_fact;

double from_bits(uint64_t b) { double d; std::memcpy(&d, &b, 8); return d; }
uint64_t to_bits(double d) { uint64_t b; std::memcpy(&b, &d, 8); return b; }

// Reduces x to [-pi, pi] by an exact-enough subtraction; inputs in the models
// are angles of a few turns at most.
double wrap_pi(double x) {
  const double two_pi = 2 * kPi;
  double k = x / two_pi;
  k = k >= 0 ? double(int64_t(k + 0.5)) : -double(int64_t(-k + 0.5));
  return x - k * two_pi;
}

}  // namespace

double sqrt(double x) { return std::sqrt(x); }

double log(double x) {
  if (!(x > 0)) return x == 0 ? -HUGE_VAL : NAN;
  if (x == HUGE_VAL) return x;
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m by the atanh series.
  uint64_t b = to_bits(x);
  int e = int((b >> 52) & 0x7ff);
  if (e == 0) {  // subnormal: scale up first
    return log(x * 18014398509481984.0) - 54 * kLn2;
  }
  e -= 1023;
  double m = from_bits((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  if (m > 1.4142135623730951) { m *= 0.5; e += 1; }
  // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1),
  // |s| <= 0.172. With z = s^2 <= 0.0295, ten terms of the tail
  // q = 1/3 + z/5 + ... + z^9/21 leave under 2^-54 out. The tail is summed
  // in Estrin's order (independent products, a short dependency chain, not a
  // 14-step Horner chain: the log is on the path of every exponential
  // draw); the order is fixed, so every build still gets the same bits.
  const double s = (m - 1) / (m + 1), z = s * s;
  const double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
  const double a0 = kInvOdd[1] + z * kInvOdd[2], a1 = kInvOdd[3] + z * kInvOdd[4];
  const double a2 = kInvOdd[5] + z * kInvOdd[6], a3 = kInvOdd[7] + z * kInvOdd[8];
  const double a4 = kInvOdd[9] + z * kInvOdd[10];
  const double q = ((a0 + z2 * a1) + z4 * (a2 + z2 * a3)) + z8 * a4;
  // 2s is exact; adding it last keeps the small terms' rounding small. ln2
  // is split (Cody & Waite) so e * ln2_hi is exact.
  const double t = 2 * s;
  return e * kLn2Hi + ((t * (z * q) + e * kLn2Lo) + t);
}

double exp(double x) {
  if (x != x) return x;
  if (x > 709) return HUGE_VAL;
  if (x < -745) return 0;
  // x = k ln2 + r, |r| <= ln2/2; e^r by Taylor, then scale by 2^k.
  double kf = x / kLn2;
  int k = int(kf >= 0 ? kf + 0.5 : kf - 0.5);
  // ln2 split in two (Cody & Waite) so k * ln2 is exact to ~1e-20.
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series of e^r in Horner form, |r| <= 0.347: 18 terms reach 1e-20.
  double sum = kInvFact[18];
  for (int n = 17; n >= 0; --n) sum = sum * r + kInvFact[n];
  // Scale in two steps so 2^k stays a normal number.
  int k1 = k / 2, k2 = k - k1;
  return sum * from_bits(uint64_t(k1 + 1023) << 52) * from_bits(uint64_t(k2 + 1023) << 52);
}

double pow(double x, double y) { return exp(y * log(x)); }

double sin(double x) {
  x = wrap_pi(x);
  // Fold to [-pi/2, pi/2] where the Taylor series converges fast.
  if (x > kPi / 2) x = kPi - x;
  if (x < -kPi / 2) x = -kPi - x;
  double x2 = x * x, term = x, sum = x;
  for (int n = 1; n < 15; ++n) {
    term *= -x2 / ((2 * n) * (2 * n + 1));
    sum += term;
  }
  return sum;
}

double cos(double x) { return sin(x + kPi / 2); }

double atan(double x) {
  if (x != x) return x;
  bool neg = x < 0;
  if (neg) x = -x;
  bool inv = x > 1;
  if (inv) x = 1 / x;
  // Two argument halvings bring x under tan(pi/16); then the Taylor series.
  double y = x;
  for (int i = 0; i < 2; ++i) y = y / (1 + std::sqrt(1 + y * y));
  double y2 = y * y, term = y, sum = y;
  for (int n = 1; n < 30; ++n) {
    term *= -y2;
    sum += term / (2 * n + 1);
  }
  double r = 4 * sum;
  if (inv) r = kPi / 2 - r;
  return neg ? -r : r;
}

double atan2(double y, double x) {
  if (x > 0) return atan(y / x);
  if (x < 0) return y >= 0 ? atan(y / x) + kPi : atan(y / x) - kPi;
  if (y > 0) return kPi / 2;
  if (y < 0) return -kPi / 2;
  return 0;
}

}  // namespace dsviz::dm
