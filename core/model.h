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
  // set()'s check of setting `index` (< params().size()), changing nothing:
  // parsers check values on a model without rebuilding its run each time.
  bool check(size_t index, double value, std::string* error = nullptr) const;
  double param(size_t index) const { return values_[index]; }
  bool set(SettingId id, double value, std::string* error = nullptr) {
    return set(params_[id.index].key, value, error);
  }
  double get(SettingId id) const { return values_[id.index]; }
  // Bumped by every reset, setting change, command and replay: the shell
  // compares it across frames to notice any change, whoever made it.
  uint64_t revision() const { return revision_; }

  // Runs exactly one event (after any logged input due before it); false
  // when nothing is pending.
  bool step();
  // Runs every event at or before t, then sets now to t.
  void run_until(Time t);
  // run_until() in slices: runs at most max_events events; true when it
  // reached t (now == t), false when the budget ran out first (now is the
  // time of the last event run). For frames that must stay short.
  bool run_for_events(Time t, uint64_t max_events);
  Time now() const { return sim_.now(); }
  uint64_t events() const { return sim_.events(); }
  uint64_t trace_hash() const { return sim_.trace_hash(); }
  const Sim& sim() const { return sim_; }

  // The reader's inputs. A run is its seed, its settings at the start and
  // these inputs at their moments: commands (crash a node, send a request)
  // and live setting changes (kind kSetParam, arg = setting index).
  struct Input {
    Time at = 0;
    // Events run before it, so a replay lands between the same two events;
    // kAnyEvents in a loaded input: after every event at or before `at`.
    uint64_t events = 0;
    uint32_t kind = 0;
    uint64_t arg = 0;
    double value = 0;  // the setting's new value (kSetParam only)
    // True when no event at `at` was still pending when it came, so `at`
    // alone places it (links leave `events` out then).
    bool settled = false;
  };
  static constexpr uint32_t kSetParam = 0xffffffffu;
  static constexpr uint64_t kAnyEvents = UINT64_MAX;
  // The log, oldest first. Inputs [0, inputs_applied()) are behind now; the
  // rest (kept after scrubbing back, or loaded from a link) happen again as
  // the run reaches their moments. A new input from the reader cuts the log
  // at inputs_applied(): a new branch of history starts there.
  const std::vector<Input>& input_log() const { return log_; }
  size_t inputs_applied() const { return cursor_; }
  size_t commands_logged() const { return log_.size(); }
  // Settings when the run began (reset); inputs change them from there.
  double start_value(size_t index) const { return start_values_[index]; }
  // Replaces the log with `inputs` (sorted by time, each valid for this
  // model: core/link.h checks them) to happen as the run reaches them. Call
  // right after reset(). Inputs before now are not applied.
  void load_inputs(std::vector<Input> inputs);

  // Reader commands by number, for links and generic tests: kinds are
  // 0..command_kinds()-1 with a model-defined arg (out-of-range args are
  // ignored by the model). The scene's named methods call the same thing.
  virtual uint32_t command_kinds() const { return 0; }
  void issue_command(uint32_t kind, uint64_t arg = 0) {
    if (kind < command_kinds()) command(kind, arg);
  }

  // Scrubbing: rebuilds the run from its start and repeats the logged
  // inputs up to t (going back in time; forward it just runs). Inputs after
  // t stay in the log and happen again when the run goes forward.
  void replay_to(Time t);
  // The same spread over frames: replay_begin(t) rewinds when t is before
  // now, then each replay_step() runs at most max_events events toward t.
  struct ReplayProgress {
    bool done = true;
    double fraction = 1;  // of the virtual time to cover, 0..1
  };
  void replay_begin(Time t);
  ReplayProgress replay_step(uint64_t max_events);
  bool replaying() const { return replay_active_; }

  virtual void metrics(std::vector<Metric>& out) const = 0;
  // What the scene shows now, in a few plain sentences for a reader who
  // cannot see the canvas (the page's live region, window.dsviz.describe()):
  // "4 servers, 1 down; ...". Every scene says it from its own state.
  virtual std::string describe() const { return {}; }
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
  void log_input(uint32_t kind, uint64_t arg, double value);
  void hash_settings();
  void hash_command(uint32_t kind, uint64_t arg);
  // Applies the next logged input if the run has reached its moment (and t).
  bool apply_due_input(Time t);
  void rewind();

  std::vector<Param> params_;
  std::vector<double> values_;
  std::vector<double> start_values_;  // settings when the run began
  std::vector<Input> log_;
  size_t cursor_ = 0;       // inputs applied so far
  bool applying_ = false;   // applying a logged input: do not log it again
  bool replay_active_ = false;
  Time replay_from_ = 0, replay_target_ = 0;
  uint64_t seed_ = 1;
  uint64_t revision_ = 0;
  uint64_t runs_ = 0;  // runs started (reset, rewind): set() tells a live change from a rebuild
};

// The figure `key` of m.metrics(), 0 when the model reports none: for a
// view that shows one figure the model only reports there.
double metric_value(const Model& m, std::string_view key);

}  // namespace dsviz
