// Scene id -> view function and opening speed. Add a row per scene view.
#include "views.h"

#include <cstring>

#include "imgui.h"

namespace dsviz::ui {

void unity_view(Model& model, const ViewContext& ctx);
void concurrency_view(Model& model, const ViewContext& ctx);
void clocks_view(Model& model, const ViewContext& ctx);
void failure_view(Model& model, const ViewContext& ctx);
void availability_view(Model& model, const ViewContext& ctx);

namespace {
struct ViewEntry {
  const char* id;
  ViewFn fn;
  float speed;  // opening speed, see default_speed()
};
// unity: links take ~10 ms, so 0.1x stretches a hop over ~6 frames.
const ViewEntry kViews[] = {
    {"unity", unity_view, 0.1f},
    // concurrency: a round takes ~150 ms, so 0.15x shows it over ~1 s.
    {"concurrency", concurrency_view, 0.15f},
    // clocks: 0.25x keeps the clocks visibly ticking and a 20 ms hop ~5 frames.
    {"clocks", clocks_view, 0.25f},
    // failure: MTBF 10 min, MTTR 1 min, grace 10 s; at 30x a node fails
    // every ~20 s, a repair takes ~2 s and a cascade ~0.3 s.
    {"failure", failure_view, 30.0f},
    // availability: at 60x a replica fails every ~10 s and is down ~1 s;
    // the speed slider (up to 1000x) or "skip ahead" shows convergence.
    {"availability", availability_view, 60.0f},
};
const ViewEntry* find_entry(const char* id) {
  for (const ViewEntry& v : kViews)
    if (std::strcmp(v.id, id) == 0) return &v;
  return nullptr;
}
}  // namespace

void draw_wrong_model(const char* scene_id) {
  ImGui::Text("This view draws the '%s' scene only.", scene_id);
}

ViewFn find_view(const char* scene_id) {
  const ViewEntry* v = find_entry(scene_id);
  return v ? v->fn : nullptr;
}

float default_speed(const char* scene_id) {
  const ViewEntry* v = find_entry(scene_id);
  return v ? v->speed : 1.0f;
}

}  // namespace dsviz::ui
