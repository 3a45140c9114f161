#include <doctest.h>

#include <cmath>
#include <initializer_list>
#include <vector>

#include "detmath.h"
#include "rng.h"

using namespace dsviz;

TEST_SUITE("rng") {
  TEST_CASE("same seed, same numbers; different seeds differ") {
    Rng a(7), b(7), c(8);
    for (int i = 0; i < 100; ++i) {
      uint64_t x = a.next();
      CHECK(x == b.next());
      CHECK(x != c.next());
    }
  }
  TEST_CASE("first outputs are pinned (replay across builds depends on them)") {
    Rng r(1);
    CHECK(r.next() == 0xb3f2af6d0fc710c5ULL);
    uint64_t s = 0;
    CHECK(splitmix64(s) == 0xe220a8397b1dcdafULL);
  }
  TEST_CASE("derived seeds are independent of each other") {
    CHECK(derive_seed(1, 1) != derive_seed(1, 2));
    CHECK(derive_seed(1, 1) != derive_seed(2, 1));
    // Pinned (checked against an independent Python transcription of
    // derive_seed): every stream of every saved run depends on these bits.
    CHECK(derive_seed(5, 3) == 0x92eca587940bcf76ULL);
    CHECK(derive_seed(1, 1) == 0x8596845e7ea88ca1ULL);
  }
  TEST_CASE("uniform01 in [0,1) with the right mean") {
    Rng r(3);
    double sum = 0;
    for (int i = 0; i < 100000; ++i) {
      double u = r.uniform01();
      REQUIRE(u >= 0);
      REQUIRE(u < 1);
      sum += u;
    }
    CHECK(sum / 100000 == doctest::Approx(0.5).epsilon(0.01));
  }
  TEST_CASE("below and range stay in bounds and hit every value") {
    Rng r(4);
    int seen[7] = {};
    for (int i = 0; i < 7000; ++i) {
      int64_t v = r.range(-3, 3);
      REQUIRE(v >= -3);
      REQUIRE(v <= 3);
      ++seen[v + 3];
    }
    for (int k : seen) CHECK(k > 800);
    CHECK(r.range(5, 5) == 5);
    CHECK(r.below(1) == 0);
  }
  TEST_CASE("distributions have their textbook moments") {
    Rng r(5);
    const int n = 200000;
    double se = 0, sn = 0, sn2 = 0, sl = 0, sp = 0;
    int hits = 0;
    for (int i = 0; i < n; ++i) {
      se += r.exponential(2.0);
      double x = r.normal(10, 3);
      sn += x;
      sn2 += x * x;
      sl += std::log(r.lognormal(1.0, 0.5));
      double p = r.pareto(1.0, 3.0);
      REQUIRE(p >= 1.0);
      sp += p;
      hits += r.bernoulli(0.25);
    }
    CHECK(se / n == doctest::Approx(2.0).epsilon(0.02));
    CHECK(sn / n == doctest::Approx(10).epsilon(0.01));
    CHECK(std::sqrt(sn2 / n - (sn / n) * (sn / n)) == doctest::Approx(3).epsilon(0.02));
    CHECK(sl / n == doctest::Approx(1.0).epsilon(0.02));
    CHECK(sp / n == doctest::Approx(1.5).epsilon(0.03));  // alpha/(alpha-1) * xm
    CHECK(double(hits) / n == doctest::Approx(0.25).epsilon(0.02));
  }
  TEST_CASE("bernoulli edges") {
    Rng r(6);
    for (int i = 0; i < 100; ++i) {
      CHECK_FALSE(r.bernoulli(0));
      CHECK(r.bernoulli(1));
    }
  }
}

TEST_SUITE("detmath") {
  TEST_CASE("matches libm closely") {
    for (double x : {1e-300, 1e-5, 0.1, 0.5, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300}) {
      CHECK(dm::log(x) == doctest::Approx(std::log(x)).epsilon(1e-14));
    }
    for (double x : {-700.0, -20.0, -1.0, -1e-9, 0.0, 0.3, 1.0, 5.5, 100.0, 700.0}) {
      CHECK(dm::exp(x) == doctest::Approx(std::exp(x)).epsilon(1e-14));
    }
    for (double x = -10; x <= 10; x += 0.37) {
      CHECK(dm::sin(x) == doctest::Approx(std::sin(x)).epsilon(1e-12));
      CHECK(dm::cos(x) == doctest::Approx(std::cos(x)).epsilon(1e-12));
      CHECK(dm::atan(x) == doctest::Approx(std::atan(x)).epsilon(1e-14));
      CHECK(dm::atan2(x, 1.3) == doctest::Approx(std::atan2(x, 1.3)).epsilon(1e-14));
      CHECK(dm::atan2(x, -1.3) == doctest::Approx(std::atan2(x, -1.3)).epsilon(1e-14));
    }
    CHECK(dm::pow(2.0, 10.0) == doctest::Approx(1024).epsilon(1e-14));
    CHECK(std::isinf(dm::exp(1000)));
    CHECK(dm::exp(-1000) == 0);
    CHECK(std::isnan(dm::log(-1)));
  }
  TEST_CASE("log is within a few ulp across its table's bins and the band around 1") {
    // The table covers [0.6875, 1.375): bins 1/256 wide below 1, 1/128 above;
    // |x - 1| < 1/64 takes the series instead. Each bin's edges and centre,
    // both sides of each seam, at several binary exponents, against libm.
    std::vector<double> xs;
    for (int i = 0; i <= 80; ++i) xs.push_back(0.6875 + i / 256.0);
    for (int i = 0; i <= 48; ++i) xs.push_back(1.0 + i / 128.0);
    for (double x : {1 - 1 / 64.0, 1 + 1 / 64.0, 1 - 1 / 128.0, 1 + 1 / 128.0, 1 + 1e-12, 1 - 1e-12, 1.375, 0.6875})
      xs.push_back(x);
    const size_t n = xs.size();
    for (size_t i = 0; i + 1 < n; ++i) xs.push_back((xs[i] + xs[i + 1]) / 2);
    int checked = 0;
    for (double base : xs)
      for (double x : {std::nextafter(base, 0.0), base, std::nextafter(base, 2.0)})
        for (int e : {0, 1, -1, 7, -30, 300, -1000}) {
          const double v = std::ldexp(x, e), want = std::log(v), got = dm::log(v);
          const double ulp = std::fabs(std::nextafter(want, HUGE_VAL) - want);
          CAPTURE(v);
          CHECK(std::fabs(got - want) <= 3 * ulp);
          ++checked;
        }
    CHECK(checked > 1500);
    CHECK(dm::log(1.0) == 0);
    CHECK(dm::log(4.9e-324) == doctest::Approx(std::log(4.9e-324)).epsilon(1e-15));  // subnormal
  }
}
