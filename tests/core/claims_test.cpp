// Claims to readers: every "What to try" item of every scene (its record at
// the end of core/scenes/<id>.cpp) is a promise that a run shows something.
// One table: each row names the scene, the words of the claim it checks (a
// substring of one item), the run that shows it (settings, the reader's
// clicks and live changes, duration, seed) and a predicate over the run's
// figures. Reword an item and its row stops matching; change a model so the
// promise no longer holds and its predicate fails: either way the build fails.
#include <doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "registry.h"
#include "scene_helpers.h"
#include "scenes/availability.h"
#include "scenes/clocks.h"
#include "scenes/concurrency.h"
#include "scenes/failure.h"
#include "scenes/unity.h"

using namespace dsviz;

namespace {

using test::as;
using test::Input;

// A run's figures (Model::metrics) by key; a missing key fails the test.
struct Figures {
  std::map<std::string, double> v;
  double operator[](const std::string& key) const {
    auto it = v.find(key);
    if (it == v.end()) {
      FAIL("no figure " << key);
      return NAN;
    }
    return it->second;
  }
};

// What a predicate sees: the figures at the end of the run, at `mark` (to
// judge what happened after it: end - mark), and of the scene's defaults
// run with the same seed and duration and no inputs (to compare against).
struct Seen {
  Figures end, mark, base;
  double since_mark(const std::string& key) const { return end[key] - mark[key]; }
};

struct Claim {
  const char* scene;
  const char* text;  // a substring of one "What to try" item
  const char* settings;
  std::vector<Input> inputs;
  Time duration;
  bool (*holds)(const Seen&);
  const char* expect;  // the predicate in words, printed when it fails
  Time mark = 0;
  uint64_t seed = 1;
};

double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

// The table. One section per scene, in menu order; new scenes add theirs
// at the end (every try item needs a row: see the coverage test below).
const std::vector<Claim>& claims() {
  static const std::vector<Claim> rows = {
      // [unity] ---------------------------------------------------------------
      {"unity", "Crash one or two servers: the user keeps being served, a little slower", "",
       {{1 * kMin, [](Model& m) { as<UnityModel>(m).toggle_node(0); }},
        {1 * kMin, [](Model& m) { as<UnityModel>(m).toggle_node(1); }}},
       10 * kMin,
       [](const Seen& s) {
         return s.end["success_ratio"] > 0.99 && s.end["latency_p50_ms"] > s.base["latency_p50_ms"] &&
                s.end["latency_p50_ms"] < 2 * s.base["latency_p50_ms"];
       },
       "over 99 % served; median latency above the no-crash run's, under twice it"},
      {"unity", "Crash the hidden auth service: every request fails", "",
       {{0, [](Model& m) { as<UnityModel>(m).toggle_node(as<UnityModel>(m).dependency_node()); }}}, 10 * kMin,
       [](const Seen& s) { return s.end["requests_served"] == 0 && s.end["requests_failed"] > 5000; },
       "no request served, thousands failed"},
      {"unity", "follow one request through the servers", "", {}, 10 * kMin,
       [](const Seen& s) {
         // Request, auth call and reply, response, and for half of them a peer call and reply.
         const double per = share(s.end["messages_sent"], s.end["requests_sent"]);
         return per > 4.8 && per < 5.2;
       },
       "about 5 messages behind each request the user sees as one"},
      {"unity", "past about 70 req/s one server cannot keep up", "nodes=1 rate=60", {}, 10 * kMin,
       [](const Seen& s) { return s.end["success_ratio"] == 1 && s.end["latency_p50_ms"] < 150; },
       "one server at 60 req/s: everything served, median under 150 ms"},
      {"unity", "past about 70 req/s one server cannot keep up", "nodes=1 rate=90", {}, 10 * kMin,
       [](const Seen& s) { return s.end["success_ratio"] < 0.8 && s.end["latency_p50_ms"] > 1000; },
       "one server at 90 req/s: a fifth or more fail, median over 1 s"},
      {"unity", "Four servers at the maximum rate are far from it", "rate=100", {}, 10 * kMin,
       [](const Seen& s) { return s.end["success_ratio"] == 1 && s.end["latency_p50_ms"] < 100; },
       "four servers at 100 req/s: everything served, median under 100 ms"},

      // [concurrency] ---------------------------------------------------------
      {"concurrency", "B first about half the time when the links match", "",
       {{0, [](Model& m) { as<ConcurrencyModel>(m).run_batch(1000); }}}, 0,
       [](const Seen& s) {
         const double b = share(s.end["batch_b_first"], s.end["batch_runs"]);
         return s.end["batch_runs"] == 1000 && b > 0.42 && b < 0.58;
       },
       "1,000 runs, B first in 42-58 % of them"},
      {"concurrency", "Make the A-C link slower: C's ack comes last almost always", "ac_ms=100", {}, 10 * kMin,
       [](const Seen& s) {
         return share(s.end["order_b_first"], s.end["rounds"]) > 0.95 &&
                s.end["latency_p50_ms"] > s.base["latency_p50_ms"] + 80;
       },
       "B first in over 95 % of rounds; median latency up by more than the 2 x 70 ms added to C's branch minus B's"},
      {"concurrency", "concurrency hides the faster one", "",
       {{0, [](Model& m) { as<ConcurrencyModel>(m).run_batch(1000); }}}, 0,
       [](const Seen& s) {
         return std::fabs(s.end["batch_mean_latency_ms"] - s.end["batch_mean_slower_branch_ms"]) < 0.01 &&
                s.end["batch_mean_sum_of_branches_ms"] > s.end["batch_mean_latency_ms"] + 50;
       },
       "mean latency equals up + slower branch + down, and is over 50 ms below the sum of both branches"},
      {"concurrency", "find the red write that overwrites the other", "mode=1", {}, 10 * kMin,
       [](const Seen& s) { return s.end["lost_updates"] > 0; }, "some increments lost"},
      {"concurrency", "lost updates get rarer but never vanish", "mode=1 stagger_ms=200", {}, 30 * kMin,
       [](const Seen& s) {
         const double lost = share(s.end["lost_updates"], s.end["rounds"]);
         return lost > 0.55 && lost < 0.8;
       },
       "at 200 ms, 55-80 % of rounds lose an update"},
      {"concurrency", "even at 1,000 ms about one round in six loses one", "mode=1 stagger_ms=1000", {}, 30 * kMin,
       [](const Seen& s) {
         const double lost = share(s.end["lost_updates"], s.end["rounds"]);
         return lost > 0.11 && lost < 0.23;
       },
       "at 1,000 ms, 11-23 % of rounds lose an update"},

      // [clocks] --------------------------------------------------------------
      {"clocks", "stamped as received 'earlier'", "", {}, 10 * kMin,
       [](const Seen& s) { return s.end["ordering_anomalies"] > 5; }, "receives stamped before their sends"},
      {"clocks", "Set Sync period to 10 s: anomalies stop once every clock is synchronised", "sync_period_s=10", {},
       10 * kMin, [](const Seen& s) { return s.mark["ordering_anomalies"] > 0 && s.since_mark("ordering_anomalies") == 0; },
       "anomalies in the first 10 s, none after", 10 * kSec},
      {"clocks", "Raise Sync error above half the Latency: anomalies come back", "sync_period_s=10 sync_error_ms=15", {},
       10 * kMin, [](const Seen& s) { return s.since_mark("ordering_anomalies") > 20; },
       "sync error 15 ms, latency 20 ms: anomalies after every clock was synchronised", 10 * kSec},
      {"clocks", "Raise Sync error above half the Latency: anomalies come back", "sync_period_s=10 sync_error_ms=9", {},
       10 * kMin, [](const Seen& s) { return s.since_mark("ordering_anomalies") == 0; },
       "sync error 9 ms (below half of 20 ms): none after every clock was synchronised", 10 * kSec},
      {"clocks", "Turn on Lamport clocks: the logical order never puts a receive before its send", "lamport=1", {},
       10 * kMin, [](const Seen& s) { return s.end["ordering_anomalies"] > 5 && s.end["lamport_violations"] == 0; },
       "local stamps contradict the order, Lamport stamps never do"},
      {"clocks", "a clock can gain or lose up to 43 s a day", "drift_ppm=500 rate=0", {}, 24 * kHour,
       [](const Seen& s) {
         // The chapter's clocks start 2.667 s apart; two clocks drift apart by
         // at most 2 x 43.2 s a day.
         const double grown = s.end["max_clock_skew_ms"] - 2667;
         return grown > 10000 && grown <= 2 * 43200;
       },
       "after a day the clocks are more than 10 s further apart, at most 2 x 43.2 s"},

      // [failure] -------------------------------------------------------------
      {"failure", "Click a node to crash it (or repair it): PartialFailure, and the rest carry on", "random_failures=0 mttr_min=1000",
       {{1 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }}}, 10 * kMin,
       [](const Seen& s) { return s.end["state"] == double(FailureModel::kPartialFailure) && s.end["nodes_up"] == 3; },
       "PartialFailure with 3 of 4 nodes up"},
      {"failure", "Click a node to crash it (or repair it): PartialFailure, and the rest carry on", "random_failures=0 mttr_min=1000",
       {{1 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }},
        {2 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }}},
       10 * kMin, [](const Seen& s) { return s.end["state"] == double(FailureModel::kAllHealthy) && s.end["recoveries"] == 1; },
       "a second click repairs it: AllHealthy again"},
      {"failure", "then crash one node: the survivors overload and fail too", "random_failures=0 load_rps=301 mttr_min=1000",
       {{1 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }}}, 5 * kMin,
       [](const Seen& s) { return s.end["cascades"] == 1 && s.end["overload_failures"] == 3; },
       "301 req/s over 3 survivors of 100: all three fail of overload"},
      {"failure", "then crash one node: the survivors overload and fail too", "random_failures=0 load_rps=300 mttr_min=1000",
       {{1 * kMin, [](Model& m) { as<FailureModel>(m).toggle_node(0); }}}, 5 * kMin,
       [](const Seen& s) { return s.end["cascades"] == 0 && s.end["state"] == double(FailureModel::kPartialFailure); },
       "at exactly the threshold, no cascade"},
      {"failure", "Turn Random failures off to find the threshold by hand", "random_failures=0", {}, 7 * 24 * kHour,
       [](const Seen& s) {
         return s.end["independent_failures"] == 0 && s.end["shared_unit_failures"] == 0 && s.end["state"] == 0;
       },
       "a week without a click: no node fails, the shared power unit neither"},
      {"failure", "Trip the shared power unit: every node at once, AllHealthy straight to CompleteFailure", "",
       {{1 * kMin, [](Model& m) { as<FailureModel>(m).trip_shared_unit(); }}}, 1 * kMin + 1,
       [](const Seen& s) { return s.end["critical_fails"] == 1 && s.end["shared_unit_failures"] == 4 && s.end["state"] == 2; },
       "one AllHealthy -> CompleteFailure, four nodes down at once"},
      {"failure", "Compare the time spent in each state as MTBF and MTTR change", "mtbf_min=100", {}, 7 * 24 * kHour,
       [](const Seen& s) {
         const double t = 7 * 24 * 3600.0;
         return s.end["time_all_healthy_s"] / t > s.base["time_all_healthy_s"] / t + 0.2;
       },
       "ten times the MTBF: over 20 points more of the week in AllHealthy"},

      // [availability] --------------------------------------------------------
      {"availability", "Go from 1 to 3 replicas: from one nine to three", "replicas=1", {}, 365 * 24 * kHour,
       [](const Seen& s) { return s.end["simulated_nines"] > 0.9 && s.end["simulated_nines"] < 1.2; },
       "one replica: about one nine measured"},
      {"availability", "Go from 1 to 3 replicas: from one nine to three", "replicas=3", {}, 365 * 24 * kHour,
       [](const Seen& s) { return s.end["simulated_nines"] > 2.8 && s.end["simulated_nines"] < 3.4; },
       "three replicas: about three nines measured"},
      {"availability", "watch the measured figure meet the formula", "", {}, 365 * 24 * kHour,
       [](const Seen& s) {
         return std::fabs(s.end["simulated_availability"] - s.end["analytic_availability"]) < 0.0002 &&
                std::fabs(s.mark["simulated_availability"] - s.mark["analytic_availability"]) >
                    std::fabs(s.end["simulated_availability"] - s.end["analytic_availability"]);
       },
       "after a year within 0.02 points of the formula, closer than after a day", 24 * kHour},
      {"availability", "the shared rack caps availability whatever the number of replicas", "correlated=1 replicas=7", {},
       365 * 24 * kHour,
       [](const Seen& s) {
         return s.end["independent_availability"] > 0.9999999 &&
                s.end["simulated_availability"] < s.end["rack_availability"] + 0.002 &&
                std::fabs(s.end["simulated_availability"] - s.end["analytic_availability"]) < 0.003;
       },
       "seven replicas: the independent formula says seven nines, the run stays at the rack's 0.984"},
      {"availability", "the formula gives a x b, below either part alone, and a long run settles near it", "database=1", {},
       10 * 365 * 24 * kHour,
       [](const Seen& s) {
         const double ab = s.end["replicas_analytic_availability"] * s.end["database_availability"];
         return std::fabs(s.end["analytic_availability"] - ab) < 1e-12 &&
                ab < s.end["database_availability"] && ab < s.end["replicas_analytic_availability"] &&
                std::fabs(s.end["simulated_availability"] - ab) < 0.001;
       },
       "analytic = a x b, below a and b; ten years measured within 0.1 points of it"},
      {"availability", "Halve MTTR or double MTBF: the same nines either way", "mttr_min=0.5", {}, 10 * 365 * 24 * kHour,
       [](const Seen& s) {
         const double a = 1 - std::pow(1.0 / 21, 3);  // 20/21 per replica, three replicas
         return std::fabs(s.end["analytic_availability"] - a) < 1e-12 &&
                std::fabs(s.end["simulated_nines"] - s.end["analytic_nines"]) < 0.15;
       },
       "half the MTTR: a = 20/21 per replica, measured nines within 0.15 of the formula's"},
      {"availability", "Halve MTTR or double MTBF: the same nines either way", "mtbf_min=20", {}, 10 * 365 * 24 * kHour,
       [](const Seen& s) {
         const double a = 1 - std::pow(1.0 / 21, 3);
         return std::fabs(s.end["analytic_availability"] - a) < 1e-12 &&
                std::fabs(s.end["simulated_nines"] - s.end["analytic_nines"]) < 0.15;
       },
       "twice the MTBF: the same a = 20/21, measured nines within 0.15 of the formula's"},

      // [new scenes] ----------------------------------------------------------
      // Rows for scaling, latency, replication, balancing, ... go here, one
      // or more per "What to try" item, in the same shape as above.
  };
  return rows;
}

// Scenes added while this table was written, whose rows their authors owe:
// the coverage test lists their unchecked items instead of failing. Add the
// rows, then remove the id here; a new scene is not added to this list.
const char* const kRowsOwed[] = {"scaling", "latency", "replication", "tradeoffs", "quiz", "balancing"};

Figures figures(const Model& m) {
  std::vector<Metric> ms;
  m.metrics(ms);
  Figures f;
  for (const Metric& x : ms) f.v[x.key] = x.value;
  return f;
}

std::string items_of(const SceneInfo& s) {
  std::string all;
  for (const char* t : s.try_list) all += std::string("  - ") + t + "\n";
  return all;
}

}  // namespace

TEST_SUITE("claims") {
  TEST_CASE("every claim holds in the run that shows it") {
    for (const Claim& c : claims()) {
      const std::string scene = c.scene, text = c.text, settings = c.settings, expect = c.expect;
      CAPTURE(scene);
      CAPTURE(text);
      CAPTURE(settings);
      const SceneInfo* info = find_scene(c.scene);
      REQUIRE_MESSAGE(info, scene);
      bool quoted = false;
      for (const char* t : info->try_list) quoted |= std::string(t).find(text) != std::string::npos;
      CHECK_MESSAGE(quoted, "no 'What to try' item of " << scene << " says this any more; its items:\n" << items_of(*info));

      Seen seen;
      auto base = info->make();
      test::play(*base, "", c.seed, {}, c.duration);
      seen.base = figures(*base);
      auto m = info->make();
      // test::play, with the figures at the mark taken on the way.
      test::apply_settings(*m, settings);
      m->reset(c.seed);
      bool marked = false;
      for (const Input& in : c.inputs) {
        if (!marked && c.mark > 0 && in.at > c.mark) {
          m->run_until(c.mark);
          seen.mark = figures(*m);
          marked = true;
        }
        m->run_until(in.at);
        in.act(*m);
      }
      if (!marked && c.mark > 0) {
        m->run_until(c.mark);
        seen.mark = figures(*m);
      }
      m->run_until(c.duration);
      seen.end = figures(*m);
      CHECK(m->check_invariants() == "");
      std::string shown;
      for (const auto& [k, v] : seen.end.v) shown += k + "=" + std::to_string(v) + " ";
      CAPTURE(shown);
      CHECK_MESSAGE(c.holds(seen), "expected: " << expect);
    }
  }

  TEST_CASE("every 'What to try' item of every scene has a claim row") {
    for (const SceneInfo& s : scenes()) {
      bool pending = false;
      for (const char* id : kRowsOwed) pending |= std::string(id) == s.id;
      for (const char* item : s.try_list) {
        bool covered = false;
        for (const Claim& c : claims())
          covered |= std::string(c.scene) == s.id && std::string(item).find(c.text) != std::string::npos;
        const std::string id = s.id, it = item;
        CAPTURE(id);
        if (pending) {
          if (!covered) MESSAGE("rows owed for " << id << ": " << it);
        } else {
          CHECK_MESSAGE(covered, "no row in tests/core/claims_test.cpp checks: " << it);
        }
      }
    }
  }
  TEST_CASE("the list of scenes that owe rows names registered scenes only") {
    for (const char* id : kRowsOwed) CHECK_MESSAGE(find_scene(id) != nullptr, id);
  }
}
