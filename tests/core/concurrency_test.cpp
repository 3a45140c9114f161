#include <doctest.h>

#include <iterator>

#include <cmath>
#include <initializer_list>
#include <memory>
#include <utility>

#include "scene_helpers.h"
#include "scenes/concurrency.h"

using namespace dsviz;

namespace {
using test::metric;
using test::Sets;

std::unique_ptr<ConcurrencyModel> run(Sets sets, Time d = 10 * kMin, uint64_t seed = 1) { return test::run<ConcurrencyModel>(sets, d, seed); }

Time slower(const ConcurrencyModel::Round& r) { return r.branch_b > r.branch_c ? r.branch_b : r.branch_c; }
}  // namespace

TEST_SUITE("concurrency") {
  TEST_CASE("reports exactly the issue's metric keys") {
    auto m = run({}, 1 * kMin);
    std::vector<Metric> out;
    m->metrics(out);
    const char* keys[] = {"rounds", "order_b_first", "order_c_first", "order_ties", "latency_p50_ms", "latency_p99_ms", "lost_updates",
                          "batch_runs", "batch_b_first", "batch_c_first", "batch_ties", "batch_lost_update_rounds",
                          "batch_mean_latency_ms", "batch_mean_slower_branch_ms", "batch_mean_sum_of_branches_ms"};
    REQUIRE(out.size() == std::size(keys));
    for (size_t i = 0; i < std::size(keys); ++i) CHECK(out[i].key == keys[i]);
  }

  TEST_CASE("the scenario repeats: counts grow with duration, one order per round") {
    auto a = run({}, 10 * kMin), b = run({}, 20 * kMin);
    const double na = metric(*a, "order_b_first") + metric(*a, "order_c_first");
    const double nb = metric(*b, "order_b_first") + metric(*b, "order_c_first");
    CHECK(na == double(a->rounds_done()));
    // A round takes ~150 ms plus 500 ms of thinking: ~900 in 10 minutes.
    CHECK(na > 700);
    CHECK(na < 1100);
    CHECK(nb > 1.8 * na);
  }

  TEST_CASE("replies in the same nanosecond are ties, not 'B first'") {
    // Equal links, no jitter: B's response and C's ack reach A together.
    Sets same = {{"ab_jitter_ms", 0}, {"ac_jitter_ms", 0}};
    auto m = run(same, 1 * kMin);
    REQUIRE(m->rounds_done() > 50);
    CHECK(metric(*m, "order_ties") == double(m->rounds_done()));
    CHECK(metric(*m, "order_b_first") == 0);
    CHECK(metric(*m, "order_c_first") == 0);
    CHECK(m->rounds().back().tie);
    CHECK_FALSE(m->rounds().back().b_first);
    m->run_batch(200);
    CHECK(m->batch().ties == 200);
    CHECK(m->batch().b_first + m->batch().c_first == 0);
    // A 1 ms difference is an order again.
    auto d = run({{"ab_jitter_ms", 0}, {"ac_jitter_ms", 0}, {"ac_ms", 31}}, 1 * kMin);
    CHECK(metric(*d, "order_ties") == 0);
    CHECK(metric(*d, "order_b_first") == double(d->rounds_done()));
    CHECK(d->check_invariants() == "");
  }

  TEST_CASE("same seed, same run; different seeds, different interleavings") {
    auto a = run({}, 1 * kMin, 7), b = run({}, 1 * kMin, 7);
    CHECK(a->trace_hash() == b->trace_hash());
    CHECK(metric(*a, "order_b_first") == metric(*b, "order_b_first"));
    int b_first = 0, c_first = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed) {
      auto m = run({}, 1 * kSec, seed);
      REQUIRE(m->rounds_done() >= 1);
      (m->rounds()[0].b_first ? b_first : c_first)++;
    }
    CHECK(b_first > 5);
    CHECK(c_first > 5);
  }

  TEST_CASE("end-to-end latency is the slower branch, not the sum") {
    // Fixed delays: user 10 ms, A-B 50 ms, A-C 80 ms each way.
    auto m = run({{"user_jitter_ms", 0}, {"ab_jitter_ms", 0}, {"ac_jitter_ms", 0}, {"user_ms", 10}, {"ab_ms", 50},
                  {"ac_ms", 80}},
                 1 * kMin);
    REQUIRE(m->rounds().size() > 10);
    for (size_t i = 0; i < m->rounds().size(); ++i) {
      const auto& r = m->rounds()[i];
      CHECK(r.branch_b == 100 * kMs);
      CHECK(r.branch_c == 160 * kMs);
      CHECK(r.b_first);  // B's response always wins
      CHECK(r.latency == 180 * kMs);    // 10 + max(100, 160) + 10, not 10 + 100 + 160 + 10
    }
    CHECK(metric(*m, "latency_p50_ms") == doctest::Approx(180).epsilon(0.03));
    CHECK(metric(*m, "order_c_first") == 0);

    // With jitter everywhere, every round still waits exactly for its slower branch.
    auto j = run({}, 10 * kMin, 3);
    for (size_t i = 0; i < j->rounds().size(); ++i) {
      const auto& r = j->rounds()[i];
      REQUIRE(r.latency == r.up + slower(r) + r.down);
      CHECK(r.latency < r.up + r.branch_b + r.branch_c + r.down);
    }
  }

  TEST_CASE("run 1,000 times: order frequencies and the latency distribution") {
    auto m = run({}, 5 * kSec);
    const uint64_t hash = m->trace_hash();
    m->run_batch(1000);
    const auto& b = m->batch();
    CHECK(b.runs == 1000);
    CHECK(b.b_first + b.c_first == 1000);
    // Identical links: each order about half the time.
    CHECK(b.b_first > 400);
    CHECK(b.b_first < 600);
    CHECK(b.latency.count() == 1000);
    uint64_t binned = 0;
    for (uint32_t c : b.bins) binned += c;
    CHECK(binned == 1000);
    // The mean wait equals the mean slower branch and is far below the sum.
    CHECK(b.mean_latency_ms == doctest::Approx(b.mean_slower_ms).epsilon(1e-9));
    CHECK(b.mean_sum_ms - b.mean_latency_ms > 50);  // about the mean faster branch (~75 ms)
    // The batch leaves the live run alone and replays for the same seed.
    CHECK(m->trace_hash() == hash);
    auto m2 = run({}, 1 * kSec);
    m2->run_batch(1000);
    CHECK(m2->batch().b_first == b.b_first);
    CHECK(m2->batch().mean_latency_ms == b.mean_latency_ms);
    // Another seed draws other trials.
    auto m3 = run({}, 1 * kSec, 2);
    m3->run_batch(1000);
    CHECK(m3->batch().mean_latency_ms != b.mean_latency_ms);

    // A slow A-C link: C's ack is last almost always.
    REQUIRE(m->set("ac_ms", 200));
    CHECK(m->batch().runs == 0);  // stale results are dropped
    m->run_batch(1000);
    CHECK(m->batch().b_first == 1000);
  }

  TEST_CASE("two users, one record: an update is lost when the reads interleave") {
    // Both users start together over identical links: both read the same x.
    auto m = run({{"mode", 1}, {"stagger_ms", 0}, {"user_jitter_ms", 0}, {"ab_jitter_ms", 0}, {"ac_jitter_ms", 0}},
                 1 * kMin);
    REQUIRE(m->rounds_done() > 10);
    CHECK(metric(*m, "lost_updates") == double(m->rounds_done()));
    CHECK(m->record_value() == int64_t(m->rounds_done()));  // +1 per round where +2 was meant
    const auto& r = m->rounds().back();
    CHECK(r.lost_client >= 0);
    CHECK(r.read_value[0] == r.read_value[1]);
    CHECK(r.final_value == r.start_value + 1);
    // The lost write is a Write arriving at A.
    const MessageRecord* w = nullptr;
    for (size_t i = 0; i < m->cluster().trace.size(); ++i)
      if (m->cluster().trace[i].id == r.lost_write_msg) w = &m->cluster().trace[i];
    REQUIRE(w);
    CHECK(w->kind == ConcurrencyModel::kWrite);
    CHECK(w->to == ConcurrencyModel::kA);
    CHECK(metric(*m, "order_b_first") + metric(*m, "order_c_first") == 0);
  }

  TEST_CASE("two users far apart in time rarely collide") {
    auto m = run({{"mode", 1}, {"stagger_ms", 1000}, {"user_ms", 1}, {"ab_ms", 1}, {"ac_ms", 1}, {"user_jitter_ms", 0},
                  {"ab_jitter_ms", 0}, {"ac_jitter_ms", 0}},
                 10 * kMin);
    REQUIRE(m->rounds_done() > 200);
    CHECK(metric(*m, "lost_updates") < 0.05 * double(m->rounds_done()));
    // Default settings: lost in a good share of rounds, not all.
    auto d = run({{"mode", 1}}, 10 * kMin);
    CHECK(metric(*d, "lost_updates") > 0.2 * double(d->rounds_done()));
    CHECK(metric(*d, "lost_updates") < 0.95 * double(d->rounds_done()));
    d->run_batch(1000);
    CHECK(d->batch().lost > 200);
    CHECK(d->batch().lost < 950);
    CHECK(d->batch().latency.count() == 2000);
  }

  TEST_CASE("every setting at its minimum and maximum, in both modes") {
    ConcurrencyModel probe;
    for (int mode = 0; mode < 2; ++mode) {
      for (const Param& p : probe.params()) {
        for (double v : {p.min, p.max}) {
          auto m = std::make_unique<ConcurrencyModel>();
          REQUIRE(m->set("mode", mode));
          REQUIRE(m->set(p.key, v));
          m->reset(11);
          m->run_until(20 * kSec);
          CAPTURE(p.key);
          CAPTURE(v);
          CHECK(test::sane(*m) == "");
          m->run_batch(50);
          CHECK(std::isfinite(m->batch().mean_latency_ms));
        }
      }
    }
    // All at once: the fastest and the slowest corners.
    for (int corner = 0; corner < 2; ++corner) {
      for (int mode = 0; mode < 2; ++mode) {
        auto m = std::make_unique<ConcurrencyModel>();
        for (const Param& p : probe.params())
          if (p.key != "mode") REQUIRE(m->set(p.key, corner ? p.max : p.min));
        REQUIRE(m->set("mode", mode));
        m->reset(5);
        m->run_until(20 * kSec);
        CHECK(m->check_invariants() == "");
        CHECK(m->rounds_done() > 0);
      }
    }
  }

  TEST_CASE("live changes keep the run consistent") {
    auto m = run({}, 30 * kSec);
    REQUIRE(m->set("ab_ms", 300));
    REQUIRE(m->set("think_ms", 0));
    m->run_until(60 * kSec);
    CHECK(m->check_invariants() == "");
    REQUIRE(m->set("mode", 1));  // a mode switch starts over
    CHECK(m->now() == 0);
    m->run_until(30 * kSec);
    CHECK(m->check_invariants() == "");
    CHECK(metric(*m, "order_b_first") == 0);
  }

  TEST_CASE("memory stays bounded over long runs") {
    auto m = run({}, 6 * kHour);
    CHECK(m->rounds().size() <= m->rounds().capacity());
    CHECK(m->cluster().trace.size() <= m->cluster().trace.capacity());
    CHECK(m->sim().pending() <= 4);
  }
}
