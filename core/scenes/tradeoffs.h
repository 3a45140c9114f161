// Scene "tradeoffs": the chapter's Trade-offs and its Fundamental Dilemma.
// The settings are the calculator's inputs (core/tradeoffs.h: users,
// regions, availability target, ...) and its figures the calculator's
// outputs; beside them a small live run samples requests from the world's
// users to their nearest region that is up, with regions failing on their
// own (teaching scale: repaired in about a minute) or at the reader's click,
// so the calculated latency and availability can be watched coming true.
#pragma once
#include <cstdint>
#include <vector>

#include "metrics.h"
#include "model.h"
#include "rng.h"
#include "scene.h"
#include "../tradeoffs.h"  // the calculator (this file has the same name)

namespace dsviz {

class TradeoffsModel : public Model {
 public:
  static constexpr SettingId kUsers{0}, kRegions{1}, kAvailabilityTargetPct{2}, kRegionAvailabilityPct{3},
      kCentralDb{4}, kNodeUsdH{5};
  TradeoffsModel();

  // The calculator on the current settings.
  TradeoffInputs inputs() const;
  const TradeoffResult& result() const { return result_; }

  // The live run. Components: regions 0..regions()-1 (deploy_order()), then
  // the central database (index regions(), only with central_db = 1).
  int regions() const { return int(param(kRegions)); }
  bool has_database() const { return param(kCentralDb) >= 0.5; }
  bool up(int c) const { return up_[size_t(c)]; }
  // Where the last sampled request came from and went (-1: nowhere up).
  int last_city() const { return last_city_; }
  int last_region() const { return last_region_; }
  uint64_t requests() const { return requests_; }
  uint64_t failed_requests() const { return failed_; }
  double measured_availability() const { return requests_ ? 1.0 - double(failed_) / double(requests_) : 1.0; }
  const Histogram& rtt_us() const { return rtt_us_; }  // served requests' round trips, microseconds
  uint64_t region_outages() const { return outages_; }

  // The reader's click: take a region (or the database) down now, or bring
  // it back.
  void toggle(int component);
  uint32_t command_kinds() const override { return 1; }  // 0: toggle(arg = component)

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  void flip(int c);
  void schedule_change(int c);
  void request();

  TradeoffResult result_;
  std::vector<bool> up_;
  std::vector<uint64_t> gen_;
  std::vector<std::vector<double>> rtt_ms_;  // [user city][region]
  Rng arrivals_, failures_;
  int last_city_ = -1, last_region_ = -1;
  uint64_t requests_ = 0, failed_ = 0, outages_ = 0;
  Histogram rtt_us_;
};

const SceneInfo& tradeoffs_scene();

}  // namespace dsviz
