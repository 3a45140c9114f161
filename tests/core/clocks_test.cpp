#include <doctest.h>

#include <cmath>
#include <initializer_list>
#include <memory>
#include <utility>

#include "scene_helpers.h"
#include "scenes/clocks.h"

using namespace dsviz;

namespace {
using test::metric;
using test::Sets;

std::unique_ptr<ClocksModel> run(Sets sets, Time d = 10 * kMin, uint64_t seed = 1) { return test::run<ClocksModel>(sets, d, seed); }

constexpr Time hms(int h, int m, int s, int ms) { return h * kHour + m * kMin + s * kSec + ms * kMs; }
}  // namespace

TEST_SUITE("clocks") {
  TEST_CASE("the chapter's three clocks at the same true instant") {
    auto m = run({}, 0);
    CHECK(ClocksModel::wall(m->local_now(0)) == hms(10, 0, 1, 123));
    CHECK(ClocksModel::wall(m->local_now(1)) == hms(10, 0, 2, 456));
    CHECK(ClocksModel::wall(m->local_now(2)) == hms(9, 59, 59, 789));
    CHECK(metric(*m, "max_clock_skew_ms") == doctest::Approx(2667));
    std::vector<Metric> out;
    m->metrics(out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].key == "ordering_anomalies");
    CHECK(out[1].key == "max_clock_skew_ms");
    CHECK(out[2].key == "lamport_violations");
  }

  TEST_CASE("more nodes get offsets from the seed; drift is linear in ppm") {
    auto a = run({{"nodes", 8}}, 0, 1), b = run({{"nodes", 8}}, 0, 2);
    bool differ = false;
    for (uint32_t i = 3; i < 8; ++i) {
      CHECK(std::llabs(a->clock_error(i)) <= 3 * kSec);
      differ |= a->clock_error(i) != b->clock_error(i);
    }
    CHECK(differ);
    CHECK(a->clock_error(0) == b->clock_error(0));
    auto d = run({{"drift_ppm", 500}, {"rate", 0}}, 1 * kHour);
    for (uint32_t i = 0; i < 3; ++i) {
      CHECK(std::fabs(d->drift_ppm(i)) <= 500);
      // error(t) = offset + t * drift
      const double expect_ms = to_ms(run({}, 0)->clock_error(i)) + 3600e3 * d->drift_ppm(i) * 1e-6;
      CHECK(to_ms(d->clock_error(i)) == doctest::Approx(expect_ms).epsilon(1e-6));
    }
    auto z = run({{"drift_ppm", 0}}, 1 * kHour);
    CHECK(metric(*z, "max_clock_skew_ms") == doctest::Approx(2667));
  }

  TEST_CASE("without sync, local timestamps put receives before sends") {
    auto m = run({});
    const double anomalies = metric(*m, "ordering_anomalies");
    // Three clocks seconds apart, 20 ms links: a message from a clock that is
    // ahead to one that is behind is always stamped 'received before sent'.
    CHECK(anomalies > 0.3 * double(m->messages_delivered()));
    CHECK(anomalies < 0.7 * double(m->messages_delivered()));
    // The count agrees with the trace, message by message.
    const auto& tr = m->cluster().trace;
    uint64_t seen = 0, flagged = 0;
    for (size_t i = 0; i < tr.size(); ++i) {
      if (!tr[i].delivered()) continue;
      ++seen;
      if (ClocksModel::is_anomaly(tr[i])) {
        ++flagged;
        CHECK(tr[i].recv_local < tr[i].send_local);
        CHECK(tr[i].recv_true > tr[i].send_true);  // in true time all is well
      }
    }
    REQUIRE(seen == m->messages_delivered());  // the ring still holds them all
    CHECK(double(flagged) == anomalies);
    // The log ordered by local time shows some receive before its send.
    std::vector<size_t> order;
    m->order_by_local(m->log().size(), order);
    bool inverted = false;
    for (size_t k = 0; k < order.size(); ++k) {
      const auto& e = m->log()[order[k]];
      if (e.send) continue;
      for (size_t j = k + 1; j < order.size(); ++j) {
        const auto& s = m->log()[order[j]];
        inverted |= s.send && s.msg == e.msg;
      }
    }
    CHECK(inverted);
  }

  TEST_CASE("sync with error below half the latency removes anomalies once every clock is set") {
    // Worst case after a sync: two clocks 2 x 1 ms apart, plus 2 x 500 ppm x 1 s
    // of drift = 3 ms, under the 10 ms latency.
    Sets s = {{"sync_period_s", 1}, {"sync_error_ms", 1}, {"latency_ms", 10}, {"jitter_ms", 0}, {"drift_ppm", 500}, {"rate", 5}};
    auto m = run(s, 1100 * kMs);
    const double early = metric(*m, "ordering_anomalies");
    m->run_until(10 * kMin);
    CHECK(metric(*m, "ordering_anomalies") == early);
    CHECK(metric(*m, "max_clock_skew_ms") <= 3.0);
    CHECK(m->messages_delivered() > 5000);
    auto none = run({{"latency_ms", 10}, {"jitter_ms", 0}, {"drift_ppm", 500}, {"rate", 5}});
    CHECK(metric(*none, "ordering_anomalies") > 1000);
    CHECK(metric(*none, "ordering_anomalies") > 100 * (early + 1));
  }

  TEST_CASE("sync does not remove anomalies when its error exceeds the latency") {
    Sets s = {{"sync_period_s", 1}, {"sync_error_ms", 50}, {"latency_ms", 10}, {"jitter_ms", 0}, {"drift_ppm", 0}, {"rate", 5}};
    auto m = run(s, 1100 * kMs);
    const double early = metric(*m, "ordering_anomalies");
    m->run_until(10 * kMin);
    const double late = metric(*m, "ordering_anomalies") - early;
    CHECK(late > 100);
    // ... but fewer than with no sync at all.
    auto none = run({{"latency_ms", 10}, {"jitter_ms", 0}, {"drift_ppm", 0}, {"rate", 5}});
    CHECK(late < metric(*none, "ordering_anomalies"));
    CHECK(metric(*m, "max_clock_skew_ms") <= 100.0);
  }

  TEST_CASE("Lamport timestamps never contradict causality (checked, not assumed)") {
    // Heavy jitter reorders messages; clocks drift and step.
    auto m = run({{"nodes", 8}, {"rate", 50}, {"jitter_ms", 1000}, {"drift_ppm", 500}, {"sync_period_s", 1},
                  {"sync_error_ms", 1000}},
                 2 * kMin);
    CHECK(m->lamport_checked() > 50000);
    CHECK(metric(*m, "lamport_violations") == 0);
    CHECK(metric(*m, "ordering_anomalies") > 0);
    // In the log, every receive's stamp exceeds its send's, and the Lamport
    // order puts every send before its receive (a slower run, so the log
    // holds both ends of many messages).
    m = run({{"nodes", 4}, {"rate", 5}, {"jitter_ms", 200}, {"drift_ppm", 500}}, 2 * kMin);
    std::vector<size_t> order;
    m->order_by_lamport(m->log().size(), order);
    int pairs = 0;
    for (size_t k = 0; k < order.size(); ++k) {
      const auto& e = m->log()[order[k]];
      if (e.send) continue;
      for (size_t j = 0; j < order.size(); ++j) {
        const auto& s = m->log()[order[j]];
        if (!s.send || s.msg != e.msg) continue;
        ++pairs;
        CHECK(s.lamport < e.lamport);
        CHECK(j < k);
      }
    }
    CHECK(pairs > 20);
    // The check is live: the model's own counters would see a violation.
    CHECK(m->check_invariants() == "");
  }

  TEST_CASE("every setting at its minimum and maximum") {
    ClocksModel probe;
    for (const Param& p : probe.params()) {
      for (double v : {p.min, p.max}) {
        auto m = std::make_unique<ClocksModel>();
        REQUIRE(m->set(p.key, v));
        m->reset(9);
        m->run_until(1 * kMin);
        CAPTURE(p.key);
        CAPTURE(v);
        CHECK(test::sane(*m) == "");
        CHECK(metric(*m, "lamport_violations") == 0);
      }
    }
    for (int corner = 0; corner < 2; ++corner) {
      auto m = std::make_unique<ClocksModel>();
      for (const Param& p : probe.params()) REQUIRE(m->set(p.key, corner ? p.max : p.min));
      m->reset(4);
      m->run_until(2 * kMin);
      CHECK(m->check_invariants() == "");
    }
  }

  TEST_CASE("live changes: rate, sync period, drift, node count") {
    auto m = run({}, 30 * kSec);
    REQUIRE(m->set("rate", 20));
    REQUIRE(m->set("sync_period_s", 5));
    REQUIRE(m->set("drift_ppm", 400));
    m->run_until(2 * kMin);
    CHECK(m->check_invariants() == "");
    CHECK(m->syncs().size() > 0);
    CHECK(metric(*m, "max_clock_skew_ms") < 50);
    REQUIRE(m->set("rate", 0));
    const uint64_t sent = m->cluster().sent();
    m->run_until(3 * kMin);
    CHECK(m->cluster().sent() == sent);
    REQUIRE(m->set("nodes", 5));  // restarts the run
    CHECK(m->now() == 0);
    m->run_until(1 * kMin);
    CHECK(m->check_invariants() == "");
  }

  TEST_CASE("clock readings are part of the trace hash: drift 0, 100 and 500 ppm are three runs") {
    for (double rate : {2.0, 0.0}) {  // with messages, and with none (readings still shown)
      CAPTURE(rate);
      auto a = run({{"drift_ppm", 0}, {"rate", rate}}, 1 * kMin);
      auto b = run({{"drift_ppm", 100}, {"rate", rate}}, 1 * kMin);
      auto c = run({{"drift_ppm", 500}, {"rate", rate}}, 1 * kMin);
      CHECK(a->trace_hash() != b->trace_hash());
      CHECK(b->trace_hash() != c->trace_hash());
      CHECK(a->trace_hash() != c->trace_hash());
    }
    // A live drift change mid-run is seen too.
    auto d = run({}, 1 * kMin), e = run({}, 1 * kMin);
    REQUIRE(e->set("drift_ppm", 101));
    d->run_until(2 * kMin);
    e->run_until(2 * kMin);
    CHECK(d->trace_hash() != e->trace_hash());
  }

  TEST_CASE("a live node count change starts the same run as opening with that count") {
    auto live = run({}, 1 * kMin, 9);
    REQUIRE(live->set("nodes", 5));
    REQUIRE(live->now() == 0);
    auto fresh = run({{"nodes", 5}}, 0, 9);
    CHECK(live->trace_hash() == fresh->trace_hash());
    live->run_until(1 * kMin);
    fresh->run_until(1 * kMin);
    CHECK(live->trace_hash() == fresh->trace_hash());
    CHECK(live->check_invariants() == "");
  }

  TEST_CASE("memory stays bounded over long runs") {
    auto m = run({{"rate", 10}}, 6 * kHour);
    CHECK(m->log().size() <= m->log().capacity());
    CHECK(m->cluster().trace.size() <= m->cluster().trace.capacity());
    CHECK(m->sim().pending() < 100);
  }
}
