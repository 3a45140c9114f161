// What a tour step may outline: a small vocabulary of names per scene
// ("node:2", "plot:throughput", "control:nodes"). Views report the screen
// rectangle of each name they draw (web/scenes/views.h, ViewContext::mark);
// `tour check` refuses a name the scene's view does not draw.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace dsviz::tour {

// The names a scene's view draws, besides control:<setting key> for each of
// its settings (drawn by the settings panel). A name ending in '#' stands
// for a numbered family: "node:#" accepts node:0, node:1, ... up to the
// count in `numbered_max`.
struct SceneTargets {
  const char* scene;
  std::vector<const char*> names;
  unsigned numbered_max = 0;  // exclusive bound of the numbers in "x:#" names
};
const std::vector<SceneTargets>& scene_targets();

// "" when `name` can be outlined in this scene, else why not (with the
// names it could be).
std::string check_target(std::string_view scene, const Model& shape, std::string_view name);

// Every fixed name of a scene (numbered families as "node:0".."node:2"
// examples, then control:<key> for each setting): for messages and tests.
std::vector<std::string> target_names(std::string_view scene, const Model& shape);

}  // namespace dsviz::tour
