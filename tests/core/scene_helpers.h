// Helpers the scene tests share: build and run a model with some settings,
// and read one figure from its metrics.
#pragma once
#include <doctest.h>

#include <cmath>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

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

// A reader's input at a moment of a run: a click or a live setting change.
struct Input {
  Time at;
  void (*act)(Model&);
};

// The concrete model behind a scene's Model, for its named commands.
template <class M>
M& as(Model& m) {
  M* p = dynamic_cast<M*>(&m);
  REQUIRE(p);
  return *p;
}

// Applies "key=value key=value" ("" changes nothing); fails the test on a
// refused value.
inline void apply_settings(Model& m, const std::string& settings) {
  size_t at = 0;
  while (at < settings.size()) {
    size_t end = settings.find(' ', at);
    if (end == std::string::npos) end = settings.size();
    const std::string pair = settings.substr(at, end - at);
    const size_t eq = pair.find('=');
    REQUIRE_MESSAGE(eq != std::string::npos, pair);
    std::string err;
    REQUIRE_MESSAGE(m.set(pair.substr(0, eq), std::stod(pair.substr(eq + 1)), &err), err);
    at = end + 1;
  }
}

// Runs m from `seed` with `settings`, the inputs at their moments, to `until`.
inline void play(Model& m, const std::string& settings, uint64_t seed, const std::vector<Input>& inputs, Time until) {
  apply_settings(m, settings);
  m.reset(seed);
  for (const Input& in : inputs) {
    m.run_until(in.at);
    in.act(m);
  }
  m.run_until(until);
}

}  // namespace dsviz::test
