// The generic panels every scene gets: one slider per Model::params() entry
// and a table of Model::metrics(), each number with its unit.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "targets.h"

namespace dsviz::ui {

// The last error Model::set returned for each setting, shown under it until
// the next accepted change.
struct SettingsState {
  std::vector<std::string> errors;
  // Where each setting's row is reported as control:<key> (tour targets);
  // null: not reported.
  TargetRects* targets = nullptr;
  // A setting key to scroll into view once (a tour step outlines it).
  std::string scroll_to;
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
// The name a reader sees for a setting: its label, else its key without the
// unit ("service_ms" -> "Service").
std::string setting_label(const Param& p);
// A slider's value snapped to what the slider displays, as the exact double
// that text reads back as (parse(format(v)) == v), inside the setting's
// range: what the reader sees is what the model gets.
double snap_to_display(const Param& p, double v);
// What the - and + buttons beside a slider step by: one unit of the last
// digit the slider shows for v (1 for whole numbers).
double setting_step(const Param& p, double v);
// v one step up (dir = +1) or down (-1), snapped to what the slider shows
// and kept inside the range.
double step_setting(const Param& p, double v, int dir);
// The printf format a setting's slider shows its value with.
std::string slider_number_format(const Param& p, double v);
// "Request rate" from "request_rate".
std::string key_label(std::string_view key);
// A value with its unit (fmt::value): "12.3 ms", "1540", "97.5 %".
std::string format_value(double v, std::string_view unit);

}  // namespace dsviz::ui
