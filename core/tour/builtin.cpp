#include "builtin.h"

namespace dsviz::tour {

std::string_view builtin_tour(std::string_view scene) {
  for (const BuiltinTour& t : builtin_tours())
    if (t.scene == scene) return t.text;
  return {};
}

}  // namespace dsviz::tour
