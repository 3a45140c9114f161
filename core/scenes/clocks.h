// Scene "clocks": the chapter's "2. No Global Clock". Each node reads its own
// clock (the chapter's 10:00:01.123, 10:00:02.456, 09:59:59.789 at the same
// true instant, each drifting by some ppm); nodes send each other messages,
// and ordering events by local timestamps contradicts the true order: a
// message can be stamped as received before it was sent. NTP-like sync
// narrows the gap but cannot close it when its error exceeds the latency;
// Lamport clocks order events consistently with causality.
#pragma once
#include <vector>

#include "cluster.h"
#include "model.h"
#include "scene.h"

namespace dsviz {

class ClocksModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kNodes{0}, kDriftPpm{1}, kRate{2}, kLatencyMs{3}, kJitterMs{4}, kSyncPeriodS{5}, kSyncErrorMs{6}, kLamport{7};
  ClocksModel();

  // True time 0 is 10:00:00.000; local clocks are kept relative to it, so a
  // clock's reading minus true time is its error. wall() adds the epoch back.
  static constexpr Time kEpoch = 10 * kHour;
  static Time wall(Time t) { return kEpoch + t; }

  uint32_t node_count() const { return uint32_t(param(kNodes)); }
  bool show_lamport() const { return param(kLamport) >= 0.5; }
  const Cluster& cluster() const { return cl_; }
  // A node's clock reading now (relative to the epoch) and its drift.
  Time local_now(uint32_t node) const { return cl_.nodes[node].clock.read(now()); }
  Time clock_error(uint32_t node) const { return cl_.nodes[node].clock.error(now()); }
  double drift_ppm(uint32_t node) const { return cl_.nodes[node].clock.drift_ppm(); }
  uint64_t lamport_now(uint32_t node) const { return cl_.nodes[node].lamport.value(); }
  // Largest difference between two clocks now.
  Time skew_now() const;

  // A message whose local receive stamp comes before its local send stamp.
  static bool is_anomaly(const MessageRecord& r) { return r.delivered() && r.recv_local < r.send_local; }

  // Send and receive events in true order, newest last.
  struct LogEntry {
    Time t_true = 0;
    Time local = 0;        // the node's clock reading (relative to the epoch)
    uint64_t lamport = 0;
    uint64_t msg = 0;
    uint32_t node = 0, peer = 0;
    bool send = false;
    bool anomaly = false;  // a receive stamped before its send
  };
  const Ring<LogEntry>& log() const { return log_; }
  // Positions in log() of the newest `last` entries, ordered by local
  // timestamp (what a node-stamped log would show) or by Lamport timestamp
  // (ties broken by node id), oldest first.
  void order_by_local(size_t last, std::vector<size_t>& out) const;
  void order_by_lamport(size_t last, std::vector<size_t>& out) const;

  // Synchronisations: when, which node, how far its clock stepped.
  struct SyncMark {
    Time t_true = 0;
    uint32_t node = 0;
    Time step = 0;
  };
  const Ring<SyncMark>& syncs() const { return syncs_; }

  uint64_t anomalies() const { return anomalies_; }
  uint64_t messages_delivered() const { return cl_.delivered(); }
  uint64_t lamport_violations() const { return lamport_violations_; }
  uint64_t lamport_checked() const { return lamport_checked_; }

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;

 private:
  void schedule_send(uint32_t node);
  void schedule_sync(uint32_t node, Time delay);
  void apply_link();
  void apply_drift();
  void stamp(uint32_t node, uint64_t lamport);
  void hash_clock(uint32_t node);


  Cluster cl_{8192};
  Rng send_rng_, sync_rng_;
  std::vector<double> drift_factor_;   // per node, in [-1, 1]: drift = factor * drift_ppm
  std::vector<uint64_t> last_lamport_; // per node: stamps must increase
  uint64_t send_gen_ = 0, sync_gen_ = 0;  // bumped when a rate or period changes
  Ring<LogEntry> log_{128};
  Ring<SyncMark> syncs_{256};
  uint64_t anomalies_ = 0, lamport_violations_ = 0, lamport_checked_ = 0, unchecked_ = 0, sends_ = 0, receives_ = 0, lost_ = 0;
};

// The scene's record (core/scene.h).
const SceneInfo& clocks_scene();

}  // namespace dsviz
