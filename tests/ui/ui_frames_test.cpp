// Every registered scene through the real shell for 300+ frames: normal and
// embed mode, desktop, phone and the smallest embed size, both themes, with
// clicks, drags, wheel and keys landing all over the window.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest.h>

#include <cstdint>
#include <string>

#include "app.h"
#include "registry.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

struct Size {
  float w, h;
};

// A deterministic stream of pointer positions, so a failure replays.
struct Lcg {
  uint64_t s;
  float next01() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return float((s >> 33) & 0xFFFFFF) / float(0x1000000);
  }
};

// Runs `frames` frames of one scene; input arrives on a fixed schedule.
// Returns the first ImGui assertion or model invariant broken, or "".
std::string run_scene(const char* id, bool embed, bool dark, Size size, int frames, float speed = 0) {
  test::Headless ui(size.w, size.h);
  try {
    LaunchOptions opt;
    opt.scene = id;
    opt.embed = embed;
    opt.dark = dark;
    opt.seed = 7;
    App app(opt);
    if (speed > 0) app.transport().speed = speed;
    ImGuiIO& io = ImGui::GetIO();
    Lcg rng{uint64_t(size.w * 131 + size.h) ^ (embed ? 99 : 0)};
    Time latest = 0;  // the furthest virtual time any frame showed
    for (int f = 0; f < frames; ++f) {
      int phase = f % 12;
      if (phase == 0) {
        // Alternate mouse and touch, as phones and desktops do.
        io.AddMouseSourceEvent(f % 24 == 0 ? ImGuiMouseSource_TouchScreen : ImGuiMouseSource_Mouse);
        io.AddMousePosEvent(rng.next01() * size.w, rng.next01() * size.h);
      } else if (phase == 2) {
        io.AddMouseButtonEvent(0, true);
      } else if (phase == 3) {
        io.AddMousePosEvent(rng.next01() * size.w, rng.next01() * size.h);  // a drag
      } else if (phase == 4) {
        io.AddMouseButtonEvent(0, false);
      } else if (phase == 6) {
        io.AddMouseWheelEvent(0, rng.next01() < 0.5f ? -1.0f : 1.0f);
      } else if (phase == 8 && f % 96 == 8) {
        io.AddKeyEvent(ImGuiKey_Space, true);  // play/pause shortcut
      } else if (phase == 9 && f % 96 == 9) {
        io.AddKeyEvent(ImGuiKey_Space, false);
      }
      ImGui::NewFrame();
      app.frame(1.0 / 60.0);
      ImGui::Render();
      std::string broken = app.model().check_invariants();
      if (!broken.empty()) return std::string(id) + ": " + broken;
      if (app.model().now() > latest) latest = app.model().now();
    }
    // The scene opens playing, so its virtual time must have moved at some
    // frame (pauses and timeline drags in between are fine).
    if (latest <= 0) return std::string(id) + ": virtual time never advanced in " + std::to_string(frames) + " frames";
  } catch (const test::ImGuiAssertion& e) {
    ui.mark_failed();
    return e.what();
  }
  return "";
}

const Size kSizes[] = {{1280, 800}, {390, 844}, {320, 240}};

}  // namespace

TEST_CASE("every scene runs 300 frames in every layout without an ImGui assertion") {
  REQUIRE(!scenes().empty());
  for (const SceneInfo& s : scenes()) {
    for (bool embed : {false, true}) {
      for (Size size : kSizes) {
        std::string id = s.id;
        CAPTURE(id);
        CAPTURE(embed);
        CAPTURE(size.w);
        CAPTURE(size.h);
        bool dark = int(size.w) % 2 == 0;  // 1280 and 390 dark, 320 light
        CHECK(run_scene(s.id, embed, dark, size, 300) == "");
      }
    }
  }
}

TEST_CASE("busy scenes at 1000x stay within the per-frame work cap") {
  for (const SceneInfo& s : scenes()) {
    std::string id = s.id;
    CAPTURE(id);
    CHECK(run_scene(s.id, false, true, {1280, 800}, 120, 1000.0f) == "");
    // Every setting at its maximum: the busiest run each scene allows.
    test::Headless ui(1280, 800);
    LaunchOptions opt;
    opt.scene = s.id;
    App app(opt);
    for (const Param& p : app.model().params()) app.model().set(p.key, p.max);
    app.transport().speed = kMaxSpeed;
    for (int f = 0; f < 60; ++f) {
      uint64_t before = app.model().events();
      ImGui::NewFrame();
      app.frame(1.0 / 60.0);
      ImGui::Render();
      CHECK(app.model().events() - before <= kMaxEventsPerFrame + 1);  // +1: a Step click
    }
    CHECK(app.model().check_invariants() == "");
  }
}

TEST_CASE("the harness catches ImGui assertions") {
  test::Headless ui(800, 600);
  ImGui::NewFrame();
  CHECK_THROWS_AS(ImGui::End(), test::ImGuiAssertion);  // End() without Begin()
  ui.mark_failed();
}

TEST_CASE("an unknown scene id opens the default scene with a notice naming it") {
  test::Headless ui(800, 600);
  LaunchOptions opt;
  opt.scene = "no-such-scene";
  App app(opt);
  CHECK(std::string(app.scene_id()) == scenes().front().id);
  REQUIRE(app.notices().size() == 1);
  CHECK(app.notices()[0].find("no-such-scene") != std::string::npos);
  CHECK(app.take_scene_changed());
  CHECK_FALSE(app.take_scene_changed());
  if (scenes().size() > 1) {
    CHECK(app.open_scene(scenes()[1].id));
    CHECK(std::string(app.scene_id()) == scenes()[1].id);
    CHECK(app.take_scene_changed());
  }
  ImGui::NewFrame();
  app.frame(0.016);
  ImGui::Render();
}

TEST_CASE("settings from a link or --set apply from the start; bad ones become notices") {
  test::Headless ui(800, 600);
  LaunchOptions opt = parse_query("?scene=unity&seed=5&nodes=8&rate=500&service_ms=abc&utm_source=mail");
  App app(opt);
  CHECK(app.model().get("nodes") == 8);
  CHECK(app.model().get("rate") == app.model().params()[1].def);  // out of range: default
  CHECK(app.model().now() == 0);
  REQUIRE(app.notices().size() == 2);  // rate and service_ms; utm_source is the host's
  CHECK(app.notices()[0].find("0 to 100") != std::string::npos);
  CHECK(app.notices()[1].find("abc") != std::string::npos);
  // The link reflects what differs from the defaults.
  bool seed_in = false, nodes_in = false, rate_out = false;
  for (const auto& [k, v] : app.link_params()) {
    seed_in |= k == "seed" && v == "5";
    nodes_in |= k == "nodes" && v == "8";
    rate_out |= k == "rate" && v.empty();
  }
  CHECK(seed_in);
  CHECK(nodes_in);
  CHECK(rate_out);
  CHECK(app.take_link_changed());
  CHECK_FALSE(app.take_link_changed());

  LaunchOptions desk;
  std::string err;
  const char* argv[] = {"dsviz", "--set", "nodes=3", "--set", "warp=9"};
  REQUIRE(parse_args(5, argv, desk, err));
  App app2(desk);
  CHECK(app2.model().get("nodes") == 3);
  REQUIRE(app2.notices().size() == 1);  // a --set typo is news
  CHECK(app2.notices()[0].find("warp") != std::string::npos);
  const char* bad[] = {"dsviz", "--set", "nodes=lots"};
  CHECK_FALSE(parse_args(3, bad, desk, err));
}
