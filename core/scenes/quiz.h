// Scene "quiz": a quiz in mdbook-quiz's format (core/quiz), ours by default
// (English or French, embedded) or any the app loads from text. The model
// holds the whole quiz state, so a view only draws it and calls commands:
// the current question, each question's answer (kept by question id),
// grading, score, "retry the missed ones", and the answers record the app
// saves between visits. Options are ordered by the seed (or as the file
// asks). The answers are the reader's, not the run's: a reset or a new seed
// reshuffles options but keeps them; only restart() clears them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "quiz/grade.h"
#include "quiz/links.h"
#include "quiz/quiz.h"
#include "scene.h"

namespace dsviz {

class QuizModel : public Model {
 public:
  static constexpr SettingId kLang{0}, kShuffle{1};
  QuizModel();

  // Loading. load() parses `text` (the page fetched ?quiz=..., the desktop
  // read a file); on an error it returns false, fills `problems` and keeps
  // the current quiz. Answers are kept by id, so switching between the
  // English and French versions of one quiz keeps them. Setting `lang`
  // loads our own quiz in that language.
  bool load(std::string_view text, std::string source, std::vector<quiz::Problem>* problems = nullptr);
  const quiz::Quiz& quiz() const { return quiz_; }
  const std::string& source() const { return source_; }  // "dsviz-quiz.toml", "dsviz-quiz.fr.toml" or the caller's name
  const std::vector<quiz::Problem>& warnings() const { return warnings_; }  // of the loaded quiz

  // Reading the state.
  size_t count() const { return quiz_.questions.size(); }
  size_t current() const { return current_; }
  const quiz::Question& question(size_t q) const { return quiz_.questions[q]; }
  // Question q's options in display order (indices into Question::options).
  const std::vector<uint32_t>& order(size_t q) const { return order_[q]; }
  const std::string* multipart_context(size_t q) const { return quiz_.multipart_context(q); }
  // nullptr before the reader has touched question q.
  const quiz::Answer* answer(size_t q) const;
  bool submitted(size_t q) const;
  bool correct(size_t q) const;  // submitted and right
  bool chosen(size_t q, uint32_t option) const;
  // promptExplanation: the sentence is still missing, so submit() waits.
  bool needs_explanation(size_t q) const;
  bool can_submit(size_t q) const;
  quiz::Score score() const { return quiz::score(quiz_, answers_); }
  std::vector<size_t> missed() const { return quiz::missed(quiz_, answers_); }
  bool finished() const { return score().submitted == count(); }
  // "See it live" for question q (by its id), or nullptr.
  const quiz::LiveLink* live_link(size_t q) const;
  // The questions a "retry the missed ones" round goes through (empty when
  // not retrying).
  const std::vector<size_t>& retry_queue() const { return retry_; }

  // Commands (through Model::command, so the shell sees revision() move).
  void go_to(size_t q);
  void next();  // the next question (the next one to retry while retrying)
  void prev();
  // MultipleChoice: one answer -> this option only; select-all -> on/off.
  void choose(size_t q, uint32_t option, bool on = true);
  void set_compiles(size_t q, bool compiles);  // Tracing
  void set_line(size_t q, int line);           // Tracing that does not compile
  // Typed text is a draft the view hands over as it changes; it counts on
  // submit(). ShortAnswer: the answer; Tracing: the predicted output.
  void set_text(size_t q, std::string text);
  void set_explanation(size_t q, std::string text);
  void submit(size_t q);
  void retry_missed();  // clears the missed answers and goes through them again
  void restart();       // clears every answer

  // The answers record (quiz/grade.h) for localStorage or a config file.
  std::string answers_record() const { return quiz::serialize_answers(answers_); }
  bool load_answers_record(std::string_view record);

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  void load_builtin();
  void adopt(quiz::Quiz q, std::string source, std::vector<quiz::Problem> warnings);  // a parsed quiz replaces this one
  void reorder();
  quiz::Answer& mutable_answer(size_t q) { return answers_[quiz_.key(q)]; }

  quiz::Quiz quiz_;
  std::string source_;
  std::vector<quiz::Problem> warnings_;
  quiz::Answers answers_;
  std::vector<std::vector<uint32_t>> order_;
  std::vector<size_t> retry_;
  size_t current_ = 0;
  uint64_t seconds_ = 0;  // virtual seconds spent in the quiz
};

const SceneInfo& quiz_scene();

}  // namespace dsviz
