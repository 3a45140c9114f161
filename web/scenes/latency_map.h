// The latency scene's view pieces. The world map: the Natural Earth projection, the land
// outlines decoded once from the embedded asset, a pan-and-zoom camera, and
// drawing helpers (great-circle arcs, the RTT budget cells). Geometry only:
// every latency figure comes from LatencyModel.
#pragma once
#include <string>
#include <vector>

#include "geo.h"
#include "imgui.h"
#include "scenes/latency.h"

namespace dsviz::ui {

// A point of the projected map, in units of the Earth's radius, y north.
struct MapXY {
  float x = 0, y = 0;
};

// Natural Earth projection (Savric, Jenny, Patterson & Jenny 2011, the
// published polynomial), degrees in. The inverse gives false off the map.
MapXY natural_earth(double lat_deg, double lon_deg);
bool natural_earth_inverse(MapXY p, double& lat_deg, double& lon_deg);

// The land's outlines, projected once (split at the antimeridian), with a
// box per line so drawing skips what is off screen.
struct LandLayer {
  bool loaded = false;
  std::string error;  // the decoder's message when the asset is bad
  std::vector<std::vector<MapXY>> lines;
  std::vector<ImVec4> boxes;  // min x, min y, max x, max y
  // Each ring triangulated (ear clipping) for the fill; holes (lakes) are
  // filled again in the sea's colour.
  struct Fill {
    bool hole = false;
    ImVec4 box;
    std::vector<MapXY> triangles;  // three points each
  };
  std::vector<Fill> fills;
};
void load_land(LandLayer& land);

// What the reader looks at: zoom 1 shows the inhabited world.
struct MapCamera {
  float zoom = 1;
  MapXY center;
  bool placed = false;  // center set to the default yet
};

// The camera applied to a screen rectangle for one frame.
struct MapFrame {
  ImVec2 a, b;  // screen rectangle
  MapXY center;
  float scale = 1;  // pixels per map unit
  ImVec2 to_screen(MapXY p) const;
  ImVec2 at(double lat, double lon) const { return to_screen(natural_earth(lat, lon)); }
  ImVec2 at(GeoPoint g) const { return at(g.lat, g.lon); }
  MapXY to_map(ImVec2 s) const;
  bool inside(ImVec2 p, float margin = 0) const {
    return p.x >= a.x - margin && p.x <= b.x + margin && p.y >= a.y - margin && p.y <= b.y + margin;
  }
};
// Also clamps the camera so the world stays in view.
MapFrame map_frame(MapCamera& cam, ImVec2 a, ImVec2 b);
// Zooms by `factor` keeping the map point under `screen` where it is.
void zoom_at(MapCamera& cam, const MapFrame& f, ImVec2 screen, float factor);
void pan_by(MapCamera& cam, const MapFrame& f, ImVec2 pixels);

// The sea (the projection's outline), a 30-degree graticule, the land.
// Colours must be opaque (holes are painted over land in the sea's colour).
void draw_base(ImDrawList* dl, const MapFrame& f, const LandLayer& land, ImU32 sea, ImU32 ground, ImU32 grid, ImU32 coast,
               float coast_w);
// Great-circle legs through `path`, split where they cross the antimeridian.
void draw_path(ImDrawList* dl, const MapFrame& f, const std::vector<GeoPoint>& path, ImU32 col, float thick);
// The cells of a cols x rows lon/lat grid (row 0 north, column 0 at 180 W)
// whose value is within `budget`, shaded, with their outline.
void draw_budget(ImDrawList* dl, const MapFrame& f, const std::vector<float>& grid, int cols, int rows, double budget,
                 ImU32 fill, ImU32 edge, float edge_w);

// The view's state (latency_view.cpp draws it; here so a test can feed the
// view a pinch and read the camera back).
struct LatencyView {
  LandLayer land;  // decoded on first draw
  MapCamera cam;
  std::vector<float> grid;  // rtt_grid() for the budget, as of grid_rev
  uint64_t grid_rev = ~uint64_t(0);
  bool show_budget = true, show_placement = true, every_place = false;
  float zoom_request = 1;  // from the toolbar, applied by the map
  // The gesture on the map: panning, dragging the user, or a press on a place.
  enum class Grab { None, Pan, User, Place } grab = Grab::None;
  int grab_place = -1, menu_place = -1;
  bool moved = false;
  ImVec2 press;
  GeoPoint user_drag;
};
// The view itself (latency_view.cpp).
struct ViewContext;
void latency_view(LatencyModel& m, LatencyView& v, const ViewContext& ctx);

// The rest of the view (latency_parts.cpp): the toolbar over the map, the
// model's formula with its values, the placement line, the sorted RTT table
// and the scatter of RTT against distance.
void latency_toolbar(LatencyModel& m, bool& budget, bool& placement, float& zoom, bool& reset, bool tiny);
void latency_formula(const LatencyModel& m, bool tiny);
void latency_placement(LatencyModel& m);
void latency_table(LatencyModel& m, bool& every_place, float height, bool narrow);
void latency_scatter(const LatencyModel& m, ImVec2 size);
void latency_place_tooltip(const LatencyModel& m, int place);
// Taller frames on touch screens: 44 px targets.
void push_touch_frames();
void pop_touch_frames();

}  // namespace dsviz::ui
