#include "availability.h"

#include "describe.h"

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kFail = 0,    // node = component, a = its generation
  kRepair = 1,  // node = component, a = its generation
  kSample = 2,  // one point on the plots
};
constexpr uint64_t kStreamComponent = 100;
constexpr Time kFirstPeriod = 10 * kSec;
constexpr uint64_t kClickHash = 0xa7a10000ULL;

FailureSpec spec_min(double mtbf_min, double mttr_min) {
  return FailureSpec{from_s(mtbf_min * 60), from_s(mttr_min * 60)};
}

// Keeps every other sample (the 2nd, 4th, ...): spacing doubles, memory stays.
void halve(TimeSeries& s) {
  TimeSeries kept(s.capacity());
  for (size_t i = 1; i < s.size(); i += 2) kept.push(s[i]);
  s = kept;
}

}  // namespace

AvailabilityModel::AvailabilityModel() {
  add_param(kReplicas, {"replicas", 1, 7, 3, "replicas", "Servers that can each serve every request; one is a single server", true, false, "Replicas"});
  add_param(kMtbfMin, labelled({"mtbf_min", 1, 100000, 10, "min",
                       "Mean time between failures of each replica (teaching scale: real servers last months)", false, true}, "MTBF per replica"));
  add_param(kMttrMin, labelled({"mttr_min", 0.1, 1000, 1, "min", "Mean time to repair a replica", false, true}, "MTTR per replica"));
  add_param(kCorrelated, labelled({"correlated", 0, 1, 0, "", "Replicas share one rack or power unit, which can fail too and takes them all down", true}, "Shared rack (correlated)"));
  add_param(kRackMtbfMin, labelled({"rack_mtbf_min", 1, 100000, 600, "min", "Mean time between failures of the shared rack", false, true}, "Rack MTBF"));
  add_param(kRackMttrMin, labelled({"rack_mttr_min", 0.1, 1000, 10, "min", "Mean time to repair the shared rack", false, true}, "Rack MTTR"));
  add_param(kDatabase, labelled({"database", 0, 1, 0, "", "Every request also needs one database: a dependency in series with the replicas", true}, "Database in series"));
  add_param(kDbMtbfMin, labelled({"db_mtbf_min", 1, 100000, 100, "min", "Mean time between failures of the database", false, true}, "Database MTBF"));
  add_param(kDbMttrMin, labelled({"db_mttr_min", 0.1, 1000, 1, "min", "Mean time to repair the database", false, true}, "Database MTTR"));
}

double AvailabilityModel::node_availability() const {
  return spec_min(param(kMtbfMin), param(kMttrMin)).availability();
}
double AvailabilityModel::replicas_availability() const {
  return parallel_availability(node_availability(), int(replicas()));
}
double AvailabilityModel::rack_availability() const {
  return correlated() ? spec_min(param(kRackMtbfMin), param(kRackMttrMin)).availability() : 1.0;
}
double AvailabilityModel::database_availability() const {
  return has_database() ? spec_min(param(kDbMtbfMin), param(kDbMttrMin)).availability() : 1.0;
}
double AvailabilityModel::independent_availability() const {
  return series_availability(replicas_availability(), database_availability());
}
double AvailabilityModel::analytic_availability() const {
  return series_availability(independent_availability(), rack_availability());
}

Time AvailabilityModel::service_downtime() const {
  return service_down_ + (service_up_ ? 0 : sim_.now() - service_since_);
}
double AvailabilityModel::simulated_availability() const {
  const Time now = sim_.now();
  return now > 0 ? 1.0 - double(service_downtime()) / double(now) : 1.0;
}
double AvailabilityModel::single_simulated_availability() const {
  const Time now = sim_.now();
  return now > 0 ? 1.0 - double(comps_[0].downtime_until(now)) / double(now) : 1.0;
}

bool AvailabilityModel::active(uint32_t c) const {
  if (c == rack()) return correlated();
  if (c == database()) return has_database();
  return true;
}

void AvailabilityModel::on_reset() {
  const uint32_t n = replicas();
  comps_.assign(n + 2, Node{});
  rng_.clear();
  for (uint32_t c = 0; c < n + 2; ++c) rng_.push_back(sim_.stream(kStreamComponent + (c < n ? c : 50 + c - n)));
  gen_.assign(n + 2, 0);
  for (uint32_t c = 0; c < n; ++c) comps_[c].failures = spec_min(param(kMtbfMin), param(kMttrMin));
  comps_[rack()].failures = spec_min(param(kRackMtbfMin), param(kRackMttrMin));
  comps_[database()].failures = spec_min(param(kDbMtbfMin), param(kDbMttrMin));
  service_up_ = true;
  service_since_ = 0;
  service_down_ = 0;
  outages_ = 0;
  period_ = kFirstPeriod;
  service_series_.clear();
  single_series_.clear();
  for (uint32_t c = 0; c < n + 2; ++c)
    if (active(c)) sim_.after(comps_[c].failures.sample_uptime(rng_[c]), Event{kFail, c, gen_[c], 0});
  sim_.after(period_, Event{kSample, 0, 0, 0});
}

void AvailabilityModel::crash(uint32_t c) {
  if (!comps_[c].up) return;
  comps_[c].crash(sim_.now());
  ++gen_[c];
  sim_.after(comps_[c].failures.sample_downtime(rng_[c]), Event{kRepair, c, gen_[c], 0});
  update_service();
}

void AvailabilityModel::repair(uint32_t c) {
  if (comps_[c].up) return;
  comps_[c].recover(sim_.now());
  ++gen_[c];
  sim_.after(comps_[c].failures.sample_uptime(rng_[c]), Event{kFail, c, gen_[c], 0});
  update_service();
}

void AvailabilityModel::update_service() {
  bool any = false;
  for (uint32_t c = 0; c < replicas(); ++c) any |= comps_[c].up;
  const bool up = any && (!correlated() || comps_[rack()].up) && (!has_database() || comps_[database()].up);
  if (up == service_up_) return;
  if (!up) {
    ++outages_;
  } else {
    service_down_ += sim_.now() - service_since_;
  }
  service_up_ = up;
  service_since_ = sim_.now();
}

// A click goes through Model::command so scrubbing can replay it.
enum AvailabilityCommand : uint32_t { kCmdToggle };
void AvailabilityModel::toggle(uint32_t c) { command(kCmdToggle, c); }
void AvailabilityModel::on_command(uint32_t kind, uint64_t arg) {
  if (kind == kCmdToggle) flip(uint32_t(arg));
}

void AvailabilityModel::flip(uint32_t c) {
  if (c >= comps_.size() || !active(c)) return;
  sim_.hash_in(kClickHash + c);
  if (comps_[c].up) {
    crash(c);
  } else {
    repair(c);
  }
}

void AvailabilityModel::sample() {
  if (service_series_.size() == service_series_.capacity()) {
    halve(service_series_);
    halve(single_series_);
    period_ *= 2;
  }
  service_series_.push(Sample{sim_.now(), simulated_availability()});
  single_series_.push(Sample{sim_.now(), single_simulated_availability()});
  sim_.after(period_, Event{kSample, 0, 0, 0});
}

void AvailabilityModel::on_event(const Event& e) {
  switch (e.kind) {
    case kFail:
      if (e.a == gen_[e.node]) crash(e.node);
      return;
    case kRepair:
      if (e.a == gen_[e.node]) repair(e.node);
      return;
    case kSample:
      sample();
      return;
  }
}

void AvailabilityModel::metrics(std::vector<Metric>& out) const {
  const double sim_a = simulated_availability();
  uint64_t node_failures = 0;
  for (uint32_t c = 0; c < replicas(); ++c) node_failures += comps_[c].crashes;
  out.push_back({"analytic_availability", analytic_availability()});
  out.push_back({"simulated_availability", sim_a});
  out.push_back({"downtime_per_year_h", downtime_per_year_h(sim_a)});
  out.push_back({"analytic_downtime_per_year_h", downtime_per_year_h(analytic_availability())});
  out.push_back({"analytic_nines", nines(analytic_availability())});
  out.push_back({"simulated_nines", nines(sim_a)});
  out.push_back({"single_analytic_availability", node_availability()});
  out.push_back({"single_simulated_availability", single_simulated_availability()});
  out.push_back({"replicas_analytic_availability", replicas_availability()});
  out.push_back({"database_availability", database_availability()});
  out.push_back({"rack_availability", rack_availability()});
  out.push_back({"independent_availability", independent_availability()});
  out.push_back({"outages", double(outages_)});
  out.push_back({"mean_outage_s", outages_ ? to_s(service_downtime()) / double(outages_) : 0.0});
  out.push_back({"node_failures", double(node_failures)});
  out.push_back({"rack_failures", double(comps_[rack()].crashes)});
  out.push_back({"database_failures", double(comps_[database()].crashes)});
}

std::string AvailabilityModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  const Time now = sim_.now();
  if (service_downtime() < 0 || service_downtime() > now) return "invariant: 0 <= service downtime <= elapsed time";
  if (service_since_ > now) return "invariant: the service's current stretch started in the past";
  for (uint32_t c = 0; c < comps_.size(); ++c) {
    const Node& nd = comps_[c];
    if (nd.downtime_until(now) < 0 || nd.downtime_until(now) > now) return "invariant: 0 <= a component's downtime <= elapsed time";
    if (!active(c) && (!nd.up || nd.crashes)) return "invariant: a switched-off rack or database never fails";
  }
  // The service is down only while some needed part is down, so its
  // downtime is at most the time replica 0 (one of the needed parts, or
  // one of the replicas) was down plus the rack's and the database's.
  Time bound = comps_[0].downtime_until(now);
  if (correlated()) bound += comps_[rack()].downtime_until(now);
  if (has_database()) bound += comps_[database()].downtime_until(now);
  if (service_downtime() > bound) return "invariant: service downtime <= replica 0's + rack's + database's downtime";
  bool any = false;
  for (uint32_t c = 0; c < replicas(); ++c) any |= comps_[c].up;
  const bool up = any && (!correlated() || comps_[rack()].up) && (!has_database() || comps_[database()].up);
  if (up != service_up_) return "invariant: the service is up exactly when a replica, the rack and the database are";
  if (service_series_.size() != single_series_.size()) return "invariant: the two plots have the same samples";
  return "";
}

std::string AvailabilityModel::describe() const {
  uint32_t upn = 0;
  for (uint32_t i = 0; i < replicas(); ++i) upn += up(i) ? 1 : 0;
  std::string s = count_of(replicas(), "replica", "replicas") + say(", %u up", upn);
  if (correlated()) s += up(rack()) ? "; the shared rack is up" : "; the shared rack is down";
  if (has_database()) s += up(database()) ? "; the database is up" : "; the database is down";
  s += service_up() ? "; the service is up" : "; the service is down";
  if (now() > 0)
    s += "; measured availability " + spoken_pct(simulated_availability()) + " over " + format_duration(now());
  s += ", the formula gives " + spoken_pct(analytic_availability());
  s += "; " + count_of(outages(), "outage", "outages") + " so far.";
  return s;
}

const SceneInfo& availability_scene() {
  static const SceneInfo info = {
    "availability", "Availability and replicas", "Reliability & Availability",
     "One server is up a = MTBF / (MTBF + MTTR) of the time; n independent replicas 1 - (1 - a)^n.\n"
     "The measured availability converges to the formula; a database in series multiplies it by b, and a shared rack breaks the independence it assumes.",
     {"Go from 1 to 3 replicas: from one nine to three.",
      "Skip ahead a month or a year and watch the measured figure meet the formula.",
      "Turn on 'Shared rack (correlated)': the shared rack caps availability whatever the number of replicas.",
      "Turn on 'Database in series': the formula gives a x b, below either part alone, and a long run settles near it.",
      "Halve MTTR or double MTBF: the same nines either way, since only their ratio counts."},
     30 * 24 * kHour,
    // At 60x a replica fails every ~10 s and is down ~1 s; the speed slider
    // (up to 1000x) or "skip ahead" shows convergence.
    60.0f, &make_model<AvailabilityModel>,
      {
       {"One server", "replicas=1"},
       {"Three replicas", "replicas=3"},
       {"Three replicas on a shared rack", "replicas=3&correlated=1"},
       {"Database in series", "replicas=3&database=1"}}};
  return info;
}

}  // namespace dsviz
