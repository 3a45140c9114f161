#include "balancing.h"

#include "describe.h"

#include "detmath.h"

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kArrival = 0,  // the users' next request; a = arrival token
  kDone = 1,     // node = server, a = server generation: the request in service is finished
  kHealth = 2,   // node = balancer, a = health token: it probes every server
  kCrash = 3,    // node = server, a = server generation (server_mtbf_s)
  kRepair = 4,   // node = server, a = server generation
};

constexpr uint64_t kStreamSetup = 1, kStreamArrivals = 2, kStreamCost = 3, kStreamPick = 4, kStreamFaults = 100;
constexpr uint32_t kMaxServers = 64;
constexpr double kMttrS = 10;      // a crashed server is back after ~10 s (server_mtbf_s runs)
constexpr double kEwmaWeight = 0.2;  // of the newest latency in a balancer's estimate
constexpr uint64_t kClickHash = 0xba1a0000ULL;

}  // namespace

namespace balancing {

uint32_t pick_random(uint32_t n, Rng& rng) { return uint32_t(rng.below(n)); }

uint32_t pick_two(const std::vector<uint32_t>& load, Rng& rng) {
  const uint32_t n = uint32_t(load.size());
  if (n == 1) return 0;
  const uint32_t i = uint32_t(rng.below(n));
  uint32_t j = uint32_t(rng.below(n - 1));
  if (j >= i) ++j;  // distinct from i, still uniform
  if (load[i] != load[j]) return load[i] < load[j] ? i : j;
  return rng.bernoulli(0.5) ? i : j;
}

}  // namespace balancing

const char* BalancingModel::strategy_name(int s) {
  static const char* const names[kStrategies] = {"round robin",       "random",
                                                 "least connections", "power of two choices",
                                                 "weighted round robin", "least latency"};
  return s >= 0 && s < kStrategies ? names[s] : "?";
}

BalancingModel::BalancingModel() {
  add_param(kStrategy, labelled({"strategy", 0, 5, 0, "", "0 round robin, 1 random, 2 least connections, 3 power of two choices, 4 weighted round robin, 5 least latency", true}, "Strategy"));
  add_param(kServers, {"servers", 1, 64, 8, "servers", "Servers behind the balancers", true});
  add_param(kBalancers, {"balancers", 1, 8, 1, "balancers", "Balancers; each sees only its own open requests", true});
  add_param(kLoadPct, labelled({"load_pct", 10, 150, 80, "%", "Offered load as a share of what all servers together can serve"}, "Offered load"));
  add_param(kSlowServers, labelled({"slow_servers", 0, 64, 1, "servers", "How many servers (the first ones) are degraded", true}, "Slow servers"));
  add_param(kSlowFactor, labelled({"slow_factor", 1, 100, 5, "x", "How much longer a slow server takes per request", false, true}, "Slow-down"));
  add_param(kCostCv, labelled({"cost_cv", 0, 4, 1, "", "Spread of request cost: coefficient of variation (0 = all alike)"}, "Cost variation"));
  add_param(kQueueLimit, labelled({"queue_limit", 1, 1000, 50, "requests", "Requests a server holds waiting; more are dropped", true, true}, "Queue limit"));
  add_param(kHeavyTail, labelled({"heavy_tail", 0, 1, 0, "", "On, request costs follow a Pareto law (a few huge ones); off, a lognormal", true}, "Heavy-tailed costs"));
  add_param(kPowerSpread, labelled({"power_spread", 0, 0.9, 0, "", "Servers differ in size: power 1 +- this (0 = identical)"}, "Power spread"));
  add_param(kHealthIntervalMs, labelled({"health_interval_ms", 100, 10000, 1000, "ms", "Each balancer probes every server this often", false, true}, "Health check every"));
  add_param(kHealthFails, labelled({"health_fails", 1, 5, 2, "probes", "Failed probes in a row before a server is taken out", true}, "Probes to mark down"));
  add_param(kServerMtbfS, labelled({"server_mtbf_s", 0, 3600, 0, "s", "Mean time between crashes of each server, back ~10 s later (0 = never)", false}, "Server MTBF"));
}

double BalancingModel::capacity_rps(uint32_t s) const {
  const double slowdown = slow(s) ? param(kSlowFactor) : 1.0;
  return servers_[s].power / slowdown * (1000.0 / kMeanServiceMs);
}

uint64_t BalancingModel::in_flight() const {
  uint64_t n = 0;
  for (const Server& sv : servers_) n += sv.queue.size();
  return n;
}

// [SECTION] Run setup and live settings

void BalancingModel::on_reset() {
  const uint32_t n = uint32_t(param(kServers)), nb = uint32_t(param(kBalancers));
  Rng setup = sim_.stream(kStreamSetup);
  servers_.assign(n, Server{});
  // One draw per possible server, so the server count does not shift them.
  for (uint32_t s = 0; s < kMaxServers; ++s) {
    const double u = setup.uniform(-1, 1);
    if (s < n) servers_[s].spread_draw = u;
  }
  for (uint32_t s = 0; s < n; ++s) {
    servers_[s].power = 1 + param(kPowerSpread) * servers_[s].spread_draw;
    servers_[s].faults = sim_.stream(kStreamFaults + s);
  }
  balancers_.assign(nb, Balancer{});
  for (uint32_t b = 0; b < nb; ++b) {
    Balancer& bl = balancers_[b];
    bl.conns.assign(n, 0);
    bl.ewma_ms.assign(n, kMeanServiceMs);
    bl.wrr_current.assign(n, 0);
    bl.fails.assign(n, 0);
    bl.routable.assign(n, true);
    bl.rr = setup.below(n);  // balancers do not start in step
  }
  arrival_rng_ = sim_.stream(kStreamArrivals);
  cost_rng_ = sim_.stream(kStreamCost);
  pick_rng_ = sim_.stream(kStreamPick);
  arrival_token_ = health_token_ = 0;
  picks_.clear();
  reset_stats();
  update_rate();
  schedule_arrival();
  const Time interval = from_ms(param(kHealthIntervalMs));
  for (uint32_t b = 0; b < nb; ++b) sim_.after(interval * (b + 1) / nb, Event{kHealth, b, health_token_, 0});
  if (param(kServerMtbfS) > 0)
    for (uint32_t s = 0; s < n; ++s)
      sim_.after(from_s(servers_[s].faults.exponential(param(kServerMtbfS))), Event{kCrash, s, servers_[s].gen, 0});
}

void BalancingModel::reset_stats() {
  stats_since_ = sim_.now();
  latency_.clear();
  served_ = dropped_ = errors_ = 0;
  max_queue_ = 0;
  herd_chosen_ = herd_mean_ = 0;
  routed_ = misrouted_ = 0;
  for (Server& sv : servers_) sv.served = sv.dropped = sv.errors = 0;
}

void BalancingModel::on_param_changed(size_t i) {
  if (i == kServers || i == kBalancers || i == kServerMtbfS) {
    reset(seed());
    return;
  }
  // The rest apply live; the figures restart so they describe the new setting.
  sim_.hash_in(0xba1b0000ULL + i);
  reset_stats();
  if (i == kStrategy)
    for (Balancer& bl : balancers_) bl.wrr_current.assign(servers_.size(), 0);
  if (i == kPowerSpread)
    for (Server& sv : servers_) sv.power = 1 + param(kPowerSpread) * sv.spread_draw;
  if (i == kLoadPct || i == kSlowServers || i == kSlowFactor || i == kPowerSpread) {
    update_rate();
    ++arrival_token_;
    schedule_arrival();
  }
  if (i == kHealthIntervalMs) {
    ++health_token_;
    const Time interval = from_ms(param(kHealthIntervalMs));
    const uint32_t nb = balancers();
    for (uint32_t b = 0; b < nb; ++b) sim_.after(interval * (b + 1) / nb, Event{kHealth, b, health_token_, 0});
  }
}

void BalancingModel::update_rate() {
  double total = 0;
  for (uint32_t s = 0; s < servers_.size(); ++s) total += capacity_rps(s);
  rate_rps_ = total * param(kLoadPct) / 100.0;
}

// A pending arrival carries the token it was drawn under; a rate change
// bumps the token, so the old one is ignored and a new one drawn.
void BalancingModel::schedule_arrival() {
  const Time gap = from_s(arrival_rng_.exponential(1.0 / rate_rps_));
  sim_.after(gap < 1 ? 1 : gap, Event{kArrival, 0, arrival_token_, 0});
}

// Mean 1, coefficient of variation cost_cv: lognormal, or Pareto (heavy tail).
double BalancingModel::draw_cost() {
  const double cv = param(kCostCv);
  if (cv <= 0) return 1.0;
  if (param(kHeavyTail) >= 0.5) {
    // Pareto: cv^2 = 1 / (alpha (alpha - 2)), mean = xm alpha / (alpha - 1).
    const double alpha = 1 + dm::sqrt(1 + 1 / (cv * cv));
    return cost_rng_.pareto((alpha - 1) / alpha, alpha);
  }
  const double sigma2 = dm::log(1 + cv * cv);
  return cost_rng_.lognormal(-sigma2 / 2, dm::sqrt(sigma2));
}

// [SECTION] Routing

int BalancingModel::choose(uint32_t b) {
  Balancer& bl = balancers_[b];
  const uint32_t n = servers();
  cand_.clear();
  for (uint32_t s = 0; s < n; ++s)
    if (bl.routable[s]) cand_.push_back(s);
  if (cand_.empty()) return -1;
  switch (strategy()) {
    case kRoundRobin:
      for (uint32_t k = 0; k < n; ++k) {
        const uint32_t s = uint32_t(bl.rr++ % n);
        if (bl.routable[s]) return int(s);
      }
      return -1;
    case kRandom:
      return int(cand_[balancing::pick_random(uint32_t(cand_.size()), pick_rng_)]);
    case kLeastConnections: {
      uint32_t best = cand_[0];
      for (uint32_t s : cand_)
        if (bl.conns[s] < bl.conns[best]) best = s;
      return int(best);
    }
    case kPowerOfTwo:
      load_.clear();
      for (uint32_t s : cand_) load_.push_back(bl.conns[s]);
      return int(cand_[balancing::pick_two(load_, pick_rng_)]);
    case kWeightedRoundRobin: {
      // Smooth weighted round robin (as in nginx): every server gains its
      // weight, the richest is picked and pays the total.
      double total = 0;
      uint32_t best = cand_[0];
      for (uint32_t s : cand_) {
        bl.wrr_current[s] += servers_[s].power;
        total += servers_[s].power;
        if (bl.wrr_current[s] > bl.wrr_current[best]) best = s;
      }
      bl.wrr_current[best] -= total;
      return int(best);
    }
    case kLeastLatency: {
      uint32_t best = cand_[0];
      double best_score = 0;
      for (uint32_t s : cand_) {
        const double score = bl.ewma_ms[s] * (bl.conns[s] + 1);
        if (s == cand_[0] || score < best_score) {
          best = s;
          best_score = score;
        }
      }
      return int(best);
    }
    default:
      return -1;
  }
}

void BalancingModel::arrive() {
  const uint32_t b = uint32_t(arrival_rng_.below(balancers()));
  const double cost = draw_cost();
  const int chosen = choose(b);
  if (chosen < 0) {
    ++errors_;
    picks_.push(Pick{sim_.now(), b, 0, kError});
    return;
  }
  const uint32_t s = uint32_t(chosen);
  Server& sv = servers_[s];
  if (!sv.up) {  // the balancer has not noticed yet: connection refused
    ++errors_;
    ++sv.errors;
    picks_.push(Pick{sim_.now(), b, s, kError});
    return;
  }
  uint64_t total = 0;
  uint32_t up = 0;
  bool idle = false;
  for (const Server& o : servers_)
    if (o.up) {
      total += o.queue.size();
      ++up;
      idle |= o.queue.empty();
    }
  herd_chosen_ += double(sv.queue.size());
  herd_mean_ += double(total) / double(up);
  ++routed_;
  if (idle && !sv.queue.empty()) ++misrouted_;
  const size_t waiting = sv.queue.empty() ? 0 : sv.queue.size() - 1;
  if (waiting >= size_t(param(kQueueLimit))) {
    ++dropped_;
    ++sv.dropped;
    picks_.push(Pick{sim_.now(), b, s, kDropped});
    return;
  }
  sv.queue.push_back(Req{b, sim_.now(), cost});
  ++balancers_[b].conns[s];
  if (sv.queue.size() > max_queue_) max_queue_ = uint32_t(sv.queue.size());
  picks_.push(Pick{sim_.now(), b, s, kQueued});
  if (sv.queue.size() == 1) start_service(s);
}

void BalancingModel::start_service(uint32_t s) {
  Server& sv = servers_[s];
  const double slowdown = slow(s) ? param(kSlowFactor) : 1.0;
  const Time work = from_ms(sv.queue.front().cost * kMeanServiceMs * slowdown / sv.power);
  sim_.after(work < 1 ? 1 : work, Event{kDone, s, sv.gen, 0});
}

// [SECTION] Crashes and health checks

void BalancingModel::crash(uint32_t s) {
  Server& sv = servers_[s];
  if (!sv.up) return;
  sv.up = false;
  ++sv.gen;
  // Its requests are lost; their balancers see the connections reset.
  for (const Req& r : sv.queue) {
    --balancers_[r.balancer].conns[s];
    ++errors_;
    ++sv.errors;
  }
  sv.queue.clear();
  if (param(kServerMtbfS) > 0) sim_.after(from_s(sv.faults.exponential(kMttrS)), Event{kRepair, s, sv.gen, 0});
}

void BalancingModel::repair(uint32_t s) {
  Server& sv = servers_[s];
  if (sv.up) return;
  sv.up = true;
  ++sv.gen;
  if (param(kServerMtbfS) > 0)
    sim_.after(from_s(sv.faults.exponential(param(kServerMtbfS))), Event{kCrash, s, sv.gen, 0});
}

// A server leaves a balancer's rotation after health_fails failed probes in
// a row, and comes back at the first probe it answers.
void BalancingModel::health_check(uint32_t b) {
  Balancer& bl = balancers_[b];
  const uint32_t need = uint32_t(param(kHealthFails));
  for (uint32_t s = 0; s < servers(); ++s) {
    if (servers_[s].up) {
      bl.fails[s] = 0;
      bl.routable[s] = true;
    } else if (++bl.fails[s] >= need) {
      bl.routable[s] = false;
    }
  }
}

// [SECTION] Events and commands

void BalancingModel::on_event(const Event& e) {
  switch (e.kind) {
    case kArrival:
      if (e.a != arrival_token_) return;
      arrive();
      schedule_arrival();
      return;
    case kDone: {
      Server& sv = servers_[e.node];
      if (e.a != sv.gen || sv.queue.empty()) return;
      const Req r = sv.queue.front();
      sv.queue.pop_front();
      const Time lat = sim_.now() - r.arrived;
      latency_.add(lat);
      ++served_;
      ++sv.served;
      Balancer& bl = balancers_[r.balancer];
      --bl.conns[e.node];
      bl.ewma_ms[e.node] += kEwmaWeight * (to_ms(lat) - bl.ewma_ms[e.node]);
      if (!sv.queue.empty()) start_service(e.node);
      return;
    }
    case kHealth:
      if (e.a != health_token_) return;
      health_check(e.node);
      sim_.after(from_ms(param(kHealthIntervalMs)), Event{kHealth, e.node, health_token_, 0});
      return;
    case kCrash:
      if (e.a == servers_[e.node].gen) crash(e.node);
      return;
    case kRepair:
      if (e.a == servers_[e.node].gen) repair(e.node);
      return;
  }
}

void BalancingModel::toggle_server(uint32_t s) { command(kCmdToggleServer, s); }

void BalancingModel::on_command(uint32_t kind, uint64_t arg) {
  if (kind != kCmdToggleServer || arg >= servers_.size()) return;
  sim_.hash_in(kClickHash + arg);
  if (servers_[arg].up) {
    crash(uint32_t(arg));
  } else {
    repair(uint32_t(arg));
  }
}

// [SECTION] Compare all

void BalancingModel::start_compare(Time duration) {
  compare_.assign(kStrategies, CompareRow{});
  for (int s = 0; s < kStrategies; ++s) compare_[s].strategy = s;
  compare_settings_.clear();
  for (size_t i = 0; i < params().size(); ++i) compare_settings_.push_back(param(i));
  compare_run_.reset();
  compare_next_ = 0;
  compare_started_ = true;
  compare_duration_ = duration > 0 ? duration : 60 * kSec;
}

double BalancingModel::compare_step(uint64_t max_events) {
  if (!compare_running()) return compare_progress();
  if (!compare_run_) {
    compare_run_ = std::make_unique<BalancingModel>();
    for (size_t i = 0; i < compare_settings_.size(); ++i) compare_run_->set(params()[i].key, compare_settings_[i]);
    compare_run_->set(kStrategy, double(compare_next_));
    compare_run_->reset(seed());  // the same seed: the same arrivals and costs for every strategy
  }
  if (compare_run_->run_for_events(compare_duration_, max_events)) {
    const BalancingModel& r = *compare_run_;
    CompareRow& row = compare_[compare_next_];
    row.done = true;
    row.p50_ms = r.latency_ms(0.50);
    row.p95_ms = r.latency_ms(0.95);
    row.p99_ms = r.latency_ms(0.99);
    row.served = r.served();
    row.dropped = r.dropped();
    row.errors = r.errors();
    row.herd_ratio = r.herd_ratio();
    row.misrouted_pct = r.misrouted_pct();
    compare_run_.reset();
    ++compare_next_;
  }
  return compare_progress();
}

double BalancingModel::compare_progress() const {
  if (!compare_started_ || compare_.empty()) return 0;
  double done = double(compare_next_);
  if (compare_run_) done += double(compare_run_->now()) / double(compare_duration_);
  return done / double(compare_.size());
}

// [SECTION] Figures and invariants

void BalancingModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"latency_p50_ms", latency_ms(0.50)});
  out.push_back({"latency_p95_ms", latency_ms(0.95)});
  out.push_back({"latency_p99_ms", latency_ms(0.99)});
  out.push_back({"dropped", double(dropped_)});
  out.push_back({"max_queue", double(max_queue_)});
  out.push_back({"served", double(served_)});
  out.push_back({"errors", double(errors_)});
  out.push_back({"in_flight", double(in_flight())});
  out.push_back({"offered_rps", rate_rps_});
  out.push_back({"herd_ratio", herd_ratio()});
  out.push_back({"misrouted_pct", misrouted_pct()});
  uint64_t busiest = 0;
  for (const Server& sv : servers_) busiest = sv.served > busiest ? sv.served : busiest;
  out.push_back({"busiest_server_share_pct", served_ ? 100.0 * double(busiest) / double(served_) : 0.0});
}

std::string BalancingModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  const size_t limit = size_t(param(kQueueLimit));
  uint64_t served = 0, dropped = 0;
  for (uint32_t s = 0; s < servers_.size(); ++s) {
    const Server& sv = servers_[s];
    if (!sv.up && !sv.queue.empty()) return "invariant: a dead server holds no requests";
    // A live lower limit can leave longer queues behind: they only drain.
    if (sv.queue.size() > max_queue_ && stats_since_ == 0) return "invariant: max_queue bounds every queue";
    if (stats_since_ == 0 && sv.queue.size() > limit + 1) return "invariant: a queue holds at most queue_limit waiting + 1 in service";
    uint64_t open = 0;
    for (const Balancer& bl : balancers_) open += bl.conns[s];
    if (open != sv.queue.size()) return "invariant: the balancers' open requests add up to the server's queue";
    served += sv.served;
    dropped += sv.dropped;
  }
  if (served != served_ || dropped != dropped_) return "invariant: per-server counts add up";
  if (latency_.count() != served_) return "invariant: one latency per served request";
  return "";
}

std::string BalancingModel::describe() const {
  uint32_t down = 0;
  for (uint32_t i = 0; i < servers(); ++i) down += server_up(i) ? 0 : 1;
  std::string s = say("Strategy %s; ", strategy_name(strategy())) + count_of(balancers(), "balancer", "balancers") +
                  " in front of " + count_of(servers(), "server", "servers");
  if (param(kSlowServers) >= 1) s += say(", %g slow", param(kSlowServers));
  if (down) s += say(", %u down", down);
  uint32_t longest = 0;
  for (uint32_t i = 0; i < servers(); ++i) longest = queue_length(i) > longest ? queue_length(i) : longest;
  s += say("; the longest queue holds %u", longest);
  s += "; " + count_of(served_, "request", "requests") + " served";
  if (latency_.count() > 0)
    s += ", median " + spoken_ms(latency_ms(0.5)) + ", p99 " + spoken_ms(latency_ms(0.99));
  s += "; " + count_of(dropped_, "dropped", "dropped") + ", " + count_of(errors_, "error", "errors") + ".";
  return s;
}

const SceneInfo& balancing_scene() {
  static const SceneInfo info = {
      "balancing", "Load balancing: tails, not averages", "Technical Examples",
      "Users send requests through balancers to servers with queues; the strategy picks the server.\n"
      "One slow server ruins round robin's p99; two random choices avoid most of it.",
      {"Switch round robin to power of two choices: the p99 falls several times, the median barely moves.",
       "Press 'Compare all': the same requests under every strategy, side by side.",
       "Least connections with 8 balancers: each counts only its own requests, so most requests go to a busy server while another sits idle, and the median latency quadruples. At half the load they even pile onto the same servers (herd ratio above 1).",
       "Crash a server: until health checks notice, requests sent to it fail.",
       "With no slow server, raise Cost variation from 0 to 3 under least connections: the p99 grows about eight times; a request stuck behind a huge one waits whatever the balancer does.",
       "Spread server power: weighted round robin follows it, plain round robin does not."},
      2 * kMin,
      // At 0.05x about 30 requests a second, each visible for its ~10 ms x 20.
      0.05f, &make_model<BalancingModel>,
      {
       {"Round robin, one slow server", "strategy=0"},
       {"Power of two choices", "strategy=3"},
       {"Least connections, 8 balancers", "strategy=2&balancers=8"},
       {"Costs that vary a lot", "strategy=2&cost_cv=3"}}};
  return info;
}

}  // namespace dsviz
