// Launch options from argv (desktop) or the URL query (browser).
#include "options.h"

#include <cstdlib>

namespace dsviz::ui {

const char* const kUsage =
    "usage: dsviz [--scene ID] [--seed N] [--set KEY=VALUE ...] [--embed] [--light]\n"
    "             [--size WxH] [--frames N --screenshot FILE.png]";

bool parse_number(std::string_view text, double& out) {
  if (text.empty() || text.size() > 40) return false;
  std::string s(text);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !(v == v) || v > 1e300 || v < -1e300) return false;
  out = v;
  return true;
}

bool parse_seed(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    uint64_t d = uint64_t(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

static bool parse_int(std::string_view text, int lo, int hi, int& out) {
  uint64_t v = 0;
  if (!parse_seed(text, v) || v < uint64_t(lo) || v > uint64_t(hi)) return false;
  out = int(v);
  return true;
}

bool parse_args(int argc, const char* const* argv, LaunchOptions& o, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    // Flags that take a value; the value must be there.
    auto value = [&](std::string_view& v) {
      if (i + 1 >= argc) {
        error = std::string(a) + " needs a value";
        return false;
      }
      v = argv[++i];
      return true;
    };
    std::string_view v;
    if (a == "--scene") {
      if (!value(v)) return false;
      o.scene = v;
    } else if (a == "--seed") {
      if (!value(v)) return false;
      if (!parse_seed(v, o.seed)) {
        error = "--seed wants a whole number from 0 to 18446744073709551615, got '" + std::string(v) + "'";
        return false;
      }
    } else if (a == "--frames") {
      if (!value(v)) return false;
      if (!parse_int(v, 1, 1000000, o.frames)) {
        error = "--frames wants a whole number from 1 to 1000000, got '" + std::string(v) + "'";
        return false;
      }
    } else if (a == "--screenshot") {
      if (!value(v)) return false;
      o.screenshot = v;
    } else if (a == "--size") {
      if (!value(v)) return false;
      size_t x = v.find('x');
      if (x == std::string_view::npos || !parse_int(v.substr(0, x), 320, 8192, o.width) ||
          !parse_int(v.substr(x + 1), 240, 8192, o.height)) {
        error = "--size wants WIDTHxHEIGHT from 320x240 to 8192x8192, got '" + std::string(v) + "'";
        return false;
      }
    } else if (a == "--set") {
      if (!value(v)) return false;
      size_t eq = v.find('=');
      double num;
      if (eq == std::string_view::npos || eq == 0 || !parse_number(v.substr(eq + 1), num)) {
        error = "--set wants KEY=NUMBER (dsviz-cli list shows each scene's keys), got '" + std::string(v) + "'";
        return false;
      }
      o.settings.emplace_back(std::string(v.substr(0, eq)), std::string(v.substr(eq + 1)));
    } else if (a == "--embed") {
      o.embed = true;
    } else if (a == "--light") {
      o.dark = false;
    } else if (a == "--help" || a == "-h") {
      error = "help";
      return false;
    } else {
      error = "unknown flag '" + std::string(a) + "'";
      return false;
    }
  }
  if (!o.screenshot.empty() && o.frames == 0) {
    error = "--screenshot needs --frames N (how many frames to draw first)";
    return false;
  }
  return true;
}

// "%41" -> 'A', '+' -> ' ': enough for ids and numbers typed into a URL.
static std::string url_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size()) {
      char hex[3] = {s[i + 1], s[i + 2], 0};
      char* end = nullptr;
      long v = std::strtol(hex, &end, 16);
      if (end == hex + 2) {
        out += char(v);
        i += 2;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

LaunchOptions parse_query(std::string_view q) {
  LaunchOptions o;
  o.settings_from_url = true;
  if (!q.empty() && q[0] == '?') q.remove_prefix(1);
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string key = url_decode(pair.substr(0, eq));
    std::string val = eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    if (key == "scene") {
      o.scene = val;
    } else if (key == "seed") {
      if (!parse_seed(val, o.seed)) {
        o.seed = 1;
        o.notices.push_back("Seed '" + val + "' is not a whole number from 0 to 18446744073709551615: using seed 1.");
      }
    } else if (key == "embed") {
      o.embed = val != "0" && val != "false";
    } else if (key == "theme") {
      if (val == "light") o.dark = false;
      else if (val == "dark") o.dark = true;
      else o.notices.push_back("Theme '" + val + "' is unknown (light or dark): using dark.");
    } else if (!key.empty()) {
      // Maybe a scene setting (?nodes=8); the app keeps the ones its scene
      // has and leaves the rest to the host page (analytics, mdBook).
      o.settings.emplace_back(key, val);
    }
  }
  return o;
}

}  // namespace dsviz::ui
