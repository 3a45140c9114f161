// dsviz: the interactive companion to "What is a distributed system?".
// Desktop: dsviz [--scene ID] [--seed N] [--set K=V [--strict]] [--frames N --screenshot FILE.png]
// Browser: index.html?scene=ID&seed=N&embed=1
#include <cstdio>

#include "platform.h"

int main(int argc, char** argv) {
  dsviz::ui::LaunchOptions opt;
  std::string error;
  if (!dsviz::ui::read_launch_options(argc, argv, opt, error)) {
    if (error == "help") {
      std::puts(dsviz::ui::kUsage);
      return 0;
    }
    std::fprintf(stderr, "dsviz: %s (see dsviz --help)\n", error.c_str());
    return 2;
  }
  // A --set the scene refuses is said on stderr (the window shows it too);
  // --strict makes it fatal, so scripted screenshots never fall back to
  // defaults silently. A URL's settings are the page's notices only.
  if (!opt.settings_from_url) {
    const auto refused = dsviz::ui::check_settings(opt);
    for (const auto& line : refused) std::fprintf(stderr, "dsviz: --set refused: %s\n", line.c_str());
    if (opt.strict && !refused.empty()) return 2;
  }
  return dsviz::ui::run(opt);
}
