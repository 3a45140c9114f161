#include "places.h"

#include "detmath.h"

namespace dsviz {
namespace {

using R = Region;
constexpr PlaceKind kCity = PlaceKind::City, kCloud = PlaceKind::CloudRegion;
// Sources of the coordinates.
constexpr const char* kFacts = "FACTS.md (city coordinates)";
// City centres as the common geocoders give them (4 decimals). On
// 2026-11-26 a sample (Washington, Dublin, Pune, Montreal, Atlanta, Denver,
// Mexico City, Boardman, Manama) was checked against public pages and agreed
// within ~2 km; the others were not looked up one by one.
// tests/core/places_test.cpp checks each stands on the map's land.
constexpr const char* kCentre = "city centre (geocoded, 4 decimals)";

struct Vec3 {
  double x, y, z;
};
Vec3 unit(double lat, double lon) {
  const double p = dm::deg2rad(lat), l = dm::deg2rad(lon);
  const double c = dm::cos(p);
  return {c * dm::cos(l), c * dm::sin(l), dm::sin(p)};
}

struct Anchor {
  Vec3 v;
  Region region;
};
// Every place and hub as a unit vector, computed once: region_at() is called
// for every cell of a latency grid.
const std::vector<Anchor>& anchors() {
  static const std::vector<Anchor> table = [] {
    std::vector<Anchor> t;
    for (const Place& p : places()) t.push_back({unit(p.lat, p.lon), p.region});
    for (const Hub& h : hubs()) t.push_back({unit(h.lat, h.lon), h.region});
    return t;
  }();
  return table;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

}  // namespace

const char* region_name(Region r) {
  switch (r) {
    case R::NorthAmerica: return "North America";
    case R::SouthAmerica: return "South America";
    case R::Europe: return "Europe";
    case R::Africa: return "Africa";
    case R::MiddleEast: return "Middle East";
    case R::SouthAsia: return "South Asia";
    case R::Asia: return "East and Southeast Asia";
    case R::Oceania: return "Oceania";
    case R::Pacific: return "Pacific islands";
  }
  return "?";
}

const std::vector<Place>& places() {
  static const std::vector<Place> table = {
      // FACTS.md's cities, in its order (Ashburn is the campus of AWS
      // us-east-1 / "N. Virginia", the busiest cloud region).
      {"New York", "NYC", 40.7128, -74.0060, kCity, R::NorthAmerica, kFacts},
      {"Ashburn", "IAD", 39.0438, -77.4874, kCloud, R::NorthAmerica, kFacts},
      {"Chicago", "CHI", 41.8781, -87.6298, kCity, R::NorthAmerica, kFacts},
      {"Dallas", "DFW", 32.7767, -96.7970, kCity, R::NorthAmerica, kFacts},
      {"San Francisco", "SFO", 37.7749, -122.4194, kCity, R::NorthAmerica, kFacts},
      {"Los Angeles", "LAX", 34.0522, -118.2437, kCity, R::NorthAmerica, kFacts},
      {"Seattle", "SEA", 47.6062, -122.3321, kCity, R::NorthAmerica, kFacts},
      {"Toronto", "YYZ", 43.6532, -79.3832, kCity, R::NorthAmerica, kFacts},
      {"Miami", "MIA", 25.7617, -80.1918, kCity, R::NorthAmerica, kFacts},
      {"Sao Paulo", "GRU", -23.5505, -46.6333, kCity, R::SouthAmerica, kFacts},
      {"London", "LON", 51.5074, -0.1278, kCity, R::Europe, kFacts},
      {"Frankfurt", "FRA", 50.1109, 8.6821, kCity, R::Europe, kFacts},
      {"Amsterdam", "AMS", 52.3676, 4.9041, kCity, R::Europe, kFacts},
      {"Paris", "PAR", 48.8566, 2.3522, kCity, R::Europe, kFacts},
      {"Madrid", "MAD", 40.4168, -3.7038, kCity, R::Europe, kFacts},
      {"Tokyo", "TYO", 35.6762, 139.6503, kCity, R::Asia, kFacts},
      {"Osaka", "OSA", 34.6937, 135.5023, kCity, R::Asia, kFacts},
      {"Seoul", "SEL", 37.5665, 126.9780, kCity, R::Asia, kFacts},
      {"Hong Kong", "HKG", 22.3193, 114.1694, kCity, R::Asia, kFacts},
      {"Singapore", "SIN", 1.3521, 103.8198, kCity, R::Asia, kFacts},
      {"Mumbai", "BOM", 19.0760, 72.8777, kCity, R::SouthAsia, kFacts},
      {"Sydney", "SYD", -33.8688, 151.2093, kCity, R::Oceania, kFacts},
      {"Dubai", "DXB", 25.2048, 55.2708, kCity, R::MiddleEast, kFacts},
      {"Johannesburg", "JNB", -26.2041, 28.0473, kCity, R::Africa, kFacts},
      // Endpoints of FACTS.md's other measured pairs (IBM Cloud, Azure).
      {"Washington", "WAS", 38.9072, -77.0369, kCity, R::NorthAmerica, kCentre},
      {"Dublin", "DUB", 53.3498, -6.2603, kCity, R::Europe, kCentre},
      {"Pune", "PNQ", 18.5204, 73.8567, kCloud, R::SouthAsia,
       "Azure Central India is in Pune (Azure's region list: 18.58, 73.92); Pune city centre, Wikipedia 18.5203, 73.8567"},
      // More cities, so every inhabited continent has several.
      {"Montreal", "YUL", 45.5017, -73.5673, kCity, R::NorthAmerica, kCentre},
      {"Atlanta", "ATL", 33.7490, -84.3880, kCity, R::NorthAmerica, kCentre},
      {"Denver", "DEN", 39.7392, -104.9903, kCity, R::NorthAmerica, kCentre},
      {"Mexico City", "MEX", 19.4326, -99.1332, kCity, R::NorthAmerica, kCentre},
      {"Bogota", "BOG", 4.7110, -74.0721, kCity, R::SouthAmerica, kCentre},
      {"Santiago", "SCL", -33.4489, -70.6693, kCity, R::SouthAmerica, kCentre},
      {"Buenos Aires", "EZE", -34.6037, -58.3816, kCity, R::SouthAmerica, kCentre},
      {"Stockholm", "STO", 59.3293, 18.0686, kCity, R::Europe, kCentre},
      {"Warsaw", "WAW", 52.2297, 21.0122, kCity, R::Europe, kCentre},
      {"Milan", "MIL", 45.4642, 9.1900, kCity, R::Europe, kCentre},
      {"Istanbul", "IST", 41.0082, 28.9784, kCity, R::Europe, kCentre},
      {"Cairo", "CAI", 30.0444, 31.2357, kCity, R::MiddleEast, kCentre},
      {"Tel Aviv", "TLV", 32.0853, 34.7818, kCity, R::MiddleEast, kCentre},
      {"Lagos", "LOS", 6.5244, 3.3792, kCity, R::Africa, kCentre},
      {"Nairobi", "NBO", -1.2921, 36.8219, kCity, R::Africa, kCentre},
      {"Cape Town", "CPT", -33.9249, 18.4241, kCity, R::Africa, kCentre},  // also AWS af-south-1
      {"Delhi", "DEL", 28.6139, 77.2090, kCity, R::SouthAsia, kCentre},
      {"Chennai", "MAA", 13.0827, 80.2707, kCity, R::SouthAsia, kCentre},
      {"Shanghai", "SHA", 31.2304, 121.4737, kCity, R::Asia, kCentre},
      {"Taipei", "TPE", 25.0330, 121.5654, kCity, R::Asia, kCentre},
      {"Manila", "MNL", 14.5995, 120.9842, kCity, R::Asia, kCentre},
      {"Jakarta", "CGK", -6.2088, 106.8456, kCity, R::Asia, kCentre},
      {"Melbourne", "MEL", -37.8136, 144.9631, kCity, R::Oceania, kCentre},
      {"Auckland", "AKL", -36.8485, 174.7633, kCity, R::Oceania, kCentre},
      {"Honolulu", "HNL", 21.3069, -157.8583, kCity, R::Pacific, kCentre},
      // Cloud regions whose campuses sit outside the big cities.
      {"Oregon", "PDX", 45.8399, -119.7006, kCloud, R::NorthAmerica,
       "AWS us-west-2's campuses are at Boardman and Umatilla; Boardman, Wikipedia 45.8397, -119.7006"},
      {"Iowa", "IOW", 41.2619, -95.8608, kCloud, R::NorthAmerica,
       "Google us-central1 is at Council Bluffs (Google's data center list); Council Bluffs, Wikipedia 41.261, -95.861"},
      {"Ohio", "CMH", 39.9612, -82.9988, kCloud, R::NorthAmerica,
       "AWS us-east-2's campuses are around Columbus (Dublin, Hilliard, New Albany); Columbus city centre, geocoded"},
      {"Eemshaven", "EEM", 53.4386, 6.8347, kCloud, R::Europe,
       "Google europe-west4 is at Eemshaven (Google's data center list); Eemshaven, Wikipedia 53.43, 6.83 (53 26 N, 6 50 E)"},
      {"St. Ghislain", "BEL", 50.4500, 3.8170, kCloud, R::Europe,
       "Google europe-west1 is at Saint-Ghislain (Google's data center list); Saint-Ghislain, Wikipedia 50.450, 3.817"},
      {"Hamina", "HAM", 60.5697, 27.1981, kCloud, R::Europe,
       "Google europe-north1 is at Hamina (Google's data center page); Hamina, Wikipedia 60.57, 27.20 (60 34 N, 27 12 E)"},
      {"Bahrain", "BAH", 26.2233, 50.5875, kCloud, R::MiddleEast,
       "AWS me-south-1 (Bahrain) names no town: Manama, the capital, Wikipedia 26.2233, 50.5875"},
  };
  return table;
}

int find_place(std::string_view name) {
  const auto& t = places();
  for (size_t i = 0; i < t.size(); ++i)
    if (same_ignoring_case(name, t[i].name) || same_ignoring_case(name, t[i].short_name)) return int(i);
  return -1;
}

// Landings (or the backhaul hub behind several) of the cables below, city
// or town centres rounded to 0.01 degree (Wikipedia; the cable systems'
// landing lists on submarinecablemap.com name the towns).
const std::vector<Hub>& hubs() {
  static const std::vector<Hub> table = {
      {"New York", 40.71, -74.01, R::NorthAmerica},        // 0
      {"Virginia Beach", 36.85, -75.98, R::NorthAmerica},  // 1
      {"Miami", 25.76, -80.19, R::NorthAmerica},           // 2
      {"Los Angeles", 34.05, -118.24, R::NorthAmerica},    // 3
      {"Bandon (Oregon)", 43.12, -124.41, R::NorthAmerica},// 4
      {"Fortaleza", -3.73, -38.52, R::SouthAmerica},       // 5
      {"Cartagena", 10.39, -75.51, R::SouthAmerica},       // 6
      {"Valparaiso", -33.05, -71.62, R::SouthAmerica},     // 7
      {"London", 51.51, -0.13, R::Europe},                 // 8 (backhaul of the Cornwall landings)
      {"Bilbao", 43.26, -2.93, R::Europe},                 // 9
      {"Lisbon", 38.72, -9.14, R::Europe},                 // 10
      {"Marseille", 43.30, 5.37, R::Europe},               // 11
      {"Dakar", 14.72, -17.47, R::Africa},                 // 12
      {"Lagos", 6.52, 3.38, R::Africa},                    // 13
      {"Luanda", -8.84, 13.23, R::Africa},                 // 14
      {"Cape Town", -33.92, 18.42, R::Africa},             // 15
      {"Mombasa", -4.04, 39.67, R::Africa},                // 16
      {"Djibouti", 11.59, 43.15, R::Africa},               // 17
      {"Alexandria", 31.20, 29.92, R::MiddleEast},         // 18
      {"Suez", 29.97, 32.55, R::MiddleEast},               // 19
      {"Fujairah", 25.13, 56.33, R::MiddleEast},           // 20
      {"Mumbai", 19.08, 72.88, R::SouthAsia},              // 21
      {"Chennai", 13.08, 80.27, R::SouthAsia},             // 22
      {"Singapore", 1.35, 103.82, R::Asia},                // 23
      {"Hong Kong", 22.32, 114.17, R::Asia},               // 24
      {"Tokyo", 35.68, 139.65, R::Asia},                   // 25 (backhaul of the Chiba and Mie landings)
      {"Guam", 13.44, 144.79, R::Pacific},                 // 26
      {"Honolulu", 21.31, -157.86, R::Pacific},            // 27
      {"Sydney", -33.87, 151.21, R::Oceania},              // 28
      {"Perth", -31.95, 115.86, R::Oceania},               // 29
      {"Dublin", 53.35, -6.26, R::Europe},                 // 30 (backhaul of the Irish landings)
  };
  return table;
}

// The major systems between regions (public cable maps). Left out on
// purpose: EllaLink (Brazil-Portugal, 2021): FACTS.md's measured Sao
// Paulo-London round trip (187 ms) shows cloud traffic still going through
// the United States; and any Arctic route (none is lit).
const std::vector<Cable>& cables() {
  static const std::vector<Cable> table = {
      {0, 8, "TAT-14, Apollo, Grace Hopper (New York-UK)"},
      {0, 30, "AEC-1, Havfrue (New York-Ireland)"},
      {1, 9, "MAREA (Virginia Beach-Bilbao)"},
      {2, 5, "Monet, GlobeNet (Florida-Fortaleza)"},
      {2, 6, "Maya-1, ARCOS (Florida-Colombia)"},
      {3, 7, "Curie (Los Angeles-Valparaiso)"},
      {5, 14, "SACS (Fortaleza-Luanda)"},
      {10, 12, "WACS, SAT-3 (Portugal-West Africa)"},
      {12, 13, "WACS, SAT-3"},
      {13, 14, "WACS, SAT-3"},
      {14, 15, "WACS, SAT-3 (to South Africa)"},
      {16, 17, "EASSy, SEACOM (East Africa-Djibouti)"},
      {17, 19, "SEA-ME-WE, AAE-1 (Red Sea)"},
      {18, 11, "SEA-ME-WE, AAE-1 (Egypt-Marseille)"},
      {17, 21, "SEA-ME-WE 4 (Djibouti-Mumbai)"},
      {17, 20, "AAE-1 (Djibouti-Gulf of Oman)"},
      {20, 21, "Falcon, MENA (Gulf-Mumbai)"},
      {22, 23, "SEA-ME-WE 4/5 (Chennai-Singapore)"},
      {4, 25, "FASTER (Oregon-Japan)"},
      {3, 25, "JUPITER (Los Angeles-Japan)"},
      {3, 27, "Southern Cross (California-Hawaii)"},
      {27, 28, "Southern Cross (Hawaii-Sydney)"},
      {25, 26, "JGA-N (Japan-Guam)"},
      {26, 28, "JGA-S (Guam-Sydney)"},
      {23, 29, "INDIGO-West (Singapore-Perth)"},
  };
  return table;
}

Region region_at(double lat, double lon) {
  const Vec3 u = unit(lat, lon);
  const auto& a = anchors();
  double best = -2;
  Region r = a.front().region;
  for (const Anchor& x : a) {
    const double d = u.x * x.v.x + u.y * x.v.y + u.z * x.v.z;  // cosine of the angle: largest is nearest
    if (d > best) best = d, r = x.region;
  }
  return r;
}

}  // namespace dsviz
