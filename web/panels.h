// The generic panels every scene gets: one slider per Model::params() entry
// and a table of Model::metrics(), each number with its unit.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace dsviz::ui {

// The last error Model::set returned for each setting, shown under it until
// the next accepted change.
struct SettingsState {
  std::vector<std::string> errors;
};

// Returns true when a setting changed (the model has rebuilt its run).
bool draw_settings(Model& m, SettingsState& st, bool compact);
// The figures table; the state keeps the metrics buffer between frames.
struct MetricsState {
  std::vector<Metric> metrics;
};
void draw_metrics(const Model& m, MetricsState& st);

// "latency_p99_ms" -> {"Latency p99", "ms"}: metric keys end with their unit.
struct MetricName {
  std::string label;
  std::string unit;
};
MetricName split_metric_key(std::string_view key);
// "Request rate" from "request_rate".
std::string key_label(std::string_view key);
// A value with its unit (fmt::value): "12.3 ms", "1540", "97.5 %".
std::string format_value(double v, std::string_view unit);

}  // namespace dsviz::ui
