// Launch options from argv (desktop) or the URL query (browser).
#include "options.h"

#include "link.h"
#include "parse.h"
#include "registry.h"

namespace dsviz::ui {

const char* const kUsage =
    "usage: dsviz [--scene ID] [--seed N] [--set KEY=VALUE ...] [--strict] [--link QUERY]\n"
    "             [--embed] [--light] [--size WxH] [--frames N --screenshot FILE.png] [--quiz FILE.toml]\n"
    "             [--present]   (presenter mode: the scene alone, large text, high contrast; P toggles)\n"
    "             [--reduced-motion]   (no moving messages: state changes only)\n"
    "             [--stats]   (a line of frame statistics every 2 s and at the end)\n"
    "             [--tour SCENE [--tour-step N]]";

bool parse_number(std::string_view text, double& out) { return dsviz::parse_number(text, out); }

bool parse_seed(std::string_view text, uint64_t& out) { return dsviz::parse_seed(text, out); }

// A link's run (scene, seed, settings, inputs) into launch options.
static void take_link(const Link& l, LaunchOptions& o, LinkShapes& shapes) {
  if (l.scene_named) o.scene = l.scene;
  o.seed = l.seed;
  const auto info = find_scene(l.scene);
  if (info) {
    const Model& shape = shapes.of(*info);
    for (const auto& [i, v] : l.settings) o.settings.emplace_back(shape.params()[i].key, format_number(v));
  }
  o.inputs = l.inputs;
  for (const std::string& n : l.notices.lines()) o.notices.push_back(n);
}

static bool parse_int(std::string_view text, int lo, int hi, int& out) {
  uint64_t v = 0;
  if (!parse_seed(text, v) || v < uint64_t(lo) || v > uint64_t(hi)) return false;
  out = int(v);
  return true;
}

bool parse_args(int argc, const char* const* argv, LaunchOptions& o, std::string& error) {
  LinkShapes shapes;
  return parse_args(argc, argv, o, error, shapes);
}

bool parse_args(int argc, const char* const* argv, LaunchOptions& o, std::string& error, LinkShapes& shapes) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    // Flags that take a value; the value must be there.
    auto value = [&](std::string_view& v) {
      if (i + 1 >= argc) {
        error = quote_text(a) + " needs a value";
        return false;
      }
      v = argv[++i];
      return true;
    };
    std::string_view v;
    if (a == "--scene") {
      if (!value(v)) return false;
      o.scene = v;
    } else if (a == "--seed") {
      if (!value(v)) return false;
      if (!parse_seed(v, o.seed)) {
        error = std::string("--seed wants ") + kSeedForm + ", got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--frames") {
      if (!value(v)) return false;
      if (!parse_int(v, 1, 1000000, o.frames)) {
        error = "--frames wants a whole number from 1 to 1000000, got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--screenshot") {
      if (!value(v)) return false;
      o.screenshot = v;
    } else if (a == "--size") {
      if (!value(v)) return false;
      size_t x = v.find('x');
      if (x == std::string_view::npos || !parse_int(v.substr(0, x), 320, 8192, o.width) ||
          !parse_int(v.substr(x + 1), 240, 8192, o.height)) {
        error = "--size wants WIDTHxHEIGHT from 320x240 to 8192x8192, got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--set") {
      if (!value(v)) return false;
      size_t eq = v.find('=');
      double num;
      if (eq == std::string_view::npos || eq == 0) {
        error = "--set wants KEY=NUMBER (dsviz-cli list shows each scene's keys), got '" + quote_text(v) + "'";
        return false;
      }
      if (!parse_number(v.substr(eq + 1), num)) {
        error = "--set " + quote_text(v.substr(0, eq)) + " wants " + kNumberForm + ", got '" +
                quote_text(v.substr(eq + 1)) + "'";
        return false;
      }
      o.settings.emplace_back(std::string(v.substr(0, eq)), std::string(v.substr(eq + 1)));
    } else if (a == "--quiz") {
      if (!value(v)) return false;
      o.quiz = v;
    } else if (a == "--tour") {
      if (!value(v)) return false;
      o.tour = v;
    } else if (a == "--tour-step") {
      if (!value(v)) return false;
      if (!parse_seed(v, o.tour_step) || o.tour_step == 0 || o.tour_step > 100) {
        error = "--tour-step wants a step number from 1, got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--strict") {
      o.strict = true;
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a == "--link") {
      if (!value(v)) return false;
      const Link l = parse_link(v, shapes);
      if (!l.notices.empty()) {
        error = "--link: " + l.notices.lines().front();
        return false;
      }
      take_link(l, o, shapes);
    } else if (a == "--embed") {
      o.embed = true;
    } else if (a == "--present") {
      o.present = true;
    } else if (a == "--reduced-motion") {
      o.reduced_motion = true;
    } else if (a == "--light") {
      o.dark = false;
      o.theme_named = true;
    } else if (a == "--help" || a == "-h") {
      error = "help";
      return false;
    } else {
      error = "unknown flag '" + quote_text(a) + "'";
      return false;
    }
  }
  if (!o.quiz.empty() && o.scene.empty()) o.scene = "quiz";
  if (!o.tour.empty()) {
    if (!find_scene(o.tour)) {
      error = "--tour: there is no scene '" + quote_text(o.tour) + "'";
      return false;
    }
    o.scene = o.tour;
  }
  if (!o.screenshot.empty() && o.frames == 0) {
    error = "--screenshot needs --frames N (how many frames to draw first)";
    return false;
  }
  return true;
}

LaunchOptions parse_query(std::string_view q) {
  LinkShapes shapes;
  return parse_query(q, shapes);
}

LaunchOptions parse_query(std::string_view q, LinkShapes& shapes) {
  LaunchOptions o;
  o.settings_from_url = true;
  const Link l = parse_link(q, shapes);
  take_link(l, o, shapes);
  std::vector<std::string> more;
  for (const auto& [key, val] : l.other) {
    if (key == "embed") {
      o.embed = val != "0" && val != "false";
    } else if (key == "present") {
      o.present = val != "0" && val != "false";
    } else if (key == "quiz") {
      o.quiz = val;  // fetched by the platform once its path is checked
    } else if (key == "tour") {
      if (find_scene(val)) o.tour = val;
      else more.push_back("There is no tour '" + quote_text(val) + "': showing the scene without one.");
    } else if (key == "step") {
      uint64_t n = 0;
      if (parse_seed(val, n) && n >= 1 && n <= 100) o.tour_step = n;
      else more.push_back("Tour step '" + quote_text(val) + "' is not a step number from 1: starting at step 1.");
    } else if (key == "theme") {
      o.theme_named = val == "light" || val == "dark";
      if (val == "light") o.dark = false;
      else if (val == "dark") o.dark = true;
      else more.push_back("Theme '" + quote_text(val) + "' is unknown (light or dark): using dark.");
    }
    // Other keys are the host page's (analytics, mdBook) or another scene's.
  }
  if (!o.quiz.empty() && !l.scene_named) o.scene = "quiz";
  // A tour is its scene's: ?tour=clocks opens clocks whatever scene= says.
  if (!o.tour.empty()) o.scene = o.tour;
  if (!more.empty()) {
    Notices all;
    for (const std::string& n : l.notices.lines()) all.add(n);
    for (std::string& n : more) all.add(std::move(n));
    o.notices = all.lines();
  }
  return o;
}

std::vector<std::string> check_settings(const LaunchOptions& opt) {
  std::vector<std::string> out;
  if (opt.settings.empty()) return out;
  const SceneInfo* info = opt.scene.empty() ? &scenes().front() : find_scene(opt.scene);
  if (!info) {
    out.push_back("there is no scene '" + quote_text(opt.scene) + "', so its settings do not apply");
    return out;
  }
  const auto m = info->make();
  for (const auto& [key, text] : opt.settings) {
    double v = 0;
    std::string err;
    if (!parse_number(text, v)) {
      out.push_back("setting '" + quote_text(key) + "' wants " + kNumberForm + ", got '" + quote_text(text) + "'");
    } else if (!m->set(key, v, &err)) {
      out.push_back("scene '" + std::string(info->id) + "': " + err);
    }
  }
  return out;
}

}  // namespace dsviz::ui
