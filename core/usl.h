// Closed-form scaling and queueing figures the scaling scene sets beside its
// simulated points: Amdahl's law, the Universal Scalability Law and its
// least-squares fit, Erlang C (M/M/c) against one fast server (M/M/1).
#pragma once
#include <cstdint>
#include <vector>

namespace dsviz {

// Relative capacity C(N) = N / (1 + alpha (N - 1) + beta N (N - 1)).
// beta = 0 is Amdahl's law with serial fraction alpha.
double usl_relative(double n, double alpha, double beta);
double amdahl_relative(double n, double alpha);
// N* = sqrt((1 - alpha) / beta); 0 when beta <= 0 (no peak: the curve only levels off).
double usl_peak(double alpha, double beta);

// One measured point: throughput at n workers.
struct UslPoint {
  double n = 1;
  double throughput = 0;  // any unit (req/s); the fit's lambda takes it
};

struct UslFit {
  double lambda = 0;  // throughput of one worker, in the points' unit
  double alpha = 0;   // contention (serial fraction), >= 0
  double beta = 0;    // coherence (crosstalk), >= 0
  double peak_n() const { return usl_peak(alpha, beta); }
  double throughput(double n) const { return lambda * usl_relative(n, alpha, beta); }
  double amdahl(double n) const { return lambda * amdahl_relative(n, alpha); }
  bool ok = false;  // false with fewer than 3 usable points
};

// Least squares on N / X(N) = (1 + alpha (N-1) + beta N (N-1)) / lambda,
// which the USL makes a quadratic in N with coefficients (1, alpha, beta) /
// lambda. Each point is weighted by 1 / (N / X)^2, so the fit minimises
// relative errors and the big-N points do not swamp the small ones. A
// negative alpha or beta (noise on a near-ideal curve) is pinned to 0 and
// the rest refitted.
UslFit fit_usl(const std::vector<UslPoint>& points);

// Erlang C: the probability an arrival waits in an M/M/c queue with offered
// load a = lambda / mu (Erlangs); 1 when a >= c.
double erlang_c(uint32_t c, double a);

// Mean and quantiles of the response time (wait + service), in the unit of
// 1 / mu. Infinite at or past saturation.
double mm1_mean_response(double lambda, double mu);
double mm1_response_quantile(double lambda, double mu, double q);
double mmc_mean_response(uint32_t c, double lambda, double mu);
double mmc_mean_wait(uint32_t c, double lambda, double mu);
double mmc_response_quantile(uint32_t c, double lambda, double mu, double q);

// One fast server (M/M/1 at rate speedup * mu) against c servers of rate mu
// with one shared queue (M/M/c). The fast server wins at low load whenever
// speedup > 1; if speedup < c it saturates first, so the pool overtakes it
// at some load. Returns that load (same unit as mu), or 0 when the fast
// server is better at every load (speedup >= c) or at none (speedup <= 1).
double fast_vs_pool_crossover(uint32_t c, double speedup, double mu);

}  // namespace dsviz
