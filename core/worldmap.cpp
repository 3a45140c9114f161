#include "worldmap.h"

#include <cstring>

namespace dsviz {
namespace {

struct Reader {
  const unsigned char* p;
  const unsigned char* end;
  bool ok = true;

  uint32_t u(int bytes) {
    if (end - p < bytes) return ok = false, 0;
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint32_t(p[i]) << (8 * i);
    p += bytes;
    return v;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (p == end) return ok = false, 0;
      const unsigned char b = *p++;
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return ok = false, 0;  // longer than any value the format holds
  }
  int64_t zigzag() {
    const uint64_t z = varint();
    return (z & 1) ? -int64_t(z >> 1) - 1 : int64_t(z >> 1);
  }
};

bool fail(std::string* error, const char* what, WorldMap& out) {
  if (error) *error = std::string("world map asset: ") + what;
  out = WorldMap{};
  return false;
}

}  // namespace

bool decode_world_map(const unsigned char* data, size_t size, WorldMap& out, std::string* error) {
  out = WorldMap{};
  if (!data || size < 16 || std::memcmp(data, "DSVM", 4) != 0) return fail(error, "not a DSVM file", out);
  Reader r{data + 4, data + size};
  const uint32_t version = r.u(1);
  r.u(1);
  const uint32_t units = r.u(2);
  const uint32_t rings = r.u(4);
  const uint32_t points = r.u(4);
  if (version != 1) return fail(error, "unknown version", out);
  if (units == 0) return fail(error, "zero units per degree", out);
  // Every point takes at least two bytes: a cheap bound before reserving.
  if (rings > size || points > size / 2) return fail(error, "counts larger than the file", out);
  const int64_t lon_limit = 180 * int64_t(units), lat_limit = 90 * int64_t(units);
  const float scale = 1.0f / float(units);
  out.rings.reserve(rings);
  bool first = true;
  for (uint32_t i = 0; i < rings; ++i) {
    const uint64_t head = r.varint();
    const uint64_t n = head >> 1;
    if (!r.ok || n > points - out.points) return fail(error, "ring longer than the point count", out);
    MapRing ring;
    ring.hole = head & 1;
    ring.points.reserve(n);
    int64_t x = 0, y = 0;
    for (uint64_t k = 0; k < n; ++k) {
      x += r.zigzag();
      y += r.zigzag();
      if (!r.ok) return fail(error, "truncated", out);
      if (x < -lon_limit || x > lon_limit || y < -lat_limit || y > lat_limit) return fail(error, "coordinate out of range", out);
      const LonLat p{float(x) * scale, float(y) * scale};
      ring.points.push_back(p);
      if (first || p.lon < out.lon_min) out.lon_min = p.lon;
      if (first || p.lon > out.lon_max) out.lon_max = p.lon;
      if (first || p.lat < out.lat_min) out.lat_min = p.lat;
      if (first || p.lat > out.lat_max) out.lat_max = p.lat;
      first = false;
    }
    out.points += n;
    out.rings.push_back(std::move(ring));
  }
  if (out.points != points) return fail(error, "point count does not match the header", out);
  if (r.p != r.end) return fail(error, "bytes after the last ring", out);
  return true;
}

std::vector<std::vector<LonLat>> map_polylines(const WorldMap& map) {
  std::vector<std::vector<LonLat>> lines;
  for (const auto& ring : map.rings) {
    std::vector<LonLat> cur;
    for (const auto& p : ring.points) {
      if (!cur.empty() && (p.lon - cur.back().lon > 180 || cur.back().lon - p.lon > 180)) {
        if (cur.size() > 1) lines.push_back(std::move(cur));
        cur.clear();
      }
      cur.push_back(p);
    }
    if (cur.size() > 1) lines.push_back(std::move(cur));
  }
  return lines;
}

}  // namespace dsviz
