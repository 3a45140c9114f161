// Scrubbing spread over frames: replay_begin/replay_step and the bounded
// run_for_events give exactly the run that replay_to/run_until give, a
// slice never runs more events than it was allowed, and progress only grows.
#include <doctest.h>

#include "registry.h"
#include "scenes/unity.h"

using namespace dsviz;

namespace {
// Unity at 50 req/s with a crash, a request and a live rate change.
void script(UnityModel& m) {
  REQUIRE(m.set("rate", 50));
  m.reset(12);
  m.run_until(1 * kMin);
  m.toggle_node(2);
  m.run_until(3 * kMin);
  m.send_request();
  m.run_until(5 * kMin);
  REQUIRE(m.set("rate", 20));
  m.run_until(10 * kMin);
}
}  // namespace

TEST_SUITE("replay") {
  TEST_CASE("a replay in slices ends where replay_to ends, and forward again gives the same history") {
    UnityModel a, b;
    script(a);
    script(b);
    const uint64_t hash = a.trace_hash();
    a.replay_to(6 * kMin);
    b.replay_begin(6 * kMin);
    CHECK(b.replaying());
    int slices = 0;
    double last = -1;
    for (;;) {
      const uint64_t before = b.events();
      const Model::ReplayProgress p = b.replay_step(5000);
      CHECK(b.events() - before <= 5000);
      ++slices;
      if (p.done) break;
      CHECK(p.fraction >= last);
      CHECK(p.fraction < 1);
      last = p.fraction;
    }
    CHECK_FALSE(b.replaying());
    CHECK(slices > 5);
    CHECK(b.now() == 6 * kMin);
    CHECK(b.trace_hash() == a.trace_hash());
    CHECK(b.get("rate") == 20);
    CHECK(b.inputs_applied() == 3);
    b.replay_begin(10 * kMin);  // forward: runs on, later inputs kept
    while (!b.replay_step(5000).done) {
    }
    CHECK(b.trace_hash() == hash);
  }
  TEST_CASE("run_for_events stops at its budget and resumes exactly") {
    for (const SceneInfo& s : scenes()) {
      CAPTURE(s.id);
      auto whole = s.make(), sliced = s.make();
      whole->reset(3);
      sliced->reset(3);
      const Time end = s.default_duration / 10;
      whole->run_until(end);
      int calls = 0;
      for (;;) {
        const uint64_t before = sliced->events();
        const bool reached = sliced->run_for_events(end, 777);
        ++calls;
        if (reached) break;
        CHECK(sliced->events() - before == 777);
        CHECK(sliced->now() < end);
      }
      CHECK(sliced->now() == end);
      CHECK(sliced->trace_hash() == whole->trace_hash());
      const uint64_t e = whole->events();
      CHECK(calls == int(e == 0 ? 1 : (e + 776) / 777));
    }
  }
  TEST_CASE("a replay with a zero budget makes no progress and does not finish") {
    UnityModel m;
    script(m);
    m.replay_begin(8 * kMin);
    const Model::ReplayProgress p = m.replay_step(0);
    CHECK_FALSE(p.done);
    CHECK(m.events() == 0);
    m.replay_step(UINT64_MAX);
    CHECK(m.now() == 8 * kMin);
  }
}
