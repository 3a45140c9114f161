// The view table and the scene registry agree: every scene has a view, every
// view belongs to a registered scene, and each view draws the model type its
// scene's record makes (views cast nothing, so this is what keeps them safe).
#include <doctest.h>

#include <cstring>
#include <set>
#include <string>

#include "registry.h"
#include "scenes/views.h"

using namespace dsviz;
using namespace dsviz::ui;

TEST_CASE("every registered scene has exactly one view, of its model's type") {
  for (const SceneInfo& s : scenes()) {
    CAPTURE(std::string(s.id));
    const ViewEntry* v = find_view(s);
    REQUIRE(v != nullptr);
    auto model = s.make();
    CHECK(v->draws(*model));
    int count = 0;
    for (const ViewEntry& e : views()) count += std::strcmp(e.scene->id, s.id) == 0;
    CHECK(count == 1);
  }
}

TEST_CASE("every view names a registered scene, and no two views share one") {
  std::set<std::string> seen;
  for (const ViewEntry& v : views()) {
    CAPTURE(std::string(v.scene->id));
    CHECK(find_scene(v.scene->id) != nullptr);
    CHECK(seen.insert(v.scene->id).second);
    CHECK(v.make_slot() != nullptr);
  }
}

TEST_CASE("a view refuses another scene's model") {
  // The unity view must not claim the clocks model (and so on round the list).
  const auto& all = scenes();
  for (size_t i = 0; i < all.size(); ++i) {
    const SceneInfo& other = all[(i + 1) % all.size()];
    if (std::strcmp(other.id, all[i].id) == 0) continue;
    auto model = other.make();
    CAPTURE(std::string(all[i].id));
    const ViewEntry* v = find_view(all[i]);
    REQUIRE(v != nullptr);
    CHECK_FALSE(v->draws(*model));
  }
}
