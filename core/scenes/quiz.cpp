#include "quiz.h"

#include "describe.h"

#include <algorithm>

#include "quiz/builtin.h"

namespace dsviz {
namespace {

enum EventKind : uint32_t { kTick };
// Commands; arg packs the question (low 20 bits), an option or a value
// (bits 20..51) and a flag (bit 52).
enum Command : uint32_t { kCmdGoTo, kCmdChoose, kCmdCompiles, kCmdLine, kCmdSubmit, kCmdRetry, kCmdRestart, kCmdText };
constexpr uint64_t kQMask = (1u << 20) - 1;
uint64_t pack(size_t q, uint64_t v = 0, bool flag = false) {
  return (uint64_t(q) & kQMask) | ((v & 0xffffffffULL) << 20) | (uint64_t(flag) << 52);
}

// Our own quiz, parsed once per language and shared by every model (the
// page's, each link parser's probe, the tests'): parsing costs about 2 ms and
// the embedded text never changes, so like places() it is immutable once built.
struct ParsedQuiz {
  quiz::Quiz quiz;
  std::vector<quiz::Problem> problems;
  bool ok = false;
};
const ParsedQuiz& parsed_builtin(quiz::Lang lang) {
  auto parse = [](quiz::Lang l) {
    ParsedQuiz p;
    p.ok = quiz::parse_quiz(quiz::builtin_quiz(l), p.quiz, p.problems);
    return p;
  };
  static const ParsedQuiz en = parse(quiz::Lang::En), fr = parse(quiz::Lang::Fr);
  return lang == quiz::Lang::Fr ? fr : en;
}

}  // namespace

QuizModel::QuizModel() {
  add_param(kLang, labelled({"lang", 0, 1, 0, "", "Our own quiz in English (0) or French (1)", true}, "Language"));
  add_param(kShuffle, labelled({"shuffle", 0, 1, 1, "", "Options in an order drawn from the seed (1) or as in the file (0)", true},
                               "Shuffle options"));
  load_builtin();
}

void QuizModel::load_builtin() {
  const bool fr = param(kLang) >= 0.5;
  // Our quiz is checked by the tests; a failure here would be a build bug.
  const ParsedQuiz& p = parsed_builtin(fr ? quiz::Lang::Fr : quiz::Lang::En);
  if (p.ok) adopt(p.quiz, fr ? "dsviz-quiz.fr.toml" : "dsviz-quiz.toml", p.problems);
}

bool QuizModel::load(std::string_view text, std::string source, std::vector<quiz::Problem>* problems) {
  quiz::Quiz q;
  std::vector<quiz::Problem> ps;
  const bool ok = quiz::parse_quiz(text, q, ps);
  if (problems) *problems = ps;
  if (!ok) return false;
  adopt(std::move(q), std::move(source), std::move(ps));
  return true;
}

void QuizModel::adopt(quiz::Quiz q, std::string source, std::vector<quiz::Problem> warnings) {
  quiz_ = std::move(q);
  source_ = std::move(source);
  warnings_ = std::move(warnings);
  retry_.clear();
  if (current_ >= quiz_.questions.size()) current_ = 0;
  reorder();
  command(kCmdGoTo, pack(current_));  // a change the shell notices (revision)
}

void QuizModel::reorder() {
  order_.clear();
  for (size_t q = 0; q < quiz_.questions.size(); ++q)
    order_.push_back(quiz::display_order(quiz_, q, seed(), param(kShuffle) >= 0.5));
}

void QuizModel::on_reset() {
  reorder();
  seconds_ = 0;
  sim_.after(kSec, Event{kTick, 0, 0, 0});
}

void QuizModel::on_param_changed(size_t index) {
  if (index == kLang) load_builtin();
  Model::on_param_changed(index);
}

void QuizModel::on_event(const Event& e) {
  if (e.kind != kTick) return;
  ++seconds_;
  sim_.hash_in(current_);
  sim_.after(kSec, Event{kTick, 0, 0, 0});
}

const quiz::Answer* QuizModel::answer(size_t q) const {
  if (q >= count()) return nullptr;
  const auto it = answers_.find(quiz_.key(q));
  return it == answers_.end() ? nullptr : &it->second;
}
bool QuizModel::submitted(size_t q) const {
  const quiz::Answer* a = answer(q);
  return a && a->submitted;
}
bool QuizModel::correct(size_t q) const { return submitted(q) && quiz::grade(question(q), *answer(q)); }
bool QuizModel::chosen(size_t q, uint32_t option) const {
  const quiz::Answer* a = answer(q);
  return a && std::find(a->chosen.begin(), a->chosen.end(), option) != a->chosen.end();
}
bool QuizModel::needs_explanation(size_t q) const {
  if (q >= count() || !question(q).prompt_explanation) return false;
  const quiz::Answer* a = answer(q);
  return !a || quiz::normalize_short_answer(a->explanation).empty();
}
bool QuizModel::can_submit(size_t q) const {
  if (q >= count() || submitted(q) || needs_explanation(q)) return false;
  const quiz::Answer* a = answer(q);
  switch (question(q).type) {
    case quiz::Type::MultipleChoice: return a && !a->chosen.empty();
    case quiz::Type::ShortAnswer: return a && !quiz::normalize_short_answer(a->text).empty();
    case quiz::Type::Tracing: return true;  // "does not compile" and empty output are answers too
  }
  return false;
}
const quiz::LiveLink* QuizModel::live_link(size_t q) const {
  if (q >= count() || question(q).id.empty()) return nullptr;
  return quiz::live_link(question(q).id);
}

void QuizModel::go_to(size_t q) { command(kCmdGoTo, pack(q)); }
void QuizModel::next() {
  if (!retry_.empty()) {
    const auto it = std::upper_bound(retry_.begin(), retry_.end(), current_);
    go_to(it != retry_.end() ? *it : retry_.front());
    return;
  }
  if (current_ + 1 < count()) go_to(current_ + 1);
}
void QuizModel::prev() {
  if (current_ > 0) go_to(current_ - 1);
}
void QuizModel::choose(size_t q, uint32_t option, bool on) { command(kCmdChoose, pack(q, option, on)); }
void QuizModel::set_compiles(size_t q, bool compiles) { command(kCmdCompiles, pack(q, 0, compiles)); }
void QuizModel::set_line(size_t q, int line) { command(kCmdLine, pack(q, uint64_t(uint32_t(line + 1)))); }
void QuizModel::set_text(size_t q, std::string text) {
  if (q >= count() || submitted(q)) return;
  mutable_answer(q).text = std::move(text);
}
void QuizModel::set_explanation(size_t q, std::string text) {
  if (q >= count() || submitted(q)) return;
  mutable_answer(q).explanation = std::move(text);
}
void QuizModel::submit(size_t q) { command(kCmdSubmit, pack(q)); }
void QuizModel::retry_missed() { command(kCmdRetry); }
void QuizModel::restart() { command(kCmdRestart); }

// Every command is idempotent (set, not toggle), so replaying the log after
// a reset, with the answers kept, changes nothing.
void QuizModel::on_command(uint32_t kind, uint64_t arg) {
  const size_t q = size_t(arg & kQMask);
  const uint64_t v = (arg >> 20) & 0xffffffffULL;
  const bool flag = (arg >> 52) & 1;
  switch (kind) {
    case kCmdGoTo:
      if (q < count()) current_ = q;
      return;
    case kCmdRetry: {
      retry_ = missed();
      for (size_t m : retry_) {
        quiz::Answer& a = mutable_answer(m);
        a = quiz::Answer{.explanation = a.explanation};
      }
      if (!retry_.empty()) current_ = retry_.front();
      return;
    }
    case kCmdRestart:
      answers_.clear();
      retry_.clear();
      current_ = 0;
      return;
    default: break;
  }
  if (q >= count() || submitted(q)) return;
  const quiz::Question& qu = question(q);
  quiz::Answer& a = mutable_answer(q);
  switch (kind) {
    case kCmdChoose: {
      if (qu.type != quiz::Type::MultipleChoice || v >= qu.options.size()) return;
      const uint32_t o = uint32_t(v);
      auto it = std::find(a.chosen.begin(), a.chosen.end(), o);
      if (!qu.select_all) {
        a.chosen.clear();
        if (flag) a.chosen.push_back(o);
      } else if (flag && it == a.chosen.end()) {
        a.chosen.push_back(o);
        std::sort(a.chosen.begin(), a.chosen.end());
      } else if (!flag && it != a.chosen.end()) {
        a.chosen.erase(it);
      }
      return;
    }
    case kCmdCompiles: a.does_compile = flag; return;
    case kCmdLine: a.line_number = int(v) - 1; return;
    case kCmdSubmit:
      if (!can_submit(q)) return;
      a.submitted = true;
      // Retrying: a question answered again leaves the round.
      retry_.erase(std::remove(retry_.begin(), retry_.end(), q), retry_.end());
      return;
    default: return;
  }
}

bool QuizModel::load_answers_record(std::string_view record) {
  quiz::Answers a;
  if (!quiz::deserialize_answers(record, a)) return false;
  answers_ = std::move(a);
  retry_.clear();
  command(kCmdGoTo, pack(current_));
  return true;
}

void QuizModel::metrics(std::vector<Metric>& out) const {
  const quiz::Score s = score();
  out.push_back({"questions", double(s.total)});
  out.push_back({"submitted", double(s.submitted)});
  out.push_back({"correct", double(s.correct)});
  out.push_back({"score_pct", s.submitted ? 100.0 * s.correct / s.submitted : 0.0});
  out.push_back({"missed", double(s.submitted - s.correct)});
  out.push_back({"current_question", double(current_ + 1)});
  out.push_back({"warnings", double(warnings_.size())});
  out.push_back({"seconds_in_quiz", double(seconds_)});
}

std::string QuizModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (count() == 0) return "invariant: a quiz is loaded";
  if (current_ >= count()) return "invariant: the current question exists";
  if (order_.size() != count()) return "invariant: one display order per question";
  for (size_t q = 0; q < count(); ++q) {
    std::vector<uint32_t> o = order_[q];
    std::sort(o.begin(), o.end());
    for (size_t i = 0; i < o.size(); ++i)
      if (o[i] != i) return "invariant: each option is shown exactly once";
    if (o.size() != question(q).options.size()) return "invariant: each option is shown exactly once";
  }
  const quiz::Score s = score();
  if (s.correct > s.submitted || s.submitted > s.total) return "invariant: correct <= submitted <= questions";
  return "";
}

std::string QuizModel::describe() const {
  if (count() == 0) return "No quiz is loaded.";
  const quiz::Score sc = score();
  std::string s = say("Question %zu of %zu", current() + 1, count());
  if (submitted(current())) s += correct(current()) ? ", answered right" : ", answered wrong";
  s += say("; %u answered, %u right", sc.submitted, sc.correct);
  const std::string& prompt = question(current()).prompt;
  if (!prompt.empty()) s += ". " + (prompt.size() > 300 ? prompt.substr(0, 300) + "..." : prompt);
  else s += ".";
  return s;
}

const SceneInfo& quiz_scene() {
  static const SceneInfo info = {
      "quiz", "Quiz", "Quiz",
      "Ten questions on the chapter's ideas, each with a link to the scene that shows it live.\n"
      "Answers are kept between visits; retry the ones you missed.",
      {"Answer a question, then follow 'See it live' to watch it happen.",
       "Switch the language to French: your answers stay.",
       "Miss one on purpose, then retry the missed ones."},
      10 * kMin, 1.0f, &make_model<QuizModel>,
      {
       {"English", "lang=0"},
       {"French", "lang=1"},
       {"Options as in the file", "shuffle=0"}}};
  return info;
}

}  // namespace dsviz
