// Grading a reader's answers, the score, "retry the missed ones", and the
// answers record the app keeps between visits (browser localStorage, a file
// in the desktop's config folder), keyed by question id so the English and
// French versions of a quiz share one record.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quiz.h"

namespace dsviz::quiz {

// One reader's answer to one question.
struct Answer {
  std::vector<uint32_t> chosen;  // MultipleChoice: indices into Question::options, ascending
  std::string text;              // ShortAnswer: the typed answer; Tracing: the predicted output
  bool does_compile = true;      // Tracing: the reader's claim
  int line_number = -1;          // Tracing, when it does not compile: the line blamed (-1 = none)
  std::string explanation;       // promptExplanation: the reader's sentence
  bool submitted = false;        // graded and its context shown
};

// Answers by Quiz::key(q).
using Answers = std::map<std::string, Answer, std::less<>>;

// "  Scale Out " and "scale out" match: trimmed (ASCII white space),
// ASCII-lowercased, otherwise exact (mdbook-quiz's rule).
std::string normalize_short_answer(std::string_view s);

// Whether `a` is right for question `q`. MultipleChoice: exactly the correct
// set chosen. ShortAnswer: the answer or an alternative, normalized. Tracing:
// the compile claim matches, and then either the output (trailing white
// space of each line and of the whole ignored) or, when the program does not
// compile and the question names a line, that line.
bool grade(const Question& q, const Answer& a);

struct Score {
  uint32_t correct = 0;    // submitted and right
  uint32_t submitted = 0;  // submitted (right or wrong)
  uint32_t total = 0;      // questions in the quiz
};
Score score(const Quiz& quiz, const Answers& answers);

// Questions submitted and wrong, in quiz order (what "retry the missed ones"
// goes through).
std::vector<size_t> missed(const Quiz& quiz, const Answers& answers);

// The record as one string (a versioned, line-based text; tab-separated,
// %-escaped) and back. deserialize_answers() accepts only its own format,
// skips malformed lines, and caps sizes (the string comes from storage the
// reader controls); false when the header is not ours.
std::string serialize_answers(const Answers& answers);
bool deserialize_answers(std::string_view text, Answers& out);

}  // namespace dsviz::quiz
