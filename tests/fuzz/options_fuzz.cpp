// libFuzzer target for the launch options: any bytes as a page query
// (parse_query, which reads it through core/link) and, split at NUL bytes,
// as desktop argv (parse_args, check_settings). Never crashes or hangs; the
// notices stay bounded; every kept setting is a value the strict reader takes.
// The query is checked against one model per scene built once (LinkShapes),
// as is argv's --link, so an execution is the parse; check_settings still
// builds its scene's model when argv has --set (it sets values on it; a
// model's rings allocate only when used, so that is cheap).
// Seed corpus: tests/fuzz/corpus/options/.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "options.h"
#include "parse.h"

using namespace dsviz;

static LinkShapes shapes;  // one model per scene for the whole fuzzing run

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ui::LaunchOptions o = ui::parse_query(text, shapes);
  if (o.notices.size() > Notices::kMaxShown + 1) std::abort();
  for (const auto& [k, v] : o.settings) {
    double x;
    if (!parse_number(v, x)) std::abort();
  }
  for (size_t i = 1; i < o.inputs.size(); ++i)
    if (o.inputs[i].at < o.inputs[i - 1].at) std::abort();

  std::vector<std::string> args{"dsviz"};
  std::string cur;
  for (char c : text) {
    if (c == '\0') {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  args.push_back(cur);
  if (args.size() > 64) return 0;
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  ui::LaunchOptions d;
  std::string error;
  if (ui::parse_args(int(argv.size()), argv.data(), d, error, shapes)) {
    for (const std::string& line : ui::check_settings(d))
      if (line.empty() || line.find('\n') != std::string::npos) std::abort();
  } else if (error.empty() || error.find('\n') != std::string::npos) {
    std::abort();
  }
  return 0;
}
