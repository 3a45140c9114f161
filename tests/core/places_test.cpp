// The latency scene's places against the map they are drawn on: every city
// and cloud region stands on Natural Earth's land (1:110m), or on its coast
// within a few tens of kilometres, so a swapped sign or a typo in a
// coordinate (which moves a place by hundreds or thousands of km, most often
// into a sea) fails here. Each row also names where its coordinates come
// from.
#include <doctest.h>

#include <cmath>
#include <string>

#include "geo.h"
#include "map_data.h"
#include "places.h"
#include "worldmap.h"

using namespace dsviz;

namespace {

double wrap(double d) {
  while (d > 180) d -= 360;
  while (d <= -180) d += 360;
  return d;
}

// Even-odd along the meridian from the point to the north pole, so rings
// cut at the antimeridian and rings around the south pole count right.
bool on_land(const WorldMap& map, double lat, double lon) {
  bool inside = false;
  for (const MapRing& ring : map.rings) {
    bool in = false;
    for (size_t i = 0; i + 1 < ring.points.size(); ++i) {
      const LonLat a = ring.points[i], b = ring.points[i + 1];
      const double da = wrap(a.lon - lon), db = wrap(b.lon - lon);
      if ((da < 0) == (db < 0) || std::fabs(da - db) >= 180) continue;
      const double cross_lat = a.lat + (b.lat - a.lat) * (da / (da - db));
      if (cross_lat > lat) in = !in;
    }
    if (in) inside = !inside;  // a lake inside land flips back
  }
  return inside;
}

double coast_km(const WorldMap& map, double lat, double lon) {
  double best = 1e9;
  for (const MapRing& ring : map.rings)
    for (const LonLat& p : ring.points) best = std::min(best, great_circle_km(lat, lon, p.lat, p.lon));
  return best;
}

}  // namespace

TEST_SUITE("places") {
  TEST_CASE("every place is on land, or on the coast of the 1:110m map") {
    WorldMap map;
    std::string err;
    REQUIRE_MESSAGE(decode_world_map(dsviz_world_land_110m, dsviz_world_land_110m_size, map, &err), err);
    // The check itself: known land and known sea.
    CHECK(on_land(map, 48.86, 2.35));     // Paris
    CHECK(on_land(map, 64.73, 177.51));   // Anadyr, on Eurasia's ring cut at 180
    CHECK(on_land(map, -80, 0));          // Antarctica, around the pole
    CHECK_FALSE(on_land(map, 0, -140));   // the Pacific
    CHECK_FALSE(on_land(map, 40, -40));   // the Atlantic
    CHECK_FALSE(on_land(map, -40, 90));   // the Indian Ocean
    for (const Place& p : places()) {
      CAPTURE(p.name);
      CHECK(std::string(p.source).size() > 10);
      const bool land = on_land(map, p.lat, p.lon);
      const double km = coast_km(map, p.lat, p.lon);
      CAPTURE(km);
      // Coastal cities may fall just offshore of a coastline drawn with a
      // vertex every ~50-100 km; Honolulu's Oahu is too small for 1:110m.
      const double allowed = std::string(p.name) == "Honolulu" ? 300 : 80;
      CHECK((land || km < allowed));
    }
  }
}
