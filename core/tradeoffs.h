// The chapter's Fundamental Dilemma as a small calculator: for some users,
// regions and an availability target, what distribution buys (latency to
// the nearest region, availability of regions in parallel, capacity) and
// what it costs (machines, money, links, clocks, failure modes). Plus the
// chapter's trade-off rows, examples and check-your-understanding prompts in
// our own words, each with a deep link to the scene that shows it. Pure.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dsviz {

struct TradeoffInputs {
  double users = 1e6;              // peak concurrent users, spread over the world (user_cities())
  int regions = 1;                 // datacenter regions, deployed in deploy_order() order
  double availability_target = 0.9999;
  double region_availability = 0.999;  // one region (its power, network, control plane)
  bool central_database = false;   // every request also needs one database in one region
  double database_availability = 0.999;
  double rps_per_user = 0.05;      // requests per second per user
  double node_capacity_rps = 1000; // one server
  double node_usd_h = 0.34;        // one 8-vCPU server at $0.0425 per vCPU-hour (FACTS.md)
};

// A city with users and its share of them (illustrative weights, not data:
// the shape of the world's internet population, rounded).
struct UserCity {
  const char* city;  // a name in geo.h's cities()
  double share;      // sums to 1 over user_cities()
};
std::span<const UserCity> user_cities();
// Regions in the order the calculator adds them: Ashburn (Virginia), then
// Frankfurt, Tokyo, Sao Paulo, Mumbai, Sydney.
std::span<const char* const> deploy_order();
constexpr int kMaxRegions = 6;

// Round trip in ms between two cities of geo.h's table, from the core's
// geographic latency model (great circle x route inflation at the speed of
// light in fiber, plus a fixed cost per hop).
double city_rtt_ms(const char* a, const char* b);

struct TradeoffResult {
  // What distribution buys.
  double mean_rtt_ms = 0;        // user-weighted, each user to the nearest region
  double worst_rtt_ms = 0;       // the worst-served city
  double one_region_mean_rtt_ms = 0;  // the same with one region, for comparison
  double availability = 0;       // 1 - (1 - region)^n, times the database's when it is in series
  double one_region_availability = 0;
  int regions_for_target = 0;    // fewest regions meeting the target; 0 = unreachable (series cap)
  bool meets_target = false;
  double load_rps = 0;
  // What it costs.
  int servers = 0;               // per region: its users' load / capacity, rounded up, +1 spare
  int one_region_servers = 0;
  double usd_per_month = 0;      // servers x price x 730 h
  double one_region_usd_per_month = 0;
  int components = 0;            // servers + a load balancer per region (+ the database)
  int inter_region_links = 0;    // n (n - 1) / 2: each can partition
  int clocks = 0;                // one per server: none agrees exactly with another
  double sync_write_rtt_ms = 0;  // a write confirmed by every region waits for the farthest pair
  int failure_modes = 0;         // kinds of failure that now apply (failure_mode_names())
};

TradeoffResult compute_tradeoffs(const TradeoffInputs& in);
// The kinds of failure counted in failure_modes, for these inputs.
std::vector<const char*> failure_mode_names(const TradeoffInputs& in);

// One row of a table with a live demonstration: a page query without '?'
// ("scene=concurrency&mode=1"), read by core/link.h's parse_link().
struct TradeoffRow {
  const char* title;   // "Network issues"
  const char* detail;  // one or two sentences, ours
  const char* link;
  const char* caption; // what the reader sees there
};
// The chapter's trade-offs: network issues, concurrency, partial failures,
// consistency.
std::span<const TradeoffRow> tradeoff_rows();
// The chapter's everyday examples (web search, video, shopping, social).
std::span<const TradeoffRow> example_rows();
// The three check-your-understanding prompts, paraphrased.
std::span<const TradeoffRow> understanding_prompts();

}  // namespace dsviz
