// dsviz: the interactive companion to "What is a distributed system?".
// Desktop: dsviz [--scene ID] [--seed N] [--frames N --screenshot FILE.png]
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
  return dsviz::ui::run(opt);
}
