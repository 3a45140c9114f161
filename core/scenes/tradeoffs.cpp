#include "tradeoffs.h"

#include "describe.h"

#include <cmath>

#include "faults.h"

namespace dsviz {
namespace {

enum EventKind : uint32_t { kRequest, kChange };  // kChange: node = component, a = its generation
enum Command : uint32_t { kCmdToggle };
constexpr uint64_t kStreamArrivals = 1, kStreamFailures = 2;
constexpr double kSampleRps = 10;          // sampled requests per virtual second (a sample, not the load)
constexpr double kMttrS = 60;              // teaching scale: a region is back in about a minute
constexpr uint64_t kClickHash = 0x7ade0000ULL;

}  // namespace

TradeoffsModel::TradeoffsModel() {
  add_param(kUsers, {"users", 1000, 1e8, 1e6, "users", "Peak concurrent users, spread over the world's big cities", false, true});
  add_param(kRegions, {"regions", 1, kMaxRegions, 1, "regions",
                       "Datacenter regions: Virginia, then Frankfurt, Tokyo, Sao Paulo, Mumbai, Sydney", true});
  add_param(kAvailabilityTargetPct, labelled({"availability_target_pct", 90, 99.9999, 99.99, "%",
                                              "The availability the service must reach"}, "Availability target"));
  add_param(kRegionAvailabilityPct, labelled({"region_availability_pct", 90, 99.999, 99.9, "%",
                                              "Availability of one region on its own"}, "One region's availability"));
  add_param(kCentralDb, labelled({"central_db", 0, 1, 0, "", "On, every request also needs the one database in Virginia", true},
                                 "Central database"));
  add_param(kNodeUsdH, labelled({"node_usd_h", 0.01, 10, 0.34, "$/h", "Price of one server per hour (8 vCPU at $0.0425 each)", false, true},
                                "Server price"));
}

TradeoffInputs TradeoffsModel::inputs() const {
  TradeoffInputs in;
  in.users = param(kUsers);
  in.regions = regions();
  in.availability_target = param(kAvailabilityTargetPct) / 100;
  in.region_availability = param(kRegionAvailabilityPct) / 100;
  in.central_database = has_database();
  in.database_availability = in.region_availability;
  in.node_usd_h = param(kNodeUsdH);
  return in;
}

void TradeoffsModel::on_reset() {
  result_ = compute_tradeoffs(inputs());
  const int n = regions();
  up_.assign(size_t(n + 1), true);
  gen_.assign(size_t(n + 1), 0);
  rtt_ms_.clear();
  for (const UserCity& u : user_cities()) {
    std::vector<double> row;
    for (int r = 0; r < n; ++r) row.push_back(city_rtt_ms(u.city, deploy_order()[size_t(r)]));
    rtt_ms_.push_back(row);
  }
  arrivals_ = sim_.stream(kStreamArrivals);
  failures_ = sim_.stream(kStreamFailures);
  last_city_ = last_region_ = -1;
  requests_ = failed_ = outages_ = 0;
  rtt_us_.clear();
  for (int c = 0; c < n; ++c) schedule_change(c);
  if (has_database()) schedule_change(n);
  sim_.after(from_s(arrivals_.exponential(1 / kSampleRps)), Event{kRequest, 0, 0, 0});
}

// Users, the target and the server price feed the calculator only: the live
// run (regions, failures, sampled requests) goes on unchanged. The others
// change what runs, so they rebuild it.
void TradeoffsModel::on_param_changed(size_t index) {
  if (index == kUsers.index || index == kAvailabilityTargetPct.index || index == kNodeUsdH.index) {
    result_ = compute_tradeoffs(inputs());
    return;
  }
  Model::on_param_changed(index);
}

// Up-times and repairs drawn so a component is up `region_availability` of
// the time with a mean repair of kMttrS: MTBF = MTTR x a / (1 - a).
void TradeoffsModel::schedule_change(int c) {
  const double a = param(kRegionAvailabilityPct) / 100;
  const double mean_s = up_[size_t(c)] ? kMttrS * a / (1 - a) : kMttrS;
  sim_.after(from_s(failures_.exponential(mean_s)), Event{kChange, uint32_t(c), gen_[size_t(c)], 0});
}

void TradeoffsModel::flip(int c) {
  up_[size_t(c)] = !up_[size_t(c)];
  if (!up_[size_t(c)] && c < regions()) ++outages_;
  ++gen_[size_t(c)];
  schedule_change(c);
}

void TradeoffsModel::request() {
  const auto cities = user_cities();
  double u = arrivals_.uniform01();
  size_t city = cities.size() - 1;
  for (size_t i = 0; i < cities.size(); ++i) {
    if (u < cities[i].share) {
      city = i;
      break;
    }
    u -= cities[i].share;
  }
  int best = -1;
  for (int r = 0; r < regions(); ++r)
    if (up_[size_t(r)] && (best < 0 || rtt_ms_[city][size_t(r)] < rtt_ms_[city][size_t(best)])) best = r;
  const bool db_ok = !has_database() || up_[size_t(regions())];
  ++requests_;
  last_city_ = int(city);
  last_region_ = db_ok ? best : -1;
  if (best < 0 || !db_ok) {
    ++failed_;
  } else {
    // A request served away from Virginia that needs the central database
    // pays the round trip to it too.
    double ms = rtt_ms_[city][size_t(best)];
    if (has_database() && best != 0) ms += city_rtt_ms(deploy_order()[size_t(best)], deploy_order()[0]);
    rtt_us_.add(int64_t(std::llround(ms * 1000)));
  }
  sim_.hash_in(uint64_t(city) << 8 | uint64_t(best + 1));
  sim_.after(from_s(arrivals_.exponential(1 / kSampleRps)), Event{kRequest, 0, 0, 0});
}

void TradeoffsModel::on_event(const Event& e) {
  switch (e.kind) {
    case kRequest: request(); return;
    case kChange:
      if (e.a == gen_[e.node]) flip(int(e.node));
      return;
  }
}

void TradeoffsModel::toggle(int c) { command(kCmdToggle, uint64_t(c)); }

void TradeoffsModel::on_command(uint32_t kind, uint64_t arg) {
  if (kind != kCmdToggle) return;
  const int c = int(arg);
  if (c < 0 || c > regions() || (c == regions() && !has_database())) return;
  sim_.hash_in(kClickHash + arg);
  flip(c);
}

void TradeoffsModel::metrics(std::vector<Metric>& out) const {
  const TradeoffResult& r = result_;
  out.push_back({"mean_rtt_ms", r.mean_rtt_ms});
  out.push_back({"worst_rtt_ms", r.worst_rtt_ms});
  out.push_back({"one_region_mean_rtt_ms", r.one_region_mean_rtt_ms});
  out.push_back({"analytic_availability", r.availability});
  out.push_back({"one_region_availability", r.one_region_availability});
  out.push_back({"downtime_per_year_h", downtime_per_year_h(r.availability)});
  out.push_back({"regions_for_target", double(r.regions_for_target)});
  out.push_back({"meets_target", r.meets_target ? 1.0 : 0.0});
  out.push_back({"load_rps", r.load_rps});
  out.push_back({"servers", double(r.servers)});
  out.push_back({"one_region_servers", double(r.one_region_servers)});
  out.push_back({"usd_per_month", r.usd_per_month});
  out.push_back({"one_region_usd_per_month", r.one_region_usd_per_month});
  out.push_back({"components", double(r.components)});
  out.push_back({"inter_region_links", double(r.inter_region_links)});
  out.push_back({"clocks", double(r.clocks)});
  out.push_back({"sync_write_rtt_ms", r.sync_write_rtt_ms});
  out.push_back({"failure_modes", double(r.failure_modes)});
  out.push_back({"sampled_requests", double(requests_)});
  out.push_back({"measured_availability", measured_availability()});
  out.push_back({"measured_mean_rtt_ms", rtt_us_.mean() / 1000});
  out.push_back({"measured_p99_rtt_ms", rtt_us_.quantile(0.99) / 1000});
  out.push_back({"region_outages", double(outages_)});
}

std::string TradeoffsModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (failed_ > requests_) return "invariant: failed requests <= requests";
  if (rtt_us_.count() + failed_ != requests_) return "invariant: every sampled request is served or failed";
  if (result_.availability < 0 || result_.availability > 1) return "invariant: 0 <= availability <= 1";
  if (result_.mean_rtt_ms > result_.one_region_mean_rtt_ms + 1e-9) return "invariant: more regions never raise the mean round trip";
  if (result_.worst_rtt_ms < result_.mean_rtt_ms) return "invariant: worst round trip >= mean";
  if (result_.servers < 2 * regions()) return "invariant: at least one server and one spare per region";
  return "";
}

std::string TradeoffsModel::describe() const {
  const TradeoffResult& r = result();
  int down = 0;
  for (int c = 0; c < regions(); ++c) down += up(c) ? 0 : 1;
  std::string s = count_of(uint64_t(regions()), "region", "regions");
  if (down) s += say(", %d down", down);
  s += "; mean round trip " + spoken_ms(r.mean_rtt_ms) + ", worst " + spoken_ms(r.worst_rtt_ms);
  s += "; availability " + spoken_pct(r.availability) + (r.meets_target ? ", meeting the target" : ", short of the target");
  s += "; " + count_of(uint64_t(r.servers), "server", "servers") + " for " + spoken_usd(r.usd_per_month) + " a month";
  s += "; " + count_of(uint64_t(r.inter_region_links), "link", "links") + " between regions that can partition, " +
       count_of(uint64_t(r.failure_modes), "kind", "kinds") + " of failure.";
  return s;
}

const SceneInfo& tradeoffs_scene() {
  static const SceneInfo info = {
      "tradeoffs", "The Fundamental Dilemma", "Trade-offs",
      "More regions bring users closer and survive a region's outage, at the price of more machines,\n"
      "links that can partition, clocks that disagree and copies to keep in step. Is it worth it?",
      {"Go from 1 to 3 regions: the mean round trip falls by about half; the server count and bill rise.",
       "Raise the availability target to 99.9999%: how many regions does it take?",
       "Turn on the central database: no number of regions gets past its availability.",
       "Click a region to take it down: its users fail over to the next nearest, and wait longer.",
       "Set users to 100 million: which grows faster, the bill or the count of failure modes?"},
      10 * kMin, 1.0f, &make_model<TradeoffsModel>,
      {
       {"One region", "regions=1"},
       {"Three regions", "regions=3"},
       {"Three regions, central database", "regions=3&central_db=1"},
       {"100 million users", "users=100000000&regions=3"}}};
  return info;
}

}  // namespace dsviz
