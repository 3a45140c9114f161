#include "sim.h"

namespace dsviz {

void Sim::reset(uint64_t seed) {
  queue_.clear();
  now_ = 0;
  seed_ = seed;
  events_ = 0;
  hash_ = 0xcbf29ce484222325ULL ^ seed;
  violation_.clear();
}

void Sim::at(Time t, const Event& e) {
  require(t >= now_, "no event scheduled in the past");
  queue_.push(t < now_ ? now_ : t, e);
}

bool Sim::pop_until(Time limit, Event& e) {
  Time t;
  if (!queue_.pop_until(limit, t, e)) return false;
  require(t >= now_, "virtual time never runs backwards");
  now_ = t;
  ++events_;
  hash_in(uint64_t(t));
  hash_in((uint64_t(e.kind) << 32) | e.node);
  hash_in(e.a);
  return true;
}

void Sim::advance_to(Time t) {
  if (t > now_ && queue_.next_time() >= t) now_ = t;
}

}  // namespace dsviz
