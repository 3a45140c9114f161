// core/toml_reader: what it reads (every value form, tables, positions in
// code points) and what it refuses, each refusal at its line and column with
// its message. Runs natively and under Node, so floats are checked for the
// same bits on both.
#include <doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "toml_reader.h"

using namespace dsviz::toml;

namespace {

Value read_ok(const std::string& text) {
  Value root;
  Error e;
  const bool ok = parse(text, root, e);
  INFO(text);
  INFO(e.pos.line << ":" << e.pos.col << ": " << e.message);
  REQUIRE(ok);
  CHECK(root.is_table());
  return root;
}

// The error a text gives: "LINE:COL: message".
std::string error_of(const std::string& text) {
  Value root;
  Error e;
  if (parse(text, root, e)) return "(no error)";
  CHECK(root.entries.empty());
  return std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.message;
}

const std::string& str(const Value& t, const char* key) {
  const Value* v = t.get(key);
  REQUIRE(v != nullptr);
  REQUIRE(v->is_string());
  return v->str;
}

uint64_t bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

}  // namespace

TEST_CASE("strings: basic, literal, multi-line, every escape") {
  const Value r = read_ok(
      "a = \"tab\\there \\\"q\\\" back\\\\slash \\b\\f\\r\\n\"\n"
      "b = 'C:\\path\\no escapes \"here\"'\n"
      "c = \"\\u00e9\\u0153 \\U0001F600\"\n"
      "d = \"\"\"\nfirst\nsecond\"\"\"\n"
      "e = \"\"\"one \\\n      two \\\n\n   three\"\"\"\n"
      "f = \"\"\"ends with two quotes\"\"\"\"\"\n"
      "g = '''\n  kept \\n as written\n'''\n"
      "h = \"\"\"crlf\r\nline\"\"\"\n"
      "i = \"\"\n"
      "j = \"caf\xc3\xa9 \xe2\x80\x94 ok\"\n");
  CHECK(str(r, "a") == "tab\there \"q\" back\\slash \b\f\r\n");
  CHECK(str(r, "b") == "C:\\path\\no escapes \"here\"");
  CHECK(str(r, "c") == "\xc3\xa9\xc5\x93 \xf0\x9f\x98\x80");
  CHECK(str(r, "d") == "first\nsecond");
  CHECK(str(r, "e") == "one two three");
  CHECK(str(r, "f") == "ends with two quotes\"\"");
  CHECK(str(r, "g") == "  kept \\n as written\n");
  CHECK(str(r, "h") == "crlf\nline");
  CHECK(str(r, "i").empty());
  CHECK(str(r, "j") == "caf\xc3\xa9 \xe2\x80\x94 ok");
}

TEST_CASE("integers, floats and booleans") {
  const Value r = read_ok(
      "a = 42\nb = -17\nc = +5\nd = 1_000_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1011\n"
      "h = 9223372036854775807\ni = -9223372036854775808\nj = 0\n"
      "k = 0.1\nl = -0.125\nm = 6.02e+23\nn = 1_000.5\no = 1e3\np = -0.0\nq = inf\nr = -inf\ns = nan\n"
      "t = 2.2250738585072014e-308\nu = 9007199254740993.0\nv = 1E-2\nw = true\nx = false\n");
  const auto i = [&](const char* k) {
    const Value* v = r.get(k);
    REQUIRE(v != nullptr);
    REQUIRE(v->is_integer());
    return v->integer;
  };
  const auto f = [&](const char* k) {
    const Value* v = r.get(k);
    REQUIRE(v != nullptr);
    REQUIRE(v->kind == Kind::Float);
    return v->real;
  };
  CHECK(i("a") == 42);
  CHECK(i("b") == -17);
  CHECK(i("c") == 5);
  CHECK(i("d") == 1000000);
  CHECK(i("e") == 0xDEADBEEF);
  CHECK(i("f") == 0755);
  CHECK(i("g") == 11);
  CHECK(i("h") == INT64_MAX);
  CHECK(i("i") == INT64_MIN);
  CHECK(i("j") == 0);
  // Correctly rounded, the same bits natively and in wasm.
  CHECK(bits(f("k")) == bits(0.1));
  CHECK(bits(f("l")) == bits(-0.125));
  CHECK(bits(f("m")) == bits(6.02e23));
  CHECK(bits(f("n")) == bits(1000.5));
  CHECK(bits(f("o")) == bits(1000.0));
  CHECK(bits(f("p")) == bits(-0.0));
  CHECK(f("q") == INFINITY);
  CHECK(f("r") == -INFINITY);
  CHECK(std::isnan(f("s")));
  CHECK(bits(f("t")) == bits(2.2250738585072014e-308));
  CHECK(bits(f("u")) == bits(9007199254740992.0));  // the tie rounds to even
  CHECK(bits(f("v")) == bits(0.01));
  REQUIRE(r.get("w") != nullptr);
  CHECK(r.get("w")->is_boolean());
  CHECK(r.get("w")->boolean);
  CHECK_FALSE(r.get("x")->boolean);
}

TEST_CASE("tables, arrays of tables, dotted keys, inline tables, arrays") {
  const Value r = read_ok(
      "# a comment\n"
      "top = 1 # trailing comment\n"
      "[[questions]]\n"
      "type = \"ShortAnswer\"\n"
      "prompt.prompt = \"x\"\n"
      "answer.answer = \"y\"\n"
      "answer.\"quoted key\" = 'z'\n"
      "[questions.extra]\n"
      "n = 3\n"
      "[[questions]]\n"
      "prompt = { prompt = \"p\", distractors = [\"a\", \"b\"], deep.er = 1 }\n"
      "list = [\n  1, # one\n  2,\n\n  [3, 'three'],\n]\n"
      "[a.b.c]\n"
      "x = 1\n"
      "[a]\n"
      "y = 2\n"
      "[a.b.d]\n"
      "z = 3\n");
  CHECK(r.get("top")->integer == 1);
  const Value* qs = r.get("questions");
  REQUIRE(qs != nullptr);
  REQUIRE(qs->is_array());
  REQUIRE(qs->items.size() == 2);
  const Value& q1 = qs->items[0];
  CHECK(str(q1, "type") == "ShortAnswer");
  CHECK(str(*q1.get("prompt"), "prompt") == "x");
  CHECK(str(*q1.get("answer"), "quoted key") == "z");
  CHECK(q1.get("extra")->get("n")->integer == 3);
  // Keys in file order.
  REQUIRE(q1.entries.size() == 4);
  CHECK(q1.entries[0].key == "type");
  CHECK(q1.entries[3].key == "extra");
  const Value& q2 = qs->items[1];
  const Value* p = q2.get("prompt");
  REQUIRE(p != nullptr);
  CHECK(str(*p, "prompt") == "p");
  REQUIRE(p->get("distractors")->items.size() == 2);
  CHECK(p->get("distractors")->items[1].str == "b");
  CHECK(p->get("deep")->get("er")->integer == 1);
  const Value* list = q2.get("list");
  REQUIRE(list->items.size() == 3);
  CHECK(list->items[1].integer == 2);
  CHECK(list->items[2].items[1].str == "three");
  const Value* a = r.get("a");
  CHECK(a->get("y")->integer == 2);
  CHECK(a->get("b")->get("c")->get("x")->integer == 1);
  CHECK(a->get("b")->get("d")->get("z")->integer == 3);
  CHECK(r.get("nothing") == nullptr);
  CHECK(r.get("top")->get("top") == nullptr);  // not a table
}

TEST_CASE("positions: 1-based lines, columns in code points") {
  const Value r = read_ok(
      "[[questions]]\n"
      "prompt.distractors = [\"a\", \"b \"]\n"
      "\"\xc3\xa9t\xc3\xa9\" = \"\xe2\x80\x94\"  \n"
      "answer.alternative = 1\n"
      "big = \"\"\"\nx\ny\"\"\"\nafter = 2\n");
  const Value& q = r.get("questions")->items[0];
  CHECK(q.pos.line == 1);
  CHECK(q.pos.col == 1);
  const Value& d = *q.get("prompt")->get("distractors");
  CHECK(d.pos.line == 2);
  CHECK(d.pos.col == 22);
  CHECK(d.items[1].pos.col == 28);
  const Value* ete = q.get("\xc3\xa9t\xc3\xa9");
  REQUIRE(ete != nullptr);
  CHECK(ete->pos.line == 3);
  CHECK(ete->pos.col == 9);  // "été" counts 3 columns, its quotes 2
  CHECK(q.get("answer")->key_pos("alternative").line == 4);
  CHECK(q.get("answer")->key_pos("alternative").col == 8);
  CHECK(q.get("after")->pos.line == 8);
  CHECK(q.get("after")->pos.col == 9);
}

TEST_CASE("every malformed input: one error at its line and column") {
  struct Case {
    const char* text;
    const char* want;  // the start of "LINE:COL: message"
  } cases[] = {
      {"a = \"open\nb = 1\n", "1:10: unterminated string opened at column 5"},
      {"a = 'open\n", "1:10: unterminated literal string"},
      {"a = \"\"\"never closed\n\n", "3:1: unterminated multi-line string opened at line 1"},
      {"a = '''never closed", "1:20: unterminated multi-line string opened at line 1: no closing '''"},
      {"a = \"bad \\x escape\"\n", "1:10: unknown escape: a backslash followed by 'x'"},
      {"a = \"\\uD800\"\n", "1:6: the escape \\u names U+D800, which is not a Unicode character"},
      {"a = \"\\u12G4\"\n", "1:10: the escape \\u takes 4 hexadecimal digits, found 'G'"},
      {"a = \"ctl \x01\"\n", "1:10: control character U+0001 in a string"},
      {"# ctl \x7f\n", "1:7: control character U+007F in a comment"},
      {"a = \"\"\"x\"\"\"\"\"\"\n", "1:14: three \" in a row end a multi-line string"},
      {"a = 1\na = 2\n", "2:1: duplicate key 'a' (first set at line 1)"},
      {"[t]\nx.y = 1\nx.y = 2\n", "3:3: duplicate key 'x.y' (first set at line 2)"},
      {"[t]\n[t]\n", "2:1: the table [t] is defined twice (first at line 1)"},
      {"[t]\nx.y = 1\n[t.x]\n", "3:1: the table [t.x] is defined twice (first at line 2, by dotted keys)"},
      {"[a.b]\nz = 1\n[a]\nb.w = 2\n", "4:1: the table 'b' (line 1) cannot take more keys from here"},
      {"t = { x = 1 }\nt.y = 2\n", "2:1: the table 't' (line 1) cannot take more keys from here: an inline table"},
      {"t = { x = 1 }\n[t.sub]\n", "2:2: 't' is already a table written inline (line 1)"},
      {"x = [1]\n[[x]]\n", "2:1: [[x]] adds to a list of tables, but 'x' is already an array (line 1)"},
      {"[x]\n[[x]]\n", "2:1: [[x]] adds to a list of tables, but 'x' is already a table (line 1)"},
      {"[[x]]\n[x]\n", "2:1: [x] names a table, but 'x' is already an array"},
      {"s = 'str'\n[s.t]\n", "2:2: 's' is already a string (line 1): [s.t] cannot add to it"},
      {"s = 'str'\ns.t = 1\n", "2:1: 's' is already a string (line 1), not a table"},
      {"a = 012\n", "1:5: '012' is not a number: no leading zeros"},
      {"a = 1.5.2\n", "1:5: '1.5.2' is not a number: unexpected characters after the number"},
      {"a = 1e999\n", "1:5: '1e999' is not a number: out of range for a float"},
      {"a = 1.\n", "1:5: '1.' is not a number: expected digits after the '.'"},
      {"a = .5\n", "1:5: '.5' is not a number: expected digits"},
      {"a = 1__0\n", "1:5: '1__0' is not a number: expected digits"},
      {"a = 9223372036854775808\n", "1:5: '9223372036854775808' is not a number: larger than"},
      {"a = -9223372036854775809\n", "1:5: '-9223372036854775809' is not a number: smaller than"},
      {"a = -0x10\n", "1:5: '-0x10' is not a number: a hexadecimal, octal or binary integer has no sign"},
      {"a = 0b102\n", "1:5: '0b102' is not a number: misplaced '_' or a digit"},
      {"a = 1979-05-27\n", "1:5: '1979-05-27': dates and times are not read here"},
      {"a = 07:32:00\n", "1:5: '07:32:00': dates and times are not read here"},
      {"a = yes\n", "1:5: 'yes' is not a value: text needs quotes (\"yes\"), a boolean is true or false"},
      {"a = True\n", "1:5: 'True' is not a value"},
      {"a =\n", "1:4: expected a value after '=', found the end of the line"},
      {"a = ", "1:5: expected a value after '=', found the end of the file"},
      {"a = 1 b = 2\n", "1:7: expected the end of the line after a value, found 'b'"},
      {"[t] x = 1\n", "1:5: expected the end of the line after a table header"},
      {"my key = 1\n", "1:4: expected '=' after the key 'my', found 'k' (a key with spaces needs quotes)"},
      {"a.\n", "1:3: expected a key"},
      {"= 1\n", "1:1: expected a key"},
      {"\"\"\"k\"\"\" = 1\n", "1:1: a key cannot be a multi-line string"},
      {"[t\n", "1:3: expected ']' to close the header, found the end of the line"},
      {"[[t]\n", "1:4: expected ']]' to close the header"},
      {"a = [1, 2\n", "2:1: unterminated array opened at line 1"},
      {"a = [1 2]\n", "1:8: expected ',' or ']' after an array's value, found '2'"},
      {"a = [,]\n", "1:6: expected a value"},
      {"t = { a = 1, }\n", "1:14: a comma before '}'"},
      {"t = { a = 1\n", "1:12: an inline table opened at column 5 must close with '}' on the same line"},
      {"t = { a = 1, a = 2 }\n", "1:14: duplicate key 'a'"},
      {"a = \"caf\xe9\"\n", "1:9: not UTF-8: invalid byte sequence"},
      {"a = \"\xed\xa0\x80\"\n", "1:6: not UTF-8"},  // an encoded surrogate
      {"a = \"\xc0\xaf\"\n", "1:6: not UTF-8"},      // an overlong '/'
      {"\xc3\xa9 = 1\n", "1:1: expected a key (letters, digits, '_' and '-', or a quoted key), found U+00E9"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string got = error_of(c.text);
    CHECK_MESSAGE(got.rfind(c.want, 0) == 0, got);
  }
}

TEST_CASE("bounded: deep nesting is refused, many keys stay linear") {
  CHECK(error_of("a = " + std::string(100, '[')).find("nested more than 64 levels deep") != std::string::npos);
  CHECK(error_of("a = " + std::string(100, '{')).find("expected a key") != std::string::npos);
  std::string nested = "a = ";
  for (int k = 0; k < 100; ++k) nested += "{ b = ";
  CHECK(error_of(nested).find("nested more than 64 levels deep") != std::string::npos);
  std::string dots = "k";
  for (int k = 0; k < 70; ++k) dots += ".k";
  CHECK(error_of(dots + " = 1\n").find("more than 64 dotted parts") != std::string::npos);
  CHECK(error_of("[" + dots + "]\n").find("more than 64 dotted parts") != std::string::npos);
  // 40,000 keys in one table (a quadratic duplicate check would take
  // seconds), then the last one repeated.
  std::string many;
  for (int k = 0; k < 40000; ++k) many += "k" + std::to_string(k) + " = " + std::to_string(k) + "\n";
  const Value r = read_ok(many);
  CHECK(r.entries.size() == 40000);
  CHECK(r.get("k39999")->integer == 39999);
  CHECK(error_of(many + "k123 = 1\n") == "40001:1: duplicate key 'k123' (first set at line 124)");
  // A byte order mark is not a key.
  CHECK(read_ok("\xEF\xBB\xBF" "a = 1\n").get("a")->integer == 1);
}
