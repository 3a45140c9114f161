// The mdbook-quiz parser on top of the core's TOML reader (toml_reader.h).
// Every rule the check command reports lives here, one message each, at the
// position of the offending value (or of the question when something is
// missing).
#include "quiz.h"

#include <algorithm>
#include <cstdio>

#include "check.h"
#include "rng.h"

#include "toml_reader.h"

namespace dsviz::quiz {

const char* type_name(Type t) {
  switch (t) {
    case Type::MultipleChoice: return "MultipleChoice";
    case Type::ShortAnswer: return "ShortAnswer";
    case Type::Tracing: return "Tracing";
  }
  return "?";
}

bool Question::is_correct_option(uint32_t option) const {
  return std::find(correct.begin(), correct.end(), option) != correct.end();
}

const std::string* Quiz::multipart_context(size_t q) const {
  if (q >= questions.size() || questions[q].multipart.empty()) return nullptr;
  for (const auto& [k, v] : multipart)
    if (k == questions[q].multipart) return &v;
  return nullptr;
}

std::string Quiz::key(size_t q) const {
  if (q < questions.size() && !questions[q].id.empty()) return questions[q].id;
  return "#" + std::to_string(q + 1);
}

long Quiz::find(std::string_view k) const {
  for (size_t q = 0; q < questions.size(); ++q)
    if (key(q) == k) return long(q);
  return -1;
}

std::string format_problem(const Problem& p) {
  char where[48];
  std::snprintf(where, sizeof where, "%u:%u: ", p.pos.line, p.pos.col);
  return where + std::string(p.severity == Severity::Error ? "error: " : "warning: ") + p.message;
}

bool has_errors(const std::vector<Problem>& problems) {
  for (const auto& p : problems)
    if (p.severity == Severity::Error) return true;
  return false;
}

namespace {

Pos pos_of(const toml::Value& n) { return Pos{n.pos.line, n.pos.col}; }

// Strings are compared for duplicates with surrounding white space ignored.
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A quoted excerpt of an option for messages: at most ~40 code points.
std::string excerpt(std::string_view s) {
  s = trim(s);
  size_t i = 0, n = 0;
  while (i < s.size() && n < 40) {
    next_code_point(s, i);
    ++n;
  }
  std::string out = "'" + std::string(s.substr(0, i));
  if (i < s.size()) out += "...";
  return out + "'";
}

class Reader {
 public:
  explicit Reader(std::vector<Problem>& problems) : problems_(problems) {}

  void error(Pos p, std::string msg) { problems_.push_back({p, Severity::Error, std::move(msg)}); }
  void warn(Pos p, std::string msg) { problems_.push_back({p, Severity::Warning, std::move(msg)}); }

  // Reports every code point of a shown string that the font cannot draw,
  // once per code point per string.
  void glyphs(const toml::Value& n, std::string_view s, const char* what) {
    std::vector<char32_t> seen;
    for (size_t i = 0; i < s.size();) {
      const char32_t c = next_code_point(s, i);
      if (c == '\n' || c == '\t' || c == '\r' || font_covers(c)) continue;
      if (std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
      seen.push_back(c);
      warn(pos_of(n), describe_code_point(c) + " in " + what + " is not in the app's font: it would show as a box");
    }
  }

  // A string field: false (and a message) when present but not a string.
  bool str(const toml::Value& t, const char* key, const char* name, std::string& out, bool shown, const toml::Value*& at) {
    at = t.get(key);
    if (!at) return false;
    if (!at->is_string()) {
      error(pos_of(*at), std::string("'") + name + "' must be a string");
      return false;
    }
    out = at->str;
    if (shown) glyphs(*at, out, name);
    return true;
  }
  bool str(const toml::Value& t, const char* key, const char* name, std::string& out, bool shown) {
    const toml::Value* at;
    return str(t, key, name, out, shown, at);
  }

  bool boolean(const toml::Value& t, const char* key, const char* name, bool& out) {
    const toml::Value* at = t.get(key);
    if (!at) return false;
    if (at->is_boolean()) {
      out = at->boolean;
      return true;
    }
    error(pos_of(*at), std::string("'") + name + "' must be true or false");
    return false;
  }

  bool integer(const toml::Value& t, const char* key, const char* name, int& out, const toml::Value*& at) {
    at = t.get(key);
    if (!at) return false;
    if (at->is_integer()) {
      const int64_t x = at->integer;
      out = x < -1000000 ? -1000000 : x > 1000000 ? 1000000 : int(x);
      return true;
    }
    error(pos_of(*at), std::string("'") + name + "' must be a whole number");
    return false;
  }

  // A list of strings; each element reported when not a string.
  bool strings(const toml::Value& n, const char* name, std::vector<std::pair<std::string, const toml::Value*>>& out,
               bool shown) {
    if (!n.is_array()) {
      error(pos_of(n), std::string("'") + name + "' must be a list of strings");
      return false;
    }
    bool ok = true;
    for (const toml::Value& e : n.items) {
      if (!e.is_string()) {
        error(pos_of(e), std::string("each entry of '") + name + "' must be a string");
        ok = false;
        continue;
      }
      out.emplace_back(e.str, &e);
      if (shown) glyphs(e, e.str, name);
    }
    return ok;
  }

  void unknown_keys(const toml::Value& t, std::initializer_list<const char*> known, const char* prefix) {
    for (const toml::Entry& e : t.entries) {
      bool ok = false;
      for (const char* x : known) ok |= e.key == x;
      if (ok) continue;
      warn(Pos{e.key_pos.line, e.key_pos.col}, "unknown key '" + std::string(prefix) + e.key + "' (ignored)");
    }
  }

  void question(const toml::Value& t, size_t index, Question& q);

  // Where each question's id and multipart values are, for the rules that
  // span questions.
  std::vector<Pos> id_pos, multipart_pos;

 private:
  void multiple_choice(const toml::Value& t, const toml::Value& prompt, const toml::Value& answer, Question& q);
  void short_answer(const toml::Value& prompt, const toml::Value& answer, Question& q);
  void tracing(const toml::Value& prompt, const toml::Value& answer, Question& q);
  std::vector<Problem>& problems_;
};

void Reader::question(const toml::Value& t, size_t index, Question& q) {
  q.pos = pos_of(t);
  const std::string n = "question " + std::to_string(index + 1);
  unknown_keys(t, {"type", "prompt", "answer", "id", "context", "multipart", "promptExplanation"}, "");

  std::string type;
  const toml::Value* type_at = nullptr;
  if (!str(t, "type", "type", type, false, type_at)) {
    if (!type_at) error(q.pos, n + ": missing 'type' (MultipleChoice, ShortAnswer or Tracing)");
    return;
  }
  if (type == "MultipleChoice") q.type = Type::MultipleChoice;
  else if (type == "ShortAnswer") q.type = Type::ShortAnswer;
  else if (type == "Tracing") q.type = Type::Tracing;
  else {
    error(pos_of(*type_at), n + ": unknown question type '" + type + "' (MultipleChoice, ShortAnswer or Tracing)");
    return;
  }

  const toml::Value* id_at = nullptr;
  const toml::Value* mp_at = nullptr;
  str(t, "id", "id", q.id, false, id_at);
  str(t, "context", "context", q.context, true);
  str(t, "multipart", "multipart", q.multipart, false, mp_at);
  id_pos[index] = id_at ? pos_of(*id_at) : q.pos;
  multipart_pos[index] = mp_at ? pos_of(*mp_at) : q.pos;
  boolean(t, "promptExplanation", "promptExplanation", q.prompt_explanation);

  const toml::Value* p = t.get("prompt");
  const toml::Value* a = t.get("answer");
  if (!p) error(q.pos, n + ": missing 'prompt'");
  else if (!p->is_table()) error(pos_of(*p), n + ": 'prompt' must be a table (prompt.prompt = ...)");
  if (!a) error(q.pos, n + ": missing 'answer'");
  else if (!a->is_table()) error(pos_of(*a), n + ": 'answer' must be a table (answer.answer = ...)");
  if (!p || !a || !p->is_table() || !a->is_table()) return;
  const toml::Value& prompt = *p;
  const toml::Value& answer = *a;
  switch (q.type) {
    case Type::MultipleChoice: multiple_choice(t, prompt, answer, q); break;
    case Type::ShortAnswer: short_answer(prompt, answer, q); break;
    case Type::Tracing: tracing(prompt, answer, q); break;
  }
}

void Reader::multiple_choice(const toml::Value& t, const toml::Value& prompt, const toml::Value& answer, Question& q) {
  unknown_keys(prompt, {"prompt", "distractors", "answerIndex", "sortAnswers"}, "prompt.");
  unknown_keys(answer, {"answer"}, "answer.");
  const toml::Value* at = nullptr;
  if (!str(prompt, "prompt", "prompt.prompt", q.prompt, true, at) && !at) error(pos_of(t), "missing 'prompt.prompt'");

  std::vector<std::pair<std::string, const toml::Value*>> answers, distractors;
  const toml::Value* ans = answer.get("answer");
  if (!ans) {
    error(pos_of(t), "missing 'answer.answer'");
  } else if (ans->is_string()) {
    answers.emplace_back(ans->str, ans);
    glyphs(*ans, ans->str, "answer.answer");
  } else if (ans->is_array()) {
    q.select_all = true;
    strings(*ans, "answer.answer", answers, true);
    if (ans->items.empty()) error(pos_of(*ans), "empty answer list: 'answer.answer' needs at least one correct option");
  } else {
    error(pos_of(*ans), "'answer.answer' must be a string, or a list of strings (select all that apply)");
  }

  const toml::Value* d = prompt.get("distractors");
  if (!d) error(pos_of(t), "missing 'prompt.distractors'");
  else strings(*d, "prompt.distractors", distractors, true);

  // Each distinct option once: answers first, then distractors.
  struct Seen {
    std::string_view text;
    const toml::Value* at;
    bool answer;
  };
  std::vector<Seen> seen;
  auto add = [&](const std::string& text, const toml::Value* at, bool is_answer) {
    const std::string_view k = trim(text);
    for (const Seen& f : seen) {
      if (f.text != k) continue;
      warn(pos_of(*at), "duplicate option " + excerpt(text) + ": the same as the " +
                            (f.answer ? "answer" : "option") + " at line " + std::to_string(pos_of(*f.at).line) +
                            "; shown once");
      return;
    }
    seen.push_back({k, at, is_answer});
    if (is_answer) q.correct.push_back(uint32_t(q.options.size()));
    q.options.push_back(text);
  };
  for (const auto& [s, at] : answers) add(s, at, true);
  for (const auto& [s, at] : distractors) add(s, at, false);

  const toml::Value* idx_at = nullptr;
  const toml::Value* sort_at = prompt.get("sortAnswers");
  const bool has_index = integer(prompt, "answerIndex", "prompt.answerIndex", q.answer_index, idx_at);
  boolean(prompt, "sortAnswers", "prompt.sortAnswers", q.sort_answers);
  if (has_index && sort_at) error(pos_of(*idx_at), "both 'prompt.answerIndex' and 'prompt.sortAnswers': use one");
  if (has_index && (q.answer_index < 0 || size_t(q.answer_index) > distractors.size())) {
    error(pos_of(*idx_at), "'prompt.answerIndex' is " + std::to_string(q.answer_index) + ", out of range 0 to " +
                               std::to_string(distractors.size()) + " (the number of distractors)");
    q.answer_index = -1;
  }
  if (!has_index) q.answer_index = -1;
}

void Reader::short_answer(const toml::Value& prompt, const toml::Value& answer, Question& q) {
  unknown_keys(prompt, {"prompt", "response"}, "prompt.");
  unknown_keys(answer, {"answer", "alternatives"}, "answer.");
  const toml::Value* at = nullptr;
  if (!str(prompt, "prompt", "prompt.prompt", q.prompt, true, at) && !at) error(q.pos, "missing 'prompt.prompt'");
  std::string response;
  const toml::Value* r = nullptr;
  if (str(prompt, "response", "prompt.response", response, false, r)) {
    if (response == "short") q.response = Response::Short;
    else if (response == "long") q.response = Response::Long;
    else if (response == "code") q.response = Response::Code;
    else error(pos_of(*r), "'prompt.response' is '" + response + "': short, long or code");
  }
  const toml::Value* a = nullptr;
  if (!str(answer, "answer", "answer.answer", q.answer, true, a) && !a) error(q.pos, "missing 'answer.answer'");
  else if (a && a->is_string() && trim(q.answer).empty()) error(pos_of(*a), "'answer.answer' is empty");
  if (const toml::Value* alt = answer.get("alternatives")) {
    std::vector<std::pair<std::string, const toml::Value*>> list;
    strings(*alt, "answer.alternatives", list, false);
    for (auto& [s, n] : list) q.alternatives.push_back(std::move(s));
  }
}

void Reader::tracing(const toml::Value& prompt, const toml::Value& answer, Question& q) {
  unknown_keys(prompt, {"program"}, "prompt.");
  unknown_keys(answer, {"doesCompile", "stdout", "lineNumber"}, "answer.");
  const toml::Value* at = nullptr;
  if (!str(prompt, "program", "prompt.program", q.program, true, at) && !at) error(q.pos, "missing 'prompt.program'");
  const toml::Value* dc = answer.get("doesCompile");
  if (!dc) error(q.pos, "missing 'answer.doesCompile'");
  else boolean(answer, "doesCompile", "answer.doesCompile", q.does_compile);
  const toml::Value* out = nullptr;
  const bool has_stdout = str(answer, "stdout", "answer.stdout", q.expected_stdout, true, out);
  if (dc && dc->is_boolean() && q.does_compile && !has_stdout && !out)
    warn(q.pos, "'answer.doesCompile' is true but there is no 'answer.stdout': graded as no output");
  const toml::Value* ln = nullptr;
  integer(answer, "lineNumber", "answer.lineNumber", q.line_number, ln);
}

}  // namespace

bool parse_quiz(std::string_view text, Quiz& out, std::vector<Problem>& problems) {
  out = Quiz{};
  const size_t before = problems.size();
  auto failed = [&] {
    for (size_t i = before; i < problems.size(); ++i)
      if (problems[i].severity == Severity::Error) return true;
    return false;
  };
  if (text.size() > kMaxQuizBytes) {
    problems.push_back({{1, 1}, Severity::Error,
                        "file too large: " + std::to_string(text.size()) + " bytes (the limit is " +
                            std::to_string(kMaxQuizBytes) + ")"});
    return false;
  }
  Pos bad;
  if (!valid_utf8(text, &bad)) {
    problems.push_back({bad, Severity::Error, "not UTF-8: invalid byte sequence"});
    return false;
  }

  toml::Value root;
  toml::Error syntax;
  if (!toml::parse(text, root, syntax)) {
    problems.push_back({{syntax.pos.line, syntax.pos.col}, Severity::Error, "TOML syntax: " + syntax.message});
    return false;
  }
  Reader rd(problems);
  rd.unknown_keys(root, {"questions", "multipart"}, "");

  Quiz quiz;
  std::vector<size_t> ids;  // questions[k] came from entry ids[k] of the list
  if (const toml::Value* mp = root.get("multipart")) {
    if (mp->is_table()) {
      for (const toml::Entry& e : mp->entries) {
        if (e.value.is_string()) {
          quiz.multipart.emplace_back(e.key, e.value.str);
          rd.glyphs(e.value, e.value.str, "multipart context");
        } else {
          rd.error(pos_of(e.value), "multipart '" + e.key + "' must be a string");
        }
      }
    } else {
      rd.error(pos_of(*mp), "'multipart' must be a table of key = \"shared context\"");
    }
  }

  const toml::Value* qs = root.get("questions");
  if (!qs) {
    rd.error({1, 1}, "empty questions list: no [[questions]]");
  } else if (!qs->is_array()) {
    rd.error(pos_of(*qs), "'questions' must be a list of tables ([[questions]])");
  } else if (qs->items.empty()) {
    rd.error(pos_of(*qs), "empty questions list");
  } else {
    rd.id_pos.assign(qs->items.size(), Pos{});
    rd.multipart_pos.assign(qs->items.size(), Pos{});
    size_t i = 0;
    for (const toml::Value& n : qs->items) {
      if (n.is_table()) {
        Question q;
        rd.question(n, i, q);
        quiz.questions.push_back(std::move(q));
        ids.push_back(i);
      } else {
        rd.error(pos_of(n), "question " + std::to_string(i + 1) + " must be a table ([[questions]])");
      }
      ++i;
    }
  }

  // Rules across questions: ids unique, multipart keys defined.
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const Question& q = quiz.questions[i];
    if (!q.id.empty()) {
      for (size_t j = 0; j < i; ++j) {
        if (quiz.questions[j].id != q.id) continue;
        rd.error(rd.id_pos[ids[i]], "duplicate id '" + q.id + "' (first used by the question at line " +
                                        std::to_string(quiz.questions[j].pos.line) + ")");
        break;
      }
    }
    if (!q.multipart.empty() && !quiz.multipart_context(i))
      rd.error(rd.multipart_pos[ids[i]], "missing multipart key '" + q.multipart + "' (not in the [multipart] table)");
  }
  // In file order, whichever rule found them, ties in the order found: one
  // sort of (line, column, index) keys, which the C++ library already has
  // compiled (a stable_sort of Problem was 3.5 KB of the page's code). The
  // size limit keeps lines and columns under 2^20 and problems under 2^24.
  std::vector<uint64_t> keys;
  for (size_t i = before; i < problems.size(); ++i) {
    const Pos& p = problems[i].pos;
    keys.push_back(uint64_t(std::min(p.line, 0xFFFFFu)) << 44 | uint64_t(std::min(p.col, 0xFFFFFu)) << 24 |
                   uint64_t(i - before));
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Problem> found;
  for (uint64_t k : keys) found.push_back(std::move(problems[before + (k & 0xFFFFFF)]));
  std::move(found.begin(), found.end(), problems.begin() + long(before));

  if (failed()) return false;
  out = std::move(quiz);
  return true;
}

std::vector<uint32_t> display_order(const Quiz& quiz, size_t q, uint64_t seed, bool shuffle) {
  std::vector<uint32_t> order;
  if (q >= quiz.questions.size()) return order;
  const Question& qu = quiz.questions[q];
  const uint32_t n = uint32_t(qu.options.size());
  if (qu.answer_index >= 0) {
    // The distractors in file order, the answers inserted at answerIndex.
    for (uint32_t i = 0; i < n; ++i)
      if (!qu.is_correct_option(i)) order.push_back(i);
    const size_t at = std::min(size_t(qu.answer_index), order.size());
    order.insert(order.begin() + long(at), qu.correct.begin(), qu.correct.end());
    return order;
  }
  for (uint32_t i = 0; i < n; ++i) order.push_back(i);
  if (qu.sort_answers) {
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return qu.options[a] < qu.options[b]; });
    return order;
  }
  if (!shuffle) return order;
  // The question's own stream: FNV-1a of its key, so inserting a question
  // elsewhere does not reshuffle this one.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : quiz.key(q)) h = (h ^ uint8_t(c)) * 0x100000001b3ULL;
  Rng rng(derive_seed(seed, h));
  for (uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  return order;
}

}  // namespace dsviz::quiz
