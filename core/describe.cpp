#include "describe.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace dsviz {

std::string say(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

std::string spoken_count(uint64_t n) {
  std::string d = std::to_string(n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

std::string count_of(uint64_t n, const char* one, const char* many) {
  return spoken_count(n) + " " + (n == 1 ? one : many);
}

std::string spoken_usd(double usd) {
  if (!std::isfinite(usd) || usd < 0) return "an unknown amount";
  return "$" + spoken_count(uint64_t(usd + 0.5));
}

std::string spoken_ms(double ms) {
  if (!std::isfinite(ms) || ms < 0) return "an unknown time";
  if (ms >= 1000) return say("%.3g s", ms / 1000);
  if (ms >= 10) return say("%.0f ms", ms);
  return say("%.2g ms", ms);
}

std::string spoken_pct(double f) {
  if (!std::isfinite(f)) return "unknown";
  const double pct = f * 100;
  if (pct >= 100) return "100%";
  for (int d = 0; d <= 4; ++d) {
    const std::string s = say("%.*f", d, pct);
    // Enough decimals when rounding no longer hides a difference from 100%.
    if (s != say("%.*f", d, 100.0)) return s + "%";
  }
  return "over 99.9999%";
}

}  // namespace dsviz
