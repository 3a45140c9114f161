// Quizzes in mdbook-quiz's TOML format (mdbook-quiz-schema 0.4): the data
// model and the parser. Pure: text in, questions and problems out; the app
// fetches or embeds the text, the CLI reads files. Rules and messages: check.h.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsviz::quiz {

enum class Type : uint8_t { MultipleChoice, ShortAnswer, Tracing };
const char* type_name(Type t);  // "MultipleChoice", ...

// ShortAnswer's `prompt.response`: how big a box to offer.
enum class Response : uint8_t { Short, Long, Code };

// Where something is in the file: 1-based line and column (columns count
// code points, as core/toml_reader.h does); 0 when unknown.
struct Pos {
  uint32_t line = 0, col = 0;
};

struct Question {
  Type type = Type::MultipleChoice;
  std::string id;  // optional in the format; answers are kept under key()
  Pos pos;         // the [[questions]] header
  std::string prompt;   // Markdown (MultipleChoice, ShortAnswer)
  std::string context;  // Markdown shown after answering, "" if none
  std::string multipart;  // key into Quiz::multipart, "" if none
  bool prompt_explanation = false;  // ask for a sentence before the answer

  // MultipleChoice. `options` holds each distinct option once: the answers
  // first, then the distractors, in file order (a distractor equal to an
  // answer or to another distractor is dropped and reported). `correct`
  // indexes `options`; `select_all` when answer.answer was a list.
  std::vector<std::string> options;
  std::vector<uint32_t> correct;
  bool select_all = false;
  int answer_index = -1;  // prompt.answerIndex, -1 if absent
  bool sort_answers = false;

  // ShortAnswer.
  Response response = Response::Short;
  std::string answer;
  std::vector<std::string> alternatives;

  // Tracing.
  std::string program;
  bool does_compile = false;
  std::string expected_stdout;
  int line_number = -1;  // answer.lineNumber, -1 if absent

  bool is_correct_option(uint32_t option) const;
  size_t distractor_count() const { return options.size() - correct.size(); }
};

struct Quiz {
  std::vector<Question> questions;
  std::vector<std::pair<std::string, std::string>> multipart;  // key -> shared Markdown context

  // The shared context of question q's multipart group, nullptr if none.
  const std::string* multipart_context(size_t q) const;
  // The key answers are kept under: the question's id, or "#<n>" (1-based)
  // for a question without one.
  std::string key(size_t q) const;
  // Index of the question with this key, or -1.
  long find(std::string_view key) const;
};

enum class Severity : uint8_t { Warning, Error };

// One finding about a file. Errors make the file invalid; warnings (a
// duplicate option, a glyph the app's font lacks, an unknown key) are
// reported and the quiz still loads.
struct Problem {
  Pos pos;
  Severity severity = Severity::Error;
  std::string message;
};

// Largest quiz file accepted, in bytes: checked before any parsing.
constexpr size_t kMaxQuizBytes = 256 * 1024;

// Parses and checks `text`. Returns true when there is no error (warnings
// may be present); `out` then holds the quiz. On an error `out` is left
// empty, so a caller can keep the quiz it had. Never throws; bounded time
// and memory for any input (the size limit comes first).
bool parse_quiz(std::string_view text, Quiz& out, std::vector<Problem>& problems);

// "LINE:COL: error: message" (or "warning: "), the CLI prefixes the file.
std::string format_problem(const Problem& p);
bool has_errors(const std::vector<Problem>& problems);

// Display order of question q's options, as indices into `options`:
// answerIndex puts the answer at that position among the distractors;
// sortAnswers sorts by text; otherwise a shuffle drawn from `seed` and the
// question's key (so each question keeps its order for a given seed),
// using the core's own Rng. shuffle=false keeps file order.
std::vector<uint32_t> display_order(const Quiz& quiz, size_t q, uint64_t seed, bool shuffle = true);

}  // namespace dsviz::quiz
