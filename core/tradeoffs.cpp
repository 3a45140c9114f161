#include "tradeoffs.h"

#include <cmath>

#include "faults.h"
#include "geo.h"

namespace dsviz {

namespace {

constexpr UserCity kUsers[] = {
    {"New York", 0.12}, {"Chicago", 0.06},  {"San Francisco", 0.07}, {"Dallas", 0.05},
    {"London", 0.09},   {"Paris", 0.08},    {"Frankfurt", 0.08},     {"Tokyo", 0.10},
    {"Seoul", 0.05},    {"Singapore", 0.05}, {"Mumbai", 0.10},       {"Sao Paulo", 0.08},
    {"Sydney", 0.04},   {"Johannesburg", 0.03},
};

constexpr const char* kDeploy[kMaxRegions] = {"Ashburn", "Frankfurt", "Tokyo", "Sao Paulo", "Mumbai", "Sydney"};

constexpr double kHoursPerMonth = 730;

double availability_with(const TradeoffInputs& in, int n) {
  const double a = parallel_availability(in.region_availability, n);
  return in.central_database ? series_availability(a, in.database_availability) : a;
}

// User-weighted mean and worst round trip, each city to its nearest region;
// `served` gets each region's share of the users.
void latency(int n, double& mean, double& worst, std::vector<double>* served) {
  mean = worst = 0;
  if (served) served->assign(size_t(n), 0.0);
  for (const UserCity& u : kUsers) {
    double best = 1e300;
    int at = 0;
    for (int r = 0; r < n; ++r) {
      const double rtt = city_rtt_ms(u.city, kDeploy[r]);
      if (rtt < best) best = rtt, at = r;
    }
    mean += u.share * best;
    if (best > worst) worst = best;
    if (served) (*served)[size_t(at)] += u.share;
  }
}

// Servers for n regions: each carries its own users plus, with n >= 2, an
// even part of the biggest region's load when that one goes dark (failover
// headroom), rounded up, plus one spare.
int servers_for(const TradeoffInputs& in, const std::vector<double>& served) {
  const double load = in.users * in.rps_per_user;
  const int n = int(served.size());
  double biggest = 0;
  for (double s : served) biggest = std::fmax(biggest, s * load);
  int total = 0;
  for (double s : served) {
    const double need = s * load + (n > 1 ? biggest / (n - 1) : 0.0);
    total += int(std::fmax(1.0, std::ceil(need / in.node_capacity_rps))) + 1;
  }
  return total;
}

}  // namespace

std::span<const UserCity> user_cities() { return kUsers; }
std::span<const char* const> deploy_order() { return kDeploy; }

double city_rtt_ms(const char* a, const char* b) {
  const City* ca = find_city(a);
  const City* cb = find_city(b);
  if (!ca || !cb) return 0;
  return to_ms(GeoLatencyModel{}.round_trip(great_circle_km(ca->lat, ca->lon, cb->lat, cb->lon)));
}

TradeoffResult compute_tradeoffs(const TradeoffInputs& in_) {
  TradeoffInputs in = in_;
  if (in.regions < 1) in.regions = 1;
  if (in.regions > kMaxRegions) in.regions = kMaxRegions;
  if (!(in.users >= 0)) in.users = 0;
  if (!(in.node_capacity_rps > 0)) in.node_capacity_rps = 1;
  const int n = in.regions;
  TradeoffResult r;
  std::vector<double> served, served1;
  double worst1 = 0;
  latency(n, r.mean_rtt_ms, r.worst_rtt_ms, &served);
  latency(1, r.one_region_mean_rtt_ms, worst1, &served1);

  r.availability = availability_with(in, n);
  r.one_region_availability = availability_with(in, 1);
  r.meets_target = r.availability >= in.availability_target;
  for (int k = 1; k <= kMaxRegions && !r.regions_for_target; ++k)
    if (availability_with(in, k) >= in.availability_target) r.regions_for_target = k;

  r.load_rps = in.users * in.rps_per_user;
  r.servers = servers_for(in, served);
  r.one_region_servers = servers_for(in, served1);
  r.usd_per_month = r.servers * in.node_usd_h * kHoursPerMonth;
  r.one_region_usd_per_month = r.one_region_servers * in.node_usd_h * kHoursPerMonth;
  r.components = r.servers + n + (in.central_database ? 1 : 0);
  r.inter_region_links = n * (n - 1) / 2;
  r.clocks = r.servers;
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b) r.sync_write_rtt_ms = std::fmax(r.sync_write_rtt_ms, city_rtt_ms(kDeploy[a], kDeploy[b]));
  r.failure_modes = int(failure_mode_names(in).size());
  return r;
}

std::vector<const char*> failure_mode_names(const TradeoffInputs& in) {
  std::vector<const char*> out = {"a server crashes", "a load balancer fails", "a whole region goes dark"};
  if (in.regions > 1) {
    out.push_back("the network between regions partitions");
    out.push_back("regions disagree: replication lags or two writes conflict");
  }
  out.push_back("servers' clocks drift apart");
  if (in.central_database) out.push_back("the one database every request needs fails");
  return out;
}

namespace {

constexpr TradeoffRow kTradeoffs[] = {
    {"Network issues",
     "Messages take time, that time varies, and some never arrive; a link can cut the system in two.",
     "scene=latency", "Round trips grow with distance and vary from one request to the next"},
    {"Concurrency",
     "Things happen at once on machines that cannot see each other's state: the order of events is up to the network.",
     "scene=concurrency&mode=1", "Two users write the same record: the winner changes from run to run"},
    {"Partial failures",
     "One part fails while the rest runs on, and may not even notice; a part nobody knew about can stop everything.",
     "scene=unity&dependency_up=0", "The hidden service is down: every request fails, every server looks fine"},
    {"Consistency",
     "Copies of the same data live on several machines; keeping them in step costs waiting, and not waiting costs stale reads.",
     "scene=replication", "Reads from a replica right after a write can miss it"},
};

constexpr TradeoffRow kExamples[] = {
    {"Web search", "The query fans out to many index and cache servers whose answers are merged in a fraction of a second.",
     "scene=unity&nodes=8", "One request, many servers behind one name"},
    {"Streaming video", "Copies of the video sit in servers near the viewers, so the picture starts fast and stays sharp.",
     "scene=latency", "The nearest copy is the fastest one"},
    {"Online shopping", "Catalogue, basket, payment and stock are separate services; a sale day multiplies the traffic.",
     "scene=failure", "Overload moves from one failed node to the next"},
    {"Social media", "Posts, comments and likes are written in one place and read everywhere, a moment later.",
     "scene=replication", "Replicas catch up after a lag"},
};

constexpr TradeoffRow kUnderstanding[] = {
    {"Why is there no single clock every machine can read?",
     "Each machine keeps its own time, drifting at its own rate, and any message that could set the others takes a variable time to arrive.",
     "scene=clocks&drift_ppm=500", "Clocks drift apart; a sync narrows the gap but never closes it"},
    {"Which distributed systems do you use every day?",
     "Search, maps, messaging, streaming, payments: each looks like one service and runs on many machines.",
     "scene=unity", "One system on the outside, many servers inside"},
    {"Why does independent failure make building harder?",
     "Every part can fail alone, at any moment, and the others must cope without knowing for sure what happened.",
     "scene=failure", "Crash a node: its load moves to the survivors, who may fail in turn"},
};

}  // namespace

std::span<const TradeoffRow> tradeoff_rows() { return kTradeoffs; }
std::span<const TradeoffRow> example_rows() { return kExamples; }
std::span<const TradeoffRow> understanding_prompts() { return kUnderstanding; }

}  // namespace dsviz
