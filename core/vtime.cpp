#include "vtime.h"

#include <cstdio>
#include <cstdlib>

#include "parse.h"

namespace dsviz {

bool parse_duration(std::string_view text, Time& out) {
  if (text.empty() || text.size() > 40) return false;
  // The number: digits with at most one '.', read by the one strict reader
  // (core/parse.h: no hex, spaces, signs or exponents here); then the unit.
  size_t n = 0;
  while (n < text.size() && ((text[n] >= '0' && text[n] <= '9') || text[n] == '.')) ++n;
  double v = 0;
  if (!parse_number(text.substr(0, n), v) || !(v >= 0) || v > 1e12) return false;
  std::string unit(text.substr(n));
  double scale;
  if (unit.empty() || unit == "s") scale = double(kSec);
  else if (unit == "ns") scale = double(kNs);
  else if (unit == "us") scale = double(kUs);
  else if (unit == "ms") scale = double(kMs);
  else if (unit == "m" || unit == "min") scale = double(kMin);
  else if (unit == "h") scale = double(kHour);
  else if (unit == "d") scale = double(24 * kHour);
  else return false;
  double ns = v * scale;
  if (ns > 9.2e18) return false;
  out = saturate_ns(ns);
  return true;
}

std::string format_duration(Time t) {
  char buf[48];
  const char* sign = t < 0 ? "-" : "";
  double a = t < 0 ? -double(t) : double(t);
  if (a < double(kUs)) std::snprintf(buf, sizeof buf, "%s%.0f ns", sign, a);
  else if (a < double(kMs)) std::snprintf(buf, sizeof buf, "%s%.3g us", sign, a / double(kUs));
  else if (a < double(kSec)) std::snprintf(buf, sizeof buf, "%s%.3g ms", sign, to_ms(a));
  else if (a < double(kMin)) std::snprintf(buf, sizeof buf, "%s%.2f s", sign, to_s(a));
  else if (a < double(kHour)) {
    long long total = (long long)to_s(a);
    std::snprintf(buf, sizeof buf, "%s%lld min %02lld s", sign, total / 60, total % 60);
  } else {
    long long total = (long long)(a / double(kMin));
    std::snprintf(buf, sizeof buf, "%s%lld h %02lld min", sign, total / 60, total % 60);
  }
  return buf;
}

}  // namespace dsviz
