// [SECTION] index: Farm | Prices | Sweep | Model | Record
#include "scaling.h"

#include "describe.h"

#include <algorithm>
#include <string>

#include "detmath.h"

namespace dsviz {
namespace {

// Event kinds: the shared request stream; the farms use Farm::kWorkDone and
// Farm::kSerialDone with node = the farm (0 horizontal, 1 vertical).
constexpr uint32_t kArrival = 0;
enum Command : uint32_t { kCmdVertical, kCmdNode };
constexpr uint64_t kStreamArrivals = 1, kStreamWork = 2, kStreamSweep = 1000;
constexpr uint64_t kClickHash = 0x5ca1e000ULL;

Time draw_work(Rng& rng, Time mean) {
  const Time w = from_s(rng.exponential(to_s(mean)));
  return w < 1 ? 1 : w;
}

Time draw_gap(Rng& rng, double rate_per_s) {
  const Time g = from_s(rng.exponential(1.0 / rate_per_s));
  return g < 1 ? 1 : g;
}

bool later(const auto& a, const auto& b) { return a.done_p != b.done_p ? a.done_p > b.done_p : a.worker > b.worker; }

}  // namespace

// [SECTION] Farm

void Farm::reset(const FarmSpec& spec, uint32_t id, Scheduler* sched) {
  spec_ = spec;
  if (spec_.workers < 1) spec_.workers = 1;
  id_ = id;
  sched_ = sched;
  backlog_ = nullptr;
  backlog_mean_ = 0;
  workers_.assign(spec_.workers, Worker{});
  due_.clear();
  shared_.clear();
  serial_.clear();
  up_ = spec_.workers;
  busy_ = rr_ = 0;
  stalled_ = serial_busy_ = armed_ = false;
  stall_start_ = stalled_total_ = armed_at_ = 0;
  gen_ = serial_gen_ = 0;
  arrived_ = served_ = dropped_ = 0;
  latency_.clear();
  violation_ = nullptr;
}

void Farm::set_backlog(Rng* rng, Time work_mean) {
  backlog_ = rng;
  backlog_mean_ = work_mean;
}

void Farm::fill(Time now) {
  for (uint32_t w = 0; w < workers(); ++w)
    if (!workers_[w].busy) start_next(now, w);
  rearm(now);
}

bool Farm::stale(const Due& d) const {
  const Worker& w = workers_[d.worker];
  return !w.busy || w.job != d.job;
}

void Farm::start(Time now, uint32_t w, const Req& r) {
  Worker& wk = workers_[w];
  wk.busy = true;
  ++busy_;
  ++wk.job;
  wk.req = r;
  const Time parallel = Time(double(r.work) * (1 - spec_.contention));
  due_.push_back(Due{pnow(now) + parallel, w, wk.job});
  std::push_heap(due_.begin(), due_.end(), [](const Due& a, const Due& b) { return later(a, b); });
}

void Farm::start_next(Time now, uint32_t w) {
  Worker& wk = workers_[w];
  if (!wk.up || wk.busy) return;
  std::deque<Req>& q = spec_.shared_queue ? shared_ : wk.queue;
  if (!q.empty()) {
    const Req r = q.front();
    q.pop_front();
    start(now, w, r);
  } else if (backlog_) {
    ++arrived_;
    start(now, w, Req{now, draw_work(*backlog_, backlog_mean_)});
  }
}

void Farm::arrive(Time now, Time work) {
  ++arrived_;
  if (up_ == 0) {
    ++dropped_;
    return;
  }
  const Req r{now, work};
  const uint32_t n = workers();
  if (spec_.shared_queue) {
    if (busy_ < up_) {
      for (uint32_t k = 0; k < n; ++k) {
        const uint32_t w = (rr_ + k) % n;
        if (workers_[w].up && !workers_[w].busy) {
          rr_ = (w + 1) % n;
          start(now, w, r);
          break;
        }
      }
    } else if (shared_.size() >= size_t(spec_.queue_per_worker) * n) {
      ++dropped_;
    } else {
      shared_.push_back(r);
    }
  } else {
    // Least outstanding requests, ties to the next in turn after the last pick.
    uint32_t best = n;
    size_t best_load = 0;
    for (uint32_t k = 0; k < n; ++k) {
      const uint32_t w = (rr_ + k) % n;
      const Worker& wk = workers_[w];
      if (!wk.up) continue;
      const size_t load = wk.queue.size() + (wk.busy ? 1 : 0);
      if (best == n || load < best_load) {
        best = w;
        best_load = load;
        if (load == 0) break;
      }
    }
    rr_ = (best + 1) % n;
    if (best_load >= spec_.queue_per_worker) {
      ++dropped_;
    } else if (!workers_[best].busy) {
      start(now, best, r);
    } else {
      workers_[best].queue.push_back(r);
    }
  }
  rearm(now);
}

void Farm::start_serial(Time now) {
  serial_busy_ = true;
  if (!stalled_) {
    stalled_ = true;
    stall_start_ = now;
  }
  sched_->at(now + serial_.front().work, Event{kSerialDone, id_, serial_gen_, 0});
}

void Farm::end_stall(Time now) {
  if (!stalled_) return;
  stalled_total_ += now - stall_start_;
  stalled_ = false;
}

void Farm::complete(Time now, const Req& r) {
  ++served_;
  latency_.add(now - r.arrival);
}

void Farm::rearm(Time now) {
  auto cmp = [](const Due& a, const Due& b) { return later(a, b); };
  while (!due_.empty() && stale(due_.front())) {
    std::pop_heap(due_.begin(), due_.end(), cmp);
    due_.pop_back();
  }
  if (stalled_ || due_.empty()) {
    if (armed_) {
      ++gen_;
      armed_ = false;
    }
    return;
  }
  Time at = now + (due_.front().done_p - pnow(now));
  if (at < now) at = now;
  if (armed_ && armed_at_ == at) return;
  ++gen_;
  armed_ = true;
  armed_at_ = at;
  sched_->at(at, Event{kWorkDone, id_, gen_, 0});
}

void Farm::on_event(Time now, const Event& e) {
  if (e.kind == kWorkDone) {
    if (e.a != gen_) return;  // superseded by an earlier completion or a stall
    armed_ = false;
    auto cmp = [](const Due& a, const Due& b) { return later(a, b); };
    while (!due_.empty() && stale(due_.front())) {
      std::pop_heap(due_.begin(), due_.end(), cmp);
      due_.pop_back();
    }
    if (due_.empty()) return;
    const Due d = due_.front();
    std::pop_heap(due_.begin(), due_.end(), cmp);
    due_.pop_back();
    if (d.done_p > pnow(now) && !violation_) violation_ = "invariant: a worker finishes no earlier than its work is done";
    Worker& wk = workers_[d.worker];
    Req r = wk.req;
    wk.busy = false;
    --busy_;
    start_next(now, d.worker);
    // Serial part: contention plus coherence with every other worker up.
    const double serial = spec_.contention + spec_.coherence * double(up_ ? up_ - 1 : 0);
    const Time s = Time(double(r.work) * serial);
    if (s > 0) {
      r.work = s;
      serial_.push_back(r);
      if (!serial_busy_) start_serial(now);
    } else {
      complete(now, r);
    }
    rearm(now);
  } else if (e.kind == kSerialDone) {
    if (e.a != serial_gen_ || serial_.empty()) return;  // the machine crashed meanwhile
    complete(now, serial_.front());
    serial_.pop_front();
    if (!serial_.empty()) {
      start_serial(now);
    } else {
      serial_busy_ = false;
      end_stall(now);
    }
    rearm(now);
  }
}

void Farm::crash_worker(Time now, uint32_t w) {
  Worker& wk = workers_[w];
  if (!wk.up) return;
  wk.up = false;
  --up_;
  dropped_ += wk.queue.size();
  wk.queue.clear();
  if (wk.busy) {
    wk.busy = false;
    --busy_;
    ++dropped_;
  }
  if (up_ == 0) {
    dropped_ += shared_.size();
    shared_.clear();
  }
  rearm(now);
}

void Farm::restore_worker(Time now, uint32_t w) {
  if (workers_[w].up) return;
  workers_[w].up = true;
  ++up_;
  start_next(now, w);
  rearm(now);
}

void Farm::crash_all(Time now) {
  for (uint32_t w = 0; w < workers(); ++w) crash_worker(now, w);
  dropped_ += serial_.size();
  serial_.clear();
  ++serial_gen_;
  serial_busy_ = false;
  end_stall(now);
  rearm(now);
}

void Farm::restore_all(Time now) {
  for (uint32_t w = 0; w < workers(); ++w) restore_worker(now, w);
}

uint64_t Farm::in_flight() const {
  uint64_t n = shared_.size() + serial_.size() + busy_;
  for (const Worker& w : workers_) n += w.queue.size();
  return n;
}

std::string Farm::check() const {
  if (violation_) return violation_;
  if (arrived_ != served_ + dropped_ + in_flight()) return "invariant: requests in = served + dropped + in flight";
  uint32_t up = 0, busy = 0;
  for (const Worker& w : workers_) {
    up += w.up;
    busy += w.busy;
    if (!w.up && (w.busy || !w.queue.empty())) return "invariant: a crashed worker holds no requests";
    if (w.up && !w.busy && !w.queue.empty()) return "invariant: a worker with a queue is busy";
  }
  if (up != up_ || busy != busy_) return "invariant: worker counts match the workers";
  if (stalled_ != serial_busy_) return "invariant: workers wait exactly while the serial section runs";
  if (serial_busy_ == serial_.empty()) return "invariant: the serial section runs exactly while it has requests";
  if (spec_.shared_queue && !shared_.empty() && busy_ < up_) return "invariant: no worker idles while the shared queue waits";
  return "";
}

// [SECTION] Prices

namespace {
constexpr double kUsdPerVcpuH = 0.0425;  // c5 on demand, linear within the family
constexpr uint32_t kFamilyTopCores = 96;
constexpr double kTopUsdH = 109;  // 448 vCPU / 12 TiB special shape
}  // namespace

double vertical_price_usd_h(uint32_t cores) {
  if (cores <= kFamilyTopCores) return kUsdPerVcpuH * cores;
  const double base = kUsdPerVcpuH * kFamilyTopCores;
  // Power law through (96, $4.08/h) and (448, $109/h): exponent ~2.13.
  const double k = dm::log(kTopUsdH / base) / dm::log(double(kMaxVerticalCores) / kFamilyTopCores);
  return base * dm::pow(double(cores) / kFamilyTopCores, k);
}

const std::vector<LadderRung>& vertical_ladder() {
  static const std::vector<LadderRung> rungs = [] {
    std::vector<LadderRung> r;
    for (uint32_t c : {2u, 4u, 8u, 16u, 32u, 48u, 64u, 72u, 96u, 128u, 192u, 224u, 448u})
      r.push_back({c, vertical_price_usd_h(c)});
    return r;
  }();
  return rungs;
}

// [SECTION] Sweep

namespace {
// Offered load as fractions of the axis' capacity; dense near the top,
// where the curves part.
constexpr double kLoadFractions[] = {0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.95, 0.98};
constexpr size_t kLoads = sizeof kLoadFractions / sizeof kLoadFractions[0];
constexpr uint64_t kLatencyWarm = 300;
}  // namespace

const std::vector<uint32_t>& ScalingSweep::sweep_nodes() {
  static const std::vector<uint32_t> n = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 160, 192, 224, 256};
  return n;
}

void ScalingSweep::configure(const SweepConfig& c) {
  if (configured_ && c == cfg_) return;
  cfg_ = c;
  configured_ = true;
  nodes_list_ = sweep_nodes();
  if (std::find(nodes_list_.begin(), nodes_list_.end(), c.nodes) == nodes_list_.end()) {
    nodes_list_.push_back(c.nodes);
    std::sort(nodes_list_.begin(), nodes_list_.end());
  }
  job_ = 0;
  job_open_ = false;
  events_total_ = 0;
  throughput_.clear();
  horizontal_cap_ = vertical_cap_ = 0;
  fit_ = UslFit{};
  for (auto& l : lat_) l.clear();
}

size_t ScalingSweep::jobs_total() const { return capacity_jobs() + 4 * kLoads; }

double ScalingSweep::lesson_speedup() const {
  return usl_relative(cfg_.cores, cfg_.vertical_contention, cfg_.vertical_coherence);
}

FarmSpec ScalingSweep::spec_for(int system, uint32_t n) const {
  FarmSpec s;
  switch (system) {
    case 0: s = FarmSpec{n, false, cfg_.contention, cfg_.coherence}; break;
    case 1: s = FarmSpec{n, true, cfg_.vertical_contention, cfg_.vertical_coherence}; break;
    case 2: s = FarmSpec{1, true, 0, 0}; s.queue_per_worker *= cfg_.cores; break;
    default: s = FarmSpec{n, true, 0, 0}; break;
  }
  return s;
}

void ScalingSweep::begin_job() {
  const size_t nc = nodes_list_.size();
  if (job_ < nc) {
    cur_ = Job{0, 0, nodes_list_[job_], 0};
  } else if (job_ == nc) {
    cur_ = Job{1, 1, cfg_.cores, 0};
  } else {
    const size_t k = job_ - capacity_jobs();
    const int system = int(k / kLoads);
    const double f = kLoadFractions[k % kLoads];
    const double mu = double(kSec) / double(cfg_.service);
    const double axis = system < 2 ? std::max(horizontal_cap_, vertical_cap_) : lesson_speedup() * mu;
    cur_ = Job{2, system, system == 0 ? cfg_.nodes : cfg_.cores, f * axis};
  }
  local_.q.clear();
  rng_ = Rng(derive_seed(cfg_.seed, kStreamSweep + job_));
  farm_.reset(spec_for(cur_.system, cur_.n), 0, &local_);
  now_ = t_measure_ = 0;
  done_at_start_ = dropped_at_start_ = arrived_at_start_ = 0;
  if (cur_.kind < 2) {
    // Warm-up: every worker finishes a couple of requests first.
    warm_ = 2 * uint64_t(cur_.n) + 200;
    farm_.set_backlog(&rng_, cfg_.service);
    farm_.fill(0);
  } else {
    warm_ = kLatencyWarm;
    local_.q.push(draw_gap(rng_, cur_.load_rps), Event{kArrival, 0, 0, 0});
  }
  job_open_ = true;
}

// Runs the open job's events within the budget; true when it finished.
bool ScalingSweep::step_job(uint64_t& budget) {
  const uint64_t target = cur_.kind < 2 ? kCapacityRequests : kLatencyRequests;
  Time t;
  Event e;
  while (budget > 0) {
    if (!local_.q.pop(t, e)) return true;  // nothing left (cannot happen: arrivals or backlog keep going)
    --budget;
    ++events_total_;
    now_ = t;
    if (e.kind == kArrival) {
      Time w = draw_work(rng_, cfg_.service);
      if (cur_.system == 2) w = std::max<Time>(1, Time(double(w) / lesson_speedup()));
      farm_.arrive(now_, w);
      local_.q.push(now_ + draw_gap(rng_, cur_.load_rps), Event{kArrival, 0, 0, 0});
    } else {
      farm_.on_event(now_, e);
    }
    const uint64_t served = farm_.served();
    if (t_measure_ == 0 && served >= warm_) {
      t_measure_ = now_ > 0 ? now_ : 1;
      done_at_start_ = served;
      dropped_at_start_ = farm_.dropped();
      arrived_at_start_ = farm_.arrived();
      farm_.clear_latency();
    }
    if (t_measure_ != 0 && served - done_at_start_ >= target && now_ > t_measure_) return true;
  }
  return false;
}

void ScalingSweep::finish_job() {
  const double elapsed_s = to_s(now_ - t_measure_);
  const double x = elapsed_s > 0 ? double(farm_.served() - done_at_start_) / elapsed_s : 0;
  if (cur_.kind == 0) {
    throughput_.push_back({cur_.n, x});
    if (cur_.n == cfg_.nodes) horizontal_cap_ = x;
    std::vector<UslPoint> pts;
    for (const ThroughputPoint& p : throughput_) pts.push_back({double(p.nodes), p.throughput_rps});
    fit_ = fit_usl(pts);
  } else if (cur_.kind == 1) {
    vertical_cap_ = x;
  } else {
    const Histogram& h = farm_.latency();
    const uint64_t arrived = farm_.arrived() - arrived_at_start_;
    LatencyPoint p;
    p.load_rps = cur_.load_rps;
    p.p50_ms = h.quantile(0.5) / double(kMs);
    p.p99_ms = h.quantile(0.99) / double(kMs);
    p.mean_ms = h.mean() / double(kMs);
    p.dropped_fraction = arrived ? double(farm_.dropped() - dropped_at_start_) / double(arrived) : 0;
    p.throughput_rps = x;
    lat_[cur_.system].push_back(p);
  }
  ++job_;
  job_open_ = false;
}

bool ScalingSweep::advance(uint64_t budget_events) {
  farm_.bind(&local_, &rng_);  // this sweep may be a copy of another
  while (budget_events > 0 && !done()) {
    if (!job_open_) begin_job();
    if (step_job(budget_events)) finish_job();
  }
  return done();
}

void ScalingSweep::finish_capacity() {
  while (!capacity_done()) advance(1 << 20);
}

double ScalingSweep::progress() const {
  const size_t total = jobs_total();
  if (job_ >= total) return 1;
  double part = 0;
  if (job_open_) {
    const double target = double(warm_ + (cur_.kind < 2 ? kCapacityRequests : kLatencyRequests));
    part = std::min(1.0, double(farm_.served()) / target);
  }
  return (double(job_) + part) / double(total);
}

double ScalingSweep::capacity_progress() const {
  if (capacity_done()) return 1;
  double part = 0;
  if (job_open_) part = std::min(1.0, double(farm_.served()) / double(warm_ + kCapacityRequests));
  return (double(job_) + part) / double(capacity_jobs());
}

// [SECTION] Model

ScalingModel::ScalingModel() {
  add_param(kNodes, labelled({"nodes", 1, 256, 16, "nodes", "Commodity nodes behind the balancer (one core each, least outstanding requests first)", true}, "Nodes (horizontal)"));
  add_param(kLoadRps, labelled({"load_rps", 1, 10000, 160, "req/s", "Offered load: one Poisson request stream sent to both systems", false, true}, "Offered load"));
  add_param(kContention, labelled({"contention", 0, 0.5, 0.03, "", "Serial fraction alpha: share of each request's work done in the one shared serial section, while every node waits"}, "Contention (alpha)"));
  add_param(kCoherence, labelled({"coherence", 0, 0.01, 0.0001, "", "Crosstalk beta: extra serial work per request per other node, to keep their copies coherent (grows with node pairs)"}, "Coherence (beta)"));
  add_param(kVerticalCores, labelled({"vertical_cores", 2, 448, 16, "cores", "Cores of the one big machine; price linear to 96, steep to 448, nothing bigger exists", true, true}, "Big machine cores"));
  add_param(kVerticalContention, labelled({"vertical_contention", 0, 0.5, 0.01, "", "On-chip serial fraction alpha of the big machine (locks, shared caches): smaller than across a network"}, "On-chip contention"));
  add_param(kVerticalCoherence, labelled({"vertical_coherence", 0, 0.01, 0.00002, "", "On-chip crosstalk beta of the big machine (cache coherence between cores)"}, "On-chip coherence"));
  add_param(kServiceMs, labelled({"service_ms", 1, 1000, 50, "ms", "Mean work of one request on one core (exponential)", false, true}, "Work per request"));
  add_param(kNodeUsdH, labelled({"node_usd_h", 0.001, 10, 0.0425, "$/h", "Price of one commodity node per hour (default: one c5 vCPU-hour on demand, $0.0425)", false, true}, "Node price"));
}

SweepConfig ScalingModel::sweep_config() const {
  SweepConfig c;
  c.contention = param(kContention);
  c.coherence = param(kCoherence);
  c.vertical_contention = param(kVerticalContention);
  c.vertical_coherence = param(kVerticalCoherence);
  c.service = from_ms(param(kServiceMs));
  c.nodes = nodes();
  c.cores = vertical_cores();
  c.seed = seed();
  return c;
}

void ScalingModel::on_reset() {
  post_.sim = &sim_;
  farms_[kHorizontal].reset(FarmSpec{nodes(), false, param(kContention), param(kCoherence)}, kHorizontal, &post_);
  farms_[kVertical].reset(FarmSpec{vertical_cores(), true, param(kVerticalContention), param(kVerticalCoherence)}, kVertical, &post_);
  arrivals_ = sim_.stream(kStreamArrivals);
  work_ = sim_.stream(kStreamWork);
  offered_ = 0;
  // Scrubbing resets the run but not the settings: the sweep keeps its points.
  sweep_.configure(sweep_config());
  schedule_arrival();
}

void ScalingModel::schedule_arrival() { sim_.after(draw_gap(arrivals_, param(kLoadRps)), Event{kArrival, 0, 0, 0}); }

void ScalingModel::on_event(const Event& e) {
  if (e.kind == kArrival) {
    ++offered_;
    const Time work = draw_work(work_, from_ms(param(kServiceMs)));
    farms_[kHorizontal].arrive(sim_.now(), work);
    farms_[kVertical].arrive(sim_.now(), work);
    schedule_arrival();
    return;
  }
  if (e.node < 2) farms_[e.node].on_event(sim_.now(), e);
}

void ScalingModel::toggle_vertical() { command(kCmdVertical); }
void ScalingModel::toggle_node(uint32_t node) { command(kCmdNode, node); }

void ScalingModel::on_command(uint32_t kind, uint64_t arg) {
  const Time now = sim_.now();
  if (kind == kCmdVertical) {
    Farm& f = farms_[kVertical];
    sim_.hash_in(kClickHash + 0xfff);
    if (f.workers_up() > 0) {
      f.crash_all(now);
    } else {
      f.restore_all(now);
    }
  } else if (kind == kCmdNode && arg < nodes()) {
    Farm& f = farms_[kHorizontal];
    sim_.hash_in(kClickHash + arg);
    if (f.up(uint32_t(arg))) {
      f.crash_worker(now, uint32_t(arg));
    } else {
      f.restore_worker(now, uint32_t(arg));
    }
  }
}

double ScalingModel::usl_horizontal_rps(double n) const {
  return service_rate_per_s() * usl_relative(n, param(kContention), param(kCoherence));
}
double ScalingModel::usl_vertical_rps(double cores) const {
  return service_rate_per_s() * usl_relative(cores, param(kVerticalContention), param(kVerticalCoherence));
}

double ScalingModel::lesson_speedup() const {
  return usl_relative(vertical_cores(), param(kVerticalContention), param(kVerticalCoherence));
}
double ScalingModel::lesson_fast_mean_ms(double load_rps) const {
  return 1000 * mm1_mean_response(load_rps, lesson_speedup() * service_rate_per_s());
}
double ScalingModel::lesson_pool_mean_ms(double load_rps) const {
  return 1000 * mmc_mean_response(vertical_cores(), load_rps, service_rate_per_s());
}
double ScalingModel::lesson_erlang_c(double load_rps) const {
  return erlang_c(vertical_cores(), load_rps / service_rate_per_s());
}
double ScalingModel::lesson_crossover_rps() const {
  return fast_vs_pool_crossover(vertical_cores(), lesson_speedup(), service_rate_per_s());
}

const ScalingSweep& ScalingModel::capacity_sweep() const {
  if (driven_ || sweep_.capacity_done()) return sweep_;
  if (capacity_cache_revision_ != revision()) {
    capacity_cache_ = sweep_;
    capacity_cache_.finish_capacity();
    capacity_cache_revision_ = revision();
  }
  return capacity_cache_;
}

ScalingModel::Budget ScalingModel::budget() const {
  const UslFit& fit = capacity_sweep().fit();
  Budget b;
  b.big_capacity_rps = usl_vertical_rps(b.big_cores);
  b.small_capacity_rps = fit.throughput(b.small_servers);
  const double fewer = fit.throughput(b.small_servers - 1);
  b.small_lost_on_crash = b.small_capacity_rps > 0 ? 1 - fewer / b.small_capacity_rps : 0;
  return b;
}

void ScalingModel::metrics(std::vector<Metric>& out) const {
  const ScalingSweep& sw = capacity_sweep();
  const double elapsed_s = to_s(sim_.now());
  const Farm& h = farms_[kHorizontal];
  const Farm& v = farms_[kVertical];
  auto rate = [&](const Farm& f) { return elapsed_s > 0 ? double(f.served()) / elapsed_s : 0.0; };
  auto ms = [](const Farm& f, double q) { return f.latency().quantile(q) / double(kMs); };
  // Price of 1,000 req/s of measured capacity (closed loop, saturated).
  auto per_krps = [](double usd_h, double cap) { return cap > 0 ? usd_h / (cap / 1000) : 0.0; };
  const UslFit& fit = sw.fit();
  out.push_back({"throughput_rps_horizontal", rate(h)});
  out.push_back({"throughput_rps_vertical", rate(v)});
  out.push_back({"latency_p50_ms_horizontal", ms(h, 0.5)});
  out.push_back({"latency_p99_ms_horizontal", ms(h, 0.99)});
  out.push_back({"latency_p50_ms_vertical", ms(v, 0.5)});
  out.push_back({"latency_p99_ms_vertical", ms(v, 0.99)});
  // Driven by a view, the sweep may still be measuring: the figures that
  // need it wait for it (a 0 would read as a result).
  if (sw.capacity_done()) {
    out.push_back({"cost_per_krps_horizontal_usd_h", per_krps(horizontal_usd_h(), sw.horizontal_capacity_rps())});
    out.push_back({"cost_per_krps_vertical_usd_h", per_krps(vertical_usd_h(), sw.vertical_capacity_rps())});
    out.push_back({"usl_alpha_fit", fit.alpha});
    out.push_back({"usl_beta_fit", fit.beta});
    out.push_back({"usl_peak_nodes", fit.peak_n()});  // 0: no peak (beta fitted 0)
    out.push_back({"usl_lambda_fit_rps", fit.lambda});
    out.push_back({"capacity_rps_horizontal", sw.horizontal_capacity_rps()});
    out.push_back({"capacity_rps_vertical", sw.vertical_capacity_rps()});
  }
  out.push_back({"sweep_done_pct", 100 * sw.capacity_progress()});  // the capacities behind the fit
  out.push_back({"usl_capacity_rps_horizontal", usl_horizontal_rps(nodes())});
  out.push_back({"usl_capacity_rps_vertical", usl_vertical_rps(vertical_cores())});
  out.push_back({"price_usd_h_horizontal", horizontal_usd_h()});
  out.push_back({"price_usd_h_vertical", vertical_usd_h()});
  out.push_back({"offered", double(offered_)});
  out.push_back({"served_horizontal", double(h.served())});
  out.push_back({"served_vertical", double(v.served())});
  out.push_back({"dropped_horizontal", double(h.dropped())});
  out.push_back({"dropped_vertical", double(v.dropped())});
  out.push_back({"nodes_up", double(h.workers_up())});
  out.push_back({"vertical_up", v.workers_up() > 0 ? 1.0 : 0.0});
  const double load = param(kLoadRps);
  out.push_back({"lesson_speedup", lesson_speedup()});
  out.push_back({"lesson_fast_mean_ms", std::min(1e9, lesson_fast_mean_ms(load))});
  out.push_back({"lesson_pool_mean_ms", std::min(1e9, lesson_pool_mean_ms(load))});
  out.push_back({"lesson_erlang_c", lesson_erlang_c(load)});
  out.push_back({"lesson_crossover_rps", lesson_crossover_rps()});
}

std::string ScalingModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  for (const Farm& f : farms_) {
    v = f.check();
    if (!v.empty()) return v;
    if (f.arrived() != offered_) return "invariant: both systems see every request of the stream";
    if (f.stalled_time(sim_.now()) > sim_.now()) return "invariant: stalled time <= elapsed time";
  }
  return "";
}

// [SECTION] Record

std::string ScalingModel::describe() const {
  const Farm& h = farm(kHorizontal);
  const Farm& v = farm(kVertical);
  std::string s = count_of(nodes(), "commodity node", "commodity nodes") + say(" (%u up)", h.workers_up()) +
                  " against one machine of " + count_of(vertical_cores(), "core", "cores") +
                  (v.workers_up() ? std::string("") : std::string(", which is down"));
  s += say("; offered load %g req/s", param(kLoadRps));
  auto side = [](const Farm& f, const char* name) {
    std::string t = say("; %s served %s, dropped %s", name, spoken_count(f.served()).c_str(),
                        spoken_count(f.dropped()).c_str());
    if (f.latency().count() > 0) t += ", p99 " + spoken_ms(to_ms(f.latency().quantile(0.99)));
    return t;
  };
  s += side(h, "the nodes") + side(v, "the big machine");
  s += say("; they cost $%.2f and $%.2f per hour.", horizontal_usd_h(), vertical_usd_h());
  return s;
}

const SceneInfo& scaling_scene() {
  static const SceneInfo info = {
      "scaling", "Scaling up or out", "Scalability",
      "One big machine (cores from a price ladder that stops at 448) or N commodity nodes, under the same requests.\n"
      "Coordination is simulated: serial work and crosstalk bend the measured curve into the Universal Scalability Law.",
      {"Set coherence to 0 and contention to 0.05: throughput levels off near 20x one node (Amdahl), no peak.",
       "Then raise coherence to 0.001: a peak N* appears near 31 nodes.",
       "Double the nodes past N*: the simulated capacity falls, and each 1,000 req/s costs more.",
       "Grow the big machine and compare its cost per 1,000 req/s: from 16 to 96 cores it less than doubles (the price per core is flat); past 96 it climbs steeply.",
       "Crash the big machine (an outage) and then one node of N (1/N of the capacity).",
       "At low load one fast server answers sooner than many slow ones; near its capacity the pool wins."},
      60 * kSec, 1.0f, &make_model<ScalingModel>,
      {
       {"Contention only (Amdahl)", "contention=0.05&coherence=0"},
       {"Crosstalk makes a peak", "contention=0.05&coherence=0.001"},
       {"Twice the nodes past the peak", "contention=0.05&coherence=0.001&nodes=64"},
       {"A 96-core big machine", "vertical_cores=96"}}};
  return info;
}

}  // namespace dsviz
