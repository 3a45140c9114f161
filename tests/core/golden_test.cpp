// Golden trace hashes: the same scene, seed, settings, reader inputs and
// duration must give the same hash natively and in the wasm build under Node
// (this file runs in both presets). A change that alters a run on purpose
// updates the table: a failing row prints the hash it got.
#include <doctest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "detmath.h"
#include "registry.h"
#include "rng.h"
#include "places.h"
#include "scenes/availability.h"
#include "scenes/balancing.h"
#include "scenes/clocks.h"
#include "scenes/concurrency.h"
#include "scenes/failure.h"
#include "scenes/latency.h"
#include "scenes/quiz.h"
#include "scenes/replication.h"
#include "scenes/scaling.h"
#include "scenes/tradeoffs.h"
#include "scenes/unity.h"
#include "scene_helpers.h"

using namespace dsviz;

namespace {

using test::as;
using test::Input;

struct Golden {
  const char* scene;
  uint64_t seed;
  Time duration;
  uint64_t hash;
  // Settings before the run starts, "key=value key=value"; "" for defaults.
  const char* settings = "";
  std::vector<Input> inputs = {};
};

// Rows: defaults first (one or two per scene), then non-default settings
// with clicks and live changes for every scene.
const std::vector<Golden>& golden() {
  static const std::vector<Golden> rows = {
      {"unity", 1, 10 * kMin, 0xcfc3ffe385986268ULL},
      {"unity", 42, 1 * kMin, 0xb8da8e9ee795cd76ULL},
      {"concurrency", 1, 10 * kMin, 0x7a1c2453314ecefdULL},
      {"concurrency", 42, 1 * kMin, 0xee792b867f006fe5ULL},
      {"clocks", 1, 10 * kMin, 0x446f66a9513a4503ULL},
      {"clocks", 42, 1 * kMin, 0x46c47a752c447f67ULL},
      {"failure", 1, 24 * kHour, 0x317874f0da370c0fULL},
      {"failure", 42, 6 * kHour, 0x9f9e28197972a0ffULL},
      {"availability", 1, 30 * 24 * kHour, 0x1eb06b798c77c159ULL},  // table log (issue 14): same 26,375 events and metrics, a time a rounding apart
      {"availability", 42, 24 * kHour, 0x76f8af8ce6f4af97ULL},
      {"scaling", 1, 60 * kSec, 0xf41f721d6d101e93ULL},
      {"scaling", 42, 10 * kSec, 0x233734a9f96b4b0eULL},
      {"latency", 1, 60 * kSec, 0x336089754f3f2b0cULL},
      {"latency", 42, 20 * kSec, 0x39e9828fa36dc5dcULL},
      {"tradeoffs", 1, 10 * kMin, 0x2252864fbfa642a8ULL},
      {"tradeoffs", 42, 1 * kMin, 0x1567848a8ec363dfULL},
      {"quiz", 1, 10 * kMin, 0xeaaa22ce00127fc8ULL},
      {"quiz", 42, 1 * kMin, 0x7d14a1b0d559e5e6ULL},
      {"replication", 1, 2 * kMin, 0x63677226e66c42aaULL},
      {"replication", 42, 1 * kMin, 0x291d94b6d1db469cULL},
      {"balancing", 1, 2 * kMin, 0xf2ff2be5ebd66e5eULL},
      {"balancing", 42, 1 * kMin, 0xbb63ab495c9ed129ULL},

      {"unity", 7, 6 * kMin, 0xcc260b327cbfd1fbULL, "nodes=6 rate=40 peer_call_pct=80 jitter_ms=20 timeout_ms=800",
       {{1 * kMin, [](Model& m) { as<UnityModel>(m).toggle_node(0); }},
        {2 * kMin, [](Model& m) { as<UnityModel>(m).send_request(); }},
        {3 * kMin, [](Model& m) { as<UnityModel>(m).toggle_node(as<UnityModel>(m).dependency_node()); }},
        {3 * kMin + 20 * kSec, [](Model& m) { as<UnityModel>(m).toggle_node(as<UnityModel>(m).dependency_node()); }},
        {4 * kMin, [](Model& m) { REQUIRE(m.set(UnityModel::kRate, 90)); }},
        {5 * kMin, [](Model& m) { REQUIRE(m.set(UnityModel::kLinkMs, 2.5)); }}}},
      {"concurrency", 3, 5 * kMin, 0x07465659337f77a8ULL, "mode=1 stagger_ms=50 user_jitter_ms=0",
       {{1 * kMin, [](Model& m) { REQUIRE(m.set(ConcurrencyModel::kAbMs, 60)); }},
        {2 * kMin, [](Model& m) { REQUIRE(m.set(ConcurrencyModel::kStaggerMs, 400)); }}}},
      // Equal links without jitter: every round's replies tie.
      {"concurrency", 4, 2 * kMin, 0xdced7694b9402bc1ULL, "ab_jitter_ms=0 ac_jitter_ms=0 think_ms=100",
       {{1 * kMin, [](Model& m) { REQUIRE(m.set(ConcurrencyModel::kAcJitterMs, 5)); }}}},
      {"clocks", 5, 5 * kMin, 0xbe74db15c6090c40ULL, "nodes=5 drift_ppm=500 rate=8 sync_period_s=10 sync_error_ms=40 lamport=1",
       {{2 * kMin, [](Model& m) { REQUIRE(m.set(ClocksModel::kDriftPpm, 250)); }},
        {3 * kMin, [](Model& m) { REQUIRE(m.set(ClocksModel::kRate, 20)); }},
        {4 * kMin, [](Model& m) { REQUIRE(m.set(ClocksModel::kSyncErrorMs, 1)); }}}},
      {"failure", 6, 6 * kHour, 0x71a2aa58804071c6ULL, "nodes=6 load_rps=450 mttr_min=5 shared_mtbf_h=2",
       {{10 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }},
        {2 * kHour, [](Model& m) { as<FailureModel>(m).trip_shared_unit(); }},
        {2 * kHour + 30 * kMin, [](Model& m) { as<FailureModel>(m).restore_all(); }},
        {3 * kHour, [](Model& m) { REQUIRE(m.set(FailureModel::kLoadRps, 700)); }}}},
      {"availability", 8, 3 * 24 * kHour, 0x8d0ebc7c81bbc663ULL, "replicas=2 correlated=1 database=1 mttr_min=5",
       {{1 * kHour, [](Model& m) { as<AvailabilityModel>(m).toggle(0); }},
        {2 * kHour, [](Model& m) { as<AvailabilityModel>(m).toggle(as<AvailabilityModel>(m).rack()); }},
        {3 * kHour, [](Model& m) { as<AvailabilityModel>(m).toggle(as<AvailabilityModel>(m).database()); }}}},
      {"scaling", 3, 20 * kSec, 0x519fa9cccc5a2ba2ULL, "nodes=32 load_rps=400 coherence=0.001",
       {{10 * kSec, [](Model& m) { REQUIRE(m.set("load_rps", 600)); }}}},
      // Crash a node and the big machine, then bring the machine back; a live change of contention.
      {"scaling", 5, 20 * kSec, 0xecf28e016b19ea9fULL, "nodes=8 load_rps=300 vertical_cores=32 service_ms=20 contention=0.08",
       {{4 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_node(3); }},
        {6 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_vertical(); }},
        {9 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_vertical(); }},
        {12 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_node(3); }},
        {15 * kSec, [](Model& m) { REQUIRE(m.set(ScalingModel::kContention, 0.02)); }}}},
      // Fail and restore a datacenter, a ping, move the user, add one, use the placement, live model changes.
      {"latency", 6, 40 * kSec, 0xae0f18d52e245f0bULL, "rate=60 inflation=1.5 fixed_ms=4 place_k=4",
       {{3 * kSec, [](Model& m) { as<LatencyModel>(m).fail_datacenter(find_place("New York")); }},
        {6 * kSec, [](Model& m) { as<LatencyModel>(m).send_ping(); }},
        {9 * kSec, [](Model& m) { as<LatencyModel>(m).restore_datacenter(find_place("New York")); }},
        {12 * kSec, [](Model& m) { as<LatencyModel>(m).move_user(-33.8688, 151.2093); }},
        {15 * kSec, [](Model& m) { as<LatencyModel>(m).add_datacenter(find_place("Sydney")); }},
        {18 * kSec, [](Model& m) { REQUIRE(m.set(LatencyModel::kRoutes, 0)); }},
        {21 * kSec, [](Model& m) { as<LatencyModel>(m).use_placement(); }},
        {24 * kSec, [](Model& m) { as<LatencyModel>(m).remove_datacenter(find_place("Sydney")); }},
        {27 * kSec, [](Model& m) { REQUIRE(m.set(LatencyModel::kRate, 150)); }}}},
      // Semi-sync with read-your-writes: crash the primary, bring it back by a click, go sync, crash again.
      {"replication", 9, 2 * kMin, 0xe15ea49b378d7ca5ULL, "replicas=3 mode=1 read_policy=2 write_rps=80 replica_lag_ms=300 link_ms=20 restart_after_s=0",
       {{30 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }},
        {50 * kSec, [](Model& m) { as<ReplicationModel>(m).restart(0); }},
        {60 * kSec, [](Model& m) { REQUIRE(m.set(ReplicationModel::kMode, 2)); }},
        {80 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }},
        {90 * kSec, [](Model& m) { REQUIRE(m.set(ReplicationModel::kReadRps, 500)); }}}},
      // Power of two over three balancers with uneven servers: crash and restart one, switch to least connections.
      {"balancing", 10, 1 * kMin, 0xb4279ad67026d504ULL, "strategy=3 servers=12 balancers=3 load_pct=90 slow_servers=2 cost_cv=2 power_spread=0.5",
       {{10 * kSec, [](Model& m) { as<BalancingModel>(m).toggle_server(4); }},
        {25 * kSec, [](Model& m) { as<BalancingModel>(m).toggle_server(4); }},
        {35 * kSec, [](Model& m) { REQUIRE(m.set(BalancingModel::kStrategy, 2)); }},
        {45 * kSec, [](Model& m) { REQUIRE(m.set(BalancingModel::kLoadPct, 120)); }}}},
      // Three regions and the central database: take a region down and back, the database down, more users.
      {"tradeoffs", 11, 5 * kMin, 0x1f39a91ef88723d8ULL, "regions=3 central_db=1 region_availability_pct=99",
       {{1 * kMin, [](Model& m) { as<TradeoffsModel>(m).toggle(0); }},
        {2 * kMin, [](Model& m) { as<TradeoffsModel>(m).toggle(0); }},
        {3 * kMin, [](Model& m) { REQUIRE(m.set(TradeoffsModel::kUsers, 1e7)); }},
        {4 * kMin, [](Model& m) { as<TradeoffsModel>(m).toggle(3); }}}},
      // The French quiz in file order: answer, move on, submit, retry the missed.
      {"quiz", 12, 1 * kMin, 0xa1dd5a429a5214a2ULL, "lang=1 shuffle=0",
       {{5 * kSec, [](Model& m) { as<QuizModel>(m).choose(0, 1); }},
        {6 * kSec, [](Model& m) { as<QuizModel>(m).submit(0); }},
        {10 * kSec, [](Model& m) { as<QuizModel>(m).next(); }},
        {12 * kSec, [](Model& m) { as<QuizModel>(m).choose(1, 0); }},
        {13 * kSec, [](Model& m) { as<QuizModel>(m).submit(1); }},
        {20 * kSec, [](Model& m) { as<QuizModel>(m).retry_missed(); }},
        {30 * kSec, [](Model& m) { REQUIRE(m.set(QuizModel::kShuffle, 1)); }}}},
      // Rows for new scenes go here: their defaults above, then settings and clicks.
  };
  return rows;
}

// The deterministic math (core/detmath.h) and the distributions built on it,
// folded into one hash: sin, cos, pow, exp, log, atan2 over a grid, a
// haversine distance, Pareto, normal and lognormal draws. Native and wasm
// must agree to the last bit, whatever libm or FMA contraction would do.
uint64_t detmath_hash() {
  uint64_t h = 0xcbf29ce484222325ULL;
  auto fold = [&h](double v) {
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    uint64_t s = b ^ h;
    h = splitmix64(s) * 0x100000001b3ULL;
  };
  for (int i = -200; i <= 200; ++i) {
    const double x = i * 0.0731;
    fold(dm::sin(x));
    fold(dm::cos(x));
    fold(dm::atan2(x, 1.5 - x * 0.3));
    fold(dm::exp(x));
    if (x > 0) {
      fold(dm::log(x));
      fold(dm::pow(x, 2.5));
      fold(dm::pow(x, -0.4));
    }
  }
  // Haversine between pairs of points, as a geographic model computes it.
  for (int i = 0; i < 50; ++i) {
    const double lat1 = dm::deg2rad(-80 + i * 3.1), lon1 = dm::deg2rad(-170 + i * 6.7);
    const double lat2 = dm::deg2rad(75 - i * 2.9), lon2 = dm::deg2rad(160 - i * 5.3);
    const double s1 = dm::sin((lat2 - lat1) / 2), s2 = dm::sin((lon2 - lon1) / 2);
    const double a = s1 * s1 + dm::cos(lat1) * dm::cos(lat2) * s2 * s2;
    fold(2 * 6371.0088 * dm::atan2(dm::sqrt(a), dm::sqrt(1 - a)));
  }
  Rng r(2024);
  for (int i = 0; i < 1000; ++i) {
    fold(r.pareto(1.5, 2.5));
    fold(r.normal(10, 3));
    fold(r.lognormal(0.5, 0.8));
    fold(r.exponential(7));
  }
  return h;
}

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%016llxULL", (unsigned long long)v);
  return b;
}

}  // namespace

TEST_SUITE("golden") {
  TEST_CASE("trace hashes match the table in every build") {
    for (const Golden& g : golden()) {
      const SceneInfo* info = find_scene(g.scene);
      REQUIRE_MESSAGE(info, g.scene);
      auto m = info->make();
      test::play(*m, g.settings, g.seed, g.inputs, g.duration);
      const std::string got = hex(m->trace_hash()), scene = g.scene, settings = g.settings;
      CAPTURE(scene);
      CAPTURE(g.seed);
      CAPTURE(settings);
      CAPTURE(got);
      CHECK(m->trace_hash() == g.hash);
      CHECK(m->check_invariants() == "");
    }
  }
  // Every scene needs both: defaults, and a row with non-default settings
  // plus the reader's inputs (its clicks, when it takes any, and live changes).
  TEST_CASE("every registered scene has a golden row with defaults and one with settings and inputs") {
    for (const auto& s : scenes()) {
      bool plain = false, busy = false;
      for (const Golden& g : golden()) {
        if (std::string(g.scene) != s.id) continue;
        plain |= g.settings[0] == '\0' && g.inputs.empty();
        busy |= g.settings[0] != '\0' && !g.inputs.empty();
      }
      CHECK_MESSAGE(plain, s.id);
      CHECK_MESSAGE(busy, s.id);
    }
  }
  TEST_CASE("every setting of every scene is part of the trace hash, and so are clicks") {
    for (const auto& s : scenes()) {
      const auto plain = s.make();
      for (const Param& p : plain->params()) {
        auto m = s.make();
        const double v = p.def != p.max ? p.max : p.min;
        const std::string id = s.id, key = p.key;
        CAPTURE(id);
        CAPTURE(key);
        REQUIRE(m->set(p.key, v));
        // Whether the change rebuilt the run or applied live, the hash sees it.
        CHECK(m->trace_hash() != plain->trace_hash());
      }
    }
    // The same click at the same moment gives the same hash; no click, another.
    auto a = find_scene("unity")->make(), b = find_scene("unity")->make(), c = find_scene("unity")->make();
    for (auto* m : {a.get(), b.get(), c.get()}) m->run_until(1 * kSec);
    as<UnityModel>(*a).toggle_node(0);
    as<UnityModel>(*b).toggle_node(0);
    CHECK(a->trace_hash() == b->trace_hash());
    CHECK(a->trace_hash() != c->trace_hash());
  }

  TEST_CASE("the deterministic math gives the same bits in every build") {
    const uint64_t h = detmath_hash();
    CAPTURE(hex(h));
    CHECK(h == 0xe7e9c65af58cc07bULL);
  }
}
