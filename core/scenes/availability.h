// Scene "availability": the chapter's "Reliability & Availability". One
// server or N replicas, each crashing and being repaired on its own
// (MTBF/MTTR); the service is up while at least one replica is. The textbook
// figure 1 - (1 - a)^n, a = MTBF / (MTBF + MTTR), is shown beside the
// availability measured in the run, which converges to it as time runs.
// Two departures: replicas sharing a rack or power unit (correlated failure,
// which the formula ignores) and a database every request needs (series: a*b).
#pragma once
#include <cstdint>
#include <vector>

#include "faults.h"
#include "metrics.h"
#include "model.h"
#include "scene.h"
#include "node.h"

namespace dsviz {

class AvailabilityModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kReplicas{0}, kMtbfMin{1}, kMttrMin{2}, kCorrelated{3}, kRackMtbfMin{4}, kRackMttrMin{5}, kDatabase{6}, kDbMtbfMin{7}, kDbMttrMin{8};
  AvailabilityModel();

  // Components: replicas 0..n-1, then the shared rack, then the database.
  uint32_t replicas() const { return uint32_t(param(kReplicas)); }
  uint32_t rack() const { return replicas(); }
  uint32_t database() const { return replicas() + 1; }
  bool correlated() const { return param(kCorrelated) >= 0.5; }
  bool has_database() const { return param(kDatabase) >= 0.5; }
  bool up(uint32_t c) const { return comps_[c].up; }
  const Node& component(uint32_t c) const { return comps_[c]; }
  bool service_up() const { return service_up_; }

  // Closed-form figures from the settings.
  double node_availability() const;      // a = MTBF / (MTBF + MTTR)
  double replicas_availability() const;  // 1 - (1 - a)^n
  double rack_availability() const;      // 1 when not correlated
  double database_availability() const;  // b; 1 without a database
  // The textbook figure, every failure independent: (1 - (1 - a)^n) * b.
  // It ignores the shared rack, which is the point of the correlated case.
  double independent_availability() const;
  // This model's expectation: the textbook figure times the shared rack's
  // availability when replicas share one (a component in series with them).
  double analytic_availability() const;
  // Kept for the views: the same as analytic_availability().
  double rack_aware_availability() const { return analytic_availability(); }

  // Measured in this run so far (1 before any time has passed).
  double simulated_availability() const;
  double single_simulated_availability() const;  // replica 0 alone: "single server"
  Time service_downtime() const;
  uint64_t outages() const { return outages_; }
  uint64_t failures(uint32_t c) const { return comps_[c].crashes; }

  // Measured availability over time, sampled into bounded rings: when a
  // ring fills, every other sample is dropped and the period doubles, so
  // the plot always spans the whole run.
  const TimeSeries& service_series() const { return service_series_; }
  const TimeSeries& single_series() const { return single_series_; }
  Time sample_period() const { return period_; }

  // The reader's click: crash a component now (repaired after ~MTTR), or
  // repair a down one now.
  void toggle(uint32_t c);
  uint32_t command_kinds() const override { return 1; }  // 0: toggle(arg)

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  bool active(uint32_t c) const;
  void flip(uint32_t c);
  void crash(uint32_t c);
  void repair(uint32_t c);
  void update_service();
  void sample();


  std::vector<Node> comps_;
  std::vector<Rng> rng_;
  std::vector<uint64_t> gen_;
  bool service_up_ = true;
  Time service_since_ = 0;  // start of the current up or down stretch
  Time service_down_ = 0;   // finished down stretches
  uint64_t outages_ = 0;
  Time period_ = 0;
  TimeSeries service_series_{512}, single_series_{512};
};

// The scene's record (core/scene.h).
const SceneInfo& availability_scene();

}  // namespace dsviz
