// A many-node workload for benchmarks and soak tests: every node sends
// messages to random peers, serves what it receives, drifts its clock and
// fails and recovers on its own. Not a chapter scene; `dsviz-cli bench`
// times it at 1,000 nodes.
#pragma once
#include "cluster.h"
#include "metrics.h"
#include "model.h"

namespace dsviz {

class MeshModel : public Model {
 public:
  // Settings, in the order they are registered.
  static constexpr SettingId kNodes{0}, kRate{1}, kLoss{2}, kMtbfS{3};
  MeshModel();
  const Cluster& cluster() const { return cl_; }
  void metrics(std::vector<Metric>& out) const override;

 protected:
  void on_reset() override;
  void on_event(const Event& e) override;

 private:
  Cluster cl_{1024};
  Rng rng_;
  Histogram delay_;
  uint64_t received_ = 0, dropped_at_down_ = 0, crashes_ = 0;
  double mean_gap_s_ = 0.1;  // 1 / rate, set at reset (every setting change resets)
};

}  // namespace dsviz
