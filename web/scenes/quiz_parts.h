// Parts of the quiz view (web/scenes/quiz_view.cpp): the header with the
// score and question chips, and what follows a checked question.
#pragma once
#include <string>
#include <string_view>

#include "scenes/quiz.h"
#include "views.h"

namespace dsviz::ui {

// Quiz text made drawable (core/quiz/check.h): a code point the font lacks
// shows as a white square, never a silent '?'.
std::string quiz_text(std::string_view s);

// The quiz's name, language, score, "retry missed" and one chip per
// question (tap to go there), with previous / next.
void quiz_header(QuizModel& m, float tap, const ViewContext& ctx);
// After question q: right or not, its context, "See it live", next; the
// end of the quiz; notes for the quiz's author; the keys.
void quiz_after(QuizModel& m, size_t q, float tap, const ViewContext& ctx);

}  // namespace dsviz::ui
