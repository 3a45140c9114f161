#include "registry.h"

#include "scenes/unity.h"
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
