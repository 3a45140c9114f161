#include "registry.h"

#include "scenes/unity.h"

namespace dsviz {

template <class M>
static std::unique_ptr<Model> make() {
  auto m = std::make_unique<M>();
  m->reset(1);
  return m;
}

const std::vector<SceneInfo>& scenes() {
  static const std::vector<SceneInfo> table = {
      {"unity", "Illusion of unity", "Definition",
       "Users see one system; behind it, independent computers share the work.\n"
       "Lamport: the failure of a computer you didn't even know existed can render your own computer unusable.",
       {"Crash one or two servers: the user keeps being served, a little slower.",
        "Crash the hidden auth service: every request fails.",
        "Turn on 'reveal reality' and follow one request through the servers.",
        "Push the request rate up until a single server cannot keep up."},
       10 * kMin, &make<UnityModel>},
  };
  return table;
}

const SceneInfo* find_scene(std::string_view id) {
  for (const auto& s : scenes())
    if (id == s.id) return &s;
  return nullptr;
}

}  // namespace dsviz
