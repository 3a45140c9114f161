// The scaling scene in the real shell: the sweep behind the USL fit runs a
// bounded slice per frame in every case (opening, a setting change, a new
// seed), so no frame waits for it, and the figures that need it appear
// once it has measured them. Prints the slowest frame seen (wall clock).
#include <doctest.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "app.h"
#include "scenes/scaling.h"
#include "ui_harness.h"
#include "work_budget.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

bool has_metric(const Model& m, const char* key, double* value = nullptr) {
  std::vector<Metric> out;
  m.metrics(out);
  for (const Metric& x : out)
    if (x.key == key) {
      if (value) *value = x.value;
      return true;
    }
  return false;
}

struct Frames {
  double worst_ms = 0, worst_cpu_ms = 0;
  int worst_at = -1;
  int count = 0;
};

// One shell frame, timed: wall clock, and the process's CPU time (what the
// frame costs on a machine other programs are not also using).
void frame(App& app, Frames& fr) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  ImGui::NewFrame();
  app.frame(1.0 / 60.0);
  ImGui::Render();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const double cpu_ms = 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC;
  if (ms > fr.worst_ms) fr.worst_ms = ms, fr.worst_at = fr.count;
  if (cpu_ms > fr.worst_cpu_ms) fr.worst_cpu_ms = cpu_ms;
  ++fr.count;
}

}  // namespace

TEST_CASE("scaling: the sweep never runs in one frame; its figures come when it is done") {
  for (const bool embed : {false, true}) {
    CAPTURE(embed);
    test::Headless ui(embed ? 480.0f : 1400.0f, embed ? 320.0f : 900.0f);
    LaunchOptions opt;
    opt.scene = "scaling";
    opt.embed = embed;
    opt.seed = 7;
    App app(opt);
    Frames fr;
    frame(app, fr);
    // After one frame the sweep has barely begun: the fit and the costs wait.
    CHECK_FALSE(has_metric(app.model(), "usl_peak_nodes"));
    CHECK_FALSE(has_metric(app.model(), "cost_per_krps_horizontal_usd_h"));
    double pct = -1;
    REQUIRE(has_metric(app.model(), "sweep_done_pct", &pct));
    CHECK(pct < 50);
    int frames_to_fit = 0;
    while (!has_metric(app.model(), "usl_peak_nodes") && frames_to_fit < 2000) frame(app, fr), ++frames_to_fit;
    CHECK(frames_to_fit > 1);
    CHECK(frames_to_fit < 2000);
    REQUIRE(has_metric(app.model(), "sweep_done_pct", &pct));
    CHECK(pct == 100);
    // A setting change restarts the sweep; the next frame does not finish it.
    REQUIRE(app.model().set(ScalingModel::kCoherence, 0.001));
    frame(app, fr);
    CHECK_FALSE(has_metric(app.model(), "usl_peak_nodes"));
    const auto& sm = static_cast<const ScalingModel&>(app.model());
    CHECK_FALSE(sm.sweep().capacity_done());
    int again = 0;
    while (!sm.sweep().done() && again < 4000) frame(app, fr), ++again;
    CHECK(sm.sweep().done());
    double peak = 0;
    CHECK(has_metric(app.model(), "usl_peak_nodes", &peak));
    CHECK(peak > 10);
    MESSAGE("scaling " << std::string(embed ? "embed 480x320" : "desktop 1400x900") << ": " << fr.count << " frames, capacities in "
                       << frames_to_fit + 1 << " frames, whole sweep after a change in " << again + 1
                       << " frames; slowest frame " << fr.worst_ms << " ms wall (frame " << fr.worst_at << "), "
                       << fr.worst_cpu_ms << " ms CPU");
  }
}

TEST_CASE("scaling: a model nobody drives still gives every figure (CLI, tests)") {
  ScalingModel m;
  m.reset(3);
  double peak = 0, pct = 0, cost = 0;
  // What one frame after each change cost before the sweep went progressive
  // in the shell too: metrics() finishing the capacity sweep in one go.
  const std::clock_t c0 = std::clock();
  CHECK(has_metric(m, "usl_peak_nodes", &peak));
  MESSAGE("metrics() of an undriven model, finishing the capacity sweep in one go: "
          << 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC << " ms CPU");
  CHECK(has_metric(m, "cost_per_krps_vertical_usd_h", &cost));
  CHECK(has_metric(m, "sweep_done_pct", &pct));
  CHECK(pct == 100);
  CHECK(cost > 0);
  CHECK_FALSE(m.sweep_driven());
}

TEST_CASE("work budget: a slice is sized by how long the last one took") {
  WorkBudget b(20000, 2000, 200000, 6.0);
  b.record(30.0);  // 20,000 events took 30 ms (wasm, busy laptop): 5x over
  CHECK(b.events() == 4000);
  b.record(1.0);  // then 4,000 took 1 ms: 24,000 would fit, but grow 2x at most
  CHECK(b.events() == 8000);
  for (int i = 0; i < 20; ++i) b.record(0.001);
  CHECK(b.events() == 200000);  // a fast machine: the ceiling
  for (int i = 0; i < 20; ++i) b.record(1000.0);
  CHECK(b.events() == 2000);  // a stalled frame: the floor, never zero
  // A slice that finishes the work used less than it was given: not timed.
  int calls = 0;
  const bool finished = b.run([&](uint64_t events) {
    ++calls;
    CHECK(events == 2000);
    return true;
  });
  CHECK(finished);
  CHECK(calls == 1);
  CHECK(b.events() == 2000);
}

TEST_CASE("work budget: a target that follows the frame interval") {
  // The scaling view's share: a fifth of the interval, 6 to 20 ms.
  CHECK(WorkBudget::frame_share_ms(1000.0 / 60.0, 0.2, 6.0, 20.0) == 6.0);  // 60 frames a second: the floor
  CHECK(WorkBudget::frame_share_ms(50.0, 0.2, 6.0, 20.0) == doctest::Approx(10.0));
  CHECK(WorkBudget::frame_share_ms(120.0, 0.2, 6.0, 20.0) == 20.0);  // a slow renderer: at most 20 ms
  WorkBudget b(4096, 1000, 200000, 8.0);
  b.record(8.0);  // on target
  CHECK(b.events() == 4096);
  b.set_target_ms(16.0);  // frames came slower: twice the time, twice the events
  CHECK(b.target_ms() == 16.0);
  b.record(8.0);
  CHECK(b.events() == 8192);
  b.set_target_ms(64.0);  // up by 2x a slice at most
  b.record(16.0);
  CHECK(b.events() == 16384);
  b.set_target_ms(2.0);  // down at once
  b.record(32.0);
  CHECK(b.events() == 1024);
}
