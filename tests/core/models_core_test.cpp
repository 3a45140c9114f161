#include <doctest.h>

#include <cmath>

#include "faults.h"
#include "geo.h"
#include "metrics.h"
#include "vtime.h"

using namespace dsviz;

TEST_SUITE("metrics") {
  TEST_CASE("histogram quantiles within 3 percent") {
    Histogram h;
    for (int v = 1; v <= 100000; ++v) h.add(v * 1000);
    CHECK(h.count() == 100000);
    CHECK(h.quantile(0.5) == doctest::Approx(50000.0 * 1000).epsilon(0.03));
    CHECK(h.quantile(0.99) == doctest::Approx(99000.0 * 1000).epsilon(0.03));
    CHECK(h.quantile(0) == 1000);
    CHECK(h.quantile(1) == 100000000);
    CHECK(h.mean() == doctest::Approx(50000.5 * 1000));
    h.clear();
    CHECK(h.quantile(0.5) == 0);
    h.add(-5);  // clamps, never indexes out of range
    h.add(INT64_MAX);
    CHECK(h.count() == 2);
  }
  TEST_CASE("small exact values") {
    Histogram h;
    for (int v : {3, 3, 3, 7}) h.add(v);
    CHECK(h.quantile(0.5) == 3);
    CHECK(h.quantile(0.99) == 7);
  }
  TEST_CASE("time series ring keeps the newest samples") {
    TimeSeries ts(4);
    for (int i = 0; i < 10; ++i) ts.push(Sample{i, double(i)});
    CHECK(ts.size() == 4);
    CHECK(ts[0].t == 6);
    CHECK(ts.back().v == 9);
  }
}

TEST_SUITE("time") {
  TEST_CASE("durations parse with units and reject junk") {
    Time t;
    CHECK((parse_duration("90s", t) && t == 90 * kSec));
    CHECK((parse_duration("10m", t) && t == 10 * kMin));
    CHECK((parse_duration("24h", t) && t == 24 * kHour));
    CHECK((parse_duration("250ms", t) && t == 250 * kMs));
    CHECK((parse_duration("1.5", t) && t == 1500 * kMs));
    CHECK((parse_duration("2d", t) && t == 48 * kHour));
    CHECK_FALSE(parse_duration("", t));
    CHECK_FALSE(parse_duration("-3s", t));
    CHECK_FALSE(parse_duration("5 parsecs", t));
    CHECK_FALSE(parse_duration("1e30h", t));
    CHECK_FALSE(parse_duration("nan", t));
  }
  TEST_CASE("durations print with a unit") {
    CHECK(format_duration(850) == "850 ns");
    CHECK(format_duration(12300 * kUs) == "12.3 ms");
    CHECK(format_duration(4020 * kMs) == "4.02 s");
    CHECK(format_duration(2 * kHour + 3 * kMin) == "2 h 03 min");
  }
}

TEST_SUITE("availability math") {
  TEST_CASE("FACTS.md examples") {
    CHECK(parallel_availability(0.99, 2) == doctest::Approx(0.9999));
    CHECK(parallel_availability(0.99, 3) == doctest::Approx(0.999999));
    double a = 1;
    for (int i = 0; i < 5; ++i) a = series_availability(a, 0.99);
    CHECK(a == doctest::Approx(0.951).epsilon(0.001));
    CHECK(downtime_per_year_h(0.999) == doctest::Approx(8.766).epsilon(0.001));
    CHECK(downtime_per_year_h(0.99999) * 60 == doctest::Approx(5.26).epsilon(0.01));
    CHECK(nines(0.999) == doctest::Approx(3));
    CHECK(nines(1.0) == 12);
    FailureSpec f{9 * kHour, 1 * kHour};
    CHECK(f.availability() == doctest::Approx(0.9));
  }
  TEST_CASE("sampled up and down times have the right means") {
    FailureSpec f{100 * kSec, 10 * kSec};
    Rng r(1);
    double up = 0, down = 0;
    for (int i = 0; i < 100000; ++i) {
      up += double(f.sample_uptime(r));
      down += double(f.sample_downtime(r));
    }
    CHECK(up / 100000 == doctest::Approx(100.0 * kSec).epsilon(0.02));
    CHECK(down / 100000 == doctest::Approx(10.0 * kSec).epsilon(0.02));
  }
  TEST_CASE("overload fails only after the grace period") {
    OverloadTracker o;
    CHECK_FALSE(o.update(0, 150, 100, 5 * kSec));
    CHECK_FALSE(o.update(4 * kSec, 150, 100, 5 * kSec));
    CHECK(o.update(5 * kSec, 150, 100, 5 * kSec));
    CHECK_FALSE(o.update(6 * kSec, 90, 100, 5 * kSec));  // back under: the clock restarts
    CHECK_FALSE(o.update(7 * kSec, 150, 100, 5 * kSec));
  }
}

TEST_SUITE("geo") {
  TEST_CASE("great-circle distances") {
    const City* ny = find_city("New York");
    const City* lon = find_city("London");
    const City* tok = find_city("Tokyo");
    REQUIRE(ny);
    REQUIRE(lon);
    REQUIRE(tok);
    CHECK(great_circle_km(ny->lat, ny->lon, lon->lat, lon->lon) == doctest::Approx(5570).epsilon(0.01));
    CHECK(great_circle_km(ny->lat, ny->lon, tok->lat, tok->lon) == doctest::Approx(10850).epsilon(0.01));
    CHECK(great_circle_km(0, 0, 0, 0) == 0);
    CHECK(great_circle_km(0, 0, 0, 180) == doctest::Approx(20015).epsilon(0.001));
    CHECK(find_city("Atlantis") == nullptr);
  }
  TEST_CASE("the default model lands inside FACTS.md's measured round trips") {
    GeoLatencyModel m;
    const City* ny = find_city("New York");
    auto rtt_ms = [&](const char* to) { return to_ms(m.round_trip(great_circle_km(ny->lat, ny->lon, find_city(to)->lat, find_city(to)->lon))); };
    CHECK(rtt_ms("London") >= 70);
    CHECK(rtt_ms("London") <= 79);
    CHECK(rtt_ms("Tokyo") >= 135);
    CHECK(rtt_ms("Tokyo") <= 164);
    CHECK(rtt_ms("New York") == doctest::Approx(10));  // the chapter's NYC datacenter
    // Light in fiber: 4.9 us per km one way.
    CHECK(to_ms(m.fiber_floor(1000)) == doctest::Approx(4.9).epsilon(0.01));
  }
}
