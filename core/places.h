// Where people and datacenters are: the latency scene's table of cities and
// cloud regions, and the submarine-cable landings and cables its route graph
// runs over (core/geo.h). Coordinates in degrees; sources beside each row.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace dsviz {

// Landmasses joined by terrestrial fiber. Traffic between two regions must
// take a submarine cable (a Cable below); inside one it is modelled as
// following the great circle.
enum class Region : uint8_t { NorthAmerica, SouthAmerica, Europe, Africa, MiddleEast, SouthAsia, Asia, Oceania, Pacific };
const char* region_name(Region r);

enum class PlaceKind : uint8_t {
  City,         // where users are (and a datacenter may be)
  CloudRegion,  // a datacenter campus named after a cloud region, not a population
};

struct Place {
  const char* name;        // "New York"
  const char* short_name;  // "NYC": for labels on a small map
  double lat, lon;         // degrees, city centre or campus
  PlaceKind kind;
  Region region;
  const char* source;      // where the coordinates come from
};

// At least 40 places: the cities of ../shared/docs/FACTS.md first (in its
// order), then more cities and cloud regions. Indices are stable: scenes and
// commands refer to places by index.
const std::vector<Place>& places();
// By name or short name, ignoring case; -1 when unknown.
int find_place(std::string_view name);

// A submarine-cable landing (or the backhaul hub behind it).
struct Hub {
  const char* name;
  double lat, lon;
  Region region;
};
// A cable system between two hubs, modelled as their great circle.
struct Cable {
  uint8_t a, b;      // indices into hubs()
  const char* name;  // the systems on that route
};
const std::vector<Hub>& hubs();
const std::vector<Cable>& cables();

// The region a point belongs to: that of the nearest place or hub.
Region region_at(double lat, double lon);

}  // namespace dsviz
