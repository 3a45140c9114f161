// dsviz-cli: runs scene models with no UI. `run` prints one JSON object of a
// scene's figures, `list` the scenes and their settings, `bench` the event
// loop's throughput. Bad input: one line on stderr naming the problem, exit 2.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/mesh_model.h"
#include "registry.h"
#include "sim.h"

using namespace dsviz;

namespace {

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dsviz-cli: %s\n", msg.c_str());
  return 2;
}

const char* kUsage =
    "usage: dsviz-cli run --scene <id> [--seed <n>] [--duration <90s|10m|24h>] [--set key=value ...] [--json]\n"
    "       dsviz-cli list\n"
    "       dsviz-cli bench [--json]\n";

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

bool parse_u64(const char* s, uint64_t& out) {
  if (!*s || *s == '-' || std::strlen(s) > 20) return false;
  char* end;
  errno = 0;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (*end || errno) return false;
  out = v;
  return true;
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

int cmd_run(int argc, char** argv) {
  std::string scene;
  uint64_t seed = 1;
  Time duration = -1;
  bool json = false;
  std::vector<std::pair<std::string, double>> sets;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)flag;
      return argv[++i];
    };
    if (a == "--json") { json = true; continue; }
    const char* v = value(a.c_str());
    if (a != "--scene" && a != "--seed" && a != "--duration" && a != "--set")
      return usage_error("unknown flag '" + a + "' for run (flags: --scene, --seed, --duration, --set, --json)");
    if (!v) return usage_error(a + " needs a value");
    if (a == "--scene") scene = v;
    else if (a == "--seed") {
      if (!parse_u64(v, seed)) return usage_error(std::string("--seed must be a whole number from 0 to 18446744073709551615, got '") + v + "'");
    } else if (a == "--duration") {
      if (!parse_duration(v, duration) || duration <= 0 || duration > 30 * 24 * kHour)
        return usage_error(std::string("--duration must be a time from 1ns to 30d like 90s, 10m, 24h, got '") + v + "'");
    } else {
      std::string kv = v;
      size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) return usage_error("--set takes key=value, got '" + kv + "'");
      char* end;
      std::string num = kv.substr(eq + 1);
      double d = std::strtod(num.c_str(), &end);
      if (num.empty() || *end) return usage_error("--set " + kv.substr(0, eq) + " needs a number, got '" + num + "'");
      sets.emplace_back(kv.substr(0, eq), d);
    }
  }
  if (scene.empty()) return usage_error("run needs --scene <id> (see dsviz-cli list)");
  const SceneInfo* info = find_scene(scene);
  if (!info) {
    std::string ids;
    for (const auto& s : scenes()) ids += (ids.empty() ? "" : ", ") + std::string(s.id);
    return usage_error("unknown scene '" + scene + "' (scenes: " + ids + ")");
  }
  if (duration < 0) duration = info->default_duration;
  auto m = info->make();
  for (const auto& [k, v] : sets) {
    std::string err;
    if (!m->set(k, v, &err)) return usage_error(err);
  }
  m->reset(seed);
  m->run_until(duration);
  std::vector<Metric> metrics;
  m->metrics(metrics);
  const std::string violation = m->check_invariants();
  char hash[24];
  std::snprintf(hash, sizeof hash, "%016llx", (unsigned long long)m->trace_hash());
  if (json) {
    std::printf("{\"scene\":\"%s\",\"seed\":%llu,\"duration_s\":%s,\"events\":%llu,\"trace_hash\":\"%s\",", info->id,
                (unsigned long long)seed, json_num(to_s(duration)).c_str(), (unsigned long long)m->events(), hash);
    std::printf("\"settings\":{");
    for (size_t i = 0; i < m->params().size(); ++i)
      std::printf("%s\"%s\":%s", i ? "," : "", m->params()[i].key.c_str(), json_num(m->param(i)).c_str());
    std::printf("},\"metrics\":{");
    for (size_t i = 0; i < metrics.size(); ++i)
      std::printf("%s\"%s\":%s", i ? "," : "", metrics[i].key.c_str(), json_num(metrics[i].value).c_str());
    std::printf("},\"invariants\":\"%s\"}\n", violation.empty() ? "ok" : json_escape(violation).c_str());
  } else {
    std::printf("scene %s, seed %llu, %s of virtual time, %llu events, trace hash %s\n", info->id,
                (unsigned long long)seed, format_duration(duration).c_str(), (unsigned long long)m->events(), hash);
    for (const auto& mt : metrics) std::printf("  %-28s %s\n", mt.key.c_str(), json_num(mt.value).c_str());
    std::printf("  invariants: %s\n", violation.empty() ? "ok" : violation.c_str());
  }
  return violation.empty() ? 0 : 1;
}

double wall_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
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

int cmd_bench(int argc, char** argv) {
  bool json = argc > 0 && std::strcmp(argv[0], "--json") == 0;
  if (argc > 1 || (argc == 1 && !json)) return usage_error("bench takes only --json");
  const double e100 = bench_queue(100), e10k = bench_queue(10000), e1m = bench_queue(1000000);
  uint64_t mesh_events = 0;
  double sim_loop = 0;
  const double mesh = bench_mesh(mesh_events, sim_loop);
  const auto replay = bench_replay();
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
    std::printf("}\n");
  } else {
    std::printf("%s build\n  event loop, 100 pending:       %.2f M events/s\n  event loop, 10,000 pending:    %.2f M events/s\n"
                "  event loop, 1,000,000 pending: %.2f M events/s\n  1,000-node mesh model:         %.1f virtual s per wall s\n"
                "  whole simulator loop (mesh):   %.2f M events/s\n",
                build, e100 / 1e6, e10k / 1e6, e1m / 1e6, mesh, sim_loop / 1e6);
    for (const auto& [id, ms] : replay) std::printf("  replay 10 virtual min of %-14s %.3f ms\n", (id + ":").c_str(), ms);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("missing command (commands: run, list, bench; dsviz-cli help shows usage)");
  std::string cmd = argv[1];
  if (cmd == "run") return cmd_run(argc - 2, argv + 2);
  if (cmd == "list") return argc == 2 ? cmd_list() : usage_error("list takes no arguments");
  if (cmd == "bench") return cmd_bench(argc - 2, argv + 2);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  return usage_error("unknown command '" + cmd + "' (commands: run, list, bench)");
}
