#include "format.h"

#include <cmath>
#include <cstdio>

#include "faults.h"

namespace dsviz::ui::fmt {

static std::string printf_str(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string duration(Time t) { return format_duration(t); }

std::string ms(double v) {
  if (std::isnan(v)) return "n/a";
  const double a = std::fabs(v);
  if (a >= 1000) return printf_str(a >= 10000 ? "%.1f s" : "%.2f s", v / 1000);
  if (a >= 100) return printf_str("%.0f ms", v);
  if (a >= 1 || a == 0) return printf_str("%.1f ms", v);
  return printf_str("%.2f ms", v);
}

std::string signed_ms(Time t) { return printf_str("%+.1f ms", to_ms(t)); }

std::string time_of_day(Time t) {
  const Time day = 24 * kHour;
  t %= day;
  if (t < 0) t += day;
  const int64_t m = t / kMs;
  char b[32];
  std::snprintf(b, sizeof b, "%02d:%02d:%02d.%03d", int(m / 3600000), int(m / 60000 % 60), int(m / 1000 % 60),
                int(m % 1000));
  return b;
}

std::string percent(double fraction, int digits) {
  if (std::isnan(fraction)) return "n/a";
  char b[48];
  std::snprintf(b, sizeof b, "%.*f %%", digits, 100.0 * fraction);
  return b;
}

std::string availability(double a) {
  if (a >= 1.0) return "100 %";
  const double n = nines(a);
  return percent(a, n < 1.5 ? 2 : n < 5 ? int(n) + 1 : 5);
}

std::string downtime_per_year(double a) {
  const double h = downtime_per_year_h(a);
  if (h >= 48) return printf_str("%.1f d", h / 24);
  if (h >= 1) return printf_str("%.2f h", h);
  if (h * 60 >= 1) return printf_str("%.1f min", h * 60);
  return printf_str("%.1f s", h * 3600);
}

std::string minutes(double v) { return printf_str(v < 10 ? "%.3g min" : "%.0f min", v); }

std::string grouped(uint64_t n) {
  std::string d = std::to_string(n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "n/a";
  const double a = std::fabs(v);
  if (v == std::floor(v) && a < 1e15) return a >= 10000 ? (v < 0 ? "-" : "") + grouped(uint64_t(a)) : printf_str("%.0f", v);
  if (a >= 100) return printf_str("%.0f", v);
  if (a >= 10) return printf_str("%.1f", v);
  if (a >= 0.01 || a == 0) return printf_str("%.2f", v);
  return printf_str("%.3g", v);
}

std::string rate(double v, std::string_view unit) { return number(v) + " " + std::string(unit); }

std::string usd(double v) {
  if (std::isnan(v)) return "n/a";
  const double a = std::fabs(v);
  std::string sign = v < 0 ? "-" : "";
  if (a >= 1000) return sign + "$" + grouped(uint64_t(std::llround(a)));
  if (a >= 1) return sign + printf_str("$%.2f", a);
  return sign + printf_str("$%.3g", a);
}

std::string ppm(double v) { return printf_str("%+.1f ppm", v); }

std::string count(uint64_t n, std::string_view one, std::string_view many) {
  return grouped(n) + " " + std::string(n == 1 ? one : many);
}

std::string value(double v, std::string_view unit) {
  if (unit == "ratio") return value(v * 100.0, "%");
  std::string s = number(v);
  if (unit.empty() || unit == "count") return s;
  if (unit == "$" || unit == "usd") return usd(v);
  return s + (unit == "%" ? " " : " ") + std::string(unit);
}

}  // namespace dsviz::ui::fmt
