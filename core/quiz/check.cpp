#include "check.h"

#include <cstdio>

#include "parse.h"

namespace dsviz::quiz {

namespace {

// Checked against LiberationSans-Regular.ttf's cmap (Debian's
// fonts-liberation): inside U+2010..U+206F it has only these.
constexpr GlyphRange kCoverage[] = {
    {0x0020, 0x007E},  // Basic Latin
    {0x00A0, 0x00FF},  // Latin-1 Supplement
    {0x0100, 0x017F},  // Latin Extended-A (oe ligature, c/s/z with caron, ...)
    {0x2010, 0x2011},  // hyphen, non-breaking hyphen
    {0x2013, 0x2015},  // en dash, em dash, horizontal bar
    {0x2017, 0x201E},  // double low line, single and double quotes
    {0x2020, 0x2022},  // daggers, bullet
    {0x2026, 0x2026},  // ellipsis
    {0x2030, 0x2030},  // per mille
    {0x2032, 0x2033},  // prime, double prime
    {0x2039, 0x203A},  // single guillemets
    {0x203C, 0x203C},  // double exclamation
    {0x203E, 0x203E},  // overline
    {0x2044, 0x2044},  // fraction slash
    {0x20AC, 0x20AC},  // euro
    {0x2122, 0x2122},  // trade mark
    {0x2190, 0x2195},  // arrows
    {0x2212, 0x2212},  // minus
    {0x221E, 0x221E},  // infinity
    {0x2248, 0x2248},  // almost equal
    {0x2260, 0x2260},  // not equal
    {0x2264, 0x2265},  // less/greater than or equal
    {0x25A0, 0x25A1},  // squares (U+25A1 marks an undrawable code point)
    {0x25B2, 0x25B2},  // shapes the UI uses: triangles, circles
    {0x25BA, 0x25BA},
    {0x25BC, 0x25BC},
    {0x25C4, 0x25C4},
    {0x25CB, 0x25CB},
    {0x25CF, 0x25CF},
};

constexpr char32_t kBox = 0x25A1;

// Length of a well-formed sequence at text[i] (RFC 3629 table), 0 if bad.
size_t sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return uint8_t(s[i + k]); };
  const uint8_t c = b(0);
  if (c < 0x80) return 1;
  size_t n;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) n = 3, hi = 0x9F;  // no surrogates
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) n = 4, hi = 0x8F;  // nothing above U+10FFFF
  else return 0;
  if (i + n > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  return n;
}

}  // namespace

std::span<const GlyphRange> font_coverage() { return kCoverage; }

bool font_covers(char32_t c) {
  for (const GlyphRange& r : kCoverage) {
    if (c < r.first) return false;
    if (c <= r.last) return true;
  }
  return false;
}

std::string describe_code_point(char32_t c) {
  char b[16];
  std::snprintf(b, sizeof b, "U+%04X", unsigned(c));
  const char* name = nullptr;
  switch (c) {
    case 0x202F: name = "NARROW NO-BREAK SPACE"; break;
    case 0x2009: name = "THIN SPACE"; break;
    case 0x2007: name = "FIGURE SPACE"; break;
    case 0x200B: name = "ZERO WIDTH SPACE"; break;
    case 0x2012: name = "FIGURE DASH"; break;
    case 0x2212: name = "MINUS SIGN"; break;
    case 0xFEFF: name = "BYTE ORDER MARK"; break;
    case 0xFFFD: name = "REPLACEMENT CHARACTER"; break;
    default: break;
  }
  if (c < 0x20 || c == 0x7F) name = "control character";
  else if (c >= 0x1F000 && c <= 0x1FAFF) name = "emoji";
  return name ? std::string(b) + " (" + name + ")" : std::string(b);
}

char32_t next_code_point(std::string_view s, size_t& i) {
  const size_t n = sequence_length(s, i);
  if (n == 0) {
    ++i;
    return 0xFFFD;
  }
  const uint8_t c = uint8_t(s[i]);
  char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (uint8_t(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

bool valid_utf8(std::string_view s, Pos* bad) {
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < s.size();) {
    const size_t n = sequence_length(s, i);
    if (n == 0) {
      if (bad) *bad = Pos{line, col};
      return false;
    }
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return true;
}

std::string displayable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if (c == '\n' || c == '\t' || font_covers(c)) {
      append_utf8(out, c);
    } else if (c == '\r' || c == 0x200B || c == 0xFEFF) {
      // Invisible anyway: dropped.
    } else if (c == 0x202F || c == 0x2007) {
      append_utf8(out, 0x00A0);  // no-break stays no-break
    } else if ((c >= 0x2000 && c <= 0x200A) || c == 0x205F) {
      out += ' ';
    } else if (c == 0x2012) {
      append_utf8(out, 0x2013);
    } else {
      append_utf8(out, kBox);
    }
  }
  return out;
}

}  // namespace dsviz::quiz
