#include "model.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "parse.h"

namespace dsviz {

static uint64_t bits(double v) {
  uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// What the reader set and did is part of the run, so the trace hash sees
// it: the settings it starts from (even one that only changes what is
// drawn), each command and each live setting change.
void Model::hash_settings() {
  ++runs_;
  for (size_t i = 0; i < values_.size(); ++i) sim_.hash_in(bits(values_[i]) ^ (uint64_t(i) << 56));
}

void Model::hash_command(uint32_t kind, uint64_t arg) {
  sim_.hash_in(0xc0ffee0000000000ULL ^ kind);
  sim_.hash_in(arg);
}

void Model::reset(uint64_t seed) {
  seed_ = seed;
  ++revision_;
  start_values_ = values_;
  log_.clear();
  cursor_ = 0;
  replay_active_ = false;
  sim_.reset(seed);
  hash_settings();
  on_reset();
}

// A reader who clicks all day is bounded too: past this many inputs the
// oldest history cannot be replayed exactly, so it is not kept at all.
static constexpr size_t kMaxInputs = 100000;

void Model::log_input(uint32_t kind, uint64_t arg, double value) {
  if (applying_) return;  // a logged input happening again: it is in the log already
  // A new input from the reader: the inputs still ahead belonged to the
  // history it leaves.
  log_.resize(cursor_);
  if (log_.size() >= kMaxInputs) return;
  const bool settled = sim_.next_time() > sim_.now();
  log_.push_back(Input{sim_.now(), sim_.events(), kind, arg, value, settled});
  cursor_ = log_.size();
}

void Model::command(uint32_t kind, uint64_t arg) {
  ++revision_;
  log_input(kind, arg, 0);
  hash_command(kind, arg);
  on_command(kind, arg);
}

void Model::on_command(uint32_t, uint64_t) {}

void Model::load_inputs(std::vector<Input> inputs) {
  ++revision_;
  log_ = std::move(inputs);
  cursor_ = 0;
  // Inputs already behind now cannot happen at their moment any more.
  while (cursor_ < log_.size() && log_[cursor_].at < sim_.now()) ++cursor_;
}

bool Model::apply_due_input(Time t) {
  if (cursor_ >= log_.size()) return false;
  Input& in = log_[cursor_];
  if (in.at > t) return false;
  // Due once the events that came before it have run: counted, or (count
  // unknown) every event at or before its moment.
  if (sim_.events() < in.events && sim_.next_time() <= in.at) return false;
  sim_.advance_to(in.at);
  if (in.events == kAnyEvents) in.events = sim_.events();
  const Input copy = in;  // applying may rebuild the run and clear the log
  ++cursor_;
  ++revision_;
  applying_ = true;
  if (copy.kind == kSetParam) {
    if (copy.arg < params_.size()) set(params_[copy.arg].key, copy.value);
  } else {
    hash_command(copy.kind, copy.arg);
    on_command(copy.kind, copy.arg);
  }
  applying_ = false;
  return true;
}

void Model::rewind() {
  values_ = start_values_;
  cursor_ = 0;
  sim_.reset(seed_);
  hash_settings();
  on_reset();
}

void Model::replay_begin(Time t) {
  if (t < 0) t = 0;
  ++revision_;
  if (t < sim_.now()) rewind();
  replay_from_ = sim_.now();
  replay_target_ = t;
  replay_active_ = true;
}

Model::ReplayProgress Model::replay_step(uint64_t max_events) {
  if (!replay_active_) return {};
  ++revision_;
  if (run_for_events(replay_target_, max_events)) {
    replay_active_ = false;
    return {};
  }
  const double span = double(replay_target_ - replay_from_);
  const double frac = span > 0 ? double(sim_.now() - replay_from_) / span : 0;
  return {false, frac < 0 ? 0 : frac > 1 ? 1 : frac};
}

void Model::replay_to(Time t) {
  replay_begin(t);
  replay_step(UINT64_MAX);
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

bool Model::check(size_t index, double value, std::string* error) const {
  const Param& p = params_[index];
  const std::string range = fmt_num(p.min) + " to " + fmt_num(p.max) + (p.unit.empty() ? "" : " " + p.unit);
  if (!std::isfinite(value) || value < p.min || value > p.max) {
    if (error) *error = "'" + p.key + "' must be " + range + ", got " + fmt_num(value);
    return false;
  }
  if (p.integer && value != std::floor(value)) {
    if (error) *error = "'" + p.key + "' must be a whole number from " + range + ", got " + fmt_num(value);
    return false;
  }
  return true;
}

bool Model::set(std::string_view key, double value, std::string* error) {
  for (size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].key != key) continue;
    if (!check(i, value, error)) return false;
    if (values_[i] != value) {
      values_[i] = value;
      ++revision_;
      log_input(kSetParam, i, value);  // dropped again if the change rebuilds the run
      const uint64_t runs = runs_;
      on_param_changed(i);
      if (runs_ == runs) {  // a live change; a rebuild hashed the new settings already
        sim_.hash_in(0x5e70000000000000ULL ^ i);
        sim_.hash_in(bits(value));
      }
    }
    return true;
  }
  if (error) {
    std::string keys;
    for (const auto& p : params_) keys += (keys.empty() ? "" : ", ") + p.key;
    // The key comes from a command line or an address: shown printable.
    *error = "unknown setting '" + quote_text(key) + "' (settings: " + (keys.empty() ? "none" : keys) + ")";
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
  while (apply_due_input(sim_.next_time())) {
  }
  Event e;
  if (!sim_.pop(e)) return false;
  on_event(e);
  return true;
}

bool Model::run_for_events(Time t, uint64_t max_events) {
  for (;;) {
    if (cursor_ < log_.size() && apply_due_input(t)) continue;
    if (max_events == 0) {
      if (sim_.next_time() > t) break;
      return false;
    }
    Event e;
    if (!sim_.pop_until(t, e)) break;
    --max_events;
    on_event(e);
  }
  sim_.advance_to(t);
  return true;
}

void Model::run_until(Time t) { run_for_events(t, UINT64_MAX); }

double metric_value(const Model& m, std::string_view key) {
  std::vector<Metric> out;
  m.metrics(out);
  for (const Metric& x : out)
    if (x.key == key) return x.value;
  return 0;
}

}  // namespace dsviz
