// Scene "scaling": the chapter's "Scalability". One big machine (vertical:
// a core count from a price ladder with a hard ceiling) against N commodity
// nodes behind a balancer (horizontal), under the same seeded request
// stream. Coordination is simulated, not drawn from a formula: part of every
// request's work is serial and the nodes exchange coherence work, so the
// Universal Scalability Law's curve comes out of the run; the scene's own
// sweep of N measures it and fits the law by least squares. Beside it, the
// queueing lesson (one fast server against c slow ones, Erlang C), the price
// of each 1,000 req/s and what one crash costs each design.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "event_queue.h"
#include "metrics.h"
#include "model.h"
#include "rng.h"
#include "scene.h"
#include "usl.h"

namespace dsviz {

// [SECTION] Farm: one serving system (a machine's cores, or nodes behind a balancer)

// How the coordination works, so that the USL comes out of the mechanism:
// every request has work W (time on one worker). (1 - alpha) W runs on its
// worker in parallel with the others; then (alpha + beta (n - 1)) W runs in
// the one shared serial section (alpha: contention for shared state; beta
// (n - 1): making the other n - 1 workers' copies coherent, so the
// system-wide cost grows with the n (n - 1) pairs). The serial section is
// exclusive: while it runs, every worker waits for it (Amdahl's assumption,
// serial work never overlaps parallel work). At saturation that gives
// X(n) = n / (W (1 + alpha (n - 1) + beta n (n - 1))) exactly.
struct FarmSpec {
  uint32_t workers = 1;
  bool shared_queue = true;  // one run queue (a machine's cores) or one queue per worker behind a least-outstanding balancer
  double contention = 0;     // alpha
  double coherence = 0;      // beta
  uint32_t queue_per_worker = 64;  // outstanding requests per worker before new ones are dropped
};

class Farm {
 public:
  // Where a farm posts its events: the live model into its Sim, the sweep
  // into a local queue. Events use kind kWorkDone / kSerialDone, node = id.
  struct Scheduler {
    virtual void at(Time t, const Event& e) = 0;
  };
  static constexpr uint32_t kWorkDone = 1, kSerialDone = 2;

  void reset(const FarmSpec& spec, uint32_t id, Scheduler* sched);
  // Points the farm at its scheduler again (after its owner was copied).
  void bind(Scheduler* sched, Rng* backlog_rng) {
    sched_ = sched;
    if (backlog_) backlog_ = backlog_rng;
  }
  // Closed loop (the sweep's saturating load): a worker with nothing queued
  // starts a fresh request with work drawn from `rng` (mean `work_mean`);
  // fill() sets every idle worker going.
  void set_backlog(Rng* rng, Time work_mean);
  void fill(Time now);
  void clear_latency() { latency_.clear(); }

  void arrive(Time now, Time work);          // one request needing `work` on one worker
  void on_event(Time now, const Event& e);   // kWorkDone / kSerialDone with node == id
  void crash_worker(Time now, uint32_t w);   // its queue and request in service are lost
  void restore_worker(Time now, uint32_t w);
  void crash_all(Time now);                  // the whole machine: queue and serial section too
  void restore_all(Time now);

  const FarmSpec& spec() const { return spec_; }
  uint32_t workers() const { return uint32_t(workers_.size()); }
  uint32_t workers_up() const { return up_; }
  bool up(uint32_t w) const { return workers_[w].up; }
  bool busy(uint32_t w) const { return workers_[w].busy; }
  size_t queued(uint32_t w) const { return workers_[w].queue.size(); }  // per-worker queues
  size_t shared_queued() const { return shared_.size(); }
  size_t serial_queued() const { return serial_.size(); }  // in the serial section (running + waiting)
  bool stalled() const { return stalled_; }                // the serial section runs: workers wait
  Time stalled_time(Time now) const { return stalled_total_ + (stalled_ ? now - stall_start_ : 0); }
  uint64_t arrived() const { return arrived_; }
  uint64_t served() const { return served_; }
  uint64_t dropped() const { return dropped_; }
  uint64_t in_flight() const;  // queued + in service + in the serial section
  const Histogram& latency() const { return latency_; }  // ns, served requests only
  std::string check() const;   // "" or the broken invariant

 private:
  struct Req {
    Time arrival = 0;
    Time work = 0;
  };
  struct Worker {
    bool up = true, busy = false;
    uint32_t job = 0;  // bumps per start: heap entries of a crashed job go stale
    Req req;
    std::deque<Req> queue;
  };
  struct Due {
    Time done_p;  // on the parallel clock (virtual time minus stalled time)
    uint32_t worker, job;
  };
  Time pnow(Time now) const { return now - stalled_time(now); }
  void start(Time now, uint32_t w, const Req& r);
  void start_next(Time now, uint32_t w);
  void start_serial(Time now);
  void end_stall(Time now);
  void complete(Time now, const Req& r);
  void rearm(Time now);
  bool stale(const Due& d) const;

  FarmSpec spec_;
  uint32_t id_ = 0;
  Scheduler* sched_ = nullptr;
  Rng* backlog_ = nullptr;
  Time backlog_mean_ = 0;
  std::vector<Worker> workers_;
  std::vector<Due> due_;  // min-heap by (done_p, worker)
  std::deque<Req> shared_, serial_;
  uint32_t up_ = 0, busy_ = 0, rr_ = 0;
  bool stalled_ = false, serial_busy_ = false, armed_ = false;
  Time stall_start_ = 0, stalled_total_ = 0, armed_at_ = 0;
  uint64_t gen_ = 0, serial_gen_ = 0;
  uint64_t arrived_ = 0, served_ = 0, dropped_ = 0;
  Histogram latency_;
  const char* violation_ = nullptr;
};

// [SECTION] Prices

// The vertical ladder: one machine's on-demand price per hour by core count
// (FACTS.md, Scaling): linear at $0.0425 per vCPU-hour up to 96 vCPU (one
// instance family), then steeply up to the largest special shape, 448 vCPU
// at ~$109/h, interpolated as a power law between those two; nothing bigger
// exists (the setting stops at 448).
double vertical_price_usd_h(uint32_t cores);
struct LadderRung {
  uint32_t cores;
  double usd_h;
};
// Machine sizes one can actually rent on that ladder, smallest first.
const std::vector<LadderRung>& vertical_ladder();
constexpr uint32_t kMaxVerticalCores = 448;

// [SECTION] Sweep: the points behind the plots, measured progressively

struct SweepConfig {
  double contention = 0, coherence = 0;                    // horizontal alpha, beta
  double vertical_contention = 0, vertical_coherence = 0;  // on-chip alpha, beta
  Time service = 0;                                        // mean work of a request on one worker
  uint32_t nodes = 1, cores = 2;                           // the current sizes
  uint64_t seed = 0;
  bool operator==(const SweepConfig&) const = default;
};

// Capacity of the horizontal system at n nodes (closed loop: every node
// always has a request waiting).
struct ThroughputPoint {
  uint32_t nodes = 0;
  double throughput_rps = 0;
};
// Open loop (Poisson) at one offered load: the latencies of the measured requests.
struct LatencyPoint {
  double load_rps = 0;
  double p50_ms = 0, p99_ms = 0, mean_ms = 0;
  double dropped_fraction = 0;  // > 0: the system is past its capacity
  double throughput_rps = 0;
};

class ScalingSweep {
 public:
  // The N values the sweep measures (the current `nodes` is added).
  static const std::vector<uint32_t>& sweep_nodes();
  // Measured completions per point (after a warm-up).
  static constexpr uint32_t kCapacityRequests = 3000, kLatencyRequests = 3000;

  // Restarts only when the configuration differs from the current one.
  void configure(const SweepConfig& c);
  const SweepConfig& config() const { return cfg_; }
  // Runs at most `budget_events` simulated events (about 0.1 us each
  // natively); returns done(). Call it every frame with a small budget.
  bool advance(uint64_t budget_events);
  // Until the capacities (N sweep and the vertical machine) are measured:
  // enough for the fit and the cost figures.
  void finish_capacity();
  bool done() const { return job_ >= jobs_total(); }
  bool capacity_done() const { return job_ >= capacity_jobs(); }
  double progress() const;           // 0..1, the whole sweep
  double capacity_progress() const;  // 0..1, the capacities (the part the fit and costs need)

  // Horizontal capacity by N, in increasing N, as far as measured.
  const std::vector<ThroughputPoint>& throughput() const { return throughput_; }
  double horizontal_capacity_rps() const { return horizontal_cap_; }  // at cfg.nodes; 0 until measured
  double vertical_capacity_rps() const { return vertical_cap_; }      // at cfg.cores; 0 until measured
  // The USL fitted to throughput() (ok once 3 points are in).
  const UslFit& fit() const { return fit_; }

  // Latency against offered load, filled after the capacities. The load axis
  // is the same for both systems: fractions of the larger capacity, so the
  // smaller one saturates at the right of the plot.
  const std::vector<LatencyPoint>& horizontal_latency() const { return lat_[0]; }
  const std::vector<LatencyPoint>& vertical_latency() const { return lat_[1]; }
  // The queueing lesson, c = cfg.cores: one fast server (each request on all
  // cores, speedup lesson_speedup()) against c one-core servers sharing a
  // queue (M/M/c); loads are fractions of the fast server's capacity.
  const std::vector<LatencyPoint>& fast_latency() const { return lat_[2]; }
  const std::vector<LatencyPoint>& pool_latency() const { return lat_[3]; }
  double lesson_speedup() const;

  uint64_t events() const { return events_total_; }

 private:
  struct Job {
    int kind;  // 0 capacity (horizontal, n), 1 capacity (vertical), 2 latency (system, load)
    int system;
    uint32_t n;
    double load_rps;
  };
  struct Local : Farm::Scheduler {
    EventQueue q;
    void at(Time t, const Event& e) override { q.push(t, e); }
  };
  size_t capacity_jobs() const { return nodes_list_.size() + 1; }
  size_t jobs_total() const;
  void begin_job();
  void finish_job();
  bool step_job(uint64_t& budget);
  FarmSpec spec_for(int system, uint32_t n) const;

  SweepConfig cfg_;
  bool configured_ = false;
  std::vector<uint32_t> nodes_list_;
  size_t job_ = 0;
  bool job_open_ = false;
  Job cur_{};
  Local local_;
  Farm farm_;
  Rng rng_;
  Time now_ = 0, t_measure_ = 0, next_arrival_ = 0;
  uint64_t warm_ = 0, done_at_start_ = 0, dropped_at_start_ = 0, arrived_at_start_ = 0;
  uint64_t events_total_ = 0;
  std::vector<ThroughputPoint> throughput_;
  double horizontal_cap_ = 0, vertical_cap_ = 0;
  UslFit fit_;
  std::vector<LatencyPoint> lat_[4];
};

// [SECTION] The scene's model

class ScalingModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kNodes{0}, kLoadRps{1}, kContention{2}, kCoherence{3}, kVerticalCores{4},
      kVerticalContention{5}, kVerticalCoherence{6}, kServiceMs{7}, kNodeUsdH{8};
  // The two live systems, in farm() order.
  enum System : uint32_t { kHorizontal = 0, kVertical = 1 };
  ScalingModel();

  uint32_t nodes() const { return uint32_t(param(kNodes)); }
  uint32_t vertical_cores() const { return uint32_t(param(kVerticalCores)); }
  const Farm& farm(System s) const { return farms_[s]; }
  uint64_t offered() const { return offered_; }  // requests in the shared stream so far

  // Reader commands (replayed when scrubbing): crash or restart the big
  // machine (an outage), or one node of the horizontal system (1/N of it).
  void toggle_vertical();
  void toggle_node(uint32_t node);

  // Prices per hour of the two systems as configured.
  double horizontal_usd_h() const { return nodes() * param(kNodeUsdH); }
  double vertical_usd_h() const { return vertical_price_usd_h(vertical_cores()); }

  // The sweep behind the plots. A model nobody drives (the CLI, tests)
  // finishes its capacity part on a copy when metrics() asks. Once a view
  // calls advance_sweep(budget) (every frame, a bounded slice), the model is
  // driven: metrics() never runs the sweep itself, it reports what is
  // measured so far (sweep_done_pct) and leaves out the figures that need
  // the capacities until they are in, so no frame waits for the sweep.
  bool advance_sweep(uint64_t budget_events) {
    driven_ = true;
    return sweep_.advance(budget_events);
  }
  bool sweep_driven() const { return driven_; }
  const ScalingSweep& sweep() const { return sweep_; }

  // Closed-form companions at the current settings. Capacities in req/s.
  double service_rate_per_s() const { return 1000.0 / param(kServiceMs); }  // mu of one worker
  double usl_horizontal_rps(double n) const;  // the USL at the settings' alpha, beta
  double usl_vertical_rps(double cores) const;
  // Queueing lesson at the live load, c = vertical_cores: mean response of
  // one fast server (speedup = the machine's USL factor at c) and of c
  // one-core servers with one queue; Erlang C's chance to wait; the load
  // where the pool overtakes the fast server (0: never in range).
  double lesson_speedup() const;
  double lesson_fast_mean_ms(double load_rps) const;
  double lesson_pool_mean_ms(double load_rps) const;
  double lesson_erlang_c(double load_rps) const;
  double lesson_crossover_rps() const;

  // The chapter's budget picture (illustrative figures, no public price
  // exists for such a server): $100,000 as one big server (taken as the top
  // of the ladder, 448 cores, at the vertical settings) or as 100 servers of
  // $1,000 (one node each, at the horizontal settings, using the fit).
  struct Budget {
    double budget_usd = 100000;
    uint32_t big_cores = kMaxVerticalCores;
    double big_capacity_rps = 0;
    uint32_t small_servers = 100;
    double small_capacity_rps = 0;
    double big_lost_on_crash = 1;      // fraction of capacity one crash takes
    double small_lost_on_crash = 0;    // 1 - X(99) / X(100)
  };
  Budget budget() const;

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  uint32_t command_kinds() const override { return 2; }  // toggle_vertical, toggle_node(arg)
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  struct Post : Farm::Scheduler {
    Sim* sim = nullptr;
    void at(Time t, const Event& e) override { sim->at(t, e); }
  };
  SweepConfig sweep_config() const;
  void schedule_arrival();
  // The sweep the figures come from: the live one when driven (or done),
  // else the capacity part finished on a copy.
  const ScalingSweep& capacity_sweep() const;
  // That copy, kept until the model changes (finishing it costs ~100 ms).
  mutable ScalingSweep capacity_cache_;
  mutable uint64_t capacity_cache_revision_ = UINT64_MAX;

  Post post_;
  Farm farms_[2];
  Rng arrivals_, work_;
  uint64_t offered_ = 0;
  ScalingSweep sweep_;
  bool driven_ = false;  // advance_sweep() was called: never finish the sweep in one go
};

// The scene's record (core/scene.h).
const SceneInfo& scaling_scene();

}  // namespace dsviz
