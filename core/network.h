// The network between nodes: per-link one-way latency as fixed + random
// jitter, message loss, and partitions (groups that cannot reach each other).
// Links not set explicitly use the default, so 1,000 nodes cost no n^2 table.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "rng.h"
#include "vtime.h"

namespace dsviz {

enum class Jitter : uint8_t {
  Uniform,      // fixed + U[0, jitter)
  Exponential,  // fixed + Exp(mean = jitter): occasional long waits
  Pareto,       // fixed + heavy tail with mean ~ jitter (alpha 2.5)
};

struct LinkSpec {
  Time latency = 1 * kMs;  // fixed one-way part
  Time jitter = 0;         // scale of the random part
  double loss = 0;         // probability a message is dropped, [0, 1]
  Jitter shape = Jitter::Uniform;
};

class Network {
 public:
  void reset(uint32_t nodes, const LinkSpec& def);
  uint32_t size() const { return n_; }
  const LinkSpec& default_link() const { return def_; }
  void set_default(const LinkSpec& def) { def_ = def; }
  // Directed link from -> to; set_link_both sets both directions.
  const LinkSpec& link(uint32_t from, uint32_t to) const;
  void set_link(uint32_t from, uint32_t to, const LinkSpec& spec);
  void set_link_both(uint32_t a, uint32_t b, const LinkSpec& spec);

  // Partitions: nodes with different group numbers cannot reach each other.
  void partition(const std::vector<uint32_t>& group_of);
  void heal() { group_.assign(n_, 0); }
  bool connected(uint32_t a, uint32_t b) const { return group_[a] == group_[b]; }
  uint32_t group(uint32_t node) const { return group_[node]; }

  // One message's one-way delay; -1 when it is lost or cannot cross a
  // partition. Draws from rng in a fixed order so runs replay.
  Time sample_delay(uint32_t from, uint32_t to, Rng& rng) const;

 private:
  uint32_t n_ = 0;
  LinkSpec def_;
  std::unordered_map<uint64_t, LinkSpec> links_;
  std::vector<uint32_t> group_;
};

}  // namespace dsviz
