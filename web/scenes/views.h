// Scene views: the ImGui drawing of each scene's main area. A view only reads
// its model and sends it commands (crash a node, send a request); it never
// computes a figure that the page shows as a simulation result.
// The shell (web/app.*) draws everything around it: sidebar, title, text,
// transport controls and the generic settings panel built from Model::params().
#pragma once
#include "model.h"
#include "registry.h"

namespace dsviz::ui {

// Per-frame context the shell hands to a view.
struct ViewContext {
  bool compact = false;     // embed mode or a small window: draw less text
  bool dark = true;         // current theme, for picking colours
  float dpi_scale = 1.0f;   // multiply hand-picked pixel sizes by this
};

// The model a view draws, or nullptr after saying so on screen (the view
// table paired a view with another scene's model).
void draw_wrong_model(const char* scene_id);
template <class M>
M* model_as(Model& model, const char* scene_id) {
  auto* m = dynamic_cast<M*>(&model);
  if (!m) draw_wrong_model(scene_id);
  return m;
}

// One function per scene, defined in web/scenes/<id>_view.cpp.
using ViewFn = void (*)(Model& model, const ViewContext& ctx);

// The view registered for a scene id, or nullptr (the shell then shows the
// settings and metrics only). The table lives in web/scenes/views.cpp.
ViewFn find_view(const char* scene_id);

// The speed a scene opens at (virtual seconds per real second): slow enough
// that its messages can be followed by eye. 1 for scenes without a view.
float default_speed(const char* scene_id);

}  // namespace dsviz::ui
