#include "cli_rtt.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "geo.h"
#include "places.h"

namespace dsviz::cli {
namespace {

int fail(const std::string& msg) {
  std::fprintf(stderr, "dsviz-cli: %s\n", msg.c_str());
  return 2;
}

bool number(const std::string& s, double& out) {
  if (s.empty() || s.size() > 40) return false;
  char* end;
  out = std::strtod(s.c_str(), &end);
  return *end == 0 && std::isfinite(out) && !std::isspace((unsigned char)s[0]);
}

struct Point {
  std::string name;  // the place's name, or "" for bare coordinates
  GeoPoint at;
};

// "LAT,LON" or a place name; false with a one-line reason.
bool parse_point(const char* flag, const std::string& text, Point& out, std::string& error) {
  const size_t comma = text.find(',');
  if (comma == std::string::npos) {
    const int p = find_place(text);
    if (p < 0) {
      error = std::string(flag) + " wants LAT,LON or a place name (dsviz-cli rtt --places lists them), got '" + text + "'";
      return false;
    }
    out = {places()[p].name, {places()[p].lat, places()[p].lon}};
    return true;
  }
  double lat, lon;
  if (!number(text.substr(0, comma), lat) || !number(text.substr(comma + 1), lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    error = std::string(flag) + " wants LAT,LON in degrees with LAT from -90 to 90 and LON from -180 to 180, got '" + text + "'";
    return false;
  }
  out = {"", {lat, lon}};
  return true;
}

std::string json_point(const Point& p) {
  char b[160];
  std::snprintf(b, sizeof b, "{\"name\":%s%s%s,\"lat\":%.6g,\"lon\":%.6g}", p.name.empty() ? "" : "\"", p.name.empty() ? "null" : p.name.c_str(),
                p.name.empty() ? "" : "\"", p.at.lat, p.at.lon);
  return b;
}

std::string text_point(const Point& p) {
  char b[160];
  std::snprintf(b, sizeof b, "%s%s(%.4f, %.4f)", p.name.c_str(), p.name.empty() ? "" : " ", p.at.lat, p.at.lon);
  return b;
}

int list_places() {
  for (const Place& p : places())
    std::printf("%-14s %-4s %9.4f %10.4f  %-12s %s\n", p.name, p.short_name, p.lat, p.lon,
                p.kind == PlaceKind::City ? "city" : "cloud region", region_name(p.region));
  return 0;
}

}  // namespace

int cmd_rtt(int argc, char** argv) {
  std::string from, to;
  bool json = false, have_from = false, have_to = false;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--places" && argc == 1) {
      return list_places();
    } else if (a == "--from" || a == "--to") {
      if (i + 1 >= argc) return fail(a + " needs a value (LAT,LON or a place name)");
      (a == "--from" ? from : to) = argv[++i];
      (a == "--from" ? have_from : have_to) = true;
    } else {
      return fail("unknown flag '" + a + "' for rtt (flags: --from, --to, --json; or --places alone)");
    }
  }
  if (!have_from || !have_to) return fail("rtt needs --from and --to (LAT,LON or a place name)");
  Point a, b;
  std::string error;
  if (!parse_point("--from", from, a, error) || !parse_point("--to", to, b, error)) return fail(error);
  const RttModel m;
  const RttEstimate e = estimate_rtt(m, a.at, b.at);
  if (json) {
    std::printf("{\"from\":%s,\"to\":%s,\"distance_km\":%.1f,\"route_km\":%.1f,\"rtt_floor_ms\":%.2f,\"rtt_low_ms\":%.2f,"
                "\"rtt_typical_ms\":%.2f,\"rtt_high_ms\":%.2f,\"model\":{\"fiber_km_per_s\":%.0f,\"inflation\":%g,\"fixed_ms\":%g}}\n",
                json_point(a).c_str(), json_point(b).c_str(), e.distance_km, e.route_km, e.floor_ms, e.low_ms, e.typical_ms, e.high_ms,
                kFiberKmPerS, m.inflation, m.fixed_ms);
  } else {
    std::printf("from %s to %s\n", text_point(a).c_str(), text_point(b).c_str());
    std::printf("  distance_km     %.1f   (great circle)\n", e.distance_km);
    std::printf("  route_km        %.1f   (over the cable routes)\n", e.route_km);
    std::printf("  rtt_floor_ms    %.2f   (2 x distance / %.0f km/s)\n", e.floor_ms, kFiberKmPerS);
    std::printf("  rtt_low_ms      %.2f\n", e.low_ms);
    std::printf("  rtt_typical_ms  %.2f   (%g x 2 x route / %.0f km/s + %g ms)\n", e.typical_ms, m.inflation, kFiberKmPerS, m.fixed_ms);
    std::printf("  rtt_high_ms     %.2f\n", e.high_ms);
  }
  return 0;
}

}  // namespace dsviz::cli
