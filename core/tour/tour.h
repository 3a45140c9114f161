// Guided tours: a scene's part of the chapter told in a few steps, each a
// caption, a setup (settings and commands in deep-link form, core/link.h), a
// highlight (a named thing on screen, core/tour/targets.h) and how the step
// ends (Next, or a condition on the model the reader's action makes true).
// Tours are TOML files (assets/tours/<scene>.toml); this module reads them
// and plays them on a model. Pure: text in, a Tour or FILE:LINE problems out.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace dsviz::tour {

// How a step ends. Next: the reader presses Next. The others hold when the
// model shows that the reader did what the step asks.
struct Advance {
  enum class Kind : uint8_t { Next, Metric, Setting, Command };
  // Rise: the metric grew by at least `value` since the step began
  // ("metric:requests_failed+=1"), for counters that only go up.
  enum class Op : uint8_t { Ge, Gt, Le, Lt, Eq, Ne, Rise };
  Kind kind = Kind::Next;
  std::string key;         // metric or setting key
  Op op = Op::Ge;
  double value = 0;        // threshold (Metric, Setting)
  uint32_t command = 0;    // command kind (Command)
  std::string text;        // as written, for messages
};

// Settings and commands of a setup or of a step's `do`, read by core/link's
// parser: settings as indices into the scene's params, commands as inputs
// whose `at` is counted from the moment the step begins.
struct Actions {
  std::vector<std::pair<size_t, double>> settings;
  std::vector<Model::Input> inputs;
  bool empty() const { return settings.empty() && inputs.empty(); }
};

struct Step {
  uint32_t line = 0;        // of the [[step]] header
  std::string caption;
  Actions setup;
  std::string setup_text;
  std::string highlight;    // "" = nothing outlined
  Advance advance;
  Actions act;              // `do`: what the reader is asked to do, done for them
  std::string act_text;
  std::string waiting;      // optional: what the panel says while waiting
};

struct Tour {
  std::string scene;
  std::string title;
  uint64_t seed = 1;
  std::vector<Step> steps;
};

struct Problem {
  uint32_t line = 0;
  std::string message;
};

constexpr size_t kMaxTourBytes = 64 * 1024;
constexpr size_t kMinSteps = 1, kMaxSteps = 12;
// Bundled tours have 4 to 8 steps (tests check it); authors may write fewer
// or more, within the limits above.

// Parses and checks a tour file. True when there are no problems; `out`
// holds the tour then. Never throws; bounded for any input.
bool parse_tour(std::string_view text, Tour& out, std::vector<Problem>& problems);

// "12: message": the CLI puts the file name in front.
std::string format_problem(const Problem& p);

// Condition evaluation on a model. `since` is the input log index when the
// step began (Command looks at inputs from there to inputs_applied()).
// `current` receives the value compared (metric or setting), NaN if none.
// `baseline`: the metric's value when the step began (Rise only).
bool advance_met(const Advance& a, const Model& m, size_t since, double* current = nullptr, double baseline = 0);
// "crashed_nodes >= 1" / "command 1" for the panel.
std::string describe(const Advance& a);

// Plays a tour on a model. Pure state machine: the app and the tests call
// it; it owns no model.
class Player {
 public:
  explicit Player(const Tour* t = nullptr) : tour_(t) {}
  const Tour* tour() const { return tour_; }
  size_t step() const { return step_; }
  size_t size() const { return tour_ ? tour_->steps.size() : 0; }
  const Step& current() const { return tour_->steps[step_]; }

  // Rebuilds the run at step k from scratch: the scene's defaults and the
  // tour's seed, then every earlier step's setup and `do` and step k's
  // setup, all at time 0. Deterministic: Back and ?tour=..&step=N use it.
  void jump(Model& m, size_t k);
  // Next from the current step: step+1's setup on the run as it is (its
  // settings as the reader's sliders would set them, its commands as they
  // come due), so what the reader did stays. False at the last step.
  bool next(Model& m);
  // Back: jump(step - 1). False at the first step.
  bool prev(Model& m);
  // Does the current step's `do` now (the "Do it for me" button).
  void act(Model& m);
  // Call after the run moved: issues setup commands that came due. Returns
  // true when the current step's advance condition holds (false for Next).
  bool update(Model& m);
  bool met(const Model& m, double* current = nullptr) const;

 private:
  void enter(Model& m, const Actions& a, bool now_only);
  void issue_due(Model& m);

  const Tour* tour_ = nullptr;
  size_t step_ = 0;
  size_t since_ = 0;  // input log index when the step began
  Time start_ = 0;
  std::vector<Model::Input> pending_;  // setup commands not yet due
  double baseline_ = 0;  // the advance metric's value when the step began
};

// Applies settings and commands at once (times ignored): jump's building
// block, and what tests use to drive a step's `do`.
void apply_now(Model& m, const Actions& a);

}  // namespace dsviz::tour
