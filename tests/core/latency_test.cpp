// The latency scene: great-circle distances, the round-trip model against
// FACTS.md's measured pairs, the chapter's figures, the simulation
// (nearest live datacenter, jitter inside the band, failover), placement,
// and the embedded world map.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "detmath.h"
#include "geo.h"
#include "latency.h"
#include "map_data.h"
#include "places.h"
#include "scene_helpers.h"
#include "worldmap.h"

using namespace dsviz;

namespace {

GeoPoint at(const char* name) {
  const int i = find_place(name);
  REQUIRE_MESSAGE(i >= 0, name);
  return {places()[i].lat, places()[i].lon};
}
double dms(int d, int m, int s) { return d + m / 60.0 + s / 3600.0; }

// Even-odd rule over the map's rings (holes included).
bool on_land(const WorldMap& map, double lat, double lon) {
  bool inside = false;
  for (const MapRing& r : map.rings)
    for (size_t i = 0, j = r.points.size() - 1; i < r.points.size(); j = i++) {
      const LonLat a = r.points[i], b = r.points[j];
      if ((a.lat > lat) != (b.lat > lat) && lon < (b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon) inside = !inside;
    }
  return inside;
}

}  // namespace

TEST_SUITE("latency") {
  TEST_CASE("great-circle distances match published figures within 0.5 %") {
    // Land's End to John o' Groats, 968.9 km on a 6,371 km sphere (Chris
    // Veness, "Calculate distance, bearing and more between Latitude/
    // Longitude points", movable-type.co.uk, the haversine example).
    CHECK(great_circle_km(dms(50, 3, 59), -dms(5, 42, 53), dms(58, 38, 38), -dms(3, 4, 12)) == doctest::Approx(968.9).epsilon(0.005));
    // LAX (33 57 N, 118 24 W) to JFK (40 38 N, 73 47 W): 0.623585 radians
    // (Ed Williams, Aviation Formulary, worked example).
    CHECK(great_circle_km(dms(33, 57, 0), -dms(118, 24, 0), dms(40, 38, 0), -dms(73, 47, 0)) / 6371.0088 ==
          doctest::Approx(0.623585).epsilon(0.005));
    // New York-London: Hibernia Express's 58.95 ms round trip is ~1.08x the
    // straight-line fiber floor (FACTS.md), i.e. a floor of ~54.6 ms.
    CHECK(fiber_floor_rtt_ms(great_circle_km(40.7128, -74.0060, 51.5074, -0.1278)) * 1.08 == doctest::Approx(58.95).epsilon(0.005));
    // A quarter of a meridian: pi/2 x the mean radius, 10,007.6 km.
    CHECK(great_circle_km(0, 0, 90, 0) == doctest::Approx(10007.56).epsilon(0.0005));
    CHECK(great_circle_km(-33.8688, 151.2093, -33.8688, 151.2093) == 0);
  }

  TEST_CASE("the fiber floor: 2 x distance / 204,000 km/s") {
    CHECK(fiber_floor_rtt_ms(204000) == doctest::Approx(2000));
    CHECK(fiber_floor_rtt_ms(1000) == doctest::Approx(9.8039).epsilon(1e-4));  // 4.9 us per km each way
    CHECK(fiber_floor_rtt_ms(0) == 0);
    const RttModel m;
    const RttEstimate e = estimate_rtt(m, at("London"), at("Frankfurt"));
    CHECK(e.floor_ms == doctest::Approx(2 * e.distance_km / 204.0));
    CHECK(e.typical_ms == doctest::Approx(1.25 * e.route_floor_ms + 9));
    CHECK(e.low_ms == doctest::Approx(e.typical_ms - (0.10 * e.route_floor_ms + 5)));
    CHECK(e.high_ms == doctest::Approx(e.typical_ms + 0.35 * e.route_floor_ms + 1.5));
    // The band never goes below the physics.
    RttModel bare;
    bare.inflation = 1;
    bare.fixed_ms = 0;
    const RttEstimate f = estimate_rtt(bare, at("New York"), at("London"));
    CHECK(f.low_ms == doctest::Approx(f.floor_ms));
    CHECK(reach_km(m, 9) == 0);
    CHECK(reach_km(m, 50) == doctest::Approx(41.0 / 1000 * 204000 / 2.5));
  }

  TEST_CASE("places: at least 40, FACTS.md's cities at FACTS.md's coordinates, unique names") {
    const auto& p = places();
    CHECK(p.size() >= 40);
    std::set<std::string> names, shorts;
    int cities = 0, clouds = 0;
    for (const Place& x : p) {
      CHECK(names.insert(x.name).second);
      CHECK(shorts.insert(x.short_name).second);
      CHECK(std::fabs(x.lat) <= 90);
      CHECK(std::fabs(x.lon) <= 180);
      CHECK(std::string(x.source).size() > 0);
      cities += x.kind == PlaceKind::City;
      clouds += x.kind == PlaceKind::CloudRegion;
    }
    CHECK(cities >= 30);
    CHECK(clouds >= 5);
    for (const City& c : dsviz::cities()) {  // geo.h's copy of FACTS.md's table
      CAPTURE(c.name);
      const GeoPoint g = at(c.name);
      CHECK(g.lat == c.lat);
      CHECK(g.lon == c.lon);
    }
    CHECK(find_place("tokyo") == find_place("TYO"));
    CHECK(find_place("Atlantis") == -1);
    CHECK(region_at(48.1, 11.6) == Region::Europe);      // Munich
    CHECK(region_at(-1.0, -60.0) == Region::SouthAmerica);  // the Amazon
    CHECK(region_at(35.0, 135.0) == Region::Asia);
  }

  TEST_CASE("routes: detours between regions, great circles inside one") {
    const RouteOrigin fra(at("Frankfurt"));
    const double direct = great_circle_km(50.1109, 8.6821, 35.6762, 139.6503);
    CHECK(fra.km_to(at("Tokyo")) > 1.6 * direct);  // no cable over Siberia
    CHECK(fra.km_to(at("Madrid")) == doctest::Approx(great_circle_km(50.1109, 8.6821, 40.4168, -3.7038)));
    const RouteOrigin ny(at("New York"));
    CHECK(ny.km_to(at("London")) == doctest::Approx(great_circle_km(40.7128, -74.0060, 51.5074, -0.1278)).epsilon(0.001));
    // A path starts and ends at its ends, and its legs add up to the route.
    const auto path = fra.path_to(at("Tokyo"));
    REQUIRE(path.size() >= 3);
    CHECK(path.front().lat == 50.1109);
    CHECK(path.back().lon == 139.6503);
    double km = 0;
    for (size_t i = 1; i < path.size(); ++i) km += great_circle_km(path[i - 1].lat, path[i - 1].lon, path[i].lat, path[i].lon);
    CHECK(km == doctest::Approx(fra.km_to(at("Tokyo"))).epsilon(1e-9));
    // Without routes every path is the great circle.
    const RouteOrigin straight(at("Frankfurt"), false);
    CHECK(straight.km_to(at("Tokyo")) == doctest::Approx(direct));
    // The midpoint of a great circle is equidistant from both ends.
    const GeoPoint mid = great_circle_point(at("New York"), at("Tokyo"), 0.5);
    CHECK(great_circle_km(40.7128, -74.0060, mid.lat, mid.lon) == doctest::Approx(great_circle_km(mid.lat, mid.lon, 35.6762, 139.6503)).epsilon(1e-6));
  }

  TEST_CASE("at least 80 % of FACTS.md's calibration pairs lie inside the band") {
    const RttModel m;
    const auto& p = places();
    int inside = 0;
    std::set<std::string> outside;
    for (const CalibrationPair& c : calibration_pairs()) {
      REQUIRE(c.a >= 0);
      REQUIRE(c.b >= 0);
      const RttEstimate e = estimate_rtt(m, {p[c.a].lat, p[c.a].lon}, {p[c.b].lat, p[c.b].lon});
      const bool in = e.low_ms <= c.measured_low_ms && c.measured_high_ms <= e.high_ms;
      inside += in;
      if (!in) outside.insert(std::string(p[c.a].name) + "-" + p[c.b].name);
    }
    CHECK(calibration_pairs().size() >= 21);
    CHECK(inside >= 0.8 * double(calibration_pairs().size()));
    // The one left out, and why: Azure's Tokyo-Seoul (35-36 ms over
    // 1,149 km) is 3.1x its fiber floor, a short hop whose measured path
    // detours; the model joins Japan and Korea along the great circle and
    // its band tops out at ~28.5 ms.
    CHECK(outside == std::set<std::string>{"Tokyo-Seoul"});
  }

  TEST_CASE("the band is at most 1.75x wide (high / low) for every pair over 1,000 km") {
    const RttModel m;
    const auto& p = places();
    double widest = 0;
    for (size_t i = 0; i < p.size(); ++i) {
      const RouteOrigin o({p[i].lat, p[i].lon});
      for (size_t j = 0; j < p.size(); ++j) {
        const RttEstimate e = estimate_rtt(m, o, {p[j].lat, p[j].lon});
        if (e.distance_km > 1000) widest = std::max(widest, e.high_ms / e.low_ms);
      }
    }
    CHECK(widest <= 1.75);
    CHECK(widest > 1.3);  // and it is a band, not a line
  }

  TEST_CASE("the chapter's figures: a user in New York, datacenters in New York, London and Tokyo") {
    auto m = test::run<LatencyModel>({}, 10 * dsviz::kSec);
    CHECK(test::metric(*m, "rtt_typical_ms_nyc") == doctest::Approx(10).epsilon(0.15));
    CHECK(test::metric(*m, "rtt_typical_ms_london") == doctest::Approx(70).epsilon(0.15));
    CHECK(test::metric(*m, "rtt_typical_ms_tokyo") == doctest::Approx(150).epsilon(0.15));
    // ... and they come from the model: another inflation moves them.
    auto slow = test::run<LatencyModel>({{"inflation", 2.1}}, 1 * dsviz::kSec);
    CHECK(test::metric(*slow, "rtt_typical_ms_london") > 100);
    REQUIRE(m->datacenters().size() == 3);
    CHECK(m->target() == 0);  // New York
    CHECK(m->rtt_table().front().place == find_place("New York"));
    CHECK(m->rtt_table().back().place == find_place("Tokyo"));
  }

  TEST_CASE("pings go to the nearest live datacenter, jittered inside the band") {
    auto m = test::run<LatencyModel>({}, 30 * dsviz::kSec);
    CHECK(m->requests() > 400);  // 20 requests/s
    CHECK(m->answered() + 5 >= m->requests());
    const RttEstimate e = m->rtt_to_place(find_place("New York"));
    double lo = 1e9, hi = 0;
    for (size_t i = 0; i < m->pings().size(); ++i) {
      const auto& p = m->pings()[i];
      CHECK(p.place == find_place("New York"));
      lo = std::min(lo, p.rtt_ms);
      hi = std::max(hi, p.rtt_ms);
    }
    CHECK(lo >= e.low_ms - 1e-6);
    CHECK(hi <= e.high_ms + 1e-6);
    CHECK(hi - lo > 0.5 * (e.high_ms - e.low_ms));  // they scatter over the band
    CHECK(test::metric(*m, "latency_mean_ms") == doctest::Approx(e.typical_ms).epsilon(0.2));
  }

  TEST_CASE("failover: a failed datacenter loses what is on its way, the retry goes to the next") {
    auto m = test::run<LatencyModel>({{"rate", 0}}, 1 * dsviz::kSec);
    m->send_ping();
    m->fail_datacenter(find_place("New York"));
    CHECK(m->target() == 1);  // London
    m->run_until(m->now() + 2 * dsviz::kSec);
    CHECK(m->lost_packets() == 1);
    CHECK(m->failovers() == 1);
    CHECK(m->answered() == 1);
    REQUIRE(m->pings().size() == 1);
    CHECK(m->pings()[0].place == find_place("London"));
    m->restore_datacenter(find_place("New York"));
    CHECK(m->target() == 0);
    // With every datacenter gone, requests fail at once.
    for (const char* n : {"New York", "London", "Tokyo"}) m->remove_datacenter(find_place(n));
    CHECK(m->datacenters().empty());
    m->send_ping();
    CHECK(m->failed() == 1);
    CHECK(m->check_invariants() == "");
  }

  TEST_CASE("moving the user: commands carry the point, the target follows") {
    const uint64_t arg = LatencyModel::encode_point(-33.8688, 151.2093);
    const GeoPoint back = LatencyModel::decode_point(arg);
    CHECK(back.lat == doctest::Approx(-33.8688).epsilon(1e-9));
    CHECK(back.lon == doctest::Approx(151.2093).epsilon(1e-9));
    CHECK(LatencyModel::decode_point(LatencyModel::encode_point(95, -200)).lat == 90);
    CHECK(LatencyModel::decode_point(LatencyModel::encode_point(95, -200)).lon == -180);
    auto m = test::run<LatencyModel>({}, 1 * dsviz::kSec);
    m->move_user(-33.8688, 151.2093);  // Sydney
    CHECK(m->target() == 2);           // Tokyo
    for (const auto& row : m->rtt_table()) CHECK(row.rtt.typical_ms > 100);
    m->run_until(3 * dsviz::kSec);
    CHECK(m->pings().back().place == find_place("Tokyo"));
    // Packets in flight: on their path, progress between 0 and 1.
    bool seen = false;
    for (int step = 0; step < 200 && !seen; ++step) {
      m->run_until(m->now() + 5 * dsviz::kMs);
      for (const auto& p : m->packets()) {
        const double f = m->progress(p);
        CHECK(f >= 0);
        CHECK(f <= 1);
        const GeoPoint q = m->position(p);
        const double to_start = great_circle_km(q.lat, q.lon, p.path.front().lat, p.path.front().lon);
        const double to_end = great_circle_km(q.lat, q.lon, p.path.back().lat, p.path.back().lon);
        if (f > 0.2 && f < 0.8) seen = to_start > 500 && to_end > 500;
      }
    }
    CHECK(seen);
    CHECK(m->check_invariants() == "");
  }

  TEST_CASE("budget contour and the latency grid") {
    auto m = test::run<LatencyModel>({}, 1 * dsviz::kSec);
    CHECK(m->budget_radius_km() == doctest::Approx(41.0 / 1000 * 204000 / 2.5));
    const int cols = 72, rows = 36;  // 5 degree cells
    const auto g = m->rtt_grid(cols, rows);
    REQUIRE(g.size() == size_t(cols * rows));
    // The user's cell (40.7 N, 74 W) is the cheapest; the far side of the
    // Earth is the dearest.
    const int ur = int((90 - 40.7128) / 5), uc = int((-74.0060 + 180) / 5);
    const float at_user = g[ur * cols + uc];
    CHECK(at_user == *std::min_element(g.begin(), g.end()));
    CHECK(at_user < 20);
    CHECK(*std::max_element(g.begin(), g.end()) > 200);
    int reachable = 0;
    for (float v : g) reachable += v <= m->budget_ms();
    CHECK(reachable > 5);
    CHECK(reachable < cols * rows / 4);
    CHECK(m->reachable(at("Toronto")));
    CHECK_FALSE(m->reachable(at("London")));
  }

  TEST_CASE("scatter data: the floor line, the band and the calibration pairs") {
    auto m = test::run<LatencyModel>({}, 1 * dsviz::kSec);
    double lo, typ, hi;
    m->band_at_km(5000, lo, typ, hi);
    CHECK(lo < typ);
    CHECK(typ < hi);
    CHECK(lo > fiber_floor_rtt_ms(5000));
    const auto cal = m->calibration();
    CHECK(cal.size() == calibration_pairs().size());
    int inside = 0;
    for (const auto& c : cal) inside += c.inside;
    CHECK(test::metric(*m, "calibration_inside_pct") == doctest::Approx(100.0 * inside / double(cal.size())));
    // Without cable routes, the detours fall out of the band.
    auto straight = test::run<LatencyModel>({{"routes", 0}}, 1 * dsviz::kSec);
    int inside_straight = 0;
    for (const auto& c : straight->calibration()) inside_straight += c.inside;
    CHECK(inside_straight < inside);
  }

  TEST_CASE("placement: the worst city's RTT, exact for small k, never worse with more sites") {
    const RttModel rm;
    std::vector<int> users, all;
    for (int i = 0; i < int(places().size()); ++i) {
      all.push_back(i);
      if (places()[i].kind == PlaceKind::City) users.push_back(i);
    }
    // k = 1 by hand: the site whose farthest city is nearest.
    double best = 1e18;
    for (int s : all) {
      double worst = 0;
      for (int u : users) worst = std::max(worst, estimate_rtt(rm, {places()[u].lat, places()[u].lon}, {places()[s].lat, places()[s].lon}).typical_ms);
      best = std::min(best, worst);
    }
    const Placement one = place_datacenters(rm, users, all, 1);
    CHECK(one.exact);
    CHECK(one.worst_ms == doctest::Approx(best));
    double prev = one.worst_ms;
    for (int k = 2; k <= 5; ++k) {
      const Placement p = place_datacenters(rm, users, all, k);
      CAPTURE(k);
      CHECK(p.sites.size() == size_t(k));
      CHECK(p.worst_ms <= prev + 1e-9);
      prev = p.worst_ms;
    }
    auto m = test::run<LatencyModel>({}, 1 * dsviz::kSec);
    const Placement& p = m->placement();
    CHECK(p.sites.size() == 3);
    CHECK(p.exact);
    // Better than the chapter's three (New York, London, Tokyo) for the world.
    const Placement chapter = place_datacenters(rm, users, {find_place("New York"), find_place("London"), find_place("Tokyo")}, 3);
    CHECK(p.worst_ms < chapter.worst_ms);
    m->use_placement();
    REQUIRE(m->datacenters().size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK(m->datacenters()[i].place == p.sites[i]);
    CHECK(m->check_invariants() == "");
  }

  TEST_CASE("what the scene's 'what to try' items promise") {
    const RttModel m;
    RttModel straight;
    straight.routes = false;
    CHECK(estimate_rtt(m, at("Frankfurt"), at("Tokyo")).typical_ms == doctest::Approx(218).epsilon(0.01));
    CHECK(estimate_rtt(straight, at("Frankfurt"), at("Tokyo")).typical_ms == doctest::Approx(123).epsilon(0.01));
    auto tight = test::run<LatencyModel>({{"budget_ms", 20}}, 1 * dsviz::kSec);
    CHECK(tight->budget_radius_km() == doctest::Approx(900).epsilon(0.01));
    auto placed = test::run<LatencyModel>({}, 1 * dsviz::kSec);
    std::vector<int> want = {find_place("New York"), find_place("Mumbai"), find_place("Sydney")};
    std::sort(want.begin(), want.end());
    CHECK(placed->placement().sites == want);
    CHECK(placed->placement().worst_ms == doctest::Approx(120).epsilon(0.01));
    std::vector<int> users;
    for (int i = 0; i < int(places().size()); ++i)
      if (places()[i].kind == PlaceKind::City) users.push_back(i);
    CHECK(place_datacenters(m, users, {find_place("New York"), find_place("London"), find_place("Tokyo")}, 3).worst_ms ==
          doctest::Approx(144).epsilon(0.01));
  }

  TEST_CASE("scrubbing replays the reader's moves and failures") {
    auto m = test::run<LatencyModel>({}, 2 * dsviz::kSec);
    m->move_user(48.8566, 2.3522);
    m->run_until(4 * dsviz::kSec);
    m->fail_datacenter(find_place("London"));
    m->run_until(6 * dsviz::kSec);
    const uint64_t hash = m->trace_hash();
    const auto answered = m->answered();
    m->replay_to(3 * dsviz::kSec);
    m->replay_to(6 * dsviz::kSec);
    CHECK(m->trace_hash() == hash);
    CHECK(m->answered() == answered);
    CHECK(m->target() == 0);  // New York, London being down
  }

  TEST_CASE("the embedded world map decodes to Natural Earth's land") {
    WorldMap map;
    std::string err;
    REQUIRE_MESSAGE(decode_world_map(dsviz_world_land_110m, dsviz_world_land_110m_size, map, &err), err);
    CHECK(map.rings.size() == 126);
    CHECK(map.points == 5123);
    size_t n = 0, holes = 0;
    for (const auto& r : map.rings) {
      n += r.points.size();
      holes += r.hole;
      CHECK(r.points.size() >= 4);
      CHECK(r.points.front().lon == r.points.back().lon);  // closed
    }
    CHECK(n == 5123);
    CHECK(holes == 1);
    CHECK(map.lon_min == doctest::Approx(-180).epsilon(1e-6));
    CHECK(map.lon_max == doctest::Approx(180).epsilon(1e-6));
    CHECK(map.lat_min == doctest::Approx(-85.609).epsilon(0.0005));  // Antarctica's edge in land-110m
    CHECK(map.lat_max == doctest::Approx(83.645).epsilon(0.0005));   // northern Greenland
    // Coastlines where they belong.
    for (const char* city : {"London", "Tokyo", "Sao Paulo", "Johannesburg", "Denver", "Delhi"}) {
      CAPTURE(city);
      CHECK(on_land(map, at(city).lat, at(city).lon));
    }
    CHECK_FALSE(on_land(map, 35, -40));    // mid-Atlantic
    CHECK_FALSE(on_land(map, 0, -150));    // mid-Pacific
    CHECK_FALSE(on_land(map, -20, 80));    // Indian Ocean
    // Drawing lines never jump across the antimeridian.
    size_t line_points = 0;
    for (const auto& line : map_polylines(map)) {
      line_points += line.size();
      for (size_t i = 1; i < line.size(); ++i) CHECK(std::fabs(line[i].lon - line[i - 1].lon) <= 180);
    }
    CHECK(line_points <= 5123);
    CHECK(line_points > 5100);  // only lone points between two jumps are dropped
  }

  TEST_CASE("a damaged map asset is refused with one line") {
    std::vector<unsigned char> bytes(dsviz_world_land_110m, dsviz_world_land_110m + dsviz_world_land_110m_size);
    WorldMap map;
    std::string err;
    CHECK_FALSE(decode_world_map(bytes.data(), bytes.size() - 3, map, &err));  // truncated
    CHECK(err.find("world map") != std::string::npos);
    CHECK(map.rings.empty());
    auto extra = bytes;
    extra.push_back(0);
    CHECK_FALSE(decode_world_map(extra.data(), extra.size(), map, &err));
    auto bad = bytes;
    bad[0] = 'X';
    CHECK_FALSE(decode_world_map(bad.data(), bad.size(), map, &err));
    auto version = bytes;
    version[4] = 9;
    CHECK_FALSE(decode_world_map(version.data(), version.size(), map, &err));
    CHECK_FALSE(decode_world_map(nullptr, 0, map, &err));
  }
}
