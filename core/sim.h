// The discrete-event simulator every model runs on: virtual time, the event
// queue, the root random generator and the trace hash of everything that ran.
#pragma once
#include <cstdint>
#include <string>

#include "event_queue.h"
#include "rng.h"
#include "vtime.h"

namespace dsviz {

class Sim {
 public:
  void reset(uint64_t seed);

  Time now() const { return now_; }
  uint64_t seed() const { return seed_; }
  // A generator for one named purpose, derived from the root seed, so adding
  // a consumer does not shift the numbers another one draws.
  Rng stream(uint64_t stream_id) const { return Rng(derive_seed(seed_, stream_id)); }

  // Scheduling in the past is a bug in the model: it is recorded as a broken
  // invariant (see require) and the event runs now instead, so time still
  // never runs backwards.
  void at(Time t, const Event& e);
  void after(Time dt, const Event& e) { at(now_ + dt, e); }

  // Pops the next event, advances now and folds it into the trace hash.
  bool pop(Event& e) { return pop_until(kTimeMax, e); }
  // The same, only for an event due by `limit` (the run loop's bound).
  bool pop_until(Time limit, Event& e);
  Time next_time() const { return queue_.next_time(); }
  size_t pending() const { return queue_.size(); }
  // Sets now to t when no event comes before it (run_until's tail).
  void advance_to(Time t);

  uint64_t events() const { return events_; }
  uint64_t trace_hash() const { return hash_; }
  // Folds a model's own observation (e.g. a message dropped) into the hash.
  // FNV-1a over 64-bit words, mixed so nearby values spread. Inline: three
  // of these run for every event.
  void hash_in(uint64_t v) {
    uint64_t sm = v;
    hash_ = (hash_ ^ splitmix64(sm)) * 0x100000001b3ULL;
  }
  // Records the first broken invariant instead of throwing, so release and
  // wasm builds need no exceptions; check_invariants() reports it.
  void require(bool ok, const char* what) {
    if (!ok && violation_.empty()) violation_ = what;
  }
  // Empty when every invariant held so far, else the first one broken.
  const std::string& check_invariants() const { return violation_; }

 private:
  mutable EventQueue queue_;  // mutable: settling a popped root changes no observable state
  Time now_ = 0;
  uint64_t seed_ = 0;
  uint64_t events_ = 0;
  uint64_t hash_ = 0;
  std::string violation_;
};

}  // namespace dsviz
