#include <doctest.h>

#include "clock.h"
#include "cluster.h"
#include "network.h"

using namespace dsviz;

TEST_SUITE("clock") {
  TEST_CASE("offset and linear drift") {
    LocalClock c(2 * kSec, 100);  // +2 s, runs 100 ppm fast
    CHECK(c.read(0) == 2 * kSec);
    CHECK(c.read(86400 * kSec) == 86400 * kSec + 2 * kSec + 8640 * kMs);  // 8.64 s a day
    CHECK(c.error(10 * kSec) == 2 * kSec + 1 * kMs);
    LocalClock slow(0, -500);
    CHECK(slow.read(kSec) == kSec - 500 * kUs);
  }
  TEST_CASE("changing the drift keeps the reading continuous") {
    LocalClock c(0, 200);
    const Time before = c.read(10 * kSec);
    c.set_drift_ppm(0, 10 * kSec);
    CHECK(c.read(10 * kSec) == before);
    CHECK(c.read(20 * kSec) == before + 10 * kSec);
  }
  TEST_CASE("sync leaves an error within its bound") {
    Rng r(2);
    LocalClock c(5 * kSec, 300);
    for (int i = 0; i < 1000; ++i) {
      c.sync(i * kSec, 3 * kMs, r);
      const Time err = c.error(i * kSec);
      REQUIRE(err >= -3 * kMs);
      REQUIRE(err <= 3 * kMs);
    }
    c.sync(0, 0, r);
    CHECK(c.error(0) == 0);
  }
  TEST_CASE("Lamport clocks respect causality") {
    LamportClock a, b;
    uint64_t s1 = a.tick();
    uint64_t r1 = b.receive(s1);
    CHECK(r1 > s1);
    for (int i = 0; i < 10; ++i) b.tick();
    uint64_t s2 = b.tick();
    CHECK(a.receive(s2) > s2);
  }
}

TEST_SUITE("network") {
  TEST_CASE("fixed latency plus bounded uniform jitter") {
    Network n;
    n.reset(3, LinkSpec{10 * kMs, 4 * kMs, 0});
    Rng r(1);
    Time lo = kTimeMax, hi = 0;
    for (int i = 0; i < 10000; ++i) {
      Time d = n.sample_delay(0, 1, r);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    CHECK(lo >= 10 * kMs);
    CHECK(hi < 14 * kMs);
    CHECK(hi > 13900 * kUs);
  }
  TEST_CASE("loss probability and per-link overrides") {
    Network n;
    n.reset(2, LinkSpec{1 * kMs, 0, 0.2});
    n.set_link(1, 0, LinkSpec{50 * kMs, 0, 0});
    Rng r(2);
    int lost = 0;
    for (int i = 0; i < 20000; ++i) lost += n.sample_delay(0, 1, r) < 0;
    CHECK(double(lost) / 20000 == doctest::Approx(0.2).epsilon(0.05));
    CHECK(n.sample_delay(1, 0, r) == 50 * kMs);
  }
  TEST_CASE("partitions cut groups apart and heal") {
    Network n;
    n.reset(4, LinkSpec{});
    n.partition({0, 0, 1, 1});
    Rng r(3);
    CHECK(n.sample_delay(0, 1, r) > 0);
    CHECK(n.sample_delay(0, 2, r) < 0);
    CHECK(n.sample_delay(3, 1, r) < 0);
    n.heal();
    CHECK(n.sample_delay(0, 2, r) > 0);
  }
  TEST_CASE("heavy-tailed jitter keeps its mean near the setting") {
    for (Jitter shape : {Jitter::Exponential, Jitter::Pareto}) {
      Network n;
      n.reset(2, LinkSpec{0, 10 * kMs, 0, shape});
      Rng r(4);
      double sum = 0;
      for (int i = 0; i < 200000; ++i) sum += double(n.sample_delay(0, 1, r));
      CHECK(sum / 200000 == doctest::Approx(10.0 * kMs).epsilon(0.05));
    }
  }
}

TEST_SUITE("cluster") {
  TEST_CASE("messages are traced with both clocks and arrive after they leave") {
    Sim sim;
    sim.reset(1);
    Cluster c(8);
    c.reset(sim, 2, LinkSpec{5 * kMs, 0, 0}, 1);
    c.nodes[1].clock = LocalClock(-1 * kSec, 0);  // the receiver's clock is 1 s behind
    const uint64_t id = c.send(sim, 0, 1, 7, Event{99, 1, 0, 0});
    CHECK(c.in_flight() == 1);
    Event e;
    REQUIRE(sim.pop(e));
    CHECK(e.kind == 99);
    CHECK(e.a == id);
    CHECK(sim.now() == 5 * kMs);
    const MessageRecord* r = c.deliver(sim, e.a);
    REQUIRE(r);
    CHECK(r->send_true == 0);
    CHECK(r->recv_true == 5 * kMs);
    CHECK(r->due_true == 5 * kMs);
    CHECK(r->recv_local == 5 * kMs - kSec);  // stamped "before" it was sent
    CHECK(r->lamport_recv > r->lamport_send);
    CHECK(c.in_flight() == 0);
    CHECK(sim.check_invariants() == "");
  }
  TEST_CASE("the trace ring stays bounded") {
    Sim sim;
    sim.reset(1);
    Cluster c(16);
    c.reset(sim, 2, LinkSpec{}, 1);
    for (int i = 0; i < 1000; ++i) c.send(sim, 0, 1, 0, Event{});
    CHECK(c.trace.size() == 16);
    CHECK(c.trace.back().id == 999);
    CHECK(c.deliver(sim, 0) == nullptr);  // long gone from the ring
  }
  TEST_CASE("a receive updates the Lamport clock even when its record left the ring") {
    Sim sim;
    sim.reset(1);
    Cluster c(4);
    c.reset(sim, 3, LinkSpec{1 * kSec, 0, 0}, 1);
    for (int i = 0; i < 100; ++i) c.nodes[0].lamport.tick();  // node 0 is far ahead
    const uint64_t first = c.send(sim, 0, 1, 0, Event{5, 1, 0, 0});  // stamped 101
    for (int i = 0; i < 10; ++i) c.send(sim, 2, 0, 0, Event{6, 0, 0, 0});  // push it out of the ring
    REQUIRE(c.trace.find_pushed(first) == nullptr);
    Event e;
    REQUIRE(sim.pop(e));
    REQUIRE(e.a == first);
    CHECK(c.deliver(sim, e.a) == nullptr);
    CHECK(c.nodes[1].lamport.value() == 102);  // max(101, 0) + 1
    CHECK(c.delivered() == 1);
    while (sim.pop(e)) c.deliver(sim, e.a);
    CHECK(c.nodes[0].lamport.value() == 111);  // ten receives after its own 101
    CHECK(sim.check_invariants() == "");
  }
  TEST_CASE("clock readings are part of the trace hash") {
    // The same messages at the same true times; only the clocks differ.
    auto hash = [](Time sender_offset, double receiver_drift_ppm) {
      Sim sim;
      sim.reset(1);
      Cluster c(8);
      c.reset(sim, 2, LinkSpec{5 * kMs, 0, 0}, 1);
      c.nodes[0].clock = LocalClock(sender_offset, 0);
      c.nodes[1].clock = LocalClock(0, receiver_drift_ppm);
      for (int i = 0; i < 3; ++i) c.send(sim, 0, 1, 0, Event{1, 1, 0, 0});
      Event e;
      while (sim.pop(e)) c.deliver(sim, e.a);
      return sim.trace_hash();
    };
    CHECK(hash(0, 0) == hash(0, 0));
    CHECK(hash(0, 0) != hash(1 * kMs, 0));    // send stamps
    CHECK(hash(0, 0) != hash(0, 100));        // receive stamps: 0.5 us at 5 ms
    CHECK(hash(0, 100) != hash(0, 500));
  }
}
