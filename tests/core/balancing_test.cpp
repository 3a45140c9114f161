#include <doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detmath.h"
#include "rng.h"
#include "scene_helpers.h"
#include "scenes/balancing.h"

using namespace dsviz;

namespace {

using test::metric;
using B = BalancingModel;

struct BinsStats {
  double mean_random = 0, mean_two = 0;
  uint32_t worst_two = 0;
};

// n balls into n bins, `trials` times: the fullest bin with one random
// choice and with the better of two distinct choices.
BinsStats balls_into_bins(uint32_t n, int trials, uint64_t seed) {
  Rng rng(seed);
  BinsStats st;
  std::vector<uint32_t> one(n), two(n);
  for (int t = 0; t < trials; ++t) {
    std::fill(one.begin(), one.end(), 0);
    std::fill(two.begin(), two.end(), 0);
    for (uint32_t k = 0; k < n; ++k) {
      ++one[balancing::pick_random(n, rng)];
      ++two[balancing::pick_two(two, rng)];
    }
    const uint32_t max_one = *std::max_element(one.begin(), one.end());
    const uint32_t max_two = *std::max_element(two.begin(), two.end());
    st.mean_random += double(max_one) / trials;
    st.mean_two += double(max_two) / trials;
    st.worst_two = std::max(st.worst_two, max_two);
  }
  return st;
}

}  // namespace

TEST_SUITE("balancing") {
  TEST_CASE("balls into bins, n = 1,000: one choice ~ ln n / ln ln n, two choices ~ ln ln n / ln 2") {
    const double n = 1000;
    const double one_law = dm::log(n) / dm::log(dm::log(n));        // 3.57
    const double two_law = dm::log(dm::log(n)) / dm::log(2.0);      // 2.79
    const BinsStats st = balls_into_bins(1000, 200, 11);
    // Over 200 trials the means are known to about +-0.05 (the maximum
    // varies by about +-0.7 from trial to trial). The laws are leading
    // terms: the one-choice maximum sits above its law by a lower-order
    // term, the two-choice one within a constant of its law.
    CHECK(st.mean_random > one_law);
    CHECK(st.mean_random < 2 * one_law);
    CHECK(st.mean_two > two_law - 0.5);
    CHECK(st.mean_two < two_law + 1);
    CHECK(st.mean_random > st.mean_two + 1.5);
    CHECK(st.worst_two <= 4);
    // Ten times more balls and bins: one choice grows with ln n / ln ln n,
    // two choices hardly move (ln ln n grows very slowly).
    const BinsStats big = balls_into_bins(10000, 60, 12);
    CHECK(big.mean_random > st.mean_random + 0.6);
    CHECK(big.mean_two < st.mean_two + 0.4);
  }

  TEST_CASE("power of two samples two distinct servers and breaks ties at random") {
    Rng rng(3);
    const std::vector<uint32_t> one_idle = {5, 0};
    for (int i = 0; i < 200; ++i) CHECK(balancing::pick_two(one_idle, rng) == 1);  // never the same one twice
    const std::vector<uint32_t> tie = {0, 0, 9};
    int first = 0, second = 0;
    for (int i = 0; i < 3000; ++i) {
      const uint32_t k = balancing::pick_two(tie, rng);
      CHECK(k != 2);  // the loaded one loses every pair it is in
      first += k == 0;
      second += k == 1;
    }
    CHECK(std::abs(first - second) < 200);  // 1,500 each +- 2.5 sd
    const std::vector<uint32_t> single = {7};
    CHECK(balancing::pick_two(single, rng) == 0);
  }

  TEST_CASE("4 servers, one 10x slower, 80% load: power of two's p99 at least 3x lower than round robin's") {
    for (uint64_t seed : {1, 2, 3}) {
      CAPTURE(seed);
      const test::Sets sets = {{"servers", 4}, {"slow_servers", 1}, {"slow_factor", 10}, {"load_pct", 80}};
      auto rr = test::run<B>(sets, 1 * kMin, seed);
      auto p2 = test::run<B>(sets, 1 * kMin, seed);
      REQUIRE(p2->set(B::kStrategy, B::kPowerOfTwo));
      p2->reset(seed);
      p2->run_until(1 * kMin);
      CHECK(p2->check_invariants() == "");
      CHECK(metric(*rr, "latency_p99_ms") > 3 * metric(*p2, "latency_p99_ms"));
      // Round robin feeds the slow server a quarter of the load it cannot carry.
      CHECK(rr->dropped() > 1000);
      CHECK(p2->dropped() == 0);
      CHECK(rr->dropped_at(0) == rr->dropped());
    }
  }

  TEST_CASE("least connections with 8 balancers herds: each sees only its own requests") {
    const test::Sets base = {{"strategy", B::kLeastConnections}, {"servers", 16}, {"slow_servers", 0}};
    auto one = test::run<B>(base, 1 * kMin);
    auto eight = test::run<B>(base, 1 * kMin);
    REQUIRE(eight->set(B::kBalancers, 8));
    eight->reset(1);
    eight->run_until(1 * kMin);
    auto rnd = test::run<B>({{"strategy", B::kRandom}, {"servers", 16}, {"slow_servers", 0}}, 1 * kMin);
    // One balancer sees everything: never a busy server while one is idle.
    CHECK(one->misrouted_pct() == 0);
    CHECK(one->herd_ratio() < 0.4);
    // Eight pile onto the same servers: worse than choosing at random.
    CHECK(eight->herd_ratio() > 1.0);
    CHECK(eight->herd_ratio() > rnd->herd_ratio());
    CHECK(eight->misrouted_pct() > rnd->misrouted_pct());
    CHECK(metric(*eight, "latency_p50_ms") > 3 * metric(*one, "latency_p50_ms"));
    // Power of two choices suffers far less from the split view.
    auto p2 = test::run<B>({{"strategy", B::kPowerOfTwo}, {"servers", 16}, {"slow_servers", 0}, {"balancers", 8}}, 1 * kMin);
    CHECK(p2->herd_ratio() < 0.9);
    CHECK(metric(*p2, "latency_p50_ms") < metric(*eight, "latency_p50_ms") / 2);
  }

  TEST_CASE("what to try: default settings, round robin to power of two: the p99 falls, the median barely moves") {
    auto rr = test::run<B>({}, 1 * kMin);
    auto p2 = test::run<B>({{"strategy", B::kPowerOfTwo}}, 1 * kMin);
    CHECK(metric(*rr, "latency_p99_ms") > 5 * metric(*p2, "latency_p99_ms"));
    const double ratio = metric(*p2, "latency_p50_ms") / metric(*rr, "latency_p50_ms");
    CHECK(ratio > 0.5);
    CHECK(ratio < 2);
  }

  TEST_CASE("what to try: cost_cv 0 to 3 under least connections, the p99 grows about ten times") {
    auto flat = test::run<B>({{"strategy", B::kLeastConnections}, {"slow_servers", 0}, {"cost_cv", 0}}, 1 * kMin);
    auto wild = test::run<B>({{"strategy", B::kLeastConnections}, {"slow_servers", 0}, {"cost_cv", 3}}, 1 * kMin);
    CHECK(metric(*wild, "latency_p99_ms") > 5 * metric(*flat, "latency_p99_ms"));
    CHECK(metric(*flat, "latency_p99_ms") < 4 * B::kMeanServiceMs);
  }

  TEST_CASE("what to try: servers of different power, weighted round robin follows it and round robin does not") {
    auto rr = test::run<B>({{"slow_servers", 0}, {"power_spread", 0.8}}, 1 * kMin);
    auto wrr = test::run<B>({{"slow_servers", 0}, {"power_spread", 0.8}, {"strategy", B::kWeightedRoundRobin}}, 1 * kMin);
    CHECK(metric(*rr, "latency_p99_ms") > 3 * metric(*wrr, "latency_p99_ms"));
    CHECK(rr->dropped() > 0);
    CHECK(wrr->dropped() == 0);
    // Each server's share follows its power under weighted round robin.
    double total_power = 0;
    for (uint32_t s = 0; s < wrr->servers(); ++s) total_power += wrr->power(s);
    for (uint32_t s = 0; s < wrr->servers(); ++s) {
      const double share = double(wrr->served_by(s)) / double(wrr->served());
      CHECK(share == doctest::Approx(wrr->power(s) / total_power).epsilon(0.02));
    }
  }

  TEST_CASE("what to try: a crashed server gets requests until health checks notice, then none") {
    B m;
    REQUIRE(m.set(B::kStrategy, B::kRandom));
    REQUIRE(m.set(B::kHealthIntervalMs, 1000));
    REQUIRE(m.set(B::kHealthFails, 2));
    m.reset(2);
    m.run_until(10 * kSec);
    m.toggle_server(3);
    CHECK_FALSE(m.server_up(3));
    CHECK(m.queue_length(3) == 0);
    const uint64_t at_crash = m.errors();
    m.run_until(10 * kSec + 500 * kMs);
    CHECK(m.errors() > at_crash + 10);  // still routed to it: ~72 requests/s
    CHECK(m.routable(0, 3));
    m.run_until(12 * kSec + 1 * kMs);  // two failed probes, at 11 s and 12 s
    CHECK_FALSE(m.routable(0, 3));
    const uint64_t after_detect = m.errors();
    CHECK(after_detect - at_crash < 200);  // 2 s of 1/8 of 576 req/s
    m.run_until(20 * kSec);
    CHECK(m.errors() == after_detect);
    m.toggle_server(3);
    m.run_until(21 * kSec + 1 * kMs);
    CHECK(m.routable(0, 3));
    CHECK(m.served_by(3) > 0);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("compare all: progressive, bounded work per call, the same figures as separate runs") {
    B m;
    REQUIRE(m.set(B::kServers, 4));
    REQUIRE(m.set(B::kSlowFactor, 10));
    m.reset(5);
    m.run_until(3 * kSec);
    const uint64_t live_hash = m.trace_hash();
    m.start_compare(20 * kSec);
    CHECK(m.compare_running());
    double last = m.compare_progress();
    CHECK(last == 0);
    int calls = 0;
    while (m.compare_running()) {
      const uint64_t before = m.events();
      const double p = m.compare_step(2000);
      CHECK(p >= last);
      CHECK(p <= 1);
      CHECK(m.events() == before);  // the live run is untouched
      last = p;
      ++calls;
    }
    CHECK(last == 1);
    CHECK(calls > 6);  // 6 x 20 s at ~250 req/s is far more than 2,000 events
    CHECK(m.trace_hash() == live_hash);
    const auto& rows = m.compare_results();
    REQUIRE(rows.size() == B::kStrategies);
    for (int s = 0; s < B::kStrategies; ++s) {
      CAPTURE(s);
      CHECK(rows[s].done);
      B alone;
      REQUIRE(alone.set(B::kServers, 4));
      REQUIRE(alone.set(B::kSlowFactor, 10));
      REQUIRE(alone.set(B::kStrategy, s));
      alone.reset(5);
      alone.run_until(20 * kSec);
      CHECK(rows[s].p99_ms == alone.latency_ms(0.99));
      CHECK(rows[s].served == alone.served());
      CHECK(rows[s].dropped == alone.dropped());
      CHECK(rows[s].p50_ms <= rows[s].p95_ms);
      CHECK(rows[s].p95_ms <= rows[s].p99_ms);
    }
    CHECK(rows[B::kRoundRobin].p99_ms > 3 * rows[B::kPowerOfTwo].p99_ms);
  }

  TEST_CASE("live setting changes keep the queues and restart the figures") {
    B m;
    m.reset(3);
    m.run_until(10 * kSec);
    const uint64_t events = m.events();
    const double rate = m.offered_rps();
    REQUIRE(m.set(B::kStrategy, B::kPowerOfTwo));
    CHECK(m.stats_since() == 10 * kSec);
    CHECK(m.served() == 0);
    CHECK(m.in_flight() > 0);  // round robin's queue at the slow server is still there
    CHECK(m.events() == events);
    REQUIRE(m.set(B::kLoadPct, 40));
    CHECK(m.offered_rps() == doctest::Approx(rate / 2));
    m.run_until(20 * kSec);
    CHECK(m.served() > 2000);
    CHECK(m.check_invariants() == "");
    REQUIRE(m.set(B::kServers, 12));  // a different cluster: rebuilt
    CHECK(m.now() == 0);
    CHECK(m.servers() == 12);
  }

  TEST_CASE("queues never exceed the limit; overload drops") {
    auto m = test::run<B>({{"load_pct", 150}, {"queue_limit", 20}, {"strategy", B::kPowerOfTwo}}, 30 * kSec);
    CHECK(m->max_queue() == 21);  // 20 waiting + 1 in service
    CHECK(m->dropped() > 1000);
    for (uint32_t s = 0; s < m->servers(); ++s) CHECK(m->queue_length(s) <= 21);
  }

  TEST_CASE("scrubbing replays server crashes") {
    B a;
    a.reset(4);
    a.run_until(5 * kSec);
    a.toggle_server(2);
    a.run_until(9 * kSec);
    a.toggle_server(2);
    a.run_until(15 * kSec);
    const uint64_t hash = a.trace_hash();
    a.replay_to(7 * kSec);
    CHECK_FALSE(a.server_up(2));
    a.run_until(15 * kSec);
    CHECK(a.trace_hash() == hash);
    CHECK(a.server_up(2));
  }
}
