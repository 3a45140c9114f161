#include "network.h"

#include "detmath.h"

namespace dsviz {

void Network::reset(uint32_t nodes, const LinkSpec& def) {
  n_ = nodes;
  def_ = def;
  links_.clear();
  group_.assign(nodes, 0);
}

static uint64_t link_key(uint32_t from, uint32_t to) { return (uint64_t(from) << 32) | to; }

const LinkSpec& Network::link(uint32_t from, uint32_t to) const {
  if (links_.empty()) return def_;
  auto it = links_.find(link_key(from, to));
  return it == links_.end() ? def_ : it->second;
}

void Network::set_link(uint32_t from, uint32_t to, const LinkSpec& spec) { links_[link_key(from, to)] = spec; }

void Network::set_link_both(uint32_t a, uint32_t b, const LinkSpec& spec) {
  set_link(a, b, spec);
  set_link(b, a, spec);
}

void Network::partition(const std::vector<uint32_t>& group_of) {
  group_.assign(n_, 0);
  for (uint32_t i = 0; i < n_ && i < group_of.size(); ++i) group_[i] = group_of[i];
}

Time Network::sample_delay(uint32_t from, uint32_t to, Rng& rng) const {
  const LinkSpec& l = link(from, to);
  // Always draw the same number of values, lost or not, so one message's
  // fate does not shift the numbers of the next.
  const double u_loss = rng.uniform01();
  double extra = 0;
  if (l.jitter > 0) {
    switch (l.shape) {
      case Jitter::Uniform: extra = rng.uniform01() * double(l.jitter); break;
      case Jitter::Exponential: extra = rng.exponential(double(l.jitter)); break;
      // Pareto(xm, 2.5) - xm has mean xm / 1.5: xm = 1.5 jitter gives mean `jitter`.
      case Jitter::Pareto: extra = rng.pareto(1.5 * double(l.jitter), 2.5) - 1.5 * double(l.jitter); break;
    }
  }
  if (!connected(from, to) || u_loss < l.loss) return -1;
  if (extra > 1e15) extra = 1e15;  // a heavy tail still ends within 11 days
  return l.latency + Time(extra);
}

}  // namespace dsviz
