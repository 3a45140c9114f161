#include "quiz_host.h"

#include <vector>

#include "quiz/quiz.h"
#include "scenes/quiz.h"

namespace dsviz::ui {

std::string check_quiz_path(std::string_view p) {
  if (p.empty()) return "the path is empty";
  if (p.size() > 512) return "the path is longer than 512 characters";
  for (char c : p) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "the path holds a control character";
    if (c == '\\') return "the path holds a backslash";
    // A %-escape would be decoded a second time by the browser's URL
    // parser ("%2e%2e" is ".."): the page's query was decoded already.
    if (c == '%') return "the path holds a '%'";
  }
  if (p.substr(0, 2) == "//") return "a path starting with '//' names another site";
  // A scheme ("https:", "data:", "javascript:") comes before any '/'.
  const size_t colon = p.find(':');
  if (colon != std::string_view::npos && colon < p.find('/')) return "only a path on this site is fetched, not a URL";
  // No ".." segment: the quiz stays inside the folders the site serves.
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find_first_of("/?#", start);
    if (end == std::string_view::npos) end = p.size();
    if (p.substr(start, end - start) == "..") return "the path goes up a folder ('..')";
    if (end == p.size() || p[end] != '/') break;
    start = end + 1;
  }
  return "";
}

static std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (s.size() > 80) out += "...";
  return out + "'";
}

std::string QuizHost::failed(const std::string& name, const std::string& why) {
  return "Quiz " + quoted(name) + " not loaded: " + why + ". Showing dsviz's own quiz.";
}

std::string QuizHost::supply(const std::string& name, std::string text) {
  quiz::Quiz q;
  std::vector<quiz::Problem> problems;
  if (!quiz::parse_quiz(text, q, problems)) {
    // The first error, with its place; the check command lists them all.
    std::string first, count;
    size_t errors = 0;
    for (const quiz::Problem& p : problems) {
      if (p.severity != quiz::Severity::Error) continue;
      if (!errors++) first = quiz::format_problem(p);
      if (first.size() > 200) first = first.substr(0, 200) + "...";
    }
    if (errors > 1) count = " (and " + std::to_string(errors - 1) + " more; dsviz-cli quiz check lists them)";
    return failed(name, first + count);
  }
  name_ = name;
  text_ = std::move(text);
  return "";
}

void QuizHost::attach(Model& m) {
  auto* q = dynamic_cast<QuizModel*>(&m);
  if (!q) return;
  // The record in memory is this session's newest; storage holds the last
  // session's.
  if (!loaded_record_) {
    loaded_record_ = true;
    if (storage_.load) record_ = storage_.load(kAnswersKey);
  }
  // Commands only when something changes: a command cuts the model's input
  // log, and a deep link's inputs may have been loaded already.
  if (!record_.empty() && record_ != q->answers_record()) q->load_answers_record(record_);
  if (!text_.empty() && q->source() != name_) q->load(text_, name_);
  if (current_ < q->count() && current_ != q->current()) q->go_to(current_);
  record_ = q->answers_record();
}

void QuizHost::frame(Model& m) {
  auto* q = dynamic_cast<QuizModel*>(&m);
  if (!q) return;
  current_ = q->current();
  std::string rec = q->answers_record();
  if (rec == record_) return;
  record_ = std::move(rec);
  if (storage_.save) storage_.save(kAnswersKey, record_);
}

}  // namespace dsviz::ui
