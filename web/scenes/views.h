// Scene views: the ImGui drawing of each scene's main area. A view only reads
// its model and sends it commands (crash a node, send a request, change a
// setting through its typed handle); it never computes a figure that the page
// shows as a simulation result. The shell (web/app.*) draws everything
// around it: sidebar, title, text, transport, settings and figures.
//
// A view is a function of its own model type and its own state struct:
//   void unity_view(UnityModel&, UnityView&, const ViewContext&);
// registered once in web/scenes/views.cpp next to the scene's record from
// the core. No string ids, no casts in views.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scene.h"
#include "targets.h"

namespace dsviz::ui {

// Per-frame context the shell hands to a view.
struct ViewContext {
  bool compact = false;  // embed mode or a small window: draw less text
  bool dark = true;      // current theme, for picking colours
  // The reader asked for less motion (prefers-reduced-motion): draw no
  // messages moving along links; show what changed (a lit link) instead.
  bool reduced_motion = false;
  // Hand-picked pixel sizes scale with the text (ImGui's font size / 16):
  // 1 normally, larger in presenter mode.
  float scale = 1.0f;
  // Opens a deep link ("scene=unity&dependency_up=0", core/link.h) as the
  // address bar would: scene, seed and settings. The app applies it after
  // the frame, so the view may call it while drawing. Empty in tests that
  // draw a view alone.
  std::function<void(const std::string& query)> open_link;
  // A two-finger pinch on a touch screen (web/platform.cpp reads SDL's
  // fingers: ImGui follows one pointer only). zoom: how much the fingers'
  // spread grew since the last frame (1: no change); x, y: their midpoint in
  // pixels; dx, dy: how far it moved since the last frame. active while two
  // fingers are down: a view then ignores the pointer's drag.
  struct Pinch {
    bool active = false;
    float zoom = 1, x = 0, y = 0, dx = 0, dy = 0;
  } pinch;
  // Where the view's tour targets are (core/tour/targets.cpp names them):
  // call mark() right after drawing one. Null in tests that draw a view alone.
  TargetRects* targets = nullptr;
  void mark(std::string_view name) const {
    if (targets) targets->add_item(name);
  }
  void mark(std::string_view name, ImVec2 min, ImVec2 max) const {
    if (targets) targets->add(name, min, max);
  }
};

// One view's state, owned by the app for as long as the app lives, so a
// reader's view choices survive switching scenes and back.
class ViewSlot {
 public:
  virtual ~ViewSlot() = default;
  virtual void draw(Model& model, const ViewContext& ctx) = 0;
};

struct ViewEntry {
  const SceneInfo* scene;
  std::unique_ptr<ViewSlot> (*make_slot)();
  bool (*draws)(const Model& model);  // true when the model is the view's type
};

namespace detail {
template <class M, class S, void (*Fn)(M&, S&, const ViewContext&)>
class Slot final : public ViewSlot {
 public:
  void draw(Model& model, const ViewContext& ctx) override {
    // Safe: the app only pairs a slot with the model its scene's record
    // makes, and a test checks draws() for every registered view.
    Fn(static_cast<M&>(model), state_, ctx);
  }

 private:
  S state_;
};
}  // namespace detail

// A row of the view table: view<UnityModel, UnityView, unity_view>(unity_scene()).
template <class M, class S, void (*Fn)(M&, S&, const ViewContext&)>
ViewEntry view(const SceneInfo& scene) {
  return ViewEntry{&scene, [] { return std::unique_ptr<ViewSlot>(new detail::Slot<M, S, Fn>()); },
                   [](const Model& m) { return dynamic_cast<const M*>(&m) != nullptr; }};
}

// Every view, one per scene.
const std::vector<ViewEntry>& views();
// The view of a scene, or nullptr when the scene has none yet.
const ViewEntry* find_view(const SceneInfo& scene);

}  // namespace dsviz::ui
