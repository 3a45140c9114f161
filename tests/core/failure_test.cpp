#include <doctest.h>

#include <cmath>
#include <string>

#include "scene_helpers.h"
#include "scenes/failure.h"

using namespace dsviz;

namespace {

using test::metric;

// Only what the reader does: no random crashes, no shared unit, slow repair.
void manual(FailureModel& m) {
  REQUIRE(m.set("random_failures", 0));
  REQUIRE(m.set("shared_mtbf_h", 0));
  REQUIRE(m.set("mttr_min", 1000));
}

}  // namespace

TEST_SUITE("failure") {
  TEST_CASE("defaults: time in the three states adds up, metrics reported") {
    FailureModel m;
    m.reset(1);
    m.run_until(24 * kHour);
    CHECK(m.check_invariants() == "");
    const double total = metric(m, "time_all_healthy_s") + metric(m, "time_partial_failure_s") +
                         metric(m, "time_complete_failure_s");
    CHECK(total == doctest::Approx(24 * 3600.0));
    // MTBF 4 h, 4 nodes, a day: 24 expected (Poisson: 10..40 is beyond 3 sigma).
    CHECK(metric(m, "one_node_fails") > 10);
    CHECK(metric(m, "one_node_fails") < 40);
  }

  TEST_CASE("defaults: the cascades figure counts overload failures that ended PartialFailure") {
    // Counted independently, event by event: a step that moves the state
    // from PartialFailure to CompleteFailure while an overload failure
    // happened in it is a cascade. With the defaults (250 req/s over 4 nodes
    // of 100) two nodes down overload the other two; at MTBF 10 min (the
    // default is 4 h) two are down at once often enough for a day to have some.
    FailureModel m;
    REQUIRE(m.set("mtbf_min", 10));
    m.reset(1);
    uint64_t counted = 0;
    while (m.now() < 24 * kHour) {
      const auto before = m.state();
      const uint64_t overloads = m.failures(FailureModel::kOverload);
      if (!m.step()) break;
      if (before == FailureModel::kPartialFailure && m.state() == FailureModel::kCompleteFailure &&
          m.failures(FailureModel::kOverload) > overloads)
        ++counted;
    }
    CHECK(counted > 0);
    CHECK(metric(m, "cascades") == double(counted));
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("random failures off: only clicks and overload fail nodes, the power unit included") {
    FailureModel m;
    REQUIRE(m.set("random_failures", 0));  // the shared unit keeps its default MTBF of 6 h
    REQUIRE(m.params()[FailureModel::kSharedMtbfH].def > 0);
    m.reset(1);
    m.run_until(7 * 24 * kHour);
    CHECK(m.failures(FailureModel::kShared) == 0);
    CHECK(m.failures(FailureModel::kRandom) == 0);
    CHECK(m.transitions(FailureModel::kCriticalFails) == 0);
    CHECK(m.state() == FailureModel::kAllHealthy);
    m.trip_shared_unit();  // a click still trips it
    CHECK(m.failures(FailureModel::kShared) == m.nodes());
    CHECK(m.state() == FailureModel::kCompleteFailure);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("independent failures: time in AllHealthy is a^n, CompleteFailure rare") {
    FailureModel m;
    REQUIRE(m.set("cascade", 0));
    REQUIRE(m.set("shared_mtbf_h", 0));
    REQUIRE(m.set("mtbf_min", 10));
    m.reset(3);
    const Time t = 2000 * kHour;
    m.run_until(t);
    CHECK(m.check_invariants() == "");
    // a = 10 / 11 per node; all four up (10/11)^4 = 0.683 of the time.
    const double healthy = to_s(m.time_in(FailureModel::kAllHealthy)) / to_s(t);
    CHECK(healthy == doctest::Approx(0.683).epsilon(0.02));
    CHECK(m.cascades() == 0);
    CHECK(m.failures(FailureModel::kOverload) == 0);
    CHECK(m.transitions(FailureModel::kCriticalFails) == 0);
    // All four down at once by chance: (1/11)^4 ~ 7e-5 of the time, plus
    // the operators' restore time; well under 1%.
    CHECK(to_s(m.time_in(FailureModel::kCompleteFailure)) / to_s(t) < 0.01);
  }

  TEST_CASE("a click crashes a node and a second click repairs it") {
    FailureModel m;
    manual(m);
    m.reset(1);
    m.run_until(1 * kMin);
    m.toggle_node(2);
    CHECK_FALSE(m.node_up(2));
    CHECK(m.state() == FailureModel::kPartialFailure);
    CHECK(m.transitions(FailureModel::kOneFails) == 1);
    m.run_until(2 * kMin);
    m.toggle_node(2);
    CHECK(m.state() == FailureModel::kAllHealthy);
    CHECK(m.transitions(FailureModel::kRecovery) == 1);
    CHECK(m.failures(FailureModel::kClick) == 1);
    CHECK(to_s(m.time_in(FailureModel::kPartialFailure)) == doctest::Approx(60));
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("sweeping the load finds the cascade point at (n-1) x capacity") {
    struct Case {
      int nodes;
      double capacity;
    };
    for (Case c : {Case{4, 100}, Case{3, 50}, Case{8, 120}, Case{2, 10}}) {
      CAPTURE(c.nodes);
      CAPTURE(c.capacity);
      double first_cascade = -1;
      for (double load = 0; load <= 10 * c.capacity && first_cascade < 0; load += 1) {
        FailureModel m;
        manual(m);
        REQUIRE(m.set("nodes", c.nodes));
        REQUIRE(m.set("capacity_rps", c.capacity));
        REQUIRE(m.set("grace_s", 5));
        REQUIRE(m.set("load_rps", load));
        m.reset(1);
        m.toggle_node(0);  // one failure
        m.run_until(m.grace() + 1 * kSec);
        REQUIRE(m.check_invariants() == "");
        if (m.state() == FailureModel::kCompleteFailure) {
          first_cascade = load;
          CHECK(m.cascades() == 1);
          CHECK(m.failures(FailureModel::kOverload) == uint64_t(c.nodes - 1));
        } else {
          CHECK(m.state() == FailureModel::kPartialFailure);
        }
      }
      const double threshold = (c.nodes - 1) * c.capacity;
      FailureModel probe;
      REQUIRE(probe.set("nodes", c.nodes));
      REQUIRE(probe.set("capacity_rps", c.capacity));
      CHECK(probe.cascade_threshold_rps() == threshold);
      // The first whole req/s above the threshold cascades; the threshold itself does not.
      CHECK(first_cascade == threshold + 1);
    }
  }

  TEST_CASE("the cascade waits for the grace period") {
    FailureModel m;
    manual(m);
    REQUIRE(m.set("load_rps", 350));  // 3 survivors x 100 req/s < 350
    REQUIRE(m.set("grace_s", 30));
    m.reset(1);
    m.toggle_node(0);
    CHECK(m.over_since(1) == 0);
    m.run_until(30 * kSec - 1);
    CHECK(m.up_count() == 3);
    m.run_until(30 * kSec);
    CHECK(m.up_count() == 0);
    CHECK(m.transitions(FailureModel::kToComplete) == 1);
    CHECK(m.cascades() == 1);
    CHECK(m.restore_pending());
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("repairing the failed node inside the grace period stops the cascade") {
    FailureModel m;
    manual(m);
    REQUIRE(m.set("load_rps", 350));
    REQUIRE(m.set("grace_s", 30));
    m.reset(1);
    m.toggle_node(0);
    m.run_until(20 * kSec);
    m.toggle_node(0);
    CHECK(m.over_since(1) == -1);
    m.run_until(2 * kMin);
    CHECK(m.state() == FailureModel::kAllHealthy);
    CHECK(m.cascades() == 0);
  }

  TEST_CASE("dragging the load up live tips the survivors over") {
    FailureModel m;
    manual(m);
    m.reset(1);
    m.toggle_node(0);
    m.run_until(1 * kMin);
    CHECK(m.state() == FailureModel::kPartialFailure);
    REQUIRE(m.set("load_rps", 400));
    CHECK(m.now() == 1 * kMin);  // a live change, not a rebuild
    m.run_until(1 * kMin + m.grace());
    CHECK(m.state() == FailureModel::kCompleteFailure);
    CHECK(m.cascades() == 1);
  }

  TEST_CASE("without cascading, overload never fails a node") {
    FailureModel m;
    manual(m);
    REQUIRE(m.set("cascade", 0));
    REQUIRE(m.set("load_rps", 2000));
    m.reset(1);
    m.toggle_node(0);
    m.run_until(1 * kHour);
    CHECK(m.up_count() == 3);
    CHECK(m.over_since(1) == -1);
    CHECK(m.failures_tolerated() == -1);  // 2000 req/s > 4 x 100: overloaded anyway
  }

  TEST_CASE("the shared unit is the 'critical nodes fail' arrow; operators restore after ~MTTR") {
    FailureModel m;
    REQUIRE(m.set("random_failures", 0));
    REQUIRE(m.set("shared_mtbf_h", 0));
    m.reset(1);
    m.run_until(10 * kSec);
    m.trip_shared_unit();
    CHECK(m.state() == FailureModel::kCompleteFailure);
    CHECK(m.transitions(FailureModel::kCriticalFails) == 1);
    CHECK(m.transitions(FailureModel::kOneFails) == 0);
    CHECK(m.failures(FailureModel::kShared) == 4);
    CHECK(m.restore_at() > m.now());
    m.run_until(m.restore_at());
    CHECK(m.state() == FailureModel::kAllHealthy);
    CHECK(m.transitions(FailureModel::kRestore) == 1);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("in CompleteFailure a click restores every node at once") {
    FailureModel m;
    manual(m);
    m.reset(1);
    for (uint32_t i = 0; i < 4; ++i) m.toggle_node(i);
    CHECK(m.state() == FailureModel::kCompleteFailure);
    CHECK(m.transitions(FailureModel::kToComplete) == 1);
    CHECK(m.cascades() == 0);  // clicks, not overload
    m.toggle_node(1);
    CHECK(m.state() == FailureModel::kAllHealthy);
    CHECK(m.up_count() == 4);
    CHECK(m.transitions(FailureModel::kRestore) == 1);
    m.run_until(10 * kHour);  // the stale restore event does nothing
    CHECK(m.transitions(FailureModel::kRestore) == 1);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("the shared unit trips on its own at about its MTBF") {
    FailureModel m;
    // Random failures on (the unit's trips are random failures), nodes that
    // almost never fail alone, so each trip takes all four down.
    REQUIRE(m.set("mtbf_min", 10000));
    REQUIRE(m.set("cascade", 0));
    REQUIRE(m.set("shared_mtbf_h", 1));
    m.reset(5);
    m.run_until(500 * kHour);
    // ~500 trips; each takes all 4 nodes down unless already in CompleteFailure.
    const double trips = double(m.failures(FailureModel::kShared)) / 4;
    CHECK(trips == doctest::Approx(500).epsilon(0.15));
    CHECK(m.transitions(FailureModel::kCriticalFails) == m.failures(FailureModel::kShared) / 4);
  }

  TEST_CASE("extremes together: tiny capacity, huge load, no grace, fast failures") {
    FailureModel m;
    REQUIRE(m.set("nodes", 8));
    REQUIRE(m.set("mtbf_min", 1));
    REQUIRE(m.set("mttr_min", 0.1));
    REQUIRE(m.set("load_rps", 2000));
    REQUIRE(m.set("capacity_rps", 10));
    REQUIRE(m.set("grace_s", 0));
    REQUIRE(m.set("shared_mtbf_h", 1));
    m.reset(9);
    m.run_until(24 * kHour);
    CHECK(m.check_invariants() == "");
    CHECK(m.cascades() > 100);
    CHECK(m.history().size() <= m.history().capacity());
  }
  TEST_CASE("scrubbing replays clicks, the power unit and restores") {
    auto script = [](FailureModel& m) {
      m.reset(6);
      m.run_until(2 * kMin);
      m.toggle_node(1);
      m.run_until(5 * kMin);
      m.trip_shared_unit();
      m.run_until(6 * kMin);
      m.restore_all();
      m.run_until(20 * kMin);
    };
    FailureModel a, b;
    script(a);
    script(b);
    CHECK(a.commands_logged() == 3);
    b.replay_to(4 * kMin);
    CHECK(b.inputs_applied() == 1);
    CHECK(b.commands_logged() == 3);
    b.replay_to(5 * kMin + 1);  // forward without replay keeps the branch
    script(b);                  // a fresh script: same as a
    b.replay_to(7 * kMin);
    b.run_until(20 * kMin);
    CHECK(b.trace_hash() == a.trace_hash());
    CHECK(b.check_invariants() == "");
  }

}
