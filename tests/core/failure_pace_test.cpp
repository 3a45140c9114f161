// The failure scene opens at a pace where the reader's own click is what
// happens: a reader who crashes a node a few real seconds in sees the
// PartialFailure it causes, not a pile of random failures around it.
#include <doctest.h>

#include <cstdio>

#include "registry.h"
#include "scenes/failure.h"

using namespace dsviz;

namespace {

struct Outcome {
  bool quiet_before = false;  // no failure before the click
  bool carried_on = false;    // the others stayed up while it was down
};

// Opens the scene with its defaults and seed, the reader clicks node 0
// after `click_real_s` real seconds at `speed`, then watches `watch_real_s`.
Outcome reader_click(uint64_t seed, double speed, double click_real_s, double watch_real_s) {
  FailureModel m;
  m.reset(seed);
  const Time click = from_s(click_real_s * speed);
  m.run_until(click);
  Outcome o;
  const uint64_t before = m.failures(FailureModel::kRandom) + m.failures(FailureModel::kShared) +
                          m.failures(FailureModel::kOverload);
  o.quiet_before = before == 0;
  m.toggle_node(0);
  const Time end = click + from_s(watch_real_s * speed);
  o.carried_on = true;
  // Up to the repair of the clicked node (or the end of watching), the
  // other nodes stay up.
  while (m.now() < end && !m.node_up(0)) {
    if (m.up_count() + 1 < m.nodes()) {
      o.carried_on = false;
      break;
    }
    const Time next = m.sim().next_time();
    m.run_until(next < end ? next : end);
  }
  return o;
}

double share(double speed) {
  int good = 0;
  constexpr int kSeeds = 400;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Outcome o = reader_click(seed, speed, 5.0, 20.0);
    good += o.quiet_before && o.carried_on;
  }
  return double(good) / kSeeds;
}

}  // namespace

TEST_CASE("failure opens at a pace where the reader's click is the event that matters") {
  const SceneInfo* s = find_scene("failure");
  REQUIRE(s != nullptr);
  const double at_opening = share(double(s->opening_speed));
  const double at_30x = share(30.0);
  MESSAGE("reader's click alone for 20 s after clicking at 5 s: " << at_opening * 100 << " % of runs at "
          << s->opening_speed << "x, " << at_30x * 100 << " % at 30x");
  CHECK(at_opening >= 0.9);
  // What every reader who opens the page without a seed sees (seed 1).
  const Outcome first = reader_click(1, double(s->opening_speed), 5.0, 20.0);
  CHECK(first.quiet_before);
  CHECK(first.carried_on);
}
