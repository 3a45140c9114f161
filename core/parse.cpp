#include "parse.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dsviz {

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool parse_number(std::string_view s, double& out) {
  if (s.empty() || s.size() > kMaxNumberChars) return false;
  // Check the whole grammar first: strtod alone would take hex, "inf",
  // leading spaces and '+', and depends on the locale's decimal point.
  size_t i = 0;
  if (s[i] == '-') ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != s.size()) return false;
  // The C locale's strtod on text that is plain decimal by now; the grammar
  // has no ',' so a ',' locale could only stop early, which the end check sees.
  char buf[kMaxNumberChars + 1];
  s.copy(buf, s.size());
  buf[s.size()] = 0;
  char* end = nullptr;
  const double v = std::strtod(buf, &end);
  if (end != buf + s.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

bool parse_seed(std::string_view s, uint64_t& out) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    const uint64_t d = uint64_t(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return "nan";  // never parsed back: callers format finite values
  char buf[40];
  // The fewest significant digits that read back exactly; 17 always do.
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    double back;
    if (parse_number(buf, back) && back == v && std::signbit(back) == std::signbit(v)) break;
  }
  // Whole numbers as people write them: 40, not 4e1 (%g switches to an
  // exponent once it reaches the precision; more digits still read back).
  const double mag = std::fabs(v);
  if (std::strchr(buf, 'e') && mag >= 1 && mag < 1e17) {
    int digits = 1;
    for (double x = mag; x >= 10 && digits < 17; x /= 10) ++digits;
    if (digits > prec) std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  }
  // "1e+20" -> "1e20", "1e-05" -> "1e-5": a '+' reads as a space in a URL.
  std::string s = buf;
  const size_t e = s.find('e');
  if (e != std::string::npos) {
    std::string mant = s.substr(0, e), exp = s.substr(e + 1);
    std::string sign;
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) {
      if (exp[0] == '-') sign = "-";
      exp.erase(0, 1);
    }
    while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
    s = mant + "e" + sign + exp;
  }
  return s;
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

std::string quote_text(std::string_view text, size_t max_chars) {
  std::string s;
  for (char c : text.substr(0, max_chars)) s += (c >= 32 && c < 127) ? c : '?';
  if (text.size() > max_chars) s += "...";
  return s;
}

void Notices::add(std::string line) {
  // The set is bounded by what the callers can produce (their inputs are
  // capped); a flood past this keeps counting without remembering.
  constexpr size_t kMaxRemembered = 4096;
  if (seen_.count(line)) return;
  ++distinct_;
  if (shown_.size() < kMaxShown) shown_.push_back(line);
  if (seen_.size() < kMaxRemembered) seen_.insert(std::move(line));
}

std::vector<std::string> Notices::lines() const {
  std::vector<std::string> out = shown_;
  if (distinct_ > shown_.size())
    out.push_back("... and " + std::to_string(distinct_ - shown_.size()) + " more.");
  return out;
}

}  // namespace dsviz
