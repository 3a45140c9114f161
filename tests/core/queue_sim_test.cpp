#include <doctest.h>

#include <algorithm>
#include <cstdint>
#include <queue>
#include <tuple>
#include <vector>

#include "event_queue.h"
#include "model.h"
#include "rng.h"
#include "sim.h"

using namespace dsviz;

// The reference for the queue tests: a plain binary heap over (time,
// insertion seq, payload), earliest first.
namespace {
using Ref = std::tuple<Time, uint64_t, Event>;
struct Later {
  bool operator()(const Ref& x, const Ref& y) const {
    return std::get<0>(x) != std::get<0>(y) ? std::get<0>(x) > std::get<0>(y) : std::get<1>(x) > std::get<1>(y);
  }
};
}  // namespace

TEST_SUITE("event_queue") {
  TEST_CASE("pops in time order, ties in scheduling order") {
    EventQueue q;
    q.push(30, Event{1});
    q.push(10, Event{2});
    q.push(20, Event{3});
    q.push(10, Event{4});
    q.push(10, Event{5});
    std::vector<uint32_t> kinds;
    Time t, last = -1;
    Event e;
    while (q.pop(t, e)) {
      CHECK(t >= last);
      last = t;
      kinds.push_back(e.kind);
    }
    CHECK(kinds == std::vector<uint32_t>{2, 4, 5, 3, 1});
    CHECK(q.empty());
  }
  TEST_CASE("random pushes and pops agree with a sorted reference") {
    EventQueue q;
    Rng r(9);
    std::vector<std::pair<Time, uint64_t>> ref;  // (time, seq)
    uint64_t seq = 0;
    for (int round = 0; round < 20000; ++round) {
      if (ref.empty() || r.below(3) != 0) {
        Time at = Time(r.below(1000));
        q.push(at, Event{0, 0, seq, 0});
        ref.emplace_back(at, seq++);
      } else {
        auto it = std::min_element(ref.begin(), ref.end());
        Time t;
        Event e;
        REQUIRE(q.pop(t, e));
        CHECK(t == it->first);
        CHECK(e.a == it->second);
        ref.erase(it);
      }
      REQUIRE(q.size() == ref.size());
    }
    CHECK(q.next_time() == std::min_element(ref.begin(), ref.end())->first);
    q.clear();
    CHECK(q.empty());
    CHECK(q.next_time() == kTimeMax);
  }
  TEST_CASE("matches std::priority_queue on (time, seq) through bursts, drains, ties and clear") {
    EventQueue q;
    Rng r(2024);
    uint64_t checked = 0;
    for (int phase = 0; phase < 40; ++phase) {
      std::priority_queue<Ref, std::vector<Ref>, Later> ref;
      uint64_t seq = 0;
      Time now = 0;
      q.clear();  // also starts the queue's own sequence numbers again
      // Few distinct times (many ties) in some phases, spread-out ones in
      // others; sizes grow past several 4-ary levels (5, 21, 85, 341, 1365).
      const uint64_t spread = phase % 3 == 0 ? 3 : phase % 3 == 1 ? 50 : 1000000;
      const int target = 1 + int(r.below(phase < 20 ? 40 : 3000));
      for (int op = 0; op < 6000; ++op) {
        const bool fill = ref.size() < size_t(target) ? r.below(4) != 0 : r.below(4) == 0;
        if (ref.empty() || fill) {
          // Mostly at or after now, as the simulator schedules; sometimes earlier.
          const Time at = r.below(8) == 0 ? Time(r.below(spread)) : now + Time(r.below(spread));
          const Event e{uint32_t(r.below(7)), uint32_t(r.next()), r.next(), seq};
          q.push(at, e);
          ref.push({at, seq++, e});
        } else {
          const auto [rt, rs, re] = ref.top();
          ref.pop();
          REQUIRE(q.next_time() == rt);
          Time t;
          Event e;
          REQUIRE(q.pop(t, e));
          REQUIRE(t == rt);
          REQUIRE(e.b == rs);  // the insertion sequence: ties keep scheduling order
          CHECK((e.kind == re.kind && e.node == re.node && e.a == re.a));
          now = t;
          ++checked;
        }
        REQUIRE(q.size() == ref.size());
        if (op % 1500 == 1499) {  // drain to empty now and then
          Time t;
          Event e;
          while (!ref.empty()) {
            REQUIRE(q.pop(t, e));
            REQUIRE((t == std::get<0>(ref.top()) && e.b == std::get<1>(ref.top())));
            ref.pop();
          }
          CHECK(q.empty());
          CHECK(!q.pop(t, e));
          CHECK(q.next_time() == kTimeMax);
        }
      }
    }
    CHECK(checked > 50000);
  }
  // The queue buckets times by their bits, so the cases that could break it
  // are about bits: times near both ends of int64, jumps across many levels,
  // runs of equal times larger than a sorted run, and pushes before the time
  // last popped or peeked at (which go to a side heap).
  TEST_CASE("matches std::priority_queue at the edges: int64 ends, huge jumps, equal-time runs, pushes below a peek") {
    EventQueue q;
    std::priority_queue<Ref, std::vector<Ref>, Later> ref;
    uint64_t seq = 0, checked = 0;
    Time last = 0;  // the last time popped
    const auto push = [&](Time at) {
      const Event e{uint32_t(seq % 5), uint32_t(seq * 7), seq * 13, seq};
      q.push(at, e);
      ref.push({at, seq++, e});
      REQUIRE(q.size() == ref.size());
    };
    const auto pop = [&]() -> Time {
      REQUIRE(!ref.empty());
      const auto [rt, rs, re] = ref.top();
      ref.pop();
      REQUIRE(q.next_time() == rt);
      Time t;
      Event e;
      REQUIRE(q.pop(t, e));
      REQUIRE(t == rt);
      REQUIRE(e.b == rs);
      CHECK((e.kind == re.kind && e.node == re.node && e.a == re.a));
      ++checked;
      last = t;
      return t;
    };
    const auto drain = [&] {
      while (!ref.empty()) pop();
      Time t;
      Event e;
      CHECK(!q.pop(t, e));
      CHECK(q.next_time() == kTimeMax);
      CHECK(q.empty());
    };
    // Both ends of int64 and zero, each several times (ties), in mixed order.
    for (int i = 0; i < 3; ++i)
      for (Time t : {kTimeMax, Time(0), INT64_MIN, kTimeMax - 1, INT64_MIN + 1, Time(-1), Time(1)}) push(t);
    drain();
    // Equal-time runs of 1..100 in one coarse bucket: a run larger than the
    // sorted-run size is spread over finer levels and must keep its order.
    Rng r(77);
    for (int run = 1; run <= 150; run += 7) {
      // Just above the last pop (the radix levels) or anywhere (often below
      // it: the side heap).
      // After the first drain the last pop is kTimeMax: stay below the top
      // of int64 so that base plus the run's spread cannot overflow.
      const Time above = std::min(last, kTimeMax - (Time(1) << 31) - (Time(1) << 25));
      const Time base = run % 2 ? above + Time(r.below(1ULL << r.below(30))) : Time(r.below(1ULL << 40));
      const int step = int(r.below(24));  // how far apart the run's few times are
      for (int i = 0; i < 2 * run; ++i) push(base + Time(r.below(3)) * (Time(1) << step));
      drain();
    }
    // Two equal-time runs of 40 interleaved, just past a round number above
    // the last pop: a coarse bucket that is spread straight into the finest
    // level, whose buckets are popped without sorting.
    for (int bits : {4, 8, 12, 20, 36, 48}) {
      const Time round = ((last >> bits) + 1) << bits;
      for (int i = 0; i < 80; ++i) push(round + 5 + (i % 2));
      drain();
    }
    // Hold with jumps: each popped event comes back a delay later, the delay
    // 0 (an equal time), tiny, or across 20-60 bits; now and then a push
    // below the last peek or pop, and a run to near the top of int64.
    for (int i = 0; i < 2000; ++i) push(Time(r.below(1ULL << 30)));
    for (int op = 0; op < 200000; ++op) {
      const Time t = pop();
      const int kind = int(r.below(16));
      Time delay = kind < 3 ? 0 : kind < 10 ? Time(r.below(64)) : Time(r.below(1ULL << (20 + r.below(40))));
      if (t > kTimeMax - delay) delay = kTimeMax - t;
      push(t + delay);
      if (kind == 14 && r.below(8) == 0) push(t - Time(r.below(1ULL << r.below(50))));  // before the last pop
      if (kind == 15) {
        const Time peek = q.next_time();  // settles the queue at the next time...
        REQUIRE(peek == std::get<0>(ref.top()));
        if (peek > t) push(t + Time(r.below(uint64_t(peek - t))));  // ...then something comes before it
      }
      if (op % 50000 == 49999) push(kTimeMax - Time(r.below(1000)));
    }
    drain();
    // clear() in the middle of a run forgets everything, then works again
    // from any time, including far below where it was.
    for (int i = 0; i < 500; ++i) push(Time(1) << 50 | Time(r.below(1000)));
    for (int i = 0; i < 100; ++i) pop();
    q.clear();
    ref = {};
    CHECK(q.empty());
    CHECK(q.next_time() == kTimeMax);
    for (int i = 0; i < 500; ++i) push(-Time(r.below(1000)));
    drain();
    CHECK(checked > 200000);
  }
}

namespace {
// A tiny model: a ping-pong between two nodes with random think times.
class PingModel : public Model {
 public:
  PingModel() {
    p_gap_ = add_param({"gap_ms", 1, 100, 10, "ms", "think time", false});
    p_n_ = add_param({"count", 1, 10, 2, "", "players", true});
  }
  uint64_t handled = 0;
  int resets = 0;
  void metrics(std::vector<Metric>& out) const override { out.push_back({"handled", double(handled)}); }
  void schedule_past() { sim_.at(sim_.now() - 1, Event{}); }

 protected:
  void on_reset() override {
    handled = 0;
    ++resets;
    rng_ = sim_.stream(1);
    sim_.at(0, Event{1, 0, 0, 0});
  }
  void on_event(const Event& e) override {
    ++handled;
    sim_.after(from_ms(rng_.uniform(0, param(p_gap_))), Event{1, e.node ^ 1, e.a + 1, 0});
  }

 private:
  size_t p_gap_, p_n_;
  Rng rng_;
};
}  // namespace

TEST_SUITE("model") {
  TEST_CASE("metric_value reads one figure of metrics(), 0 for a key the model does not report") {
    PingModel m;
    m.reset(1);
    for (int i = 0; i < 7; ++i) CHECK(m.step());
    CHECK(metric_value(m, "handled") == 7.0);
    CHECK(metric_value(m, "handle") == 0.0);
    CHECK(metric_value(m, "") == 0.0);
  }
  TEST_CASE("reset replays the same run; seeds differ") {
    PingModel a, b;
    a.reset(5);
    b.reset(5);
    a.run_until(10 * kSec);
    b.run_until(10 * kSec);
    CHECK(a.trace_hash() == b.trace_hash());
    CHECK(a.events() == b.events());
    CHECK(a.now() == 10 * kSec);
    b.reset(6);
    b.run_until(10 * kSec);
    CHECK(a.trace_hash() != b.trace_hash());
    a.reset(5);
    a.run_until(10 * kSec);
    CHECK(a.trace_hash() != b.trace_hash());
  }
  TEST_CASE("step runs exactly one event") {
    PingModel m;
    m.reset(1);
    CHECK(m.events() == 0);
    CHECK(m.step());
    CHECK(m.events() == 1);
    CHECK(m.handled == 1);
    CHECK(m.step());
    CHECK(m.events() == 2);
  }
  TEST_CASE("run_until in pieces equals one run") {
    PingModel a, b;
    a.reset(3);
    b.reset(3);
    a.run_until(5 * kSec);
    for (Time t = 0; t <= 5 * kSec; t += 7 * kMs + 3) b.run_until(t);
    b.run_until(5 * kSec);
    CHECK(a.trace_hash() == b.trace_hash());
  }
  TEST_CASE("set checks key, range and whole numbers, with a message naming the range") {
    PingModel m;
    std::string err;
    CHECK_FALSE(m.set("gap_ms", 0.5, &err));
    CHECK(err.find("1 to 100 ms") != std::string::npos);
    CHECK_FALSE(m.set("gap_ms", 1e300 * 1e300, &err));
    CHECK_FALSE(m.set("count", 2.5, &err));
    CHECK(err.find("whole number") != std::string::npos);
    CHECK_FALSE(m.set("nope", 1, &err));
    CHECK(err.find("unknown setting 'nope'") != std::string::npos);
    CHECK(err.find("gap_ms, count") != std::string::npos);
    const int before = m.resets;
    CHECK(m.set("gap_ms", 50, &err));
    CHECK(m.get("gap_ms") == 50);
    CHECK(m.resets == before + 1);  // default: a change rebuilds the run
  }
  TEST_CASE("scheduling in the past is reported as a broken invariant") {
    PingModel m;
    m.reset(1);
    m.run_until(kSec);
    CHECK(m.check_invariants() == "");
    m.schedule_past();
    CHECK(m.check_invariants() == "no event scheduled in the past");
    m.reset(1);
    CHECK(m.check_invariants() == "");
  }
  TEST_CASE("derived streams do not depend on each other") {
    Sim s;
    s.reset(11);
    Rng a = s.stream(1), b = s.stream(2), a2 = s.stream(1);
    CHECK(a.next() == a2.next());
    CHECK(a.next() != b.next());
  }
}
