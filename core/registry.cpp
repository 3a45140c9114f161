#include "registry.h"

#include "scenes/availability.h"
#include "scenes/balancing.h"
#include "scenes/clocks.h"
#include "scenes/concurrency.h"
#include "scenes/failure.h"
#include "scenes/latency.h"
#include "scenes/replication.h"
#include "scenes/scaling.h"
#include "scenes/quiz.h"
#include "scenes/tradeoffs.h"
#include "scenes/unity.h"

namespace dsviz {

const std::vector<SceneInfo>& scenes() {
  // Menu order; each record lives next to its model (core/scenes/<id>.cpp).
  static const std::vector<SceneInfo> table = {
      unity_scene(), concurrency_scene(), clocks_scene(), failure_scene(), availability_scene(), scaling_scene(), latency_scene(), replication_scene(), balancing_scene(),
      tradeoffs_scene(), quiz_scene(),
  };
  return table;
}

const SceneInfo* find_scene(std::string_view id) {
  for (const auto& s : scenes())
    if (id == s.id) return &s;
  return nullptr;
}

}  // namespace dsviz
