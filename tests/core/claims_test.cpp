// Claims to readers: every "What to try" item of every scene (its record at
// the end of core/scenes/<id>.cpp) is a promise that a run shows something.
// One table: each row names the scene, the words of the claim it checks (a
// substring of one item), the run that shows it (settings, the reader's
// clicks and live changes, duration, seed) and a predicate over the run's
// figures. Reword an item and its row stops matching; change a model so the
// promise no longer holds and its predicate fails: either way the build fails.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "registry.h"
#include "scene_helpers.h"
#include "link.h"
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
// judge what happened after it: end - mark), and of the base run (the
// scene's defaults, or the row's base settings) with the same seed and
// duration and no inputs, to compare against; and the run's model itself,
// for what its public API shows beyond the figures.
struct Seen {
  Figures end, mark, base;
  const Model* model = nullptr;
  double since_mark(const std::string& key) const { return end[key] - mark[key]; }
  template <class M>
  const M& as() const {
    const M* p = dynamic_cast<const M*>(model);
    REQUIRE(p);
    return *p;
  }
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
  const char* base_settings = "";  // the run to compare against; "" = the scene's defaults
};

double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

// The quiz's first question with one right option among several.
size_t first_single_choice(const QuizModel& q) {
  for (size_t i = 0; i < q.count(); ++i) {
    const quiz::Question& x = q.question(i);
    if (x.type == quiz::Type::MultipleChoice && !x.select_all && x.options.size() > x.correct.size()) return i;
  }
  FAIL("the quiz has no multiple-choice question with one answer");
  return 0;
}

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
       "ten times the MTBF (10 -> 100 min): over 20 points more of the week in AllHealthy", 0, 1, "mtbf_min=10"},

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

      // [scaling] -------------------------------------------------------------
      // The sweep behind the plots measures capacity by N (closed loop) and
      // fits the USL; metrics() finishes that part, so a short run will do.
      {"scaling", "Set coherence to 0 and contention to 0.05: throughput levels off near 20x one node (Amdahl), no peak",
       "coherence=0 contention=0.05 nodes=256", {}, 1 * kSec,
       [](const Seen& s) {
         const double x = share(s.end["capacity_rps_horizontal"], s.end["usl_lambda_fit_rps"]);
         return s.end["usl_peak_nodes"] == 0 && x > 16 && x < 20.5 && std::fabs(s.end["usl_alpha_fit"] - 0.05) < 0.01;
       },
       "256 nodes measure 16-20.5x one node, the fit finds alpha 0.04-0.06 and no peak"},
      {"scaling", "Then raise coherence to 0.001: a peak N* appears near 31 nodes", "coherence=0.001 contention=0.05", {},
       1 * kSec, [](const Seen& s) { return s.end["usl_peak_nodes"] > 26 && s.end["usl_peak_nodes"] < 36; },
       "the fitted peak N* lies between 26 and 36 nodes"},
      {"scaling", "Double the nodes past N*: the simulated capacity falls, and each 1,000 req/s costs more",
       "coherence=0.001 contention=0.05 nodes=62", {}, 1 * kSec,
       [](const Seen& s) {
         return s.end["capacity_rps_horizontal"] < 0.95 * s.base["capacity_rps_horizontal"] &&
                s.end["cost_per_krps_horizontal_usd_h"] > 1.5 * s.base["cost_per_krps_horizontal_usd_h"];
       },
       "62 nodes measure under 95 % of 31 nodes' capacity, at over 1.5x the cost per 1,000 req/s", 0, 1,
       "coherence=0.001 contention=0.05 nodes=31"},
      {"scaling", "from 16 to 96 cores it less than doubles (the price per core is flat); past 96 it climbs steeply",
       "vertical_cores=96", {}, 1 * kSec,
       [](const Seen& s) {
         const double x = share(s.end["cost_per_krps_vertical_usd_h"], s.base["cost_per_krps_vertical_usd_h"]);
         return x > 1 && x < 2 && share(s.end["price_usd_h_vertical"], s.base["price_usd_h_vertical"]) == 6;
       },
       "96 cores: six times 16 cores' price, under twice their cost per 1,000 req/s"},
      {"scaling", "from 16 to 96 cores it less than doubles (the price per core is flat); past 96 it climbs steeply",
       "vertical_cores=448", {}, 1 * kSec,
       [](const Seen& s) { return s.end["cost_per_krps_vertical_usd_h"] > 5 * s.base["cost_per_krps_vertical_usd_h"]; },
       "448 cores cost over 5x per 1,000 req/s what 96 cost", 0, 1, "vertical_cores=96"},
      {"scaling", "Crash the big machine (an outage) and then one node of N (1/N of the capacity)", "",
       {{10 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_vertical(); }},
        {10 * kSec, [](Model& m) { as<ScalingModel>(m).toggle_node(0); }}},
       60 * kSec,
       [](const Seen& s) {
         const double h = s.since_mark("served_horizontal"), offered = s.since_mark("offered");
         return s.end["vertical_up"] == 0 && s.since_mark("served_vertical") == 0 && s.end["nodes_up"] == 15 &&
                h > 0.98 * offered && s.end["usl_capacity_rps_horizontal"] > 0;
       },
       "after the crashes the big machine serves nothing; 15 of 16 nodes serve over 98 % of the requests", 11 * kSec},
      {"scaling", "At low load one fast server answers sooner than many slow ones; near its capacity the pool wins",
       "load_rps=20", {}, 1 * kSec,
       [](const Seen& s) { return s.end["lesson_fast_mean_ms"] < 0.5 * s.end["lesson_pool_mean_ms"]; },
       "at 20 req/s the fast server's mean response is under half the pool's"},
      {"scaling", "At low load one fast server answers sooner than many slow ones; near its capacity the pool wins",
       "load_rps=270", {}, 1 * kSec,
       [](const Seen& s) {
         return s.end["lesson_pool_mean_ms"] < s.end["lesson_fast_mean_ms"] && s.end["lesson_crossover_rps"] > 20 &&
                s.end["lesson_crossover_rps"] < 270;
       },
       "at 270 req/s the pool's mean response is below the fast server's; the crossover lies between"},

      {"scaling", "serial work and crosstalk bend the measured curve into the Universal Scalability Law", "", {}, 1 * kSec,
       [](const Seen& s) {
         return std::fabs(s.end["usl_alpha_fit"] - 0.03) < 0.01 && s.end["usl_beta_fit"] > 0.00003 &&
                s.end["usl_beta_fit"] < 0.0003;
       },
       "the law fitted to the measured sweep finds the settings' alpha (0.03 +- 0.01) and beta (0.0001, within 3x)"},

      // [latency] -------------------------------------------------------------
      {"latency", "From New York: about 10 ms to the New York datacenter, 77 to London, 155 to Tokyo", "", {}, 1 * kSec,
       [](const Seen& s) {
         return s.end["rtt_typical_ms_nyc"] > 8.5 && s.end["rtt_typical_ms_nyc"] < 11.5 &&
                s.end["rtt_typical_ms_london"] > 74 && s.end["rtt_typical_ms_london"] < 80 &&
                s.end["rtt_typical_ms_tokyo"] > 148 && s.end["rtt_typical_ms_tokyo"] < 162;
       },
       "typical round trips 8.5-11.5, 74-80 and 148-162 ms"},
      {"latency", "Fail New York: requests on their way are lost and retried; new ones fail over to London at about 77 ms",
       "",
       // A ping on its way (New York is 4.5 ms away) when the datacenter fails.
       {{10 * kSec, [](Model& m) { as<LatencyModel>(m).send_ping(); }},
        {10 * kSec + 1 * kMs, [](Model& m) { as<LatencyModel>(m).fail_datacenter(find_place("New York")); }}},
       30 * kSec,
       [](const Seen& s) {
         return s.since_mark("packets_lost") > 0 && s.since_mark("failovers") == s.since_mark("packets_lost") &&
                s.end["requests_failed"] == 0 && s.end["target_rtt_typical_ms"] > 74 && s.end["target_rtt_typical_ms"] < 80;
       },
       "packets lost at the failure, each retried elsewhere (no request fails); the target is London at 74-80 ms", 9 * kSec},
      {"latency", "Drag the user to Sydney: every datacenter is now more than 100 ms away", "",
       {{5 * kSec, [](Model& m) { as<LatencyModel>(m).move_user(-33.8688, 151.2093); }}}, 10 * kSec,
       [](const Seen& s) {
         bool far = true;
         for (const auto& row : s.as<LatencyModel>().rtt_table()) far &= row.rtt.typical_ms > 100;
         return far && s.end["target_rtt_typical_ms"] > 100;
       },
       "from Sydney every datacenter's typical round trip is over 100 ms"},
      {"latency", "Turn off cable routes: Frankfurt-Tokyo falls from about 218 ms to 123, far below the measured 230", "routes=0",
       {}, 1 * kSec,
       [](const Seen& s) {
         // With routes (the base run) and without (this run), the pair of the calibration table.
         auto pair_ms = [](const LatencyModel& m) {
           for (const auto& c : m.calibration())
             if (c.pair->a == find_place("Frankfurt") && c.pair->b == find_place("Tokyo")) return c.model.typical_ms;
           return 0.0;
         };
         LatencyModel routed;
         routed.reset(1);
         const double with = pair_ms(routed), without = pair_ms(s.as<LatencyModel>());
         return with > 210 && with < 226 && without > 116 && without < 130;
       },
       "Frankfurt-Tokyo typical round trip 210-226 ms along cables, 116-130 ms straight"},
      {"latency", "Place 3 datacenters: the core picks New York, Mumbai and Sydney; no city then waits over ~120 ms (144 with the chapter's three)",
       "", {}, 1 * kSec,
       [](const Seen& s) {
         const LatencyModel& m = s.as<LatencyModel>();
         std::vector<int> want{find_place("New York"), find_place("Mumbai"), find_place("Sydney")};
         std::sort(want.begin(), want.end());
         // The worst city with the chapter's datacenters (New York, London, Tokyo).
         double worst = 0;
         for (int u : m.placement_users()) {
           double best = 1e18;
           for (const auto& d : m.datacenters()) {
             const Place &a = places()[size_t(u)], &b = places()[size_t(d.place)];
             best = std::min(best, estimate_rtt(m.rtt_model(), {a.lat, a.lon}, {b.lat, b.lon}).typical_ms);
           }
           worst = std::max(worst, best);
         }
         return m.placement().sites == want && s.end["placement_worst_ms"] > 112 && s.end["placement_worst_ms"] < 126 &&
                worst > 137 && worst < 151;
       },
       "the placement is New York, Mumbai, Sydney with the worst city at 112-126 ms; 137-151 ms with the chapter's three"},
      {"latency", "Set the budget to 20 ms: only about 900 km around the user is reachable", "budget_ms=20", {}, 1 * kSec,
       [](const Seen& s) { return s.end["budget_radius_km"] > 850 && s.end["budget_radius_km"] < 950; },
       "a 20 ms budget reaches 850-950 km"},

      // [replication] ---------------------------------------------------------
      {"replication", "a user often misses the write they just made", "", {},
       2 * kMin, [](const Seen& s) { return s.end["ryw_violations"] > 100; }, "over 100 reads miss the reader's own write"},
      {"replication", "Switch to read-your-writes", "read_policy=2", {}, 2 * kMin,
       [](const Seen& s) { return s.end["ryw_violations"] == 0 && s.base["ryw_violations"] > 100 && s.end["reads_served"] > 0; },
       "read-your-writes: no read misses the reader's own write"},
      {"replication", "Crash the primary in async mode: the writes inside the replicas' lag window are lost", "",
       {{30 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }}}, 2 * kMin,
       [](const Seen& s) {
         const auto& f = s.as<ReplicationModel>().failovers();
         if (f.size() != 1) return false;
         // The promoted replica kept everything up to its position: the
         // writes lost are those the old primary had beyond it.
         return s.end["lost_writes"] > 0 && double(f[0].lost) == s.end["lost_writes"] && f[0].lost <= f[0].old_end - f[0].kept;
       },
       "some acknowledged writes lost, all of them beyond what the promoted replica had applied"},
      {"replication", "Do the same in sync mode: nothing acknowledged is lost, but every write waits for the slowest replica",
       "mode=2", {{30 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }}}, 2 * kMin,
       [](const Seen& s) {
         return s.end["failovers"] == 1 && s.end["lost_writes"] == 0 &&
                s.end["write_latency_p50_ms"] > s.base["write_latency_p50_ms"] + 20;
       },
       "sync: a failover, no acknowledged write lost; the median write waits over 20 ms longer than async"},
      {"replication", "Semi-sync waits for one replica only: as safe here, and faster than sync", "mode=1",
       {{30 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }}}, 2 * kMin,
       [](const Seen& s) {
         return s.end["failovers"] == 1 && s.end["lost_writes"] == 0 &&
                s.end["write_latency_p50_ms"] < s.base["write_latency_p50_ms"];
       },
       "semi-sync: no acknowledged write lost in the failover; median write faster than sync's", 0, 1, "mode=2"},
      {"replication", "to 500 ms: each replica trails by more writes, and an async crash loses several times more",
       "replica_lag_ms=500 crash_primary_at_s=30", {}, 2 * kMin,
       [](const Seen& s) {
         return s.end["max_lag_ms"] > 2 * s.base["max_lag_ms"] && s.base["lost_writes"] > 0 &&
                s.end["lost_writes"] > 3 * s.base["lost_writes"];
       },
       "at 500 ms the lag more than doubles and the crash loses over 3x the writes it loses at 100 ms", 0, 1,
       "crash_primary_at_s=30"},
      {"replication", "Let the old primary come back: its stale epoch is refused and it rejoins as a replica", "",
       {{30 * kSec, [](Model& m) { as<ReplicationModel>(m).crash_primary(); }}}, 2 * kMin,
       [](const Seen& s) {
         const ReplicationModel& m = s.as<ReplicationModel>();
         return s.end["fenced"] >= 1 && m.primary() != 0 && m.role(0) == ReplicationModel::kReplica &&
                m.node_epoch(0) == m.epoch() && m.epoch() == 2;
       },
       "node 0 back: refused at least once, then a replica in the new epoch"},

      {"replication", "replicas that serve reads a little behind it", "", {}, 2 * kMin,
       [](const Seen& s) { return s.end["stale_reads"] > 0 && s.end["max_lag_ms"] > 0 && s.end["max_lag_ms"] < 1500; },
       "some reads from replicas miss the newest writes; the lag stays under 1.5 s"},

      // [balancing] -----------------------------------------------------------
      {"balancing", "One slow server ruins round robin's p99; two random choices avoid most of it", "slow_servers=0", {}, 2 * kMin,
       [](const Seen& s) { return s.base["latency_p99_ms"] > 3 * s.end["latency_p99_ms"]; },
       "round robin's p99 with one slow server is over 3x that with none"},
      {"balancing", "Switch round robin to power of two choices: the p99 falls several times, the median barely moves",
       "strategy=3", {}, 2 * kMin,
       [](const Seen& s) {
         const double p50 = s.end["latency_p50_ms"], b50 = s.base["latency_p50_ms"];
         return s.base["latency_p99_ms"] > 3 * s.end["latency_p99_ms"] && std::fabs(p50 - b50) < 0.35 * b50;
       },
       "power of two: p99 under a third of round robin's, median within 35 %"},
      {"balancing", "Press 'Compare all': the same requests under every strategy, side by side", "",
       {{0, [](Model& m) {
          auto& b = as<BalancingModel>(m);
          b.start_compare(2 * kMin);
          while (b.compare_running()) b.compare_step(1u << 20);
        }}},
       2 * kMin,
       [](const Seen& s) {
         // Its round-robin row is this very run (same seed, settings, duration).
         const auto& rows = s.as<BalancingModel>().compare_results();
         bool all = rows.size() == size_t(BalancingModel::kStrategies);
         for (const auto& r : rows) all &= r.done && r.served > 0;
         return all && double(rows[0].served) == s.end["served"] && rows[0].p99_ms == s.end["latency_p99_ms"] &&
                rows[3].p99_ms < rows[0].p99_ms;
       },
       "six rows done; round robin's equals the live run; power of two's p99 below it"},
      {"balancing", "each counts only its own requests, so most requests go to a busy server while another sits idle, and the median latency quadruples",
       "strategy=2 balancers=8", {}, 2 * kMin,
       [](const Seen& s) {
         const double x = share(s.end["latency_p50_ms"], s.base["latency_p50_ms"]);
         return s.base["misrouted_pct"] < 1 && s.end["misrouted_pct"] > 50 && x > 3 && x < 6;
       },
       "8 balancers: over half the requests misrouted (none with one balancer), median 3-6x one balancer's", 0, 1,
       "strategy=2 balancers=1"},
      {"balancing", "At half the load they even pile onto the same servers (herd ratio above 1)", "strategy=2 balancers=8 load_pct=50",
       {}, 2 * kMin, [](const Seen& s) { return s.end["herd_ratio"] > 1.05; }, "herd ratio above 1.05"},
      {"balancing", "Crash a server: until health checks notice, requests sent to it fail", "",
       {{20 * kSec, [](Model& m) { as<BalancingModel>(m).toggle_server(3); }}}, 2 * kMin,
       [](const Seen& s) { return s.mark["errors"] > 0 && s.since_mark("errors") == 0; },
       "errors in the seconds after the crash, none once the checks took it out", 25 * kSec},
      {"balancing", "raise Cost variation from 0 to 3 under least connections: the p99 grows about eight times",
       "strategy=2 slow_servers=0 cost_cv=3", {}, 2 * kMin,
       [](const Seen& s) {
         const double x = share(s.end["latency_p99_ms"], s.base["latency_p99_ms"]);
         return x > 5 && x < 13;
       },
       "least connections, no slow server: p99 at cost_cv 3 is 5-13x that at 0", 0, 1, "strategy=2 slow_servers=0 cost_cv=0"},
      {"balancing", "Spread server power: weighted round robin follows it, plain round robin does not",
       "strategy=4 slow_servers=0 power_spread=0.8", {}, 2 * kMin,
       [](const Seen& s) {
         return s.base["latency_p99_ms"] > 2 * s.end["latency_p99_ms"] && s.end["dropped"] <= s.base["dropped"];
       },
       "weighted round robin's p99 under half of round robin's with the same servers", 0, 1,
       "strategy=0 slow_servers=0 power_spread=0.8"},

      // [tradeoffs] -----------------------------------------------------------
      {"tradeoffs", "Go from 1 to 3 regions: the mean round trip falls by about half; the server count and bill rise", "regions=3",
       {}, 10 * kMin,
       [](const Seen& s) {
         const double x = share(s.end["mean_rtt_ms"], s.base["mean_rtt_ms"]);
         return x > 0.35 && x < 0.65 && s.end["servers"] > s.base["servers"] &&
                s.end["usd_per_month"] > s.base["usd_per_month"];
       },
       "3 regions: mean round trip 35-65 % of one region's; more servers, a bigger bill"},
      {"tradeoffs", "Raise the availability target to 99.9999%: how many regions does it take?",
       "availability_target_pct=99.9999 regions=2", {}, 1 * kSec,
       [](const Seen& s) {
         return s.end["regions_for_target"] == 2 && s.end["meets_target"] == 1 && s.base["meets_target"] == 0;
       },
       "at 99.9999 % the calculator answers 2 regions: 2 meet the target, 1 does not", 0, 1,
       "availability_target_pct=99.9999 regions=1"},
      {"tradeoffs", "Turn on the central database: no number of regions gets past its availability", "central_db=1 regions=6", {},
       1 * kSec,
       [](const Seen& s) {
         return s.end["regions_for_target"] == 0 && s.end["meets_target"] == 0 &&
                s.end["analytic_availability"] < s.end["one_region_availability"] + 1;
       },
       "with the database even six regions miss the target, and no count of regions meets it"},
      {"tradeoffs", "Click a region to take it down: its users fail over to the next nearest, and wait longer", "regions=3",
       {{0, [](Model& m) { as<TradeoffsModel>(m).toggle(0); }}}, 10 * kMin,
       [](const Seen& s) {
         return s.end["measured_mean_rtt_ms"] > s.base["measured_mean_rtt_ms"] + 5 && s.end["measured_availability"] > 0.99;
       },
       "one of three regions down: requests still served, the mean round trip over 5 ms longer", 0, 1, "regions=3"},
      {"tradeoffs", "Set users to 100 million: which grows faster, the bill or the count of failure modes?", "users=100000000", {},
       1 * kSec,
       [](const Seen& s) {
         return s.end["usd_per_month"] > 50 * s.base["usd_per_month"] && s.end["failure_modes"] == s.base["failure_modes"];
       },
       "a hundred times the users: over 50x the bill, the same failure modes"},

      {"tradeoffs", "More regions bring users closer and survive a region's outage", "regions=3", {}, 1 * kSec,
       [](const Seen& s) {
         return s.end["mean_rtt_ms"] < s.base["mean_rtt_ms"] && s.end["analytic_availability"] > s.base["analytic_availability"] &&
                s.end["servers"] > s.base["servers"] && s.end["inter_region_links"] > s.base["inter_region_links"] &&
                s.end["clocks"] > s.base["clocks"] && s.end["failure_modes"] > s.base["failure_modes"];
       },
       "3 regions against 1: closer, more available, more servers, links, clocks and failure modes"},

      // [quiz] ------------------------------------------------------------------
      {"quiz", "Answer a question, then follow 'See it live' to watch it happen", "",
       {{1 * kSec, [](Model& m) {
          auto& q = as<QuizModel>(m);
          const size_t i = first_single_choice(q);
          q.choose(i, q.question(i).correct.front());
          q.submit(i);
          // Every question's "See it live" opens its scene without a notice.
          for (size_t k = 0; k < q.count(); ++k) {
            const auto* l = q.live_link(k);
            REQUIRE_MESSAGE(l, "question " << k << " has no 'See it live'");
            const Link link = parse_link(l->link);
            CHECK_MESSAGE(link.notices.empty(), l->link);
            CHECK_MESSAGE(link.scene_named, l->link);
          }
        }}},
       10 * kSec, [](const Seen& s) { return s.end["submitted"] == 1 && s.end["correct"] == 1; },
       "one question answered right; every question's link opens its scene"},
      {"quiz", "Switch the language to French: your answers stay", "",
       {{1 * kSec, [](Model& m) {
          auto& q = as<QuizModel>(m);
          const size_t i = first_single_choice(q);
          q.choose(i, q.question(i).correct.front());
          q.submit(i);
        }},
        {2 * kSec, [](Model& m) { REQUIRE(m.set(QuizModel::kLang, 1)); }}},
       10 * kSec,
       [](const Seen& s) {
         const QuizModel& q = s.as<QuizModel>();
         return s.end["submitted"] == 1 && s.end["correct"] == 1 && q.source().find(".fr") != std::string::npos;
       },
       "after the switch to French the answer is still there, still right"},
      {"quiz", "Miss one on purpose, then retry the missed ones", "",
       {{1 * kSec, [](Model& m) {
          auto& q = as<QuizModel>(m);
          const size_t i = first_single_choice(q);
          q.choose(i, uint32_t(q.question(i).correct.size()));  // the first distractor
          q.submit(i);
        }},
        {3 * kSec, [](Model& m) { as<QuizModel>(m).retry_missed(); }},
        {4 * kSec, [](Model& m) {
          auto& q = as<QuizModel>(m);
          const size_t i = first_single_choice(q);
          q.choose(i, q.question(i).correct.front());
          q.submit(i);
        }}},
       10 * kSec,
       [](const Seen& s) {
         return s.mark["missed"] == 1 && s.mark["correct"] == 0 && s.end["missed"] == 0 && s.end["correct"] == 1;
       },
       "one missed; after the retry the same question is answered right", 2 * kSec},
      {"quiz", "Ten questions on the chapter's ideas", "", {}, 1 * kSec,
       [](const Seen& s) { return s.end["questions"] == 10; }, "ten questions"},
  };
  return rows;
}

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
      quoted |= std::string(info->explanation).find(text) != std::string::npos;
      CHECK_MESSAGE(quoted, "neither the explanation nor a 'What to try' item of "
                                << scene << " says this any more; its items:\n" << items_of(*info));

      Seen seen;
      auto base = info->make();
      test::play(*base, c.base_settings, c.seed, {}, c.duration);
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
      seen.model = m.get();
      CHECK(m->check_invariants() == "");
      std::string shown;
      for (const auto& [k, v] : seen.end.v) shown += k + "=" + std::to_string(v) + " ";
      CAPTURE(shown);
      CHECK_MESSAGE(c.holds(seen), "expected: " << expect);
    }
  }

  // Every scene, new ones included: no list of scenes excused.
  TEST_CASE("every 'What to try' item of every scene has a claim row") {
    for (const SceneInfo& s : scenes()) {
      const std::string id = s.id;
      CAPTURE(id);
      size_t rows = 0;
      for (const Claim& c : claims()) rows += std::string(c.scene) == s.id;
      CHECK_MESSAGE(rows >= s.try_list.size(), id << " has " << s.try_list.size() << " 'What to try' items but "
                                                  << rows << " claim rows");
      for (const char* item : s.try_list) {
        bool covered = false;
        for (const Claim& c : claims())
          covered |= std::string(c.scene) == s.id && std::string(item).find(c.text) != std::string::npos;
        const std::string it = item;
        CHECK_MESSAGE(covered, "no row in tests/core/claims_test.cpp checks: " << it);
      }
    }
  }
}
