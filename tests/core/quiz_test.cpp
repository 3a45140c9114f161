// The quiz library: our own quizzes load clean, every rule of the check
// gives its message at its place, options are shown once, grading of each
// type, the answers record, UTF-8 and the font's coverage; the files under
// tests/quiz/ and the course's quiz when it is there (native only: the wasm
// test build has no host file system).
#include <doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "quiz/builtin.h"
#include "quiz/check.h"
#include "quiz/grade.h"
#include "quiz/links.h"
#include "quiz/quiz.h"
#include "registry.h"

using namespace dsviz;
using namespace dsviz::quiz;

namespace {

// The problems of `text`, one "LINE:COL: severity: message" each.
std::vector<std::string> problems_of(std::string_view text, Quiz* out = nullptr) {
  Quiz q;
  std::vector<Problem> ps;
  parse_quiz(text, q, ps);
  std::vector<std::string> lines;
  for (const auto& p : ps) lines.push_back(format_problem(p));
  if (out) *out = q;
  return lines;
}

Quiz parse_ok(std::string_view text) {
  Quiz q;
  std::vector<Problem> ps;
  REQUIRE(parse_quiz(text, q, ps));
  return q;
}

// Where this file's repository is: tests/core/quiz_test.cpp -> the root.
std::string repo_root() {
  std::string f = __FILE__;
  for (int i = 0; i < 3; ++i) f = f.substr(0, f.find_last_of('/'));
  return f;
}

bool read_file(const std::string& path, std::string& out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  out.clear();
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

// Splits "scene=x&k=v" into the scene and (key, value) pairs.
bool split_link(std::string_view s, std::string& scene, std::vector<std::pair<std::string, double>>& sets) {
  while (!s.empty()) {
    const size_t amp = s.find('&');
    const std::string_view kv = s.substr(0, amp);
    s.remove_prefix(amp == std::string_view::npos ? s.size() : amp + 1);
    const size_t eq = kv.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string k(kv.substr(0, eq)), v(kv.substr(eq + 1));
    if (k == "scene") scene = v;
    else sets.emplace_back(k, std::stod(v));
  }
  return !scene.empty();
}

const char* kMc = R"([[questions]]
id = "q1"
type = "MultipleChoice"
prompt.prompt = "Pick"
prompt.distractors = ["b", "c", "e", "d"]
answer.answer = "a"
)";

}  // namespace

TEST_SUITE("quiz") {
  TEST_CASE("our own quiz loads with no problem at all, in English and in French, with the same ids") {
    Quiz en, fr;
    std::vector<Problem> pe, pf;
    REQUIRE(parse_quiz(builtin_quiz(Lang::En), en, pe));
    REQUIRE(parse_quiz(builtin_quiz(Lang::Fr), fr, pf));
    for (const auto& p : pe) CAPTURE(format_problem(p));
    CHECK(pe.empty());
    for (const auto& p : pf) CAPTURE(format_problem(p));
    CHECK(pf.empty());
    CHECK(en.questions.size() >= 8);
    CHECK(en.questions.size() <= 10);
    REQUIRE(en.questions.size() == fr.questions.size());
    std::set<Type> types;
    for (size_t i = 0; i < en.questions.size(); ++i) {
      const Question &a = en.questions[i], &b = fr.questions[i];
      CAPTURE(a.id);
      CHECK(!a.id.empty());
      CHECK(a.id == b.id);
      CHECK(a.type == b.type);
      CHECK(a.options.size() == b.options.size());
      CHECK(a.correct == b.correct);  // so a saved answer means the same in both
      CHECK(a.multipart == b.multipart);
      CHECK(!a.context.empty());
      types.insert(a.type);
    }
    CHECK(types.size() == 3);
    // French letters and punctuation outside Latin-1, all inside the font.
    const std::string_view f = builtin_quiz(Lang::Fr);
    CHECK(f.find("\xc5\x93") != std::string_view::npos);      // oe ligature
    CHECK(f.find("\xe2\x80\x94") != std::string_view::npos);  // em dash
    CHECK(f.find("\xc2\xab") != std::string_view::npos);      // guillemet
    CHECK(f.find("\xe2\x80\x99") != std::string_view::npos);  // typographic apostrophe
  }

  TEST_CASE("each of our questions has a live demonstration in a scene that exists, with settings it accepts") {
    const Quiz en = parse_ok(builtin_quiz(Lang::En));
    for (size_t i = 0; i < en.questions.size(); ++i) {
      CAPTURE(en.questions[i].id);
      CHECK(live_link(en.questions[i].id) != nullptr);
    }
    std::set<std::string> ids;
    for (const LiveLink& l : live_links()) {
      CAPTURE(l.question_id);
      CHECK(ids.insert(l.question_id).second);
      std::string scene;
      std::vector<std::pair<std::string, double>> sets;
      REQUIRE(split_link(l.link, scene, sets));
      const SceneInfo* info = find_scene(scene);
      if (!info) {
        MESSAGE("scene '" << scene << "' is not registered yet: link " << l.link << " not checked");
        continue;
      }
      auto m = info->make();
      for (const auto& [k, v] : sets) {
        std::string err;
        CHECK_MESSAGE(m->set(k, v, &err), err);
      }
    }
  }

  TEST_CASE("every rule: its message at its place") {
    struct Case {
      const char* text;
      const char* want;
    } cases[] = {
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\nanswer.answer = \"y\"\n", "3:19: error: TOML syntax: "},
        {"[[questions]]\ntype = \"Essay\"\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n",
         "2:8: error: question 1: unknown question type 'Essay'"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nanswer.answer = \"y\"\n", "1:1: error: question 1: missing 'prompt'"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\n", "1:1: error: question 1: missing 'answer'"},
        {"[[questions]]\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n", "1:1: error: question 1: missing 'type'"},
        {"questions = []\n", "1:13: error: empty questions list"},
        {"# nothing\n", "1:1: error: empty questions list: no [[questions]]"},
        {"[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\"]\nanswer.answer = []\n",
         "5:17: error: empty answer list"},
        {"[[questions]]\nid = \"a\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n"
         "[[questions]]\nid = \"a\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n",
         "7:6: error: duplicate id 'a' (first used by the question at line 1)"},
        {"[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\"]\nprompt.answerIndex = 2\nanswer.answer = \"b\"\n",
         "5:22: error: 'prompt.answerIndex' is 2, out of range 0 to 1"},
        {"[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\"]\nprompt.answerIndex = -1\nanswer.answer = \"b\"\n",
         "5:22: error: 'prompt.answerIndex' is -1, out of range"},
        {"[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\"]\nprompt.answerIndex = 0\nprompt.sortAnswers = true\nanswer.answer = \"b\"\n",
         "5:22: error: both 'prompt.answerIndex' and 'prompt.sortAnswers'"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nmultipart = \"nope\"\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n",
         "3:13: error: missing multipart key 'nope'"},
        {"[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\", \"b \"]\nanswer.answer = \"b\"\n",
         "4:28: warning: duplicate option 'b': the same as the answer at line 5; shown once"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"caf\xe9\"\nanswer.answer = \"y\"\n",
         "3:21: error: not UTF-8"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\xe2\x80\xaf?\"\nanswer.answer = \"y\"\n",
         "3:17: warning: U+202F (NARROW NO-BREAK SPACE) in prompt.prompt is not in the app's font"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\nprompt.response = \"essay\"\nanswer.answer = \"y\"\n",
         "4:19: error: 'prompt.response' is 'essay': short, long or code"},
        {"[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = \"yes\"\n",
         "4:22: error: 'answer.doesCompile' must be true or false"},
        {"[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\nanswer.alternative = [\"z\"]\n",
         "5:8: warning: unknown key 'answer.alternative' (ignored)"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      const auto lines = problems_of(c.text);
      REQUIRE(lines.size() >= 1);
      CHECK(lines[0].rfind(c.want, 0) == 0);
      if (lines[0].rfind(c.want, 0) != 0) MESSAGE(lines[0]);
    }
    // Warnings leave the quiz usable; errors leave nothing loaded.
    Quiz q;
    std::vector<Problem> ps;
    CHECK(parse_quiz("[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"a\", \"b\"]\nanswer.answer = \"b\"\n", q, ps));
    CHECK(q.questions.size() == 1);
    CHECK_FALSE(parse_quiz("questions = []\n", q, ps));
    CHECK(q.questions.empty());
  }

  TEST_CASE("problems come out in file order whichever rule found them, ties in the order found") {
    // Found in this order: question 2's unknown key (line 9), then the
    // duplicate id across questions (line 7); question 1's two glyph
    // warnings share one position and keep the string's order.
    const auto lines = problems_of(
        "[[questions]]\nid = \"a\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\xf0\x9f\x98\x80\xe2\x80\xaf\"\nanswer.answer = \"y\"\n"
        "[[questions]]\nid = \"a\"\ntype = \"ShortAnswer\"\nextra = 1\nprompt.prompt = \"x\"\nanswer.answer = \"y\"\n");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("4:17: warning: U+1F600", 0) == 0);
    CHECK(lines[1].rfind("4:17: warning: U+202F", 0) == 0);
    CHECK(lines[2].rfind("7:6: error: duplicate id 'a'", 0) == 0);
    CHECK(lines[3].rfind("9:1: warning: unknown key 'extra'", 0) == 0);
  }

  TEST_CASE("a duplicate option is shown once and stays the right answer") {
    Quiz q;
    const auto lines = problems_of(
        "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\n"
        "prompt.distractors = [\"wrong\", \"right\", \"wrong\", \"other\"]\nanswer.answer = \"right\"\n",
        &q);
    REQUIRE(q.questions.size() == 1);
    const Question& qu = q.questions[0];
    CHECK(qu.options == std::vector<std::string>{"right", "wrong", "other"});
    CHECK(qu.correct == std::vector<uint32_t>{0});
    CHECK(lines.size() == 2);  // "right" repeats the answer, the second "wrong" the first
    for (uint64_t seed = 1; seed < 20; ++seed) {
      auto order = display_order(q, 0, seed);
      std::sort(order.begin(), order.end());
      CHECK(order == std::vector<uint32_t>{0, 1, 2});
    }
  }

  TEST_CASE("display order: answerIndex, sortAnswers, a shuffle by seed") {
    Quiz q = parse_ok(kMc);
    // Shuffled: a permutation; the same for the same seed; not always file order.
    std::set<std::vector<uint32_t>> seen;
    for (uint64_t seed = 1; seed <= 30; ++seed) {
      auto a = display_order(q, 0, seed), b = display_order(q, 0, seed);
      CHECK(a == b);
      auto s = a;
      std::sort(s.begin(), s.end());
      CHECK(s == std::vector<uint32_t>{0, 1, 2, 3, 4});
      seen.insert(a);
    }
    CHECK(seen.size() > 10);
    CHECK(display_order(q, 0, 5, false) == std::vector<uint32_t>{0, 1, 2, 3, 4});
    // answerIndex 2: the answer third, the distractors in file order around it.
    q = parse_ok(std::string(kMc) + "prompt.answerIndex = 2\n");
    auto text = [&](const std::vector<uint32_t>& order) {
      std::string s;
      for (uint32_t i : order) s += q.questions[0].options[i];
      return s;
    };
    CHECK(text(display_order(q, 0, 9)) == "bcaed");
    q = parse_ok(std::string(kMc) + "prompt.sortAnswers = true\n");
    CHECK(text(display_order(q, 0, 9)) == "abcde");
  }

  TEST_CASE("grading MultipleChoice: one answer, and select all that apply") {
    Quiz q = parse_ok(kMc);
    const Question& one = q.questions[0];
    REQUIRE(one.options[one.correct[0]] == "a");
    Answer a;
    a.chosen = {one.correct[0]};
    CHECK(grade(one, a));
    a.chosen = {1};
    CHECK_FALSE(grade(one, a));
    a.chosen = {};
    CHECK_FALSE(grade(one, a));

    Quiz all = parse_ok(
        "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [\"d\"]\n"
        "answer.answer = [\"a\", \"b\"]\n");
    const Question& qa = all.questions[0];
    CHECK(qa.select_all);
    a.chosen = {1, 0};
    CHECK(grade(qa, a));
    a.chosen = {0};
    CHECK_FALSE(grade(qa, a));  // half right is wrong
    a.chosen = {0, 1, 2};
    CHECK_FALSE(grade(qa, a));  // a distractor too
  }

  TEST_CASE("grading ShortAnswer: trimmed, case-insensitive, alternatives") {
    Quiz q = parse_ok(
        "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"x\"\nprompt.response = \"long\"\n"
        "answer.answer = \"Horizontal Scaling\"\nanswer.alternatives = [\"scale out\"]\n");
    const Question& s = q.questions[0];
    CHECK(s.response == Response::Long);
    Answer a;
    for (const char* ok : {"horizontal scaling", "  HORIZONTAL scaling\n", "Scale Out", "scale out "}) {
      a.text = ok;
      CHECK_MESSAGE(grade(s, a), ok);
    }
    for (const char* bad : {"", "   ", "horizontal", "scale-out", "horizontal  scaling"}) {
      a.text = bad;
      CHECK_MESSAGE(!grade(s, a), bad);
    }
  }

  TEST_CASE("grading Tracing: compiles and prints, or does not compile (at a line)") {
    Quiz q = parse_ok(
        "[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = true\nanswer.stdout = \"2 7\\nend\"\n"
        "[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() { x }\"\nanswer.doesCompile = false\nanswer.lineNumber = 1\n");
    const Question &runs = q.questions[0], &fails = q.questions[1];
    Answer a;
    a.does_compile = true;
    a.text = "2 7  \r\nend\n\n";
    CHECK(grade(runs, a));
    a.text = "2 7\nEnd";
    CHECK_FALSE(grade(runs, a));  // output is case-sensitive
    a.does_compile = false;
    CHECK_FALSE(grade(runs, a));
    a.does_compile = false;
    a.line_number = 1;
    CHECK(grade(fails, a));
    a.line_number = 2;
    CHECK_FALSE(grade(fails, a));
    a.does_compile = true;
    a.line_number = 1;
    CHECK_FALSE(grade(fails, a));
  }

  TEST_CASE("score and the missed questions of our own quiz") {
    const Quiz q = parse_ok(builtin_quiz(Lang::En));
    Answers ans;
    CHECK(score(q, ans).total == q.questions.size());
    CHECK(score(q, ans).submitted == 0);
    // Answer every question correctly except the 2nd and the 5th.
    for (size_t i = 0; i < q.questions.size(); ++i) {
      const Question& qu = q.questions[i];
      Answer a;
      a.submitted = true;
      const bool wrong = i == 1 || i == 4;
      switch (qu.type) {
        case Type::MultipleChoice:
          a.chosen = wrong ? std::vector<uint32_t>{uint32_t(qu.options.size() - 1)} : qu.correct;
          break;
        case Type::ShortAnswer: a.text = wrong ? "no idea" : qu.answer; break;
        case Type::Tracing:
          a.does_compile = qu.does_compile;
          a.text = wrong ? "?" : qu.expected_stdout;
          break;
      }
      ans[q.key(i)] = a;
    }
    const Score s = score(q, ans);
    CHECK(s.submitted == q.questions.size());
    CHECK(s.correct == q.questions.size() - 2);
    CHECK(missed(q, ans) == std::vector<size_t>{1, 4});
  }

  TEST_CASE("the answers record round-trips and refuses what is not ours") {
    Answers a;
    a["dsviz-definition"].chosen = {0, 3};
    a["dsviz-definition"].submitted = true;
    a["#4"].text = "tab\there, newline\nthere, 100% sure";
    a["#4"].explanation = "because";
    a["t"].does_compile = false;
    a["t"].line_number = 7;
    const std::string rec = serialize_answers(a);
    Answers b;
    REQUIRE(deserialize_answers(rec, b));
    REQUIRE(b.size() == 3);
    CHECK(b["dsviz-definition"].chosen == std::vector<uint32_t>{0, 3});
    CHECK(b["dsviz-definition"].submitted);
    CHECK(b["#4"].text == a["#4"].text);
    CHECK(b["#4"].explanation == "because");
    CHECK_FALSE(b["t"].does_compile);
    CHECK(b["t"].line_number == 7);
    CHECK(serialize_answers(b) == rec);
    CHECK_FALSE(deserialize_answers("{\"json\": true}", b));
    CHECK(b.empty());
    // Damaged lines are skipped, the rest kept.
    REQUIRE(deserialize_answers("dsviz-quiz-answers 1\nbad line\nk\t1\t0\t1\t-1\tx\t\nk2\t1\tz\t1\t-1\t\t\nk3\t1\t-\t1\t-1\t%zz\t\n", b));
    CHECK(b.size() == 1);
    CHECK(b.count("k") == 1);
  }

  TEST_CASE("UTF-8: malformed sequences refused with their place; the font's coverage in one table") {
    Pos p;
    CHECK(valid_utf8("plain \xc5\x93 \xe2\x80\x94 \xf0\x9f\x98\x80", &p));
    for (const char* bad : {"\xc0\x80", "\xed\xa0\x80", "\xf5\x80\x80\x80", "\xe2\x80", "\x80", "\xf4\x90\x80\x80"}) {
      CAPTURE(bad);
      CHECK_FALSE(valid_utf8(bad, &p));
    }
    CHECK_FALSE(valid_utf8("ab\ncd\xff", &p));
    CHECK(p.line == 2);
    CHECK(p.col == 3);
    const auto cov = font_coverage();
    for (size_t i = 0; i < cov.size(); ++i) {
      CHECK(cov[i].first <= cov[i].last);
      if (i) CHECK(cov[i - 1].last < cov[i].first);
    }
    for (char32_t c : {U'A', U'\u00e9', U'\u0153', U'\u0152', U'\u00ab', U'\u00bb', U'\u2014', U'\u2013', U'\u2019',
                       U'\u201c', U'\u2026', U'\u00a0', U'\u20ac'})
      CHECK(font_covers(c));
    for (char32_t c : {U'\u202f', U'\u2009', U'\u0394', U'\U0001F600', U'\x07'}) CHECK_FALSE(font_covers(c));
    CHECK(displayable("a\xe2\x80\xaf?") == "a\xc2\xa0?");            // narrow nbsp -> nbsp
    CHECK(displayable("\xf0\x9f\x98\x80") == "\xe2\x96\xa1");        // emoji -> a white square
    CHECK(displayable("c\xc5\x93ur \xe2\x80\x94") == "c\xc5\x93ur \xe2\x80\x94");
    CHECK(displayable("\xff") == "\xe2\x96\xa1");
  }

  TEST_CASE("a 20 MB file is refused before parsing, quickly") {
    std::string big(20u << 20, 'x');
    const auto t0 = std::chrono::steady_clock::now();
    const auto lines = problems_of(big);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "1:1: error: file too large: 20971520 bytes (the limit is 262144)");
    CHECK(ms < 50);
    // Just under the limit: parsed (and refused for what it says, not its size).
    std::string under(kMaxQuizBytes, '#');
    under[kMaxQuizBytes - 1] = '\n';
    CHECK(problems_of(under) == std::vector<std::string>{"1:1: error: empty questions list: no [[questions]]"});
  }

  TEST_CASE("hostile input: deep nesting, huge numbers, odd types") {
    std::string deep = "x = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    CHECK(!problems_of(deep).empty());
    CHECK(!problems_of("[[questions]]\ntype = 1\n").empty());
    CHECK(!problems_of("questions = 3\n").empty());
    CHECK(!problems_of("[[questions]]\ntype = \"MultipleChoice\"\nprompt = 1\nanswer = []\n").empty());
    CHECK(!problems_of("[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"x\"\nprompt.distractors = [1, {a = 2}]\n"
                       "prompt.answerIndex = 99999999999999\nanswer.answer = [[\"x\"]]\n")
               .empty());
    CHECK(!problems_of(std::string("\0\0\0", 3)).empty());
  }

  TEST_CASE("tests/quiz: each file's problems exactly as expected.txt says (native only)") {
    const std::string dir = repo_root() + "/tests/quiz/";
    std::string expected;
    if (!read_file(dir + "expected.txt", expected)) {
      MESSAGE("skipped: cannot read " << dir << "expected.txt (no host file system in this build?)");
      return;
    }
    std::vector<std::string> want, got;
    size_t at = 0;
    while (at < expected.size()) {
      const size_t nl = expected.find('\n', at);
      want.push_back(expected.substr(at, nl - at));
      at = nl == std::string::npos ? expected.size() : nl + 1;
    }
    std::set<std::string> files;
    for (const auto& w : want) files.insert(w.substr(0, w.find(':')));
    files.insert("ok-features.toml");
    for (const auto& f : files) {
      std::string text;
      REQUIRE(read_file(dir + f, text));
      for (const auto& line : problems_of(text)) got.push_back(f + ":" + line);
    }
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    CHECK(want == got);
    Quiz q;
    std::string text;
    REQUIRE(read_file(dir + "ok-features.toml", text));
    std::vector<Problem> ps;
    REQUIRE(parse_quiz(text, q, ps));
    CHECK(q.questions.size() == 9);
    CHECK(q.key(8) == "#9");
    CHECK(q.multipart_context(4) != nullptr);
    CHECK(q.questions[4].prompt_explanation);
    CHECK(q.questions[6].response == Response::Code);
    CHECK(q.questions[8].line_number == 2);
  }

  TEST_CASE("the course's quiz passes the check (when ../shared/course is there)") {
    const std::string path = repo_root() + "/../shared/course/quizzes/fundamentals-what-is-ds.toml";
    std::string text;
    if (!read_file(path, text)) {
      MESSAGE("skipped: the course's quiz is not at " << path);
      return;
    }
    Quiz q;
    std::vector<Problem> ps;
    REQUIRE(parse_quiz(text, q, ps));
    CHECK(q.questions.size() == 6);
    size_t dups = 0;
    for (const auto& p : ps) {
      CHECK(p.severity == Severity::Warning);
      dups += p.message.rfind("duplicate option", 0) == 0;
    }
    CHECK(dups == 3);  // questions 1, 4 and 5 list the answer among the distractors
    for (size_t i = 0; i < q.questions.size(); ++i) {
      CAPTURE(q.key(i));
      CHECK(live_link(q.key(i)) != nullptr);
      // Each option shown once.
      std::set<std::string> opts(q.questions[i].options.begin(), q.questions[i].options.end());
      CHECK(opts.size() == q.questions[i].options.size());
    }
  }
}
