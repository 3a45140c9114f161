#include "registry.h"

#include "scenes/unity.h"
#include "scenes/concurrency.h"
#include "scenes/clocks.h"
#include "scenes/failure.h"
#include "scenes/availability.h"

namespace dsviz {

template <class M>
static std::unique_ptr<Model> make() {
  auto m = std::make_unique<M>();
  m->reset(1);
  return m;
}

const std::vector<SceneInfo>& scenes() {
  static const std::vector<SceneInfo> table = {
      {"unity", "Illusion of unity", "Definition",
       "Users see one system; behind it, independent computers share the work.\n"
       "Lamport: the failure of a computer you didn't even know existed can render your own computer unusable.",
       {"Crash one or two servers: the user keeps being served, a little slower.",
        "Crash the hidden auth service: every request fails.",
        "Turn on 'reveal reality' and follow one request through the servers.",
        "Push the request rate up until a single server cannot keep up."},
       10 * kMin, &make<UnityModel>},
      {"concurrency", "Concurrency", "1. Concurrency",
       "The chapter's sequence diagram, live: A asks B and C at once, so their replies race and the user waits for the slower branch, not the sum.\n"
       "The scenario repeats (next request think_ms after the last result), so counts grow with duration. Other mode: two users increment one record and an update is lost.",
       {"Press 'Run 1,000 times': B first about half the time when the links match.",
        "Make the A-C link slower: C's ack comes last almost always, and latency follows the slower branch.",
        "Compare the mean latency with the sum of both branches: concurrency hides the faster one.",
        "Switch to 'two users, one record' and find the red write that overwrites the other.",
        "Raise stagger_ms above the round trip to A: lost updates become rare, not impossible."},
       10 * kMin, &make<ConcurrencyModel>},
      {"clocks", "No global clock", "2. No Global Clock",
       "Each node reads its own clock (10:00:01.123, 10:00:02.456, 09:59:59.789 at the same instant), drifting by some ppm.\n"
       "Ordered by local timestamps, a message can be received before it was sent; sync narrows the gap, Lamport clocks respect causality.",
       {"Watch the red arrows: sent by a clock that runs ahead, stamped as received 'earlier'.",
        "Set sync_period_s to 10: anomalies stop once every clock is synchronised.",
        "Raise sync_error_ms above latency_ms: anomalies come back despite the sync.",
        "Turn on lamport: the logical order never puts a receive before its send.",
        "Set drift_ppm to 500 without sync: a clock can gain or lose up to 43 s a day."},
       10 * kMin, &make<ClocksModel>},
      {"failure", "Independent failure", "3. Independent Failure",
       "Nodes fail and recover on their own; the system moves between AllHealthy, PartialFailure and CompleteFailure.\n"
       "With cascading on, a failed node's load moves to the survivors, and an overloaded survivor fails too.",
       {"Click a node to crash it (or repair it): PartialFailure, and the rest carry on.",
        "Raise load_rps above the shown threshold (n-1) x capacity, then crash one node: watch the cascade.",
        "Turn random_failures off to find the threshold by hand, one click at a time.",
        "Trip the shared power unit: every node at once, AllHealthy straight to CompleteFailure.",
        "Compare the time spent in each state as MTBF and MTTR change."},
       24 * kHour, &make<FailureModel>},
      {"availability", "Availability and replicas", "Reliability & Availability",
       "One server is up a = MTBF / (MTBF + MTTR) of the time; n independent replicas 1 - (1 - a)^n.\n"
       "The measured availability converges to the formula, until replicas share a rack or need a database.",
       {"Go from 1 to 3 replicas: from one nine to three.",
        "Skip ahead a month or a year and watch the measured figure meet the formula.",
        "Turn on 'correlated': the shared rack caps availability whatever n is.",
        "Turn on 'database': the service can be no more available than a * b.",
        "Halve MTTR or double MTBF: which buys more nines?"},
       30 * 24 * kHour, &make<AvailabilityModel>},
  };
  return table;
}

const SceneInfo* find_scene(std::string_view id) {
  for (const auto& s : scenes())
    if (id == s.id) return &s;
  return nullptr;
}

}  // namespace dsviz
