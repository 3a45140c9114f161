#include "geo.h"

#include "detmath.h"

namespace dsviz {

const std::vector<City>& cities() {
  static const std::vector<City> table = {
      {"New York", 40.7128, -74.0060},     {"Ashburn", 39.0438, -77.4874},
      {"Chicago", 41.8781, -87.6298},      {"Dallas", 32.7767, -96.7970},
      {"San Francisco", 37.7749, -122.4194}, {"Los Angeles", 34.0522, -118.2437},
      {"Seattle", 47.6062, -122.3321},     {"Toronto", 43.6532, -79.3832},
      {"Miami", 25.7617, -80.1918},        {"Sao Paulo", -23.5505, -46.6333},
      {"London", 51.5074, -0.1278},        {"Frankfurt", 50.1109, 8.6821},
      {"Amsterdam", 52.3676, 4.9041},      {"Paris", 48.8566, 2.3522},
      {"Madrid", 40.4168, -3.7038},        {"Tokyo", 35.6762, 139.6503},
      {"Osaka", 34.6937, 135.5023},        {"Seoul", 37.5665, 126.9780},
      {"Hong Kong", 22.3193, 114.1694},    {"Singapore", 1.3521, 103.8198},
      {"Mumbai", 19.0760, 72.8777},        {"Sydney", -33.8688, 151.2093},
      {"Dubai", 25.2048, 55.2708},         {"Johannesburg", -26.2041, 28.0473},
  };
  return table;
}

const City* find_city(std::string_view name) {
  for (const auto& c : cities())
    if (name == c.name) return &c;
  return nullptr;
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = dm::deg2rad(lat1), p2 = dm::deg2rad(lat2);
  const double dp = p2 - p1, dl = dm::deg2rad(lon2 - lon1);
  const double s1 = dm::sin(dp / 2), s2 = dm::sin(dl / 2);
  double h = s1 * s1 + dm::cos(p1) * dm::cos(p2) * s2 * s2;
  if (h > 1) h = 1;
  return 2 * 6371.0088 * dm::atan2(dm::sqrt(h), dm::sqrt(1 - h));
}

Time GeoLatencyModel::fiber_floor(double km) const { return from_s(km / fiber_km_per_s); }

Time GeoLatencyModel::one_way(double km) const {
  return from_s(km * route_inflation / fiber_km_per_s) + per_hop * hops;
}

Time GeoLatencyModel::one_way(const City& a, const City& b) const {
  return one_way(great_circle_km(a.lat, a.lon, b.lat, b.lon));
}

}  // namespace dsviz
