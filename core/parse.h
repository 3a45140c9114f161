// The one strict reader of numbers and seeds typed by people: in the page's
// address, the desktop's --set and dsviz-cli. Plain decimal only (no hex, no
// spaces, no leading '+', no nan or inf), and a printer whose output the
// reader turns back into the very same double. Also the bounded notice list
// the page shows for bad input.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace dsviz {

// "-12", "2.35", "0.5", ".5", "1e-3", "2.5E6": an optional '-', digits with
// at most one '.', an optional exponent ('e' or 'E', optional sign, digits).
// The value must be finite. At most kMaxNumberChars characters.
constexpr size_t kMaxNumberChars = 64;
bool parse_number(std::string_view text, double& out);

// A seed: decimal digits only, 0 to 18446744073709551615.
bool parse_seed(std::string_view text, uint64_t& out);

// The shortest decimal text that parse_number() reads back as exactly `v`
// (finite v): "2.35", "0.1", "8", "1e-7", "-0". No '+' anywhere, so it is
// safe in a URL query as is.
std::string format_number(double v);

// What a one-line message quotes of a value typed by someone: printable
// ASCII only, at most `max_chars` characters (then "...").
std::string quote_text(std::string_view text, size_t max_chars = 40);

// Appends the code point `c` (at most 0x10FFFF) to `out` as UTF-8: the TOML
// reader's \u escapes and the quiz checker's replacement characters.
void append_utf8(std::string& out, uint32_t c);

// Hints to append to a message about a refused number or seed.
inline constexpr const char* kNumberForm = "a decimal number like 8, 2.35 or 1e-3 (no hex, spaces, '+', nan or inf)";
inline constexpr const char* kSeedForm = "a whole number from 0 to 18446744073709551615 (digits only)";

// Notices for the reader, de-duplicated in constant time each, at most
// kMaxNotices shown: lines() ends with "... and N more." past that.
class Notices {
 public:
  static constexpr size_t kMaxShown = 10;
  void add(std::string line);
  // What to draw: at most kMaxShown lines, then one "and N more" line.
  std::vector<std::string> lines() const;
  size_t distinct() const { return distinct_; }
  bool empty() const { return distinct_ == 0; }

 private:
  std::vector<std::string> shown_;
  std::unordered_set<std::string> seen_;
  size_t distinct_ = 0;
};

}  // namespace dsviz
