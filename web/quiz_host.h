// The shell's side of the quiz scene: a quiz file the reader asked for
// (?quiz=<relative path> in the browser, --quiz FILE on the desktop) and
// the reader's answers kept between visits. The platform fetches or reads
// the file and provides the storage (browser localStorage, a file in the
// desktop's config folder); this file checks and hands both to the quiz
// model whenever the quiz scene opens, since the app makes a fresh model
// on every visit. No I/O here.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "model.h"

namespace dsviz::ui {

// Where the reader's answers are kept. Empty functions: kept in memory only
// (for the app's life), as in tests and scripted screenshot runs.
struct Storage {
  std::function<std::string(const std::string& key)> load;
  std::function<void(const std::string& key, const std::string& value)> save;
};

// A ?quiz= value the page may fetch: a relative path on the page's own
// site. Returns "" when acceptable, else the reason it is refused (an
// absolute URL, a scheme, "//", "..", a backslash, a control character,
// empty or over 512 characters).
std::string check_quiz_path(std::string_view path);

class QuizHost {
 public:
  static constexpr const char* kAnswersKey = "quiz-answers";

  // Call attach() after it: the stored answers are read on the next one.
  void set_storage(Storage s) {
    storage_ = std::move(s);
    loaded_record_ = false;
  }
  // A quiz file's text, fetched or read. Parses it with the core's parser;
  // returns "" when the quiz is usable (warnings are for its author: the
  // view lists them), else a notice for the reader: what is wrong, and
  // that dsviz's own quiz stays.
  std::string supply(const std::string& name, std::string text);
  // The quiz could not be fetched or read: the notice to show.
  static std::string failed(const std::string& name, const std::string& why);
  const std::string& name() const { return name_; }

  // A model was just made or reset for the open scene: when it is the
  // quiz, give it the reader's answers, the quiz file and the question the
  // reader was on. Does nothing for other scenes.
  void attach(Model& m);
  // After each frame: saves the answers when they changed, and remembers
  // the current question.
  void frame(Model& m);

 private:
  Storage storage_;
  std::string name_, text_;  // the reader's quiz; empty: ours
  std::string record_;       // the answers as last saved (or loaded)
  bool loaded_record_ = false;
  size_t current_ = 0;
};

}  // namespace dsviz::ui
