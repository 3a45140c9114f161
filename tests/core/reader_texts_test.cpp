// The words a reader reads name settings the way the controls do ("Sync
// period"), never by their code keys (`sync_period_s`, "lamport"), and flags
// read as sentences, not "(1 = yes)".
#include <doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "registry.h"

using namespace dsviz;

namespace {

// What is wrong with a text a reader sees, or "" when nothing is.
std::string problem(const std::string& text, const std::vector<std::string>& keys) {
  if (text.find('`') != std::string::npos) return "a backtick";
  // snake_case: a word with an underscore between letters or digits.
  for (size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == '_' && std::isalnum((unsigned char)text[i - 1]) && std::isalnum((unsigned char)text[i + 1])) {
      size_t a = i, b = i;
      while (a > 0 && (std::isalnum((unsigned char)text[a - 1]) || text[a - 1] == '_')) --a;
      while (b < text.size() && (std::isalnum((unsigned char)text[b]) || text[b] == '_')) ++b;
      return "the code-style word '" + text.substr(a, b - a) + "'";
    }
  // A setting key in quotes, as code names are written.
  for (const std::string& k : keys)
    for (const char* q : {"'", "\""})
      if (text.find(q + k + q) != std::string::npos) return "the key " + (q + k + q);
  return "";
}

}  // namespace

TEST_CASE("texts shown to readers name no setting key and read flags as sentences") {
  std::vector<std::string> keys;
  for (const SceneInfo& s : scenes()) {
    const auto m = s.make();  // kept: params() refers into the model
    for (const Param& p : m->params()) keys.push_back(p.key);
  }
  for (const SceneInfo& s : scenes()) {
    std::vector<std::pair<std::string, std::string>> texts = {{"explanation", s.explanation}, {"title", s.title}};
    for (const char* t : s.try_list) texts.emplace_back("what to try", t);
    for (const Preset& pr : s.presets) texts.emplace_back("preset", pr.label);
    const auto m = s.make();
    for (const Param& p : m->params()) {
      texts.emplace_back("help of " + p.key, p.help);
      texts.emplace_back("label of " + p.key, p.label);
      if (p.integer && p.min == 0 && p.max == 1) {
        // A checkbox: ticked or not, never numbers.
        for (const char* code : {"0 =", "1 =", "= 0", "= 1", "(1 = yes)", "0/1"})
          CHECK_MESSAGE(p.help.find(code) == std::string::npos, s.id, ": help of ", p.key, " says '", code, "'");
      }
    }
    for (const auto& item : texts) {
      const std::string bad = problem(item.second, keys);
      CAPTURE(item.second);
      CHECK_MESSAGE(bad == "", std::string(s.id), ": ", item.first, " has ", bad);
    }
  }
}
