#include <doctest.h>

#include <cmath>

#include "registry.h"
#include "scene_helpers.h"
#include "scenes/unity.h"

using namespace dsviz;

namespace {
UnityModel run(test::Sets sets, Time d = 10 * kMin, uint64_t seed = 1) { return std::move(*test::run<UnityModel>(sets, d, seed)); }
}  // namespace

TEST_SUITE("unity") {
  TEST_CASE("with everything up, every request is served") {
    UnityModel m = run({});
    CHECK(m.sent() > 5700);  // 10 req/s for 10 min, Poisson: 6000 +- 77
    CHECK(m.sent() < 6300);
    CHECK(m.failed() == 0);
    CHECK(m.served() == m.sent() - m.in_progress());
    // Two network trips (user->server->user, 10 ms each) at least.
    CHECK(m.latency().min() >= 20 * kMs);
    CHECK(m.last_served_by() >= 0);
    CHECK(m.last_served_by() < 4);
  }
  TEST_CASE("half the servers down: the user is still served") {
    UnityModel m = run({{"crashed", 2}});
    CHECK(m.failed() == 0);
    CHECK(m.served() > 1000);
    // Calls to the data on a dead neighbour wait for a timeout: slower.
    UnityModel healthy = run({});
    CHECK(m.latency().quantile(0.99) > healthy.latency().quantile(0.99));
  }
  TEST_CASE("Lamport: the hidden service fails and so does every request") {
    UnityModel m = run({{"dependency_up", 0}});
    CHECK(m.served() == 0);
    CHECK(m.failed() > 1000);
    // ...unless requests do not need it.
    UnityModel free = run({{"dependency_up", 0}, {"auth", 0}});
    CHECK(free.failed() == 0);
  }
  TEST_CASE("all servers down: every request fails") {
    UnityModel m = run({{"nodes", 1}, {"crashed", 1}});
    CHECK(m.served() == 0);
    CHECK(m.failed() == m.sent());
  }
  TEST_CASE("a crash mid-run costs only the requests it held") {
    UnityModel m;
    REQUIRE(m.set("rate", 2));
    m.reset(3);
    m.run_until(60 * kSec);
    REQUIRE(m.failed() == 0);
    m.toggle_node(0);
    CHECK_FALSE(m.node_up(0));
    m.run_until(10 * kMin);
    // Until the next health check (1 s) a few requests can hit the dead server.
    CHECK(m.failed() > 0);
    CHECK(m.failed() < 10);
    CHECK_FALSE(m.routable(0));
    m.toggle_node(0);
    m.run_until(11 * kMin);
    CHECK(m.routable(0));
    CHECK(m.check_invariants() == "");
  }
  TEST_CASE("manual requests and live rate changes") {
    UnityModel m;
    REQUIRE(m.set("rate", 0));
    m.reset(1);
    m.send_request();
    m.run_until(5 * kSec);
    CHECK(m.sent() == 1);
    CHECK(m.served() == 1);
    REQUIRE(m.set("rate", 50));
    m.run_until(15 * kSec);
    CHECK(m.sent() > 300);
    CHECK(m.check_invariants() == "");
  }
  TEST_CASE("scrubbing replays the reader's clicks and live setting changes at their moments") {
    UnityModel m;
    m.reset(4);
    m.run_until(20 * kSec);
    m.toggle_node(1);  // crash a server
    m.step();          // a click between two events of the same instant must replay there too
    m.send_request();
    m.run_until(40 * kSec);
    REQUIRE(m.set("rate", 40));  // live
    m.run_until(60 * kSec);
    m.toggle_node(m.dependency_node());  // the hidden service fails
    m.run_until(90 * kSec);
    const uint64_t hash = m.trace_hash(), served = m.served(), failed = m.failed();
    CHECK(m.commands_logged() == 4);
    m.replay_to(50 * kSec);  // back: three inputs behind now, the fourth kept ahead
    CHECK(m.now() == 50 * kSec);
    CHECK(m.get("rate") == 40);
    CHECK(m.node_up(m.dependency_node()));
    CHECK(m.commands_logged() == 4);
    CHECK(m.inputs_applied() == 3);
    m.replay_to(30 * kSec);
    CHECK(m.get("rate") == 10);  // before the live change
    CHECK_FALSE(m.node_up(1));
    m.replay_to(90 * kSec);  // forward again: the same history, later inputs included
    CHECK_FALSE(m.node_up(m.dependency_node()));
    CHECK(m.trace_hash() == hash);
    CHECK(m.served() == served);
    m.replay_to(30 * kSec);
    m.send_request();  // a new input cuts the log here: a new branch of history
    CHECK(m.commands_logged() == 3);
    m.replay_to(90 * kSec);
    CHECK(m.get("rate") == 10);
    CHECK(m.node_up(m.dependency_node()));
    // Replaying the whole history from scratch reproduces the run exactly.
    UnityModel again;
    again.reset(4);
    again.run_until(20 * kSec);
    again.toggle_node(1);
    again.step();
    again.send_request();
    again.run_until(40 * kSec);
    REQUIRE(again.set("rate", 40));
    again.run_until(60 * kSec);
    again.toggle_node(again.dependency_node());
    again.run_until(90 * kSec);
    again.replay_to(70 * kSec);
    again.run_until(90 * kSec);
    CHECK(again.trace_hash() == hash);
    CHECK(again.served() == served);
    CHECK(again.failed() == failed);
    CHECK(again.check_invariants() == "");
  }
  TEST_CASE("the scene is registered first with its text") {
    REQUIRE(!scenes().empty());
    CHECK(std::string(scenes()[0].id) == "unity");
    const SceneInfo* s = find_scene("unity");
    REQUIRE(s);
    CHECK(s->try_list.size() >= 3);
    CHECK(find_scene("no-such-scene") == nullptr);
  }
}
