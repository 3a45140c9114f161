#include "vtime.h"

#include <cstdio>
#include <cstdlib>

namespace dsviz {

static Time saturate(double ns) {
  if (!(ns == ns)) return 0;
  if (ns >= 9.2e18) return kTimeMax;
  if (ns <= -9.2e18) return -kTimeMax;
  return Time(ns >= 0 ? ns + 0.5 : ns - 0.5);
}

Time from_s(double s) { return saturate(s * 1e9); }
Time from_ms(double ms) { return saturate(ms * 1e6); }

bool parse_duration(std::string_view text, Time& out) {
  std::string s(text);
  if (s.empty() || s.size() > 40) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !(v >= 0) || v > 1e12) return false;
  std::string unit(end);
  double scale;
  if (unit.empty() || unit == "s") scale = 1e9;
  else if (unit == "ns") scale = 1;
  else if (unit == "us") scale = 1e3;
  else if (unit == "ms") scale = 1e6;
  else if (unit == "m" || unit == "min") scale = 60e9;
  else if (unit == "h") scale = 3600e9;
  else if (unit == "d") scale = 86400e9;
  else return false;
  double ns = v * scale;
  if (ns > 9.2e18) return false;
  out = saturate(ns);
  return true;
}

std::string format_duration(Time t) {
  char buf[48];
  const char* sign = t < 0 ? "-" : "";
  double a = t < 0 ? -double(t) : double(t);
  if (a < 1e3) std::snprintf(buf, sizeof buf, "%s%.0f ns", sign, a);
  else if (a < 1e6) std::snprintf(buf, sizeof buf, "%s%.3g us", sign, a / 1e3);
  else if (a < 1e9) std::snprintf(buf, sizeof buf, "%s%.3g ms", sign, a / 1e6);
  else if (a < 60e9) std::snprintf(buf, sizeof buf, "%s%.2f s", sign, a / 1e9);
  else if (a < 3600e9) {
    long long total = (long long)(a / 1e9);
    std::snprintf(buf, sizeof buf, "%s%lld min %02lld s", sign, total / 60, total % 60);
  } else {
    long long total = (long long)(a / 60e9);
    std::snprintf(buf, sizeof buf, "%s%lld h %02lld min", sign, total / 60, total % 60);
  }
  return buf;
}

}  // namespace dsviz
