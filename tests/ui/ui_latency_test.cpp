// The latency scene's map without a GPU: two-finger pinch (PinchTracker and
// the view's zoom around the fingers) and the land fill, including the
// rings Natural Earth cuts at the antimeridian (Chukotka, Fiji, Wrangel
// Island) and Antarctica, which goes around the pole.
#include <doctest.h>

#include <cmath>
#include <string>

#include "imgui.h"
#include "pinch.h"
#include "scenes/latency.h"
#include "scenes/latency_map.h"
#include "scenes/views.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

float side(MapXY a, MapXY b, MapXY p) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); }

// How many filled land triangles (outer rings, not lakes) cover the point.
int land_cover(const LandLayer& land, double lat, double lon) {
  const MapXY p = natural_earth(lat, lon);
  int n = 0;
  for (const auto& fill : land.fills) {
    if (fill.hole) continue;
    for (size_t t = 0; t + 2 < fill.triangles.size(); t += 3) {
      const MapXY a = fill.triangles[t], b = fill.triangles[t + 1], c = fill.triangles[t + 2];
      const float s1 = side(a, b, p), s2 = side(b, c, p), s3 = side(c, a, p);
      if ((s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)) ++n;
    }
  }
  return n;
}

// One frame of the latency view alone in a window filling the display.
void draw(LatencyModel& m, LatencyView& v, const ViewContext& ctx) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("latency", nullptr, ImGuiWindowFlags_NoDecoration);
  latency_view(m, v, ctx);
  ImGui::End();
  ImGui::Render();
}

}  // namespace

TEST_CASE("pinch: two fingers give the spread's growth and the midpoint's move per frame") {
  PinchTracker t;
  t.down(1, 100, 400);
  CHECK_FALSE(t.take().active);  // one finger: the pointer's business
  t.down(2, 200, 400);
  ViewContext::Pinch p = t.take();
  CHECK(p.active);
  CHECK(p.zoom == 1);
  t.move(2, 300, 400);  // spread 100 -> 200, midpoint 150 -> 200
  p = t.take();
  CHECK(p.zoom == doctest::Approx(2));
  CHECK(p.x == doctest::Approx(200));
  CHECK(p.dx == doctest::Approx(50));
  CHECK(p.dy == doctest::Approx(0));
  CHECK(t.take().zoom == 1);  // taken: the next frame starts from 1
  t.move(1, 200, 400);        // spread 200 -> 100
  CHECK(t.take().zoom == doctest::Approx(0.5));
  t.up(2);
  CHECK_FALSE(t.take().active);
  t.move(1, 250, 400);  // one finger left: no pinch
  p = t.take();
  CHECK(p.zoom == 1);
  CHECK(p.dx == 0);
}

TEST_CASE("pinch on the latency map zooms around the fingers; elsewhere it does nothing") {
  test::Headless ui(390, 844);
  LatencyModel m;
  m.reset(1);
  LatencyView v;
  ViewContext ctx;
  ctx.compact = true;
  draw(m, v, ctx);
  draw(m, v, ctx);
  REQUIRE(v.cam.placed);
  const float z0 = v.cam.zoom;
  // The map is the first thing under the toolbar: a pinch in its middle.
  ctx.pinch = {true, 2.0f, 195, 150, 0, 0};
  draw(m, v, ctx);
  CHECK(v.cam.zoom == doctest::Approx(2 * z0));
  // Fingers held still: nothing more.
  ctx.pinch = {true, 1.0f, 195, 150, 0, 0};
  draw(m, v, ctx);
  CHECK(v.cam.zoom == doctest::Approx(2 * z0));
  // Spreading again at another midpoint keeps zooming; the camera moves.
  const MapXY c0 = v.cam.center;
  ctx.pinch = {true, 1.5f, 100, 120, 0, 0};
  draw(m, v, ctx);
  CHECK(v.cam.zoom == doctest::Approx(3 * z0));
  CHECK((v.cam.center.x != c0.x || v.cam.center.y != c0.y));
  // A pinch far below the map (the table, the scatter) leaves it alone.
  ctx.pinch = {true, 0.5f, 195, 830, 0, 0};
  draw(m, v, ctx);
  CHECK(v.cam.zoom == doctest::Approx(3 * z0));
  ctx.pinch = {};
  draw(m, v, ctx);
}

TEST_CASE("land fill: rings cut at the antimeridian and Antarctica are filled, the sea is not") {
  LandLayer land;
  load_land(land);
  REQUIRE(land.error.empty());
  struct Spot {
    const char* what;
    double lat, lon;
  };
  const Spot on_land[] = {
      {"Moscow (Eurasia's ring crosses 180 at Chukotka)", 55.76, 37.62},
      {"Paris", 48.86, 2.35},
      {"Anadyr, Chukotka, east longitude", 64.73, 177.51},
      {"Chukotka's tip, west longitude", 66.0, -172.0},
      {"Wrangel Island", 71.23, -179.42},
      {"Vanua Levu, Fiji", -16.5, 179.0},
      {"Antarctica, 0 E", -80, 0},
      {"Antarctica, near 180", -85, 179},
      {"Antarctica, near 180 W", -85, -179},
      {"Sao Paulo", -23.55, -46.63},
  };
  for (const Spot& s : on_land) {
    const std::string what = s.what;
    CAPTURE(what);
    CHECK(land_cover(land, s.lat, s.lon) >= 1);
  }
  const Spot at_sea[] = {{"mid Pacific", 0, -140}, {"Bering Sea", 58, -178}, {"south Atlantic", -40, -20}, {"Arctic Ocean", 85, 0}};
  for (const Spot& s : at_sea) {
    const std::string what = s.what;
    CAPTURE(what);
    CHECK(land_cover(land, s.lat, s.lon) == 0);
  }
}
