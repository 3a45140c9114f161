// Scene "balancing": the chapter's load-balancer example, live. Users send
// requests to 1-8 balancers, each of which picks one of 1-64 servers by a
// strategy; each server works through its queue (full queues drop). Servers
// differ in power, some are slow, requests differ in cost, servers crash and
// health checks notice late. Watch the tail latency, not the median: one
// slow server ruins round robin's p99, two random choices fix most of it,
// and least connections over several balancers herds onto the same server.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "metrics.h"
#include "model.h"
#include "scene.h"

namespace dsviz {

// The two choice rules on their own, for balls-into-bins checks: the model
// routes with the same code.
namespace balancing {
// One of n, uniformly.
uint32_t pick_random(uint32_t n, Rng& rng);
// Two distinct indexes of `load` sampled uniformly; the less loaded one,
// ties broken at random. n = load.size() > 0.
uint32_t pick_two(const std::vector<uint32_t>& load, Rng& rng);
}  // namespace balancing

class BalancingModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kStrategy{0}, kServers{1}, kBalancers{2}, kLoadPct{3}, kSlowServers{4}, kSlowFactor{5},
      kCostCv{6}, kQueueLimit{7}, kHeavyTail{8}, kPowerSpread{9}, kHealthIntervalMs{10}, kHealthFails{11},
      kServerMtbfS{12};
  BalancingModel();

  enum Strategy : int {
    kRoundRobin = 0,
    kRandom = 1,
    kLeastConnections = 2,    // fewest of this balancer's own open requests; ties to the first server
    kPowerOfTwo = 3,          // two distinct servers at random, the one with fewer of this balancer's requests
    kWeightedRoundRobin = 4,  // round robin in proportion to each server's configured power
    kLeastLatency = 5,        // smallest EWMA of observed latency x (open requests + 1)
    kStrategies = 6,
  };
  static const char* strategy_name(int s);
  Strategy strategy() const { return Strategy(int(param(kStrategy))); }
  // A request of cost 1 takes this long on a server of power 1.
  static constexpr double kMeanServiceMs = 10;

  uint32_t servers() const { return uint32_t(servers_.size()); }
  uint32_t balancers() const { return uint32_t(balancers_.size()); }

  // Servers.
  uint32_t queue_length(uint32_t s) const { return uint32_t(servers_[s].queue.size()); }  // waiting + in service
  bool server_up(uint32_t s) const { return servers_[s].up; }
  double power(uint32_t s) const { return servers_[s].power; }  // configured size, 1 = nominal
  bool slow(uint32_t s) const { return s < uint32_t(param(kSlowServers)); }  // the first slow_servers servers
  double capacity_rps(uint32_t s) const;     // what it can serve, slowness included
  uint64_t served_by(uint32_t s) const { return servers_[s].served; }
  uint64_t dropped_at(uint32_t s) const { return servers_[s].dropped; }
  uint64_t errors_at(uint32_t s) const { return servers_[s].errors; }

  // Balancers: what each one sees.
  uint32_t open_requests(uint32_t b, uint32_t s) const { return balancers_[b].conns[s]; }  // its own, only
  bool routable(uint32_t b, uint32_t s) const { return balancers_[b].routable[s]; }     // its health view
  double ewma_ms(uint32_t b, uint32_t s) const { return balancers_[b].ewma_ms[s]; }

  // Figures since stats_since() (the start, or the last live setting change).
  Time stats_since() const { return stats_since_; }
  uint64_t in_flight() const;                  // requests queued or in service now
  const Histogram& latency() const { return latency_; }  // ns, served requests
  double latency_ms(double q) const { return to_ms(Time(latency_.quantile(q))); }
  uint64_t served() const { return served_; }
  uint64_t dropped() const { return dropped_; }  // refused by a full queue
  uint64_t errors() const { return errors_; }    // sent to a dead server, or lost in its crash
  uint32_t max_queue() const { return max_queue_; }
  double offered_rps() const { return rate_rps_; }
  // Herding: the mean queue length at the server a request was sent to,
  // over the mean queue length of all servers at that moment. About 1 for
  // random, below 1 for a good choice, above 1 when balancers pile onto
  // the same servers.
  double herd_ratio() const { return herd_mean_ > 0 ? herd_chosen_ / herd_mean_ : 1.0; }
  // Requests sent to a server with a queue while another server sat idle,
  // as a share of the requests that reached a live server.
  double misrouted_pct() const { return routed_ ? 100.0 * double(misrouted_) / double(routed_) : 0.0; }

  // Routing decisions, newest last (the newest 256), for drawing.
  enum Outcome : uint8_t { kQueued, kDropped, kError };
  struct Pick {
    Time t;
    uint32_t balancer, server;
    Outcome outcome;
  };
  const Ring<Pick>& picks() const { return picks_; }

  // Reader command (replayed by scrubbing): crash a server, or restart it.
  enum Command : uint32_t { kCmdToggleServer = 0 };
  void toggle_server(uint32_t s);
  uint32_t command_kinds() const override { return 1; }

  // "Compare all": the same seeded workload (this run's seed and settings)
  // under every strategy, each run for `duration` in a model of its own;
  // the live run is untouched. compare_step() does at most max_events
  // events of that work and returns the progress, 0..1, so a frame stays short.
  struct CompareRow {
    int strategy = 0;
    bool done = false;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0;
    uint64_t served = 0, dropped = 0, errors = 0;
    double herd_ratio = 1, misrouted_pct = 0;
  };
  void start_compare(Time duration = 60 * kSec);
  double compare_step(uint64_t max_events = 20000);
  bool compare_running() const { return compare_next_ < compare_.size() && compare_started_; }
  double compare_progress() const;
  const std::vector<CompareRow>& compare_results() const { return compare_; }
  Time compare_duration() const { return compare_duration_; }

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  struct Req {
    uint32_t balancer;
    Time arrived;
    double cost;
  };
  struct Server {
    std::deque<Req> queue;  // front: in service
    bool up = true;
    uint64_t gen = 0;
    double spread_draw = 0, power = 1;
    uint64_t served = 0, dropped = 0, errors = 0;
    Rng faults = Rng(0);
  };
  struct Balancer {
    std::vector<uint32_t> conns;
    std::vector<double> ewma_ms, wrr_current;
    std::vector<uint32_t> fails;
    std::vector<bool> routable;
    uint64_t rr = 0;
  };
  void update_rate();
  void schedule_arrival();
  void arrive();
  int choose(uint32_t b);
  void start_service(uint32_t s);
  void crash(uint32_t s);
  void repair(uint32_t s);
  void health_check(uint32_t b);
  void reset_stats();
  double draw_cost();

  std::vector<Server> servers_;
  std::vector<Balancer> balancers_;
  Rng arrival_rng_, cost_rng_, pick_rng_;
  double rate_rps_ = 0;
  uint64_t arrival_token_ = 0, health_token_ = 0;
  std::vector<uint32_t> cand_, load_;  // scratch for choose()
  Time stats_since_ = 0;
  Histogram latency_;
  uint64_t served_ = 0, dropped_ = 0, errors_ = 0;
  uint32_t max_queue_ = 0;
  double herd_chosen_ = 0, herd_mean_ = 0;
  uint64_t routed_ = 0, misrouted_ = 0;
  Ring<Pick> picks_{256};
  // Compare all.
  std::vector<CompareRow> compare_;
  std::vector<double> compare_settings_;
  std::unique_ptr<BalancingModel> compare_run_;
  size_t compare_next_ = 0;
  bool compare_started_ = false;
  Time compare_duration_ = 60 * kSec;
};

// The scene's record (core/scene.h).
const SceneInfo& balancing_scene();

}  // namespace dsviz
