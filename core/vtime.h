// Virtual time: integer nanoseconds, so every build replays the same run.
// Helpers to parse and print durations with their unit.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace dsviz {

using Time = int64_t;  // nanoseconds of virtual time
constexpr Time kNs = 1;
constexpr Time kUs = 1000;
constexpr Time kMs = 1000 * kUs;
constexpr Time kSec = 1000 * kMs;
constexpr Time kMin = 60 * kSec;
constexpr Time kHour = 60 * kMin;
constexpr Time kTimeMax = INT64_MAX;

inline double to_ms(Time t) { return double(t) / double(kMs); }
inline double to_s(Time t) { return double(t) / double(kSec); }
// The same for nanoseconds already in floating point (a mean, a quantile).
// A template so an integer argument still picks the Time overload above.
template <class F>
  requires std::is_floating_point_v<F>
double to_ms(F ns) { return double(ns) / double(kMs); }
template <class F>
  requires std::is_floating_point_v<F>
double to_s(F ns) { return double(ns) / double(kSec); }
// Rounds to the nearest nanosecond; saturates instead of overflowing (NaN
// gives 0). Inline: every drawn delay passes through here.
inline Time saturate_ns(double ns) {
  if (!(ns == ns)) return 0;
  if (ns >= 9.2e18) return kTimeMax;
  if (ns <= -9.2e18) return -kTimeMax;
  return Time(ns >= 0 ? ns + 0.5 : ns - 0.5);
}
inline Time from_s(double s) { return saturate_ns(s * double(kSec)); }
inline Time from_ms(double ms) { return saturate_ns(ms * double(kMs)); }

// "90s", "10m", "24h", "250ms", "1.5s", "3d"; a bare number is seconds.
// Returns false on malformed or negative input.
bool parse_duration(std::string_view text, Time& out);
// Human form with a unit that fits the size: "850 ns", "12.3 ms", "4.02 s", "2 h 03 min".
std::string format_duration(Time t);

}  // namespace dsviz
