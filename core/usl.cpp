#include "usl.h"

#include <cmath>

#include "detmath.h"

namespace dsviz {

double usl_relative(double n, double alpha, double beta) {
  return n / (1 + alpha * (n - 1) + beta * n * (n - 1));
}

double amdahl_relative(double n, double alpha) { return usl_relative(n, alpha, 0); }

double usl_peak(double alpha, double beta) { return beta > 0 ? dm::sqrt((1 - alpha) / beta) : 0; }

namespace {

// Weighted least squares y ~ sum_j c_j x_j over the columns in `use`,
// solved by Gaussian elimination on the normal equations (at most 3x3).
bool solve_wls(const std::vector<double> (&x)[3], const std::vector<double>& y, const std::vector<double>& w,
               const bool use[3], double c[3]) {
  int cols[3], k = 0;
  for (int j = 0; j < 3; ++j)
    if (use[j]) cols[k++] = j;
  double a[3][4] = {};
  for (int r = 0; r < k; ++r) {
    for (int s = 0; s < k; ++s)
      for (size_t i = 0; i < y.size(); ++i) a[r][s] += w[i] * x[cols[r]][i] * x[cols[s]][i];
    for (size_t i = 0; i < y.size(); ++i) a[r][k] += w[i] * x[cols[r]][i] * y[i];
  }
  for (int p = 0; p < k; ++p) {
    int best = p;
    for (int r = p + 1; r < k; ++r)
      if (std::fabs(a[r][p]) > std::fabs(a[best][p])) best = r;
    if (std::fabs(a[best][p]) < 1e-300) return false;
    if (best != p)
      for (int s = 0; s <= k; ++s) std::swap(a[p][s], a[best][s]);
    for (int r = 0; r < k; ++r) {
      if (r == p) continue;
      const double f = a[r][p] / a[p][p];
      for (int s = p; s <= k; ++s) a[r][s] -= f * a[p][s];
    }
  }
  for (int j = 0; j < 3; ++j) c[j] = 0;
  for (int r = 0; r < k; ++r) c[cols[r]] = a[r][k] / a[r][r];
  return true;
}

}  // namespace

UslFit fit_usl(const std::vector<UslPoint>& points) {
  UslFit fit;
  std::vector<double> x[3], y, w;
  for (const UslPoint& p : points) {
    if (!(p.throughput > 0) || !(p.n >= 1)) continue;
    const double yi = p.n / p.throughput;
    x[0].push_back(1);
    x[1].push_back(p.n - 1);
    x[2].push_back(p.n * (p.n - 1));
    y.push_back(yi);
    w.push_back(1 / (yi * yi));
  }
  if (y.size() < 3) return fit;
  bool use[3] = {true, true, true};
  double c[3];
  // At most two refits: each drops one term whose coefficient came out negative.
  for (int round = 0; round < 3; ++round) {
    if (!solve_wls(x, y, w, use, c) || !(c[0] > 0)) return fit;
    bool dropped = false;
    for (int j = 1; j < 3; ++j)
      if (use[j] && c[j] < 0) {
        use[j] = false;
        dropped = true;
        break;
      }
    if (!dropped) break;
  }
  fit.lambda = 1 / c[0];
  fit.alpha = c[1] / c[0];
  fit.beta = c[2] / c[0];
  fit.ok = true;
  return fit;
}

double erlang_c(uint32_t c, double a) {
  if (c == 0 || a >= double(c)) return 1;
  if (a <= 0) return 0;
  // Erlang B by its stable recursion, then C from B.
  double b = 1;
  for (uint32_t k = 1; k <= c; ++k) b = a * b / (double(k) + a * b);
  return double(c) * b / (double(c) - a * (1 - b));
}

double mm1_mean_response(double lambda, double mu) { return lambda < mu ? 1 / (mu - lambda) : INFINITY; }

double mm1_response_quantile(double lambda, double mu, double q) {
  return lambda < mu ? -dm::log(1 - q) / (mu - lambda) : INFINITY;
}

double mmc_mean_wait(uint32_t c, double lambda, double mu) {
  const double cap = double(c) * mu;
  return lambda < cap ? erlang_c(c, lambda / mu) / (cap - lambda) : INFINITY;
}

double mmc_mean_response(uint32_t c, double lambda, double mu) { return mmc_mean_wait(c, lambda, mu) + 1 / mu; }

double mmc_response_quantile(uint32_t c, double lambda, double mu, double q) {
  const double cap = double(c) * mu;
  if (lambda >= cap) return INFINITY;
  const double pc = erlang_c(c, lambda / mu), theta = cap - lambda;
  // P(T > t): no wait with probability 1 - C (service alone), else an
  // exponential wait (rate theta) plus the service (rate mu).
  auto tail = [&](double t) {
    const double service = dm::exp(-mu * t);
    double both;
    if (std::fabs(mu - theta) < 1e-9 * mu) {
      both = service * (1 + mu * t);
    } else {
      both = (mu * dm::exp(-theta * t) - theta * service) / (mu - theta);
    }
    return (1 - pc) * service + pc * both;
  };
  const double target = 1 - q;
  double lo = 0, hi = 1 / mu + 1 / theta;
  while (tail(hi) > target) hi *= 2;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (tail(mid) > target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

double fast_vs_pool_crossover(uint32_t c, double speedup, double mu) {
  if (speedup <= 1 || speedup >= double(c)) return 0;
  // gap(lambda) = T_fast - T_pool: negative near 0 (the fast one answers
  // speedup times sooner), +inf as lambda reaches the fast server's capacity.
  const double fast = speedup * mu;
  auto gap = [&](double lambda) { return mm1_mean_response(lambda, fast) - mmc_mean_response(c, lambda, mu); };
  double lo = 0, hi = fast;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (gap(mid) < 0 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace dsviz
