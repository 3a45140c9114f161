// Checks every registered scene must pass, so a new scene gets them for free:
// replay by seed, and every setting at its minimum and maximum (one at a time
// and all together) with invariants holding and every figure finite.
#include <doctest.h>

#include <cmath>
#include <string>

#include "registry.h"
#include "scene_helpers.h"

using namespace dsviz;

namespace {
std::string sane_after(Model& m, uint64_t seed, Time d) {
  m.reset(seed);
  m.run_until(d);
  return test::sane(m);
}
}  // namespace

TEST_SUITE("scenes") {
  TEST_CASE("same seed, same run; another seed, another run") {
    for (const SceneInfo& s : scenes()) {
      CAPTURE(s.id);
      auto a = s.make(), b = s.make();
      a->reset(7);
      b->reset(7);
      a->run_until(s.default_duration);
      b->run_until(s.default_duration);
      CHECK(a->trace_hash() == b->trace_hash());
      CHECK(a->events() > 0);
      b->reset(8);
      b->run_until(s.default_duration);
      CHECK(a->trace_hash() != b->trace_hash());
    }
  }
  TEST_CASE("every setting at its minimum and maximum") {
    for (const SceneInfo& s : scenes()) {
      auto probe = s.make();
      for (const Param& p : probe->params()) {
        for (double v : {p.min, p.max}) {
          CAPTURE(s.id);
          CAPTURE(p.key);
          CAPTURE(v);
          auto m = s.make();
          REQUIRE(m->set(p.key, v));
          CHECK(sane_after(*m, 3, s.default_duration) == "");
        }
      }
      for (int corner = 0; corner < 2; ++corner) {
        CAPTURE(s.id);
        CAPTURE(corner);
        auto m = s.make();
        for (const Param& p : probe->params()) REQUIRE(m->set(p.key, corner ? p.max : p.min));
        CHECK(sane_after(*m, 4, s.default_duration) == "");
      }
    }
  }
  TEST_CASE("scrubbing back and running forward again gives the same run") {
    for (const SceneInfo& s : scenes()) {
      CAPTURE(s.id);
      auto m = s.make();
      m->reset(9);
      m->run_until(s.default_duration);
      const uint64_t hash = m->trace_hash(), events = m->events();
      m->replay_to(s.default_duration / 3);
      CHECK(m->now() == s.default_duration / 3);
      CHECK(m->events() <= events);
      m->replay_to(s.default_duration);  // forward: just runs
      CHECK(m->trace_hash() == hash);
      CHECK(m->events() == events);
    }
  }
  TEST_CASE("out-of-range and unknown settings are refused with the valid range") {
    for (const SceneInfo& s : scenes()) {
      CAPTURE(s.id);
      auto m = s.make();
      for (const Param& p : m->params()) {
        std::string err;
        CHECK_FALSE(m->set(p.key, p.max + 1, &err));
        CHECK(err.find(p.key) != std::string::npos);
        CHECK_FALSE(m->set(p.key, NAN, &err));
        CHECK(m->get(p.key) == p.def);
      }
      CHECK_FALSE(m->set("no_such_key", 1));
    }
  }
}
