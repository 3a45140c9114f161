#include <doctest.h>

#include <cmath>
#include <string>

#include "scene_helpers.h"
#include "scenes/availability.h"

using namespace dsviz;

namespace {

using test::metric;

// a = 9 / (9 + 1) = 0.9 per server.
void single_09(AvailabilityModel& m) {
  REQUIRE(m.set("replicas", 1));
  REQUIRE(m.set("mtbf_min", 9));
  REQUIRE(m.set("mttr_min", 1));
}

// About 1.9 years: 100,000 up/down cycles of a 10-minute mean cycle.
constexpr Time kLong = 1000000 * kMin;

// Runs m to `until` one event at a time and sums, from outside the model,
// the stretches between events during which service_up() was false.
Time observed_downtime(AvailabilityModel& m, Time until) {
  Time down = 0;
  while (m.sim().next_time() <= until) {
    const bool up = m.service_up();
    const Time t0 = m.now();
    REQUIRE(m.step());
    if (!up) down += m.now() - t0;
  }
  if (!m.service_up()) down += until - m.now();
  m.run_until(until);
  return down;
}

}  // namespace

TEST_SUITE("availability") {
  // For an alternating renewal process with exponential up times (mean U)
  // and down times (mean D), the fraction of time up over a run of length T
  // has variance ~ 2 U^2 D^2 / ((U + D)^3 T). U = 9 min, D = 1 min,
  // T = 1e6 min: sd = sqrt(162 / 1e9) = 0.040 percentage points, so 0.3 pp
  // is 7.5 standard deviations: the check cannot fail by bad luck, only by a
  // wrong model.
  TEST_CASE("independent failures: simulated within 0.3 percentage points of the analytic") {
    for (uint64_t seed : {1, 2, 3}) {
      CAPTURE(seed);
      AvailabilityModel m;
      single_09(m);
      m.reset(seed);
      const Time down = observed_downtime(m, kLong);
      CHECK(m.check_invariants() == "");
      CHECK(m.analytic_availability() == doctest::Approx(0.9));
      CHECK(std::fabs(m.simulated_availability() - m.analytic_availability()) < 0.003);
      // The reported figure is the downtime an observer counts, not a copy
      // of the model's own bookkeeping.
      CHECK(down > 0);
      CHECK(metric(m, "simulated_availability") == doctest::Approx(1.0 - double(down) / double(kLong)).epsilon(1e-12));
      CHECK(m.single_simulated_availability() == m.simulated_availability());  // one server
    }
  }

  TEST_CASE("the check can fail: a different MTTR gives a different availability") {
    AvailabilityModel m;
    single_09(m);
    REQUIRE(m.set("mttr_min", 2));  // a = 9 / 11 = 0.818
    m.reset(1);
    m.run_until(kLong);
    CHECK(std::fabs(m.simulated_availability() - 0.9) > 0.05);
    CHECK(std::fabs(m.simulated_availability() - 9.0 / 11.0) < 0.003);
  }

  TEST_CASE("three replicas: 1 - (1 - a)^3, measured and computed agree") {
    AvailabilityModel m;
    single_09(m);
    REQUIRE(m.set("replicas", 3));
    m.reset(4);
    m.run_until(kLong);
    CHECK(m.analytic_availability() == doctest::Approx(0.999));
    // ~3,000 outages of ~1/3 min: the unavailability 0.001 is known to a few
    // percent, well inside 0.0003.
    CHECK(std::fabs(m.simulated_availability() - 0.999) < 0.0003);
    CHECK(metric(m, "outages") > 2000);
    CHECK(metric(m, "mean_outage_s") == doctest::Approx(20).epsilon(0.1));  // MTTR / 3
    // Each replica alone is still a 0.9 server.
    CHECK(std::fabs(m.single_simulated_availability() - 0.9) < 0.003);
  }

  TEST_CASE("a shared rack breaks the independence assumption") {
    AvailabilityModel m;
    single_09(m);
    REQUIRE(m.set("replicas", 3));
    REQUIRE(m.set("correlated", 1));
    REQUIRE(m.set("rack_mtbf_min", 990));
    REQUIRE(m.set("rack_mttr_min", 10));  // rack: 0.99
    m.reset(5);
    m.run_until(kLong * 2);
    CHECK(m.check_invariants() == "");
    // The analytic figure counts the shared rack as a component in series;
    // the textbook one, independence assumed, stays at 0.999 and the run is
    // about a point lower.
    CHECK(m.analytic_availability() == doctest::Approx(0.999 * 0.99));
    CHECK(metric(m, "analytic_availability") == doctest::Approx(0.999 * 0.99));
    CHECK(m.independent_availability() == doctest::Approx(0.999));
    CHECK(metric(m, "independent_availability") == doctest::Approx(0.999));
    CHECK(m.simulated_availability() < m.independent_availability() - 0.005);
    CHECK(std::fabs(m.simulated_availability() - m.analytic_availability()) < 0.003);
    CHECK(metric(m, "rack_failures") > 500);
  }

  TEST_CASE("a database in series: A = (1 - (1 - a)^n) * b") {
    AvailabilityModel m;
    single_09(m);
    REQUIRE(m.set("replicas", 2));
    REQUIRE(m.set("database", 1));
    REQUIRE(m.set("db_mtbf_min", 99));
    REQUIRE(m.set("db_mttr_min", 1));  // b = 0.99
    m.reset(6);
    m.run_until(kLong * 2);
    CHECK(m.database_availability() == doctest::Approx(0.99));
    CHECK(m.analytic_availability() == doctest::Approx(0.99 * 0.99));
    CHECK(std::fabs(m.simulated_availability() - m.analytic_availability()) < 0.003);
    CHECK(metric(m, "database_failures") > 5000);
  }

  TEST_CASE("nines and downtime per year follow the FACTS table (365.25-day year)") {
    AvailabilityModel m;
    REQUIRE(m.set("replicas", 1));
    REQUIRE(m.set("mtbf_min", 999));
    REQUIRE(m.set("mttr_min", 1));  // 99.9 %
    m.reset(1);
    CHECK(metric(m, "analytic_downtime_per_year_h") == doctest::Approx(8.766).epsilon(0.001));
    CHECK(metric(m, "analytic_nines") == doctest::Approx(3.0).epsilon(0.001));
  }

  TEST_CASE("more replicas, more availability: 1 to 7") {
    double last = 0;
    for (int n = 1; n <= 7; ++n) {
      AvailabilityModel m;
      REQUIRE(m.set("replicas", n));
      m.reset(1);
      CHECK(m.analytic_availability() > last);
      last = m.analytic_availability();
    }
  }

  TEST_CASE("the plot rings stay bounded and span the whole run") {
    AvailabilityModel m;
    m.reset(1);
    m.run_until(365 * 24 * kHour);
    const TimeSeries& s = m.service_series();
    CHECK(s.size() <= s.capacity());
    CHECK(s.size() >= s.capacity() / 2);
    CHECK(m.sample_period() > 10 * kSec);
    CHECK(s[0].t < 365 * 24 * kHour / 100);  // the early, noisy part is still there
    CHECK(s.back().t <= m.now());
    for (size_t i = 1; i < s.size(); ++i) CHECK(s[i].t > s[i - 1].t);
    CHECK(s.back().v == doctest::Approx(m.simulated_availability()).epsilon(1e-4));
  }

  TEST_CASE("a click crashes a replica and another repairs it") {
    AvailabilityModel m;
    REQUIRE(m.set("replicas", 1));
    REQUIRE(m.set("mtbf_min", 100000));
    REQUIRE(m.set("mttr_min", 1000));
    m.reset(1);
    m.run_until(1 * kMin);
    m.toggle(0);
    CHECK_FALSE(m.service_up());
    m.run_until(2 * kMin);
    m.toggle(0);
    CHECK(m.service_up());
    CHECK(m.outages() == 1);
    CHECK(to_s(m.service_downtime()) == doctest::Approx(60));
    m.toggle(m.rack());  // no shared rack: nothing to click
    CHECK(m.service_up());
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("every setting at its min and max with the rack and database in play: availabilities stay in [0, 1]") {
    AvailabilityModel probe;
    for (const Param& p : probe.params()) {
      for (double v : {p.min, p.max}) {
        CAPTURE(p.key);
        CAPTURE(v);
        AvailabilityModel m;
        REQUIRE(m.set(p.key, v));
        REQUIRE(m.set("correlated", 1));  // every component in play
        REQUIRE(m.set("database", 1));
        if (p.key == "correlated" || p.key == "database") REQUIRE(m.set(p.key, v));
        m.reset(2);
        m.run_until(24 * kHour);
        CHECK(m.check_invariants() == "");
        std::vector<Metric> ms;
        m.metrics(ms);
        for (const Metric& x : ms) {
          CAPTURE(x.key);
          CHECK(std::isfinite(x.value));
          if (x.key.find("availability") != std::string::npos) {
            CHECK(x.value >= 0);
            CHECK(x.value <= 1);
          }
        }
      }
    }
  }

  TEST_CASE("worst case for speed: 7 fast-failing replicas for 24 h") {
    AvailabilityModel m;
    REQUIRE(m.set("replicas", 7));
    REQUIRE(m.set("mtbf_min", 1));
    REQUIRE(m.set("mttr_min", 0.1));
    REQUIRE(m.set("correlated", 1));
    REQUIRE(m.set("database", 1));
    m.reset(3);
    m.run_until(24 * kHour);
    CHECK(m.check_invariants() == "");
    CHECK(m.events() < 100000);
    CHECK(m.service_series().size() <= m.service_series().capacity());
  }
  TEST_CASE("scrubbing replays clicks on components") {
    AvailabilityModel a;
    a.reset(3);
    a.run_until(1 * kHour);
    a.toggle(0);
    a.run_until(2 * kHour);
    a.toggle(0);
    a.run_until(5 * kHour);
    const uint64_t hash = a.trace_hash();
    a.replay_to(90 * kMin);
    CHECK(a.inputs_applied() == 1);
    a.replay_to(0);
    CHECK(a.inputs_applied() == 0);
    CHECK(a.commands_logged() == 2);  // kept until the reader clicks again
    a.replay_to(5 * kHour);
    CHECK(a.trace_hash() == hash);
    AvailabilityModel b;
    b.reset(3);
    b.run_until(1 * kHour);
    b.toggle(0);
    b.run_until(2 * kHour);
    b.toggle(0);
    b.run_until(3 * kHour);
    b.replay_to(150 * kMin);
    b.run_until(5 * kHour);
    CHECK(b.trace_hash() == hash);
  }

}
