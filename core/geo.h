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

}  // namespace dsviz
