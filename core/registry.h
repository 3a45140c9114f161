// The list of scenes: stable ids (used in URLs and by the CLI), the text the
// UI shows beside each one, and a factory for its model.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "model.h"

namespace dsviz {

struct SceneInfo {
  const char* id;           // stable: used in ?scene=<id> and dsviz-cli
  const char* title;        // "Illusion of unity"
  const char* section;      // the chapter heading it illustrates
  const char* explanation;  // two lines
  std::vector<const char*> try_list;  // short "what to try" items
  Time default_duration;    // CLI default and soak granularity
  std::unique_ptr<Model> (*make)();
};

// In menu order; the first is the default scene.
const std::vector<SceneInfo>& scenes();
const SceneInfo* find_scene(std::string_view id);

}  // namespace dsviz
