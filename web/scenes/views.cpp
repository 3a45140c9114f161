// The view table: one row per scene view. Each view file defines its entry
// (web/scenes/<id>_view.cpp: `ViewEntry <id>_view_entry()`), pairing the
// core's scene record with the view function and its state struct.
#include "views.h"

#include <cstring>

namespace dsviz::ui {

ViewEntry unity_view_entry();
ViewEntry concurrency_view_entry();
ViewEntry clocks_view_entry();
ViewEntry failure_view_entry();
ViewEntry availability_view_entry();
ViewEntry quiz_view_entry();
ViewEntry tradeoffs_view_entry();
ViewEntry scaling_view_entry();
ViewEntry latency_view_entry();
ViewEntry replication_view_entry();
ViewEntry balancing_view_entry();

const std::vector<ViewEntry>& views() {
  static const std::vector<ViewEntry> table = {
      unity_view_entry(), concurrency_view_entry(), clocks_view_entry(), failure_view_entry(), availability_view_entry(),
      scaling_view_entry(), latency_view_entry(), replication_view_entry(), balancing_view_entry(),
      quiz_view_entry(), tradeoffs_view_entry(),
  };
  return table;
}

const ViewEntry* find_view(const SceneInfo& scene) {
  // The registry holds copies of the records: match by id.
  for (const ViewEntry& v : views())
    if (std::strcmp(v.scene->id, scene.id) == 0) return &v;
  return nullptr;
}

}  // namespace dsviz::ui
