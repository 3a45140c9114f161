#include "cli_args.h"

#include "parse.h"
#include "registry.h"

namespace dsviz::cli {

const char* const kUsage =
    "usage: dsviz-cli run --scene <id> [--seed <n>] [--duration <90s|10m|24h|3650d>] [--set key=value ...]\n"
    "                     [--max-events <n>] [--json]\n"
    "       dsviz-cli run --link '<query string of a deep link>' [--duration <d>] [--max-events <n>] [--json]\n"
    "       dsviz-cli list\n"
    "       dsviz-cli bench [--json]\n"
    "       dsviz-cli quiz check FILE... [--json]\n"
    "       dsviz-cli tour check FILE... [--json]\n"
    "       dsviz-cli rtt --from <LAT,LON|place> --to <LAT,LON|place> [--json]   (rtt --places lists the places)\n";

static std::string scene_ids() {
  std::string ids;
  for (const auto& s : scenes()) ids += (ids.empty() ? "" : ", ") + std::string(s.id);
  return ids;
}

static bool parse_run(int argc, const char* const* argv, RunArgs& r, std::string& error, LinkShapes& shapes) {
  bool scene_given = false, seed_given = false;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") {
      r.json = true;
      continue;
    }
    if (a != "--scene" && a != "--seed" && a != "--duration" && a != "--set" && a != "--link" && a != "--max-events") {
      error = "unknown flag '" + quote_text(a) + "' for run (flags: --scene, --seed, --duration, --set, --link, --max-events, --json)";
      return false;
    }
    if (i + 1 >= argc) {
      error = a + " needs a value";
      return false;
    }
    const std::string v = argv[++i];
    if (a == "--scene") {
      r.scene = v;
      scene_given = true;
    } else if (a == "--seed") {
      if (!parse_seed(v, r.seed)) {
        error = std::string("--seed must be ") + kSeedForm + ", got '" + quote_text(v) + "'";
        return false;
      }
      seed_given = true;
    } else if (a == "--duration") {
      if (!parse_duration(v, r.duration) || r.duration <= 0 || r.duration > kMaxDuration) {
        error = "--duration must be a time from 1ns to 100000d like 90s, 10m, 24h, 3650d, got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--max-events") {
      if (!parse_seed(v, r.max_events) || r.max_events == 0) {
        error = "--max-events must be a whole number from 1 to 18446744073709551615, got '" + quote_text(v) + "'";
        return false;
      }
    } else if (a == "--link") {
      if (r.has_link) {
        error = "--link is given twice";
        return false;
      }
      r.has_link = true;
      r.link = parse_link(v, shapes);
      // On the command line a bad link is an error, not a notice.
      if (!r.link.notices.empty()) {
        error = "--link: " + r.link.notices.lines().front();
        return false;
      }
    } else {
      const size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        error = "--set takes key=value, got '" + quote_text(v) + "'";
        return false;
      }
      double d = 0;
      if (!parse_number(std::string_view(v).substr(eq + 1), d)) {
        error = "--set " + quote_text(v.substr(0, eq)) + " needs " + kNumberForm + ", got '" + quote_text(v.substr(eq + 1)) + "'";
        return false;
      }
      r.sets.emplace_back(v.substr(0, eq), d);
    }
  }
  if (r.has_link) {
    if (scene_given || seed_given || !r.sets.empty()) {
      error = "--link carries the scene, seed and settings: drop --scene, --seed and --set";
      return false;
    }
    if (!r.link.scene_named) {
      error = "--link needs scene=<id> in the query (scenes: " + scene_ids() + ")";
      return false;
    }
    r.scene = r.link.scene;
    r.seed = r.link.seed;
    return true;
  }
  if (r.scene.empty()) {
    error = "run needs --scene <id> or --link <query> (see dsviz-cli list)";
    return false;
  }
  if (!find_scene(r.scene)) {
    error = "unknown scene '" + quote_text(r.scene) + "' (scenes: " + scene_ids() + ")";
    return false;
  }
  return true;
}

bool parse_args(int argc, const char* const* argv, Args& out, std::string& error) {
  LinkShapes shapes;
  return parse_args(argc, argv, out, error, shapes);
}

bool parse_args(int argc, const char* const* argv, Args& out, std::string& error, LinkShapes& shapes) {
  if (argc < 2) {
    error = "missing command (commands: run, list, bench, quiz, rtt; dsviz-cli help shows usage)";
    return false;
  }
  const std::string cmd = argv[1];
  if (cmd == "run") {
    out.command = Args::kRun;
    return parse_run(argc - 2, argv + 2, out.run, error, shapes);
  }
  if (cmd == "list") {
    out.command = Args::kList;
    if (argc != 2) error = "list takes no arguments";
    return argc == 2;
  }
  if (cmd == "bench") {
    out.command = Args::kBench;
    out.bench_json = argc == 3 && std::string(argv[2]) == "--json";
    if (argc > 3 || (argc == 3 && !out.bench_json)) {
      error = "bench takes only --json";
      return false;
    }
    return true;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    out.command = Args::kHelp;
    return true;
  }
  error = "unknown command '" + quote_text(cmd) + "' (commands: run, list, bench, quiz, rtt)";
  return false;
}

}  // namespace dsviz::cli
