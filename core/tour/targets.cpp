#include "targets.h"

#include "parse.h"

namespace dsviz::tour {

// Keep in step with the views: each name here is reported by the scene's
// view (web/scenes/<id>_view.cpp, ctx.mark), and the UI test checks that
// every name a bundled tour outlines is on screen at its step. Every scene
// also has area:view (the whole drawing), control:timeline and
// control:transport (the shell's), and control:<key> per setting.
const std::vector<SceneTargets>& scene_targets() {
  static const std::vector<SceneTargets> kTargets = {
      {"unity", {"area:users", "area:reality", "node:auth", "node:#"}, 32},
      {"concurrency", {"area:diagram", "area:batch"}},
      {"clocks", {"area:diagram"}},
      {"failure", {"area:nodes", "area:states", "node:#"}, 8},
      {"availability", {"area:replicas", "plot:availability", "plot:single", "node:#"}, 7},
      {"scaling", {"area:machines", "area:plots"}},
      {"latency", {"area:map", "area:panel"}},
      {"replication", {"area:diagram", "area:figures", "node:#"}, 6},
      {"balancing", {"area:diagram", "area:figures", "node:#"}, 64},
      {"tradeoffs", {"area:tabs", "node:#"}, 8},
      {"quiz", {}},
  };
  return kTargets;
}

namespace {
const char* const kShellTargets[] = {"area:view", "control:timeline", "control:transport"};

const SceneTargets* find(std::string_view scene) {
  for (const SceneTargets& s : scene_targets())
    if (scene == s.scene) return &s;
  return nullptr;
}
}  // namespace

std::vector<std::string> target_names(std::string_view scene, const Model& shape) {
  std::vector<std::string> out;
  for (const char* n : kShellTargets) out.emplace_back(n);
  if (const SceneTargets* s = find(scene))
    for (const char* n : s->names) {
      std::string name = n;
      if (!name.empty() && name.back() == '#') {
        name.pop_back();
        out.push_back(name + "0.." + std::to_string(s->numbered_max - 1));
      } else {
        out.push_back(name);
      }
    }
  for (const Param& p : shape.params()) out.push_back("control:" + p.key);
  return out;
}

std::string check_target(std::string_view scene, const Model& shape, std::string_view name) {
  for (const char* n : kShellTargets)
    if (name == n) return "";
  if (name.substr(0, 8) == "control:")
    for (const Param& p : shape.params())
      if (name.substr(8) == p.key) return "";
  if (const SceneTargets* s = find(scene)) {
    for (const char* n : s->names) {
      const std::string_view pat = n;
      if (pat.back() != '#') {
        if (name == pat) return "";
        continue;
      }
      const std::string_view prefix = pat.substr(0, pat.size() - 1);
      if (name.substr(0, prefix.size()) != prefix) continue;
      const std::string_view num = name.substr(prefix.size());
      uint64_t k = 0;
      if (num.size() <= 3 && parse_seed(num, k) && k < s->numbered_max) return "";
    }
  }
  std::string names;
  for (const std::string& n : target_names(scene, shape)) names += (names.empty() ? "" : ", ") + n;
  return "unknown highlight target '" + quote_text(name) + "' for scene '" + std::string(scene) + "' (targets: " +
         names + ")";
}

}  // namespace dsviz::tour
