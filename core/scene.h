// One scene's record: what the menu, the page and the CLI say about it and
// how to build its model. Each scene defines its record next to its model
// (core/scenes/<id>.cpp); core/registry.cpp lists the records in menu order.
#pragma once
#include <memory>
#include <vector>

#include "model.h"

namespace dsviz {

// A situation a lecture shows, one key press away in presenter mode (keys
// 1-9): its label and the deep link (core/link.h, without scene= and '?')
// that sets it up on top of the scene's defaults.
struct Preset {
  const char* label;  // "Hidden auth service down"
  const char* query;  // "dependency_up=0"
};

struct SceneInfo {
  const char* id;           // stable: used in ?scene=<id> and dsviz-cli
  const char* title;        // "Illusion of unity"
  const char* section;      // the chapter heading it illustrates
  const char* explanation;  // two lines
  std::vector<const char*> try_list;  // short "what to try" items
  Time default_duration;    // CLI default and soak granularity
  // Virtual seconds per real second the view opens at: slow enough that the
  // scene's messages can be followed by eye.
  float opening_speed;
  std::unique_ptr<Model> (*make)();
  // Two to five situations worth showing, in teaching order; each applies
  // without a refused value (tests/core/presets_test.cpp).
  std::vector<Preset> presets = {};
};

// The factory every record uses: a model of type M, reset with seed 1.
template <class M>
std::unique_ptr<Model> make_model() {
  auto m = std::make_unique<M>();
  m->reset(1);
  return m;
}

}  // namespace dsviz
