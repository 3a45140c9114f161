// libFuzzer target for dsviz-cli's argument parser (tools/cli_args): bytes
// split at NUL into argv. Never crashes; a refusal is one line; an accepted
// run names a registered scene.
// --link is checked against one model per scene built once (LinkShapes).
// Seed corpus: tests/fuzz/corpus/cli_args/ (one argv per file, NUL-separated).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli_args.h"
#include "registry.h"

using namespace dsviz;

static LinkShapes shapes;  // one model per scene for the whole fuzzing run

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args{"dsviz-cli"};
  std::string cur;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += char(data[i]);
    }
  }
  if (!cur.empty() || args.size() == 1) args.push_back(cur);
  if (args.size() > 64) return 0;
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  cli::Args out;
  std::string error;
  if (!cli::parse_args(int(argv.size()), argv.data(), out, error, shapes)) {
    if (error.empty() || error.find('\n') != std::string::npos) std::abort();
    return 0;
  }
  if (out.command == cli::Args::kRun) {
    if (!find_scene(out.run.scene)) std::abort();
    if (out.run.max_events == 0) std::abort();
    if (out.run.duration == 0 || out.run.duration > cli::kMaxDuration) std::abort();
  }
  return 0;
}
