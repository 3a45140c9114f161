// dsviz-cli's command line, parsed with no I/O (so it can be fuzzed): the
// command and its flags, or a one-line error. Numbers and seeds go through
// the strict reader in core/parse.h, links through core/link.h.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "link.h"
#include "vtime.h"

namespace dsviz::cli {

// Virtual time is cheap for event-light scenes (years of availability), so
// a run is bounded by the events it may take, not by its virtual length.
constexpr uint64_t kDefaultMaxEvents = 1'000'000'000ULL;
constexpr Time kMaxDuration = 100'000 * 24 * kHour;  // ~274 years: Time's range

struct RunArgs {
  std::string scene;  // from --scene or the link
  uint64_t seed = 1;
  Time duration = -1;  // -1: the scene's default
  bool json = false;
  std::vector<std::pair<std::string, double>> sets;
  bool has_link = false;
  Link link;  // --link, parsed and checked against its scene
  uint64_t max_events = kDefaultMaxEvents;
};

struct Args {
  enum Command { kRun, kList, kBench, kHelp } command = kHelp;
  RunArgs run;
  bool bench_json = false;
};

extern const char* const kUsage;

// argv[0] is the program. False with a one-line `error` on bad input.
bool parse_args(int argc, const char* const* argv, Args& out, std::string& error);
// The same with --link checked against `shapes` (core/link.h): for callers
// that parse many command lines (the fuzzer), one model per scene in all.
bool parse_args(int argc, const char* const* argv, Args& out, std::string& error, LinkShapes& shapes);

}  // namespace dsviz::cli
