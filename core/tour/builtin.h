// dsviz's own tours (assets/tours/<scene>.toml), embedded in the core at
// build time (core/CMakeLists.txt), so the page and the desktop need no file.
#pragma once
#include <string_view>
#include <vector>

namespace dsviz::tour {

struct BuiltinTour {
  std::string_view scene;  // the file's name: assets/tours/<scene>.toml
  std::string_view text;
};
// Every bundled tour, by file name order.
const std::vector<BuiltinTour>& builtin_tours();
// The text of a scene's bundled tour, or "" when it has none.
std::string_view builtin_tour(std::string_view scene);

}  // namespace dsviz::tour
