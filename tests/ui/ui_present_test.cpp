// Presenter mode (issue 13): --present / ?present=1 and the P key, larger
// text, the high-contrast theme, keys for presets, speed, step and scenes.
#include <doctest.h>

#include <string>

#include "app.h"
#include "options.h"
#include "registry.h"
#include "scenes/unity.h"
#include "theme.h"
#include "ui_app_frames.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

using test::frame;
using test::key;

}  // namespace

TEST_CASE("presenter mode: from the URL and the command line, not in an embed") {
  CHECK(parse_query("?present=1&scene=unity").present);
  CHECK_FALSE(parse_query("?present=0").present);
  LaunchOptions o;
  std::string err;
  const char* argv[] = {"dsviz", "--present", "--reduced-motion"};
  REQUIRE(parse_args(3, argv, o, err));
  CHECK(o.present);
  CHECK(o.reduced_motion);

  test::Headless ui(1366, 768);
  LaunchOptions embed = parse_query("?present=1&embed=1");
  App e(embed);
  CHECK_FALSE(e.present());
  key(e, ImGuiKey_P);
  CHECK_FALSE(e.present());
  key(e, ImGuiKey_P, ImGuiMod_Shift);
  CHECK_FALSE(e.present());
  CHECK_FALSE(high_contrast());
  set_high_contrast(false);
}

TEST_CASE("presenter mode: keys, presets, larger text and the high-contrast theme") {
  test::Headless ui(1920, 1080);
  LaunchOptions opt = parse_query("?scene=unity");
  App app(opt);
  frame(app);
  CHECK_FALSE(app.present());
  CHECK(app.font_scale() == 1.0f);
  key(app, ImGuiKey_P);
  REQUIRE(app.present());
  CHECK(app.font_scale() >= 1.5f);
  CHECK(app.font_scale() <= 2.0f);
  CHECK(high_contrast());
  CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x == 0.0f);

  // 3: the scene's third preset (the hidden auth service down).
  key(app, ImGuiKey_3);
  frame(app);
  REQUIRE(std::string(app.scene_id()) == "unity");
  CHECK(app.model().get(UnityModel::kDependencyUp) == 0.0);
  // 2: two of four servers down, on top of the defaults (the service is back).
  key(app, ImGuiKey_2);
  frame(app);
  CHECK(app.model().get(UnityModel::kCrashed) == 2.0);
  CHECK(app.model().get(UnityModel::kDependencyUp) == 1.0);

  // + doubles the speed, - halves it; right arrow steps one event, paused.
  const float speed = app.transport().speed;
  key(app, ImGuiKey_Equal);
  CHECK(app.transport().speed == doctest::Approx(speed * 2));
  key(app, ImGuiKey_Minus);
  key(app, ImGuiKey_Minus);
  CHECK(app.transport().speed == doctest::Approx(speed / 2));
  const uint64_t events = app.model().events();
  key(app, ImGuiKey_RightArrow);
  CHECK_FALSE(app.transport().playing);
  CHECK(app.model().events() == events + 1);

  // Shift (or Ctrl) with the arrows: the next and the previous scene,
  // round the menu's ends.
  key(app, ImGuiKey_RightArrow, ImGuiMod_Shift);
  CHECK(std::string(app.scene_id()) == scenes()[1].id);
  key(app, ImGuiKey_LeftArrow, ImGuiMod_Ctrl);
  CHECK(std::string(app.scene_id()) == "unity");
  key(app, ImGuiKey_LeftArrow, ImGuiMod_Shift);
  CHECK(std::string(app.scene_id()) == scenes().back().id);
  key(app, ImGuiKey_RightArrow, ImGuiMod_Shift);
  REQUIRE(std::string(app.scene_id()) == "unity");
  // The arrows alone step one event forward and back (outside a tour).
  app.transport().playing = false;
  for (int i = 0; i < 3; ++i) key(app, ImGuiKey_RightArrow);
  const uint64_t before = app.model().events();
  REQUIRE(before >= 3);
  key(app, ImGuiKey_LeftArrow);
  for (int i = 0; i < 10; ++i) frame(app);  // advance() runs the events back up
  CHECK(app.model().events() == before - 1);
  CHECK(std::string(app.scene_id()) == "unity");

  // Space pauses and plays; R starts the run again.
  app.transport().playing = false;
  key(app, ImGuiKey_Space);
  CHECK(app.transport().playing);
  app.transport().speed = 1;
  for (int i = 0; i < 40; ++i) frame(app);
  REQUIRE(app.model().events() > 0);
  key(app, ImGuiKey_R);
  CHECK(app.model().events() < 5);

  // The address keeps presenter mode, so a reload stays in it.
  bool in_link = false;
  for (const auto& [k, v] : app.link_params()) in_link |= k == "present" && v == "1";
  CHECK(in_link);

  // S opens the settings column; the frames draw without an assertion.
  key(app, ImGuiKey_S);
  for (int i = 0; i < 30; ++i) frame(app);
  // The text really is larger: ImGui's font size follows the scale.
  CHECK(ImGui::GetFontSize() == doctest::Approx(16.0f * app.font_scale()));
  key(app, ImGuiKey_P);
  CHECK_FALSE(app.present());
  CHECK_FALSE(high_contrast());
  CHECK(app.font_scale() == 1.0f);
  frame(app);
  CHECK(ImGui::GetFontSize() == doctest::Approx(16.0f));
  // Escape leaves presenter mode too.
  key(app, ImGuiKey_P);
  REQUIRE(app.present());
  key(app, ImGuiKey_Escape);
  CHECK_FALSE(app.present());
}

TEST_CASE("presenter mode: every scene draws at projector and phone sizes") {
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1280, 800), ImVec2(390, 844)}) {
    CAPTURE(size.x);
    test::Headless ui(size.x, size.y);
    LaunchOptions opt = parse_query("?present=1");
    App app(opt);
    REQUIRE(app.present());
    frame(app);
    // 1.5x to 2x where a projector shows it; smaller on a phone.
    if (size.x >= 1000) CHECK(app.font_scale() == kPresentFontScale);
    else CHECK(app.font_scale() < kPresentFontScale);
    for (const SceneInfo& s : scenes()) {
      CAPTURE(std::string(s.id));
      REQUIRE(app.open_scene(s.id));
      for (int i = 0; i < 8; ++i) frame(app);
      key(app, ImGuiKey_S);  // the settings column (instead of the view on a phone)
      for (int i = 0; i < 4; ++i) frame(app);
      key(app, ImGuiKey_S);
    }
  }
  set_high_contrast(false);
}

TEST_CASE("presenter mode in a tour: P stays the tour's back, Shift+P toggles, the arrows walk the steps") {
  test::Headless ui(1920, 1080);
  LaunchOptions opt = parse_query("?tour=clocks");
  App app(opt);
  frame(app);
  REQUIRE(app.tours().active());
  REQUIRE(app.tours().steps() >= 3);
  key(app, ImGuiKey_N);
  key(app, ImGuiKey_N);
  REQUIRE(app.tours().step() == 2);
  key(app, ImGuiKey_P);  // the tour's back, not presenter mode
  CHECK(app.tours().step() == 1);
  CHECK_FALSE(app.present());
  key(app, ImGuiKey_P, ImGuiMod_Shift);
  REQUIRE(app.present());
  CHECK(app.tours().step() == 1);
  key(app, ImGuiKey_RightArrow);
  CHECK(app.tours().step() == 2);
  key(app, ImGuiKey_LeftArrow);
  CHECK(app.tours().step() == 1);
  // Escape: first the tour (explore freely), then presenter mode.
  key(app, ImGuiKey_Escape);
  CHECK_FALSE(app.tours().active());
  CHECK(app.present());
  key(app, ImGuiKey_Escape);
  CHECK_FALSE(app.present());
}
