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

// The log's table: 128 bins over [0.6875, 1.375), 1/256 wide below 1 and
// 1/128 above (the binary exponent changes at 1). For each bin's centre c
// (exact in a few bits), 1/c and log c by the atanh series to 20 terms. Built
// on first use, not stored: 2 KiB of doubles would not compress in the
// page's download. The same IEEE operations build the same table everywhere.
constexpr uint64_t kLogOff = 0x3fe6000000000000ULL;  // 0.6875
constexpr int kLogBits = 7, kLogBins = 1 << kLogBits;
constexpr int kLogBinShift = 52 - kLogBits;
constexpr uint64_t kNearOneLo = 0x3fef800000000000ULL;  // 1 - 1/64
constexpr uint64_t kNearOneHi = 0x3ff0800000000000ULL;  // 1 + 1/64 (bits of)
struct LogBin {
  double inv_c, log_c;
};
struct LogTable {
  LogBin bin[kLogBins];
  LogTable() {
    constexpr int below_one = 80;  // (1 - 0.6875) * 256
    for (int i = 0; i < kLogBins; ++i) {
      const double c = i < below_one ? 0.6875 + (2 * i + 1) / 512.0 : 1.0 + (2 * (i - below_one) + 1) / 256.0;
      const double s = (c - 1) / (c + 1), z = s * s;
      double p = 1.0 / 41;
      for (int k = 39; k >= 1; k -= 2) p = p * z + 1.0 / k;
      bin[i] = {1 / c, 2 * s * p};
    }
  }
};
const LogTable& log_table() {
  static const LogTable table;  // local: no initialisation-order trap
  return table;
}

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
  uint64_t b = to_bits(x);
  if (((b >> 52) & 0x7ff) == 0) {  // subnormal: scale up first
    return log(x * 18014398509481984.0) - 54 * kLn2;
  }
  if (b - kNearOneLo < kNearOneHi - kNearOneLo) {
    // |x - 1| < 1/64: log x = 2 atanh(s), s = (x-1)/(x+1), |s| < 0.008, so
    // five terms of 2 (s + s^3/3 + s^5/5 + ...) leave under 2^-60 out. The
    // table below would lose digits here, where log(c) and log1p(r) cancel.
    const double s = (x - 1) / (x + 1), z = s * s;
    const double q = kInvOdd[1] + z * (kInvOdd[2] + z * (kInvOdd[3] + z * (kInvOdd[4] + z * kInvOdd[5])));
    const double t = 2 * s;  // exact; added last, so the small terms' rounding stays small
    return t * (z * q) + t;
  }
  // x = 2^e z with z in [0.6875, 1.375) (subtracting the bits of 0.6875 puts
  // the exponent in the top bits of `tmp`, the bin in the next 7), z = c (1 + r)
  // with c the bin's centre: log x = e ln2 + log c + log1p(r), |r| < 0.004,
  // where a degree-6 series leaves under 2^-62 out. No division, a short
  // chain: the log is on the path of every exponential draw. ln2 is split
  // (Cody & Waite) so e * ln2_hi is exact. Fixed order: the same bits in
  // every build.
  const uint64_t tmp = b - kLogOff;
  const int i = int((tmp >> kLogBinShift) & (kLogBins - 1));
  const int e = int(int64_t(tmp) >> 52);
  const uint64_t zb = b - (tmp & (0xfffULL << 52));
  const double z = from_bits(zb);
  // The bin's centre: z's bits down to the bin, then half a bin.
  const double c = from_bits((zb & ~((1ULL << kLogBinShift) - 1)) | (1ULL << (kLogBinShift - 1)));
  const LogBin& bin = log_table().bin[i];
  const double r = (z - c) * bin.inv_c;  // z - c is exact (Sterbenz)
  const double r2 = r * r;
  // log1p(r) - r = -r^2/2 + r^3/3 - r^4/4 + r^5/5 - r^6/6
  const double p = r2 * ((-0.5 + r * kInvOdd[1]) + r2 * ((-0.25 + r * kInvOdd[2]) + r2 * (-1.0 / 6)));
  return (e * kLn2Hi + bin.log_c) + ((p + e * kLn2Lo) + r);
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
