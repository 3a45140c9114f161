// Geographic latency: great-circle distance between coordinates, stretched by
// a route-inflation factor (real fiber paths are longer than great circles),
// at the speed of light in fiber, plus a fixed per-hop cost. Sources and
// calibration pairs: ../shared/docs/FACTS.md.
#pragma once
#include <string_view>
#include <vector>

#include "vtime.h"

namespace dsviz {

struct City {
  const char* name;
  double lat, lon;  // degrees
};
const std::vector<City>& cities();  // FACTS.md's table
const City* find_city(std::string_view name);

// Haversine on a sphere of the Earth's mean radius, 6,371.0088 km.
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

struct GeoLatencyModel {
  // Light in standard single-mode fiber (group index ~1.468): ~204,000 km/s.
  double fiber_km_per_s = 204000;
  // Path length / great-circle distance: 1.2 is a typical cloud backbone
  // (measured 1.2-1.6x); 2.1 is the public internet's median.
  double route_inflation = 1.2;
  // Fixed one-way cost per hop: access network, switching, serialisation.
  Time per_hop = 5 * kMs;
  int hops = 1;

  Time one_way(double km) const;
  Time round_trip(double km) const { return 2 * one_way(km); }
  Time one_way(const City& a, const City& b) const;
  // The physical floor: straight-line fiber, no hops, one way.
  Time fiber_floor(double km) const;
};

// [SECTION] Round trips for the latency scene ------------------------------
// The model, per pair of points (all in milliseconds of round trip):
//   floor    = 2 x great-circle km / 204,000 km/s      light in fiber, straight
//   route km = great circle inside one region; between regions, the shortest
//              way over the submarine cables in places.h (a detour: Europe to
//              Japan goes by Suez or by America, never over Siberia)
//   typical  = inflation x 2 x route km / 204,000 km/s + fixed
//   band     = [typical - (10 % of the route floor + 5 ms),
//               typical + (35 % of the route floor + 1.5 ms)], never below the floor
// inflation (1.25) stands for what the routes leave out (cables follow
// coasts, backbones follow roads and rails); fixed (9 ms) for the access
// network, switching and the server's own handling, paid once per round trip.
// Calibration (geo.cpp, calibration_pairs()): with the band's slopes and
// offsets fixed, inflation and fixed were chosen so that the typical value of
// the two long FACTS.md pairs (New York/Virginia-London 75-79 ms,
// -Tokyo 139-164 ms) falls inside their measured ranges and a user next to
// a datacenter sees about 10 ms, as in the chapter; the band's width was then
// set as narrow as lets the measured range of most FACTS.md pairs lie inside
// it, while staying under 1.75x (high/low) beyond 1,000 km.

constexpr double kFiberKmPerS = 204000;  // group index ~1.468 at 1550 nm

struct GeoPoint {
  double lat = 0, lon = 0;  // degrees
};

// Round trip over straight fiber: 2 x km / 204,000 km/s, in ms.
double fiber_floor_rtt_ms(double km);
// The point a fraction f (0..1) of the way along the great circle a -> b.
GeoPoint great_circle_point(GeoPoint a, GeoPoint b, double f);

struct RttModel {
  double inflation = 1.25;  // typical fiber path length / route length
  double fixed_ms = 9;      // access + processing per round trip
  bool routes = true;       // false: every path follows the great circle
  // The band's width around the typical value (see above).
  double below_floor_frac = 0.10, below_ms = 5;
  double above_floor_frac = 0.35, above_ms = 1.5;
};

struct RttEstimate {
  double distance_km = 0;     // great circle
  double route_km = 0;        // >= distance_km
  double floor_ms = 0;        // 2 x distance_km / fiber speed
  double route_floor_ms = 0;  // 2 x route_km / fiber speed
  double low_ms = 0, typical_ms = 0, high_ms = 0;
};

// Routes from one origin, prepared once (distances to every cable hub) so
// that many destinations (a grid, every place) cost little each.
class RouteOrigin {
 public:
  RouteOrigin(GeoPoint from, bool routes = true);
  GeoPoint from() const { return from_; }
  double km_to(GeoPoint to) const;
  // The route's corners: from, the hubs passed, to (just from, to when the
  // great circle is the route). Each leg is a great-circle arc.
  std::vector<GeoPoint> path_to(GeoPoint to) const;

 private:
  int best_hub(GeoPoint to, double* km) const;  // last hub before `to`; -1: direct
  GeoPoint from_;
  bool routes_;
  int region_;
  std::vector<double> to_hub_km_;  // shortest km from `from` to each hub
  std::vector<int> first_hub_;     // the hub where that route leaves from's region
};

RttEstimate estimate_rtt(const RttModel& m, const RouteOrigin& from, GeoPoint to);
RttEstimate estimate_rtt(const RttModel& m, GeoPoint a, GeoPoint b);
// The band around a typical value, for a route of this floor (ms).
void rtt_band(const RttModel& m, double floor_ms, double route_floor_ms, double typical_ms, double& low_ms, double& high_ms);
// Great-circle km reachable within a round-trip budget when the route is the
// great circle (no detour): (budget - fixed) x fiber speed / (2 x inflation).
double reach_km(const RttModel& m, double budget_ms);

// A measured round trip between two places of places(), FACTS.md.
struct CalibrationPair {
  int a, b;  // place indices
  double measured_low_ms, measured_high_ms;
  const char* source;
};
const std::vector<CalibrationPair>& calibration_pairs();

// "Place k datacenters to minimise the worst user RTT": the sites among
// `candidates` (place indices) minimising the largest typical RTT from any
// of `users` to its nearest site. Exact (every combination) while there are
// at most 200,000 combinations; beyond, the exact optimum for the largest
// such k' < k, then greedy additions and single swaps until none helps.
struct Placement {
  std::vector<int> sites;  // place indices, ascending
  double worst_ms = 0;     // the largest user-to-nearest-site typical RTT
  int worst_user = -1;     // the place index of that user
  bool exact = false;
};
Placement place_datacenters(const RttModel& m, const std::vector<int>& users, const std::vector<int>& candidates, int k);

}  // namespace dsviz
