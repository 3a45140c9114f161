// How the app was launched: scene, seed and mode, from the command line on
// the desktop or from the page URL in the browser. Pure parsing, no I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "link.h"
#include "model.h"

namespace dsviz::ui {

struct LaunchOptions {
  std::string scene;            // requested id; empty = the default scene
  uint64_t seed = 1;
  bool embed = false;           // one scene, compact controls, no sidebar
  bool dark = true;             // theme
  bool theme_named = false;     // ?theme= or --light said which (else the browser's prefers-color-scheme)
  // Presenter mode (?present=1, --present): the scene alone at projector
  // size with the high-contrast theme; the P key turns it on and off.
  bool present = false;
  // The reader asked for less motion (prefers-reduced-motion; --reduced-motion):
  // views show state changes, not moving packets.
  bool reduced_motion = false;
  int frames = 0;               // desktop: stop after this many frames (0 = run)
  std::string screenshot;       // desktop: PNG of the window after the last frame
  int width = 1280, height = 800;  // desktop window size in pixels
  // Scene settings to apply at start: key=value pairs from `--set` (desktop)
  // or from the URL's other keys (?scene=unity&nodes=8). The app applies the
  // ones the scene knows; a URL's unknown keys belong to the host page.
  // From a URL (or --link) these are checked already: valid for the scene,
  // each value written so it reads back as the exact double.
  std::vector<std::pair<std::string, std::string>> settings;
  bool settings_from_url = false;
  // The reader's inputs from a link (?in=...), checked against the scene:
  // load them with Model::load_inputs right after the reset that applies
  // the settings, and the run replays, clicks included.
  std::vector<Model::Input> inputs;
  // A quiz to load instead of dsviz's own: desktop --quiz FILE (a file
  // path), browser ?quiz= (a path on the page's own site, checked by
  // check_quiz_path before it is fetched). Opens the quiz scene unless a
  // scene is named.
  std::string quiz;
  // A guided tour to start (core/tour): ?tour=<scene>&step=N in the
  // browser, --tour SCENE [--tour-step N] on the desktop. tour_step is
  // 1-based as written; the app checks it against the tour's length.
  std::string tour;
  uint64_t tour_step = 1;
  // Desktop --strict: a refused --set value (check_settings) exits 2.
  bool strict = false;
  // Desktop --stats: frame statistics on stdout (web/frame_stats.h).
  bool stats = false;
  // Bad but harmless input (a malformed seed in a URL): the app opens anyway
  // and shows these lines (at most 10, then "... and N more.").
  std::vector<std::string> notices;
};

// Desktop flags. On a bad flag returns false with a one-line `error` (the
// caller exits 2). An unknown scene id is not an error here: the app opens the
// default scene and names the bad id in a notice.
bool parse_args(int argc, const char* const* argv, LaunchOptions& out, std::string& error);
// The same with --link checked against `shapes` (for the fuzzer, as below).
bool parse_args(int argc, const char* const* argv, LaunchOptions& out, std::string& error, LinkShapes& shapes);
extern const char* const kUsage;

// The page URL's query string ("?scene=unity&seed=7&embed=1"), read by the
// deep-link parser (core/link.h). Never fails: bad values become notices so
// the page always opens.
LaunchOptions parse_query(std::string_view query);
// The same checked against `shapes` (core/link.h): for callers that parse
// many queries (the fuzzer), one model per scene in all.
LaunchOptions parse_query(std::string_view query, LinkShapes& shapes);

// The desktop's --set values that the scene refuses (unknown key, out of
// range, not whole), one line each naming the valid range; empty when all
// apply. main() prints them to stderr and, with --strict, exits 2.
std::vector<std::string> check_settings(const LaunchOptions& opt);

// A setting's value as typed: core/parse.h's strict decimal number.
bool parse_number(std::string_view text, double& out);

// Decimal digits only, fits 64 bits (core/parse.h).
bool parse_seed(std::string_view text, uint64_t& out);

}  // namespace dsviz::ui
