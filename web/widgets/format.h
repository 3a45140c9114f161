// Every number the page shows goes through here, with its unit: durations
// (ns to years), clock readings, percentages and nines, rates, money, ppm,
// and counted nouns with the right plural. Pure string formatting, no ImGui.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "vtime.h"

namespace dsviz::ui::fmt {

// A span of virtual time with a unit that fits: "850 ns", "12.3 ms", "2 h 03 min".
std::string duration(Time t);
// Milliseconds given as a double (model figures): "12.3 ms", "0.25 ms", "1.52 s".
std::string ms(double ms);
// A signed offset: "+1.2 ms", "-340.0 ms".
std::string signed_ms(Time t);
// A clock reading as a time of day, HH:MM:SS.mmm (wraps at 24 h).
std::string time_of_day(Time t);
// A fraction as a percentage with `digits` decimals: percent(0.987, 1) = "98.7 %".
std::string percent(double fraction, int digits = 1);
// An availability with enough digits to see its nines: "99.925 %", "100 %".
std::string availability(double a);
// Expected downtime per year at availability a: "3.65 d", "8.77 h", "52.6 min".
std::string downtime_per_year(double a);
// Minutes: "0.5 min", "600 min".
std::string minutes(double min);
// A rate with its unit: rate(12.5, "req/s") = "12.5 req/s"; big values grouped.
std::string rate(double v, std::string_view unit);
// Money: "$1,000", "$0.0425", "$109.00".
std::string usd(double v);
// Parts per million: "+78.0 ppm".
std::string ppm(double v);
// Digits chosen by size: "12.3", "1540", "0.25"; NaN prints "n/a".
std::string number(double v);
// A whole number with thousands separators: "1,000,000".
std::string grouped(uint64_t n);
// "1 anomaly", "3 anomalies": plural given explicitly (English is irregular).
std::string count(uint64_t n, std::string_view one, std::string_view many);
// A value with a unit token from a setting or metric ("ms", "%", "req/s", ...).
std::string value(double v, std::string_view unit);

}  // namespace dsviz::ui::fmt
