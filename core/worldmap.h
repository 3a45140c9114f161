// The world map's coastlines: decodes the compact asset that
// assets/map/make-map.mjs builds from Natural Earth land (format described
// there) into rings of lon/lat points. Pure: bytes in, rings out.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dsviz {

struct LonLat {
  float lon, lat;  // degrees; lon in [-180, 180], lat in [-90, 90]
};

struct MapRing {
  bool hole = false;          // a hole in the polygon of the ring before it
  std::vector<LonLat> points; // closed: the last point repeats the first
};

struct WorldMap {
  std::vector<MapRing> rings;
  size_t points = 0;  // over all rings
  float lon_min = 0, lon_max = 0, lat_min = 0, lat_max = 0;  // bounds of every point
};

// Decodes the asset. On malformed input returns false and fills `error`
// with one line (and leaves `out` empty).
bool decode_world_map(const unsigned char* data, size_t size, WorldMap& out, std::string* error = nullptr);

// For drawing: each ring as polylines that never jump across the
// antimeridian (the ring is split where consecutive points are more than
// 180 degrees of longitude apart).
std::vector<std::vector<LonLat>> map_polylines(const WorldMap& map);

}  // namespace dsviz
