// The list of scenes, in menu order: one record (core/scene.h) per scene.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "scene.h"

namespace dsviz {

// In menu order; the first is the default scene.
const std::vector<SceneInfo>& scenes();
const SceneInfo* find_scene(std::string_view id);

}  // namespace dsviz
