#include "model.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dsviz {

void Model::reset(uint64_t seed) {
  seed_ = seed;
  ++revision_;
  start_values_ = values_;
  log_.clear();
  sim_.reset(seed);
  on_reset();
}

// A reader who clicks all day is bounded too: past this many inputs the
// oldest history cannot be replayed exactly, so it is not kept at all.
static constexpr size_t kMaxInputs = 100000;

void Model::log_input(uint32_t kind, uint64_t arg, double value) {
  if (log_.size() >= kMaxInputs) return;
  log_.push_back(Input{sim_.now(), sim_.events(), kind, arg, value});
}

void Model::command(uint32_t kind, uint64_t arg) {
  ++revision_;
  log_input(kind, arg, 0);
  on_command(kind, arg);
}

void Model::on_command(uint32_t, uint64_t) {}

void Model::replay_to(Time t) {
  if (t >= sim_.now()) {
    run_until(t);
    return;
  }
  if (t < 0) t = 0;
  ++revision_;
  std::vector<Input> old = std::move(log_);
  log_.clear();
  values_ = start_values_;
  sim_.reset(seed_);
  on_reset();
  for (const Input& in : old) {
    if (in.at > t) break;
    while (sim_.events() < in.events && step()) {
    }
    sim_.advance_to(in.at);
    if (in.kind == kSetParam) {
      set(params_[in.arg].key, in.value);
    } else {
      command(in.kind, in.arg);
    }
  }
  run_until(t);
}

size_t Model::add_param(Param p) {
  values_.push_back(p.def);
  params_.push_back(std::move(p));
  return params_.size() - 1;
}

void Model::add_param(SettingId id, Param p) {
  const size_t at = add_param(std::move(p));
  // A handle out of order would silently set the wrong setting: a
  // programming error, caught the first time the model is built.
  if (at != id.index) std::abort();
}

static std::string fmt_num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

bool Model::set(std::string_view key, double value, std::string* error) {
  for (size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    if (p.key != key) continue;
    const std::string range = fmt_num(p.min) + " to " + fmt_num(p.max) + (p.unit.empty() ? "" : " " + p.unit);
    if (!std::isfinite(value) || value < p.min || value > p.max) {
      if (error) *error = "'" + p.key + "' must be " + range + ", got " + fmt_num(value);
      return false;
    }
    if (p.integer && value != std::floor(value)) {
      if (error) *error = "'" + p.key + "' must be a whole number from " + range + ", got " + fmt_num(value);
      return false;
    }
    if (values_[i] != value) {
      values_[i] = value;
      ++revision_;
      log_input(kSetParam, i, value);  // dropped again if the change rebuilds the run
      on_param_changed(i);
    }
    return true;
  }
  if (error) {
    std::string keys;
    for (const auto& p : params_) keys += (keys.empty() ? "" : ", ") + p.key;
    *error = "unknown setting '" + std::string(key) + "' (settings: " + (keys.empty() ? "none" : keys) + ")";
  }
  return false;
}

double Model::get(std::string_view key) const {
  for (size_t i = 0; i < params_.size(); ++i)
    if (params_[i].key == key) return values_[i];
  return NAN;
}

void Model::on_param_changed(size_t) { reset(seed_); }

bool Model::step() {
  Event e;
  if (!sim_.pop(e)) return false;
  on_event(e);
  return true;
}

void Model::run_until(Time t) {
  while (sim_.next_time() <= t) {
    Event e;
    sim_.pop(e);
    on_event(e);
  }
  sim_.advance_to(t);
}

}  // namespace dsviz
