// Timeline replays stay within their per-frame event budget: a drag back over
// a long busy run (unity at 100 req/s) rebuilds the run a slice per frame,
// and the frame's slices together (advance()'s, for the target the drag left,
// and the drag's own) never run more events than the budget the frame began
// with (Transport::replay_budget, sized by wall time in the front end). The
// replay then lands on the same run as one played straight through.
#include <doctest.h>

#include <memory>

#include "app.h"
#include "options.h"
#include "registry.h"
#include "transport.h"
#include "ui_app_frames.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

using test::frame;
}  // namespace

TEST_CASE("a timeline drag over a long busy run keeps each frame within its replay budget") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "unity";
  opt.settings.emplace_back("rate", "100");
  App app(opt);
  Model& m = app.model();
  Transport& t = app.transport();
  frame(app);
  t.playing = false;
  m.run_until(20 * kMin);  // ~1 M events: far more than any frame's budget
  frame(app);
  REQUIRE(m.events() > 2 * kMaxReplayEvents);

  ImVec2 max;
  const ImVec2* min = app.targets().find("control:timeline", &max);
  REQUIRE(min != nullptr);
  const float y = (min->y + max.y) / 2;
  auto x_at = [&](float f) { return min->x + (max.x - min->x) * f; };
  ImGuiIO& io = ImGui::GetIO();

  // Each frame: the events run in it, counted from the model's event count
  // (a frame that rewound counts from zero), against the frame's budget.
  int frames = 0, rewinds = 0, over = 0, unfinished = 0;
  auto checked_frame = [&]() {
    const uint64_t cap = t.replay_budget.events();
    const uint64_t before = m.events();
    frame(app);
    const uint64_t after = m.events();
    const uint64_t ran = after >= before ? after - before : after;
    if (after < before) ++rewinds;
    if (ran > cap) ++over;
    CHECK(ran <= cap);
    if (m.replaying()) ++unfinished;
    ++frames;
  };
  io.AddMousePosEvent(x_at(0.9f), y);
  frame(app);
  io.AddMouseButtonEvent(0, true);
  checked_frame();  // the press: back to 90 %, a rewind
  // Drag left, then right again, a few pixels a frame, as a hand does.
  for (int i = 1; i <= 30; ++i) {
    io.AddMousePosEvent(x_at(0.9f - 0.02f * float(i)), y);  // to 30 %
    checked_frame();
  }
  for (int i = 1; i <= 15; ++i) {
    io.AddMousePosEvent(x_at(0.3f + 0.02f * float(i)), y);  // to 60 %
    checked_frame();
  }
  io.AddMouseButtonEvent(0, false);
  checked_frame();
  CHECK(rewinds >= 1);
  for (int f = 0; f < 2000 && m.replaying(); ++f) checked_frame();
  CHECK_FALSE(m.replaying());
  CHECK(over == 0);
  CHECK(unfinished > 0);  // spread over frames: some ended with the replay under way
  // The drag never left the run past its end, and it landed near 60 %.
  CHECK(m.now() < 20 * kMin);
  CHECK(double(m.now()) == doctest::Approx(0.6 * double(20 * kMin)).epsilon(0.05));

  // The same run played straight to that moment: the same events and trace.
  auto fresh = find_scene("unity")->make();
  fresh->set("rate", 100);
  fresh->reset(1);
  fresh->run_until(m.now());
  CHECK(fresh->events() == m.events());
  CHECK(fresh->trace_hash() == m.trace_hash());
}

TEST_CASE("previous event rebuilds the run within the replay budget") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "unity";
  opt.settings.emplace_back("rate", "100");
  App app(opt);
  Model& m = app.model();
  Transport& t = app.transport();
  frame(app);
  t.playing = false;
  m.run_until(5 * kMin);
  frame(app);
  const uint64_t n0 = m.events();
  REQUIRE(previous_event(m, t));
  int frames = 0;
  while (t.back_to_events != kNoEventTarget && frames < 5000) {
    const uint64_t cap = t.replay_budget.events();
    const uint64_t before = m.events();
    frame(app);
    CHECK(m.events() - before <= cap);
    ++frames;
  }
  CHECK(m.events() + 1 == n0);
  CHECK(frames > 1);  // spread over frames, not done in one
}
