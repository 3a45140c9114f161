// The TOML reader: one forward pass over the text with a cursor that keeps
// its line and column, recursive only for arrays and inline tables (both
// bounded by kMaxDepth), and a hash index of every table's keys so that a
// file of many keys costs linear time.
//
// [SECTION] positions and messages
// [SECTION] strings
// [SECTION] numbers and other scalars
// [SECTION] keys and tables
// [SECTION] arrays and inline tables
// [SECTION] the document
#include "toml_reader.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "parse.h"

namespace dsviz::toml {

const Value* Value::get(std::string_view key) const {
  if (kind != Kind::Table) return nullptr;
  for (const Entry& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Pos Value::key_pos(std::string_view key) const {
  if (kind != Kind::Table) return {};
  for (const Entry& e : entries)
    if (e.key == key) return e.key_pos;
  return {};
}

namespace {

bool is_bare(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Control characters TOML allows nowhere but as escapes (tab aside).
bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

const char* kind_name(const Value& v) {
  switch (v.kind) {
    case Kind::Table: return "a table";
    case Kind::Array: return "an array";
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Float: return "a float";
    case Kind::Boolean: return "a boolean";
  }
  return "a value";
}

std::string hex_code_point(uint32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(c));
  return buf;
}

// Length of the well-formed UTF-8 sequence at s[i] (no overlong forms, no
// surrogates, nothing above U+10FFFF), 0 if it is not one; *cp its value.
size_t utf8_length(std::string_view s, size_t i, uint32_t* cp = nullptr) {
  const auto b = [&](size_t k) { return uint8_t(s[i + k]); };
  const uint8_t c = b(0);
  size_t n;
  uint32_t v, min;
  if (c < 0x80) n = 1, v = c, min = 0;
  else if ((c & 0xE0) == 0xC0) n = 2, v = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, v = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, v = c & 0x07, min = 0x10000;
  else return 0;
  if (s.size() - i < n) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(k) & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  if (cp) *cp = v;
  return n;
}

struct KeyPart {
  std::string name;
  Pos pos;
};

std::string dotted(const std::vector<KeyPart>& parts, size_t upto) {
  std::string s;
  for (size_t k = 0; k <= upto && k < parts.size(); ++k) s += (k ? "." : "") + parts[k].name;
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}
  bool document(Value& root);
  Error error;

 private:
  // [SECTION] positions and messages
  bool eof() const { return i_ >= s_.size(); }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool at_newline() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
  Pos pos() const { return {line_, col_}; }
  void bump() {
    const uint8_t c = uint8_t(s_[i_++]);
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col_;
    }
  }
  void bump(size_t n) {
    while (n-- > 0 && !eof()) bump();
  }
  bool fail(Pos p, std::string msg) {
    if (!failed_) error = {p, std::move(msg)};
    failed_ = true;
    return false;
  }
  // What is at the cursor, for "expected X, found Y".
  std::string found() const {
    if (eof()) return "the end of the file";
    if (at_newline()) return "the end of the line";
    const char c = peek();
    if (c > 0x20 && c < 0x7f) return std::string("'") + c + "'";
    if (c == ' ') return "a space";
    uint32_t cp = uint8_t(c);
    utf8_length(s_, i_, &cp);
    return hex_code_point(cp);
  }
  void skip_ws() {
    while (peek() == ' ' || peek() == '\t') bump();
  }
  bool comment();
  bool line_end(const char* after);
  bool skip_blank();  // white space, comments and new lines (inside arrays)

  // [SECTION] strings
  bool escape(std::string& out);
  bool basic_string(std::string& out, bool key);
  bool literal_string(std::string& out, bool key);
  bool multiline(std::string& out, char quote);

  // [SECTION] numbers and other scalars
  bool scalar(Value& v);
  bool number(Value& v, std::string_view tok, Pos at);

  // [SECTION] keys and tables
  bool key(std::vector<KeyPart>& parts);
  Value* find(Value& table, std::string_view key);
  Value& add(Value& table, const KeyPart& key, Value&& v);
  Value make_table(Value::Origin origin, Pos at);
  bool keyval(Value& table, int depth);
  bool header(Value& root);

  // [SECTION] arrays and inline tables
  bool value(Value& v, int depth);
  bool array(Value& v, int depth);
  bool inline_table(Value& v, int depth);

  std::string_view s_;
  size_t i_ = 0;
  uint32_t line_ = 1, col_ = 1;
  bool failed_ = false;
  uint32_t tables_ = 0;    // ids handed out
  uint32_t sections_ = 0;  // [headers] and inline tables seen
  uint32_t section_ = 0;   // the one dotted keys are read under
  Value* current_ = nullptr;
  int current_depth_ = 0;

  // Every table's keys: (table id, key hash) -> entry index, open addressing.
  struct Slot {
    uint64_t hash = 0;
    uint32_t table = 0, index = 0;  // table 0: empty (ids start at 1)
  };
  std::vector<Slot> slots_;
  size_t used_ = 0;
  static uint64_t hash_of(uint32_t table, std::string_view key) {
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t(table) * 0x9E3779B97F4A7C15ULL);
    for (char c : key) h = (h ^ uint8_t(c)) * 0x100000001b3ULL;
    return h;
  }
};

bool Parser::comment() {
  bump();  // '#'
  while (!eof() && !at_newline()) {
    if (is_control(uint8_t(peek())))
      return fail(pos(), "control character " + hex_code_point(uint8_t(peek())) + " in a comment");
    bump();
  }
  return true;
}

bool Parser::line_end(const char* after) {
  skip_ws();
  if (peek() == '#' && !comment()) return false;
  if (eof()) return true;
  if (at_newline()) {
    bump(peek() == '\r' ? 2 : 1);
    return true;
  }
  return fail(pos(), std::string("expected the end of the line after ") + after + ", found " + found() +
                         " (one key = value per line)");
}

bool Parser::skip_blank() {
  for (;;) {
    skip_ws();
    if (peek() == '#') {
      if (!comment()) return false;
    } else if (at_newline()) {
      bump(peek() == '\r' ? 2 : 1);
    } else {
      return true;
    }
  }
}

// [SECTION] strings

bool Parser::escape(std::string& out) {
  const Pos at = pos();
  bump();  // '\'
  const char c = peek();
  switch (c) {
    case 'b': out += '\b'; bump(); return true;
    case 't': out += '\t'; bump(); return true;
    case 'n': out += '\n'; bump(); return true;
    case 'f': out += '\f'; bump(); return true;
    case 'r': out += '\r'; bump(); return true;
    case '"': out += '"'; bump(); return true;
    case '\\': out += '\\'; bump(); return true;
    case 'u':
    case 'U': {
      const size_t n = c == 'u' ? 4 : 8;
      bump();
      uint32_t v = 0;
      for (size_t k = 0; k < n; ++k) {
        const char h = peek();
        uint32_t d;
        if (h >= '0' && h <= '9') d = uint32_t(h - '0');
        else if (h >= 'a' && h <= 'f') d = uint32_t(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') d = uint32_t(h - 'A' + 10);
        else
          return fail(pos(), std::string("the escape \\") + c + " takes " + std::to_string(n) +
                                 " hexadecimal digits, found " + found());
        v = (v << 4) | d;
        bump();
      }
      if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return fail(at, "the escape \\" + std::string(1, c) + " names " + hex_code_point(v) +
                            ", which is not a Unicode character");
      append_utf8(out, v);
      return true;
    }
    default:
      return fail(at, "unknown escape: a backslash followed by " + found() +
                          " (escapes: \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX; a backslash itself is \\\\)");
  }
}

// A "..." string; `key` only changes the messages.
bool Parser::basic_string(std::string& out, bool key) {
  const Pos open = pos();
  bump();
  for (;;) {
    if (eof() || at_newline())
      return fail(pos(), std::string("unterminated ") + (key ? "quoted key" : "string") + " opened at column " +
                             std::to_string(open.col) + ": a \"...\" string ends on its own line" +
                             (key ? "" : " (\"\"\" starts a multi-line one)"));
    const char c = peek();
    if (c == '"') {
      bump();
      return true;
    }
    if (c == '\\') {
      if (!escape(out)) return false;
      continue;
    }
    if (is_control(uint8_t(c)))
      return fail(pos(), "control character " + hex_code_point(uint8_t(c)) + " in a string: write it as an escape");
    out += c;
    bump();
  }
}

bool Parser::literal_string(std::string& out, bool key) {
  const Pos open = pos();
  bump();
  for (;;) {
    if (eof() || at_newline())
      return fail(pos(), std::string("unterminated ") + (key ? "quoted key" : "literal string") + " opened at column " +
                             std::to_string(open.col) + ": a '...' string ends on its own line" +
                             (key ? "" : " (''' starts a multi-line one)"));
    const char c = peek();
    if (c == '\'') {
      bump();
      return true;
    }
    if (is_control(uint8_t(c)))
      return fail(pos(), "control character " + hex_code_point(uint8_t(c)) +
                             " in a literal string (a \"...\" string can write it as an escape)");
    out += c;
    bump();
  }
}

// """...""" (escapes, a backslash at a line's end joins lines) or '''...'''
// (as written). A new line right after the opening quotes is not part of
// it; up to two quotes may stand right before the closing three.
bool Parser::multiline(std::string& out, char quote) {
  const Pos open = pos();
  bump(3);
  if (at_newline()) bump(peek() == '\r' ? 2 : 1);
  for (;;) {
    if (eof())
      return fail(pos(), std::string("unterminated multi-line string opened at line ") + std::to_string(open.line) +
                             ": no closing " + std::string(3, quote));
    const char c = peek();
    if (c == quote) {
      size_t run = 0;
      while (peek(run) == quote) ++run;
      if (run < 3) {
        out.append(run, quote);
        bump(run);
        continue;
      }
      if (run > 5) {
        bump(5);
        return fail(pos(), std::string("three ") + (quote == '"' ? "\"" : "'") +
                               " in a row end a multi-line string: escape one of them (\\\")");
      }
      out.append(run - 3, quote);
      bump(run);
      return true;
    }
    if (at_newline()) {
      out += '\n';
      bump(peek() == '\r' ? 2 : 1);
      continue;
    }
    if (c == '\\' && quote == '"') {
      // A backslash, optional white space, then the line's end: the text
      // goes on at the next non-blank character, lines away perhaps.
      size_t k = 1;
      while (peek(k) == ' ' || peek(k) == '\t') ++k;
      if (peek(k) == '\n' || (peek(k) == '\r' && peek(k + 1) == '\n')) {
        bump(k);
        while (peek() == ' ' || peek() == '\t' || at_newline()) bump(peek() == '\r' ? 2 : 1);
        continue;
      }
      if (!escape(out)) return false;
      continue;
    }
    if (is_control(uint8_t(c)))
      return fail(pos(), "control character " + hex_code_point(uint8_t(c)) + " in a multi-line string" +
                             (quote == '"' ? ": write it as an escape" : ""));
    out += c;
    bump();
  }
}

// [SECTION] numbers and other scalars

// Digits of `base` with single '_' between them; false if empty or badly
// placed '_'.
bool digits(std::string_view s, int base) {
  if (s.empty()) return false;
  bool prev_digit = false;
  for (char c : s) {
    if (c == '_') {
      if (!prev_digit) return false;
      prev_digit = false;
      continue;
    }
    const bool ok = base == 16 ? (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
                               : (c >= '0' && c < char('0' + base));
    if (!ok) return false;
    prev_digit = true;
  }
  return prev_digit;
}

bool Parser::number(Value& v, std::string_view tok, Pos at) {
  const std::string shown = quote_text(tok);
  std::string_view t = tok;
  const bool neg = !t.empty() && t[0] == '-';
  const bool sign = !t.empty() && (t[0] == '-' || t[0] == '+');
  if (sign) t.remove_prefix(1);
  if (t == "inf" || t == "nan") {
    v.kind = Kind::Float;
    v.real = t == "inf" ? (neg ? -INFINITY : INFINITY) : (neg ? -NAN : NAN);
    return true;
  }
  const auto bad = [&](const char* why) { return fail(at, "'" + shown + "' is not a number: " + why); };
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b')) {
    if (sign) return bad("a hexadecimal, octal or binary integer has no sign");
    const int base = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
    if (!digits(t.substr(2), base)) return bad("misplaced '_' or a digit the base does not have");
    uint64_t x = 0;
    for (char c : t.substr(2)) {
      if (c == '_') continue;
      const uint64_t d = is_digit(c) ? uint64_t(c - '0') : uint64_t((c | 0x20) - 'a' + 10);
      if (x > (uint64_t(INT64_MAX) - d) / uint64_t(base)) return bad("larger than 9223372036854775807");
      x = x * uint64_t(base) + d;
    }
    v.kind = Kind::Integer;
    v.integer = int64_t(x);
    return true;
  }
  // Decimal: int part, then an optional fraction and exponent.
  size_t k = 0;
  while (k < t.size() && (is_digit(t[k]) || t[k] == '_')) ++k;
  const std::string_view int_part = t.substr(0, k);
  if (!digits(int_part, 10)) return bad("expected digits (a '_' only between two digits)");
  if (int_part.size() > 1 && int_part[0] == '0') return bad("no leading zeros");
  bool is_float = false;
  if (k < t.size() && t[k] == '.') {
    const size_t from = ++k;
    while (k < t.size() && (is_digit(t[k]) || t[k] == '_')) ++k;
    if (!digits(t.substr(from, k - from), 10)) return bad("expected digits after the '.'");
    is_float = true;
  }
  if (k < t.size() && (t[k] == 'e' || t[k] == 'E')) {
    ++k;
    if (k < t.size() && (t[k] == '+' || t[k] == '-')) ++k;
    const size_t from = k;
    while (k < t.size() && (is_digit(t[k]) || t[k] == '_')) ++k;
    if (!digits(t.substr(from, k - from), 10)) return bad("expected digits in the exponent");
    is_float = true;
  }
  if (k != t.size()) return bad(is_float ? "unexpected characters after the number" : "unexpected characters in it");
  std::string plain;
  if (neg) plain += '-';
  for (char c : t)
    if (c != '_') plain += c;
  if (!is_float) {
    uint64_t x = 0;
    const uint64_t limit = neg ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX);
    for (char c : plain) {
      if (c == '-') continue;
      const uint64_t d = uint64_t(c - '0');
      if (x > (limit - d) / 10) return bad(neg ? "smaller than -9223372036854775808" : "larger than 9223372036854775807");
      x = x * 10 + d;
    }
    v.kind = Kind::Integer;
    v.integer = neg ? int64_t(0 - x) : int64_t(x);
    return true;
  }
  // The core's one decimal reader (C locale, finite only): same bits on
  // every platform, native and wasm.
  if (plain.size() > kMaxNumberChars) return bad("more than 64 digits");
  if (!parse_number(plain, v.real)) return bad("out of range for a float");
  v.kind = Kind::Float;
  return true;
}

// true, false, a number, or a date (refused): the characters up to a
// separator, then classified.
bool Parser::scalar(Value& v) {
  const Pos at = pos();
  const size_t from = i_;
  while (!eof() && (is_bare(peek()) || peek() == '.' || peek() == '+' || peek() == ':')) bump();
  const std::string_view tok = s_.substr(from, i_ - from);
  if (tok.empty()) return fail(at, "expected a value (\"text\", a number, true or false, [an array] or {a table}), found " + found());
  if (tok == "true" || tok == "false") {
    v.kind = Kind::Boolean;
    v.boolean = tok == "true";
    return true;
  }
  const bool date = tok.size() >= 5 && is_digit(tok[0]) && is_digit(tok[1]) && is_digit(tok[2]) && is_digit(tok[3]) && tok[4] == '-';
  const bool time = tok.size() >= 3 && is_digit(tok[0]) && is_digit(tok[1]) && tok[2] == ':';
  if (date || time)
    return fail(at, "'" + quote_text(tok) + "': dates and times are not read here (no quiz or tour field takes one)");
  if (is_digit(tok[0]) || tok[0] == '+' || tok[0] == '-' || tok[0] == '.' || tok == "inf" || tok == "nan") return number(v, tok, at);
  return fail(at, "'" + quote_text(tok) + "' is not a value: text needs quotes (\"" + quote_text(tok) +
                      "\"), a boolean is true or false");
}

// [SECTION] keys and tables

bool Parser::key(std::vector<KeyPart>& parts) {
  for (;;) {
    skip_ws();
    KeyPart k;
    k.pos = pos();
    const char c = peek();
    if (c == '"' || c == '\'') {
      if (peek(1) == c && peek(2) == c) return fail(pos(), "a key cannot be a multi-line string");
      if (!(c == '"' ? basic_string(k.name, true) : literal_string(k.name, true))) return false;
    } else if (is_bare(c)) {
      while (is_bare(peek())) {
        k.name += peek();
        bump();
      }
    } else {
      return fail(pos(), "expected a key (letters, digits, '_' and '-', or a quoted key), found " + found());
    }
    parts.push_back(std::move(k));
    if (parts.size() > size_t(kMaxDepth)) return fail(parts.back().pos, "a key of more than 64 dotted parts");
    skip_ws();
    if (peek() != '.') return true;
    bump();
  }
}

Value* Parser::find(Value& table, std::string_view key) {
  if (slots_.empty()) return nullptr;
  const uint64_t h = hash_of(table.id, key);
  for (size_t k = h & (slots_.size() - 1);; k = (k + 1) & (slots_.size() - 1)) {
    const Slot& s = slots_[k];
    if (s.table == 0) return nullptr;
    if (s.table == table.id && s.hash == h && table.entries[s.index].key == key) return &table.entries[s.index].value;
  }
}

Value& Parser::add(Value& table, const KeyPart& key, Value&& v) {
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.table == 0) continue;
      size_t k = s.hash & (slots_.size() - 1);
      while (slots_[k].table != 0) k = (k + 1) & (slots_.size() - 1);
      slots_[k] = s;
    }
  }
  const uint64_t h = hash_of(table.id, key.name);
  size_t k = h & (slots_.size() - 1);
  while (slots_[k].table != 0) k = (k + 1) & (slots_.size() - 1);
  slots_[k] = {h, table.id, uint32_t(table.entries.size())};
  ++used_;
  table.entries.push_back({key.name, key.pos, std::move(v)});
  return table.entries.back().value;
}

Value Parser::make_table(Value::Origin origin, Pos at) {
  Value t;
  t.kind = Kind::Table;
  t.origin = origin;
  t.pos = at;
  t.id = ++tables_;
  return t;
}

// key = value into `table` (at nesting `depth`); dotted parts make tables
// that later dotted keys of the same [section] may add to.
bool Parser::keyval(Value& table, int depth) {
  std::vector<KeyPart> parts;
  if (!key(parts)) return false;
  if (peek() != '=')
    return fail(pos(), "expected '=' after the key '" + dotted(parts, parts.size()) + "', found " + found() +
                           (is_bare(peek()) ? " (a key with spaces needs quotes)" : ""));
  bump();
  skip_ws();
  Value* t = &table;
  for (size_t k = 0; k + 1 < parts.size(); ++k) {
    Value* child = find(*t, parts[k].name);
    if (!child) {
      Value made = make_table(Value::Origin::Dotted, parts[k].pos);
      made.section = section_;
      child = &add(*t, parts[k], std::move(made));
    } else if (!child->is_table()) {
      return fail(parts[k].pos, "'" + dotted(parts, k) + "' is already " + kind_name(*child) + " (line " +
                                    std::to_string(child->pos.line) + "), not a table");
    } else if (child->origin != Value::Origin::Dotted || child->section != section_) {
      return fail(parts[k].pos, "the table '" + dotted(parts, k) + "' (line " + std::to_string(child->pos.line) +
                                    ") cannot take more keys from here" +
                                    (child->origin == Value::Origin::Inline ? ": an inline table is complete as written"
                                                                            : ": add them under its own [header]"));
    }
    t = child;
  }
  const KeyPart& last = parts.back();
  if (const Value* old = find(*t, last.name))
    return fail(last.pos, "duplicate key '" + dotted(parts, parts.size()) + "' (first set at line " +
                              std::to_string(t->key_pos(last.name).line ? t->key_pos(last.name).line : old->pos.line) + ")");
  Value v;
  if (!value(v, depth + int(parts.size()))) return false;
  add(*t, last, std::move(v));
  return true;
}

// [a.b] or [[a.b]]: the table later keys go into.
bool Parser::header(Value& root) {
  const Pos at = pos();
  const bool list = peek(1) == '[';
  bump(list ? 2 : 1);
  std::vector<KeyPart> parts;
  if (!key(parts)) return false;
  if (peek() != ']' || (list && peek(1) != ']'))
    return fail(pos(), std::string("expected '") + (list ? "]]" : "]") + "' to close the header, found " + found());
  bump(list ? 2 : 1);
  const std::string name = dotted(parts, parts.size());
  Value* t = &root;
  int depth = 0;
  for (size_t k = 0; k + 1 < parts.size(); ++k) {
    Value* child = find(*t, parts[k].name);
    if (!child) {
      child = &add(*t, parts[k], make_table(Value::Origin::Implicit, at));
    } else if (child->is_array() && child->origin == Value::Origin::HeaderArray) {
      child = &child->items.back();  // [[a]] then [a.b]: b goes in the last a
      ++depth;
    } else if (!child->is_table() || child->origin == Value::Origin::Inline) {
      return fail(parts[k].pos, "'" + dotted(parts, k) + "' is already " + kind_name(*child) +
                                    (child->is_table() ? " written inline" : "") + " (line " +
                                    std::to_string(child->pos.line) + "): [" + name + "] cannot add to it");
    }
    t = child;
    ++depth;
  }
  const KeyPart& last = parts.back();
  Value* old = find(*t, last.name);
  ++depth;
  if (list) {
    if (!old) {
      Value arr;
      arr.kind = Kind::Array;
      arr.origin = Value::Origin::HeaderArray;
      arr.pos = at;
      old = &add(*t, last, std::move(arr));
    } else if (!old->is_array() || old->origin != Value::Origin::HeaderArray) {
      return fail(at, "[[" + name + "]] adds to a list of tables, but '" + name + "' is already " + kind_name(*old) +
                          " (line " + std::to_string(old->pos.line) + ")");
    }
    old->items.push_back(make_table(Value::Origin::Header, at));
    current_ = &old->items.back();
    ++depth;
  } else {
    if (!old) {
      old = &add(*t, last, make_table(Value::Origin::Header, at));
    } else if (old->is_table() && old->origin == Value::Origin::Implicit) {
      old->origin = Value::Origin::Header;
      old->pos = at;
    } else if (old->is_table()) {
      return fail(at, "the table [" + name + "] is defined twice (first at line " + std::to_string(old->pos.line) +
                          (old->origin == Value::Origin::Dotted ? ", by dotted keys)" : ")"));
    } else {
      return fail(at, "[" + name + "] names a table, but '" + name + "' is already " + kind_name(*old) + " (line " +
                          std::to_string(old->pos.line) + ")");
    }
    current_ = old;
  }
  if (depth > kMaxDepth) return fail(at, "tables nested more than 64 levels deep");
  current_depth_ = depth;
  section_ = ++sections_;
  return true;
}

// [SECTION] arrays and inline tables

bool Parser::value(Value& v, int depth) {
  v.pos = pos();
  if (depth > kMaxDepth) return fail(pos(), "values nested more than 64 levels deep");
  const char c = peek();
  if (c == '"' || c == '\'') {
    v.kind = Kind::String;
    if (peek(1) == c && peek(2) == c) return multiline(v.str, c);
    return c == '"' ? basic_string(v.str, false) : literal_string(v.str, false);
  }
  if (c == '[') return array(v, depth);
  if (c == '{') return inline_table(v, depth);
  if (eof() || at_newline()) return fail(pos(), "expected a value after '=', found " + found());
  return scalar(v);
}

bool Parser::array(Value& v, int depth) {
  const Pos open = pos();
  v.kind = Kind::Array;
  v.origin = Value::Origin::Static;
  bump();
  for (;;) {
    if (!skip_blank()) return false;
    if (peek() == ']') {
      bump();
      return true;
    }
    if (eof()) return fail(pos(), "unterminated array opened at line " + std::to_string(open.line) + ": no closing ']'");
    Value item;
    if (!value(item, depth + 1)) return false;
    v.items.push_back(std::move(item));
    if (!skip_blank()) return false;
    if (peek() == ',') {
      bump();
      continue;
    }
    if (peek() == ']') {
      bump();
      return true;
    }
    if (eof()) return fail(pos(), "unterminated array opened at line " + std::to_string(open.line) + ": no closing ']'");
    return fail(pos(), "expected ',' or ']' after an array's value, found " + found());
  }
}

bool Parser::inline_table(Value& v, int depth) {
  const Pos open = pos();
  v = make_table(Value::Origin::Inline, open);
  bump();
  const uint32_t outer = section_;
  section_ = ++sections_;
  skip_ws();
  if (peek() == '}') {
    bump();
    section_ = outer;
    return true;
  }
  for (;;) {
    if (!keyval(v, depth)) return false;
    skip_ws();
    if (peek() == ',') {
      bump();
      skip_ws();
      if (peek() == '}') return fail(pos(), "a comma before '}': an inline table has none after its last key");
      continue;
    }
    if (peek() == '}') {
      bump();
      section_ = outer;
      return true;
    }
    if (eof() || at_newline() || peek() == '#')
      return fail(pos(), "an inline table opened at column " + std::to_string(open.col) +
                             " must close with '}' on the same line (use a [table] for more lines)");
    return fail(pos(), "expected ',' or '}' in an inline table, found " + found());
  }
}

// [SECTION] the document

bool Parser::document(Value& root) {
  // Well-formed UTF-8 first, so everything after reads code points.
  for (size_t k = 0; k < s_.size();) {
    const size_t n = utf8_length(s_, k);
    if (n == 0) {
      while (i_ < k) bump();
      return fail(pos(), "not UTF-8: invalid byte sequence");
    }
    k += n;
  }
  if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a byte order mark
  root = make_table(Value::Origin::Header, {1, 1});
  current_ = &root;
  current_depth_ = 0;
  while (!eof()) {
    skip_ws();
    if (peek() == '#') {
      if (!comment()) return false;
    } else if (peek() == '[') {
      if (!header(root) || !line_end("a table header")) return false;
      continue;
    } else if (!eof() && !at_newline()) {
      if (!keyval(*current_, current_depth_) || !line_end("a value")) return false;
      continue;
    }
    if (!line_end("a comment")) return false;
  }
  return true;
}

}  // namespace

bool parse(std::string_view text, Value& root, Error& error) {
  Parser p(text);
  root = Value{};
  if (p.document(root)) return true;
  root = Value{};
  error = p.error;
  return false;
}

}  // namespace dsviz::toml
