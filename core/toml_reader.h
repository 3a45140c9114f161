// A strict reader for the TOML (1.0) that quizzes and tours are written in:
// text in, a tree of values with their positions out, or one error with its
// line and column. Pure, no exceptions, bounded time and depth for any bytes.
//
// What it reads: tables ([a.b]), arrays of tables ([[a]]), dotted keys,
// bare and quoted keys, basic and literal strings (single- and multi-line,
// every escape including \uXXXX and \UXXXXXXXX), integers (decimal, 0x, 0o,
// 0b, with '_'), floats (with '_', exponent, inf, nan), booleans, arrays
// (multi-line, trailing comma) and inline tables, comments. Dates and times
// are refused with their own message: no quiz or tour field takes one; so
// is a float of more than 64 characters (parse_number's limit).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsviz::toml {

// 1-based line and column; columns count code points (a tab is one).
struct Pos {
  uint32_t line = 0, col = 0;
};

enum class Kind : uint8_t { Table, Array, String, Integer, Float, Boolean };

struct Entry;

struct Value {
  Kind kind = Kind::Table;
  Pos pos;  // the value's first character; a [table]'s or [[table]]'s '['
  std::string str;
  int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::vector<Value> items;    // Array
  std::vector<Entry> entries;  // Table, in file order

  // The entry named `key` of a table, nullptr if none (or not a table).
  const Value* get(std::string_view key) const;
  // The position of that entry's key (its last dotted part); {0,0} if none.
  Pos key_pos(std::string_view key) const;
  bool is_table() const { return kind == Kind::Table; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_string() const { return kind == Kind::String; }
  bool is_integer() const { return kind == Kind::Integer; }
  bool is_boolean() const { return kind == Kind::Boolean; }

  // How the reader came to make a table or array, for TOML's rules on what
  // may be added to it later. Set by parse(); of no use to readers.
  enum class Origin : uint8_t { Implicit, Header, Dotted, Inline, Static, HeaderArray };
  Origin origin = Origin::Static;
  uint32_t id = 0;       // a table's number, unique within one document
  uint32_t section = 0;  // the [header] under which dotted keys made it
};

struct Entry {
  std::string key;
  Pos key_pos;
  Value value;
};

struct Error {
  Pos pos;
  std::string message;  // one sentence, no position
};

// Deepest nesting of arrays and inline tables accepted.
constexpr int kMaxDepth = 64;

// Reads `text` into `root` (a table). False on the first error, which
// `error` then describes; `root` is then empty.
bool parse(std::string_view text, Value& root, Error& error);

}  // namespace dsviz::toml
