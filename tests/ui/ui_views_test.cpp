// The view table and the scene registry agree: every scene has a view, every
// view belongs to a registered scene, and each view draws the model type its
// scene's record makes (views cast nothing, so this is what keeps them safe).
#include <doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

#include "app.h"
#include "panels.h"
#include "parse.h"
#include "registry.h"
#include "scenes/unity.h"
#include "scenes/views.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

TEST_CASE("every registered scene has exactly one view, of its model's type") {
  for (const SceneInfo& s : scenes()) {
    CAPTURE(std::string(s.id));
    const ViewEntry* v = find_view(s);
    REQUIRE(v != nullptr);
    auto model = s.make();
    CHECK(v->draws(*model));
    int count = 0;
    for (const ViewEntry& e : views()) count += std::strcmp(e.scene->id, s.id) == 0;
    CHECK(count == 1);
  }
}

TEST_CASE("every view names a registered scene, and no two views share one") {
  std::set<std::string> seen;
  for (const ViewEntry& v : views()) {
    CAPTURE(std::string(v.scene->id));
    CHECK(find_scene(v.scene->id) != nullptr);
    CHECK(seen.insert(v.scene->id).second);
    CHECK(v.make_slot() != nullptr);
  }
}

TEST_CASE("a view refuses another scene's model") {
  // The unity view must not claim the clocks model (and so on round the list).
  const auto& all = scenes();
  for (size_t i = 0; i < all.size(); ++i) {
    const SceneInfo& other = all[(i + 1) % all.size()];
    if (std::strcmp(other.id, all[i].id) == 0) continue;
    auto model = other.make();
    CAPTURE(std::string(all[i].id));
    const ViewEntry* v = find_view(all[i]);
    REQUIRE(v != nullptr);
    CHECK_FALSE(v->draws(*model));
  }
}

TEST_CASE("every slider position gives a value its scene accepts, exactly as shown") {
  // A float slider hands back floats (2.3499999 for 2.35); the panel snaps
  // to the printed value. At the ends, the middle and near the small end,
  // the snapped value must be accepted and must print back to itself.
  for (const SceneInfo& s : scenes()) {
    auto m = s.make();
    for (const Param& p : m->params()) {
      CAPTURE(std::string(s.id) + "." + p.key);
      const double mid = p.log_scale ? std::sqrt(p.min * p.max) : (p.min + p.max) / 2;
      for (double raw : {p.min, p.max, mid, p.min + (p.max - p.min) * 1e-4, p.max - (p.max - p.min) * 1e-4}) {
        const double v = snap_to_display(p, double(float(raw)));
        CAPTURE(v);
        std::string err;
        CHECK(m->set(p.key, v, &err));
        double back = 0;
        REQUIRE(dsviz::parse_number(format_number(v), back));
        CHECK(back == v);
        CHECK(v >= p.min);
        CHECK(v <= p.max);
      }
    }
  }
}

TEST_CASE("a slider shows the small end of its range, not 0") {
  Param p{"link_ms", 0.1, 200, 10, "ms", "", false, true, ""};
  CHECK(snap_to_display(p, double(0.1f)) == 0.1);
  char buf[32];
  std::snprintf(buf, sizeof buf, slider_number_format(p, 0.1).c_str(), 0.1);
  CHECK(std::string(buf) == "0.100");
  CHECK(snap_to_display(p, double(2.35f)) == 2.35);
}

TEST_CASE("a setting changed mid-run either goes on live or restarts the run with a notice") {
  for (const SceneInfo& s : scenes()) {
    const auto params = s.make()->params();
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      CAPTURE(std::string(s.id) + "." + p.key);
      test::Headless ui(1280, 800);
      LaunchOptions opt;
      opt.scene = s.id;
      App app(opt);
      for (int f = 0; f < 30; ++f) {
        ImGui::NewFrame();
        app.frame(1.0 / 30.0);
        ImGui::Render();
      }
      const Time before = app.model().now();
      REQUIRE(before > 0);
      // Another valid value, as the panel would send it.
      const double now_v = app.model().param(i);
      const double other = snap_to_display(p, now_v == p.max ? p.min : p.max);
      REQUIRE(app.model().set(p.key, other));
      ImGui::NewFrame();
      app.frame(1.0 / 30.0);
      ImGui::Render();
      bool logged = false;
      for (const auto& in : app.model().input_log()) logged |= in.kind == Model::kSetParam && in.arg == i;
      bool noticed = false;
      for (const auto& n : app.notices()) noticed |= n.find("Run restarted") != std::string::npos;
      if (app.model().now() >= before) {
        CHECK(logged);  // went on: the change is in the run's history
        CHECK_FALSE(noticed);
      } else {
        CHECK(noticed);  // restarted: the reader is told, the timeline is the new run's
        CHECK(app.transport().furthest == app.model().now());
      }
    }
  }
}

TEST_CASE("the page's address replays the run on screen, the reader's clicks included") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "unity";
  opt.seed = 11;
  App app(opt);
  auto frames = [&](App& a, int n) {
    for (int f = 0; f < n; ++f) {
      ImGui::NewFrame();
      a.frame(1.0 / 30.0);
      ImGui::Render();
    }
  };
  frames(app, 20);
  auto& unity = static_cast<UnityModel&>(app.model());
  unity.toggle_node(1);  // a click, as the view sends it
  REQUIRE(app.model().set(UnityModel::kRate, 40));
  frames(app, 20);
  const Time t = app.model().now();
  const uint64_t hash = app.model().trace_hash();
  std::string query = "?scene=unity";
  for (const auto& [k, v] : app.link_params())
    if (!v.empty()) query += "&" + k + "=" + v;
  CAPTURE(query);
  CHECK(query.find("in=") != std::string::npos);
  LaunchOptions again = parse_query(query);
  App copy(again);
  copy.transport().playing = false;
  copy.model().run_until(t);
  CHECK(copy.model().trace_hash() == hash);
}
