#include <doctest.h>

#include <algorithm>
#include <string>

#include "rng.h"
#include "scene_helpers.h"
#include "scenes/replication.h"

using namespace dsviz;

namespace {

using test::metric;
using R = ReplicationModel;

// A run with the reader's hand on the crash button: the primary crashes at
// random moments, old primaries come back at random moments (or on their
// own after restart_after_s). Checks, at every step, that epochs never go
// back and that there is never more than one primary.
struct Chaos {
  uint64_t max_epoch_seen = 1;
  bool epochs_monotonic = true;
  bool one_primary = true;
};

Chaos run_chaos(R& m, uint64_t seed, Time duration) {
  Chaos c;
  Rng rng(derive_seed(seed, 0xc4a05));
  std::vector<uint64_t> node_epochs(m.node_count(), 1);
  Time t = 0;
  while (t < duration) {
    t += from_ms(rng.uniform(200, 4000));
    m.run_until(t);
    const double roll = rng.uniform01();
    if (roll < 0.25) m.crash_primary();
    else if (roll < 0.40) m.restart(uint32_t(rng.below(m.node_count())));
    if (m.epoch() < c.max_epoch_seen) c.epochs_monotonic = false;
    c.max_epoch_seen = std::max(c.max_epoch_seen, m.epoch());
    int primaries = 0;
    for (uint32_t n = 0; n < m.node_count(); ++n) {
      if (m.node_epoch(n) < node_epochs[n]) c.epochs_monotonic = false;
      node_epochs[n] = m.node_epoch(n);
      primaries += m.role(n) == R::kPrimary;
    }
    if (primaries > 1) c.one_primary = false;
  }
  return c;
}

std::unique_ptr<R> chaos_model(uint64_t seed, int mode, int policy) {
  auto m = std::make_unique<R>();
  Rng pick(derive_seed(seed, 0x5e77));
  REQUIRE(m->set(R::kReplicas, double(1 + pick.below(5))));
  REQUIRE(m->set(R::kMode, mode));
  REQUIRE(m->set(R::kReadPolicy, policy));
  REQUIRE(m->set(R::kReplicaLagMs, pick.uniform(0, 400)));
  REQUIRE(m->set(R::kWriteRps, pick.uniform(20, 200)));
  REQUIRE(m->set(R::kDetectTimeoutMs, pick.uniform(200, 3000)));
  REQUIRE(m->set(R::kRestartAfterS, double(pick.below(8))));
  m->reset(seed);
  return m;
}

}  // namespace

TEST_SUITE("replication") {
  TEST_CASE("write latency follows the mode: async < semi-sync < sync, sync above the slowest replica's round trip") {
    double p50[3];
    for (int mode = 0; mode < 3; ++mode) {
      auto m = test::run<R>({{"replicas", 3}, {"mode", mode}}, 1 * kMin);
      p50[mode] = metric(*m, "write_latency_p50_ms");
      if (mode == R::kSync) {
        double slowest = 0, fastest = 1e9;
        for (uint32_t r = 1; r < m->node_count(); ++r) {
          slowest = std::max(slowest, 2 * m->pair_ms(0, r));
          fastest = std::min(fastest, 2 * m->pair_ms(0, r));
        }
        CHECK(p50[mode] > slowest);
        CHECK(p50[0] < fastest);  // async never waits for a replica
      }
    }
    CHECK(p50[0] < 10);  // two client hops and a millisecond of work
    CHECK(p50[1] > 2 * p50[0]);
    CHECK(p50[2] > 1.2 * p50[1]);
  }

  TEST_CASE("reads: replicas are stale, the primary is not, read-your-writes keeps a user's own writes") {
    // Each of the 4 users writes every 400 ms: reads mostly come between.
    auto any = test::run<R>({{"read_policy", 0}, {"write_rps", 10}}, 1 * kMin);
    auto prim = test::run<R>({{"read_policy", 1}, {"write_rps", 10}}, 1 * kMin);
    auto ryw = test::run<R>({{"read_policy", 2}, {"write_rps", 10}}, 1 * kMin);
    CHECK(metric(*any, "stale_reads") > 1000);
    CHECK(metric(*any, "ryw_violations") > 500);
    CHECK(metric(*prim, "stale_reads") == 0);
    CHECK(metric(*prim, "ryw_violations") == 0);
    CHECK(metric(*ryw, "ryw_violations") == 0);
    CHECK(metric(*ryw, "stale_reads") > 0);  // it promises only the user's own writes
    // ... and most reads still go to replicas.
    uint64_t at_replicas = 0;
    for (uint32_t n = 1; n < ryw->node_count(); ++n) at_replicas += ryw->reads_served(n);
    CHECK(double(at_replicas) > 0.5 * metric(*ryw, "reads_served"));
    CHECK(prim->reads_served(1) + prim->reads_served(2) == 0);
  }

  TEST_CASE("an async crash loses the acknowledged writes inside the lag window, and only those") {
    uint64_t lost_total = 0;
    for (uint64_t seed = 1; seed <= 10; ++seed) {
      CAPTURE(seed);
      auto m = test::run<R>({{"crash_primary_at_s", 30}, {"replica_lag_ms", 300}}, 1 * kMin, seed);
      REQUIRE(m->failovers().size() == 1);
      const R::Failover& f = m->failovers()[0];
      REQUIRE(f.new_primary > 0);
      const double window_ms = f.lag_at_crash_ms[f.new_primary];
      CHECK(window_ms >= 0);
      CHECK(f.lost == metric(*m, "lost_writes"));
      CHECK(f.kept <= f.old_end);
      for (size_t i = 0; i < m->lost_list().size(); ++i) {
        const R::LostWrite& w = m->lost_list()[i];
        CHECK(w.pos > f.kept);
        CHECK(w.pos <= f.old_end);
        CHECK(w.committed <= f.crash_at);
        CHECK(to_ms(f.crash_at - w.committed) <= window_ms);
        CHECK(w.acked >= w.committed);
        if (const R::Write* held = m->write(w.id)) CHECK(held->status == R::kLost);  // else trimmed
      }
      lost_total += f.lost;
    }
    // 300 ms of lag at 50 writes/s: about 15 writes a crash.
    CHECK(lost_total > 30);
  }

  TEST_CASE("what to try: crashes at default settings, then with more lag, then semi-sync and sync") {
    double lost[2] = {0, 0}, trail[2] = {0, 0};
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      for (int k = 0; k < 2; ++k) {
        auto m = test::run<R>({{"crash_primary_at_s", 30}, {"replica_lag_ms", k ? 500.0 : 100.0}}, 1 * kMin, seed);
        lost[k] += metric(*m, "lost_writes");
        for (uint32_t r = 1; r < m->node_count(); ++r) trail[k] += double(m->lag_writes(r));
      }
      for (int mode : {R::kSemiSync, R::kSync}) {
        auto m = test::run<R>({{"crash_primary_at_s", 30}, {"mode", mode}}, 1 * kMin, seed);
        CHECK(metric(*m, "lost_writes") == 0);
        CHECK(metric(*m, "failovers") == 1);
      }
    }
    CHECK(lost[0] >= 5);             // the async default loses a few writes a crash
    CHECK(lost[1] > 3 * lost[0]);    // five times the lag, several times the loss
    CHECK(trail[1] > 2 * trail[0]);
  }

  TEST_CASE("random primary crashes over many seeds: sync and semi-sync never lose an acknowledged write") {
    for (uint64_t seed = 1; seed <= 24; ++seed) {
      for (int mode : {R::kSemiSync, R::kSync}) {
        CAPTURE(seed);
        CAPTURE(mode);
        auto m = chaos_model(seed, mode, R::kAnyReplica);
        const Chaos c = run_chaos(*m, seed, 60 * kSec);
        CHECK(m->check_invariants() == "");
        CHECK(metric(*m, "lost_writes") == 0);
        CHECK(c.epochs_monotonic);
        CHECK(c.one_primary);
      }
    }
  }

  TEST_CASE("random primary crashes over many seeds: async loses writes, but only inside the lag window") {
    uint64_t lost = 0, failovers = 0;
    for (uint64_t seed = 1; seed <= 30; ++seed) {
      CAPTURE(seed);
      auto m = chaos_model(seed, R::kAsync, R::kReadYourWrites);
      const Chaos c = run_chaos(*m, seed, 60 * kSec);
      CHECK(m->check_invariants() == "");
      CHECK(c.epochs_monotonic);
      CHECK(c.one_primary);
      CHECK(metric(*m, "ryw_violations") == 0);
      uint64_t per_failover = 0;
      for (const R::Failover& f : m->failovers()) {
        per_failover += f.lost;
        // A loss needs a replica promoted while the old primary held more.
        if (f.lost) {
          REQUIRE(f.new_primary >= 0);
          CHECK(f.kept < f.old_end);
        }
      }
      CHECK(per_failover == metric(*m, "lost_writes"));
      // Each lost write was committed within the promoted replica's lag at the crash.
      for (size_t i = 0; i < m->lost_list().size(); ++i) {
        const R::LostWrite& w = m->lost_list()[i];
        REQUIRE(w.failover < m->failovers().size());
        const R::Failover& f = m->failovers()[w.failover];
        REQUIRE(f.new_primary >= 0);
        CHECK(w.pos > f.kept);
        CHECK(w.pos <= f.old_end);
        CHECK(w.committed <= f.crash_at);
        CHECK(to_ms(f.crash_at - w.committed) <= f.lag_at_crash_ms[f.new_primary]);
      }
      lost += metric(*m, "lost_writes");
      failovers += metric(*m, "failovers");
    }
    CHECK(failovers > 30);
    CHECK(lost > 0);  // the check above is not vacuous
  }

  TEST_CASE("read-your-writes holds through crashes in every mode") {
    for (uint64_t seed = 100; seed < 110; ++seed) {
      for (int mode = 0; mode < 3; ++mode) {
        CAPTURE(seed);
        CAPTURE(mode);
        auto m = chaos_model(seed, mode, R::kReadYourWrites);
        run_chaos(*m, seed, 60 * kSec);
        CHECK(m->check_invariants() == "");
        CHECK(metric(*m, "ryw_violations") == 0);
      }
    }
  }

  TEST_CASE("the old primary comes back: fenced by its stale epoch, it rejoins as a replica and catches up") {
    R m;
    REQUIRE(m.set(R::kCrashPrimaryAtS, 10));
    REQUIRE(m.set(R::kRestartAfterS, 5));
    REQUIRE(m.set(R::kDetectTimeoutMs, 1000));
    m.reset(3);
    m.run_until(10 * kSec + 500 * kMs);
    CHECK(m.role(0) == R::kDown);
    CHECK(m.primary() == -1);
    CHECK(m.router_primary() == 0);  // users still write to the dead primary
    m.run_until(12 * kSec);
    const int p = m.primary();
    REQUIRE(p > 0);
    CHECK(m.epoch() == 2);
    CHECK(m.node_epoch(0) == 1);
    m.run_until(15 * kSec + 1 * kMs);
    CHECK(m.role(0) == R::kFencedOut);  // back, still leading epoch 1 in its own mind
    m.run_until(16 * kSec);
    CHECK(m.fenced() == 1);
    CHECK(m.role(0) == R::kReplica);
    CHECK(m.node_epoch(0) == 2);
    m.run_until(30 * kSec);
    CHECK(m.primary() == p);
    CHECK(!m.catching_up(0));
    CHECK(m.lag_writes(0) < 30);
    CHECK(metric(m, "failovers") == 1);
    CHECK(metric(m, "writes_failed") > 30);  // writes sent to the dead primary before the promotion
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("a primary back before the detection timeout carries on: no failover, no new epoch") {
    R m;
    REQUIRE(m.set(R::kRestartAfterS, 0));
    m.reset(2);
    m.run_until(5 * kSec);
    m.crash_primary();
    m.run_until(6 * kSec);
    m.restart(0);
    m.run_until(20 * kSec);
    CHECK(m.primary() == 0);
    CHECK(m.epoch() == 1);
    CHECK(metric(m, "failovers") == 0);
    CHECK(m.failovers().size() == 1);
    CHECK(m.failovers()[0].promoted_at == -1);
    for (uint32_t r = 1; r < m.node_count(); ++r) CHECK(m.lag_writes(r) < 40);  // replication resumed
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("one replica, two crashes, async: with nobody holding the acknowledged writes the cluster waits") {
    R m;
    REQUIRE(m.set(R::kReplicas, 1));
    REQUIRE(m.set(R::kRestartAfterS, 0));
    m.reset(4);
    m.run_until(5 * kSec);
    m.crash_primary();  // node 0
    m.run_until(10 * kSec);
    CHECK(m.primary() == 1);
    m.crash_primary();  // node 1, which acknowledged writes node 0 never saw
    m.run_until(15 * kSec);
    m.restart(0);
    m.run_until(20 * kSec);
    CHECK(m.primary() == -1);  // node 0 would lose them: not promoted
    CHECK(m.role(0) == R::kStandby);
    m.restart(1);
    m.run_until(25 * kSec);
    CHECK(m.primary() == 1);
    CHECK(m.role(0) == R::kReplica);
    CHECK(m.failovers().size() == 2);
    CHECK(m.failovers()[1].lost == 0);
    CHECK(m.epoch() == 3);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("sync with no replica left: writes wait (and fail at the next crash) instead of being acknowledged") {
    R m;
    REQUIRE(m.set(R::kReplicas, 1));
    REQUIRE(m.set(R::kMode, R::kSync));
    REQUIRE(m.set(R::kRestartAfterS, 0));
    m.reset(4);
    m.run_until(5 * kSec);
    m.crash_primary();
    m.run_until(10 * kSec);
    REQUIRE(m.primary() == 1);
    const double acked = metric(m, "writes_acked");
    m.run_until(15 * kSec);
    CHECK(metric(m, "writes_acked") == acked);  // 250 writes, none acknowledged
    m.restart(0);  // a replica again: the waiting writes go through
    m.run_until(20 * kSec);
    CHECK(metric(m, "writes_acked") > acked + 400);
    CHECK(metric(m, "lost_writes") == 0);
    CHECK(m.check_invariants() == "");
  }

  TEST_CASE("replica lag: in writes and in ms, bounded at steady state, growing when a replica cannot keep up") {
    auto m = test::run<R>({{"replicas", 5}}, 30 * kSec);
    for (uint32_t r = 1; r < m->node_count(); ++r) {
      CHECK(m->applied(r) <= m->log_end());
      CHECK(m->lag_writes(r) == m->log_end() - m->applied(r));
      CHECK(m->lag_ms(r) < 2000);
      CHECK(m->lag_series(r).size() > 100);
    }
    CHECK(metric(*m, "max_lag_ms") > 100);
    // At 500 writes/s the replicas applying 200-400 writes/s fall behind.
    auto fast = test::run<R>({{"replicas", 5}, {"write_rps", 500}}, 30 * kSec);
    double worst = 0;
    for (uint32_t r = 1; r < fast->node_count(); ++r) worst = std::max(worst, fast->lag_ms(r));
    CHECK(worst > 5000);
  }

  TEST_CASE("long runs keep memory bounded: the applied, acknowledged part of the log is trimmed") {
    auto m = test::run<R>({{"write_rps", 200}}, 10 * kMin);
    CHECK(m->writes_issued() > 100000);
    CHECK(m->write(0) == nullptr);                        // long gone
    CHECK(m->write(m->writes_issued() - 1) != nullptr);   // the newest is held
    CHECK(metric(*m, "writes_acked") + metric(*m, "writes_failed") + 10 > double(m->writes_issued()));
  }

  TEST_CASE("live setting changes continue the run instead of rebuilding it") {
    R m;
    m.reset(5);
    m.run_until(20 * kSec);
    const uint64_t writes = m.writes_issued();
    REQUIRE(m.set(R::kMode, R::kSync));
    REQUIRE(m.set(R::kWriteRps, 200));
    CHECK(m.writes_issued() == writes);
    CHECK(m.now() == 20 * kSec);
    m.run_until(30 * kSec);
    CHECK(m.writes_issued() > writes + 1500);
    CHECK(m.check_invariants() == "");
    REQUIRE(m.set(R::kReplicas, 4));  // a different cluster: rebuilt
    CHECK(m.now() == 0);
    CHECK(m.node_count() == 5);
  }

  TEST_CASE("crash_primary_at_s set mid-run schedules the crash") {
    R m;
    m.reset(6);
    m.run_until(5 * kSec);
    REQUIRE(m.set(R::kCrashPrimaryAtS, 8));
    m.run_until(8 * kSec + 1 * kMs);
    CHECK(m.role(0) == R::kDown);
  }

  TEST_CASE("scrubbing replays crashes and restarts; a new click starts another history") {
    auto drive = [](R& m) {
      m.reset(7);
      REQUIRE(m.set(R::kRestartAfterS, 0));
      m.run_until(5 * kSec);
      m.crash_primary();
      m.run_until(15 * kSec);
      m.restart(0);
    };
    R a;
    drive(a);
    a.run_until(40 * kSec);
    const uint64_t hash = a.trace_hash();
    CHECK(a.fenced() == 1);
    R b;
    drive(b);
    b.run_until(20 * kSec);
    b.replay_to(12 * kSec);
    CHECK(b.role(0) == R::kDown);
    b.run_until(40 * kSec);  // the restart at 15 s happens again
    CHECK(b.trace_hash() == hash);
    b.replay_to(12 * kSec);
    b.restart(0);  // earlier this time
    b.run_until(40 * kSec);
    CHECK(b.trace_hash() != hash);
    CHECK(b.fenced() == 1);
    CHECK(b.check_invariants() == "");
  }
}
