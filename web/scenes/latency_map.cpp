#include "latency_map.h"

#include <algorithm>
#include <cmath>

#include "map_data.h"
#include "worldmap.h"

namespace dsviz::ui {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180;
// Natural Earth's coefficients: x = lon * (A0 + A1 p^2 + A2 p^4 + A3 p^10 + A4 p^12),
// y = lat * (B0 + B1 p^2 + B2 p^6 + B3 p^8 + B4 p^10), p the latitude in radians.
constexpr double A0 = 0.8707, A1 = -0.131979, A2 = -0.013791, A3 = 0.003971, A4 = -0.001529;
constexpr double B0 = 1.007226, B1 = 0.015085, B2 = -0.044475, B3 = 0.028874, B4 = -0.005916;
// Zoom 1 frames the latitudes people live at: Antarctica stays below.
constexpr double kTopLat = 84, kBottomLat = -58;
constexpr float kMaxZoom = 16;

double x_factor(double p) {
  const double p2 = p * p, p4 = p2 * p2;
  return A0 + A1 * p2 + p4 * (A2 + p4 * (A3 * p2 + A4 * p4));
}
double y_of(double p) {
  const double p2 = p * p, p4 = p2 * p2;
  return p * (B0 + p2 * (B1 + p4 * (B2 + B3 * p2 + B4 * p4)));
}

bool box_off(const ImVec4& bx, MapXY lo, MapXY hi) { return bx.z < lo.x || bx.x > hi.x || bx.w < lo.y || bx.y > hi.y; }

float cross(MapXY a, MapXY b, MapXY c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

// Ear clipping of a simple polygon (no repeated closing point). Gives up on
// what is left if no ear is found (a self-touching ring): the coastline
// stroke still draws it. Only a vertex that is not convex can lie inside a
// candidate ear, so only those are tested: the ones in the grid cells the
// ear's box touches. Testing every vertex of every ear made the land's first
// frame cost ~150 ms as wasm.
std::vector<MapXY> triangulate(std::vector<MapXY> p) {
  std::vector<MapXY> out;
  const int n0 = int(p.size());
  if (n0 < 3) return out;
  double area = 0;
  for (int i = 0; i < n0; ++i) area += cross(MapXY{}, p[size_t(i)], p[size_t((i + 1) % n0)]);
  if (area < 0) std::reverse(p.begin(), p.end());  // counter-clockwise (y up)
  std::vector<int> prev(static_cast<size_t>(n0)), next(static_cast<size_t>(n0));
  for (int i = 0; i < n0; ++i) {
    prev[size_t(i)] = (i + n0 - 1) % n0;
    next[size_t(i)] = (i + 1) % n0;
  }
  auto turn_at = [&](int i) { return cross(p[size_t(prev[size_t(i)])], p[size_t(i)], p[size_t(next[size_t(i)])]); };
  std::vector<char> gone(static_cast<size_t>(n0), 0), concave(static_cast<size_t>(n0), 0);
  // The concave vertices by grid cell (about 4 a cell); a cell may hold
  // vertices since removed or turned convex: skipped.
  float bx0 = p[0].x, bx1 = p[0].x, by0 = p[0].y, by1 = p[0].y;
  for (const MapXY& q : p) {
    bx0 = std::min(bx0, q.x), bx1 = std::max(bx1, q.x);
    by0 = std::min(by0, q.y), by1 = std::max(by1, q.y);
  }
  const int g = std::clamp(int(std::sqrt(n0 / 4.0)), 1, 64);
  const float sx = g / std::max(bx1 - bx0, 1e-9f), sy = g / std::max(by1 - by0, 1e-9f);
  auto cell_x = [&](float x) { return std::clamp(int((x - bx0) * sx), 0, g - 1); };
  auto cell_y = [&](float y) { return std::clamp(int((y - by0) * sy), 0, g - 1); };
  std::vector<std::vector<int>> cells(static_cast<size_t>(g * g));
  auto add_concave = [&](int i) { cells[size_t(cell_y(p[size_t(i)].y) * g + cell_x(p[size_t(i)].x))].push_back(i); };
  for (int i = 0; i < n0; ++i)
    if (turn_at(i) <= 0) {
      concave[size_t(i)] = 1;
      add_concave(i);
    }
  int left = n0, i = 0, misses = 0;
  while (left > 3 && misses <= left) {
    const int ia = prev[size_t(i)], ic = next[size_t(i)];
    const MapXY a = p[size_t(ia)], b = p[size_t(i)], c = p[size_t(ic)];
    const float turn = cross(a, b, c);
    bool ear = turn > 0;
    if (ear) {
      const float x0 = std::min(a.x, std::min(b.x, c.x)), x1 = std::max(a.x, std::max(b.x, c.x));
      const float y0 = std::min(a.y, std::min(b.y, c.y)), y1 = std::max(a.y, std::max(b.y, c.y));
      const int cx0 = cell_x(x0), cx1 = cell_x(x1), cy1 = cell_y(y1);
      for (int cy = cell_y(y0); ear && cy <= cy1; ++cy)
        for (int cx = cx0; ear && cx <= cx1; ++cx)
          for (const int j : cells[size_t(cy * g + cx)]) {
            if (gone[size_t(j)] || !concave[size_t(j)]) continue;
            const MapXY q = p[size_t(j)];
            if (q.x < x0 || q.x > x1 || q.y < y0 || q.y > y1) continue;
            if ((q.x == a.x && q.y == a.y) || (q.x == b.x && q.y == b.y) || (q.x == c.x && q.y == c.y)) continue;
            if (cross(a, b, q) >= 0 && cross(b, c, q) >= 0 && cross(c, a, q) >= 0) {
              ear = false;
              break;
            }
          }
    }
    if (ear) out.insert(out.end(), {a, b, c});
    if (ear || turn == 0) {  // an ear, or a point on a straight line: drop it
      gone[size_t(i)] = 1;
      next[size_t(ia)] = ic;
      prev[size_t(ic)] = ia;
      --left;
      misses = 0;
      // Clipping an ear only makes its neighbours more convex; dropping a
      // point that doubles back may not.
      for (const int k : {ia, ic}) {
        const bool now = turn_at(k) <= 0;
        if (now && !concave[size_t(k)]) add_concave(k);
        concave[size_t(k)] = now;
      }
      i = ic;
    } else {
      i = next[size_t(i)];
      ++misses;
    }
  }
  if (left == 3) out.insert(out.end(), {p[size_t(prev[size_t(i)])], p[size_t(i)], p[size_t(next[size_t(i)])]});
  return out;
}

}  // namespace

MapXY natural_earth(double lat_deg, double lon_deg) {
  const double p = std::clamp(lat_deg, -90.0, 90.0) * kDeg, l = std::clamp(lon_deg, -180.0, 180.0) * kDeg;
  return {float(l * x_factor(p)), float(y_of(p))};
}

bool natural_earth_inverse(MapXY q, double& lat_deg, double& lon_deg) {
  const double ymax = y_of(kPi / 2);
  if (std::fabs(q.y) > ymax) return false;
  double p = q.y;  // Newton on y(p) = q.y; y is monotonic
  for (int i = 0; i < 25; ++i) {
    const double p2 = p * p, p4 = p2 * p2;
    const double dy = B0 + p2 * (3 * B1 + p4 * (7 * B2 + 9 * B3 * p2 + 11 * B4 * p4));
    const double d = (y_of(p) - q.y) / dy;
    p -= d;
    if (std::fabs(d) < 1e-10) break;
  }
  p = std::clamp(p, -kPi / 2, kPi / 2);
  const double l = q.x / x_factor(p);
  if (std::fabs(l) > kPi) return false;
  lat_deg = p / kDeg;
  lon_deg = l / kDeg;
  return true;
}

namespace {

// A ring as the fills to draw: rings cut at the antimeridian (Chukotka and
// with it Eurasia, Fiji, Wrangel Island) are unwrapped to continuous
// longitudes, a ring around a pole (Antarctica) is closed along the pole,
// and the result is clipped to each 360-degree window it reaches, so every
// piece lies within -180..180 and fills on its own side of the map.
std::vector<std::vector<LonLat>> fill_pieces(const MapRing& ring) {
  std::vector<LonLat> u;  // the closed ring, unwrapped
  double shift = 0, lat_sum = 0;
  for (size_t i = 0; i < ring.points.size(); ++i) {
    if (i > 0) {
      const double d = double(ring.points[i].lon) - double(ring.points[i - 1].lon);
      if (d > 180) shift -= 360;
      if (d < -180) shift += 360;
    }
    u.push_back({float(ring.points[i].lon + shift), ring.points[i].lat});
    lat_sum += ring.points[i].lat;
  }
  if (u.size() < 4) return {};
  // Back at its first point 360 degrees away: the ring goes around a pole.
  // Its last point is then a corner of its own (the first, shifted by 360);
  // otherwise it repeats the first.
  const float end = u.back().lon;
  if (std::fabs(end - u.front().lon) > 180) {
    const float pole = lat_sum < 0 ? -90.0f : 90.0f;
    u.push_back({end, pole});
    u.push_back({u.front().lon, pole});
  } else {
    u.pop_back();
  }
  float lo = 1e9f, hi = -1e9f;
  for (const LonLat& q : u) lo = std::min(lo, q.lon), hi = std::max(hi, q.lon);
  // Keeps the side of lon = edge where (lon - edge) * side >= 0 (Sutherland-Hodgman).
  auto clip = [](const std::vector<LonLat>& in, float edge, float side) {
    std::vector<LonLat> out;
    for (size_t i = 0; i < in.size(); ++i) {
      const LonLat a = in[i], b = in[(i + 1) % in.size()];
      const bool ain = (a.lon - edge) * side >= 0, bin = (b.lon - edge) * side >= 0;
      if (ain) out.push_back(a);
      if (ain != bin) out.push_back({edge, a.lat + (b.lat - a.lat) * (edge - a.lon) / (b.lon - a.lon)});
    }
    return out;
  };
  std::vector<std::vector<LonLat>> pieces;
  for (int k = -2; k <= 2; ++k) {
    const float off = 360.0f * float(k);
    if (hi + off <= -180 || lo + off >= 180) continue;
    std::vector<LonLat> w = u;
    for (LonLat& q : w) q.lon += off;
    if (lo + off < -180) w = clip(w, -180, 1);
    if (hi + off > 180) w = clip(w, 180, -1);
    if (w.size() < 3) continue;
    // Edges along the map's edge (the cut at +-180, the pole line) are curves
    // once projected: one point a degree, or the fill cuts their corners.
    std::vector<LonLat> d;
    for (size_t i = 0; i < w.size(); ++i) {
      const LonLat a = w[i], b = w[(i + 1) % w.size()];
      d.push_back(a);
      const bool meridian = a.lon == b.lon && std::fabs(a.lon) == 180, pole = a.lat == b.lat && std::fabs(a.lat) == 90;
      const int n = meridian ? int(std::fabs(b.lat - a.lat)) : pole ? int(std::fabs(b.lon - a.lon)) : 0;
      for (int k = 1; k < n; ++k)
        d.push_back({a.lon + (b.lon - a.lon) * float(k) / float(n), a.lat + (b.lat - a.lat) * float(k) / float(n)});
    }
    pieces.push_back(std::move(d));
  }
  return pieces;
}

}  // namespace

void load_land(LandLayer& land) {
  land.loaded = true;
  WorldMap map;
  if (!decode_world_map(dsviz_world_land_110m, dsviz_world_land_110m_size, map, &land.error)) return;
  for (const MapRing& ring : map.rings)
    for (const std::vector<LonLat>& piece : fill_pieces(ring)) {
      std::vector<MapXY> pts;
      for (const LonLat& q : piece) pts.push_back(natural_earth(q.lat, q.lon));
      LandLayer::Fill fill;
      fill.hole = ring.hole;
      fill.box = ImVec4(1e9f, 1e9f, -1e9f, -1e9f);
      for (const MapXY& q : pts) fill.box = ImVec4(std::min(fill.box.x, q.x), std::min(fill.box.y, q.y), std::max(fill.box.z, q.x), std::max(fill.box.w, q.y));
      fill.triangles = triangulate(std::move(pts));
      land.fills.push_back(std::move(fill));
    }
  for (const auto& line : map_polylines(map)) {
    if (line.size() < 2) continue;
    std::vector<MapXY> pts;
    pts.reserve(line.size());
    ImVec4 box(1e9f, 1e9f, -1e9f, -1e9f);
    for (const LonLat& ll : line) {
      const MapXY p = natural_earth(ll.lat, ll.lon);
      box = ImVec4(std::min(box.x, p.x), std::min(box.y, p.y), std::max(box.z, p.x), std::max(box.w, p.y));
      pts.push_back(p);
    }
    land.lines.push_back(std::move(pts));
    land.boxes.push_back(box);
  }
}

ImVec2 MapFrame::to_screen(MapXY p) const {
  return ImVec2((a.x + b.x) * 0.5f + (p.x - center.x) * scale, (a.y + b.y) * 0.5f - (p.y - center.y) * scale);
}

MapXY MapFrame::to_map(ImVec2 s) const {
  return {center.x + (s.x - (a.x + b.x) * 0.5f) / scale, center.y - (s.y - (a.y + b.y) * 0.5f) / scale};
}

MapFrame map_frame(MapCamera& cam, ImVec2 a, ImVec2 b) {
  const float w = std::max(1.0f, b.x - a.x), h = std::max(1.0f, b.y - a.y);
  const float xmax = natural_earth(0, 180).x;
  const float top = natural_earth(kTopLat, 0).y, bottom = natural_earth(kBottomLat, 0).y;
  const float pole = natural_earth(90, 0).y;
  if (!cam.placed) cam = MapCamera{1, {0, (top + bottom) * 0.5f}, true};
  cam.zoom = std::clamp(cam.zoom, 1.0f, kMaxZoom);
  MapFrame f;
  f.a = a;
  f.b = b;
  f.scale = std::min(w / (2 * xmax), h / (top - bottom)) * cam.zoom;
  // Keep the world in view: past its edges only when it is smaller than the frame.
  const float hw = w * 0.5f / f.scale, hh = h * 0.5f / f.scale;
  cam.center.x = hw >= xmax ? 0.0f : std::clamp(cam.center.x, -xmax + hw, xmax - hw);
  cam.center.y = hh >= pole ? 0.0f : std::clamp(cam.center.y, -pole + hh, pole - hh);
  f.center = cam.center;
  return f;
}

void zoom_at(MapCamera& cam, const MapFrame& f, ImVec2 screen, float factor) {
  const MapXY p = f.to_map(screen);
  const float z = std::clamp(cam.zoom * factor, 1.0f, kMaxZoom);
  const float scale = f.scale * z / cam.zoom;
  cam.zoom = z;
  cam.center.x = p.x - (screen.x - (f.a.x + f.b.x) * 0.5f) / scale;
  cam.center.y = p.y + (screen.y - (f.a.y + f.b.y) * 0.5f) / scale;
}

void pan_by(MapCamera& cam, const MapFrame& f, ImVec2 px) {
  cam.center.x -= px.x / f.scale;
  cam.center.y += px.y / f.scale;
}

void draw_base(ImDrawList* dl, const MapFrame& f, const LandLayer& land, ImU32 sea, ImU32 ground, ImU32 grid, ImU32 coast,
               float coast_w) {
  // The sea: the projection's outline (convex), from the 180 W edge down and
  // the 180 E edge back up.
  std::vector<ImVec2> outline;
  for (int lat = 90; lat >= -90; lat -= 5) outline.push_back(f.at(lat, -180));
  for (int lat = -90; lat <= 90; lat += 5) outline.push_back(f.at(lat, 180));
  dl->AddConvexPolyFilled(outline.data(), int(outline.size()), sea);
  for (int lat = -60; lat <= 60; lat += 30) dl->AddLine(f.at(lat, -180), f.at(lat, 180), grid);
  std::vector<ImVec2> pts;
  for (int lon = -150; lon <= 150; lon += 30) {
    pts.clear();
    for (int lat = -90; lat <= 90; lat += 10) pts.push_back(f.at(lat, lon));
    dl->AddPolyline(pts.data(), int(pts.size()), grid, 0, 1.0f);
  }
  dl->AddPolyline(outline.data(), int(outline.size()), grid, ImDrawFlags_Closed, 1.0f);
  // Land, skipping what is off screen. Triangles without anti-aliasing, so
  // neighbours leave no seams (the coastline's stroke smooths the edge).
  const MapXY lo = f.to_map(ImVec2(f.a.x, f.b.y)), hi = f.to_map(ImVec2(f.b.x, f.a.y));
  const ImDrawListFlags flags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (int pass = 0; pass < 2; ++pass)  // land, then the lakes
    for (const auto& fill : land.fills) {
      if (fill.hole != (pass == 1) || box_off(fill.box, lo, hi)) continue;
      for (size_t t = 0; t + 2 < fill.triangles.size(); t += 3)
        dl->AddTriangleFilled(f.to_screen(fill.triangles[t]), f.to_screen(fill.triangles[t + 1]), f.to_screen(fill.triangles[t + 2]),
                              pass == 0 ? ground : sea);
    }
  dl->Flags = flags;
  for (size_t i = 0; i < land.lines.size(); ++i) {
    if (box_off(land.boxes[i], lo, hi)) continue;
    pts.clear();
    for (const MapXY& p : land.lines[i]) pts.push_back(f.to_screen(p));
    dl->AddPolyline(pts.data(), int(pts.size()), coast, 0, coast_w);
  }
}

void draw_path(ImDrawList* dl, const MapFrame& f, const std::vector<GeoPoint>& path, ImU32 col, float thick) {
  std::vector<ImVec2> pts;
  double prev_lon = 0;
  auto flush = [&] {
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), col, 0, thick);
    pts.clear();
  };
  for (size_t i = 1; i < path.size(); ++i) {
    const double km = great_circle_km(path[i - 1].lat, path[i - 1].lon, path[i].lat, path[i].lon);
    const int n = std::clamp(int(km / 150), 1, 96);
    for (int k = (i == 1 ? 0 : 1); k <= n; ++k) {
      const GeoPoint g = great_circle_point(path[i - 1], path[i], double(k) / n);
      if (!pts.empty() && std::fabs(g.lon - prev_lon) > 180) flush();
      pts.push_back(f.at(g));
      prev_lon = g.lon;
    }
  }
  flush();
}

void draw_budget(ImDrawList* dl, const MapFrame& f, const std::vector<float>& grid, int cols, int rows, double budget,
                 ImU32 fill, ImU32 edge, float edge_w) {
  if (cols <= 0 || rows <= 0 || grid.size() != size_t(cols) * size_t(rows)) return;
  auto in = [&](int r, int c) { return r >= 0 && r < rows && c >= 0 && c < cols && grid[size_t(r) * cols + c] <= budget; };
  auto lat = [&](int r) { return 90.0 - r * 180.0 / rows; };
  auto lon = [&](int c) { return -180.0 + c * 360.0 / cols; };
  for (int r = 0; r < rows; ++r) {
    // Runs of reachable cells along a row: one quad each (x is linear in
    // longitude along a parallel, so the quad's corners are exact).
    for (int c = 0; c < cols;) {
      if (!in(r, c)) {
        ++c;
        continue;
      }
      int e = c;
      while (e + 1 < cols && in(r, e + 1)) ++e;
      dl->AddQuadFilled(f.at(lat(r), lon(c)), f.at(lat(r), lon(e + 1)), f.at(lat(r + 1), lon(e + 1)), f.at(lat(r + 1), lon(c)), fill);
      c = e + 1;
    }
    // The outline: edges between a reachable cell and one that is not.
    for (int c = 0; c < cols; ++c) {
      if (in(r, c) != in(r + 1, c) && r + 1 < rows) dl->AddLine(f.at(lat(r + 1), lon(c)), f.at(lat(r + 1), lon(c + 1)), edge, edge_w);
      if (in(r, c) != in(r, c + 1) && c + 1 < cols) dl->AddLine(f.at(lat(r), lon(c + 1)), f.at(lat(r + 1), lon(c + 1)), edge, edge_w);
    }
  }
}

}  // namespace dsviz::ui
