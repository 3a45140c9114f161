// Everything that differs between the browser and the desktop: launch
// options from argv or the URL, the window and GL context, the frame loop,
// the font texture at the screen's pixel density, screenshots and the page's
// JS handle. The only file with __EMSCRIPTEN__ in it.
#pragma once
#include <string>

#include "options.h"

namespace dsviz::ui {

// Desktop: parses argv (false + one-line error on a bad flag). Browser:
// reads the page URL's query and always succeeds.
bool read_launch_options(int argc, char** argv, LaunchOptions& out, std::string& error);

// Opens the window and runs the app: until the window closes or --frames
// are drawn on the desktop (returns the exit code), forever in the browser.
int run(const LaunchOptions& opt);

}  // namespace dsviz::ui
