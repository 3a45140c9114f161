// Scene "failure": the chapter's "3. Independent Failure" state machine.
// N nodes crash and get repaired on their own (MTBF/MTTR) or by a click; the
// system is AllHealthy, PartialFailure or CompleteFailure. In cascading mode a
// failed node's share of the offered load moves to the survivors, and a
// survivor that stays over capacity for a grace period fails too.
//
// "Critical nodes fail" (AllHealthy -> CompleteFailure in one step) is a
// shared component every node depends on, a power unit or top-of-rack switch,
// with its own MTBF: when it trips, every node goes down at the same instant.
// The chapter's CompleteFailure is terminal; here operators restore every node
// together after a repair time drawn from the same MTTR (CompleteFailure ->
// AllHealthy, drawn as "operators restore", not part of the chapter).
#pragma once
#include <cstdint>
#include <vector>

#include "faults.h"
#include "model.h"
#include "scene.h"
#include "node.h"
#include "ring.h"

namespace dsviz {

class FailureModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kNodes{0}, kMtbfMin{1}, kMttrMin{2}, kRandomFailures{3}, kCascade{4}, kLoadRps{5}, kCapacityRps{6}, kGraceS{7}, kSharedMtbfH{8};
  enum State : uint8_t { kAllHealthy, kPartialFailure, kCompleteFailure };
  // The diagram's arrows; kStart is the chapter's "[*] -> AllHealthy".
  enum Transition : uint8_t {
    kStart,          // [*] -> AllHealthy: system start
    kOneFails,       // AllHealthy -> PartialFailure: one node fails
    kCriticalFails,  // AllHealthy -> CompleteFailure: the shared unit trips
    kRecovery,       // PartialFailure -> AllHealthy: the last down node is repaired
    kToComplete,     // PartialFailure -> CompleteFailure: the last up node fails
    kRestore,        // CompleteFailure -> AllHealthy: operators restore (not in the chapter)
    kTransitions
  };
  // Why a node went down.
  enum Cause : uint8_t { kRandom, kClick, kOverload, kShared, kCauses };

  FailureModel();

  uint32_t nodes() const { return uint32_t(param(kNodes)); }
  bool node_up(uint32_t i) const { return nodes_[i].up; }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  Cause last_cause(uint32_t i) const { return last_cause_[i]; }
  // Over capacity right now (cascading mode), and since when (-1: not over).
  Time over_since(uint32_t i) const { return over_[i].over_since(); }
  Time grace() const;
  bool cascading() const { return param(kCascade) >= 0.5; }
  uint32_t up_count() const { return up_; }

  State state() const { return state_; }
  Time state_since() const { return state_since_; }
  // Time spent in a state so far, including the current stay.
  Time time_in(State s) const;
  // The same as a share of the elapsed time (0 before any time has passed).
  double share_in(State s) const { return sim_.now() > 0 ? double(time_in(s)) / double(sim_.now()) : 0.0; }
  uint64_t transitions(Transition t) const { return trans_[t]; }
  // PartialFailure -> CompleteFailure caused by an overload failure.
  uint64_t cascades() const { return cascades_; }
  uint64_t failures(Cause c) const { return fail_by_[c]; }
  uint64_t repairs() const { return repairs_; }
  bool restore_pending() const { return state_ == kCompleteFailure; }
  Time restore_at() const { return restore_at_; }

  // Load figures (req/s), from the settings and the nodes that are up.
  double offered_load_rps() const { return param(kLoadRps); }
  double capacity_rps() const { return param(kCapacityRps); }
  double load_per_node_rps() const { return up_ ? offered_load_rps() / up_ : 0.0; }
  // One failure cascades into complete failure when the load exceeds what
  // the n-1 survivors can serve: (n - 1) * capacity.
  double cascade_threshold_rps() const { return double(nodes() - 1) * capacity_rps(); }
  // How many simultaneous node failures the survivors can absorb without
  // going over capacity: 0 to n - 1, or -1 when all n are already overloaded.
  int failures_tolerated() const;

  // The state history for a timeline, newest last.
  struct Change {
    Time t;
    State to;
  };
  const Ring<Change>& history() const { return history_; }

  // Commands from the reader. A click on an up node crashes it (repaired
  // after ~MTTR); on a down node it repairs it now. In CompleteFailure a
  // click on any node is the operators restoring every node at once.
  void toggle_node(uint32_t i);
  void trip_shared_unit();  // "critical nodes fail": every node down at once
  void restore_all();       // operators bring every node back now
  uint32_t command_kinds() const override { return 3; }  // toggle_node(arg), trip, restore

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  void flip_node(uint32_t i);
  void trip();
  void restore();
  void crash(uint32_t i, Cause c);
  void repair(uint32_t i);
  void schedule_failure(uint32_t i);
  void schedule_repair(uint32_t i);
  void schedule_shared();
  // Spreads the load over the nodes that are up and arms overload checks.
  void rebalance();
  void watch(uint32_t i);
  // Recomputes the state after nodes changed; `cause` is the crash behind it.
  void update_state(Cause cause);
  void enter(State s, Transition t);


  std::vector<Node> nodes_;
  std::vector<Rng> rng_;             // one stream per node: independent failures
  std::vector<uint64_t> gen_;        // bumps on every up/down change: stale events ignored
  std::vector<OverloadTracker> over_;
  std::vector<Cause> last_cause_;
  Rng shared_rng_, restore_rng_;
  uint32_t up_ = 0;
  State state_ = kAllHealthy;
  Time state_since_ = 0;
  Time time_in_[3] = {0, 0, 0};
  uint64_t trans_[kTransitions] = {};
  uint64_t fail_by_[kCauses] = {};
  uint64_t cascades_ = 0, repairs_ = 0, restore_serial_ = 0, shared_serial_ = 0;
  Time restore_at_ = -1;
  Ring<Change> history_{256};
};

// The scene's record (core/scene.h).
const SceneInfo& failure_scene();

}  // namespace dsviz
