// Helpers the scene tests share: build and run a model with some settings,
// and read one figure from its metrics.
#pragma once
#include <doctest.h>

#include <cmath>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>

#include "model.h"

namespace dsviz::test {

using Sets = std::initializer_list<std::pair<const char*, double>>;

// A model of type M with these settings, run from `seed` for `d`, with its
// invariants checked.
template <class M>
std::unique_ptr<M> run(Sets sets, Time d = 10 * kMin, uint64_t seed = 1) {
  auto m = std::make_unique<M>();
  for (auto [k, v] : sets) REQUIRE(m->set(k, v));
  m->reset(seed);
  m->run_until(d);
  REQUIRE(m->check_invariants() == "");
  return m;
}

// "" when the model's invariants hold and every figure is finite, else a
// line naming what broke.
inline std::string sane(const Model& m) {
  std::string broken = m.check_invariants();
  if (!broken.empty()) return broken;
  std::vector<Metric> ms;
  m.metrics(ms);
  if (ms.empty()) return "no metrics";
  for (const Metric& x : ms)
    if (!std::isfinite(x.value)) return "metric " + x.key + " is not finite";
  return "";
}

// The figure `key` from the model's metrics; fails the test when absent.
inline double metric(const Model& m, const std::string& key) {
  std::vector<Metric> out;
  m.metrics(out);
  for (const auto& x : out)
    if (x.key == key) return x.value;
  FAIL("no metric " << key);
  return NAN;
}

}  // namespace dsviz::test
