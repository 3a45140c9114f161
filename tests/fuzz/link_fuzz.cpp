// libFuzzer target for the deep-link parser (core/link), parser only, so
// `make fuzz` can run 10 M inputs: any query parses without a crash into a
// checked link with bounded notices, inputs in time order and at most one
// value per setting; every number it kept reads back from its own text
// (format_number, format_seconds) exactly, and the query parses the same a
// second time. Building and running the model a link describes is
// link_run_fuzz's job (time-capped: a model costs far more than a parse).
// The models values are checked against are built once per scene (LinkShapes,
// as any caller parsing many links does), so an execution is the parse alone.
// Seed corpus: tests/fuzz/corpus/link/.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "link.h"
#include "registry.h"

using namespace dsviz;

static LinkShapes shapes;  // one model per scene for the whole fuzzing run

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  const Link l = parse_link(query, shapes);
  if (l.notices.lines().size() > Notices::kMaxShown + 1) std::abort();
  if (!find_scene(l.scene)) std::abort();
  if (l.inputs.size() > kMaxLinkInputs) std::abort();
  for (size_t i = 0; i < l.settings.size(); ++i) {
    const auto& [index, v] = l.settings[i];
    for (size_t j = 0; j < i; ++j)
      if (l.settings[j].first == index) std::abort();  // one value per setting
    double back;
    if (!parse_number(format_number(v), back) || back != v) std::abort();
  }
  for (size_t i = 0; i < l.inputs.size(); ++i) {
    const Model::Input& in = l.inputs[i];
    if (in.at < 0 || (i > 0 && in.at < l.inputs[i - 1].at)) std::abort();
    Time at;
    if (!parse_seconds(format_seconds(in.at), at) || at != in.at) std::abort();
    if (in.kind == Model::kSetParam) {
      double back;
      if (!parse_number(format_number(in.value), back) || back != in.value) std::abort();
    }
  }
  uint64_t seed;
  if (!parse_seed(std::to_string(l.seed), seed) || seed != l.seed) std::abort();
  // The parser is a function of its text: a second parse agrees.
  const Link again = parse_link(query, shapes);
  if (again.scene != l.scene || again.seed != l.seed || again.settings != l.settings ||
      again.inputs.size() != l.inputs.size() || again.notices.distinct() != l.notices.distinct())
    std::abort();
  return 0;
}
