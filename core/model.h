// A scene's model: the simulation behind one scene, with named settings,
// named result figures and a trace hash. The UI, the CLI and the tests all
// drive scenes through this interface; scene-specific commands (crash a node,
// send a request) live on the concrete model class.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim.h"

namespace dsviz {

// One settable key of a scene, e.g. {"nodes", 1, 32, 4, "nodes", ...}.
struct Param {
  std::string key;
  double min = 0, max = 1, def = 0;
  std::string unit;  // shown after the value: "nodes", "ms", "req/s", "ppm", "" for a flag
  std::string help;  // one line
  bool integer = false;  // integers and flags (0/1 with integer=true, max 1)
  bool log_scale = false;  // UI hint for sliders spanning decades
  std::string label;       // shown name when the key alone reads poorly ("A-B link")
};

// A Param with a display label, for add_param(labelled({...}, "MTBF per node")).
inline Param labelled(Param p, const char* label) {
  p.label = label;
  return p;
}

// A typed handle to one setting of one model: models declare theirs as
// `static constexpr SettingId kRate{1};` in registration order, so views and
// tests name settings by symbol, never by string key.
struct SettingId {
  size_t index;
  constexpr operator size_t() const { return index; }
};

// One result figure: the CLI prints it under "metrics", the UI may show it.
struct Metric {
  std::string key;  // e.g. "latency_p99_ms": unit last
  double value = 0;
};

class Model {
 public:
  virtual ~Model() = default;

  // Rebuilds the whole run from the current settings and this seed.
  void reset(uint64_t seed);
  uint64_t seed() const { return seed_; }

  // Settings. set() checks the key and range; on failure returns false and
  // fills `error` with a one-line message naming the valid range.
  const std::vector<Param>& params() const { return params_; }
  bool set(std::string_view key, double value, std::string* error = nullptr);
  double get(std::string_view key) const;
  double param(size_t index) const { return values_[index]; }
  bool set(SettingId id, double value, std::string* error = nullptr) {
    return set(params_[id.index].key, value, error);
  }
  double get(SettingId id) const { return values_[id.index]; }
  // Bumped by every reset, setting change, command and replay: the shell
  // compares it across frames to notice any change, whoever made it.
  uint64_t revision() const { return revision_; }

  // Runs exactly one event; false when nothing is pending.
  bool step();
  // Runs every event at or before t, then sets now to t.
  void run_until(Time t);
  Time now() const { return sim_.now(); }
  uint64_t events() const { return sim_.events(); }
  uint64_t trace_hash() const { return sim_.trace_hash(); }
  const Sim& sim() const { return sim_; }

  // Scrubbing. A run is its seed, its settings at the start, and the
  // reader's commands and live setting changes at the moments they came;
  // replay_to(t) rebuilds it from the start and repeats them up to t (going
  // back in time; forward it just runs). Commands after t are dropped: the
  // reader starts a new branch of history from there.
  void replay_to(Time t);
  size_t commands_logged() const { return log_.size(); }

  virtual void metrics(std::vector<Metric>& out) const = 0;
  // Empty when the run is consistent, else a line naming the broken
  // invariant. Models add their own checks (counters adding up, ...).
  virtual std::string check_invariants() const { return sim_.check_invariants(); }

 protected:
  // Registers a setting; call from the constructor, in a fixed order.
  size_t add_param(Param p);
  // The same, checking that registration order matches the model's handle.
  void add_param(SettingId id, Param p);
  // Called by reset() after the simulator is cleared: schedule initial events.
  virtual void on_reset() = 0;
  // Called by set() after a value changes; default: rebuild the run.
  virtual void on_param_changed(size_t index);
  // Called for every event popped from the queue.
  virtual void on_event(const Event& e) = 0;
  // A reader's command (crash a node, send a request): models route their
  // public command methods through command() so replay_to() can repeat them,
  // and carry them out here. `kind` and `arg` are the model's own.
  void command(uint32_t kind, uint64_t arg = 0);
  virtual void on_command(uint32_t kind, uint64_t arg);

  Sim sim_;

 private:
  // One logged input: a command, or (kind kSetParam) a live setting change.
  struct Input {
    Time at;
    uint64_t events;  // events run before it: replays land between the same two events
    uint32_t kind;
    uint64_t arg;
    double value;
  };
  static constexpr uint32_t kSetParam = 0xffffffffu;
  void log_input(uint32_t kind, uint64_t arg, double value);

  std::vector<Param> params_;
  std::vector<double> values_;
  std::vector<double> start_values_;  // settings when the run began
  std::vector<Input> log_;
  uint64_t seed_ = 1;
  uint64_t revision_ = 0;
};

}  // namespace dsviz
