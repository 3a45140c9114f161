// dsviz's own quiz (assets/quiz/dsviz-quiz*.toml), embedded in the core at
// build time (core/CMakeLists.txt), so the app works with no file to fetch.
#pragma once
#include <string_view>

namespace dsviz::quiz {

enum class Lang { En, Fr };
// The TOML text of our quiz in that language (same ids in both).
std::string_view builtin_quiz(Lang lang);

}  // namespace dsviz::quiz
