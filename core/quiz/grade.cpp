#include "grade.h"

#include <algorithm>
#include <cstdlib>

namespace dsviz::quiz {

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Program output compared line by line, trailing white space and
// trailing blank lines ignored (CRLF or LF alike).
std::string normalize_output(std::string_view s) {
  std::string out, line;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      while (!line.empty() && space(line.back())) line.pop_back();
      out += line;
      out += '\n';
      line.clear();
    } else {
      line += s[i];
    }
  }
  while (!out.empty() && (out.back() == '\n')) out.pop_back();
  // Leading blank lines too: readers often start their answer on a new line.
  size_t k = 0;
  while (k < out.size() && out[k] == '\n') ++k;
  return out.substr(k);
}

constexpr std::string_view kHeader = "dsviz-quiz-answers 1";
constexpr size_t kMaxRecordBytes = 1 << 20;
constexpr size_t kMaxEntries = 4096;
constexpr size_t kMaxField = 16384;

std::string escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '%') o += "%25";
    else if (c == '\t') o += "%09";
    else if (c == '\n') o += "%0A";
    else if (c == '\r') o += "%0D";
    else o += c;
  }
  return o;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool unescape(std::string_view s, std::string& o) {
  o.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      o += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return false;
    const int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
    if (h < 0 || l < 0) return false;
    o += char(h * 16 + l);
    i += 2;
  }
  return true;
}

bool parse_int(std::string_view s, long lo, long hi, long& out) {
  if (s.empty() || s.size() > 9) return false;
  bool neg = s[0] == '-';
  if (neg) s.remove_prefix(1);
  if (s.empty()) return false;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (neg) v = -v;
  if (v < lo || v > hi) return false;
  out = v;
  return true;
}

}  // namespace

std::string normalize_short_answer(std::string_view s) {
  std::string o(trim(s));
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return o;
}

bool grade(const Question& q, const Answer& a) {
  switch (q.type) {
    case Type::MultipleChoice: {
      std::vector<uint32_t> chosen = a.chosen, want = q.correct;
      std::sort(chosen.begin(), chosen.end());
      chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
      std::sort(want.begin(), want.end());
      return !want.empty() && chosen == want;
    }
    case Type::ShortAnswer: {
      const std::string got = normalize_short_answer(a.text);
      if (got.empty()) return false;
      if (got == normalize_short_answer(q.answer)) return true;
      for (const auto& alt : q.alternatives)
        if (got == normalize_short_answer(alt)) return true;
      return false;
    }
    case Type::Tracing:
      if (a.does_compile != q.does_compile) return false;
      if (q.does_compile) return normalize_output(a.text) == normalize_output(q.expected_stdout);
      return q.line_number < 0 || a.line_number == q.line_number;
  }
  return false;
}

Score score(const Quiz& quiz, const Answers& answers) {
  Score s;
  s.total = uint32_t(quiz.questions.size());
  for (size_t q = 0; q < quiz.questions.size(); ++q) {
    const auto it = answers.find(quiz.key(q));
    if (it == answers.end() || !it->second.submitted) continue;
    ++s.submitted;
    if (grade(quiz.questions[q], it->second)) ++s.correct;
  }
  return s;
}

std::vector<size_t> missed(const Quiz& quiz, const Answers& answers) {
  std::vector<size_t> out;
  for (size_t q = 0; q < quiz.questions.size(); ++q) {
    const auto it = answers.find(quiz.key(q));
    if (it != answers.end() && it->second.submitted && !grade(quiz.questions[q], it->second)) out.push_back(q);
  }
  return out;
}

// One line per answer: key, submitted (0/1), chosen ("0,2" or "-"),
// does_compile (0/1), line number, text, explanation; tab-separated.
std::string serialize_answers(const Answers& answers) {
  std::string o(kHeader);
  o += '\n';
  for (const auto& [key, a] : answers) {
    std::string chosen;
    for (uint32_t c : a.chosen) chosen += (chosen.empty() ? "" : ",") + std::to_string(c);
    o += escape(key) + '\t' + (a.submitted ? "1" : "0") + '\t' + (chosen.empty() ? "-" : chosen) + '\t' +
         (a.does_compile ? "1" : "0") + '\t' + std::to_string(a.line_number) + '\t' + escape(a.text) + '\t' +
         escape(a.explanation) + '\n';
  }
  return o;
}

bool deserialize_answers(std::string_view text, Answers& out) {
  out.clear();
  if (text.size() > kMaxRecordBytes) return false;
  size_t nl = text.find('\n');
  if (text.substr(0, nl) != kHeader) return false;
  if (nl == std::string_view::npos) return true;
  text.remove_prefix(nl + 1);
  while (!text.empty() && out.size() < kMaxEntries) {
    nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    std::string_view f[7];
    size_t n = 0;
    while (n < 7) {
      const size_t tab = line.find('\t');
      f[n++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (n != 7) continue;
    Answer a;
    std::string key;
    long v;
    if (!unescape(f[0], key) || key.empty() || key.size() > 256) continue;
    if (f[1] != "0" && f[1] != "1") continue;
    a.submitted = f[1] == "1";
    bool ok = true;
    if (f[2] != "-") {
      std::string_view c = f[2];
      while (ok && !c.empty() && a.chosen.size() < 256) {
        const size_t comma = c.find(',');
        ok = parse_int(c.substr(0, comma), 0, 1 << 20, v);
        if (ok) a.chosen.push_back(uint32_t(v));
        c.remove_prefix(comma == std::string_view::npos ? c.size() : comma + 1);
      }
    }
    if (!ok || (f[3] != "0" && f[3] != "1")) continue;
    a.does_compile = f[3] == "1";
    if (!parse_int(f[4], -1, 1000000, v)) continue;
    a.line_number = int(v);
    if (!unescape(f[5], a.text) || !unescape(f[6], a.explanation)) continue;
    if (a.text.size() > kMaxField || a.explanation.size() > kMaxField) continue;
    std::sort(a.chosen.begin(), a.chosen.end());
    out[key] = std::move(a);
  }
  return true;
}

}  // namespace dsviz::quiz
