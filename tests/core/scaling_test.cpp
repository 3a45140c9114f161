#include <doctest.h>

#include <cmath>
#include <vector>

#include "scene_helpers.h"
#include "scenes/scaling.h"
#include "usl.h"

using namespace dsviz;

namespace {

using test::metric;

// One farm driven by Poisson arrivals on a local queue: mean response time
// with a batch-means standard error, for checks against queueing formulas.
struct OpenRun {
  double mean_ms = 0, se_ms = 0, served = 0;
};
OpenRun open_run(const FarmSpec& spec, double load_rps, double service_ms, double work_scale, uint64_t requests,
                 uint64_t seed) {
  struct Local : Farm::Scheduler {
    EventQueue q;
    void at(Time t, const Event& e) override { q.push(t, e); }
  } local;
  Farm farm;
  farm.reset(spec, 0, &local);
  Rng rng(derive_seed(seed, 77));
  const uint64_t warm = requests / 20;
  constexpr int kBatches = 20;
  const uint64_t per_batch = (requests - warm) / kBatches;
  std::vector<double> batch;
  double sum = 0, last_sum = 0;
  uint64_t last_served = 0;
  local.q.push(from_s(rng.exponential(1 / load_rps)), Event{99, 0, 0, 0});
  Time t;
  Event e;
  while (batch.size() < size_t(kBatches) && local.q.pop(t, e)) {
    if (e.kind == 99) {
      farm.arrive(t, Time(double(from_ms(rng.exponential(service_ms))) * work_scale) + 1);
      local.q.push(t + from_s(rng.exponential(1 / load_rps)) + 1, Event{99, 0, 0, 0});
    } else {
      farm.on_event(t, e);
    }
    if (farm.served() == warm && last_served == 0) {
      farm.clear_latency();
      last_served = warm;
    }
    if (last_served && farm.served() >= last_served + per_batch) {
      sum = farm.latency().mean() * double(farm.latency().count());
      batch.push_back((sum - last_sum) / double(farm.served() - last_served) / double(kMs));
      last_sum = sum;
      last_served = farm.served();
    }
  }
  REQUIRE(farm.check() == "");
  OpenRun r;
  for (double b : batch) r.mean_ms += b / kBatches;
  double var = 0;
  for (double b : batch) var += (b - r.mean_ms) * (b - r.mean_ms) / (kBatches - 1);
  r.se_ms = std::sqrt(var / kBatches);
  r.served = double(farm.served());
  return r;
}

ScalingSweep capacity(double alpha, double beta, uint32_t nodes = 16, uint64_t seed = 1) {
  ScalingSweep s;
  SweepConfig c;
  c.contention = alpha;
  c.coherence = beta;
  c.vertical_contention = 0.01;
  c.service = 50 * kMs;
  c.nodes = nodes;
  c.cores = 16;
  c.seed = seed;
  s.configure(c);
  s.finish_capacity();
  return s;
}

double point(const ScalingSweep& s, uint32_t n) {
  for (const ThroughputPoint& p : s.throughput())
    if (p.nodes == n) return p.throughput_rps;
  FAIL("no sweep point at " << n);
  return 0;
}

}  // namespace

TEST_SUITE("scaling") {
  TEST_CASE("no coordination: 16 nodes serve 16 times one node (within 3 %) at a saturating load") {
    // 50 ms of work: one node serves 20 req/s, 16 nodes 320; 400 req/s saturates both.
    auto one = test::run<ScalingModel>({{"nodes", 1}, {"contention", 0}, {"coherence", 0}, {"load_rps", 400}}, 1200 * kSec);
    auto many = test::run<ScalingModel>({{"nodes", 16}, {"contention", 0}, {"coherence", 0}, {"load_rps", 400}}, 1200 * kSec);
    const double x1 = metric(*one, "throughput_rps_horizontal"), x16 = metric(*many, "throughput_rps_horizontal");
    CHECK(x1 == doctest::Approx(20).epsilon(0.03));
    CHECK(std::fabs(x16 / (16 * x1) - 1) < 0.03);
    CHECK(metric(*many, "dropped_horizontal") > 0);  // it was saturated
    // The same from the sweep's closed-loop points.
    ScalingSweep s = capacity(0, 0);
    CHECK(point(s, 16) / (16 * point(s, 1)) == doctest::Approx(1).epsilon(0.05));
    CHECK(point(s, 256) / (256 * point(s, 1)) == doctest::Approx(1).epsilon(0.05));
  }

  TEST_CASE("the check can fail: contention alone bends the curve (Amdahl)") {
    ScalingSweep s = capacity(0.05, 0);
    // Amdahl at alpha 0.05: 16 nodes give 16 / 1.75 = 9.1x, far from 16x.
    CHECK(point(s, 16) / point(s, 1) == doctest::Approx(16 / 1.75).epsilon(0.05));
    CHECK(point(s, 16) / point(s, 1) < 12);
  }

  TEST_CASE("the fit recovers SPEC SDM91's USL (alpha 0.0277, beta 0.0001044, N* ~ 96)") {
    for (uint64_t seed : {1, 2, 3}) {
      CAPTURE(seed);
      ScalingSweep s = capacity(0.0277, 0.0001044, 16, seed);
      const UslFit& f = s.fit();
      REQUIRE(f.ok);
      CAPTURE(f.alpha);
      CAPTURE(f.beta);
      CHECK(std::fabs(f.alpha / 0.0277 - 1) < 0.25);
      CHECK(std::fabs(f.beta / 0.0001044 - 1) < 0.40);
      CHECK(std::fabs(f.peak_n() / 96 - 1) < 0.20);
      CHECK(f.lambda == doctest::Approx(20).epsilon(0.05));  // one node: 1 / 50 ms
    }
    // Through the scene's metrics too.
    ScalingModel m;
    REQUIRE(m.set(ScalingModel::kContention, 0.0277));
    REQUIRE(m.set(ScalingModel::kCoherence, 0.0001044));
    m.reset(1);
    std::vector<Metric> ms;
    m.metrics(ms);
    double peak = 0;
    for (const Metric& x : ms)
      if (x.key == "usl_peak_nodes") peak = x.value;
    CHECK(std::fabs(peak / 96 - 1) < 0.20);
  }

  TEST_CASE("the fit itself: exact USL points give back their parameters; a line gives no peak") {
    std::vector<UslPoint> pts;
    for (double n : {1, 2, 4, 8, 16, 32, 64, 128, 256}) pts.push_back({n, 90 * usl_relative(n, 0.0277, 0.0001044)});
    UslFit f = fit_usl(pts);
    CHECK(f.alpha == doctest::Approx(0.0277).epsilon(1e-6));
    CHECK(f.beta == doctest::Approx(0.0001044).epsilon(1e-6));
    CHECK(f.lambda == doctest::Approx(90).epsilon(1e-6));
    CHECK(f.peak_n() == doctest::Approx(96.5).epsilon(0.01));  // FACTS: N = 96.5
    CHECK(f.throughput(f.peak_n()) == doctest::Approx(1884).epsilon(0.01));  // FACTS: peak 1,884
    pts.clear();
    for (double n : {1, 2, 4, 8}) pts.push_back({n, 10 * n * (n == 8 ? 1.01 : 1.0)});  // slightly superlinear: beta < 0, pinned to 0
    f = fit_usl(pts);
    CHECK(f.beta == 0);
    CHECK(f.peak_n() == 0);
  }

  TEST_CASE("M/M/c and M/M/1 simulated against Erlang C, within the run's confidence interval") {
    CHECK(erlang_c(2, 1.0) == doctest::Approx(1.0 / 3));  // 2 rho^2 / (1 + rho) at rho = 0.5
    CHECK(erlang_c(1, 0.7) == doctest::Approx(0.7));     // M/M/1: P(wait) = rho
    struct Case {
      uint32_t c;
      double rho;
    };
    for (Case k : {Case{4, 0.8}, Case{16, 0.9}, Case{1, 0.7}}) {
      CAPTURE(k.c);
      CAPTURE(k.rho);
      const double mu = 20, lambda = k.rho * k.c * mu;  // 50 ms of work
      OpenRun r = open_run(FarmSpec{k.c, true, 0, 0, 1u << 20}, lambda, 50, 1, 200000, k.c);
      const double want = 1000 * mmc_mean_response(k.c, lambda, mu);
      CAPTURE(r.mean_ms);
      CAPTURE(r.se_ms);
      CAPTURE(want);
      CHECK(r.se_ms < 0.03 * want);                         // the interval is tight enough to mean something
      CHECK(std::fabs(r.mean_ms - want) < 4 * r.se_ms);     // and the formula sits inside it
    }
    // Quantiles: the M/M/1 response is exponential with rate mu - lambda.
    CHECK(mm1_response_quantile(10, 20, 0.99) == doctest::Approx(std::log(100) / 10));
    CHECK(mmc_response_quantile(1, 10, 20, 0.99) == doctest::Approx(std::log(100) / 10).epsilon(1e-6));
    CHECK(mmc_response_quantile(8, 1e-9, 20, 0.5) == doctest::Approx(std::log(2) / 20).epsilon(1e-6));
  }

  TEST_CASE("one fast server against c slow ones: the crossover sits where the formulas put it") {
    // 8 cores, on-chip contention 0.05: all cores on one request run it
    // 8 / 1.35 = 5.9 times as fast. At low load that server wins; it
    // saturates at 5.9 mu while the pool of 8 lasts to 8 mu.
    const uint32_t c = 8;
    const double mu = 20, speedup = usl_relative(c, 0.05, 0);
    const double x = fast_vs_pool_crossover(c, speedup, mu);
    REQUIRE(x > 0);
    REQUIRE(x < speedup * mu);
    CHECK(1 / (speedup * mu - x) == doctest::Approx(mmc_mean_response(c, x, mu)).epsilon(1e-6));
    CHECK(fast_vs_pool_crossover(c, c, mu) == 0);  // exactly c times as fast: never overtaken
    const double below = 0.8 * x, above = x + 0.5 * (speedup * mu - x);
    for (double load : {below, above}) {
      CAPTURE(load);
      OpenRun fast = open_run(FarmSpec{1, true, 0, 0, 1u << 20}, load, 50, 1 / speedup, 150000, 5);
      OpenRun pool = open_run(FarmSpec{c, true, 0, 0, 1u << 20}, load, 50, 1, 150000, 6);
      CHECK(std::fabs(fast.mean_ms - 1000 * mm1_mean_response(load, speedup * mu)) < 4 * fast.se_ms + 0.02 * fast.mean_ms);
      CHECK(std::fabs(pool.mean_ms - 1000 * mmc_mean_response(c, load, mu)) < 4 * pool.se_ms + 0.02 * pool.mean_ms);
      if (load < x) {
        CHECK(fast.mean_ms + 4 * fast.se_ms < pool.mean_ms);
      } else {
        CHECK(pool.mean_ms + 4 * pool.se_ms < fast.mean_ms);
      }
    }
    // The scene exposes the same figures at its settings.
    ScalingModel m;
    REQUIRE(m.set(ScalingModel::kVerticalCores, 8));
    REQUIRE(m.set(ScalingModel::kVerticalContention, 0.05));
    REQUIRE(m.set(ScalingModel::kVerticalCoherence, 0));
    m.reset(1);
    CHECK(m.lesson_crossover_rps() == doctest::Approx(x));
    CHECK(m.lesson_fast_mean_ms(1) < m.lesson_pool_mean_ms(1) / 5);
  }

  TEST_CASE("requests in = served + dropped + in flight, through crashes of the big machine and of nodes") {
    ScalingModel m;
    REQUIRE(m.set(ScalingModel::kLoadRps, 300));
    m.reset(4);
    m.run_until(20 * kSec);
    m.toggle_vertical();
    m.toggle_node(3);
    CHECK(m.farm(ScalingModel::kVertical).workers_up() == 0);
    CHECK(m.farm(ScalingModel::kHorizontal).workers_up() == 15);
    const uint64_t served_v = m.farm(ScalingModel::kVertical).served();
    m.run_until(40 * kSec);
    CHECK(m.farm(ScalingModel::kVertical).served() == served_v);  // an outage: nothing served
    CHECK(m.check_invariants() == "");
    for (ScalingModel::System s : {ScalingModel::kHorizontal, ScalingModel::kVertical}) {
      const Farm& f = m.farm(s);
      CHECK(f.arrived() == m.offered());
      CHECK(f.arrived() == f.served() + f.dropped() + f.in_flight());
    }
    m.toggle_vertical();
    m.toggle_node(3);
    m.run_until(60 * kSec);
    CHECK(m.farm(ScalingModel::kVertical).served() > served_v + 3000);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("crash one of N: about 1/N of the capacity goes; crash the one machine: all of it") {
    // Saturated (400 req/s > 16 x 20), no coordination: capacity is linear in nodes up.
    auto run = [](bool crash) {
      ScalingModel m;
      REQUIRE(m.set(ScalingModel::kLoadRps, 400));
      REQUIRE(m.set(ScalingModel::kContention, 0));
      REQUIRE(m.set(ScalingModel::kCoherence, 0));
      m.reset(2);
      if (crash) m.toggle_node(0);
      m.run_until(600 * kSec);
      return double(m.farm(ScalingModel::kHorizontal).served());
    };
    const double lost = 1 - run(true) / run(false);
    CHECK(lost == doctest::Approx(1.0 / 16).epsilon(0.25));
    ScalingModel m;
    m.reset(1);
    const ScalingModel::Budget b = m.budget();
    CHECK(b.big_lost_on_crash == 1);
    CHECK(b.small_lost_on_crash < 0.02);
    CHECK(b.small_capacity_rps > 0);
    CHECK(b.big_capacity_rps > 0);
  }

  TEST_CASE("what to try: 5 % serial levels off near 20x (no peak); coherence brings N*; past N* throughput falls") {
    ScalingSweep amdahl = capacity(0.05, 0);
    CHECK(amdahl.fit().peak_n() == 0);
    const double ceiling = point(amdahl, 256) / point(amdahl, 1);
    CHECK(ceiling > 15);
    CHECK(ceiling < 20);  // Amdahl: 256 / (1 + 0.05 * 255) = 18.6
    ScalingSweep usl = capacity(0.05, 0.001);
    CHECK(usl.fit().peak_n() == doctest::Approx(std::sqrt(0.95 / 0.001)).epsilon(0.2));  // ~31
    CHECK(point(usl, 64) < point(usl, 32));
    CHECK(point(usl, 256) < 0.5 * point(usl, 32));
    // Default settings (N* ~ 98): doubling past it loses throughput too.
    ScalingSweep def = capacity(0.03, 0.0001);
    CHECK(point(def, 192) < point(def, 96));
  }

  TEST_CASE("what to try: cost per 1,000 req/s") {
    auto cost = [](double nodes, double cores) {
      auto m = test::run<ScalingModel>({{"nodes", nodes}, {"vertical_cores", cores}}, 1 * kSec);
      return std::pair{metric(*m, "cost_per_krps_horizontal_usd_h"), metric(*m, "cost_per_krps_vertical_usd_h")};
    };
    const auto small = cost(16, 16), big = cost(256, 96), top = cost(16, 448);
    // Same price per core up to 96 cores; the machine's lower contention makes it cheaper per req/s.
    CHECK(small.second < small.first);
    // Past N* the nodes cost more for less: 256 nodes cost far more per req/s than 16.
    CHECK(big.first > 3 * small.first);
    // The ladder's top: 448 cores cost ~27x the 96-core price for < 5x the cores.
    CHECK(top.second > 4 * big.second);
    CHECK(vertical_price_usd_h(96) == doctest::Approx(4.08));
    CHECK(vertical_price_usd_h(448) == doctest::Approx(109).epsilon(1e-6));
    CHECK(vertical_price_usd_h(2) == doctest::Approx(0.085));
  }

  TEST_CASE("the sweep runs in small steps to the same result, progress 0 to 1") {
    ScalingModel m;
    m.reset(3);
    ScalingSweep whole = m.sweep();
    whole.advance(UINT64_MAX);
    double last = -1;
    int calls = 0;
    while (!m.advance_sweep(20000)) {
      CHECK(m.sweep().progress() >= last);
      last = m.sweep().progress();
      ++calls;
    }
    CHECK(m.sweep().progress() == 1);
    CHECK(calls > 10);
    CHECK(m.sweep().events() == whole.events());
    REQUIRE(m.sweep().throughput().size() == whole.throughput().size());
    for (size_t i = 0; i < whole.throughput().size(); ++i)
      CHECK(m.sweep().throughput()[i].throughput_rps == whole.throughput()[i].throughput_rps);
    // Latency points: 8 loads per system; the fast server answers sooner at the lowest load.
    REQUIRE(m.sweep().fast_latency().size() == 8);
    REQUIRE(m.sweep().pool_latency().size() == 8);
    CHECK(m.sweep().fast_latency()[0].mean_ms < m.sweep().pool_latency()[0].mean_ms / 5);
    CHECK(m.sweep().horizontal_latency().back().p99_ms > m.sweep().horizontal_latency().front().p99_ms);
    // Scrubbing keeps the finished sweep; a setting change restarts it.
    m.replay_to(0);
    CHECK(m.sweep().done());
    REQUIRE(m.set(ScalingModel::kContention, 0.1));
    CHECK(m.sweep().progress() == 0);
  }
}
