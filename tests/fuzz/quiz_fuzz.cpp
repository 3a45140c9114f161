// libFuzzer target for the quiz parser: any bytes -> parse_quiz never
// crashes or hangs, and its result is consistent (no error -> questions
// loaded; every question's display order a permutation of its options),
// then grading and the answers record on what was loaded.
// Seed corpus: tests/fuzz/corpus/quiz/ (our quizzes and tests/quiz/).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quiz/check.h"
#include "quiz/grade.h"
#include "quiz/quiz.h"

using namespace dsviz::quiz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Quiz q;
  std::vector<Problem> problems;
  const bool ok = parse_quiz(text, q, problems);
  if (ok == has_errors(problems)) std::abort();
  if (ok && q.questions.empty()) std::abort();
  for (size_t i = 0; i < q.questions.size(); ++i) {
    auto order = display_order(q, i, size);
    std::sort(order.begin(), order.end());
    for (size_t k = 0; k < order.size(); ++k)
      if (order[k] != k) std::abort();
    Answer a;
    a.chosen = q.questions[i].correct;
    a.text = q.questions[i].answer;
    (void)grade(q.questions[i], a);
  }
  (void)displayable(text);
  // The answers record parser takes the same bytes.
  Answers answers;
  if (deserialize_answers(text, answers)) {
    const std::string rec = serialize_answers(answers);
    Answers again;
    if (rec.size() <= (1u << 20) && (!deserialize_answers(rec, again) || again.size() != answers.size())) std::abort();
  }
  return 0;
}
