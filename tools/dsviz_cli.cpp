// dsviz-cli: runs scene models with no UI. `run` prints one JSON object of a
// scene's figures, `list` the scenes and their settings, `bench` the event
// loop's throughput. Bad input: one line on stderr naming the problem, exit 2.
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/mesh_model.h"
#include "cli_args.h"
#include "cli_rtt.h"
#include "cli_tour.h"
#include "link.h"
#include "quiz/quiz.h"
#include "registry.h"
#include "sim.h"

using namespace dsviz;

namespace {

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dsviz-cli: %s\n", msg.c_str());
  return 2;
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    if (c == '\n') { o += "\\n"; continue; }
    o += c;
  }
  return o;
}

std::string json_num(double v) {
  if (!std::isfinite(v)) return "null";
  char b[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) std::snprintf(b, sizeof b, "%.0f", v);
  else std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

int cmd_list() {
  for (const auto& s : scenes()) {
    std::printf("%s  %s  (chapter: %s)\n", s.id, s.title, s.section);
    auto m = s.make();
    for (const auto& p : m->params())
      std::printf("    %-16s %g to %g %s, default %g%s  %s\n", p.key.c_str(), p.min, p.max, p.unit.c_str(), p.def,
                  p.integer ? " (whole number)" : "", p.help.c_str());
  }
  return 0;
}

double wall_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

int cmd_run(const cli::RunArgs& r) {
  const SceneInfo* info = find_scene(r.scene);
  const Time duration = r.duration < 0 ? info->default_duration : r.duration;
  std::unique_ptr<Model> m;
  if (r.has_link) {
    m = make_linked_model(r.link);
  } else {
    m = info->make();
    for (const auto& [k, v] : r.sets) {
      std::string err;
      if (!m->set(k, v, &err)) return usage_error(err);
    }
    m->reset(r.seed);
  }
  // Bounded by events, not virtual time; slices keep the progress line
  // (stderr, after the first two wall seconds) coming.
  const double t0 = wall_s();
  double next_report = t0 + 2;
  uint64_t budget = r.max_events;
  for (;;) {
    const uint64_t slice = budget < 1000000 ? budget : 1000000;
    const uint64_t before = m->events();
    if (m->run_for_events(duration, slice)) break;
    budget -= m->events() - before;
    if (budget == 0) {
      return usage_error("the run used its budget of " + std::to_string(r.max_events) + " events at " +
                         format_duration(m->now()) + " of " + format_duration(duration) +
                         " of virtual time: shorten --duration or raise --max-events");
    }
    if (wall_s() >= next_report) {
      next_report = wall_s() + 2;
      std::fprintf(stderr, "dsviz-cli: %s: %.0f%% of %s of virtual time, %llu events, %.0f s\n", info->id,
                   100.0 * to_s(m->now()) / to_s(duration), format_duration(duration).c_str(),
                   (unsigned long long)m->events(), wall_s() - t0);
    }
  }
  std::vector<Metric> metrics;
  m->metrics(metrics);
  const std::string violation = m->check_invariants();
  const LinkText link = format_link(info->id, *m);
  char hash[24];
  std::snprintf(hash, sizeof hash, "%016llx", (unsigned long long)m->trace_hash());
  if (r.json) {
    std::printf("{\"scene\":\"%s\",\"seed\":%llu,\"duration_s\":%s,\"events\":%llu,\"trace_hash\":\"%s\",", info->id,
                (unsigned long long)m->seed(), json_num(to_s(duration)).c_str(), (unsigned long long)m->events(), hash);
    std::printf("\"link\":\"%s\",\"inputs\":%zu,", json_escape(link.query).c_str(), m->input_log().size());
    std::printf("\"settings\":{");
    for (size_t i = 0; i < m->params().size(); ++i)
      std::printf("%s\"%s\":%s", i ? "," : "", m->params()[i].key.c_str(), json_num(m->param(i)).c_str());
    std::printf("},\"metrics\":{");
    for (size_t i = 0; i < metrics.size(); ++i)
      std::printf("%s\"%s\":%s", i ? "," : "", metrics[i].key.c_str(), json_num(metrics[i].value).c_str());
    std::printf("},\"invariants\":\"%s\"}\n", violation.empty() ? "ok" : json_escape(violation).c_str());
  } else {
    std::printf("scene %s, seed %llu, %s of virtual time, %llu events, trace hash %s\n", info->id,
                (unsigned long long)m->seed(), format_duration(duration).c_str(), (unsigned long long)m->events(), hash);
    std::printf("  link: ?%s\n", link.query.c_str());
    for (const auto& mt : metrics) std::printf("  %-28s %s\n", mt.key.c_str(), json_num(mt.value).c_str());
    std::printf("  invariants: %s\n", violation.empty() ? "ok" : violation.c_str());
  }
  return violation.empty() ? 0 : 1;
}


// The classic "hold" benchmark: keep `pending` events queued, pop the
// earliest, push one a random delay later. Returns events per wall second.
double bench_queue(size_t pending) {
  EventQueue q;
  Rng rng(42);
  for (size_t i = 0; i < pending; ++i) q.push(Time(rng.below(1000000)), Event{0, uint32_t(i), i, 0});
  const uint64_t target = pending >= 1000000 ? 3000000 : 10000000;
  uint64_t done = 0, check = 0;
  const double t0 = wall_s();
  Time at;
  Event e;
  while (done < target) {
    q.pop(at, e);
    check += e.a;
    q.push(at + Time(rng.below(1000000)), e);
    ++done;
  }
  const double dt = wall_s() - t0;
  if (check == 42) std::printf(" ");  // keeps the loop from being optimised out
  return double(done) / dt;
}

// The whole simulator loop on the 1,000-node mesh model: virtual seconds
// per wall second, and (sim_events_per_s) events per wall second, each event
// popped, handled by the model (network draws, trace, clocks, failures) and
// hashed: what a scene pays per event, unlike the bare heap "hold" figures.
double bench_mesh(uint64_t& events, double& sim_events_per_s) {
  MeshModel m;
  m.reset(7);
  const double t0 = wall_s();
  Time vt = 0;
  while (wall_s() - t0 < 1.5) {
    vt += 1 * kSec;
    m.run_until(vt);
  }
  const double dt = wall_s() - t0;
  events = m.events();
  sim_events_per_s = double(events) / dt;
  return to_s(vt) / dt;
}

// Scrubbing back in time replays from the start: how long 10 virtual
// minutes of each scene take with default settings, in wall milliseconds.
std::vector<std::pair<std::string, double>> bench_replay() {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& s : scenes()) {
    auto m = s.make();
    const double t0 = wall_s();
    int reps = 0;
    do {
      m->reset(1);
      m->run_until(10 * kMin);
      ++reps;
    } while (wall_s() - t0 < 0.2);
    out.emplace_back(s.id, (wall_s() - t0) * 1000 / reps);
  }
  return out;
}

// Dragging the timeline back over an hour of unity at 100 req/s: the page
// replays it in slices of 50,000 events, one slice a frame
// (Model::replay_begin / replay_step). How many events, and what one slice
// costs in wall milliseconds (mean and worst): the frame time the replay adds.
struct SliceBench {
  uint64_t events = 0;
  int slices = 0;
  double mean_ms = 0, max_ms = 0;
};
SliceBench bench_replay_slices() {
  SliceBench b;
  auto m = find_scene("unity")->make();
  m->set("rate", 100);
  m->reset(1);
  m->run_until(1 * kHour);
  m->replay_begin(1 * kHour - 1 * kSec);  // back: the whole hour again
  double total = 0;
  for (;;) {
    const double t0 = wall_s();
    const Model::ReplayProgress p = m->replay_step(50000);
    const double ms = (wall_s() - t0) * 1000;
    total += ms;
    b.max_ms = ms > b.max_ms ? ms : b.max_ms;
    ++b.slices;
    if (p.done) break;
  }
  b.events = m->events();
  b.mean_ms = total / b.slices;
  return b;
}

int cmd_bench(bool json) {
  const double e100 = bench_queue(100), e10k = bench_queue(10000), e1m = bench_queue(1000000);
  uint64_t mesh_events = 0;
  double sim_loop = 0;
  const double mesh = bench_mesh(mesh_events, sim_loop);
  const auto replay = bench_replay();
  const SliceBench slices = bench_replay_slices();
#ifdef __EMSCRIPTEN__
  const char* build = "wasm";
#else
  const char* build = "native";
#endif
  if (json) {
    std::printf("{\"build\":\"%s\",\"events_per_s_pending_100\":%.0f,\"events_per_s_pending_10000\":%.0f,"
                "\"events_per_s_pending_1000000\":%.0f,\"model_1000_nodes_virtual_s_per_wall_s\":%.1f,"
                "\"sim_loop_events_per_s\":%.0f",
                build, e100, e10k, e1m, mesh, sim_loop);
    for (const auto& [id, ms] : replay) std::printf(",\"replay_10min_%s_ms\":%.3f", id.c_str(), ms);
    std::printf(",\"replay_1h_unity_100rps_events\":%llu,\"replay_slice_50k_events_ms_mean\":%.2f,"
                "\"replay_slice_50k_events_ms_max\":%.2f",
                (unsigned long long)slices.events, slices.mean_ms, slices.max_ms);
    std::printf("}\n");
  } else {
    std::printf("%s build\n  event loop, 100 pending:       %.2f M events/s\n  event loop, 10,000 pending:    %.2f M events/s\n"
                "  event loop, 1,000,000 pending: %.2f M events/s\n  1,000-node mesh model:         %.1f virtual s per wall s\n"
                "  whole simulator loop (mesh):   %.2f M events/s\n",
                build, e100 / 1e6, e10k / 1e6, e1m / 1e6, mesh, sim_loop / 1e6);
    for (const auto& [id, ms] : replay) std::printf("  replay 10 virtual min of %-14s %.3f ms\n", (id + ":").c_str(), ms);
    std::printf("  replay 1 h of unity at 100 req/s: %llu events in %d slices of 50,000, %.2f ms a slice (worst %.2f ms)\n",
                (unsigned long long)slices.events, slices.slices, slices.mean_ms, slices.max_ms);
  }
  return 0;
}

// Reads at most kMaxQuizBytes + 1 bytes: a bigger file is refused without
// reading it all (a 20 MB file costs one seek, not a parse).
bool read_quiz_file(const char* path, std::string& text, std::string& error) {
  FILE* f = std::fopen(path, "rb");
  if (!f) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    if (size > long(quiz::kMaxQuizBytes)) {
      std::fclose(f);
      error = "file too large: " + std::to_string(size) + " bytes (the limit is " + std::to_string(quiz::kMaxQuizBytes) + ")";
      return false;
    }
    std::rewind(f);
  }
  text.assign(quiz::kMaxQuizBytes + 1, '\0');
  const size_t got = std::fread(text.data(), 1, text.size(), f);
  const bool failed = std::ferror(f);
  std::fclose(f);
  text.resize(got);
  if (failed) {
    error = "cannot read the file";
    return false;
  }
  if (got > quiz::kMaxQuizBytes) {
    error = "file too large: over " + std::to_string(quiz::kMaxQuizBytes) + " bytes (the limit)";
    return false;
  }
  return true;
}

// `quiz check FILE... [--json]`: per file its questions and their types;
// every problem as FILE:LINE:COL: error|warning: message. Exit 0 when no
// file has an error (warnings such as duplicate options do not fail), 2
// otherwise.
int cmd_quiz(int argc, char** argv) {
  if (argc < 1 || std::strcmp(argv[0], "check") != 0) return usage_error("quiz takes: check FILE... [--json]");
  bool json = false;
  std::vector<const char*> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) json = true;
    else files.push_back(argv[i]);
  }
  if (files.empty()) return usage_error("quiz check needs at least one FILE");
  bool all_valid = true;
  if (json) std::printf("{\"files\":[");
  for (size_t fi = 0; fi < files.size(); ++fi) {
    const char* path = files[fi];
    std::string text, error;
    quiz::Quiz qz;
    std::vector<quiz::Problem> problems;
    bool valid;
    if (!read_quiz_file(path, text, error)) {
      problems.push_back({{1, 1}, quiz::Severity::Error, error});
      valid = false;
    } else {
      valid = quiz::parse_quiz(text, qz, problems);
    }
    all_valid &= valid;
    size_t counts[3] = {0, 0, 0};
    for (const auto& q : qz.questions) ++counts[size_t(q.type)];
    const quiz::Type types[3] = {quiz::Type::MultipleChoice, quiz::Type::ShortAnswer, quiz::Type::Tracing};
    if (json) {
      std::printf("%s{\"file\":\"%s\",\"valid\":%s,\"questions\":%zu,\"types\":{", fi ? "," : "",
                  json_escape(path).c_str(), valid ? "true" : "false", qz.questions.size());
      bool first = true;
      for (size_t t = 0; t < 3; ++t) {
        if (!counts[t]) continue;
        std::printf("%s\"%s\":%zu", first ? "" : ",", quiz::type_name(types[t]), counts[t]);
        first = false;
      }
      std::printf("},\"problems\":[");
      for (size_t i = 0; i < problems.size(); ++i) {
        const auto& p = problems[i];
        std::printf("%s{\"line\":%u,\"col\":%u,\"severity\":\"%s\",\"message\":\"%s\"}", i ? "," : "", p.pos.line,
                    p.pos.col, p.severity == quiz::Severity::Error ? "error" : "warning", json_escape(p.message).c_str());
      }
      std::printf("]}");
    } else {
      if (valid) {
        std::string kinds;
        for (size_t t = 0; t < 3; ++t)
          if (counts[t]) kinds += (kinds.empty() ? "" : ", ") + std::string(quiz::type_name(types[t])) + " " + std::to_string(counts[t]);
        std::printf("%s: %zu question%s (%s)%s\n", path, qz.questions.size(), qz.questions.size() == 1 ? "" : "s",
                    kinds.c_str(), problems.empty() ? "" : ", with warnings");
      } else {
        std::printf("%s: invalid\n", path);
      }
      for (const auto& p : problems) std::fprintf(stderr, "%s:%s\n", path, quiz::format_problem(p).c_str());
    }
  }
  if (json) std::printf("],\"valid\":%s}\n", all_valid ? "true" : "false");
  return all_valid ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "quiz") == 0) return cmd_quiz(argc - 2, argv + 2);
  if (argc >= 2 && std::strcmp(argv[1], "rtt") == 0) return cli::cmd_rtt(argc - 2, argv + 2);
  if (argc >= 2 && std::strcmp(argv[1], "tour") == 0) return cli::cmd_tour(argc - 2, argv + 2);
  cli::Args args;
  std::string error;
  if (!cli::parse_args(argc, argv, args, error)) return usage_error(error);
  switch (args.command) {
    case cli::Args::kRun: return cmd_run(args.run);
    case cli::Args::kList: return cmd_list();
    case cli::Args::kBench: return cmd_bench(args.bench_json);
    case cli::Args::kHelp: std::printf("%s", cli::kUsage); return 0;
  }
  return 2;
}
